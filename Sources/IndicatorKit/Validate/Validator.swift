// Validator: the checks a clerk runs before submission and an administrator before merging.

import Foundation
import XLSXKit

/// Checks a report against its own numbers (and, when given, against its plan).
///
/// Each cause gives one finding: a column missing from the whole table is one finding, not one per
/// row; an unmet target without an explanation is one `missing-unmet-explanation` (error), not also an
/// `unmet-target`; a facet whose weight disagrees with its goals only because one goal disagrees with
/// its indicators is reported at that goal. docs/VALIDATION.md lists the checks and their arithmetic.
public enum Validator {
  /// The findings for `report`, in sheet and cell order, graded by `rules`.
  ///
  /// - Parameters:
  ///   - notes: what the importer noticed (unknown columns, unplaced rows), reported as findings.
  ///   - plan: the plan the report answers to; adds `target-changed`, `weight-changed`,
  ///     `indicator-missing` and `indicator-added`.
  public static func validate(_ report: Report, notes: [ImportNote] = [], plan: Report? = nil,
                              rules: ValidationRules = ValidationRules()) -> [Finding] {
    // Every indicator judged once, as the importer does; a report built by hand may not be yet.
    var report = report
    if report.facets.contains(where: { $0.goals.contains { $0.indicators.contains { $0.actual != nil && $0.evaluation == nil } } }) {
      report.computeAchievements(grading: rules.grading)
    }
    var check = ReportCheck(report: report)
    check.importNotes(notes)
    if !notes.contains(where: { $0.code == .noTable }) {
      check.fields()
      check.indicators()
      check.reviews()
      check.weights()
      check.scores()
      check.duplicates()
      if let plan { check.against(plan) }
    }
    return check.sorted().compactMap { rules.apply($0) }
  }

  /// Whether two name keys (``nameKey(_:)``) name the same indicator: equal, or one (of four letters
  /// or more) inside the other, as a review table shortens or lengthens a name.
  static func namesMatch(_ a: String, _ b: String) -> Bool {
    guard !a.isEmpty, !b.isEmpty else { return false }
    return a == b || (min(a.count, b.count) >= 4 && (a.includes(b) || b.includes(a)))
  }

  /// The index of the review (未達目標檢討) of the indicator whose name key (``nameKey(_:)``) is `k`
  /// among reviews whose keys are `keys`: the same key, else one inside the other
  /// (``namesMatch(_:_:)``).
  static func review(ofKey k: String, keys: [String]) -> Int? {
    guard !k.isEmpty else { return nil }
    return keys.firstIndex(of: k) ?? keys.firstIndex { namesMatch(k, $0) }
  }

  /// A name reduced to its letters and digits, for matching names written slightly differently
  /// (punctuation, spaces, full-width forms).
  public static func nameKey(_ name: String) -> String {
    // Foundation's CharacterSet.letters (categories L and M) and decimalDigits (Nd), without it;
    // then lowercased scalar by scalar, as String.lowercased() does. ASCII and the CJK ideographs
    // (letters without case) are decided without looking up their properties.
    var out = String.UnicodeScalarView()
    for c in QuantityParser.normalize(name).unicodeScalars {
      switch c.value {
      case 0x30...0x39, 0x61...0x7A, 0x3400...0x4DBF, 0x4E00...0x9FFF: out.append(c)
      case 0x41...0x5A: out.append(Unicode.Scalar(UInt8(c.value + 0x20)))
      case 0..<0x80: continue
      default:
        switch c.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .nonspacingMark,
          .spacingMark, .enclosingMark, .decimalNumber:
          out.append(contentsOf: c.properties.lowercaseMapping.unicodeScalars)
        default: continue
        }
      }
    }
    return String(out)
  }
}

/// An indicator with its place in the report (a class: the checks pass it around a lot, and a
/// copy of the struct retained every field of the facet, goal and indicator).
private final class Placed {
  let facetIndex: Int
  let facet: Facet
  let goal: Goal
  let indicator: Indicator

  init(facetIndex: Int, facet: Facet, goal: Goal, indicator: Indicator) {
    self.facetIndex = facetIndex
    self.facet = facet
    self.goal = goal
    self.indicator = indicator
  }
}

/// The checks over one report, collecting findings.
private struct ReportCheck {
  let report: Report
  let placed: [Placed]
  var findings: [Finding] = []
  /// The column letters of each field, per sheet, as the indicators' cells show them.
  let columns: [String: [String: String]]
  let sheetOrder: [String]
  /// The report's own achievement of each indicator (by index in `placed`).
  var outcomes: [Int: Evaluation] = [:]
  /// The name key (``Validator/nameKey(_:)``) of each indicator in `placed`, and of each review.
  let keys: [String]
  let reviewKeys: [String]

