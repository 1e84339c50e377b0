// ByteSink: buffered output to a file written atomically (temporary file, then rename) or to stdout.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered byte writer.
///
/// For a path, bytes go to a temporary file beside it, renamed over the path by ``commit()``; if the
/// sink is dropped without a commit, the temporary file is removed and the path is untouched.
public final class ByteSink {
  private var fd: Int32
  private let path: String?
  private let tempPath: String?
  private let buffer: UnsafeMutablePointer<UInt8>
  private let capacity: Int
  private var count = 0
  private var committed = false

  /// Writes to standard output.
  public init() {
    fd = 1
    path = nil
    tempPath = nil
    capacity = 1 << 16
    buffer = .allocate(capacity: capacity)
  }

  /// Writes to a temporary file beside `path`, renamed onto it by ``commit()``.
  ///
  /// - Throws: ``XLSXError`` `io` when the folder cannot be written.
  public init(path: String) throws {
    self.path = path
    (fd, tempPath) = try makeTemporaryFile(beside: path)
    capacity = 1 << 20
    buffer = .allocate(capacity: capacity)
  }

  deinit {
    if let tempPath, !committed {
      close(fd)
      removeTemporaryFile(tempPath)
    }
    buffer.deallocate()
  }

  /// Appends bytes.
  @inline(__always)
  public func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
    guard let base = bytes.baseAddress else { return }
    if count + bytes.count > capacity {
      try flush()
      if bytes.count > capacity {
        try writeAll(base, bytes.count)
        return
      }
    }
    (buffer + count).update(from: base, count: bytes.count)
    count += bytes.count
  }

  /// Appends one byte.
  @inline(__always)
  public func write(_ byte: UInt8) throws {
    if count == capacity { try flush() }
    buffer[count] = byte
    count += 1
  }

  /// Appends a string's UTF-8 bytes.
  public func write(_ s: String) throws {
    var s = s
    try s.withUTF8 { try write($0) }
  }

  /// Appends bytes from an array slice.
  public func write(_ bytes: ArraySlice<UInt8>) throws {
    try bytes.withUnsafeBufferPointer { try write($0) }
  }

  /// Writes out the buffer.
  public func flush() throws {
    if count > 0 { try writeAll(buffer, count) }
    count = 0
  }

  private func writeAll(_ p: UnsafePointer<UInt8>, _ n: Int) throws {
    var done = 0
    while done < n {
      let w = Glibc.write(fd, p + done, n - done)
      if w < 0 {
        let number = errno
        if number == EINTR { continue }
        throw XLSXError(.io, "cannot write: \(String(cString: strerror(number)))", facts: .system(.write, number), file: path ?? "<stdout>")
      }
      done += w
    }
  }

  /// Flushes, closes and renames the temporary file onto the destination (for stdout, flushes).
  ///
  /// - Throws: ``XLSXError`` `io`.
  public func commit() throws {
    try flush()
    guard let tempPath, let path else { return }
    if fsync(fd) != 0 && errno != EINVAL {
      let number = errno
      throw XLSXError(.io, "cannot sync: \(String(cString: strerror(number)))", facts: .system(.write, number), file: path)
    }
    close(fd)
    committed = true
    try moveIntoPlace(tempPath, path)
  }
}

extension ByteSink {
  /// Starts `write` on another thread with this sink, which is that thread's until the returned
  /// work is waited for (``BackgroundWork/wait()``): write nothing else to it, nor commit it, before.
  public func writeInBackground(_ write: @escaping @Sendable (ByteSink) throws -> Void) -> BackgroundWork<Void> {
    let lent = Lent(self)
    return BackgroundWork { try write(lent.sink) }
  }

  /// The sink, lent to one other thread.
  private struct Lent: @unchecked Sendable {  // the lender does not touch it until the work is done
    let sink: ByteSink
    init(_ sink: ByteSink) { self.sink = sink }
  }
}
