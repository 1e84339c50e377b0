// Exporter: the model written as a styled government form — title, facet headings, merged goal
// cells, percent formats, dropdowns, reviews and scores — that the importer reads back unchanged.

import Foundation
import XLSXKit

/// Writes reports as styled workbooks.
public enum Exporter {
  /// Writes `report` to `path` laid out by `template` (the built-in one of its kind by default).
  /// A report with actuals shows, under its scores, the total computed from its indicators and
  /// its grade (等第) by `grading`.
  ///
  /// - Throws: ``XLSXError`` when the file cannot be written.
  public static func write(_ report: Report, to path: String, template: TemplateSpec? = nil,
                           grading: GradingRules = GradingRules()) throws {
    try lay(report, to: path, template: template) { $0.grading = grading }
  }

  /// Writes `report` as a form to send out for filling — a report pre-filled from a plan
  /// (``Prefill``, `jixiao template new KIND --from PLAN`) — laid out as ``write(_:to:template:grading:)``
  /// lays it out, with what a blank form has (``writeBlankForm(_:to:template:options:)``): every
  /// column of the family less 燈號; the sheet protected without a password, what the report
  /// already states locked and every other cell of its rows open; targets that are plain numbers
  /// (「95%」, 「12」) written as numbers, so that 達成度 and 項目權分 are live formulas
  /// (``ScoringFormulas``) once the clerk types an actual as a number; a 權分合計 row under each
  /// facet and a 總分 row; blank review rows, a signature block and a 填表說明 sheet.
  ///
  /// - Throws: ``XLSXError`` when the file cannot be written.
  public static func writeForm(_ report: Report, to path: String, template: TemplateSpec? = nil,
                               options: BlankFormOptions = BlankFormOptions()) throws {
    try lay(report, to: path, template: template) { $0.form = options }
  }

  /// Lays `report` out by `template` (the built-in one of its kind by default) through a
  /// ``FormWriter`` that `configure` sets up, and closes the workbook.
  private static func lay(_ report: Report, to path: String, template: TemplateSpec?,
                          _ configure: (inout FormWriter) -> Void) throws {
    let spec = template ?? TemplateSpec.builtIn[report.kind] ?? .performanceReport
    let book = WorkbookWriter(path: path)
    var writer = FormWriter(report: report, spec: spec, book: book)
    configure(&writer)
    try writer.write()
    try book.close()
  }
}

/// The formats of our forms, filled or blank.
enum FormStyle {
  /// The title row.
  static let title = CellFormat(bold: true, horizontal: .center, fontSize: 16)
  /// A facet or table heading.
  static let heading = CellFormat(bold: true, fontSize: 13)
  /// A header cell.
  static let header = CellFormat(bold: true, fillColor: "DDEBF7", border: true, horizontal: .center, vertical: .center, wrap: true)
  /// A body cell.
  static let body = CellFormat(border: true, vertical: .top, wrap: true)
  /// How weights are shown: 20%, 12.5%.
  static let weightFormat = "0.0##%"
  /// How achievements and their shortfalls are shown: 95.00%, 88.8889%.
  static let achievementFormat = "0.00##%"
  /// How amounts (budgets, in thousands) are shown: 1,200.
  static let amountFormat = "#,##0.###"

  /// The number format of a column of `field`: weights, achievements (and their gaps) and amounts.
  static func numberFormat(for field: ColumnField) -> String? {
    switch field {
    case .weight: return weightFormat
    case .achievement, .gap: return achievementFormat
    case .budget: return amountFormat
    default: return nil
    }
  }

  /// How many lines `text` takes wrapped in a column `width` characters wide (Excel's unit, the
  /// width of a digit): a CJK character is about 1.8 digits wide in the fonts LibreOffice and
  /// Excel print with, and wrapping at word ends wastes some room, so a line holds about 1.1 display
  /// units (``displayWidth``: 2 for a CJK character, 1 for a Latin one) per unit of width.
  static func lines(_ text: String, width: Double) -> Double {
    text.split(separator: "\n", omittingEmptySubsequences: false)
      .map { max(1, (displayWidth($0) / max(width * 1.1, 1)).rounded(.up)) }.reduce(0, +)
  }

