// Evaluation: each indicator judged once — the period's target, the direction and where it came
// from, the kind of measure, the uncapped ratio, the capped achievement, the verdict and why.
// Report.computeAchievements stores it on every indicator; the exporter, the validator and the
// merge read it (docs/MODEL.md, "Evaluation").

import Foundation

/// What kind of thing an indicator measures, as its target says.
public enum MeasureKind: String, Codable, Sendable, Hashable {
  /// A number with or without a unit: 「2 場次」, 「35,000人次」.
  case quantity
  /// A percentage: 「85%」.
  case percentage
  /// A date to meet: 「114年6月30日前完成」, 「114/12/31」, a date cell.
  case deadline
  /// A milestone ladder: 「1.完成規劃 20% 2.完成發包 40% …」 in the target or the 衡量標準.
  case ladder
  /// A target of zero: 「0件」, 「零」.
  case zeroCount = "zero-count"
  /// Words without a number: 「完成」, 「持續辦理」.
  case text
}

/// The judgement of an indicator.
public enum Verdict: String, Codable, Sendable, Hashable {
  /// The target is met.
  case met
  /// The target is not met.
  case unmet
  /// Not met yet, and the period is not over (a deadline ahead, a quarter of the year).
  case inProgress = "in-progress"
  /// Target and actual cannot be compared; ``Evaluation/reason`` says why.
  case notEvaluable = "not-evaluable"
}

extension Verdict {
  /// The verdict as people read it: 達成, 未達成, 進行中, 無法判定 (or in English).
  public func name(english: Bool) -> String {
    switch self {
    case .met: return english ? "met" : "達成"
    case .unmet: return english ? "unmet" : "未達成"
    case .inProgress: return english ? "in progress" : "進行中"
    case .notEvaluable: return english ? "not evaluable" : "無法判定"
    }
  }
}

/// Where an indicator's direction came from.
public enum DirectionSource: String, Codable, Sendable, Hashable {
  /// The indicator's own (a 方向 column, the template, the model's JSON).
  case column
  /// The target's comparator (以上, 以下, a deadline).
  case comparator
  /// Words of the name or the measurement standard (Achievement.direction, steps 3–8).
  case words
  /// Nothing said: higher is better.
  case `default`
}

/// An indicator judged against its period's target.
public struct Evaluation: Codable, Sendable, Hashable {
  /// What the target measures.
  public var measure: MeasureKind
  /// Which way is better.
  public var direction: Direction
  /// Where the direction came from.
  public var directionFrom: DirectionSource
  /// The ROC year whose target was used, for a plan with a target per year.
  public var targetYear: Int?
  /// The achievement before the cap (1.08 for 108%).
  public var ratio: Double?
  /// The achievement, capped as the rule says.
  public var achievement: Double?
  /// The judgement.
  public var verdict: Verdict
  /// Why the verdict is what it is, when that is not plain arithmetic (a unit mismatch, a deadline
  /// still ahead, an actual naming no step).
  public var reason: String?
  /// For a deadline met late: the calendar days after it.
  public var daysLate: Int?
  /// The light (燈號), by the grading rules of the evaluation.
  public var light: Light?
  /// A quarterly report's: whether the stated target to date (累計目標), or else the quarter's own
  /// (本季目標 against 本季達成), is missed.
  public var behindSchedule: Bool?
}

/// What an evaluation needs to know of the report.
public struct EvaluationContext: Sendable {
  /// The report's ROC year (a deadline without a year is in it).
  public var year: Int?
  /// The date the report speaks for; the year's end when nil.
  public var asOf: ROCDate?
  /// The cap and the all-or-nothing rule.
  public var rule: AchievementRule
  /// The thresholds of the lights.
  public var grading: GradingRules

  /// A context for `year`, as of `asOf` (the year's end by default).
  public init(year: Int?, asOf: ROCDate? = nil, rule: AchievementRule = AchievementRule(), grading: GradingRules = GradingRules()) {
    self.year = year
    self.asOf = asOf
    self.rule = rule
    self.grading = grading
  }

  /// The date the period ends.
  var periodEnd: ROCDate? { asOf ?? year.flatMap { ROCDate(year: $0, month: 12, day: 31) } }

  /// Whether the period is the whole year (not a quarter of it).
  var isWholeYear: Bool {
    guard let asOf, let year else { return true }
    return asOf.year > year || (asOf.month ?? 12) == 12 && (asOf.day ?? 31) == 31
  }
}