  init(report: Report) {
    self.report = report
    placed = report.facets.enumerated().flatMap { fi, f in
      f.goals.flatMap { g in g.indicators.map { Placed(facetIndex: fi, facet: f, goal: g, indicator: $0) } }
    }
    keys = placed.map { Validator.nameKey($0.indicator.name) }
    reviewKeys = (report.reviews ?? []).map { Validator.nameKey($0.indicator) }
    var columns: [String: [String: String]] = [:]
    var order: [String] = []
    for p in placed {
      guard let sheet = p.indicator.source?.sheet, !order.contains(sheet) else { continue }
      order.append(sheet)
    }
    // The last indicator's cell of a field gives the field's column: taken backwards, first found,
    // a run of indicators of one sheet at a time.
    var run: (sheet: String, fields: [String: String])?
    for p in placed.reversed() {
      guard let s = p.indicator.source, let sheet = s.sheet else { continue }
      if run?.sheet != sheet {
        if let run { columns[run.sheet] = run.fields }
        run = (sheet, columns[sheet] ?? [:])
      }
      for (field, ref) in s.cells ?? [:] where run?.fields[field] == nil {
        if let r = CellReference(ref) { run?.fields[field] = CellReference.columnName(r.column) }
      }
    }
    if let run { columns[run.sheet] = run.fields }
    for r in report.reviews ?? [] { if let s = r.source?.sheet, !order.contains(s) { order.append(s) } }
    self.columns = columns
    sheetOrder = order
  }

  // MARK: - Making findings

  /// The sheet and cell of an indicator's `field`: the cell it was read from, else the field's
  /// column in the indicator's row, else the indicator's own cell.
  func place(_ ind: Indicator, _ field: String) -> (sheet: String?, cell: String?) {
    let s = ind.source
    if let c = s?.cells?[field] { return (s?.sheet, c) }
    if let sheet = s?.sheet, let row = s?.row, let column = columns[sheet]?[field] { return (sheet, column + String(row)) }
    return (s?.sheet, s?.cells?["indicator"])
  }

  mutating func add(_ code: FindingCode, _ severity: Severity, _ p: Placed?, field: String = "indicator",
                    sheet: String? = nil, cell: String? = nil, zh: String, en: String,
                    details: [String: FindingDetail] = [:]) {
    var f = Finding(code: code, severity: severity, message: zh, messageEN: en, details: details)
    f.file = report.source?.file ?? p?.indicator.source?.file
    if let p {
      let at = place(p.indicator, field)
      f.sheet = sheet ?? at.sheet
      f.cell = cell ?? at.cell
      f.facet = p.facet.name
      f.goal = p.goal.name.isEmpty ? nil : p.goal.name
      f.indicator = p.indicator.name
    } else {
      f.sheet = sheet
      f.cell = cell
    }
    findings.append(f)
  }

  func sorted() -> [Finding] {
    func key(_ f: Finding) -> (Int, Int, Int) {
      let sheet = f.sheet.flatMap { sheetOrder.firstIndex(of: $0) } ?? (f.sheet == nil ? -1 : sheetOrder.count)
      guard let c = f.cell.flatMap({ CellReference($0) }) else { return (sheet, 0, 0) }
      return (sheet, c.row, c.column)
    }
    let order = findings.indices.map { (key: key(findings[$0]), offset: $0) }.sorted { a, b in
      a.key != b.key ? a.key < b.key : a.offset < b.offset
    }
    return order.map { findings[$0.offset] }
  }

  // MARK: - What the importer noticed

  mutating func importNotes(_ notes: [ImportNote]) {
    for n in notes {
      let code: FindingCode
      let severity: Severity
      switch n.code {
      case .unknownColumn: (code, severity) = (.unknownColumn, .warning)
      case .unplacedRow: (code, severity) = (.unplacedRow, .warning)
      case .unplacedCell: (code, severity) = (.unplacedCell, .info)
      case .noTable: (code, severity) = (.noTable, .error)
      case .agencyMismatch: (code, severity) = (.agencyMismatch, .info)
      case .hiddenSheet: (code, severity) = (.hiddenSheet, .info)
      case .hiddenTable: (code, severity) = (.hiddenSheet, .warning)
      case .damagedSheet: (code, severity) = (.damagedSheet, .error)
      case .continuedRow, .guessedAgency, .splitCell, .continuedTable, .targetFromMeasurement, .instructionsSheet: continue
      }
      add(code, severity, nil, sheet: n.sheet, cell: n.cell ?? n.row.map { "A\($0)" }, zh: n.messageZH, en: n.message)
    }
  }

  // MARK: - Missing fields

