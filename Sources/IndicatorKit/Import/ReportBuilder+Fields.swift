// ReportBuilder+Fields: an indicator made from the cells of its row — each field read from its
// column, per-year targets, unknown columns kept as `extra`, where each was read.

import XLSXKit

extension ReportBuilder {
  /// Appends the indicator `parsed` names, its fields read from `texts`.
  mutating func addIndicator(_ parsed: LabeledName, _ texts: RowTexts, _ row: Int, _ layout: TableLayout, _ grid: SheetGrid) {
    let f = ensureFacet()
    guard let g = goalIndex else { return }
    var ind = Indicator(name: parsed.name, label: parsed.label, weight: parsed.weight)
    if ind.label == nil, let c = layout.indicatorNumberColumn, !grid.text(row, c).isEmpty { ind.label = grid.text(row, c) }
    // 「1-1」 in the 項次 column before the goal numbers the goal's first indicator, not the goal.
    if ind.label == nil, let c = layout.goalNumberColumn, case let n = texts.text(column: c), n.hasScalar("-") { ind.label = n }
    var cells = [String: String](minimumCapacity: 12)
    func cell(_ field: ColumnField) -> String? {
      guard let c = layout.column(field) else { return nil }
      let t = texts.text(column: c)
      if !t.isEmpty { cells[field.rawValue] = CellReference(row: row, column: c).description }
      return t.isEmpty ? nil : t
    }
    // A plain number under a 「(%)」 header, or in a table whose title block says 「單位：%」, is a percentage.
    // So is one whose 單位 column says 「%」; another unit there is the value's unit.
    let tableInPercent = report.metadata?["單位"].map { QuantityParser.normalize($0) == "%" } ?? false
    let unit = layout.unitColumn.map { QuantityParser.normalize(texts.text(column: $0)) } ?? ""
    func quantity(_ t: String, column: Int?) -> Quantity {
      var q = QuantityParser.parse(t)
      guard let n = q.number, q.unit == nil else { return q }
      if unit == "%" || (unit.isEmpty && (tableInPercent || column.map(layout.percentColumns.contains) == true)) {
        q.number = n / 100
        q.unit = "%"
      } else if !unit.isEmpty {
        q.unit = unit
      }
      return q
    }
    _ = cell(.indicator)
    if let t = cell(.target) { ind.target = quantity(t, column: layout.column(.target)) }
    if let t = cell(.actual) { ind.actual = quantity(t, column: layout.column(.actual)) }
    if let t = cell(.weight), let w = ImportValues.fraction(t) { ind.weight = w }
    if let t = cell(.achievement), let a = ImportValues.fraction(t) { ind.achievement = a }
    if let t = cell(.points) { ind.points = ImportValues.number(t) }
    ind.narrative = cell(.narrative)
    if let m = cell(.measurement) {
      ind.measurement = m
      ind.formula = ImportValues.formula(in: m)
    }
    ind.evaluationSystem = cell(.evaluationSystem)
    ind.evaluationMethod = cell(.evaluationMethod)
    ind.controlCode = cell(.controlCode)
    if let d = cell(.direction) { ind.direction = ImportValues.direction(d) }
    if let t = cell(.quarterTarget) { ind.quarterTarget = quantity(t, column: layout.column(.quarterTarget)) }
    if let t = cell(.quarterActual) { ind.quarterActual = quantity(t, column: layout.column(.quarterActual)) }
    if let t = cell(.targetToDate) { ind.targetToDate = quantity(t, column: layout.column(.targetToDate)) }
    if let b = cell(.budget) {
      // A budget merged over the plan's rows is the plan's (goal's), not each indicator's.
      if let c = layout.column(.budget), let origin = grid.cell(row, c)?.mergeOrigin,
         let range = grid.merges[origin], range.last.row > range.first.row
      {
        if origin.row == row { report.facets[f].goals[g].budget = ImportValues.number(b) }
        cells["budget"] = nil
      } else {
        ind.budget = ImportValues.number(b)
      }
    }
    if let r = cell(.remark) { ind.extra = ["備註": r] }
    if !layout.years.isEmpty {
      var targets: [String: Quantity] = [:]
      for (c, y) in layout.years {
        let t = texts.text(column: c)
        guard !t.isEmpty else { continue }
        targets[String(y)] = quantity(t, column: c)
        cells["target\(y)"] = CellReference(row: row, column: c).description
      }
      if !targets.isEmpty { ind.targets = targets }
    }
    for (c, header) in layout.unknown {
      let t = texts.text(column: c)
      if !t.isEmpty { ind.extra = (ind.extra ?? [:]).merging([header: t]) { a, _ in a } }
    }
    if layout.commonIndicators { ind.isCommon = true }
    let goalName = report.facets[f].goals[g].name
    if goalName.includes("加分") || ind.name.includes("加分") {
      ind.isBonus = true
      let capText = goalName.includes("最高加") ? goalName : ind.name
      if let m = capText.firstMatch(of: Patterns.bonusCap), let v = Double(m.output.1) { ind.bonusCap = v / 100 }
    }
    ind.source = SourceLocation(file: file, sheet: sheet, row: row, cells: cells.isEmpty ? nil : cells)
    report.facets[f].goals[g].indicators.append(ind)
    indicatorIndex = report.facets[f].goals[g].indicators.count - 1
    if let y = layout.targetYear, !titleYears.contains(y) && report.years.isEmpty { titleYears.append(y) }
    for y in layout.years.values where !titleYears.contains(y) { titleYears.append(y) }
  }
}

private enum Patterns {
  nonisolated(unsafe) static let bonusCap = /最高加\s*(\d+(?:\.\d+)?)\s*%/
}
