// SharedStringTable: the workbook's shared strings, kept as one UTF-8 arena with offsets.

/// The shared strings of a workbook, stored compactly: one byte arena and an offset per string.
///
/// Strings are kept decoded (entities and `_xHHHH_` escapes resolved, phonetic runs dropped, rich
/// text runs joined). Per-string flags say whether a CSV field would need quoting, so writers copy
/// bytes without looking at them again.
public struct SharedStringTable: Sendable {
  /// Flag: contains a comma, quote, tab, CR or LF (a CSV/TSV field must be quoted).
  public static let needsQuoting: UInt8 = 1
  /// Flag: starts with `=`, `+`, `-`, `@`, tab or CR (a formula-injection risk in CSV).
  public static let formulaLike: UInt8 = 2
  /// Flag: contains a character JSON must escape (quote, backslash, control character).
  public static let needsJSONEscape: UInt8 = 4

  /// All strings' bytes, back to back.
  public private(set) var bytes: [UInt8] = []
  /// Start offset of string `i` is `offsets[i]`, its end `offsets[i + 1]`.
  public private(set) var offsets: [Int] = [0]
  /// Per-string flags (see the static constants).
  public private(set) var flags: [UInt8] = []

  /// An empty table.
  public init() {}

  /// The number of strings.
  public var count: Int { flags.count }

  /// String `i` (the caller checks the range).
  public subscript(i: Int) -> String {
    String(decoding: bytes[offsets[i]..<offsets[i + 1]], as: UTF8.self)
  }

  /// Appends a string's UTF-8 bytes.
  public mutating func append(_ s: UnsafeBufferPointer<UInt8>) {
    bytes.append(contentsOf: s)
    offsets.append(bytes.count)
    flags.append(SharedStringTable.flags(of: s))
  }

  /// Reserves room for `n` strings.
  public mutating func reserve(_ n: Int) {
    offsets.reserveCapacity(n + 1)
    flags.reserveCapacity(n)
  }

  /// Reserves room for `n` bytes of text, so that the arena is not copied as it grows (a copy
  /// holds the old and the new arena at once). Room not written to costs address space only.
  public mutating func reserveBytes(_ n: Int) {
    bytes.reserveCapacity(n)
  }

  /// The flags a string would get.
  public static func flags(of s: UnsafeBufferPointer<UInt8>) -> UInt8 {
    var f: UInt8 = 0
    if let c = s.first, c == 0x3D || c == 0x2B || c == 0x2D || c == 0x40 || c == 0x09 || c == 0x0D {
      f |= formulaLike
    }
    for c in s {
      if c < 0x20 || c == 0x22 || c == 0x2C || c == 0x5C {
        if c == 0x22 || c == 0x2C || c == 0x0A || c == 0x0D || c == 0x09 { f |= needsQuoting }
        if c != 0x2C { f |= needsJSONEscape }
      }
    }
    return f
  }
}

/// Decodes Excel's `_xHHHH_` escapes (used for control characters and for a literal `_x` as
/// `_x005F_`) in place; UTF-16 surrogate pairs written as two escapes are joined.
func decodeExcelEscapes(_ b: inout [UInt8], from start: Int) {
  // Fast exit: no "_x" in the range.
  var i = start
  var found = false
  while i + 6 < b.count {
    if b[i] == 0x5F && b[i + 1] == 0x78 && b[i + 6] == 0x5F { found = true; break }
    i += 1
  }
  if !found { return }
  func hexValue(_ at: Int) -> UInt32? {
    guard at + 6 < b.count else { return nil }
    guard b[at] == 0x5F, b[at + 1] == 0x78, b[at + 6] == 0x5F else { return nil }
    var v: UInt32 = 0
    for k in 2..<6 {
      let c = b[at + k]
      let d: UInt32
      switch c {
      case 0x30...0x39: d = UInt32(c - 0x30)
      case 0x41...0x46: d = UInt32(c - 0x41 + 10)
      case 0x61...0x66: d = UInt32(c - 0x61 + 10)
      default: return nil
      }
      v = v << 4 | d
    }
    return v
  }
  var out: [UInt8] = Array(b[..<start])
  out.reserveCapacity(b.count)
  i = start
  while i < b.count {
    if b[i] == 0x5F, i + 6 < b.count, let v = hexValue(i) {
      var scalarValue = v
      var used = 7
      if (0xD800...0xDBFF).contains(v), i + 13 < b.count, let low = hexValue(i + 7), (0xDC00...0xDFFF).contains(low) {
        scalarValue = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
        used = 14
      }
      if let scalar = Unicode.Scalar(scalarValue) {
        UTF8.encode(scalar) { out.append($0) }
        i += used
        continue
      }
    }
    out.append(b[i])
    i += 1
  }
  b = out
}