  /// Targets and actuals: one finding for a column the whole table lacks, else one per empty cell.
  mutating func fields() {
    let scored = placed.filter { $0.indicator.isBonus != true }
    guard !scored.isEmpty else { return }
    func hasTarget(_ i: Indicator) -> Bool { i.target != nil || !(i.targets ?? [:]).isEmpty }
    let sheet = scored.first?.indicator.source?.sheet
    if !scored.contains(where: { hasTarget($0.indicator) }) {
      let inStandard = scored.contains { ($0.indicator.measurement ?? "").includes("目標") }
      add(.missingField, inStandard ? .warning : .error, nil, sheet: sheet,
          zh: inStandard ? "此表沒有目標值欄：目標值只寫在衡量標準文字中，無法逐項比對" : "此表沒有目標值欄，\(scored.count) 項指標皆無目標值",
          en: inStandard ? "the table has no target column: targets are only written inside the measurement standards and cannot be compared"
            : "the table has no target column: none of the \(scored.count) indicators has a target",
          details: ["field": .text("target"), "indicators": .number(Double(scored.count))])
    } else {
      for p in scored where !hasTarget(p.indicator) {
        add(.missingField, .error, p, field: "target", zh: "「\(p.indicator.name)」沒有目標值",
            en: "'\(p.indicator.name)' has no target", details: ["field": .text("target")])
      }
      if report.kind == .midTermPlan, report.years.count > 1 {
        for p in scored where p.indicator.targets != nil {
          let missing = report.years.filter { p.indicator.targets?[String($0)] == nil }
          guard !missing.isEmpty else { continue }
          let list = missing.map(String.init).joined(separator: "、")
          add(.missingField, .warning, p, field: "target\(missing[0])",
              zh: "「\(p.indicator.name)」缺 \(list) 年度目標值", en: "'\(p.indicator.name)' has no target for \(list)",
              details: ["field": .text("targets"), "years": .texts(missing.map(String.init))])
        }
      }
    }
    guard report.kind.hasActuals else { return }
    if !scored.contains(where: { $0.indicator.actual != nil }) {
      add(.missingField, .error, nil, sheet: sheet, zh: "此表沒有達成值欄，\(scored.count) 項指標皆無達成值",
          en: "the table has no actual column: none of the \(scored.count) indicators has an actual",
          details: ["field": .text("actual"), "indicators": .number(Double(scored.count))])
    } else {
      for p in scored where p.indicator.actual == nil {
        add(.missingField, .error, p, field: "actual", zh: "「\(p.indicator.name)」沒有達成值",
            en: "'\(p.indicator.name)' has no actual", details: ["field": .text("actual")])
      }
    }
  }

  // MARK: - Targets, actuals, achievement, dates

  mutating func indicators() {
    for (index, p) in placed.enumerated() {
      let ind = p.indicator
      unreadable(p)
      dates(p)
      guard report.kind.hasActuals, let actual = ind.actual, let result = ind.evaluation else { continue }
      let target = Evaluator.periodTarget(of: ind, years: report.years)?.target ?? Quantity(text: "")
      let direction = result.direction
      if result.behindSchedule == true {
        let (t, a) = ind.targetToDate.map { ($0.text, actual.text) } ?? (ind.quarterTarget?.text ?? "", ind.quarterActual?.text ?? "")
        let which = ind.targetToDate != nil ? ("累計目標", "the target to date") : ("本季目標", "the quarter's target")
        add(.behindSchedule, .warning, p, field: ind.targetToDate != nil ? "actual" : "quarterActual",
            zh: "「\(ind.name)」進度落後：\(which.0) \(t)，達成 \(a)",
            en: "'\(ind.name)' is behind schedule: \(which.1) is \(t), achieved \(a)",
            details: ["target": .text(t), "actual": .text(a)])
      }
      guard let value = result.achievement else {
        if result.measure == .text || result.verdict == .inProgress { continue }
        if result.measure == .ladder {
          add(.unparseableValue, .warning, p, field: "actual",
              zh: "「\(ind.name)」達成值「\(actual.text)」未對應衡量標準的任一階段",
              en: "'\(ind.name)': the actual '\(actual.text)' names no step of the milestone ladder",
              details: ["actual": .text(actual.text)])
        } else if let tu = target.unit, let au = actual.unit, tu != au {
          add(.unitMismatch, .warning, p, field: "actual",
              zh: "「\(ind.name)」目標值單位為「\(tu)」，達成值單位為「\(au)」，無法比較",
              en: "'\(ind.name)': the target is in \(tu), the actual in \(au); they cannot be compared",
              details: ["target": .text(target.text), "actual": .text(actual.text)])
        }
        continue
      }
      outcomes[index] = result
      if ind.isBonus == true { continue }
      if let stated = ind.achievement {
        let uncapped = result.ratio
        let tolerance = roundingTolerance(stated * 100) / 100 + 1e-9
        let matches = abs(stated - value) <= tolerance || uncapped.map { abs(stated - $0) <= tolerance } == true
        if !matches {
          add(.achievementMismatch, .error, p, field: "achievement",
              zh: "「\(ind.name)」達成度填 \(pct(stated))，依目標值 \(target.text) 與達成值 \(actual.text) 計算應為 \(pct(value))"
                + (direction == .lower ? "（數值越低越好）" : ""),
              en: "'\(ind.name)': the stated achievement is \(pct(stated)); from the target \(target.text) and the actual \(actual.text) it is \(pct(value))"
                + (direction == .lower ? " (lower is better)" : ""),
              details: ["stated": .number(stated), "computed": .number(value), "target": .text(target.text),
                        "actual": .text(actual.text), "direction": .text(direction.rawValue)])
        }
      }
      if let points = ind.points, let weight = ind.weight {
        let expected = Scoring.points(weight: weight, achievement: value)
        if abs(points - expected) > roundingTolerance(points) + 1e-9 {
          add(.pointsMismatch, .warning, p, field: "points",
              zh: "「\(ind.name)」項目權分填 \(num(points))，權重 \(pct(weight)) × 達成度 \(pct(value)) = \(num(expected))",
              en: "'\(ind.name)': the stated points are \(num(points)); weight \(pct(weight)) × achievement \(pct(value)) = \(num(expected))",
              details: ["stated": .number(points), "computed": .number(expected), "weight": .number(weight),
                        "achievement": .number(value)])
        }
      }
    }
  }