  /// The height of a row that shows `lines` lines of 11-point text, within Excel's 409 points.
  static func height(lines: Double) -> Double { min(14.5 * lines + 3, 409) }

  /// The 達成度 highlight over `range`: below 100% in red, once there is a number — a blank cell of a
  /// form not yet filled is no shortfall (a plain "less than 1" rule paints every empty cell, blank
  /// counting as 0).
  static func shortfallHighlight(_ range: CellRange) -> ConditionalRule {
    let top = range.first.description
    return .expression(formula: "AND(ISNUMBER(\(top)),\(top)<1)", format: CellFormat(fillColor: "FFC7CE", fontColor: "9C0006"))
  }
}

/// Lays a report out on a sheet: the indicator tables here, the tables after them in
/// Exporter+Tables.swift.
struct FormWriter {
  let report: Report
  let spec: TemplateSpec
  let book: WorkbookWriter
  var sheet: WorksheetWriter?
  var row = 0
  var columns: [ColumnSpec] = []
  /// Each column with its first sheet column and how many it spans (the years of 年度績效目標值).
  var placed: FormParts.Placed = []
  var years: [Int] = []
  var extraKeys: [String] = []
  var grading = GradingRules()
  /// Set for a form to send out for filling (``Exporter/writeForm(_:to:template:options:)``).
  var form: BlankFormOptions?
  /// The rows of the current facet's indicators (one range a goal), for its total row.
  var facetRows: [ClosedRange<Int>] = []
  /// Each facet total row's points cell, for the 總分 row.
  var facetTotals: [String] = []

  let titleFormat = FormStyle.title
  let headingFormat = FormStyle.heading
  let headerFormat = FormStyle.header
  let bodyFormat = FormStyle.body

  init(report: Report, spec: TemplateSpec, book: WorkbookWriter) {
    self.report = report
    self.spec = spec
    self.book = book
  }

  var indicators: [Indicator] { report.facets.flatMap { $0.goals.flatMap(\.indicators) } }

  /// The template's columns that this report fills, and always goal, indicator and target.
  mutating func chooseColumns() {
    let all = indicators
    years = Array(Set(all.flatMap { ($0.targets ?? [:]).keys.compactMap { Int($0) } })).sorted()
    extraKeys = Array(Set(all.flatMap { ($0.extra ?? [:]).keys })).filter { $0 != "備註" }.sorted()
    if form != nil {
      // A form to fill has every column a blank form has.
      columns = spec.columns.filter { $0.field != .light && ($0.field != .yearTargets || !years.isEmpty) }
      return
    }
    let goalsNumbered = spec.columns.first?.field == .sequence
    columns = spec.columns.filter { c in
      switch c.field {
      case .goal, .indicator: return true
      case .sequence: return goalsNumbered
      case .target: return all.contains { $0.target != nil } || years.isEmpty
      case .yearTargets: return !years.isEmpty
      case .actual: return report.kind.hasActuals || all.contains { $0.actual != nil }
      case .weight: return all.contains { $0.weight != nil }
      case .achievement: return report.kind.hasActuals || all.contains { $0.achievement != nil }
      case .points: return all.contains { $0.points != nil }
      case .narrative: return all.contains { $0.narrative != nil }
      case .measurement: return all.contains { $0.measurement != nil }
      case .evaluationSystem: return all.contains { $0.evaluationSystem != nil }
      case .evaluationMethod: return all.contains { $0.evaluationMethod != nil }
      case .budget: return all.contains { $0.budget != nil } || report.facets.contains { $0.goals.contains { $0.budget != nil } }
      case .controlCode: return all.contains { $0.controlCode != nil }
      case .direction: return all.contains { $0.direction != nil }
      case .quarterTarget: return all.contains { $0.quarterTarget != nil }
      case .quarterActual: return all.contains { $0.quarterActual != nil }
      case .targetToDate: return all.contains { $0.targetToDate != nil }
      case .light: return report.kind.hasActuals && all.contains { $0.evaluation?.light != nil && $0.isBonus != true }
      case .remark: return all.contains { $0.extra?["備註"] != nil }
      case .gap, .explanation, .content: return false
      }
    }
  }

