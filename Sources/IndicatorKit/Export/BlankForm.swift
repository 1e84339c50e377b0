// BlankForm: the form an evaluation office sends out, for a clerk to fill in Excel, LibreOffice or
// WPS: every column of the family, blank input rows with live 達成度 and 項目權分 formulas, a 合計
// row, a signature block, the review table on its own sheet where the family has one, and a
// 填表說明 sheet (FormParts.swift); the input cells unlocked and the rest protected.

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
  /// 達成度 and 項目權分 are live formulas (``ScoringFormulas``) once target, actual, direction and
  /// weight are typed as numbers and words, and a 合計 row sums the weights and the points.
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

  func write() throws {
    let name = String((kind == .performanceReport ? "績效報告" : spec.title).prefix(31))
    let s = try book.addSheet(name)
    s.autoFitColumns = false
    s.pageSetup.a4 = true
    s.pageSetup.landscape = true
    s.pageSetup.fitToWidth = true
    s.protection = SheetProtection()
    let years = columns.contains { $0.field == .yearTargets } ? self.years : []
    var c = 1
    var placed: FormParts.Placed = []
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
    func cell(_ field: ColumnField, _ r: Int) -> String? { FormParts.reference(of: field, r...r, in: placed) }
    for r in first...last {
      s.setRowHeight(r, 30, custom: false)  // room for two lines; the row grows as the clerk types more
      for (col, start, span) in placed {
        var formula: String?
        if col.field == .achievement, let t = cell(.target, r), let a = cell(.actual, r) {
          formula = ScoringFormulas.achievement(target: t, actual: a, directionCell: cell(.direction, r), otherwise: nil)
        }
        if col.field == .points, let w = cell(.weight, r), let a = cell(.achievement, r) {
          formula = ScoringFormulas.points(weight: w, achievement: a)
        }
        for k in start..<(start + span) {
          // A formula's cached result for cells not yet filled: an empty text.
          try s.write(r, k, formula == nil ? .empty : .string(""), format: Self.format(col), formula: formula)
        }
      }
    }
    var row = last + 1
    let summed = placed.filter { $0.spec.field == .weight || $0.spec.field == .points }
    if !summed.isEmpty {
      s.setRowHeight(row, 20, custom: false)
      try s.write(row, 1, .string("合計"), format: FormStyle.body)
      func range(_ field: ColumnField) -> String? { FormParts.reference(of: field, first...last, in: placed) }
      for (col, start, _) in placed where start > 1 {
        var formula: String?
        if col.field == .weight, let w = range(.weight) { formula = ScoringFormulas.total([w]) }
        if col.field == .points, let p = range(.points) {
          formula = range(.weight).map { ScoringFormulas.pointsTotal([p], weights: [$0]) } ?? ScoringFormulas.total([p])
        }
        try s.write(row, start, formula == nil ? .empty : .string(""), format: Self.format(col).locked, formula: formula)
      }
      row += 1
    }
    for (col, start, _) in placed {
      let range = CellRange(CellReference(row: first, column: start), CellReference(row: last, column: start))
      if let choices = col.choices { s.addListValidation(range, values: choices) }
      if col.field == .achievement { s.addConditionalFormat(range, FormStyle.shortfallHighlight(range)) }
    }
    _ = try FormParts.writeSignatures([], on: s, at: row + 1)
    if let title = spec.reviewTitle {
      try FormParts.writeReview(title, columns: spec.reviewColumns ?? TemplateSpec.reviews, reviews: [],
                                blankRows: options.reviewRows, in: book)
    }
    try FormParts.writeInstructions(book, kind: kind, spec: spec, years: years, prefilled: false)
  }

  /// The input format of a column, with its number format (weights, achievements, amounts).
  static func format(_ col: ColumnSpec) -> CellFormat {
    var f = FormParts.openBody
    f.numberFormat = FormStyle.numberFormat(for: col.field)
    return f
  }
}