  mutating func unreadable(_ p: Placed) {
    let ind = p.indicator
    var values: [(field: String, label: String, q: Quantity)] = []
    if let t = ind.target { values.append(("target", "目標值", t)) }
    for (y, t) in (ind.targets ?? [:]).sorted(by: { $0.key < $1.key }) { values.append(("target\(y)", "\(y) 年度目標值", t)) }
    if report.kind.hasActuals, let a = ind.actual { values.append(("actual", "達成值", a)) }
    for v in values {
      guard v.q.number == nil, v.q.milestones == nil, v.q.deadline == nil, let why = v.q.unreadable, why != "empty" else { continue }
      let whyZH: String
      switch why {
      case "no number in the text": whyZH = "文字中沒有數字"
      case "several numbers, none marked as the target": whyZH = "有多個數字，無法判斷何者為目標"
      default: whyZH = why.hasPrefix("a range") ? "寫成範圍，不是單一數值" : why
      }
      add(.unparseableValue, ind.isBonus == true ? .info : .warning, p, field: v.field,
          zh: "「\(ind.name)」的\(v.label)「\(v.q.text)」無法比較：\(whyZH)",
          en: "'\(ind.name)': the \(v.field.hasPrefix("target") ? "target" : "actual") '\(v.q.text)' cannot be compared: \(why)",
          details: ["text": .text(v.q.text), "reason": .text(why)])
    }
  }

  /// Dates outside the report's years in the narrative or actual, one finding per cell. A warning
  /// when the date is after the period, or when the same text also has dates inside it (a list of
  /// the year's events with one from another year is likely a typo); otherwise information (a
  /// narrative may well recall an earlier year).
  mutating func dates(_ p: Placed) {
    guard let first = report.years.min(), let last = report.years.max() else { return }
    let texts: [(String, String?)] = [("narrative", p.indicator.narrative), ("actual", p.indicator.actual?.text)]
    for (field, text) in texts {
      guard let text else { continue }
      let found = ROCCalendar.dates(in: text)
      let outside = found.filter { $0.date.year < first || $0.date.year > last }
      guard !outside.isEmpty else { continue }
      let inside = found.count - outside.count
      let future = outside.contains { $0.date.year > last }
      let period = first == last ? "\(first) 年" : "\(first)–\(last) 年"
      let list = outside.map(\.text).joined(separator: "、")
      add(.dateOutsideYear, future || inside > 0 ? .warning : .info, p, field: field,
          zh: "「\(p.indicator.name)」的\(field == "actual" ? "達成值" : "達成情形")寫有 \(period)以外的日期：\(list)"
            + (inside > 0 ? "（同段其他日期在 \(period)內，可能誤植）" : ""),
          en: "'\(p.indicator.name)': the \(field) names dates outside \(first == last ? String(first) : "\(first)–\(last)") (ROC): \(list)"
            + (inside > 0 ? " (the other dates of the text are inside it: a typo?)" : ""),
          details: ["dates": .texts(outside.map { $0.date.iso }), "years": .texts(report.years.map(String.init))])
    }
  }

  // MARK: - Reviews of unmet targets

  mutating func reviews() {
    let reviews = report.reviews ?? []
    var used = Set<Int>()
    for (index, p) in placed.enumerated() {
      let r = Validator.review(ofKey: keys[index], keys: reviewKeys)
      if let r, outcomes[index]?.verdict != .met { used.insert(r) }
      guard let result = outcomes[index], p.indicator.isBonus != true, result.verdict == .unmet, let value = result.achievement
      else { continue }
      let ind = p.indicator
      let targetText = Evaluator.periodTarget(of: ind, years: report.years)?.target.text ?? ""
      let numbers: [String: FindingDetail] = [
        "target": .text(targetText), "actual": .text(ind.actual?.text ?? ""),
        "achievement": .number(value), "direction": .text(result.direction.rawValue),
      ]
      let shortfall = "目標值 \(targetText)，達成值 \(ind.actual?.text ?? "")，達成度 \(pct(value))"
        + (result.direction == .lower ? "（數值越低越好）" : "")
      let shortfallEN = "target \(targetText), actual \(ind.actual?.text ?? ""), achievement \(pct(value))"
        + (result.direction == .lower ? " (lower is better)" : "")
      if let r, report.reason(ofReview: r) != nil {
        add(.unmetTarget, .warning, p, field: "actual", zh: "「\(ind.name)」未達目標：\(shortfall)；已於未達目標檢討說明",
            en: "'\(ind.name)' is short of its target: \(shortfallEN); the review explains it", details: numbers)
      } else if let r {
        let rs = reviews[r].source
        add(.missingUnmetExplanation, .error, p, sheet: rs?.sheet, cell: rs?.cells?["explanation"],
            zh: "「\(ind.name)」未達目標（\(shortfall)），未達目標檢討列有此項但未填原因",
            en: "'\(ind.name)' is short of its target (\(shortfallEN)); its review gives no reason", details: numbers)
      } else {
        add(.missingUnmetExplanation, .error, p, field: "actual",
            zh: "「\(ind.name)」未達目標（\(shortfall)），未列入未達目標檢討",
            en: "'\(ind.name)' is short of its target (\(shortfallEN)) and has no review explaining it", details: numbers)
      }
    }
    for (i, r) in reviews.enumerated() where !used.contains(i) {
      let known = keys.contains { Validator.namesMatch($0, reviewKeys[i]) }
      add(known ? .reviewForMetIndicator : .reviewWithoutIndicator, known ? .info : .warning, nil,
          sheet: r.source?.sheet, cell: r.source?.cells?["indicator"],
          zh: known ? "未達目標檢討列有「\(r.indicator)」，但此指標已達目標" : "未達目標檢討列有「\(r.indicator)」，但報告中沒有這項指標",
          en: known ? "the review names '\(r.indicator)', whose target is met" : "the review names '\(r.indicator)', which the report does not have",
          details: ["indicator": .text(r.indicator)])
    }
  }

