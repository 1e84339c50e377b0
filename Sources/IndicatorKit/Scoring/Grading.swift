// Grading: the light (燈號) of each indicator and the grade (等第) of a report, by thresholds an
// office can set in the rules file (docs/VALIDATION.md, "Rules").

/// An indicator's light, as evaluation offices colour them.
public enum Light: String, Codable, Sendable, Hashable {
  /// 綠燈: met.
  case green
  /// 黃燈: unmet, but close (at least ``GradingRules/yellowFrom`` of the target).
  case yellow
  /// 紅燈: unmet, far from the target.
  case red
  /// 白燈: not due yet (in progress) or not evaluable.
  case white

  /// The light's name in Traditional Chinese: 綠燈, 黃燈, 紅燈, 白燈.
  public var name: String { name(english: false) }

  /// The light's name: 綠燈, 黃燈, 紅燈, 白燈, or green, yellow, red, white in English.
  public func name(english: Bool) -> String {
    if english { return rawValue }
    switch self {
    case .green: return "綠燈"
    case .yellow: return "黃燈"
    case .red: return "紅燈"
    case .white: return "白燈"
    }
  }

  /// The colour (RGB) a light's cell is filled with: those of Excel's good, neutral and bad styles.
  public var rgb: String {
    switch self {
    case .green: return "C6EFCE"
    case .yellow: return "FFEB9C"
    case .red: return "FFC7CE"
    case .white: return "F2F2F2"
    }
  }

  /// ``rgb`` as an opaque ARGB fill.
  public var fill: String { "FF" + rgb }
}

/// A grade and the computed total score it starts at.
public struct Grade: Codable, Sendable, Hashable {
  /// 優等, 甲等, 乙等, 丙等.
  public var name: String
  /// The lowest score that earns it.
  public var from: Double

  /// A grade from `from` up.
  public init(_ name: String, from: Double) {
    self.name = name
    self.from = from
  }
}

/// The thresholds of lights and grades.
public struct GradingRules: Sendable, Hashable {
  /// An unmet indicator achieving at least this (90% by default) is yellow; below it, red.
  public var yellowFrom = 0.9
  /// The grades, highest first: 優等 from 90, 甲等 from 80, 乙等 from 70, 丙等 below.
  public var grades = [Grade("優等", from: 90), Grade("甲等", from: 80), Grade("乙等", from: 70), Grade("丙等", from: 0)]

  /// The documented defaults.
  public init() {}
}

/// Lights and grades: the one place their thresholds are applied.
public enum Grading {
  /// The light of an evaluation.
  public static func light(of e: Evaluation, rules: GradingRules = GradingRules()) -> Light {
    switch e.verdict {
    case .met: return .green
    case .unmet: return (e.achievement ?? 0) + 1e-9 >= rules.yellowFrom ? .yellow : .red
    case .inProgress, .notEvaluable: return .white
    }
  }

  /// The grade of a computed total score; nil without a score.
  public static func grade(score: Double?, rules: GradingRules = GradingRules()) -> String? {
    guard let score else { return nil }
    return rules.grades.sorted { $0.from > $1.from }.first { score + 1e-9 >= $0.from }?.name
  }

  /// The grade of a report, from its computed total (``Scoring/total(of:)``).
  public static func grade(of report: Report, rules: GradingRules = GradingRules()) -> String? {
    grade(score: Scoring.total(of: report), rules: rules)
  }
}
