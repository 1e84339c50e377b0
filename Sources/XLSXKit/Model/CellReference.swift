// CellReference: A1 notation, parsed from bytes and printed, with the grid's bounds.

/// A cell's position, 1-based, as in A1 notation (`B3` is row 3, column 2).
public struct CellReference: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The last row a worksheet can have (1,048,576).
  public static let maxRow = 1_048_576
  /// The last column a worksheet can have (16,384, `XFD`).
  public static let maxColumn = 16_384

  /// The 1-based row.
  public var row: Int
  /// The 1-based column.
  public var column: Int

  /// Creates a reference from 1-based row and column.
  public init(row: Int, column: Int) {
    self.row = row
    self.column = column
  }

  /// Parses `B3`, `$B$3` or `b3`; nil for anything else or beyond the grid.
  public init?(_ text: String) {
    let bytes = Array(text.utf8)
    guard let r = bytes.withUnsafeBufferPointer({ CellReference.parse($0) }) else { return nil }
    self = r
  }

  /// Parses A1 notation from raw bytes; nil when malformed or beyond the grid.
  public static func parse(_ b: UnsafeBufferPointer<UInt8>) -> CellReference? {
    var i = 0
    let n = b.count
    if i < n && b[i] == 0x24 { i += 1 }
    var col = 0
    let colStart = i
    while i < n {
      var c = b[i]
      if c >= 0x61 && c <= 0x7A { c -= 0x20 }
      guard c >= 0x41 && c <= 0x5A else { break }
      col = col * 26 + Int(c - 0x40)
      if col > maxColumn { return nil }
      i += 1
    }
    if i == colStart { return nil }
    if i < n && b[i] == 0x24 { i += 1 }
    var row = 0
    let rowStart = i
    while i < n {
      let c = b[i]
      guard c >= 0x30 && c <= 0x39 else { return nil }
      row = row * 10 + Int(c - 0x30)
      if row > maxRow { return nil }
      i += 1
    }
    if i == rowStart || row == 0 { return nil }
    return CellReference(row: row, column: col)
  }

  /// The column of A1 notation (`B3` → 2), checking the row part is digits within the grid;
  /// nil when malformed. Cheaper than ``parse(_:)`` when the row is known.
  @inline(__always)
  public static func parseColumn(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
    let n = b.count
    var i = 0
    var col = 0
    while i < n {
      let c = b[i] | 0x20  // lower case
      guard c >= 0x61 && c <= 0x7A else { break }
      col = col &* 26 &+ Int(c &- 0x60)
      i += 1
    }
    // Fast path: plain `AB12` with 1–3 letters and 1–7 digits.
    guard i >= 1, i <= 3, col <= maxColumn, n - i >= 1, n - i <= 7, b[i] != 0x30 else { return parse(b)?.column }
    var row = 0
    while i < n {
      let d = b[i] &- 0x30
      guard d <= 9 else { return parse(b)?.column }
      row = row &* 10 &+ Int(d)
      i += 1
    }
    return row <= maxRow ? col : nil
  }

  /// A sheet's name as a formula, a defined name or a link writes it: in single quotes, the
  /// quotes it holds doubled.
  public static func quoted(sheet name: String) -> String { "'" + name.replacingAll("'", "''") + "'" }

  /// The column's letters: 1 → `A`, 27 → `AA`.
  public static func columnName(_ column: Int) -> String { spelled(column, row: nil) }

  /// The letters of `column`, then the digits of `row` if any, built on the stack: a reference is
  /// at most 10 bytes, which a String holds without allocating.
  private static func spelled(_ column: Int, row: Int?) -> String {
    guard column >= 1, column <= 18_278, (row ?? 0) >= 0, (row ?? 0) < 1_000_000_000 else {
      var n = column
      var chars: [UInt8] = []
      while n > 0 {
        chars.append(UInt8(0x41 + (n - 1) % 26))
        n = (n - 1) / 26
      }
      return String(decoding: chars.reversed(), as: UTF8.self) + (row.map(String.init) ?? "")
    }
    var buffer: (UInt64, UInt64) = (0, 0)
    return withUnsafeMutableBytes(of: &buffer) { b in
      var n = 0
      if column > 702 {
        b[n] = UInt8(truncatingIfNeeded: 0x41 + (column - 703) / 676)
        n += 1
      }
      if column > 26 {
        b[n] = UInt8(truncatingIfNeeded: 0x41 + ((column - 27) / 26) % 26)
        n += 1
      }
      b[n] = UInt8(truncatingIfNeeded: 0x41 + (column - 1) % 26)
      n += 1
      if var r = row {
        var digits = 1
        var p = 10
        while p <= r {
          digits += 1
          p *= 10
        }
        for k in stride(from: n + digits - 1, through: n, by: -1) {
          b[k] = UInt8(truncatingIfNeeded: 0x30 + r % 10)
          r /= 10
        }
        n += digits
      }
      return String(decoding: UnsafeRawBufferPointer(rebasing: b[..<n]), as: UTF8.self)
    }
  }

  /// The reference in A1 notation.
  public var description: String { CellReference.spelled(column, row: row) }

  public static func < (a: CellReference, b: CellReference) -> Bool {
    (a.row, a.column) < (b.row, b.column)
  }
}

/// A rectangular range of cells, such as a merged range `A1:C2`.
public struct CellRange: Hashable, Sendable, CustomStringConvertible {
  /// The top-left cell.
  public var first: CellReference
  /// The bottom-right cell.
  public var last: CellReference

  /// Creates a range from two corners in any order.
  public init(_ a: CellReference, _ b: CellReference) {
    first = CellReference(row: min(a.row, b.row), column: min(a.column, b.column))
    last = CellReference(row: max(a.row, b.row), column: max(a.column, b.column))
  }

  /// Parses `A1:C2` or a single cell `B3`; nil when malformed.
  public init?(_ text: String) {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 1 || parts.count == 2, let a = CellReference(String(parts[0])) else { return nil }
    let b = parts.count == 2 ? CellReference(String(parts[1])) : a
    guard let b else { return nil }
    self.init(a, b)
  }

  /// Whether `ref` lies inside the range.
  public func contains(_ ref: CellReference) -> Bool {
    ref.row >= first.row && ref.row <= last.row && ref.column >= first.column && ref.column <= last.column
  }

  /// The range in A1 notation.
  public var description: String { first == last ? first.description : "\(first):\(last)" }
}