  // MARK: - Weights

  mutating func weights() {
    let weightedIndicators = placed.contains { $0.indicator.weight != nil }
    let weightedGoals = report.facets.contains { $0.goals.contains { $0.weight != nil } }
    let weightedFacets = report.facets.contains { $0.weight != nil }
    guard weightedIndicators || weightedGoals || weightedFacets else {
      // No weight anywhere: one finding for the table, not one per row. A report's score cannot be
      // computed without them (a warning); plans often carry none (information). An office that
      // requires weights makes it an error in the rules file.
      let scored = placed.filter { $0.indicator.isBonus != true }
      guard !scored.isEmpty else { return }
      add(.missingWeight, report.kind == .performanceReport ? .warning : .info, nil, sheet: scored.first?.indicator.source?.sheet,
          zh: "此表沒有權重欄，\(scored.count) 項指標皆無權重" + (report.kind == .performanceReport ? "，無法計算績效分數" : ""),
          en: "the table has no weights: none of the \(scored.count) indicators has one"
            + (report.kind == .performanceReport ? ", so no score can be computed" : ""),
          details: ["level": .text("table"), "indicators": .number(Double(scored.count))])
      return
    }
    if weightedIndicators {
      for p in placed where p.indicator.weight == nil && p.indicator.isBonus != true {
        add(.missingWeight, .error, p, field: "weight", zh: "「\(p.indicator.name)」沒有權重",
            en: "'\(p.indicator.name)' has no weight", details: ["level": .text("indicator")])
      }
    }
    var indicatorTotal = 0.0
    var everyIndicatorWeighted = true
    for facet in report.facets {
      var goalsTotal = 0.0
      var facetIndicators = 0.0
      var goalsAgree = true
      var everyGoalWeighted = true
      var facetAllWeighted = true
      for goal in facet.goals {
        let scored = goal.indicators.filter { $0.isBonus != true }
        if scored.isEmpty { continue }
        let weights = scored.compactMap(\.weight)
        let allWeighted = weights.count == scored.count
        let sum = weights.reduce(0, +)
        facetIndicators += sum
        if !allWeighted { facetAllWeighted = false }
        guard let w = goal.weight else {
          everyGoalWeighted = false
          if weightedGoals {
            addGoal(.missingWeight, .error, facet, goal, zh: "目標「\(goal.name)」沒有權重", en: "the goal '\(goal.name)' has no weight",
                    details: ["level": .text("goal")])
          }
          continue
        }
        goalsTotal += w
        if allWeighted && abs(w - sum) > 0.0005 {
          goalsAgree = false
          addGoal(.weightSumMismatch, .error, facet, goal,
                  zh: "目標「\(goal.name)」權重 \(pct(w))，其 \(scored.count) 項指標權重合計 \(pct(sum))（\(scored.compactMap(\.weight).map(pct).joined(separator: " + "))）",
                  en: "the goal '\(goal.name)' weighs \(pct(w)) but its \(scored.count) indicators add up to \(pct(sum)) (\(scored.compactMap(\.weight).map(pct).joined(separator: " + ")))",
                  details: ["stated": .number(w), "sum": .number(sum), "level": .text("goal")])
        }
      }
      if !facetAllWeighted { everyIndicatorWeighted = false }
      indicatorTotal += facetIndicators
      guard let fw = facet.weight else {
        if weightedFacets && !facet.goals.isEmpty {
          addFacet(.missingWeight, .error, facet, zh: "面向「\(facet.name ?? "")」沒有權重", en: "the facet '\(facet.name ?? "")' has no weight",
                   details: ["level": .text("facet")])
        }
        continue
      }
      // Goals that agree with their indicators: the facet against its goals. Otherwise against its
      // indicators, so that one wrong goal is not reported twice.
      if everyGoalWeighted && goalsAgree && weightedGoals {
        if abs(fw - goalsTotal) > 0.0005 {
          addFacet(.weightSumMismatch, .error, facet,
                   zh: "面向「\(facet.name ?? "")」權重 \(pct(fw))，其目標權重合計 \(pct(goalsTotal))",
                   en: "the facet '\(facet.name ?? "")' weighs \(pct(fw)) but its goals add up to \(pct(goalsTotal))",
                   details: ["stated": .number(fw), "sum": .number(goalsTotal), "level": .text("facet")])
        }
      } else if facetAllWeighted && weightedIndicators && abs(fw - facetIndicators) > 0.0005 {
        addFacet(.weightSumMismatch, .error, facet,
                 zh: "面向「\(facet.name ?? "")」權重 \(pct(fw))，其指標權重合計 \(pct(facetIndicators))",
                 en: "the facet '\(facet.name ?? "")' weighs \(pct(fw)) but its indicators add up to \(pct(facetIndicators))",
                 details: ["stated": .number(fw), "sum": .number(facetIndicators), "level": .text("facet")])
      }
    }
    // The whole: facets (with the weighted parts a report adds, such as 具體施政績效(5%)) make 100%.
    let parts = report.scoreParts
    let partsWeight = parts.compactMap(\.weight).reduce(0, +)
    if weightedFacets {
      let total = report.facets.compactMap(\.weight).reduce(0, +) + partsWeight
      if abs(total - 1) > 0.0005 {
        let terms = report.facets.compactMap { f in f.weight.map { "\(f.name ?? "")\(pct($0))" } } + parts.compactMap { p in p.weight.map { _ in p.score.name } }
        add(.weightSumMismatch, .error, nil, sheet: report.facets.first?.source?.sheet, cell: report.facets.first?.source?.cells?["facet"],
            zh: "各面向權重合計 \(pct(total))，不是 100%（\(terms.joined(separator: " + "))）",
            en: "the facets' weights add up to \(pct(total)), not 100% (\(terms.joined(separator: " + ")))",
            details: ["sum": .number(total), "level": .text("report")])
      }
    } else if weightedIndicators && everyIndicatorWeighted {
      let total = indicatorTotal + partsWeight
      if abs(total - 1) > 0.0005 {
        add(.weightSumMismatch, .warning, nil, sheet: placed.first?.indicator.source?.sheet,
            zh: "指標權重合計 \(pct(total))，不是 100%", en: "the indicators' weights add up to \(pct(total)), not 100%",
            details: ["sum": .number(total), "level": .text("report")])
      }
    }
  }

