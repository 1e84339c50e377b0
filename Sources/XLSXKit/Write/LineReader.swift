// LineReader: streams the lines of a text file, each within a bounded length.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file a line at a time through one buffer, so that memory does not grow with the file.
///
/// Lines end with LF; a CR before it is dropped, and a UTF-8 byte-order mark at the start is
/// skipped. A line longer than ``maxLineLength`` is an error naming it.
public final class LineReader {
  /// The longest line accepted, in bytes.
  public let maxLineLength: Int
  /// The 1-based number of the line last returned.
  public private(set) var line = 0
  private let file: UnsafeMutablePointer<FILE>
  private let label: String
  private var buffer: [UInt8]
  private var start = 0
  private var end = 0
  private var eof = false

  /// Opens `path`; errors name `label` (the file the user gave, when `path` is its transcoded
  /// copy), else `path`.
  ///
  /// - Throws: ``XLSXError`` `io`.
  public init(path: String, label: String? = nil, maxLineLength: Int = 8 << 20) throws {
    guard let f = fopen(path, "rb") else {
      throw XLSXError(.io, "cannot be opened: \(String(cString: strerror(errno)))", facts: .system(.open), file: label ?? path)
    }
    file = f
    self.label = label ?? path
    self.maxLineLength = maxLineLength
    buffer = [UInt8](repeating: 0, count: min(1 << 20, maxLineLength + 1))
  }

  deinit { fclose(file) }

  /// Calls `body` with the next line's bytes (without its line end); false after the last line.
  ///
  /// - Throws: ``XLSXError`` `limit-exceeded` for a line over ``maxLineLength``, `io` for a read
  ///   error, or what `body` throws.
  public func next(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Bool {
    var searched = start
    while true {
      if let lf = buffer[searched..<end].firstIndex(of: 0x0A) {
        try emit(start..<lf, body)
        start = lf + 1
        return true
      }
      searched = end
      if eof {
        guard start < end else { return false }
        try emit(start..<end, body)
        start = end
        return true
      }
      if end - start > maxLineLength {
        throw XLSXError(.limitExceeded, "line \(line + 1) is longer than \(maxLineLength >> 20) MiB",
                        facts: .exceeded(.lineLength, maxLineLength), file: label, line: line + 1)
      }
      try refill(&searched)
    }
  }

  private func emit(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
    line += 1
    var r = range
    if line == 1, r.count >= 3, buffer[r.lowerBound] == 0xEF, buffer[r.lowerBound + 1] == 0xBB, buffer[r.lowerBound + 2] == 0xBF {
      r = (r.lowerBound + 3)..<r.upperBound
    }
    if let last = r.last, buffer[last] == 0x0D { r = r.lowerBound..<last }
    if r.count > maxLineLength {
      throw XLSXError(.limitExceeded, "line \(line) is longer than \(maxLineLength >> 20) MiB",
                      facts: .exceeded(.lineLength, maxLineLength), file: label, line: line)
    }
    try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[r])) }
  }

  /// Moves the unread bytes to the front and reads more behind them, growing the buffer when a
  /// line fills it; `searched` follows the move.
  private func refill(_ searched: inout Int) throws {
    if start > 0 {
      buffer.withUnsafeMutableBufferPointer { b in
        if let base = b.baseAddress { memmove(base, base + start, end - start) }
      }
      searched -= start
      end -= start
      start = 0
    }
    if end == buffer.count { buffer.append(contentsOf: repeatElement(0, count: min(buffer.count, maxLineLength + 1))) }
    let n = buffer.withUnsafeMutableBufferPointer { b in fread(b.baseAddress.map { $0 + end }, 1, b.count - end, file) }
    if n == 0 {
      if ferror(file) != 0 { throw XLSXError(.io, "cannot be read: \(String(cString: strerror(errno)))", facts: .system(.read), file: label) }
      eof = true
    }
    end += n
  }
}
