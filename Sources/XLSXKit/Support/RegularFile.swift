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
  guard stat(path, &info) == 0 else {
    throw XLSXError(.io, "cannot be opened: " + String(cString: strerror(errno)), file: path)
  }
  let kind = info.st_mode & S_IFMT
  guard kind != S_IFREG else { return }
  let what: String
  switch kind {
  case S_IFIFO: what = "a named pipe (FIFO)"
  case S_IFCHR, S_IFBLK: what = "a device"
  case S_IFSOCK: what = "a socket"
  case S_IFDIR: what = "a folder"
  default: what = "not a regular file"
  }
  throw XLSXError(.io, "\(what), not a file: refused (reading it could wait forever)", file: path)
}
