// TemporaryFile: a new file beside a destination, for writing it completely before renaming it.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Creates an empty, uniquely named file `.NAME.tmp-XXXXXX` in the folder of `destination`, so that
/// a rename onto the destination stays on one file system.
///
/// - Returns: the open descriptor and the file's path.
/// - Throws: ``XLSXError`` `io` when the folder cannot be written.
func makeTemporaryFile(beside destination: String) throws -> (descriptor: Int32, path: String) {
  let dir: String
  let base: String
  if let slash = destination.lastIndex(of: "/") {
    dir = String(destination[..<slash])
    base = String(destination[destination.index(after: slash)...])
  } else {
    dir = "."
    base = destination
  }
  var template = Array(((dir.isEmpty ? "" : dir) + "/." + base + ".tmp-XXXXXX").utf8CString)
  let fd = mkstemp(&template)
  if fd < 0 {
    throw XLSXError(.io, "cannot create a file in \(dir.isEmpty ? "/" : dir): \(String(cString: strerror(errno)))", file: destination)
  }
  return (fd, String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self))
}

/// Whether two paths name the same existing file (so that writing one would overwrite the other).
public func isSameFile(_ a: String, _ b: String) -> Bool {
  var sa = stat()
  var sb = stat()
  guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
}

/// Creates an empty, uniquely named scratch file in the temporary folder (`$TMPDIR`, else `/tmp`)
/// and returns its path; the caller removes it.
///
/// - Throws: ``XLSXError`` `io` when the folder cannot be written.
func makeScratchFile(_ stem: String) throws -> String {
  let dir = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
  let (fd, path) = try makeTemporaryFile(beside: "\(dir.isEmpty ? "/tmp" : dir)/jixiao-\(stem)")
  close(fd)
  return path
}
