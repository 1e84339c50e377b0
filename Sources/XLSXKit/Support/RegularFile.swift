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
    throw XLSXError(.io, "cannot be opened: " + String(cString: strerror(errno)), file: path)
  }
  guard let what = irregularKind(info.st_mode) else { return }
  if info.st_mode & S_IFMT == S_IFDIR {
    throw XLSXError(.io, "a folder, not a file: give a workbook in it", file: path)
  }
  throw XLSXError(.io, "\(what), not a file: refused (reading it could wait forever)", file: path)
}

/// What a file that is not a regular file is, in words ("a named pipe (FIFO)", "a device" …); nil
/// for a regular file.
func irregularKind(_ mode: mode_t) -> String? {
  switch mode & S_IFMT {
  case S_IFREG: return nil
  case S_IFIFO: return "a named pipe (FIFO)"
  case S_IFCHR, S_IFBLK: return "a device"
  case S_IFSOCK: return "a socket"
  case S_IFDIR: return "a folder"
  default: return "not a regular file"
  }
}