/// Judges indicators: the one place where met, achievement and the period's target are decided.
public enum Evaluator {
  /// The target an indicator is judged against: its single target, else the one of the latest of
  /// `years` that it gives (a mid-term plan's target for the report's year).
  public static func periodTarget(of indicator: Indicator, years: [Int]) -> (target: Quantity, year: Int?)? {
    if let t = indicator.target { return (t, nil) }
    guard let targets = indicator.targets else { return nil }
    for y in years.sorted(by: >) { if let t = targets[String(y)] { return (t, y) } }
    return nil
  }

  /// Judges `indicator` against its period's target; nil for a plan's indicator (no actual) or
  /// one without a target.
  public static func evaluate(_ indicator: Indicator, years: [Int], context: EvaluationContext) -> Evaluation? {
    guard let actual = indicator.actual else { return nil }
    let standardSteps = Ladders.steps(indicator.measurement)  // read once: measure and judge use it
    // A ladder in the 衡量標準 with no target of its own targets its last step.
    guard let (target, year) = periodTarget(of: indicator, years: years) ?? (standardSteps != nil ? (Quantity(text: ""), nil) : nil)
    else { return nil }
    let steps = target.milestones ?? standardSteps
    let kind = measure(of: target, hasSteps: steps != nil)
    var (direction, source) = Achievement.directionAndSource(of: indicator, target: target)
    // A date is a deadline: sooner is better, whatever the words say.
    if kind == .deadline && source != .column { (direction, source) = (.lower, .comparator) }
    var e = Evaluation(measure: kind, direction: direction, directionFrom: source,
                       targetYear: year, ratio: nil, achievement: nil, verdict: .notEvaluable)
    switch e.measure {
    case .deadline: Deadlines.judge(target: target, actual: actual, context: context, into: &e)
    case .ladder: Ladders.judge(target: target, actual: actual, steps: steps ?? [], rule: context.rule, into: &e)
    case .text: judgeText(target: target, actual: actual, into: &e)
    case .quantity, .percentage, .zeroCount:
      // A range bounds the actual from the side that matters: its lower bound when higher is
      // better, its upper one when lower is.
      var bound = target
      if let upper = target.upper, direction == .lower { bound.number = upper }
      judgeQuantity(target: bound, actual: actual, rule: context.rule, into: &e)
    }
    // Before the period is over, a target not yet met is in progress.
    if e.verdict == .unmet && !context.isWholeYear && e.daysLate == nil { e.verdict = .inProgress }
    e.light = Grading.light(of: e, rules: context.grading)
    e.behindSchedule = behindSchedule(indicator, direction: direction, rule: context.rule)
    return e
  }

  /// Whether a quarterly target is missed: the cumulative actual against 累計目標, else the
  /// quarter's own result against 本季目標; nil when neither is stated.
  static func behindSchedule(_ ind: Indicator, direction: Direction, rule: AchievementRule) -> Bool? {
    let pair = ind.targetToDate.flatMap { t in ind.actual.map { (t, $0) } }
      ?? ind.quarterTarget.flatMap { t in ind.quarterActual.map { (t, $0) } }
    guard let (target, actual) = pair else { return nil }
    return Achievement.compute(target: target, actual: actual, direction: direction, rule: rule).met.map { !$0 }
  }

  /// The kind of measure a target states; `hasSteps` when it or the 衡量標準 is a milestone ladder.
  static func measure(of target: Quantity, hasSteps: Bool) -> MeasureKind {
    // 「3個月內」, 「10日以內」: a length of time, judged as a quantity that is better small.
    if let d = target.deadline, d.within == nil { return .deadline }
    if target.deadline == nil, Deadlines.date(in: target.text, year: nil) != nil,
      target.number == nil || Deadlines.isCompactDate(target.text)
    {
      return .deadline
    }
    if hasSteps { return .ladder }
    guard let n = target.number else { return .text }
    if n == 0 { return .zeroCount }
    return target.unit == "%" ? .percentage : .quantity
  }

  static func judgeQuantity(target: Quantity, actual: Quantity, rule: AchievementRule, into e: inout Evaluation) {
    var uncapped = rule
    uncapped.cap = .greatestFiniteMagnitude
    let r = Achievement.compute(target: target, actual: actual, direction: e.direction, rule: uncapped)
    guard let ratio = r.value, let met = r.met else {
      e.reason = r.note
      return
    }
    e.ratio = ratio
    e.achievement = min(ratio, rule.cap)
    e.verdict = met ? .met : .unmet
    if r.note != nil { e.reason = r.note }
  }

  /// Words without numbers: met when both say it is done.
  static func judgeText(target: Quantity, actual: Quantity, into e: inout Evaluation) {
    if Deadlines.saysDone(target.text) && Deadlines.saysDone(actual.text) {
      e.ratio = 1
      e.achievement = 1
      e.verdict = .met
    } else {
      e.reason = "the target has no number: \(target.text)"
    }
  }
}