  /// Sheet column of each template column, and how many it spans.
  mutating func placeColumns() {
    var c = 1
    placed = columns.map { col in
      let span = col.field == .yearTargets ? years.count : 1
      defer { c += span }
      return (col, c, span)
    }
  }

  var width: Int { (placed.last.map { $0.start + $0.span - 1 } ?? 0) + extraKeys.count }

  mutating func write() throws {
    chooseColumns()
    placeColumns()
    let sheetName = String((report.kind == .performanceReport ? "績效報告" : spec.title).prefix(31))
    let s = try book.addSheet(sheetName)
    sheet = s
    s.pageSetup.a4 = true
    s.pageSetup.landscape = true
    s.pageSetup.fitToWidth = true
    s.autoFitColumns = false
    if form != nil { s.protection = SheetProtection() }
    for p in placed {
      for c in p.start..<(p.start + p.span) { s.setColumn(c, width: p.spec.width ?? 12) }
    }
    for c in (width - extraKeys.count + 1)..<(width + 1) { s.setColumn(c, width: 14) }
    let yearsText = report.years.isEmpty ? "" : (report.years.count == 1 ? "\(report.years[0]) 年度" : "\(report.years.first ?? 0)-\(report.years.last ?? 0) 年度")
    let title = report.title ?? [report.agency, yearsText + spec.title].compactMap { $0 }.joined(separator: " ")
    row = 1
    try s.write(row, 1, .string(title), format: form == nil ? titleFormat : .input(titleFormat))
    s.merge(CellRange(CellReference(row: 1, column: 1), CellReference(row: 1, column: max(width, 1))))
    book.properties.title = report.title
    book.properties.subject = spec.title
    book.properties.keywords = ExportStamp(kind: report.kind, agency: report.agency, years: report.years,
                                           hasTitle: report.title != nil).keywords
    row += 1
    // The title block's other lines, one a row (「填報月份：114年12月」).
    for (key, value) in (report.metadata ?? [:]).sorted(by: { $0.key < $1.key }) {
      try s.write(row, 1, .string(key + "：" + value))
      row += 1
    }
    var firstHeader: ClosedRange<Int>?
    for (fi, facet) in report.facets.enumerated() {
      facetRows = []
      if let name = facet.name {
        row += 1
        var heading = (facet.label ?? "") + name
        if let w = facet.weight { heading += "：" + Quantity.percentText(w) }
        try s.write(row, 1, .string(heading), format: headingFormat)
        row += 1
      }
      let plain = facet.goals.filter { !$0.indicators.contains { $0.isCommon == true } }
      let common = facet.goals.filter { $0.indicators.contains { $0.isCommon == true } }
      for (goals, isCommon) in [(plain, false), (common, true)] where !goals.isEmpty {
        let header = try writeHeader(common: isCommon)
        if firstHeader == nil { firstHeader = header }
        for goal in goals { try writeGoal(goal) }
      }
      if form != nil {
        try writeFacetTotal(facet, last: fi == report.facets.count - 1)
      } else if let total = facet.statedTotal {
        try s.write(row, 1, .string("績效分數"), format: bodyFormat)
        try s.write(row, 2, .string("權分合計 \(Quantity.plainText(total)) 分"), format: bodyFormat)
        row += 1
      }
    }
    if let header = firstHeader {
      s.freezePanes(rows: header.upperBound)
      s.pageSetup.repeatRows = 1...header.upperBound
    }
    try writeScores()
    if form != nil { try writeFormReview() } else { try writeReviews() }
    try writeBudgets()
    if let notes = report.notes, !notes.isEmpty {
      row += 1
      for n in notes {
        try s.write(row, 1, .string("註：" + n))
        row += 1
      }
    }
    if form != nil { try writeFormEnd() } else { try writeSignatures() }
    try writeProse()
  }