enum SharedStringsReader {
  /// Reads `sharedStrings.xml` within the shared-string and text-length limits of `options`;
  /// `sizeHint` is the part's inflated size as its zip entry declares it (-1: unknown), which the
  /// text cannot exceed.
  static func read(_ parser: XMLPullParser, options: ReadOptions, sizeHint: Int64 = -1) throws -> SharedStringTable {
    let limits = (count: options.maxSharedStrings, bytes: options.maxSharedStringBytes, length: options.maxCellTextLength)
    var table = SharedStringTable()
    if sizeHint > 1 << 20 { table.reserveBytes(Int(min(sizeHint, Int64(limits.bytes)))) }
    var current: [UInt8] = []
    var inSI = false
    var phonetic = 0
    var inT = false
    var fastStart = 0
    var fastCount = 0
    while true {
      if parser.depth == 1 && !inSI {
        switch parser.scanSharedString(&fastStart, &fastCount) {
        case .cell:
          current.removeAll(keepingCapacity: true)
          current.append(contentsOf: UnsafeBufferPointer(start: parser.buffer + fastStart, count: fastCount))
          try add(&current, to: &table, parser, limits)
          continue
        case .needMore:
          if try parser.fill(keeping: parser.pos).0 { continue }
        case .fallback:
          break
        }
      }
      let t = try parser.next()
      switch t {
      case .eof:
        return table
      case .start:
        if parser.isLocalName("si") {
          inSI = true
          current.removeAll(keepingCapacity: true)
        } else if parser.isLocalName("t") {
          inT = inSI
        } else if parser.isLocalName("rPh") {
          phonetic += 1
        } else if parser.isLocalName("sst") {
          if let n = parser.attribute("uniqueCount") {
            let count = parser.withBytes(n) { parseInt($0) } ?? 0
            // The count is only a hint, and may lie: reserve at most a million entries.
            table.reserve(min(count, limits.count, 1 << 20))
          }
        }
      case .end:
        if parser.isLocalName("t") {
          inT = false
        } else if parser.isLocalName("rPh") {
          phonetic -= 1
        } else if parser.isLocalName("si") {
          inSI = false
          try add(&current, to: &table, parser, limits)
        }
      case .text:
        if inT && phonetic == 0 {
          try parser.appendText(to: &current)
          if current.count > options.maxCellTextBytes + 4096 {
            throw parser.error(.limitExceeded, "a shared string is longer than \(limits.length) characters",
                               facts: .exceeded(.textLength, limits.length))
          }
        }
      }
    }

  }
}

/// Decodes a string's escapes and appends it to the table, within the limits.
private func add(_ current: inout [UInt8], to table: inout SharedStringTable, _ parser: XMLPullParser,
                 _ limits: (count: Int, bytes: Int, length: Int)) throws {
  decodeExcelEscapes(&current, from: 0)
  if table.count >= limits.count {
    throw parser.error(.limitExceeded, "more than \(limits.count) shared strings", facts: .exceeded(.sharedStrings, limits.count))
  }
  if table.bytes.count + current.count > limits.bytes {
    throw parser.error(
      .limitExceeded,
      "the shared strings take more than \(limits.bytes >> 20) MiB of memory (\(table.count) strings read so far)",
      facts: .exceeded(.sharedStringBytes, limits.bytes))
  }
  if current.count > limits.length {
    let length = current.withUnsafeBufferPointer(CellText.length)
    if length > limits.length {
      throw parser.error(
        .limitExceeded,
        "shared string \(table.count) is \(length) characters long, more than the limit of \(limits.length) (Excel's own)",
        facts: .exceeded(.textLength, limits.length, value: String(length)))
    }
  }
  current.withUnsafeBufferPointer { table.append($0) }
}

/// Parses a non-negative decimal integer; nil when empty, not digits, or too large.
@inline(__always)
func parseInt(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
  if b.isEmpty || b.count > 18 { return nil }
  var v = 0
  for c in b {
    guard c >= 0x30 && c <= 0x39 else { return nil }
    v = v &* 10 &+ Int(c &- 0x30)
  }
  return v
}
