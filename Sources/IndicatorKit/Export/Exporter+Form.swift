// Exporter+Form: what a report written as a form to fill (Exporter.writeForm) has that an export
// has not — open cells where the report is silent, numbers where a clerk's arithmetic is live,
// 達成度 and 項目權分 formulas, total rows, and the parts every form has (FormParts.swift).

import XLSXKit

extension FormWriter {
  /// A cell of `field` on the indicator's row, in a form to fill: targets and actuals that are
  /// plain numbers written as numbers (an actual beside a percentage target formatted as one, so
  /// that 92 typed is 92%), 達成度 and 項目權分 as live formulas with their results, and every cell
  /// the report leaves empty open for the clerk.
  func formCell(_ field: ColumnField, _ ind: Indicator, row: Int, value: CellValue, format: CellFormat)
    -> (CellValue, CellFormat, String?)
  {
    var value = value, format = format
    var formula: String?
    switch field {
    case .target:
      if let target = ind.target.flatMap(plainNumber) { (value, format.numberFormat) = (.number(target.value), target.format) }
    case .actual:
      if let actual = ind.actual.flatMap(plainNumber) {
        (value, format.numberFormat) = (.number(actual.value), actual.format)
      } else if ind.target?.unit == "%", let target = ind.target.flatMap(plainNumber) {
        format.numberFormat = target.format
      }
    case .achievement where ind.achievement == nil:
      guard let t = cell(.target, row), let a = cell(.actual, row) else { break }
      formula = ScoringFormulas.achievement(target: t, actual: a, directionCell: cell(.direction, row),
                                            otherwise: Achievement.direction(of: ind))
      value = formulaAchievement(ind).map { .number($0) } ?? .string("")
    case .points where ind.points == nil:
      guard let w = cell(.weight, row), let a = cell(.achievement, row) else { break }
      formula = ScoringFormulas.points(weight: w, achievement: a)
      let achieved = ind.achievement ?? formulaAchievement(ind)
      value = ind.weight.flatMap { w in achieved.map { .number(Scoring.points(weight: w, achievement: $0)) } } ?? .string("")
    default:
      break
    }
    if value == .empty || formula != nil { format.unlocked = true }
    return (value, format, formula)
  }

  /// The 達成度 the form's formula gives for `ind`, its cached result: when the target and the
  /// actual are both written as numbers (``plainNumber(_:)``) of the same kind (both percentages or
  /// both bare), the rule's, by the direction the row's 衡量方向 cell says, else the one Jixiao
  /// infers (as the formula has it); nil otherwise (the result is left to the application that
  /// opens the form).
  func formulaAchievement(_ ind: Indicator) -> Double? {
    guard let t = ind.target, let a = ind.actual, plainNumber(t) != nil, plainNumber(a) != nil,
      (t.unit == "%") == (a.unit == "%")
    else { return nil }
    return Achievement.compute(target: t, actual: a, direction: ind.direction ?? Achievement.direction(of: ind)).value
  }

  /// A quantity that is a plain number (「12」, 「1,200」, 「95%」, 「92.5%」) as the number a cell
  /// holds and the format that shows it as written; nil for anything else (a unit, a comparator,
  /// a range, a deadline) or when no format shows it back as written (「９５％」 stays text).
  func plainNumber(_ q: Quantity) -> (value: Double, format: String)? {
    guard let n = q.number, q.unit == nil || q.unit == "%", q.upper == nil, q.comparator == nil, q.direction == nil,
      q.qualifier == nil, q.deadline == nil, q.milestones == nil, q.unreadable == nil
    else { return nil }
    let decimals = q.text.split(separator: ".").dropFirst().first.map { $0.prefix { $0.isNumber }.count } ?? 0
    var code = decimals == 0 ? "0" : "0." + String(repeating: "0", count: decimals)
    if q.text.contains(",") { code = "#,##" + code }
    if q.unit == "%" { code += "%" }
    let shown = SheetGrid.display(Cell(reference: CellReference(row: 1, column: 1), value: .number(n), format: NumberFormat(id: 200, code: code)))
    return shown == q.text ? (n, code) : nil
  }

  /// The reference of the column of `field` on `row`, when the form has one.
  func cell(_ field: ColumnField, _ row: Int) -> String? { FormParts.reference(of: field, row...row, in: placed) }

  /// The facet's 權分合計 row in a form: its weights and its points summed by formula over its
  /// indicator rows, so that inserted rows are counted; after the last facet of several, the 總分
  /// row summing the facets' points.
  mutating func writeFacetTotal(_ facet: Facet, last: Bool) throws {
    guard let s = sheet, !facetRows.isEmpty else { return }
    let summed = placed.filter { $0.spec.field == .weight || $0.spec.field == .points }
    guard !summed.isEmpty else { return }
    try s.write(row, 1, .string("權分合計"), format: bodyFormat)
    let inds = facet.goals.flatMap(\.indicators)
    func ranges(_ start: Int) -> [String] {
      facetRows.map { CellRange(CellReference(row: $0.lowerBound, column: start), CellReference(row: $0.upperBound, column: start)).description }
    }
    let weights = summed.first { $0.spec.field == .weight }.map { ranges($0.start) }
    for (col, start, _) in summed {
      let ranges = ranges(start)
      let cached: Double?
      if col.field == .weight {
        let ws = inds.compactMap(\.weight)
        cached = ws.isEmpty ? nil : ws.reduce(0, +)
        var f = bodyFormat
        f.numberFormat = FormStyle.numberFormat(for: .weight)
        try s.write(row, start, cached.map { .number($0) } ?? .string(""), format: f, formula: ScoringFormulas.total(ranges))
      } else {
        let ps = inds.compactMap(\.points)
        cached = ps.isEmpty || ps.count < inds.filter({ $0.weight != nil }).count ? nil : ps.reduce(0, +)
        let formula = weights.map { ScoringFormulas.pointsTotal(ranges, weights: $0) } ?? ScoringFormulas.total(ranges)
        try s.write(row, start, cached.map { .number($0) } ?? .string(""), format: bodyFormat, formula: formula)
        facetTotals.append(CellReference(row: row, column: start).description)
      }
    }
    row += 1
    if last, facetTotals.count > 1, let points = summed.first(where: { $0.spec.field == .points }) {
      try s.write(row, 1, .string("總分"), format: bodyFormat)
      try s.write(row, points.start, .string(""), format: bodyFormat, formula: ScoringFormulas.sumOfAll(facetTotals))
      row += 1
    }
  }

  /// The review of unmet targets in a form, on its own sheet: the report's reviews, then blank rows.
  func writeFormReview() throws {
    guard let title = spec.reviewTitle, let form else { return }
    try FormParts.writeReview(title, columns: spec.reviewColumns ?? TemplateSpec.reviews, reviews: report.reviews ?? [],
                              blankRows: form.reviewRows, in: book)
  }

  /// A form's signature block (the report's lines, else the roles open for the names) and its
  /// 填表說明 sheet.
  mutating func writeFormEnd() throws {
    guard let s = sheet else { return }
    row += 1
    row = try FormParts.writeSignatures(report.signatures ?? [], on: s, at: row)
    try FormParts.writeInstructions(book, kind: report.kind, spec: spec, years: years, prefilled: true)
  }
}
