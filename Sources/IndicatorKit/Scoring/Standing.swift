// Standing: a report's results at a glance — its indicators counted by verdict and light, its
// computed and stated scores and its grade. The merge's 總表 and the annotated copy's 評核結果 show
// it; both read this one summary.

import Foundation

/// A report's results, counted from its indicators' evaluations (``Report/computeAchievements(rule:grading:)``).
public struct Standing: Codable, Sendable, Hashable {
  /// Every indicator, bonus items included.
  public var indicators = 0
  /// Scored indicators (not bonus items) whose target is met.
  public var met = 0
  /// Scored indicators whose target is not met.
  public var unmet = 0
  /// Unmet indicators that no review (未達目標檢討) explains.
  public var unexplained = 0
  /// Scored indicators not yet due (a quarter of the year, a deadline ahead).
  public var inProgress = 0
  /// Scored indicators whose target and actual cannot be compared, or that have none.
  public var notEvaluable = 0
  /// Scored indicators by light (燈號).
  public var lights: [Light: Int] = [:]
  /// The scored indicators' weights added up, as a fraction; nil when none has a weight.
  public var weightTotal: Double?
  /// The total score computed from weights and achievements (``Scoring/total(of:)``).
  public var computedScore: Double?
  /// The total score the document states (「總分」), if any.
  public var statedScore: Double?
  /// The grade (等第) of the computed score, by the grading rules.
  public var grade: String?

  /// Whether the stated score differs from the computed one by more than its rounding
  /// (half a unit of its last decimal, as the validator allows): the stated one is then not to be trusted.
  public var scoresDisagree: Bool {
    guard let stated = statedScore, let computed = computedScore else { return false }
    return abs(stated - computed) > roundingTolerance(stated) + 1e-9
  }

  /// The count of `light`.
  public func count(_ light: Light) -> Int { lights[light] ?? 0 }
}

extension Report {
  /// The report's standing: its indicators as evaluated, its scores, its grade by `grading`.
  public func standing(grading: GradingRules = GradingRules()) -> Standing {
    var s = Standing()
    let reviewKeys = (reviews ?? []).map { Validator.nameKey($0.indicator) }
    var weights: Double?
    for f in facets {
      for g in f.goals {
        for ind in g.indicators {
          s.indicators += 1
          guard ind.isBonus != true else { continue }
          if let w = ind.weight { weights = (weights ?? 0) + w }
          switch ind.evaluation?.verdict {
          case .met: s.met += 1
          case .unmet:
            s.unmet += 1
            if !isExplained(ind, reviewKeys: reviewKeys) { s.unexplained += 1 }
          case .inProgress: s.inProgress += 1
          case .notEvaluable, nil: s.notEvaluable += 1
          }
          if let light = ind.evaluation?.light { s.lights[light, default: 0] += 1 }
        }
      }
    }
    s.weightTotal = weights
    s.computedScore = Scoring.total(of: self)
    s.statedScore = statedTotalScore?.value
    s.grade = Grading.grade(score: s.computedScore, rules: grading)
    return s
  }

  /// Whether a review (未達目標檢討) names `indicator` and gives a reason: the one test of an
  /// explained shortfall. `reviewKeys`: the reviews' ``Validator/nameKey(_:)``s, in order.
  func isExplained(_ indicator: Indicator, reviewKeys: [String]) -> Bool {
    explanation(of: indicator, reviewKeys: reviewKeys) != nil
  }

  /// The reason a review (未達目標檢討) gives for `indicator`'s shortfall; nil when no review names
  /// it or its reason is blank.
  func explanation(of indicator: Indicator, reviewKeys: [String]) -> String? {
    Validator.review(ofKey: Validator.nameKey(indicator.name), keys: reviewKeys).flatMap(reason(ofReview:))
  }

  /// The reason review `index` gives; nil when it is blank.
  func reason(ofReview index: Int) -> String? {
    guard let text = reviews?[index].explanation, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
    return text
  }
}
