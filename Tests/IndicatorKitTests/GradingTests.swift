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

@Suite struct QuarterlyTests {
  /// A 第2季 季報: short of the year's target is in progress; short of the target to date is behind.
  func quarterly(toDate: String?, quarter: (String, String)? = nil, actual: String) -> (Report, [Finding]) {
    var ind = Indicator(name: "長照服務使用人次", weight: 1)
    ind.target = QuantityParser.parse("24,000人次")
    ind.actual = QuantityParser.parse(actual)
    ind.targetToDate = toDate.map(QuantityParser.parse)
    ind.quarterTarget = quarter.map { QuantityParser.parse($0.0) }
    ind.quarterActual = quarter.map { QuantityParser.parse($0.1) }
    var r = Report(kind: .quarterlyReport, years: [114], facets: [Facet(name: nil, goals: [Goal(name: "推動長期照顧", indicators: [ind])])])
    r.title = "新竹市政府社會處114年度第2季施政計畫執行進度季報"
    r.computeAchievements()
    return (r, Validator.validate(r))
  }

  @Test func shortOfTheYearIsInProgress() {
    let (r, findings) = quarterly(toDate: "12,000人次", actual: "12,600人次")
    #expect(r.firstIndicator?.evaluation?.verdict == .inProgress)
    #expect(r.firstIndicator?.evaluation?.achievement == 12_600.0 / 24_000)
    #expect(r.firstIndicator?.evaluation?.behindSchedule == false)
    #expect(!findings.contains { $0.code == .missingUnmetExplanation || $0.code == .unmetTarget || $0.code == .behindSchedule })
  }

  @Test func shortOfTheTargetToDateIsBehind() {
    let (r, findings) = quarterly(toDate: "12,000人次", actual: "10,800人次")
    #expect(r.firstIndicator?.evaluation?.behindSchedule == true)
    #expect(findings.filter { $0.code == .behindSchedule }.map(\.severity) == [.warning])
    #expect(!findings.contains { $0.code == .missingUnmetExplanation })
  }

  @Test func theQuartersOwnTargetCountsWithoutOneToDate() {
    let (r, _) = quarterly(toDate: nil, quarter: ("6,000人次", "5,400人次"), actual: "11,000人次")
    #expect(r.firstIndicator?.evaluation?.behindSchedule == true)
  }

  @Test func theYearsEndJudgesTheYear() {
    var (r, _) = quarterly(toDate: nil, actual: "20,000人次")
    r.title = "新竹市政府社會處114年度第4季施政計畫執行進度季報"
    r.computeAchievements()
    #expect(r.firstIndicator?.evaluation?.verdict == .unmet)
  }
}

@Suite struct QuarterWordsTests {
  @Test func quartersAreNamed() {
    #expect(QuarterWords.names("第2季"))
    #expect(QuarterWords.names("第 一 季"))
    #expect(QuarterWords.names("1-3月"))
    #expect(QuarterWords.names("10～12月"))
    #expect(QuarterWords.names("114年度第3季季報"))
    #expect(!QuarterWords.names("季節性流感疫苗接種率"))
    #expect(!QuarterWords.names("3月31日前完成"))
  }
}

@Suite struct ToleranceTests {
  func findings(stated: Double, points: Double? = nil) -> [FindingCode] {
    var ind = Indicator(name: "公文線上簽核比率", weight: 0.05)
    ind.target = QuantityParser.parse("100%")
    ind.actual = QuantityParser.parse("88.24%")
    ind.achievement = stated
    ind.points = points
    var r = Report(kind: .performanceReport, years: [114], facets: [Facet(name: nil, goals: [Goal(name: "g", indicators: [ind])])])
    r.reviews = [UnmetReview(indicator: "公文線上簽核比率", explanation: "原因")]
    r.computeAchievements()
    return Validator.validate(r).map(\.code)
  }

  /// A stated value that rounds to the computed one at its own decimals is no mismatch.
  @Test func statedValuesRoundedAsWritten() {
    #expect(!findings(stated: 0.882).contains(.achievementMismatch))     // 88.2 for 88.24
    #expect(!findings(stated: 0.8824).contains(.achievementMismatch))
    #expect(findings(stated: 0.881).contains(.achievementMismatch))      // 88.1 is not 88.24 rounded
    #expect(findings(stated: 0.8826).contains(.achievementMismatch))     // 88.26 is not 88.24
    #expect(!findings(stated: 0.8824, points: 4.4).contains(.pointsMismatch))  // 5% × 88.24% = 4.412
    #expect(findings(stated: 0.8824, points: 4.5).contains(.pointsMismatch))
  }
}
