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
    try writeSideTable(spec.reviewTitle ?? "未達目標檢討", spec.reviewColumns ?? TemplateSpec.reviews, reviews) { r, field in
      switch field {
      case .goal: return (text(r.goal), nil)
      case .indicator: return (.string(r.indicator), nil)
      case .gap: return (r.gap.map { .number($0) } ?? .empty, FormStyle.achievementFormat)
      case .explanation: return (text(r.explanation), nil)
      default: return (.empty, nil)
      }
    }
  }

  mutating func writeBudgets() throws {
    guard let items = report.budgetItems, !items.isEmpty else { return }
    try writeSideTable(TemplateSpec.budgetTitle, spec.budgetColumns ?? TemplateSpec.budgets, items) { item, field in
      switch field {
      case .goal: return (.string(labelled(item.label, item.name)), nil)
      case .content: return (text(item.content), nil)
      case .budget: return (item.amount.map { .number($0) } ?? .empty, FormStyle.amountFormat)
      case .remark: return (text(item.note), nil)
      default: return (.empty, nil)
      }
    }
  }

  /// A table after the indicators, on a sheet named by its `title`: the title, a header row of
  /// `columns` (repeated on every printed page) and a row per item whose cells `value` gives, each
  /// with its number format; A4 landscape, fitted to the width, as the indicators' sheet.
  func writeSideTable<Item>(_ title: String, _ columns: [ColumnSpec], _ items: [Item],
                            _ value: (Item, ColumnField) -> (CellValue, String?)) throws {
    let s = try book.addSheet(String(title.prefix(31)))
    s.pageSetup.a4 = true
    s.pageSetup.landscape = true
    s.pageSetup.fitToWidth = true
    s.autoFitColumns = false
    for (i, c) in columns.enumerated() { s.setColumn(i + 1, width: c.width ?? 12) }
    try s.write(1, 1, .string(title), format: headingFormat)
    for (i, c) in columns.enumerated() { try s.write(2, i + 1, .string(c.header), format: headerFormat) }
    s.freezePanes(rows: 2)
    s.pageSetup.repeatRows = 1...2
    var row = 3
    for item in items {
      // Rows sized to their longest text, as the indicator rows are (fitted: they grow as typed).
      let lines = columns.map { c -> Double in
        guard case .string(let t) = value(item, c.field).0 else { return 1 }
        return FormStyle.lines(t, width: c.width ?? 12)
      }.max() ?? 1
      if lines > 1 { s.setRowHeight(row, FormStyle.height(lines: lines), custom: false) }
      for (i, c) in columns.enumerated() {
        let (cell, numberFormat) = value(item, c.field)
        var format = bodyFormat
        format.numberFormat = numberFormat
        try s.write(row, i + 1, cell, format: format)
      }
      row += 1
    }
  }

  func facetScoreHeader(_ name: String) -> String { name.hasSuffix("向") ? name + "分數" : name + "向分數" }
}
