// Exporter+Tables: the tables a form has after its indicators — scores under them; the review of
// unmet targets and the budget table each on a sheet of its own, so that a printed page of them is
// headed by their own header, not by the indicator table's repeated one.

import XLSXKit

extension FormWriter {
  /// Facet scores, then the report's stated scores, each as a row of names over a row of values;
  /// then the computed total and its grade (``TemplateSpec/computedScoreHeader``).
  mutating func writeScores() throws {
    guard let s = sheet else { return }
    let facetScores: [(String, CellValue)] = report.facets.compactMap { f in f.statedScore.map { (facetScoreHeader(f.name ?? ""), .number($0)) } }
    let stated: [(String, CellValue)] = (report.statedScores ?? []).map { ($0.name, .number($0.value)) }
    var computed: [(String, CellValue)] = []
    if report.kind.hasActuals {
      let standing = report.standing(grading: grading)
      if let score = standing.computedScore, let grade = standing.grade {
        computed = [(TemplateSpec.computedScoreHeader, .number((score * 100).rounded() / 100)), (TemplateSpec.gradeHeader, .string(grade))]
      }
    }
    let groups = [facetScores, stated, computed].filter { !$0.isEmpty }
    guard !groups.isEmpty else { return }
    row += 1
    try s.write(row, 1, .string(TemplateSpec.scoresTitle), format: headingFormat)
    row += 1
    for group in groups {
      for (i, p) in group.enumerated() { try s.write(row, i + 1, .string(p.0), format: headerFormat) }
      for (i, p) in group.enumerated() { try s.write(row + 1, i + 1, p.1, format: bodyFormat) }
      row += 3
    }
  }

  mutating func writeReviews() throws {
    guard let reviews = report.reviews, !reviews.isEmpty else { return }
    try writeSideTable(spec.reviewTitle ?? "未達目標檢討", spec.reviewColumns ?? TemplateSpec.reviews, reviews) { $0.cell($1) }
  }

  mutating func writeBudgets() throws {
    guard let items = report.budgetItems, !items.isEmpty else { return }
    try writeSideTable(TemplateSpec.budgetTitle, spec.budgetColumns ?? TemplateSpec.budgets, items) { item, field in
      switch field {
      case .goal: return .string(labelled(item.label, item.name))
      case .content: return text(item.content)
      case .budget: return item.amount.map { .number($0) } ?? .empty
      case .remark: return text(item.note)
      default: return .empty
      }
    }
  }

  /// A table after the indicators, on a sheet of its own (``TableSheet``): a row per item whose
  /// cells `value` gives.
  func writeSideTable<Item>(_ title: String, _ columns: [ColumnSpec], _ items: [Item],
                            _ value: (Item, ColumnField) -> CellValue) throws {
    let s = try TableSheet.add(title, columns: columns, to: book)
    for (i, item) in items.enumerated() {
      try TableSheet.writeRow(3 + i, of: s, columns: columns, format: bodyFormat) { value(item, $0) }
    }
  }

  func facetScoreHeader(_ name: String) -> String { name.hasSuffix("向") ? name + "分數" : name + "向分數" }
}

/// A table after the indicators on a sheet of its own, named by its title — the review of unmet
/// targets, the budget table — so that a printed page of it is headed by its own header: the title
/// on row 1, the header on row 2 (frozen, repeated on every printed page), the rows from row 3;
/// each column as wide as its template gives; A4 landscape, fitted to the width.
enum TableSheet {
  /// Adds the sheet with its title and header.
  static func add(_ title: String, columns: [ColumnSpec], to book: WorkbookWriter) throws -> WorksheetWriter {
    let s = try book.addSheet(String(title.prefix(31)))
    s.pageSetup.a4 = true
    s.pageSetup.landscape = true
    s.pageSetup.fitToWidth = true
    s.autoFitColumns = false
    for (i, c) in columns.enumerated() { s.setColumn(i + 1, width: c.width ?? 12) }
    try s.write(1, 1, .string(title), format: FormStyle.heading)
    for (i, c) in columns.enumerated() { try s.write(2, i + 1, .string(c.header), format: FormStyle.header) }
    s.freezePanes(rows: 2)
    s.pageSetup.repeatRows = 1...2
    return s
  }

  /// Writes `row`: each column's cell as `value` gives it, in `format` with the column's number
  /// format; the row as tall as its longest text (fitted: it grows as more is typed), and at least
  /// `minimumHeight` when given.
  static func writeRow(_ row: Int, of s: WorksheetWriter, columns: [ColumnSpec], format: CellFormat,
                       minimumHeight: Double? = nil, _ value: (ColumnField) -> CellValue) throws {
    var lines = 1.0
    for (i, c) in columns.enumerated() {
      let cell = value(c.field)
      if case .string(let t) = cell { lines = max(lines, FormStyle.lines(t, width: c.width ?? 12)) }
      var f = format
      f.numberFormat = FormStyle.numberFormat(for: c.field)
      try s.write(row, i + 1, cell, format: f)
    }
    if let minimumHeight {
      s.setRowHeight(row, max(minimumHeight, FormStyle.height(lines: lines)), custom: false)
    } else if lines > 1 {
      s.setRowHeight(row, FormStyle.height(lines: lines), custom: false)
    }
  }
}

extension UnmetReview {
  /// The review's cell under a review table's column of `field`.
  func cell(_ field: ColumnField) -> CellValue {
    switch field {
    case .goal: return text(goal)
    case .indicator: return .string(indicator)
    case .gap: return gap.map { .number($0) } ?? .empty
    case .explanation: return text(explanation)
    default: return .empty
    }
  }
}
