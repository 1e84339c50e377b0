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
  private let capacity = 1 << 18
  private let buffer: UnsafeMutablePointer<UInt8>
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

  /// Opens `path`; the delimiter is `,` or a tab. Errors name `label` (the file the user gave, when
  /// `path` is its transcoded copy), else `path`.
  ///
  /// - Throws: ``XLSXError`` `io`.
  public init(path: String, delimiter: UInt8, label: String? = nil) throws {
    guard let f = fopen(path, "rb") else {
      throw XLSXError(.io, "cannot be opened: \(String(cString: strerror(errno)))", facts: .system(.open), file: label ?? path)
    }
    file = f
    self.path = label ?? path
    self.delimiter = delimiter
    buffer = .allocate(capacity: capacity)
  }

  deinit {
    fclose(file)
    buffer.deallocate()
  }

  /// Reads more bytes after keeping those from `pos`; returns the new (pos, end), or nil at the end.
  private func refill(_ p: Int, _ e: Int) -> (Int, Int)? {
    if eof { return nil }
    if p < e { buffer.update(from: buffer + p, count: e - p) }
    let kept = e - p
    let n = fread(buffer + kept, 1, capacity - kept, file)
    if n == 0 {
      eof = true
      return nil
    }
    return (0, kept + n)
  }

  /// Reads the next record; false at the end of the file.
  ///
  /// - Throws: ``XLSXError`` `invalid-value` for an unterminated quote, naming the line.
  public func next() throws -> Bool {
    var bytes: [UInt8] = []
    var ranges: [Range<Int>] = []
    swap(&bytes, &fieldBytes)
    swap(&ranges, &fields)
    bytes.removeAll(keepingCapacity: true)
    ranges.removeAll(keepingCapacity: true)
    var p = pos
    var e = end
    var lineNumber = nextLine
    defer {
      swap(&bytes, &fieldBytes)
      swap(&ranges, &fields)
      pos = p
      end = e
      nextLine = lineNumber
    }
    let buf = buffer
    let delim = delimiter
    line = lineNumber
    @inline(__always) func ensure() -> Bool {
      if p < e { return true }
      guard let (np, ne) = refill(p, e) else { return false }
      p = np
      e = ne
      return true
    }
    guard ensure() else { return false }
    if first {
      first = false
      if buf[p] == 0xEF {
        // A byte-order mark (the three bytes may straddle a refill only in a file under 3 bytes).
        if e - p < 3 { _ = refill(p, e).map { p = $0.0; e = $0.1 } }
        if e - p >= 3 && buf[p + 1] == 0xBB && buf[p + 2] == 0xBF { p += 3 }
        guard ensure() else { return false }
      }
    }
    var start = 0
    while true {
      guard ensure() else {
        ranges.append(start..<bytes.count)
        return true
      }
      let ch = buf[p]
      p += 1
      if ch == 0x22 && bytes.count == start {
        let quoteLine = lineNumber
        while true {
          guard ensure() else {
            throw XLSXError(.invalidValue, "a quote opened on line \(quoteLine) is never closed",
                            facts: XLSXError.Facts(.unclosedQuote, value: String(quoteLine)), file: path, line: quoteLine)
          }
          let q = buf[p]
          p += 1
          if q == 0x22 {
            if ensure() && buf[p] == 0x22 {
              p += 1
              bytes.append(0x22)
              continue
            }
            break
          }
          if q == 0x0A { lineNumber += 1 }
          bytes.append(q)
        }
        continue
      }
      if ch == delim {
        ranges.append(start..<bytes.count)
        start = bytes.count
        continue
      }
      if ch == 0x0A || ch == 0x0D {
        if ch == 0x0D && ensure() && buf[p] == 0x0A { p += 1 }
        lineNumber += 1
        ranges.append(start..<bytes.count)
        return true
      }
      // Copy a run of plain bytes at once.
      var q = p
      while q < e {
        let c = buf[q]
        if c == delim || c == 0x0A || c == 0x0D || c == 0x22 { break }
        q += 1
      }
      bytes.append(ch)
      if q > p {
        bytes.append(contentsOf: UnsafeBufferPointer(start: buf + p, count: q - p))
        p = q
      }
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
