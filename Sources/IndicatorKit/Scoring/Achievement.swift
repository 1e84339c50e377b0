// Achievement: how far an actual reaches its target, direction-aware and capped, and the scores
// that weights make of achievements.

import Foundation

/// How achievement is computed.
public struct AchievementRule: Codable, Sendable, Hashable {
  /// The most an indicator can achieve, as a fraction (1.0 is the usual 100% cap).
  public var cap: Double = 1.0
  /// When true, an actual short of its target earns 0 rather than a proportion.
  public var allOrNothing = false

  /// The usual rule: proportional, capped at 100%.
  public init() {}

  /// A rule with its cap and whether it is all or nothing.
  public init(cap: Double, allOrNothing: Bool = false) {
    self.cap = cap
    self.allOrNothing = allOrNothing
  }
}

/// The outcome of comparing an actual with its target.
public struct AchievementResult: Sendable, Hashable {
  /// The achievement, as a fraction within [0, cap]; nil when it cannot be computed.
  public var value: Double?
  /// Whether the target is met; nil when unknown.
  public var met: Bool?
  /// The direction used.
  public var direction: Direction
  /// Why the value is nil, or how an edge case was settled.
  public var note: String?
}

/// Direction-aware achievement.
public enum Achievement {
  /// Words in an indicator's name or standard that mean fewer is better, whatever is measured.
  public static let lowerIsBetterWords = [
    "錯誤率", "錯誤件數", "失誤率", "誤植", "逾期", "延誤", "賸餘", "剩餘", "流失率", "離職率", "事故",
    "死亡", "傷亡", "災害", "缺失", "客訴", "申訴率", "退件率", "平均處理時間", "耗電", "用電量", "用水量", "成本",
  ]

  /// Units that are better low when nothing else is said: 「公文結案天數」.
  public static let lowerIsBetterUnits = ["天數", "日數"]

  /// Endings of a name that measures attainment (達成率, 滿意度, 降低比率): higher is better, even
  /// when the name mentions a loss (「農業天然災害救助核發時效達成率」, 「交通事故死亡人數降低比率」).
  public static let attainmentEndings = [
    "達成率", "完成率", "執行率", "滿意度", "合格率", "結案率", "辦結率", "接通率", "使用率", "參與率", "通過率",
    "覆蓋率", "涵蓋率", "普及率", "回收率", "準點率", "妥善率", "良好率", "降低比率", "降低率", "減少比率", "減少率",
    "下降率", "改善率",
  ]

  /// Endings of a share (比率, 百分比): a share outranks a unit word (「空氣品質良好日數比率」 is
  /// higher-better), not a word of loss (「賸餘數百分比」).
  public static let shareEndings = ["比率", "百分比", "比例", "比重", "占比", "率"]

  /// The direction of an indicator, by precedence (docs/MODEL.md, "Direction"):
  /// 1. its own (`direction`); 2. the target's comparator (以上, 以下, deadlines);
  /// 3. 「越低越好」 in its name or standard; 4. a name ending in an attainment word → higher;
  /// 5. a word of loss (逾期, 錯誤率, 賸餘, 事故 …) → lower; 6. 成長率 of staff (員額, 人力, 人數) →
  /// lower; 7. a name ending in a share → higher; 8. a unit word (天數, 日數) → lower; 9. higher.
  public static func direction(of indicator: Indicator, target: Quantity? = nil) -> Direction {
    directionAndSource(of: indicator, target: target).direction
  }

  /// The direction and the step of ``direction(of:target:)`` that decided it.
  public static func directionAndSource(of indicator: Indicator, target: Quantity? = nil)
    -> (direction: Direction, source: DirectionSource)
  {
    if let d = indicator.direction { return (d, .column) }
    if let d = (target ?? indicator.target)?.direction { return (d, .comparator) }
    if let d = directionByWords(of: indicator) { return (d, .words) }
    return (.higher, .default)
  }

