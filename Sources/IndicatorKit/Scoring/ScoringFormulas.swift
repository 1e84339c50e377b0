// ScoringFormulas: the rules of Achievement.compute and Scoring.points written as spreadsheet
// formulas, for the live cells of the forms we send out (達成度, 項目權分, totals). They cover the
// plain case only — both cells numbers, as Excel and LibreOffice store 「12」 or 「95%」 typed into a
// cell — and give an empty text otherwise: a unit (「12 場」), a deadline, a ladder or a range is
// judged by Jixiao when the workbook is checked. tests/test_forms.py has LibreOffice compute these
// formulas over filled forms and compares every result with what Jixiao computes.

/// Spreadsheet formulas of the scoring rules.
public enum ScoringFormulas {
  /// The 達成度 of a row whose target is in cell `target` and actual in cell `actual`, by `rule`:
  /// higher is better, actual ÷ target; lower, target ÷ actual; capped; a zero target or actual
  /// settled as ``Achievement/compute(target:actual:direction:rule:)`` settles it.
  ///
  /// The direction is the one the cell `directionCell` says (「越高越好」, 「越低越好」; 愈 for 越
  /// too), else `otherwise`; when neither decides, the formula gives an empty text.
  public static func achievement(target: String, actual: String, directionCell: String?, otherwise: Direction?,
                                 rule: AchievementRule = AchievementRule()) -> String {
    let higher = ratio(.higher, target, actual, rule), lower = ratio(.lower, target, actual, rule)
    let fallback = otherwise.map { $0 == .lower ? lower : higher } ?? "\"\""
    var judged = fallback
    if let d = directionCell {
      let says = { (w: String) in "OR(LEFT(\(d),2)=\"越\(w)\",LEFT(\(d),2)=\"愈\(w)\")" }
      judged = "IF(\(says("低")),\(lower),IF(\(says("高")),\(higher),\(fallback)))"
    }
    return "IF(AND(ISNUMBER(\(target)),ISNUMBER(\(actual))),\(judged),\"\")"
  }

  /// The 項目權分 of a row: weight × achievement × ``Scoring/pointsPerWeight``, once both cells are
  /// numbers; an empty text before.
  public static func points(weight: String, achievement: String) -> String {
    "IF(AND(ISNUMBER(\(weight)),ISNUMBER(\(achievement))),\(weight)*\(achievement)*\(number(Scoring.pointsPerWeight)),\"\")"
  }

  /// The sum of `ranges` (「E5:E16」, 「E20:E22」), once one of their cells is a number; an empty
  /// text before, so that a form not yet filled shows no total of 0.
  public static func total(_ ranges: [String]) -> String {
    let all = ranges.joined(separator: ",")
    return "IF(COUNT(\(all))=0,\"\",SUM(\(all)))"
  }

  /// The sum of the points in `points`, once every weight in `weights` has its points: a total of
  /// some indicators only is not the facet's score (Scoring.score counts each weighted indicator,
  /// the ones whose 達成度 a formula cannot compute included), so until then it stays empty.
  public static func pointsTotal(_ points: [String], weights: [String]) -> String {
    let p = points.joined(separator: ","), w = weights.joined(separator: ",")
    return "IF(OR(COUNT(\(p))=0,COUNT(\(p))<COUNT(\(w))),\"\",SUM(\(p)))"
  }

  /// The sum of the single cells `cells` (the facets' 權分合計) once every one is a number: the
  /// report's 總分 is not the sum of some facets.
  public static func sumOfAll(_ cells: [String]) -> String {
    let all = cells.joined(separator: ",")
    return "IF(COUNT(\(all))<\(cells.count),\"\",SUM(\(all)))"
  }

  /// One direction's ratio of two numbers, capped, as `Achievement.compute` has it.
  static func ratio(_ direction: Direction, _ t: String, _ a: String, _ rule: AchievementRule) -> String {
    let cap = number(rule.cap)
    switch direction {
    case .higher:
      let value = "IF(\(t)<=0,IF(\(a)>=\(t),\(cap),0),MIN(MAX(\(a)/\(t),0),\(cap)))"
      return rule.allOrNothing ? "IF(\(a)>=\(t),\(value),0)" : value
    case .lower:
      let value = "IF(\(a)<=0,\(cap),IF(\(t)<=0,0,MIN(\(t)/\(a),\(cap))))"
      return rule.allOrNothing ? "IF(\(a)<=\(t),\(value),0)" : value
    }
  }

  /// A number as a formula writes it: 1, 100, 1.2.
  static func number(_ v: Double) -> String {
    v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
  }
}
