// CellLedger: which cells of a sheet landed in the model, so that every other non-empty cell is
// named in a note and nothing a person typed is lost without a word.

import XLSXKit

/// The placed cells of one sheet.
struct CellLedger {
  /// Columns 1 to 64 of each row as the bits of one word, indexed by row; wider columns in a set.
  private var narrow: [UInt64] = []
  private var wide: Set<CellReference> = []

  /// Marks a cell as held by the model.
  mutating func place(_ row: Int, _ column: Int) {
    guard column <= 64 else {
      wide.insert(CellReference(row: row, column: column))
      return
    }
    if row >= narrow.count { narrow += [UInt64](repeating: 0, count: max(row + 1 - narrow.count, 64)) }
    narrow[row] |= 1 << UInt64(column - 1)
  }

  /// Takes a mark back: the cell's text did not land after all.
  mutating func unplace(_ row: Int, _ column: Int) {
    guard column <= 64 else {
      wide.remove(CellReference(row: row, column: column))
      return
    }
    if row < narrow.count { narrow[row] &= ~(1 << UInt64(column - 1)) }
  }

  /// Whether the cell is held by the model.
  func isPlaced(_ row: Int, _ column: Int) -> Bool {
    guard column <= 64 else { return wide.contains(CellReference(row: row, column: column)) }
    return row < narrow.count && narrow[row] & (1 << UInt64(column - 1)) != 0
  }

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
