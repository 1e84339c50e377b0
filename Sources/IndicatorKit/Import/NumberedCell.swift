// NumberedCell: one cell listing several numbered items, one a line — 「1.電子公文比率。」 a line
// break 「2.檔案清查比率。」 — as PDF-to-Excel conversions and plan tables produce them, and the
// cells beside it numbered (or broken into lines) the same way.

/// Splitting a cell into its numbered items.
enum NumberedCell {
  /// The items of `text` when it lists two or more lines numbered 1, 2, 3… (a line without a
  /// number continues the item above); otherwise the text itself, alone.
  static func items(_ text: String) -> [String] {
    guard text.hasScalar("\n") else { return [text] }
    var items: [String] = []
    for line in text.split(whereSeparator: \.isNewline).map({ String($0).trimmed }) where !line.isEmpty {
      let parsed = LabeledName(line)
      if parsed.label != nil, isArabic(parsed.label ?? ""), parsed.ordinal == items.count + 1 {
        items.append(line)
      } else if items.isEmpty {
        return [text]
      } else {
        items[items.count - 1] += line
      }
    }
    return items.count >= 2 ? items : [text]
  }

  /// The `index`-th of `count` parts of a cell beside a numbered one: its numbered items, or its
  /// lines, when there are exactly `count`; nil when it does not split that way.
  static func part(_ text: String, _ index: Int, of count: Int) -> String? {
    let numbered = items(text)
    if numbered.count == count { return numbered[index] }
    let lines = text.split(whereSeparator: \.isNewline).map { String($0).trimmed }.filter { !$0.isEmpty }
    if lines.count == count { return lines[index] }
    return nil
  }

  private static func isArabic(_ label: String) -> Bool { label.unicodeScalars.contains { $0.isRegexDigit } }
}

/// The texts of one indicator-table row, or of the `item`-th numbered indicator in it.
struct RowTexts {
  let row: Int
  let layout: TableLayout
  let grid: SheetGrid
  /// The item and the count when the row lists several indicators.
  let item: (index: Int, count: Int)?

  /// The text of the column `c` for this indicator: the whole cell, or its part for this item
  /// (a cell that does not split goes to the first item only).
  func text(column c: Int) -> String {
    let t = grid.text(row, c)
    guard let item, !t.isEmpty else { return t }
    if var part = NumberedCell.part(t, item.index, of: item.count) {
      // 「1.65%」 on the first line of a numbered list is item 1's 65%.
      for mark in [".", "、", "．"] where part.hasPrefix("\(item.index + 1)\(mark)") && part.count > 2 {
        return String(part.dropFirst("\(item.index + 1)\(mark)".count)).trimmed
      }
      part = part.trimmed
      return LabeledName.labelEnd(part).map { String(part[$0...]) }.map { $0.isEmpty ? part : $0 } ?? part
    }
    return item.index == 0 ? t : ""
  }

  func text(_ field: ColumnField) -> String? {
    guard let c = layout.column(field) else { return nil }
    let t = text(column: c)
    return t.isEmpty ? nil : t
  }
}
