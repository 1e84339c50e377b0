// ReportBuilder+Tables: the rows of the other tables — reviews of unmet targets (未達目標檢討),
// budgets (計畫名稱 · 實施內容 · 經費), score tables — and a score header over a row of numbers.

import XLSXKit

extension ReportBuilder {
  mutating func reviewRow(_ row: Int, _ layout: TableLayout, _ grid: SheetGrid) {
    // The target, actual and achievement a review repeats are the indicator's own.
    placeFields(row, layout, grid, [.sequence, .goal, .indicator, .gap, .explanation, .target, .actual, .achievement, .weight])
    guard let indicator = value(row, .indicator, layout, grid) else {
      if let e = value(row, .explanation, layout, grid), var last = report.reviews?.popLast() {
        last.explanation = (last.explanation ?? "") + e
        report.reviews?.append(last)
      }
      return
    }
    var review = UnmetReview(indicator: LabeledName(indicator).name)
    review.goal = value(row, .goal, layout, grid).map { LabeledName($0).name }
    review.gap = value(row, .gap, layout, grid).flatMap { ImportValues.fraction($0) }
    review.explanation = value(row, .explanation, layout, grid)
    var cells: [String: String] = [:]
    // The target, actual and achievement a review repeats are named with its cells.
    for field in [ColumnField.indicator, .gap, .explanation, .target, .actual, .achievement] {
      if let c = layout.column(field), field == .indicator || field == .gap || field == .explanation || !grid.text(row, c).isEmpty {
        cells[field.rawValue] = CellReference(row: row, column: c).description
      }
    }
    review.source = SourceLocation(file: file, sheet: sheet, row: row, cells: cells)
    report.reviews = (report.reviews ?? []) + [review]
  }

  mutating func budgetRow(_ row: Int, _ layout: TableLayout, _ grid: SheetGrid) {
    placeFields(row, layout, grid, [.sequence, .goal, .content, .budget, .remark])
    let name = value(row, .goal, layout, grid)
    let ownName = layout.column(.goal).flatMap { grid.cell(row, $0) }.map { !$0.fromMerge } ?? false
    if name == nil || !ownName, var last = report.budgetItems?.popLast() {
      // A second line of the plan above: its content and amount go on.
      if let c = value(row, .content, layout, grid) { last.content = [last.content, c].compactMap { $0 }.joined(separator: " ") }
      if let a = value(row, .budget, layout, grid).flatMap({ ImportValues.number($0) }), let c = layout.column(.budget) {
        last.amount = (last.amount ?? 0) + a
        // Each amount added up is named among the item's cells: 「amount」, 「amount2」, …
        var cells = last.source?.cells ?? [:]
        cells["amount\(cells.keys.filter { $0.hasPrefix("amount") }.count + 1)"] = CellReference(row: row, column: c).description
        last.source?.cells = cells
      }
      if let n = value(row, .remark, layout, grid) { last.note = [last.note, n].compactMap { $0 }.joined(separator: " ") }
      report.budgetItems?.append(last)
      return
    }
    guard let name else { return }
    let parsed = LabeledName(name)
    var item = BudgetItem(name: parsed.name, amount: value(row, .budget, layout, grid).flatMap { ImportValues.number($0) })
    item.label = parsed.label
    item.content = value(row, .content, layout, grid)
    item.note = value(row, .remark, layout, grid)
    item.source = SourceLocation(file: file, sheet: sheet, row: row,
                                 cells: layout.column(.budget).map { ["amount": CellReference(row: row, column: $0).description] })
    report.budgetItems = (report.budgetItems ?? []) + [item]
  }

  /// A score table (業務面向分數 beside the achievements): the first number in a score column is
  /// the facet's stated score.
  mutating func scoreRow(_ row: Int, _ layout: TableLayout, _ grid: SheetGrid) {
    // The indicators and achievements beside the scores repeat the indicator table's.
    placeFields(row, layout, grid, Array(Set(layout.fields.values)))
    for (c, header) in layout.scoreColumns {
      guard let v = ImportValues.number(grid.text(row, c)) else { continue }
      ledger.place(row, c)
      let facetName = normalizedHeader(header).replacingOccurrences(of: "向分數", with: "").replacingOccurrences(of: "分數", with: "")
      if let f = report.facets.firstIndex(where: { ($0.name ?? "").hasPrefix(facetName) || facetName.hasPrefix($0.name ?? "-") }) {
        if report.facets[f].statedScore == nil {
          report.facets[f].statedScore = v
          setFacetCell(f, "statedScore", CellReference(row: row, column: c))
        }
      } else {
        addStatedScore(header, v, row: row, ref: CellReference(row: row, column: c).description)
      }
    }
  }

  /// A header of scores over a row of numbers (業務面(55%) | 共同面(40%) | … | 總分), a 等第 among
  /// them. Our forms' 計算總分 | 等第 (the evaluation's result) is read back as nothing: it is
  /// recomputed; a 等第 the document states is kept in ``Report/metadata``.
  mutating func scoreLine(_ texts: [(column: Int, text: String)], row: Int, grid: SheetGrid) -> Bool {
    guard texts.contains(where: { $0.text.includes("總分") || $0.text.includes("分數") }) else { return false }
    let values = grid.distinctTexts(row + 1)
    let ours = texts.contains { $0.text == TemplateSpec.computedScoreHeader }
    let gradeColumn = texts.first { $0.text == TemplateSpec.gradeHeader }?.column
    guard !values.isEmpty, values.allSatisfy({ $0.column == gradeColumn || ImportValues.number($0.text) != nil }) else { return false }
    for (column, _) in texts { ledger.place(row, column) }
    for (column, header) in texts {
      if ours || column == gradeColumn {
        for v in values where v.column == column {
          ledger.place(row + 1, column)
          if !ours { report.metadata = (report.metadata ?? [:]).merging([header: v.text]) { $1 } }
        }
        continue
      }
      guard let v = values.first(where: { $0.column == column }).flatMap({ ImportValues.number($0.text) }) else { continue }
      ledger.place(row + 1, column)
      // 「業務面向分數」: a facet's score.
      if let f = report.facets.firstIndex(where: { f in
        guard let n = f.name else { return false }
        return header == n + "分數" || header == n + "向分數"
      }) {
        report.facets[f].statedScore = v
        setFacetCell(f, "statedScore", CellReference(row: row + 1, column: column))
        continue
      }
      addStatedScore(header, v, row: row + 1, ref: CellReference(row: row + 1, column: column).description)
      // 「業務面(55%)」 names a facet and its weight.
      if let (name, weight) = FacetWeightHeader.match(header), let f = report.facets.firstIndex(where: { $0.name == name }) {
        if report.facets[f].weight == nil { report.facets[f].weight = weight }
      }
    }
    return true
  }

  /// Marks the row's cells of `fields` placed.
  mutating func placeFields(_ row: Int, _ layout: TableLayout, _ grid: SheetGrid, _ fields: [ColumnField]) {
    for field in fields {
      if let c = layout.column(field), !grid.text(row, c).isEmpty { ledger.place(row, c) }
    }
  }
}
