// CellLedger: which cells of a sheet landed in the model, so that every other non-empty cell is
// named in a note and nothing a person typed is lost without a word.

import XLSXKit

/// The placed cells of one sheet.
struct CellLedger {
  /// Placed cells as `row << 16 | column` (Excel has 16,384 columns).
  private var placed: Set<Int> = []

  private static func key(_ row: Int, _ column: Int) -> Int { row << 16 | column }

  /// Marks a cell as held by the model.
  mutating func place(_ row: Int, _ column: Int) { placed.insert(Self.key(row, column)) }

  /// Takes a mark back: the cell's text did not land after all.
  mutating func unplace(_ row: Int, _ column: Int) { placed.remove(Self.key(row, column)) }

  /// Whether the cell is held by the model.
  func isPlaced(_ row: Int, _ column: Int) -> Bool { placed.contains(Self.key(row, column)) }

  /// A note for each non-empty cell of `grid` (each merged range once, by its top-left cell) that
  /// is not placed.
  func unplaced(in grid: SheetGrid) -> [ImportNote] {
    var notes: [ImportNote] = []
    for row in grid.rowNumbers {
      for (column, text) in grid.distinctTexts(row) where !isPlaced(row, column) {
        let ref = CellReference(row: row, column: column).description
        let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
        notes.append(ImportNote(
          code: .unplacedCell, sheet: grid.name, row: row, cell: ref,
          message: "cell \(ref) (\"\(shown)\") is not part of any table or heading Jixiao knows; not imported",
          messageZH: "儲存格 \(ref)（「\(shown)」）不屬於任何可辨識的表格或標題，未匯入"))
      }
    }
    return notes
  }
}
