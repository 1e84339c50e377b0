// ReportBuilder+Indicators: the rows of an indicator table — a total row, a goal row, an
// indicator (or several numbered in one cell), or a row that continues the one above.

import XLSXKit

extension ReportBuilder {
  /// The text of `field` in `row`, nil when empty.
  func value(_ row: Int, _ field: ColumnField, _ layout: TableLayout, _ grid: SheetGrid) -> String? {
    guard let c = layout.column(field) else { return nil }
    let t = grid.text(row, c)
    return t.isEmpty ? nil : t
  }

  mutating func indicatorRow(_ row: Int, _ layout: TableLayout, _ grid: SheetGrid) {
    for c in layout.allColumns where !grid.text(row, c).isEmpty { ledger.place(row, c) }
    if totals.isTotal(grid.distinctTexts(row).map(\.text)) { return totalRow(row, layout, grid) }
    let goalCell = layout.column(.goal).flatMap { grid.cell(row, $0) }
    let goalIsOwn = goalCell.map { !$0.fromMerge } ?? false
    let goalText = goalCell?.text ?? ""
    let indicatorText = value(row, .indicator, layout, grid) ?? ""
    // Values of this row's own (a plan's budget merged down over its indicators is not).
    func own(_ field: ColumnField) -> Bool {
      guard let c = layout.column(field), let cell = grid.cell(row, c) else { return false }
      return !cell.fromMerge && !cell.text.isEmpty
    }
    let hasYearTargets = layout.years.keys.contains { !grid.text(row, $0).isEmpty }
    let hasIndicatorValues = hasYearTargets || [.target, .actual, .achievement, .points, .measurement].contains { own($0) }
    let hasQuantity = hasYearTargets || [.target, .actual, .weight, .achievement, .points, .budget].contains { own($0) }
    let ownGoal = goalIsOwn ? goalText : ""
    let goalLooksLikeOne = ownGoal.isEmpty ? false : (own(.weight) || { let g = goalName(ownGoal); return g.label != nil || g.weight != nil }())
    let candidate = GoalRow.Row(goalText: goalLooksLikeOne || ownGoal.isEmpty ? ownGoal : "", indicatorText: indicatorText,
                                hasGoalColumn: layout.column(.goal) != nil && layout.column(.indicator) != nil,
                                hasIndicatorValues: hasIndicatorValues)
    if let text = GoalRow.goalText(candidate) { return goalRow(text, row, layout, grid) }
    // A row that only continues the one above (a table split by a page break, a long name).
    let indicatorName = LabeledName(indicatorText)
    let labelled = indicatorName.label != nil
    if !hasQuantity && (indicatorText.isEmpty || !labelled) && indicatorIndex != nil {
      return continueRow(row, layout, grid, goalText: ownGoal, indicatorText: indicatorText)
    }
    if indicatorText.isEmpty && !hasQuantity {
      notes.append(ImportNote(
        code: .unplacedRow, sheet: sheet, row: row, cell: nil,
        message: "row \(row) has neither an indicator nor a value; left out",
        messageZH: "第 \(row) 列沒有指標也沒有數值，未納入"))
      for (c, _) in grid.distinctTexts(row) { ledger.unplace(row, c) }
      return
    }
    let f = ensureFacet()
    // A new goal when the goal cell holds its own text (not a merged or blank continuation).
    // A new goal when the goal cell holds a text other than the current goal's (a goal typed again
    // on each of its rows is one goal).
    if !goalText.isEmpty, goalIndex == nil || !isCurrentGoal(goalText, facet: f) {
      addGoal(goalName(goalText), row, layout, grid, weight: nil)
    } else if goalIndex == nil {
      report.facets[f].goals.append(Goal(name: ""))
      goalIndex = report.facets[f].goals.count - 1
    }
    let items = NumberedCell.items(indicatorText)
    if items.count > 1 {
      notes.append(ImportNote(
        code: .splitCell, sheet: sheet, row: row, cell: layout.column(.indicator).map { CellReference(row: row, column: $0).description },
        message: "row \(row) lists \(items.count) numbered indicators in one cell; read as \(items.count) indicators",
        messageZH: "第 \(row) 列於一格內列出 \(items.count) 項編號指標，分別讀為 \(items.count) 項指標"))
    }
    for (i, item) in items.enumerated() {
      let texts = RowTexts(row: row, layout: layout, grid: grid, item: items.count > 1 ? (i, items.count) : nil)
      let name = indicatorText.isEmpty ? goalName(goalText) : (items.count == 1 ? indicatorName : LabeledName(item))
      addIndicator(name, texts, row, layout, grid)
    }
  }

  /// Appends a goal to the current facet, with its number from the 序號 column when it has no label.
  mutating func addGoal(_ parsed: LabeledName, _ row: Int, _ layout: TableLayout, _ grid: SheetGrid, weight: Double?) {
    let f = ensureFacet()
    var goal = Goal(name: parsed.name, label: parsed.label, weight: parsed.weight ?? weight)
    if goal.label == nil, let c = layout.goalNumberColumn, !grid.text(row, c).isEmpty, !grid.text(row, c).hasScalar("-") {
      goal.label = grid.text(row, c)
    }
    goal.category = parsed.category
    let goalRef = (layout.column(.goal) ?? layout.column(.indicator)).map { CellReference(row: row, column: $0).description }
    goal.source = SourceLocation(file: file, sheet: sheet, row: row, cells: goalRef.map { ["goal": $0] })
    report.facets[f].goals.append(goal)
    goalIndex = report.facets[f].goals.count - 1
    indicatorIndex = nil
  }