  mutating func addGoal(_ code: FindingCode, _ severity: Severity, _ facet: Facet, _ goal: Goal, zh: String, en: String,
                        details: [String: FindingDetail]) {
    var f = Finding(code: code, severity: severity, message: zh, messageEN: en, details: details)
    f.file = report.source?.file ?? goal.source?.file
    f.sheet = goal.source?.sheet
    f.cell = goal.source?.cells?["goal"]
    f.facet = facet.name
    f.goal = goal.name
    findings.append(f)
  }

  mutating func addFacet(_ code: FindingCode, _ severity: Severity, _ facet: Facet, key: String = "facet", zh: String, en: String,
                         details: [String: FindingDetail]) {
    var f = Finding(code: code, severity: severity, message: zh, messageEN: en, details: details)
    f.file = report.source?.file ?? facet.source?.file
    f.sheet = facet.source?.sheet ?? facet.goals.first?.source?.sheet
    f.cell = facet.source?.cells?[key]
    f.facet = facet.name
    findings.append(f)
  }

  // MARK: - Scores

  mutating func scores() {
    var facetPoints: [Double?] = []
    for (fi, facet) in report.facets.enumerated() {
      let mine = placed.indices.filter { placed[$0].facetIndex == fi }
      let all = mine.map { placed[$0].indicator }
      let scored = all.filter { $0.isBonus != true }
      let achievements = mine.map { outcomes[$0]?.achievement ?? placed[$0].indicator.achievement }
      // Σ weight × achievement over the scored indicators (Scoring.score), when each has both.
      var computed: Double?
      if !scored.isEmpty && zip(all, achievements).allSatisfy({ $0.isBonus == true || ($0.weight != nil && $1 != nil) }) {
        computed = Scoring.score(zip(all, achievements).filter { $0.0.isBonus != true }.map { ($0.0.weight, $0.1) })
      }
      let pointsSum: Double? = !all.isEmpty && all.allSatisfy { $0.points != nil } ? all.compactMap(\.points).reduce(0, +) : nil
      if let stated = facet.statedScore, let c = computed, abs(stated - c) > roundingTolerance(stated) + 1e-9 {
        addFacet(.scoreMismatch, .error, facet, key: "statedScore",
                 zh: "面向「\(facet.name ?? "")」分數填 \(num(stated))，依各指標權重 × 達成度合計為 \(num(c))",
                 en: "the facet '\(facet.name ?? "")' states a score of \(num(stated)); its indicators' weights × achievements add up to \(num(c))",
                 details: ["stated": .number(stated), "computed": .number(c), "level": .text("facet")])
      }
      if let stated = facet.statedTotal, let c = pointsSum ?? computed, abs(stated - c) > statedTolerance(stated) + 1e-9 {
        addFacet(.scoreMismatch, .error, facet, key: "statedTotal",
                 zh: "面向「\(facet.name ?? "")」權分合計填 \(num(stated))，各項\(pointsSum != nil ? "項目權分" : "權重 × 達成度")合計為 \(num(c))",
                 en: "the facet '\(facet.name ?? "")' states a total of \(num(stated)); its indicators' \(pointsSum != nil ? "points" : "weights × achievements") add up to \(num(c))",
                 details: ["stated": .number(stated), "computed": .number(c), "level": .text("facet")])
      }
      // A score stated again elsewhere (「業務面(55%) 54.83」) must agree with the facet's own.
      let restated = (report.statedScores ?? []).filter { report.facetIndex(named: $0.name) == fi }
      for s in restated {
        if let own = facet.statedScore, abs(own - s.value) > statedTolerance(own) + statedTolerance(s.value) {
          add(.scoreMismatch, .error, nil, sheet: s.source?.sheet, cell: s.source?.cells?["value"],
              zh: "「\(s.name)」填 \(num(s.value))，與面向分數表的 \(num(own)) 不同",
              en: "'\(s.name)' states \(num(s.value)), but the facet's score table says \(num(own))",
              details: ["stated": .number(s.value), "computed": .number(own), "level": .text("facet")])
        }
      }
      // The total is checked against the parts written beside it (「業務面(55%)」 on the total's line)
      // when there are such, so that a restated score that disagrees is reported once, above.
      facetPoints.append(restated.first?.value ?? facet.statedScore ?? facet.statedTotal ?? computed)
    }
    let scores = report.statedScores ?? []
    let parts = report.scoreParts.map(\.score)
    guard facetPoints.allSatisfy({ $0 != nil }), !facetPoints.isEmpty else { return }
    let facetSum = facetPoints.compactMap { $0 }.reduce(0, +)
    let subtotal = scores.first { StatedScore.isSubtotal($0.name) }
    if let subtotal, abs(subtotal.value - facetSum) > statedTolerance(subtotal.value) * Double(facetPoints.count + 1) + 1e-9 {
      add(.scoreMismatch, .error, nil, sheet: subtotal.source?.sheet, cell: subtotal.source?.cells?["value"],
          zh: "「\(subtotal.name)」填 \(num(subtotal.value))，各面向合計為 \(num(facetSum))",
          en: "'\(subtotal.name)' states \(num(subtotal.value)); the facets add up to \(num(facetSum))",
          details: ["stated": .number(subtotal.value), "computed": .number(facetSum), "level": .text("subtotal")])
    }
    for total in scores where StatedScore.isTotal(total.name) {
      let base = subtotal?.value ?? facetSum
      let sum = base + parts.map(\.value).reduce(0, +)
      let terms = (subtotal.map { [num($0.value)] } ?? facetPoints.compactMap { $0.map(num) }) + parts.map { num($0.value) }
      if abs(total.value - sum) > statedTolerance(total.value) * Double(terms.count + 1) + 1e-9 {
        add(.scoreMismatch, .error, nil, sheet: total.source?.sheet, cell: total.source?.cells?["value"],
            zh: "「\(total.name)」填 \(num(total.value))，各項合計為 \(num(sum))（\(terms.joined(separator: " + "))）",
            en: "'\(total.name)' states \(num(total.value)); its parts add up to \(num(sum)) (\(terms.joined(separator: " + ")))",
            details: ["stated": .number(total.value), "computed": .number(sum), "level": .text("total")])
      }
    }
  }

