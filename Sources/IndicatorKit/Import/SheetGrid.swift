// SheetGrid: a worksheet as rows of text as written, merged cells filled in, for the importer.

import Foundation
import XLSXKit

/// A cell as the importer sees it.
struct GridCell: Sendable {
  /// The text as a person reads it, trimmed of white space and line breaks at both ends: strings
  /// as they are, numbers as their format shows them (`0.05` in a `0.0%` cell is 「5.0%」), dates
  /// in ISO form.
  var text: String
  /// The typed value.
  var value: CellValue
  /// Whether the cell lies inside a merged range below or right of its top-left cell, and its
  /// content is the top-left's.
  var fromMerge = false
  /// The top-left cell of its merged range when it is in one.
  var mergeOrigin: CellReference?
}

/// A sheet's non-empty cells by row and column, merged ranges filled from their top-left cell.
struct SheetGrid: Sendable {
  let name: String
  private(set) var rows: [Int: [Int: GridCell]] = [:]
  private(set) var lastRow = 0
  /// Merged ranges, by their top-left cell.
  private(set) var merges: [CellReference: CellRange] = [:]
  /// The damage that ended the sheet early, if any (the rows before it are here).
  private(set) var damage: SheetDamage?
  /// Each row's distinct texts, worked out once (the importer asks for them several times a row).
  private var distinct: [Int: [(column: Int, text: String)]] = [:]

  /// Reads `sheet` of `workbook`.
  init(workbook: Workbook, sheet: SheetInfo, maxCells: Int = 2_000_000) throws {
    name = sheet.name
    let reader = try workbook.reader(for: sheet)
    var count = 0
    while let row = try reader.nextRow() {
      for raw in row.cells {
        let cell = reader.cell(raw)
        let shown = SheetGrid.display(cell)
        if shown.isEmpty { continue }
        let text = shown.trimmed
        count += 1
        if count > maxCells {
          throw XLSXError(.limitExceeded, "more than \(maxCells) cells: not a plan or report",
                          facts: .exceeded(.cells, maxCells), file: workbook.path,
                          sheet: sheet.name)
        }
        rows[row.index, default: [:]][raw.column] = GridCell(text: text, value: cell.value)
        lastRow = max(lastRow, row.index)
      }
    }
    damage = reader.damage
    for range in reader.mergedRanges {
      let rowsCount = range.last.row - range.first.row + 1
      let colsCount = range.last.column - range.first.column + 1
      guard rowsCount * colsCount <= 10_000 else { continue }  // a merge over a whole sheet carries nothing
      merges[range.first] = range
      let origin = rows[range.first.row]?[range.first.column]
      for r in range.first.row...range.last.row {
        for c in range.first.column...range.last.column {
          if r == range.first.row && c == range.first.column {
            rows[r, default: [:]][c]?.mergeOrigin = range.first
            continue
          }
          guard let origin else { continue }
          var copy = origin
          copy.fromMerge = true
          copy.mergeOrigin = range.first
          rows[r, default: [:]][c] = copy
        }
      }
    }
    for (row, cells) in rows { distinct[row] = SheetGrid.distinctTexts(row, cells) }
  }

  /// The numbers of the rows that hold a cell, in order.
  var rowNumbers: [Int] { rows.keys.sorted() }

  /// The cell at `row`, `column`.
  func cell(_ row: Int, _ column: Int) -> GridCell? { rows[row]?[column] }

  /// The text at `row`, `column`, trimmed; "" when empty.
  func text(_ row: Int, _ column: Int) -> String {
    rows[row]?[column]?.text ?? ""
  }

  /// The distinct texts of a row, left to right (a merged range counted once).
  func distinctTexts(_ row: Int) -> [(column: Int, text: String)] { distinct[row] ?? [] }