  /// A goal on a row of its own; its weight column holds the goal's weight.
  mutating func goalRow(_ text: String, _ row: Int, _ layout: TableLayout, _ grid: SheetGrid) {
    let weight = value(row, .weight, layout, grid).flatMap(ImportValues.fraction)
    addGoal(LabeledName(text), row, layout, grid, weight: weight)
    if let f = facetIndex, let g = goalIndex, let b = value(row, .budget, layout, grid).flatMap(ImportValues.number) {
      report.facets[f].goals[g].budget = b
    }
  }

  /// A 合計/小計/總計 row: each number goes to the total of the column it sits under — a weight
  /// total, a points total or a score — and is never an indicator.
  mutating func totalRow(_ row: Int, _ layout: TableLayout, _ grid: SheetGrid) {
    let f = ensureFacet()
    // 「總計」 under several facets' 小計 rows totals the report, not the last facet.
    let grand = grid.distinctTexts(row).contains { ["總計", "總分"].contains(totals.match($0.text) ?? "") }
    for (column, t) in grid.distinctTexts(row) {
      let ref = CellReference(row: row, column: column)
      ledger.place(row, column)
      switch layout.fields[column] {
      case .weight? where grand:
        continue
      case .weight?:
        if let v = ImportValues.fraction(t) { report.facets[f].statedWeightTotal = v }
        setFacetCell(f, "statedWeightTotal", ref)
      case .points? where grand:
        if let v = ImportValues.firstNumber(t) { addStatedScore("總分", v, row: row, ref: ref.description) }
      case .points?:
        if let v = ImportValues.firstNumber(t) {
          report.facets[f].statedTotal = v
          setFacetCell(f, "statedTotal", ref)
        }
      case .target?, .actual?, .achievement?, .budget?, .yearTargets?:
        continue  // a sum of the column's values: nothing the model states
      default:
        if layout.scoreColumns[column] != nil, let v = ImportValues.firstNumber(t) {
          report.facets[f].statedScore = v
          setFacetCell(f, "statedScore", ref)
        } else if totals.match(t) != nil, t.hasScalar("分"), let v = ImportValues.firstNumber(t) {
          // 「權分合計 35 分」 written in the name column: the facet's points.
          report.facets[f].statedTotal = v
          setFacetCell(f, "statedTotal", ref)
        } else if ImportValues.firstNumber(t) != nil, totals.match(t) == nil {
          ledger.unplace(row, column)
        }
      }
    }
  }

  mutating func isCurrentGoal(_ text: String, facet: Int) -> Bool {
    guard let g = goalIndex, g < report.facets[facet].goals.count else { return false }
    return goalName(text).name == report.facets[facet].goals[g].name
  }

  /// A goal cell's text parsed, the last one kept: a goal merged down over its indicators is the
  /// same text on every row.
  mutating func goalName(_ text: String) -> LabeledName {
    if let last = lastGoal, sameBytes(last.text, text) { return last.parsed }  // bytes: == would take canonical equivalents
    let parsed = LabeledName(text)
    lastGoal = (text, parsed)
    return parsed
  }

  /// Appends a continuation row's texts to the indicator (and goal) above.
  mutating func continueRow(_ row: Int, _ layout: TableLayout, _ grid: SheetGrid, goalText: String, indicatorText: String) {
    guard let f = facetIndex, let g = goalIndex, let i = indicatorIndex else { return }
    if !goalText.isEmpty {
      let joined = LabeledName((report.facets[f].goals[g].label.map { $0 + " " } ?? "") + report.facets[f].goals[g].name + goalText)
      report.facets[f].goals[g].name = joined.name
      if report.facets[f].goals[g].category == nil { report.facets[f].goals[g].category = joined.category }
      if report.facets[f].goals[g].weight == nil { report.facets[f].goals[g].weight = joined.weight }
    }
    var ind = report.facets[f].goals[g].indicators[i]
    if !indicatorText.isEmpty {
      let joined = LabeledName((ind.label.map { $0 + " " } ?? "") + ind.name + indicatorText)
      ind.name = joined.name
      if ind.weight == nil { ind.weight = joined.weight }
    }
    if let t = value(row, .measurement, layout, grid) {
      ind.measurement = (ind.measurement ?? "") + t
      ind.formula = ImportValues.formula(in: ind.measurement ?? "")
    }
    if let t = value(row, .narrative, layout, grid) { ind.narrative = (ind.narrative ?? "") + t }
    report.facets[f].goals[g].indicators[i] = ind
    // What a continuation does not append is named, not lost.
    let appended: Set<Int> = Set([ColumnField.goal, .indicator, .measurement, .narrative].compactMap { layout.column($0) })
    for c in layout.allColumns where !appended.contains(c) && !grid.text(row, c).isEmpty && grid.cell(row, c)?.fromMerge != true {
      ledger.unplace(row, c)
    }
    notes.append(ImportNote(
      code: .continuedRow, sheet: sheet, row: row, cell: nil,
      message: "row \(row) continues the indicator above (a split cell); its text was appended",
      messageZH: "第 \(row) 列延續上一指標（跨頁分割），文字已併入"))
  }
}
