// Validation tests: for each seed workbook the findings its own numbers imply (the arithmetic is
// written beside each expectation), a corrected copy (made with TemplateFiller) without errors, the
// plan comparison, one-cause-one-finding, and the rules file.

import Foundation
import TestSupport
import Testing
import XLSXKit
@testable import IndicatorKit

private func validateSeed(_ name: String, plan: Report? = nil, rules: ValidationRules = ValidationRules()) throws -> [Finding] {
  let result = try importSeed(name)
  return Validator.validate(result.report, notes: result.notes, plan: plan, rules: rules)
}

private func codes(_ findings: [Finding]) -> [String] {
  findings.map { "\($0.code.rawValue)@\($0.cell ?? "-")" }
}

private func number(_ f: Finding?, _ key: String) -> Double? {
  if case .number(let v)? = f?.details[key] { return v }
  return nil
}

/// A copy of seed `name` with cells of sheet 績效 or 計畫 set, written by TemplateFiller.
private func corrected(_ name: String, sheet: String, _ cells: [String: CellValue]) throws -> String {
  let filler = try TemplateFiller(path: seedFolder + "/" + name)
  for (ref, value) in cells { try filler.set(value, at: try #require(CellReference(ref)), sheet: sheet) }
  let out = try temporaryPath("corrected-" + name)
  try filler.write(to: out)
  return out
}

private func errors(_ findings: [Finding]) -> [Finding] { findings.filter { $0.severity == .error } }

@Suite struct ValidationTests {
  // MARK: - Seed 001: 新竹縣政府行政處 114 年度施政績效報告

  @Test func seed001() throws {
    let findings = try validateSeed("seed_001.xlsx")
    // 業務面: 11 indicators, every achievement 100%; weights 5+6+5+6+6+5+6+4+4+4+4 = 55%, so the
    // score is 55 × 100% = 55.00, but the score table (D135) says 54.83.
    let business = findings.first { $0.code == .scoreMismatch && $0.facet == "業務面" }
    #expect(business?.cell == "D135" && business?.severity == .error)
    #expect(number(business, "stated") == 54.83)
    #expect(number(business, "computed").map { abs($0 - 55.0) < 1e-9 } == true)
    // 共同面: weights 5+5+10+5+5+2+2+3+3 = 40%; 客語認證 57.69 ÷ 59.36 = 97.187% at 5% gives 4.8594,
    // the other 35% at 100% give 35: 39.8594, but D152 says 39.05.
    let common = findings.first { $0.code == .scoreMismatch && $0.facet == "共同面" }
    #expect(common?.cell == "D152")
    #expect(number(common, "computed").map { abs($0 - (35 + 5 * 0.5769 / 0.5936)) < 1e-9 } == true)
    // 總分 96.55 = 54.83 + 39.05 + 2.67: the stated total agrees with its stated parts, and the
    // facets 55% + 40% with 具體施政績效(5%) make 100%: no finding for either.
    #expect(!findings.contains { $0.cell == "D165" || $0.code == .weightSumMismatch })
    // 客語認證: unmet (97.19%), explained in 未達目標檢討 (gap 2.81% = 100% − 97.19%): a warning at
    // the actual's cell; its stated 97.19% is the computed 97.187% rounded, so no achievement finding.
    let hakka = findings.filter { $0.indicator == "單位公務人員及聘僱人員客語認證完成率" }
    #expect(codes(hakka) == ["unmet-target@D50"])
    #expect(hakka.first?.severity == .warning)
    // 法規研習場次's narrative lists 114/4/16 with 112/6/17 and 112/10/16 in a 114 report: one
    // warning for the cell (likely typos); 建置數據分析平台 recalls 113/12/30 alone: information.
    let dates = findings.filter { $0.code == .dateOutsideYear }
    #expect(codes(dates) == ["date-outside-year@G27", "date-outside-year@G29"])
    #expect(dates.map(\.severity) == [.warning, .info])
    if case .texts(let d)? = dates.first?.details["dates"] { #expect(d == ["2023-06-17", "2023-10-16"]) }
    #expect(findings.count == 5)
    #expect(errors(findings).count == 2)

    // Corrected: the facet scores 55 and 39.86 in both score tables, and 總分 55 + 39.86 + 2.67 = 97.53.
    let fixed = try corrected("seed_001.xlsx", sheet: "績效", [
      "D135": .number(55), "D152": .number(39.86), "A165": .number(55), "B165": .number(39.86), "D165": .number(97.53),
    ])
    let again = try Importer.importWorkbook(path: fixed)
    #expect(errors(Validator.validate(again.report, notes: again.notes)).isEmpty)
  }

  @Test func seed001TotalAndRestatedScores() throws {
    // The facet scores corrected in the table only: 「業務面(55%)」 on the 績效總分 line still says 54.83.
    let fixed = try corrected("seed_001.xlsx", sheet: "績效", ["D135": .number(55), "D152": .number(39.86)])
    let r = try Importer.importWorkbook(path: fixed)
    let findings = errors(Validator.validate(r.report, notes: r.notes))
    #expect(codes(findings) == ["score-mismatch@A165", "score-mismatch@B165"])
    // A total that is not the sum of its parts: 54.83 + 39.05 + 2.67 = 96.55, written as 97.
    let wrongTotal = try corrected("seed_001.xlsx", sheet: "績效", ["D165": .number(97)])
    let t = try Importer.importWorkbook(path: wrongTotal)
    let total = Validator.validate(t.report, notes: t.notes).first { $0.cell == "D165" }
    #expect(total?.code == .scoreMismatch)
    #expect(number(total, "computed").map { abs($0 - 96.55) < 1e-9 } == true)
  }

  // MARK: - Seed 004: 嘉義市政府行政處 104 年度施政績效報告

  @Test func seed004() throws {
    let findings = try validateSeed("seed_004.xlsx")
    // 人力資源發展面向 goal 一 says (3%) but its two indicators say (3%) + (3%) = 6%. The facet's 20%
    // equals its indicators' 3+3+3+2+1+2+3+1+2 = 20% (its goals' 3+5+3+4+2 = 17% is off only because
    // of goal 一): one finding, at the goal.
    let weights = findings.filter { $0.code == .weightSumMismatch }
    #expect(codes(weights) == ["weight-sum-mismatch@A56"])
    #expect(number(weights.first, "stated") == 0.03)
    #expect(number(weights.first, "sum").map { abs($0 - 0.06) < 1e-12 } == true)
    // Unmet, both explained in 未達績效目標項目檢討: 63% of 70% = 90%; 40% of 50% = 80%.
    let unmet = findings.filter { $0.code == .unmetTarget }
    #expect(codes(unmet) == ["unmet-target@D58", "unmet-target@D60"])
    #expect(unmet.compactMap { number($0, "achievement") }.map { ($0 * 1000).rounded() / 1000 } == [0.9, 0.8])
    // 項目權分 against weight × achievement: 3% × 90% = 2.7 (stated 0), 2% × 100% = 2 (stated 1),
    // 1% × 80% = 0.8 (stated 0.4), 2% × 100% = 2 (stated 1.5), 2% × 100% = 2 (stated 1).
    let points = findings.filter { $0.code == .pointsMismatch }
    #expect(codes(points) == ["points-mismatch@F58", "points-mismatch@F59", "points-mismatch@F60", "points-mismatch@F61", "points-mismatch@F65"])
    #expect(points.compactMap { number($0, "stated") } == [0, 1, 0.4, 1.5, 1])
    // The stated totals agree: 35, 20, 13.9 (= 3+3+0+1+0.4+1.5+3+1+1) and 20 are their points' sums;
    // 分數小計 88.9 = 35 + 20 + 13.9 + 20; 績效總分 92.9 = 88.9 + 具體事蹟 4; and the facets'
    // 35 + 20 + 20 + 20 = 95% with 具體事蹟 5% make 100%.
    #expect(!findings.contains { $0.code == .scoreMismatch })
    // Bonus items (加分) carry no weight and are not unmet at 0.
    #expect(!findings.contains { $0.code == .missingWeight || ($0.indicator ?? "").hasPrefix("以各局") })
    #expect(findings.count == 8)

    // Corrected: goal 一 weighs 6%. No error left (the points remain warnings: 人事處 grades them).
    let fixed = try corrected("seed_004.xlsx", sheet: "績效", ["A56": .string("一、強化職務功能，使職務組設合理、工作指派適當(6%)")])
    let again = try Importer.importWorkbook(path: fixed)
    #expect(errors(Validator.validate(again.report, notes: again.notes)).isEmpty)
  }

  @Test func seed004Subtotal() throws {
    // 分數小計 written as 89.9 while the facets' totals add up to 88.9; 績效總分 92.9 = 89.9 + 4 is then
    // consistent with the (wrong) subtotal, so it is the subtotal alone that is reported.
    let path = try corrected("seed_004.xlsx", sheet: "績效", ["A128": .string("分數小計 89.9 分。"), "A134": .string("三、績效總分為 93.9 分。")])
    let r = try Importer.importWorkbook(path: path)
    let scores = Validator.validate(r.report, notes: r.notes).filter { $0.code == .scoreMismatch }
    #expect(codes(scores) == ["score-mismatch@A128"])
    #expect(number(scores.first, "computed").map { abs($0 - 88.9) < 1e-9 } == true)
  }

  // MARK: - Seeds 000, 002, 003: plans

  @Test func seed000() throws {
    // 新竹市 108 annual plan: the table has no target column; targets are written inside 衡量標準
    // (「年度目標值 65%」). One finding for the column, not one per indicator; no weights at all: one
    // missing-weight for the table, information only in a plan (the evaluation issue's rule).
    let findings = try validateSeed("seed_000.xlsx")
    #expect(findings.map(\.code) == [.missingField, .missingWeight])
    #expect(findings.first?.severity == .warning && findings.first?.cell == nil)
    #expect(findings.last?.severity == .info && findings.last?.details["level"] == .text("table"))
  }

  @Test func seed002() throws {
    // 基隆市 111–114 mid-term plan: 26 indicators, each with four readable yearly targets; no actuals
    // (a plan); no weights: one missing-weight for the table, information only.
    let r = try importSeed("seed_002.xlsx").report
    #expect(r.allIndicators.count == 26)
    #expect(r.allIndicators.allSatisfy { $0.indicator.targets?.count == 4 && $0.indicator.targets?.values.allSatisfy { $0.number != nil } == true })
    let findings = try validateSeed("seed_002.xlsx")
    #expect(findings.map(\.code) == [.missingWeight])
    #expect(findings.allSatisfy { $0.severity == .info })
  }

  @Test func seed003() throws {
    // 桃園市 107 annual plan: every goal equals its indicators (10 = 5+5, 8 = 2+2+2+2, 5 = 3+2, 2, 10 = 5+5,
    // 10 = 7+3, 2, 3), but the goals add up to 10+8+5+2+10+10+2+3 = 50%: a warning, not an error (the
    // rest of a 秘書處 plan may be common indicators weighted elsewhere).
    let findings = try validateSeed("seed_003.xlsx")
    #expect(findings.map(\.code) == [.weightSumMismatch])
    #expect(findings.first?.severity == .warning)
    #expect(number(findings.first, "sum").map { abs($0 - 0.5) < 1e-12 } == true)
    // Corrected by doubling goal 一 and its indicators would move the sum; a wrong goal weight is an
    // error at the goal: 推動國際城市友好交流 written as 12% over 5% + 5%.
    let path = try corrected("seed_003.xlsx", sheet: "計畫", ["A66": .string("一、推動國際城市友好交流(12%)")])
    let r = try Importer.importWorkbook(path: path)
    let after = Validator.validate(r.report, notes: r.notes)
    #expect(codes(errors(after)) == ["weight-sum-mismatch@A66"])
  }

  // MARK: - Against the plan

  @Test func reportAgainstPlan() throws {
    let plan = try importSeed("seed_003.xlsx").report
    var report = Prefill.report(kind: .performanceReport, from: plan, year: 107)
    for f in report.facets.indices {
      for g in report.facets[f].goals.indices {
        for i in report.facets[f].goals[g].indicators.indices {
          let ind = report.facets[f].goals[g].indicators[i]
          report.facets[f].goals[g].indicators[i].actual = ind.target
          if ind.name == "接待國際訪賓" { report.facets[f].goals[g].indicators[i].target = Quantity(text: "15 團") }
          if ind.name == "出版桃園外交手冊" { report.facets[f].goals[g].indicators[i].weight = 0.03 }
          if ind.name == "桃園外交手冊電子化" { report.facets[f].goals[g].indicators[i].weight = 0.01 }
          if ind.name == "增加媒體曝光" { report.facets[f].goals[g].indicators[i].target = Quantity(text: "100 則") }
        }
      }
    }
    report.facets[0].goals[0].indicators.remove(at: 0)  // 推動與締盟城市之交流 dropped
    report.facets[0].goals[0].indicators.append(Indicator(name: "辦理國際青年交流", weight: 0.05))
    report.facets[0].goals[0].indicators[1].target = Quantity(text: "2 次")
    report.facets[0].goals[0].indicators[1].actual = Quantity(text: "2 次")
    report.facets[0].goals[0].weight = 0.10
    let path = try temporaryPath("against-plan.xlsx")
    try Exporter.write(report, to: path)
    let read = try Importer.importWorkbook(path: path)
    let findings = Validator.validate(read.report, notes: read.notes, plan: plan)
    let planFindings = findings.filter { [.targetChanged, .weightChanged, .indicatorMissing, .indicatorAdded].contains($0.code) }
    let summary = planFindings.map { "\($0.code.rawValue):\($0.indicator ?? ""):\($0.severity.rawValue)" }.sorted()
    #expect(summary == [
      "indicator-added:辦理國際青年交流:warning",
      "indicator-missing:推動與締盟城市之交流:error",
      "target-changed:增加媒體曝光:warning",  // 80 → 100 則: raised
      "target-changed:接待國際訪賓:error",  // 20 → 15 團: lowered, unexplained
      "weight-changed:出版桃園外交手冊:warning",  // 2% → 3%
      "weight-changed:桃園外交手冊電子化:warning",  // 2% → 1%
    ])
    let lowered = planFindings.first { $0.indicator == "接待國際訪賓" && $0.code == .targetChanged }
    #expect(lowered?.cell != nil && lowered?.sheet != nil)
    // The same lowering explained in the narrative is a warning.
    var explained = read.report
    for f in explained.facets.indices {
      for g in explained.facets[f].goals.indices {
        for i in explained.facets[f].goals[g].indicators.indices where explained.facets[f].goals[g].indicators[i].name == "接待國際訪賓" {
          explained.facets[f].goals[g].indicators[i].narrative = "因疫情，經核定調整目標值為 15 團。"
        }
      }
    }
    let again = Validator.validate(explained, plan: plan).first { $0.indicator == "接待國際訪賓" && $0.code == .targetChanged }
    #expect(again?.severity == .warning)
  }

  // MARK: - One cause, one finding; rules

  @Test func unexplainedUnmetIsOneError() throws {
    // 客語認證 without its review: one missing-unmet-explanation (error), not also an unmet-target.
    var r = try importSeed("seed_001.xlsx").report
    r.reviews = []
    let hakka = Validator.validate(r).filter { $0.indicator == "單位公務人員及聘僱人員客語認證完成率" }
    #expect(hakka.map(\.code) == [.missingUnmetExplanation])
    #expect(hakka.first?.severity == .error && hakka.first?.cell == "D50")
    // A review with an empty reason points at the review's reason cell.
    var empty = try importSeed("seed_001.xlsx").report
    empty.reviews?[0].explanation = " "
    let e = Validator.validate(empty).filter { $0.code == .missingUnmetExplanation }
    #expect(e.count == 1 && e.first?.cell == empty.reviews?[0].source?.cells?["explanation"])
  }

  @Test func directionAwareUnmet() throws {
    // 公文結案天數: 2 天 targeted, 3 天 taken: lower is better, so 2 ÷ 3 = 66.67%, unmet; 1.5 天 meets it.
    var report = Report(kind: .performanceReport, years: [114])
    var slow = Indicator(name: "公文結案天數", weight: 1)
    slow.target = Quantity(text: "2天")
    slow.actual = Quantity(text: "3天")
    report.facets = [Facet(name: nil, goals: [Goal(name: "效率", indicators: [slow])])]
    let f = Validator.validate(report).first { $0.code == .missingUnmetExplanation }
    #expect(number(f, "achievement").map { abs($0 - 2.0 / 3.0) < 1e-12 } == true)
    report.facets[0].goals[0].indicators[0].actual = Quantity(text: "1.5天")
    #expect(Validator.validate(report).isEmpty)
  }

  @Test func missingColumnIsOneFinding() throws {
    // A performance report whose actual column is empty throughout: one finding, not one per row.
    var r = try importSeed("seed_001.xlsx").report
    for f in r.facets.indices {
      for g in r.facets[f].goals.indices {
        for i in r.facets[f].goals[g].indicators.indices { r.facets[f].goals[g].indicators[i].actual = nil }
      }
    }
    let missing = Validator.validate(r).filter { $0.code == .missingField }
    #expect(missing.count == 1 && missing.first?.severity == .error)
    // One empty actual: one finding at that cell.
    var one = try importSeed("seed_001.xlsx").report
    one.facets[0].goals[0].indicators[0].actual = nil
    let single = Validator.validate(one).filter { $0.code == .missingField }
    #expect(codes(single) == ["missing-field@D26"])
  }

  @Test func achievementMismatchAndUnits() throws {
    var report = Report(kind: .performanceReport, years: [114])
    var a = Indicator(name: "法規研習場次", weight: 0.5)
    a.target = Quantity(text: "4 場次")
    a.actual = Quantity(text: "3 場次")
    a.achievement = 0.8  // 3 ÷ 4 = 75%, not 80%
    var b = Indicator(name: "滿意度", weight: 0.5)
    b.target = Quantity(text: "85%")
    b.actual = Quantity(text: "3 場")
    var c = Indicator(name: "法規研習場次", weight: 0)
    c.target = Quantity(text: "約一成")
    c.actual = Quantity(text: "已完成")
    report.facets = [Facet(name: nil, goals: [Goal(name: "g", indicators: [a, b, c])])]
    report.reviews = [UnmetReview(indicator: "法規研習場次", explanation: "講師臨時取消")]
    let findings = Validator.validate(report)
    let mismatch = findings.first { $0.code == .achievementMismatch }
    #expect(number(mismatch, "stated") == 0.8 && number(mismatch, "computed") == 0.75)
    #expect(findings.contains { $0.code == .unitMismatch && $0.indicator == "滿意度" })
    #expect(findings.filter { $0.code == .unparseableValue }.count == 2)  // 約一成, 已完成
    #expect(findings.contains { $0.code == .duplicateIndicator })
  }

  @Test func rulesSwitchOffAndRegrade() throws {
    let rules = try ValidationRules(json: Data(#"{"rules": {"points-mismatch": "off", "unmet-target": "error"}}"#.utf8))
    let findings = try validateSeed("seed_004.xlsx", rules: rules)
    #expect(!findings.contains { $0.code == .pointsMismatch })
    #expect(findings.filter { $0.code == .unmetTarget }.allSatisfy { $0.severity == .error })
    #expect(throws: ValidationRulesError.self) { try ValidationRules(json: Data(#"{"rules": {"no-such-check": "off"}}"#.utf8)) }
    #expect(throws: ValidationRulesError.self) { try ValidationRules(json: Data(#"{"rules": {"unmet-target": "fatal"}}"#.utf8)) }
  }

  @Test func messagesInBothLanguages() throws {
    for f in try validateSeed("seed_004.xlsx") {
      #expect(!f.message.isEmpty && !f.messageEN.isEmpty)
      #expect(f.message(in: "en") == f.messageEN && f.message(in: "zh-TW") == f.message)
      #expect(f.sheet == "績效" && f.file == "seed_004.xlsx")
    }
  }
}
