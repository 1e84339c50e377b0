// RowShift: where each row of a sheet goes when rows are inserted, applied to references,
// ranges, sqref lists and formulas.

/// Rows inserted into one sheet: for each template row, how many copies follow it.
///
/// Rows are counted in the template's numbering; a row below an insertion point moves down by the
/// rows inserted above it. A range that spans an insertion point grows, as when rows are inserted in
/// a spreadsheet application; unlike there, a range that *ends* on a template row grows over its
/// copies too, since the copies are that row repeated: `SUM(E2:E3)` over template row 3 becomes
/// `SUM(E2:E5)` with two copies, and a dropdown on `G3` covers `G3:G5`. A single cell reference to
/// the template row stays on it.
struct RowShift: Sendable {
  /// (row after which rows are inserted, how many), sorted by row.
  private(set) var insertions: [(after: Int, count: Int)] = []

  /// Whether no row moves.
  var isEmpty: Bool { insertions.isEmpty }

  /// Adds `count` rows after `row`; insertions after the same row add up.
  mutating func insert(after row: Int, count: Int) {
    if let i = insertions.firstIndex(where: { $0.after == row }) {
      insertions[i].count += count
    } else {
      insertions.append((row, count))
      insertions.sort { $0.after < $1.after }
    }
  }

  /// The new number of template row `row`.
  func map(_ row: Int) -> Int {
    var r = row
    for insertion in insertions where insertion.after < row { r += insertion.count }
    return r
  }

  /// The total number of rows inserted.
  var total: Int { insertions.reduce(0) { $0 + $1.count } }

  /// `ref` moved.
  func map(_ ref: CellReference) -> CellReference { CellReference(row: map(ref.row), column: ref.column) }

  /// The new number of the last row of a range that ends on template row `row`: past its copies.
  func mapEnd(_ row: Int) -> Int {
    map(row) + (insertions.first { $0.after == row }?.count ?? 0)
  }

  /// `range` moved, grown when an insertion falls inside it or it ends on a template row.
  func map(_ range: CellRange) -> CellRange {
    CellRange(map(range.first), CellReference(row: mapEnd(range.last.row), column: range.last.column))
  }

  /// A single cell reference (`topLeftCell`, a note's `ref`), moved; kept as written when it is not one.
  func mapCell(_ text: String) -> String {
    guard !isEmpty, let ref = CellReference(text) else { return text }
    return map(ref).description
  }

  /// An A1 range or a space-separated list of them (`sqref`), moved and grown; parts that are not
  /// A1 ranges are kept as written.
  func mapList(_ text: String) -> String {
    if isEmpty { return text }
    return text.split(separator: " ", omittingEmptySubsequences: true).map { part -> String in
      let s = String(part)
      if let range = CellRange(s) {
        let moved = map(range)
        // Keep a single-cell range written as `A1:A1` in the same shape.
        return s.contains(":") && moved.first == moved.last ? "\(moved.first):\(moved.last)" : moved.description
      }
      return s
    }.joined(separator: " ")
  }

  /// `formula` with the references to `sheet` moved: unqualified ones when the formula belongs to
  /// that sheet (`ownSheet`), and those qualified with its name wherever the formula is.
  func mapFormula(_ formula: String, sheet: String, ownSheet: Bool) -> String {
    if isEmpty { return formula }
    return FormulaShifter.rewrite(formula) { ref in
      let mine = ref.sheet.map { $0 == sheet } ?? ownSheet
      guard mine else { return ref }
      var r = ref
      r.row = ref.endsRange ? mapEnd(ref.row) : map(ref.row)
      return r
    }
  }
}