  private static func distinctTexts(_ row: Int, _ cells: [Int: GridCell]) -> [(column: Int, text: String)] {
    var out: [(Int, String)] = []
    var seen: Set<CellReference> = []
    for column in cells.keys.sorted() {
      guard let c = cells[column] else { continue }
      if let o = c.mergeOrigin {
        if seen.contains(o) { continue }
        seen.insert(o)
        if o.row != row { continue }  // filled down from a row above: not this row's own text
      }
      if !c.text.isEmpty { out.append((column, c.text)) }
    }
    return out
  }

  /// Text as a person reads the cell.
  static func display(_ cell: Cell) -> String {
    switch cell.value {
    case .empty: return ""
    case .string(let s): return s
    case .bool(let b): return b ? "TRUE" : "FALSE"
    case .error(let e): return e
    case .dateTime(let d): return d.description
    case .duration(let s): return String(s)
    case .number(let n):
      let code = cell.format.code
      if code.includes("%") {
        let decimals = decimalPlaces(code)
        return fixed(n * 100, decimals) + "%"
      }
      if n == n.rounded() && abs(n) < 1e15 {
        let i = Int64(n)
        return code.includes(",") ? grouped(i) : String(i)
      }
      if code.includes("0.") {
        let d = decimalPlaces(code)
        return fixed(n, d)
      }
      var s = String(n)
      if s.hasSuffix(".0") { s.removeLast(2) }
      return s
    }
  }

  /// `v` with `decimals` digits after the point, rounded as printf rounds: the exact binary value,
  /// ties to even (`String(format:)` gives the same, through Foundation's slower formatter).
  static func fixed(_ v: Double, _ decimals: Int) -> String {
    fixedExactly(v, decimals) ?? fixedByPrintf(v, decimals)
  }

  /// ``fixed(_:_:)`` in integer arithmetic, for the usual case: 0 to 3 decimals and a magnitude
  /// between 2⁻¹¹ and 2⁵² (or zero); nil otherwise. With `v = m·2⁻ᵏ` (m the 53-bit significand),
  /// `m·10ᵈ` fits 64 bits, so the digits are `m·10ᵈ >> k` and the bits shifted out decide the rounding.
  static func fixedExactly(_ v: Double, _ decimals: Int) -> String? {
    guard v.isFinite, (0...3).contains(decimals) else { return nil }
    let scale: UInt64 = [1, 10, 100, 1000][decimals]
    let magnitude = v.magnitude
    var q: UInt64 = 0
    if magnitude != 0 {
      guard magnitude.isNormal, (-11...51).contains(magnitude.exponent) else { return nil }
      let m = magnitude.significandBitPattern | (1 << 52)
      let k = UInt64(52 - magnitude.exponent)
      let product = m * scale
      q = product >> k
      let rest = product & ((1 << k) - 1)
      let half: UInt64 = 1 << (k - 1)
      if rest > half || (rest == half && q & 1 == 1) { q += 1 }
    }
    var out = v.sign == .minus ? "-" : ""
    out += String(q / scale)
    if decimals > 0 {
      let fraction = String(q % scale)
      out += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }
    return out
  }

  /// ``fixed(_:_:)`` through the C library.
  static func fixedByPrintf(_ v: Double, _ decimals: Int) -> String {
    var buffer = [CChar](repeating: 0, count: 352)
    let n = withVaList([Int32(min(decimals, 30)), v]) { vsnprintf(&buffer, buffer.count, "%.*f", $0) }
    guard n > 0, Int(n) < buffer.count else { return String(v) }
    return String(decoding: buffer[..<Int(n)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  private static func decimalPlaces(_ code: String) -> Int {
    guard let dot = code.firstIndex(of: ".") else { return 0 }
    return code[code.index(after: dot)...].prefix { $0 == "0" || $0 == "#" }.count
  }

  private static func grouped(_ v: Int64) -> String {
    let digits = String(v.magnitude)
    var out = ""
    for (i, ch) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(ch)
    }
    return (v < 0 ? "-" : "") + out
  }
}
