// RegularFile: inputs are regular files. A FIFO named x.xlsx would make a reader wait forever for
// a writer, and a device can be endless; both are refused before anything opens them.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Throws unless `path` is a regular file (symbolic links followed).
///
/// - Throws: ``XLSXError`` `io`: missing, unreadable, or a FIFO, device, socket or folder.
func requireRegularFile(_ path: String) throws {
  var info = stat()
  guard FileName.withSystemPath(path, { stat($0, &info) }) == 0 else {
    let number = errno
    throw XLSXError(.io, "cannot be opened: " + String(cString: strerror(number)),
                    facts: number == ENOENT ? XLSXError.Facts(.missing) : .system(.open, number), file: path)
  }
  guard let name = irregularName(info.st_mode) else { return }
  if info.st_mode & S_IFMT == S_IFDIR {
    throw XLSXError(.io, "a folder, not a file: give a workbook in it", facts: XLSXError.Facts(.folder), file: path)
  }
  throw XLSXError(.io, "\(irregularWords(name)), not a file: refused (reading it could wait forever)",
                  facts: XLSXError.Facts(.notRegularFile, value: name), file: path)
}

/// What a file that is not a regular file is, as a stable name (`fifo`, `device`, `socket`,
/// `folder`, `other`) for ``XLSXError/Facts/value``; nil for a regular file.
func irregularName(_ mode: mode_t) -> String? {
  switch mode & S_IFMT {
  case S_IFREG: return nil
  case S_IFIFO: return "fifo"
  case S_IFCHR, S_IFBLK: return "device"
  case S_IFSOCK: return "socket"
  case S_IFDIR: return "folder"
  default: return "other"
  }
}

/// What a file that is not a regular file is, in English words ("a named pipe (FIFO)", "a device"
/// …), from its ``irregularName(_:)``.
func irregularWords(_ name: String) -> String {
  switch name {
  case "fifo": return "a named pipe (FIFO)"
  case "device": return "a device"
  case "socket": return "a socket"
  case "folder": return "a folder"
  default: return "not a regular file"
  }
}
