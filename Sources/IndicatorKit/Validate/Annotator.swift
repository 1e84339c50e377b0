// Annotator: a copy of a workbook with its findings highlighted, noted and listed on a sheet of their own.

import XLSXKit

/// Writes the annotated copy `jixiao validate --annotate` makes.
public enum Annotator {
  /// The fill of a cell with findings, by the most serious of them (ARGB).
  public static func color(_ severity: Severity) -> String {
    switch severity {
    case .error: return "FFFFC7CE"
    case .warning: return "FFFFEB9C"
    case .info: return "FFDDEBF7"
    }
  }

  /// Copies the workbook at `input` to `output` with each finding's cell filled by severity and
  /// carrying a note with the findings' messages, and a findings sheet (檢核結果, or Findings in
  /// English) listing every finding with a link to its cell. Everything else is kept as it was
  /// (``TemplateFiller``); the input is never written.
  ///
  /// - Throws: ``XLSXError`` when the input cannot be read or the output cannot be written.
  public static func write(input: String, findings: [Finding], to output: String, english: Bool = false) throws {
    let filler = try TemplateFiller(path: input)
    filler.noteAuthor = "Jixiao"
    let sheets = Set(filler.workbook.sheets.filter { $0.kind == .worksheet }.map(\.name))
    let language = english ? "en" : "zh-TW"

    // One note and one fill per cell, however many findings it has.
    var byCell: [String: [String: [Finding]]] = [:]
    for f in findings {
      guard let sheet = f.sheet, sheets.contains(sheet), let cell = f.cell, CellReference(cell) != nil else { continue }
      byCell[sheet, default: [:]][cell, default: []].append(f)
    }
    for (sheet, cells) in byCell.sorted(by: { $0.key < $1.key }) {
      for (cell, list) in cells.sorted(by: { $0.key < $1.key }) {
        guard let ref = CellReference(cell), let worst = list.map(\.severity).max() else { continue }
        try filler.highlight(ref, sheet: sheet, color: color(worst))
        let text = list.map { "[\(label($0.severity, english))] \($0.message(in: language)) (\($0.code.rawValue))" }
          .joined(separator: "\n")
        try filler.addNote(text, at: ref, sheet: sheet)
      }
    }

    let header = english
      ? ["Severity", "Code", "Sheet", "Cell", "Facet", "Goal", "Indicator", "Message"]
      : ["嚴重度", "代碼", "工作表", "儲存格", "面向", "目標", "指標", "說明"]
    var list = AppendedSheet(name: english ? "Findings" : "檢核結果", rows: [header.map { CellValue.string($0) }])
    for (i, f) in findings.enumerated() {
      let row = i + 2
      list.rows.append([
        .string(label(f.severity, english)), .string(f.code.rawValue), f.sheet.map { .string($0) } ?? .empty,
        f.cell.map { .string($0) } ?? .empty, f.facet.map { .string($0) } ?? .empty, f.goal.map { .string($0) } ?? .empty,
        f.indicator.map { .string($0) } ?? .empty, .string(f.message(in: language)),
      ])
      list.fills[CellReference(row: row, column: 1)] = color(f.severity)
      if let sheet = f.sheet, sheets.contains(sheet), let cell = f.cell, CellReference(cell) != nil {
        list.links.append((CellReference(row: row, column: 4), "'\(sheet.replacingOccurrences(of: "'", with: "''"))'!\(cell)"))
      }
    }
    list.columnWidths = [1: 8, 2: 26, 3: 12, 4: 8, 5: 14, 6: 30, 7: 30, 8: 90]
    list.frozenRows = 1
    list.autoFilter = true
    filler.append(list)
    try filler.write(to: output)
  }

  static func label(_ s: Severity, _ english: Bool) -> String {
    switch s {
    case .error: return english ? "error" : "錯誤"
    case .warning: return english ? "warning" : "警告"
    case .info: return english ? "info" : "資訊"
    }
  }
}
