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
  /// English) listing every finding with a link to its cell. Given the `report` read from it, an
  /// evaluation sheet too (評核結果, Evaluation: ``evaluationSheet(_:grading:english:)``).
  /// Everything else is kept as it was (``TemplateFiller``); the input is never written.
  ///
  /// - Throws: ``XLSXError`` when the input cannot be read or the output cannot be written.
  public static func write(input: String, findings: [Finding], to output: String, english: Bool = false,
                           report: Report? = nil, grading: GradingRules = GradingRules()) throws {
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
        let text = list.map { f in
          "[\(label(f.severity, english))] \(f.message(in: language)) (\(f.code.rawValue))"
            + (f.hint(in: language).map { "\n" + Finding.hintLead(english: english) + $0 } ?? "")
        }
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
        list.links.append((CellReference(row: row, column: 4), CellReference.quoted(sheet: sheet) + "!" + cell))
      }
    }
    list.columnWidths = [1: 8, 2: 26, 3: 12, 4: 8, 5: 14, 6: 30, 7: 30, 8: 90]
    list.frozenRows = 1
    list.autoFilter = true
    list.pageSetup.landscape = true
    list.pageSetup.fitToWidth = true
    list.pageSetup.repeatRows = 1...1
    filler.append(list)
    if let report, report.kind.hasActuals, report.indicatorCount > 0 {
      var sheet = evaluationSheet(report, grading: grading, english: english)
      sheet.links = sheet.links.filter { link in sheets.contains { link.location.hasPrefix(CellReference.quoted(sheet: $0) + "!") } }
      filler.append(sheet)
    }
    try filler.write(to: output)
  }

  /// 評核結果: the report's standing (computed and stated score, 等第, lights) over a row per
  /// indicator — target, actual, achievement, verdict, light — each linked to its cell.
  public static func evaluationSheet(_ report: Report, grading: GradingRules = GradingRules(), english: Bool = false) -> AppendedSheet {
    func t(_ zh: String, _ en: String) -> String { english ? en : zh }
    func text(_ s: String?) -> CellValue { s.map { .string($0) } ?? .empty }
    func number(_ v: Double?) -> CellValue { v.map { .number($0) } ?? .empty }
    let s = report.standing(grading: grading)
    var sheet = AppendedSheet(name: t("評核結果", "Evaluation"), rows: [
      [.string(t("機關", "Agency")), text(report.agency), .string(t("計算分數", "Computed score")),
       number(s.computedScore.map { rounded($0, 2) }), .string(t("填報分數", "Stated score")), number(s.statedScore),
       .string(t("等第", "Grade")), text(s.grade)],
      [.string(Light.green.name(english: english)), .number(Double(s.count(.green))), .string(Light.yellow.name(english: english)),
       .number(Double(s.count(.yellow))), .string(Light.red.name(english: english)), .number(Double(s.count(.red))),
       .string(Light.white.name(english: english)), .number(Double(s.count(.white)))],
      [],
      [t("面向", "Facet"), t("目標", "Goal"), t("指標", "Indicator"), t("權重(%)", "Weight (%)"), t("目標值", "Target"), t("達成值", "Actual"),
       t("達成度(%)", "Achievement (%)"), t("判定", "Verdict"), t("燈號", "Light"), t("說明", "Reason")].map { CellValue.string($0) },
    ])
    if s.scoresDisagree { sheet.fills[CellReference(row: 1, column: 6)] = color(.error) }
    for (c, light) in [(1, Light.green), (3, .yellow), (5, .red), (7, .white)] {
      sheet.fills[CellReference(row: 2, column: c)] = light.fill
    }
    for (facet, goal, ind) in report.allIndicators where ind.isBonus != true {
      let e = ind.evaluation
      let row = sheet.rows.count + 1
      sheet.rows.append([
        text(facet.name), .string(goal.name), .string(ind.name), number(ind.weight.map { rounded($0 * 100, 2) }),
        text(Evaluator.periodTarget(of: ind, years: report.years)?.target.text), text(ind.actual?.text),
        number((e?.achievement).map { rounded($0 * 100, 2) }), text(e?.verdict.name(english: english)),
        text(e?.light?.name(english: english)), text(e?.reason),
      ])
      if let light = e?.light { sheet.fills[CellReference(row: row, column: 9)] = light.fill }
      if let sheetName = ind.source?.sheet, let cell = ind.source?.cells?["indicator"] ?? ind.source?.cells?["actual"] {
        sheet.links.append((CellReference(row: row, column: 3), CellReference.quoted(sheet: sheetName) + "!" + cell))
      }
    }
    sheet.columnWidths = [1: 12, 2: 30, 3: 36, 4: 8, 5: 16, 6: 16, 7: 10, 8: 10, 9: 8, 10: 40]
    sheet.frozenRows = 4
    sheet.pageSetup.landscape = true
    sheet.pageSetup.fitToWidth = true
    sheet.pageSetup.repeatRows = 4...4
    return sheet
  }

  static func label(_ s: Severity, _ english: Bool) -> String {
    switch s {
    case .error: return english ? "error" : "錯誤"
    case .warning: return english ? "warning" : "警告"
    case .info: return english ? "info" : "資訊"
    }
  }
}