  /// Steps 3–8 of ``direction(of:target:)``: nil when no word decides.
  static func directionByWords(of indicator: Indicator) -> Direction? {
    // The name, then the measurement standard (no word has a space, so none can span the two).
    let texts = [indicator.name, indicator.measurement ?? ""]
    if texts.contains(where: { $0.includesAny(saysLower) }) { return .lower }
    var name = indicator.name  // trimmed by LabeledName
    while name.ends(bytes: "。") { name.removeLast() }
    if attainment.first(endingAt: name) != nil { return .higher }
    if texts.contains(where: { $0.includesAny(lowerIsBetter) }) { return .lower }
    if texts.contains(where: { $0.includes("成長率") }) && texts.contains(where: { $0.includesAny(staff) }) {
      return .lower
    }
    if shares.first(endingAt: name) != nil { return .higher }
    if texts.contains(where: { $0.includesAny(lowerUnits) }) { return .lower }
    return nil
  }

  private static let lowerUnits = Needles(lowerIsBetterUnits)
  private static let saysLower = Needles(["越低越好", "愈低愈好"])
  private static let attainment = WordIndex(attainmentEndings.map { ($0, ()) }, byLastByte: true)
  private static let shares = WordIndex(shareEndings.map { ($0, ()) }, byLastByte: true)
  private static let lowerIsBetter = Needles(lowerIsBetterWords)
  private static let staff = Needles(["員額", "人力", "人數"])

  /// Compares `actual` with `target`.
  ///
  /// Higher is better: actual ÷ target. Lower is better: target ÷ actual. Both capped at
  /// `rule.cap`. A zero target is settled explicitly: higher-better, any actual ≥ 0 meets it;
  /// lower-better, an actual of 0 meets it and anything above it earns 0. An actual of 0 against
  /// a lower-better positive target meets it. Units must agree (a bare number agrees with any unit).
  public static func compute(target: Quantity, actual: Quantity, direction: Direction,
                             rule: AchievementRule = AchievementRule()) -> AchievementResult {
    var r = AchievementResult(value: nil, met: nil, direction: direction, note: nil)
    if let ladder = target.milestones {
      return milestone(ladder: ladder, target: target, actual: actual, direction: direction, rule: rule)
    }
    guard var t = target.number else {
      r.note = "the target has no number: \(target.unreadable ?? target.text)"
      return r
    }
    guard var a = actual.number else {
      r.note = "the actual has no number: \(actual.unreadable ?? actual.text)"
      return r
    }
    // 「執行率80%」 against 「86.43」: a bare number beside a percentage is in percentage points.
    if target.unit == "%" && actual.unit == nil && a > 1.5 {
      a /= 100
      r.note = "the actual \(actual.text) read as percentage points"
    } else if actual.unit == "%" && target.unit == nil && t > 1.5 {
      t /= 100
      r.note = "the target \(target.text) read as percentage points"
    }
    if let tu = target.unit, let au = actual.unit, !unitsAgree(tu, au) {
      r.note = "units differ: target in \(tu), actual in \(au)"
      return r
    }
    if (target.unit == "%") != (actual.unit == "%"), target.unit != nil, actual.unit != nil {
      r.note = "units differ"
      return r
    }
    var value: Double
    switch direction {
    case .higher:
      if t <= 0 {
        value = a >= t ? rule.cap : 0
        r.note = "zero target: met when the actual is not below it"
      } else {
        value = a / t
      }
      r.met = a >= t
    case .lower:
      if a <= 0 {
        value = rule.cap
        r.note = a == t ? nil : "zero actual against a lower-is-better target: met"
      } else if t <= 0 {
        value = 0
        r.note = "zero target, lower is better: any actual above it earns 0"
      } else {
        value = t / a
      }
      r.met = a <= t
    }
    if rule.allOrNothing && r.met == false { value = 0 }
    r.value = min(max(value, 0), rule.cap)
    return r
  }

  /// A milestone ladder, judged as the evaluation judges one (``Ladders``).
  static func milestone(ladder: [Milestone], target: Quantity, actual: Quantity, direction: Direction, rule: AchievementRule)
    -> AchievementResult
  {
    var e = Evaluation(measure: .ladder, direction: direction, directionFrom: .default, verdict: .notEvaluable)
    Ladders.judge(target: target, actual: actual, steps: ladder, rule: rule, into: &e)
    let met: Bool? = e.verdict == .met ? true : e.verdict == .unmet ? false : nil
    return AchievementResult(value: e.achievement, met: met, direction: direction, note: e.reason)
  }

