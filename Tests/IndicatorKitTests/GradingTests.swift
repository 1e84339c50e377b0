// Lights (燈號) and grades (等第), by the documented defaults and by a rules file.

import Foundation
import Testing
@testable import IndicatorKit

@Suite struct GradingTests {
  func evaluation(_ target: String, _ actual: String, name: String = "場次") -> Evaluation? {
    var ind = Indicator(name: name)
    ind.target = QuantityParser.parse(target)
    ind.actual = QuantityParser.parse(actual)
    return Evaluator.evaluate(ind, years: [114], context: EvaluationContext(year: 114))
  }

  @Test func lightsByTheDefaults() {
    #expect(evaluation("10場", "12場")?.light == .green)
    #expect(evaluation("10場", "9場")?.light == .yellow)      // 90%: close
    #expect(evaluation("10場", "8場")?.light == .red)         // 80%
    #expect(evaluation("114年12月31日前完成", "辦理中")?.light == .red)  // the year is over: not done is unmet
    let ahead = Evaluator.evaluate(
      { var i = Indicator(name: "x"); i.target = QuantityParser.parse("12月31日前完成"); i.actual = QuantityParser.parse("辦理中"); return i }(),
      years: [114], context: EvaluationContext(year: 114, asOf: ROCDate(year: 114, month: 6, day: 30)))
    #expect(ahead?.verdict == .inProgress && ahead?.light == .white)
    #expect(evaluation("10場", "8人")?.light == .white)       // units differ: not evaluable
  }

  @Test func gradesByTheDefaults() {
    #expect(Grading.grade(score: 96.55) == "優等")
    #expect(Grading.grade(score: 90) == "優等")
    #expect(Grading.grade(score: 89.99) == "甲等")
    #expect(Grading.grade(score: 70) == "乙等")
    #expect(Grading.grade(score: 12) == "丙等")
    #expect(Grading.grade(score: nil) == nil)
  }

  @Test func aRulesFileSetsTheThresholds() throws {
    let rules = try ValidationRules(json: Data(#"{"rules": {}, "lights": {"yellow": 0.8}, "grades": {"特優": 95, "優等": 85, "普通": 0}}"#.utf8))
    #expect(rules.grading.yellowFrom == 0.8)
    #expect(Grading.grade(score: 96.55, rules: rules.grading) == "特優")
    #expect(Grading.grade(score: 90, rules: rules.grading) == "優等")
    var ind = Indicator(name: "場次")
    ind.target = QuantityParser.parse("10場")
    ind.actual = QuantityParser.parse("8場")
    let e = Evaluator.evaluate(ind, years: [114], context: EvaluationContext(year: 114, grading: rules.grading))
    #expect(e?.light == .yellow)
    #expect(throws: ValidationRulesError.self) { try ValidationRules(json: Data(#"{"lights": {"yellow": 2}}"#.utf8)) }
  }
}
