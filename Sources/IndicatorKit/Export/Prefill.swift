// Prefill: a report (or quarterly report) to send to departments, made from the plan it reports on.

/// Makes report templates from plans.
public enum Prefill {
  /// A report of `kind` with `plan`'s facets, goals, indicators, weights, measurement standards and
  /// the targets of `year` (the plan's last year when nil), and no actuals yet. A mid-term plan
  /// (rolled forward from the last one) keeps every year's target instead, and the plan's years; an
  /// annual plan's target goes under its year.
  public static func report(kind: ReportKind, from plan: Report, year: Int? = nil) -> Report {
    let y = year ?? plan.years.last
    let perYear = kind == .midTermPlan
    var report = Report(kind: kind, agency: plan.agency, years: perYear ? plan.years : (y.map { [$0] } ?? plan.years))
    report.facets = plan.facets.map { facet in
      var f = facet
      f.statedTotal = nil
      f.statedScore = nil
      f.source = nil
      f.goals = facet.goals.map { goal in
        var g = goal
        g.source = nil
        g.indicators = goal.indicators.map { ind in
          var i = Indicator(name: ind.name, label: ind.label, weight: ind.weight)
          i.measurement = ind.measurement
          i.formula = ind.formula
          i.evaluationSystem = ind.evaluationSystem
          i.evaluationMethod = ind.evaluationMethod
          i.controlCode = ind.controlCode
          i.isCommon = ind.isCommon
          i.isBonus = ind.isBonus
          i.bonusCap = ind.bonusCap
          i.direction = ind.direction
          if perYear {
            i.targets = ind.targets ?? y.flatMap { y in ind.target.map { [String(y): $0] } }
            if i.targets == nil { i.target = ind.target }
          } else if let y, let t = ind.targets?[String(y)] {
            i.target = t
          } else {
            i.target = ind.target
          }
          return i
        }
        return g
      }
      return f
    }
    return report
  }
}
