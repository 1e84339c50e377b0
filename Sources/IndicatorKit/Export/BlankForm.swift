// BlankForm: the form an evaluation office sends out, for a clerk to fill in Excel, LibreOffice or
// WPS: every column of the family, blank input rows, a review table where the family has one, a
// signature block and a 填表說明 sheet; the input cells unlocked and the rest protected.

import Foundation
import XLSXKit

/// What a blank form holds besides the family's columns.
public struct BlankFormOptions: Sendable, Equatable {
  /// Blank indicator rows (more are added by inserting rows: the protection allows it).
  public var rows = 12
  /// Blank rows of the review of unmet targets, in families that have one.
  public var reviewRows = 5
  /// The years of a mid-term plan's 年度績效目標值 columns (their headers stay editable); by default
  /// the four ROC years from next year.
  public var years: [Int]?

  /// Twelve indicator rows, five review rows.
  public init() {}
}

extension Exporter {
  /// Writes the blank form of `kind` (laid out by `template`, the built-in one by default) to `path`.
  ///
  /// The sheet is protected without a password; the title, the input rows, the review rows and the
  /// signature values are unlocked, and the protection lets a clerk insert and delete rows and
  /// format cells. Columns of a list (評估體制, 評估方式, 管考代碼, 衡量方向) offer it as a dropdown.
  ///
  /// - Throws: ``XLSXError`` when the file cannot be written.
  public static func writeBlankForm(_ kind: ReportKind, to path: String, template: TemplateSpec? = nil,
                                    options: BlankFormOptions = BlankFormOptions()) throws {
    let spec = template ?? TemplateSpec.builtIn[kind] ?? .performanceReport
    let book = WorkbookWriter(path: path)
    book.properties.subject = spec.title
    try BlankForm(kind: kind, spec: spec, options: options, book: book).write()
    try book.close()
  }
}

/// The sheets of a blank form.
private struct BlankForm {
  let kind: ReportKind
  let spec: TemplateSpec
  let options: BlankFormOptions
  let book: WorkbookWriter

  /// The columns a clerk fills: the family's, less those Jixiao computes (燈號).
  var columns: [ColumnSpec] { spec.columns.filter { $0.field != .light } }

  /// The mid-term plan's years.
  var years: [Int] {
    if let y = options.years, !y.isEmpty { return y }
    let next = Calendar(identifier: .gregorian).component(.year, from: Date()) - 1911 + 1
    return Array(next..<(next + 4))
  }

  static let input = CellFormat.input(FormStyle.body)

  func write() throws {
    let name = String((kind == .performanceReport ? "績效報告" : spec.title).prefix(31))
    let s = try book.addSheet(name)
    s.autoFitColumns = false
    s.pageSetup.landscape = true
    s.pageSetup.fitToWidth = true
    s.protection = SheetProtection()
    let years = columns.contains { $0.field == .yearTargets } ? self.years : []
    var c = 1
    var placed: [(spec: ColumnSpec, start: Int, span: Int)] = []
    for col in columns {
      let span = col.field == .yearTargets ? years.count : 1
      placed.append((col, c, span))
      for k in c..<(c + span) { s.setColumn(k, width: col.width ?? 12) }
      c += span
    }
    let width = c - 1
    // The title, for the clerk to complete with the agency and the year (填表說明 says so).
    try s.write(1, 1, .string(spec.title), format: CellFormat.input(FormStyle.title))
    s.merge(CellRange(CellReference(row: 1, column: 1), CellReference(row: 1, column: width)))
    s.setRowHeight(1, 24)
    // The header: one row, or two when targets are given per year (their years editable).
    let top = 3, twoRows = !years.isEmpty
    for (col, start, span) in placed {
      try s.write(top, start, .string(col.header), format: FormStyle.header)
      if span > 1 { s.merge(CellRange(CellReference(row: top, column: start), CellReference(row: top, column: start + span - 1))) }
      if twoRows && col.field != .yearTargets {
        s.merge(CellRange(CellReference(row: top, column: start), CellReference(row: top + 1, column: start)))
      }
    }
    if twoRows {
      for (col, start, _) in placed {
        if col.field == .yearTargets {
          for (i, y) in years.enumerated() {
            try s.write(top + 1, start + i, .string(String(y)), format: CellFormat.input(FormStyle.header))
          }
        } else {
          try s.write(top + 1, start, .empty, format: FormStyle.header)
        }
      }
    }
    let first = top + (twoRows ? 2 : 1)
    s.freezePanes(rows: first - 1)
    s.pageSetup.repeatRows = 1...(first - 1)
    let last = first + options.rows - 1
    for r in first...last {
      s.setRowHeight(r, 30, custom: false)  // room for two lines; the row grows as the clerk types more
      for (col, start, span) in placed {
        for k in start..<(start + span) { try s.write(r, k, .empty, format: Self.format(col)) }
      }
    }
    for (col, start, _) in placed {
      let range = CellRange(CellReference(row: first, column: start), CellReference(row: last, column: start))
      if let choices = col.choices { s.addListValidation(range, values: choices) }
      if col.field == .achievement { s.addConditionalFormat(range, FormStyle.shortfallHighlight(range)) }
    }
    var row = last + 2
    if let title = spec.reviewTitle {
      row = try writeReview(title, on: s, at: row, width: width)
    }
    try writeSignatures(on: s, at: row)
    try writeInstructions(years: years)
  }

