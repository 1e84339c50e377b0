// TemporaryFile: a new file beside a destination, for writing it completely before renaming it.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Creates an empty, uniquely named file `.NAME.tmp-HOST-PID-XXXXXX` in the folder of
/// `destination`, so that a rename onto the destination stays on one file system. The file is
/// registered (``TemporaryFileRegistry``) until it is removed or moved into place; with
/// `removingLeftovers`, files of the same name left by a killed process are removed first.
///
/// - Returns: the open descriptor and the file's path.
/// - Throws: ``XLSXError`` `io` when the folder cannot be written.
func makeTemporaryFile(beside destination: String, removingLeftovers: Bool = true) throws -> (descriptor: Int32, path: String) {
  try requireReplaceable(destination)
  let dir: String
  let base: String
  if let slash = destination.lastIndex(of: "/") {
    dir = String(destination[..<slash])
    base = String(destination[destination.index(after: slash)...])
  } else {
    dir = "."
    base = destination
  }
  let prefix = "." + base + ".tmp-"
  if removingLeftovers { TemporaryFileRegistry.removeLeftovers(in: dir, prefix: prefix) }
  var template = Array(((dir.isEmpty ? "" : dir) + "/" + prefix + TemporaryFileRegistry.ownerTag + "-XXXXXX").utf8CString)
  let fd = mkstemp(&template)
  if fd < 0 {
    let number = errno
    let folder = dir.isEmpty ? "/" : dir
    throw XLSXError(.io, "cannot create a file in \(folder): \(String(cString: strerror(number)))",
                    facts: .system(.create, number, value: folder), file: destination)
  }
  let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
  TemporaryFileRegistry.register(path)
  return (fd, path)
}

/// Whether two paths name the same existing file (so that writing one would overwrite the other).
public func isSameFile(_ a: String, _ b: String) -> Bool {
  var sa = stat()
  var sb = stat()
  guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
}

/// Creates an empty, uniquely named scratch file in the temporary folder (`$TMPDIR`, else `/tmp`)
/// and returns its path; the caller removes it (``removeTemporaryFile(_:)``).
///
/// - Throws: ``XLSXError`` `io` when the folder cannot be written.
func makeScratchFile(_ stem: String) throws -> String {
  // The scratch folder's leftovers are swept once a run (``TemporaryFileRegistry/removeLeftoverScratchFiles()``),
  // not once a file.
  let (fd, path) = try makeTemporaryFile(beside: TemporaryFileRegistry.scratchFolder + "/jixiao-\(stem)", removingLeftovers: false)
  close(fd)
  return path
}

/// Throws when `destination` exists and is not a regular file: a device (`/dev/null`), a FIFO or a
/// socket would be replaced by the renamed file, which is never what was meant.
///
/// - Throws: ``XLSXError`` `invalid-argument`.
func requireReplaceable(_ destination: String) throws {
  var info = stat()
  guard stat(destination, &info) == 0, let name = irregularName(info.st_mode) else { return }
  throw XLSXError(.invalidArgument, "the output is \(irregularWords(name)), not a file: give the name of a file to write",
                  facts: XLSXError.Facts(.notRegularFile, value: name), file: destination)
}

/// Moves the finished temporary file onto `destination`: an existing file keeps its permissions, a
/// new one gets the usual ones for the user's umask (0666 less the umask, as the shell's `>` gives).
///
/// - Throws: ``XLSXError`` `io` when the rename fails (the temporary file is removed).
func moveIntoPlace(_ temporary: String, _ destination: String) throws {
  var info = stat()
  let mode: mode_t
  if stat(destination, &info) == 0 {
    mode = info.st_mode & 0o7777
  } else {
    let mask = umask(0o022)
    umask(mask)
    mode = 0o666 & ~mask
  }
  _ = chmod(temporary, mode)
  if rename(temporary, destination) != 0 {
    let number = errno
    removeTemporaryFile(temporary)
    throw XLSXError(.io, "cannot move the finished file into place: \(String(cString: strerror(number)))",
                    facts: .system(.move, number), file: destination)
  }
  TemporaryFileRegistry.unregister(temporary)
}