  // MARK: - Duplicates

  mutating func duplicates() {
    var seen: [String: Placed] = [:]
    for (p, k) in zip(placed, keys) {
      guard !k.isEmpty else { continue }
      if let first = seen[k] {
        let at = place(first.indicator, "indicator")
        // Under the same goal it is surely a mistake; under another goal it may be meant.
        let sameGoal = first.facetIndex == p.facetIndex && first.goal.name == p.goal.name
        add(.duplicateIndicator, sameGoal ? .warning : .info, p,
            zh: "「\(p.indicator.name)」與 \(at.cell.map { "\($0) " } ?? "")的指標同名",
            en: "'\(p.indicator.name)' has the same name as the indicator\(at.cell.map { " at \($0)" } ?? "")",
            details: ["first": .text(at.cell ?? "")])
      } else {
        seen[k] = p
      }
    }
  }

  // MARK: - Against the plan

  mutating func against(_ plan: Report) {
    let year = report.years.max()
    var planned: [(facet: Facet, goal: Goal, indicator: Indicator)] = plan.allIndicators
    var matchedPlan = Set<Int>()
    for p in placed {
      let k = Validator.nameKey(p.indicator.name)
      let candidates = planned.indices.filter { !matchedPlan.contains($0) && Validator.nameKey(planned[$0].indicator.name) == k }
      let sameGoal = candidates.first { Validator.nameKey(planned[$0].goal.name) == Validator.nameKey(p.goal.name) }
      guard let i = sameGoal ?? candidates.first else {
        add(.indicatorAdded, .warning, p, zh: "「\(p.indicator.name)」不在計畫中", en: "'\(p.indicator.name)' is not in the plan",
            details: [:])
        continue
      }
      matchedPlan.insert(i)
      let planInd = planned[i].indicator
      let planTarget = planInd.target ?? year.flatMap { planInd.targets?[String($0)] }
      if let pt = planTarget, let rt = Evaluator.periodTarget(of: p.indicator, years: report.years)?.target {
        compareTargets(p, plan: pt, report: rt)
      }
      if let pw = planInd.weight, let rw = p.indicator.weight, abs(pw - rw) > 0.0005 {
        add(.weightChanged, .warning, p, field: "weight",
            zh: "「\(p.indicator.name)」權重由計畫的 \(pct(pw)) 改為 \(pct(rw))",
            en: "'\(p.indicator.name)': the weight changed from the plan's \(pct(pw)) to \(pct(rw))",
            details: ["plan": .number(pw), "report": .number(rw)])
      }
    }
    planned = planned.indices.filter { !matchedPlan.contains($0) }.map { planned[$0] }
    for m in planned {
      var f = Finding(code: .indicatorMissing, severity: .error,
                      message: "計畫的指標「\(m.indicator.name)」（目標「\(m.goal.name)」）不在報告中",
                      messageEN: "the plan's indicator '\(m.indicator.name)' (goal '\(m.goal.name)') is missing from the report",
                      details: ["planCell": .text(m.indicator.source?.cells?["indicator"] ?? "")])
      f.file = report.source?.file
      f.sheet = placed.first?.indicator.source?.sheet
      f.facet = m.facet.name
      f.goal = m.goal.name
      f.indicator = m.indicator.name
      findings.append(f)
    }
  }