  /// The input format of a column: a number format for weights, achievements and amounts.
  static func format(_ col: ColumnSpec) -> CellFormat {
    var f = input
    switch col.field {
    case .weight: f.numberFormat = FormStyle.weightFormat
    case .achievement: f.numberFormat = FormStyle.achievementFormat
    case .budget: f.numberFormat = FormStyle.amountFormat
    default: break
    }
    return f
  }

  /// The review of unmet targets: a heading, its header and blank rows; the row after it. Its last
  /// column (the reason) spans the rest of the indicator table's width, so that it has room.
  func writeReview(_ title: String, on s: WorksheetWriter, at start: Int, width: Int) throws -> Int {
    let columns = spec.reviewColumns ?? TemplateSpec.reviews
    try s.write(start, 1, .string(title), format: FormStyle.heading)
    let header = start + 2
    let last = header + options.reviewRows
    for r in header...last {
      if r > header { s.setRowHeight(r, 33, custom: false) }
      for (i, c) in columns.enumerated() {
        var f = r == header ? FormStyle.header : Self.input
        if c.field == .gap && r > header { f.numberFormat = FormStyle.achievementFormat }
        let span = i == columns.count - 1 ? max(1, width - i) : 1
        for k in (i + 1)...(i + span) { try s.write(r, k, k == i + 1 && r == header ? .string(c.header) : .empty, format: f) }
        if span > 1 { s.merge(CellRange(CellReference(row: r, column: i + 1), CellReference(row: r, column: i + span))) }
      }
    }
    return last + 2
  }

  /// The signature block: each role with its colon, the cell open for the name after it.
  func writeSignatures(on s: WorksheetWriter, at row: Int) throws {
    for (i, role) in ["填表人", "聯絡電話", "單位主管", "機關首長"].enumerated() {
      try s.write(row + i / 2, 1 + (i % 2) * 3, .string(role + "："), format: CellFormat.input(CellFormat()))
    }
  }

  /// 填表說明: how to fill the form, one point a row.
  func writeInstructions(years: [Int]) throws {
    let s = try book.addSheet("填表說明")
    s.setColumn(1, width: 100)
    s.autoFitColumns = false
    var points = [
      "第 1 列請改為機關名稱與年度，例如「新竹縣政府民政處 \(years.first.map { String($0 - 1) } ?? "114") 年度\(spec.title)」。",
      "每列填一項指標；同一目標的指標可合併目標儲存格，或在每列重填目標。列數不足時請插入列（工作表已保護，但可插入、刪除列及調整格式，不需密碼）。",
      "權重請填百分比（例如 20%），同一面向（或全部）權重合計應為 100%。",
      "目標值與達成值請填數字與單位（例如「12 場」「95%」）；時程請填日期（例如「114年6月30日前」）。",
    ]
    if kind.hasActuals {
      points.append("達成度可填百分比；空白時由系統依目標值與達成值計算。未達目標者，請於「\(spec.reviewTitle ?? "未達目標檢討")」寫明原因與改善措施。")
    }
    if !years.isEmpty { points.append("年度績效目標值下方的年度可改為本計畫的年度。") }
    points.append("評估體制、評估方式、管考代碼等欄位請由下拉選單選取。")
    points.append("填畢後請以「jixiao validate 檔名.xlsx」檢核，依提示修正後再送出。")
    let numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
    let lines = ["\(spec.title)填表說明"] + points.enumerated().map { numerals[min($0.offset, 9)] + "、" + $0.element }
    for (i, line) in lines.enumerated() {
      try s.write(i + 1, 1, .string(line), format: i == 0 ? FormStyle.heading : CellFormat(wrap: true))
    }
  }
}

extension CellFormat {
  /// `format`, left editable on a protected sheet.
  static func input(_ format: CellFormat) -> CellFormat {
    var f = format
    f.unlocked = true
    return f
  }
}