  /// The signature block, one line a row: 「承辦人：林小姐」.
  mutating func writeSignatures() throws {
    guard let s = sheet, let lines = report.signatures, !lines.isEmpty else { return }
    row += 1
    for line in lines {
      try s.write(row, 1, .string(line.value.isEmpty ? line.role + "：" : line.role + "：" + line.value))
      row += 1
    }
  }

  /// The text outside the tables (前言, section headings) on a sheet of its own, one line a row.
  mutating func writeProse() throws {
    guard let lines = report.prose, !lines.isEmpty else { return }
    let s = try book.addSheet(TemplateSpec.proseSheet)
    s.setColumn(1, width: 100)
    for (i, line) in lines.enumerated() { try s.write(i + 1, 1, .string(line), format: CellFormat(wrap: true)) }
  }

  /// The header row (two rows when targets are given per year); returns its rows.
  mutating func writeHeader(common: Bool) throws -> ClosedRange<Int> {
    guard let s = sheet else { return row...row }
    let twoRows = !years.isEmpty
    var c = 1
    let top = row
    // The second row, written after the first (rows go out in order): the years under
    // 年度績效目標值, and empty bordered cells under the headers merged down over both rows.
    var below: [(column: Int, value: CellValue)] = []
    for col in columns {
      var text = col.header
      if common && col.field == .indicator { text = "共同性指標" }
      if common && col.field == .goal { text = "共同性目標" }
      if col.field == .target, report.years.count == 1, report.kind != .performanceReport, let y = report.years.first {
        text = "\(y) 年度目標值"
      }
      if col.field == .yearTargets {
        try s.write(top, c, .string(text), format: headerFormat)
        if years.count > 1 { s.merge(CellRange(CellReference(row: top, column: c), CellReference(row: top, column: c + years.count - 1))) }
        for (i, y) in years.enumerated() { below.append((c + i, .string(String(y)))) }
        c += years.count
        continue
      }
      try s.write(top, c, .string(text), format: headerFormat)
      if twoRows {
        s.merge(CellRange(CellReference(row: top, column: c), CellReference(row: top + 1, column: c)))
        below.append((c, .empty))
      }
      c += 1
    }
    for key in extraKeys {
      try s.write(top, c, .string(key), format: headerFormat)
      if twoRows {
        s.merge(CellRange(CellReference(row: top, column: c), CellReference(row: top + 1, column: c)))
        below.append((c, .empty))
      }
      c += 1
    }
    for (column, value) in below where twoRows { try s.write(top + 1, column, value, format: headerFormat) }
    row = top + (twoRows ? 2 : 1)
    return top...(row - 1)
  }