  /// A lowered target (direction-aware) is an error unless the narrative explains it; a raised or
  /// rewritten one is a warning.
  mutating func compareTargets(_ p: Placed, plan: Quantity, report rt: Quantity) {
    let direction = Achievement.direction(of: p.indicator, target: plan)
    var lowered = false
    if let a = plan.number, let b = rt.number, plan.unit == rt.unit || (plan.unit == nil || rt.unit == nil) {
      if abs(a - b) <= 1e-9 { return }
      lowered = direction == .higher ? b < a : b > a
    } else if Validator.nameKey(plan.text) == Validator.nameKey(rt.text) {
      return
    }
    let text = (p.indicator.narrative ?? "") + (p.indicator.extra?.values.joined() ?? "")
    let explained = ["調整", "修正", "變更", "下修", "修訂"].contains { text.includes($0) } && text.includes("目標")
    let severity: Severity = lowered ? (explained ? .warning : .error) : .warning
    add(.targetChanged, severity, p, field: "target",
        zh: "「\(p.indicator.name)」目標值由計畫的「\(plan.text)」改為「\(rt.text)」"
          + (lowered ? (explained ? "（調降，已說明）" : "（調降且未說明）") : ""),
        en: "'\(p.indicator.name)': the target changed from the plan's '\(plan.text)' to '\(rt.text)'"
          + (lowered ? (explained ? " (lowered, explained)" : " (lowered without explanation)") : ""),
        details: ["plan": .text(plan.text), "report": .text(rt.text), "lowered": .text(lowered ? "yes" : "no")])
  }
}

// MARK: - Numbers in messages

/// Half a unit of the last decimal `v` is written with (54.83 → 0.005; 90 → 0.5), the tolerance for
/// a stated number against an exact one.
func halfUnit(_ v: Double) -> Double {
  var scale = 1.0
  for _ in 0...6 {
    let scaled = v * scale
    if abs(scaled - scaled.rounded()) < 1e-6 { return 0.5 / scale }
    scale *= 10
  }
  return 0.5 / scale
}

/// How far a stated number may be from the one Jixiao computes: half a unit of its last decimal, as
/// written — a stated 達成度, 項目權分 or score that rounds to the computed one at its own decimals
/// (88.2 for 88.24%, 5 for 4.86) is no mismatch.
func roundingTolerance(_ v: Double) -> Double { halfUnit(v) }

/// How far two stated numbers (a score restated elsewhere, a total against its stated parts) may
/// be apart: half a unit of the last decimal, but no more than 0.005 — a whole number in a cell may
/// be a two-decimal score formatted without decimals, and the parts' slack adds up.
func statedTolerance(_ v: Double) -> Double { min(halfUnit(v), 0.005) }

/// A fraction as a percentage for messages: 0.97187 → 「97.19%」.
func pct(_ v: Double) -> String { num(v * 100) + "%" }

/// A number for messages, at most two decimals: 39.8593 → 「39.86」, 35.0 → 「35」.
func num(_ v: Double) -> String {
  let r = (v * 100).rounded() / 100
  return Quantity.plainText(r)
}