  /// Whether two units measure the same thing (場次 and 場, 日 and 天, 臺 and 台, 件 and 件數).
  public static func unitsAgree(_ a: String, _ b: String) -> Bool {
    if a.utf8.elementsEqual(b.utf8) { return true }
    func canonical(_ u: String) -> String {
      switch u {
      case "場次", "場": return "場"
      case "日", "天": return "天"
      case "臺", "台": return "台"
      case "件數", "件": return "件"
      case "個月", "月": return "月"
      case "人次", "人": return "人"
      default: return u
      }
    }
    return canonical(a) == canonical(b)
  }
}

/// Scores from weights and achievements.
public enum Scoring {
  /// Σ weight × achievement over the indicators that have both, in points (a weight of 0.05 at
  /// 100% gives 5 points); nil when no indicator has both.
  public static func score(_ parts: [(weight: Double?, achievement: Double?)]) -> Double? {
    var total = 0.0
    var any = false
    for p in parts {
      guard let w = p.weight, let a = p.achievement else { continue }
      total += points(weight: w, achievement: a)
      any = true
    }
    return any ? total : nil
  }

  /// The points an indicator earns: weight × achievement × ``pointsPerWeight`` (5% at 97.19% is 4.86).
  public static func points(weight: Double, achievement: Double) -> Double { weight * achievement * pointsPerWeight }

  /// The points a weight of 100% earns at 100%: the scale of 項目權分 and of the total (100 points).
  public static let pointsPerWeight = 100.0

  /// The report's total, in points: its facets' scores computed from their indicators, plus the
  /// stated parts of the total no indicator earns (「具體施政績效(5%)」 2.67, ``Report/scoreParts``);
  /// nil when no facet has a score. A stated facet score or total is never used: this is the
  /// score the stated ones are checked against.
  public static func total(of report: Report) -> Double? {
    let scores = report.facets.compactMap { score(of: $0) }
    guard !scores.isEmpty else { return nil }
    return scores.reduce(0, +) + report.scoreParts.map(\.score.value).reduce(0, +)
  }

  /// A facet's score from its indicators' weights and achievements (computed, else stated).
  public static func score(of facet: Facet) -> Double? {
    score(facet.goals.flatMap { g in
      g.indicators.filter { $0.isBonus != true }.map { ($0.weight, $0.computedAchievement ?? $0.achievement) }
    })
  }
}

extension Report {
  /// Judges every indicator (``Evaluator``): fills its ``Indicator/evaluation`` and
  /// ``Indicator/computedAchievement``.
  public mutating func computeAchievements(rule: AchievementRule = AchievementRule(), grading: GradingRules = GradingRules()) {
    let context = EvaluationContext(year: years.max(), asOf: quarterEnd, rule: rule, grading: grading)
    for f in facets.indices {
      for g in facets[f].goals.indices {
        for i in facets[f].goals[g].indicators.indices {
          let e = Evaluator.evaluate(facets[f].goals[g].indicators[i], years: years, context: context)
          facets[f].goals[g].indicators[i].evaluation = e
          facets[f].goals[g].indicators[i].computedAchievement = e?.achievement
        }
      }
    }
  }

  /// The last day of the quarter a quarterly report names (「第2季」 → 6月30日): in its title, its
  /// title block, or the name of the sheet its indicators are on.
  var quarterEnd: ROCDate? {
    guard kind == .quarterlyReport, let year = years.max() else { return nil }
    let places = [title] + (metadata ?? [:]).sorted { $0.key < $1.key }.map(\.value) + [firstIndicator?.source?.sheet]
    guard let q = places.lazy.compactMap({ $0.flatMap(QuarterWords.quarter(in:)) }).first else { return nil }
    return ROCDate(year: year, month: q * 3, day: ROCCalendar.daysIn(month: q * 3, rocYear: year))
  }
}