  mutating func writeGoal(_ goal: Goal) throws {
    guard let s = sheet else { return }
    let first = row
    let numbered = columns.first?.field == .sequence
    var goalText = numbered ? goal.name : labelled(goal.label, goal.name)
    if let cat = goal.category { goalText += "(\(cat))" }
    if let w = goal.weight { goalText += "(\(Quantity.percentText(w)))" }
    let items = goal.indicators.isEmpty ? [Indicator(name: "")] : goal.indicators
    for (i, ind) in items.enumerated() {
      // Spreadsheet applications do not grow rows for wrapped text on opening: size them here, as
      // fitted (not custom) heights, so that a row grows again when a clerk types more into it.
      var lines = 1.0
      for (text, col) in [(ind.narrative.map(PastedMarkup.plainText), ColumnField.narrative), (ind.measurement, .measurement),
                          (labelled(ind.label, ind.name), .indicator), (i == 0 ? goalText : nil, .goal)] {
        guard let text, let width = columns.first(where: { $0.field == col })?.width else { continue }
        let taken = FormStyle.lines(text, width: width)
        lines = max(lines, col == .goal ? taken / Double(items.count) : taken)
      }
      // A form to fill leaves room for two lines of what the clerk types, as a blank form does.
      if lines > 1 || form != nil { s.setRowHeight(row, max(FormStyle.height(lines: lines), form != nil ? 30 : 0), custom: false) }
      var c = 1
      for col in columns {
        if col.field == .yearTargets {
          for y in years {
            try s.write(row, c, ind.targets?[String(y)].map { .string($0.text) } ?? .empty, format: bodyFormat)
            c += 1
          }
          continue
        }
        let value: CellValue
        var format = bodyFormat
        format.numberFormat = FormStyle.numberFormat(for: col.field)
        switch col.field {
        case .sequence: value = i == 0 ? (goal.label.map { .string($0) } ?? .empty) : .empty
        case .goal: value = i == 0 ? .string(goalText) : .empty
        case .indicator: value = .string(numbered ? ind.name : labelled(ind.label, ind.name))
        case .measurement: value = text(ind.measurement)
        case .evaluationSystem: value = text(ind.evaluationSystem)
        case .evaluationMethod: value = text(ind.evaluationMethod)
        case .target: value = text(ind.target?.text)
        case .actual: value = text(ind.actual?.text)
        case .weight: value = ind.weight.map { .number($0) } ?? .empty
        case .achievement: value = ind.achievement.map { .number($0) } ?? .empty
        case .points: value = ind.points.map { .number($0) } ?? .empty
        case .narrative: value = text(ind.narrative.map(PastedMarkup.plainText))
        case .budget:
          if i == 0, let b = goal.budget { value = .number(b) } else { value = ind.budget.map { .number($0) } ?? .empty }
        case .controlCode: value = text(ind.controlCode)
        case .direction: value = text(ind.direction?.word)
        case .quarterTarget: value = text(ind.quarterTarget?.text)
        case .quarterActual: value = text(ind.quarterActual?.text)
        case .targetToDate: value = text(ind.targetToDate?.text)
        case .light: value = ind.isBonus == true ? .empty : text(ind.evaluation?.light?.name)
        case .remark: value = text(ind.extra?["備註"])
        case .yearTargets, .gap, .explanation, .content: value = .empty
        }
        // 編號 is a sequence column right of the goal.
        if col.field == .sequence && col.header == "編號" {
          try s.write(row, c, ind.label.map { .string($0) } ?? .empty, format: bodyFormat)
        } else if form != nil {
          let (v, f, formula) = formCell(col.field, ind, row: row, value: value, format: format)
          try s.write(row, c, v, format: f, formula: formula)
        } else {
          try s.write(row, c, value, format: format)
        }
        c += 1
      }
      for key in extraKeys {
        let value = text(ind.extra?[key])
        try s.write(row, c, value, format: form != nil && value == .empty ? .input(bodyFormat) : bodyFormat)
        c += 1
      }
      row += 1
    }
    facetRows.append(first...(row - 1))
    for (col, c, _) in placed {
      let range = CellRange(CellReference(row: first, column: c), CellReference(row: max(row - 1, first), column: c))
      let mergesDown = col.field == .goal || (col.field == .sequence && col.header != "編號")
        || (col.field == .budget && goal.budget != nil)
      if mergesDown && row - first > 1 { s.merge(range) }
      if let choices = col.choices, form != nil || col.field == .evaluationSystem || col.field == .controlCode {
        s.addListValidation(range, values: choices)
      }
      if col.field == .achievement { s.addConditionalFormat(range, FormStyle.shortfallHighlight(range)) }
      if col.field == .light {
        // Each light in its colour: 綠燈 green, 黃燈 yellow, 紅燈 red.
        for (light, font) in [(Light.green, "006100"), (.yellow, "9C5700"), (.red, "9C0006")] {
          s.addConditionalFormat(range, .cellIs(operator: "equal", formula: "\"\(light.name)\"",
                                                format: CellFormat(fillColor: light.rgb, fontColor: font)))
        }
      }
    }
  }


}

/// A text cell, or an empty one for nil.
func text(_ s: String?) -> CellValue { s.map { .string($0) } ?? .empty }

/// A name with its label in front, a space after 「1.」 or 「一、」 as people write them.
func labelled(_ label: String?, _ name: String) -> String {
  guard let label else { return name }
  return label.hasSuffix(".") || label.hasSuffix("、") || label.hasSuffix("．") ? label + " " + name : label + name
}
