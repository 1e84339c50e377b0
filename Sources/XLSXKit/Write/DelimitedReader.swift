// DelimitedReader: streams the records of a CSV or TSV file (RFC 4180 quoting).

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads CSV or TSV records one at a time.
///
/// Fields may be quoted with `"`, quotes inside doubled, line breaks inside quotes kept; lines end
/// with LF or CRLF; a UTF-8 byte-order mark is skipped. Each record's fields are byte ranges into
/// ``fieldBytes``, valid until the next call.
public final class DelimitedReader {
  private let file: UnsafeMutablePointer<FILE>
  private let path: String
  private let delimiter: UInt8
  private var buffer = [UInt8](repeating: 0, count: 1 << 18)
  private var pos = 0
  private var end = 0
  private var eof = false
  private var first = true
  /// The current record's bytes, unquoted.
  public private(set) var fieldBytes: [UInt8] = []
  /// The current record's fields as ranges into ``fieldBytes``.
  public private(set) var fields: [Range<Int>] = []
  /// The 1-based line where the current record starts.
  public private(set) var line = 0
  private var nextLine = 1

  /// Opens `path`; the delimiter is `,` or a tab.
  ///
  /// - Throws: ``XLSXError`` `io`.
  public init(path: String, delimiter: UInt8) throws {
    guard let f = fopen(path, "rb") else {
      throw XLSXError(.io, "cannot be opened: \(String(cString: strerror(errno)))", file: path)
    }
    file = f
    self.path = path
    self.delimiter = delimiter
  }

  deinit { fclose(file) }

  private func refill() -> Bool {
    if eof { return false }
    if pos < end { buffer.withUnsafeMutableBufferPointer { b in
      if let base = b.baseAddress { base.update(from: base + pos, count: end - pos) }
    } }
    end -= pos
    pos = 0
    let n = buffer.withUnsafeMutableBufferPointer { b in fread(b.baseAddress.map { $0 + end }, 1, b.count - end, file) }
    if n == 0 {
      eof = true
      return false
    }
    end += n
    return true
  }

  @inline(__always) private func byte() -> UInt8? {
    if pos >= end && !refill() { return nil }
    let c = buffer[pos]
    pos += 1
    return c
  }

  /// Reads the next record; false at the end of the file.
  ///
  /// - Throws: ``XLSXError`` `invalid-value` for an unterminated quote, naming the line.
  public func next() throws -> Bool {
    fieldBytes.removeAll(keepingCapacity: true)
    fields.removeAll(keepingCapacity: true)
    line = nextLine
    guard var c = byte() else { return false }
    if first {
      first = false
      if c == 0xEF, let b = byte(), b == 0xBB, let d = byte(), d == 0xBF {
        guard let e = byte() else { return false }
        c = e
      }
    }
    var start = 0
    var current: UInt8? = c
    while true {
      guard let ch = current else {
        fields.append(start..<fieldBytes.count)
        return true
      }
      if ch == 0x22 && fieldBytes.count == start {
        // Quoted field.
        let quoteLine = nextLine
        while true {
          guard let q = byte() else {
            throw XLSXError(.invalidValue, "a quote opened on line \(quoteLine) is never closed", file: path, line: quoteLine)
          }
          if q == 0x22 {
            if pos >= end { _ = refill() }
            if pos < end && buffer[pos] == 0x22 {
              pos += 1
              fieldBytes.append(0x22)
              continue
            }
            break
          }
          if q == 0x0A { nextLine += 1 }
          fieldBytes.append(q)
        }
        current = byte()
        continue
      }
      if ch == delimiter {
        fields.append(start..<fieldBytes.count)
        start = fieldBytes.count
        current = byte()
        continue
      }
      if ch == 0x0A || ch == 0x0D {
        if ch == 0x0D {
          if pos >= end { _ = refill() }
          if pos < end && buffer[pos] == 0x0A { pos += 1 }
        }
        nextLine += 1
        fields.append(start..<fieldBytes.count)
        return true
      }
      fieldBytes.append(ch)
      current = byte()
    }
  }
}

/// Whether bytes form a number the way the benchmark's writers decide it:
/// `[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?`.
public func looksNumeric(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
  var i = 0
  let n = b.count
  if n == 0 { return false }
  if b[0] == 0x2D || b[0] == 0x2B { i = 1 }
  var digits = 0
  while i < n, b[i] >= 0x30 && b[i] <= 0x39 { i += 1; digits += 1 }
  if i < n && b[i] == 0x2E {
    i += 1
    while i < n, b[i] >= 0x30 && b[i] <= 0x39 { i += 1; digits += 1 }
  }
  if digits == 0 { return false }
  if i < n && (b[i] == 0x45 || b[i] == 0x65) {
    i += 1
    if i < n && (b[i] == 0x2D || b[i] == 0x2B) { i += 1 }
    var e = 0
    while i < n, b[i] >= 0x30 && b[i] <= 0x39 { i += 1; e += 1 }
    if e == 0 { return false }
  }
  return i == n
}
