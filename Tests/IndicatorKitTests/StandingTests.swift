// A report's standing (counts, computed score, grade) and where it is shown: the exported form,
// the annotated copy's 評核結果, the merge's 總表. Every expected number is worked out by hand in
// the comments from the indicators put in.

import Foundation
import TestSupport
import Testing
@testable import IndicatorKit
@testable import XLSXKit

/// Every cell of sheet `name` (the first when nil): value by (row, column), read with the plain reader.
func cells(_ path: String, sheet name: String? = nil) throws -> [[Int]: CellValue] {
  let wb = try Workbook(path: path)
  guard let info = name.flatMap({ wb.sheet(named: $0) }) ?? wb.sheets.first else { return [:] }
  var out: [[Int]: CellValue] = [:]
  for c in try wb.reader(for: info).readAll() { out[[c.reference.row, c.reference.column]] = c.value }
  return out
}

@Suite struct StandingTests {
  /// Four indicators and a committee-scored part:
  /// - 講習場次: 10 場 → 12 場, 30%: met, 30 points;
  /// - 訪視件數: 10 件 → 9 件, 30%: unmet at 90% (yellow), 27 points, no review;
  /// - 志工人數: 10 人 → 5 人, 20%: unmet at 50% (red), 10 points, explained in a review;
  /// - 創新提案 (a bonus item): not counted;
  /// - 具體施政績效(20%): stated 15.
  /// Computed total: 30 + 27 + 10 + 15 = 82 → 甲等 (80 to 90). Stated 總分 85: they disagree.
  func report(agency: String = "新竹縣政府民政處", year: Int = 114, stated: Double? = 85, visits: Int = 9) -> Report {
    func ind(_ name: String, _ target: String, _ actual: String, _ weight: Double?) -> Indicator {
      var i = Indicator(name: name, weight: weight)
      i.target = QuantityParser.parse(target)
      i.actual = QuantityParser.parse(actual)
      return i
    }
    var bonus = ind("加分項目：創新提案", "1件", "2件", nil)
    bonus.isBonus = true
    let indicators = [ind("講習場次", "10場", "12場", 0.3), ind("訪視件數", "10件", "\(visits)件", 0.3),
                      ind("志工人數", "10人", "5人", 0.2), bonus]
    var r = Report(kind: .performanceReport, agency: agency, years: [year],
                   facets: [Facet(name: "業務面", weight: 0.8, goals: [Goal(name: "強化為民服務", indicators: indicators)])])
    r.statedScores = [StatedScore(name: "具體施政績效(20%)", value: 15)] + (stated.map { [StatedScore(name: "總分", value: $0)] } ?? [])
    r.reviews = [UnmetReview(indicator: "志工人數", gap: 0.5, explanation: "招募活動延期")]
    r.computeAchievements()
    return r
  }

  @Test func countsScoresAndGrade() {
    let s = report().standing()
    #expect(s.indicators == 4)
    #expect((s.met, s.unmet, s.unexplained, s.inProgress, s.notEvaluable) == (1, 2, 1, 0, 0))
    #expect((s.count(.green), s.count(.yellow), s.count(.red), s.count(.white)) == (1, 1, 1, 0))
    #expect(abs((s.weightTotal ?? 0) - 0.8) < 1e-9)
    #expect(abs((s.computedScore ?? 0) - 82) < 1e-9)
    #expect(s.statedScore == 85 && s.scoresDisagree)
    #expect(s.grade == "甲等")
    // 82 stated is the computed one: no disagreement; 82.4 rounds to it only at no decimals.
    #expect(!report(stated: 82).standing().scoresDisagree)
    #expect(report(stated: 82.4).standing().scoresDisagree)
    // A rules file's grades.
    var rules = GradingRules()
    rules.grades = [Grade("特優", from: 95), Grade("良好", from: 75), Grade("待加強", from: 0)]
    #expect(report().standing(grading: rules).grade == "良好")
  }

  @Test func theExportedFormShowsTheComputedTotalAndGradeAndReadsThemBackAsNothing() throws {
    let model = report()
    let path = try temporaryPath("standing.xlsx")
    try Exporter.write(model, to: path)
    let form = try cells(path)
    let header = try #require(form.first { $0.value == .string("計算總分") }?.key)
    #expect(header[1] == 1 && form[[header[0], 2]] == .string("等第"))
    #expect(form[[header[0] + 1, 1]] == .number(82) && form[[header[0] + 1, 2]] == .string("甲等"))
    let again = try Importer.importWorkbook(path: path).report
    #expect(again.statedScores?.map(\.name) == ["具體施政績效(20%)", "總分"])
    #expect(again.metadata == nil)
    #expect(withoutSources(again) == withoutSources(model))
  }

  @Test func aGradeTheFormStatesIsKept() throws {
    // A score line an office typed: 總分 | 等第 over 88 | 甲等 (written by our writer, as a clerk would lay it out).
    let path = try temporaryPath("stated-grade.xlsx")
    let book = WorkbookWriter(path: path)
    let s = try book.addSheet("績效")
    try s.writeRow(1, [.string("新竹縣政府民政處114年度施政績效報告")])
    try s.writeRow(3, [.string("施政目標"), .string("績效指標"), .string("目標值"), .string("達成值"), .string("權重")])
    try s.writeRow(4, [.string("強化為民服務"), .string("講習場次"), .string("10場"), .string("12場"), .number(1)])
    try s.writeRow(6, [.string("總分"), .string("等第")])
    try s.writeRow(7, [.number(88), .string("甲等")])
    try book.close()
    let r = try Importer.importWorkbook(path: path).report
    #expect(r.statedTotalScore?.value == 88)
    #expect(r.metadata?["等第"] == "甲等")
  }

  @Test func summaryGroupsRanksAndAverages() throws {
    func merged(_ r: Report, _ file: String) -> MergedWorkbook {
      MergedWorkbook(file: file, report: r, findings: [])
    }
    // 民政處 82 (as above); 財政處 with 訪視件數 at 10 件: 30 + 30 + 10 + 15 = 85; 工務處 the same 85;
    // 地政處's 113 report is another group; 社會處 a plan (no score).
    var plan = Report(kind: .annualPlan, agency: "新竹縣政府社會處", years: [114],
                      facets: [Facet(name: nil, goals: [Goal(name: "g", indicators: [Indicator(name: "x", weight: 1)])])])
    plan.computeAchievements()
    let result = MergeResult(workbooks: [
      merged(report(), "a.xlsx"), merged(report(agency: "新竹縣政府財政處", visits: 10), "b.xlsx"),
      merged(report(agency: "新竹縣政府工務處", visits: 10), "c.xlsx"), merged(report(agency: "新竹縣政府地政處", year: 113), "d.xlsx"),
      merged(plan, "e.xlsx"),
    ])
    let groups = result.summaryGroups
    #expect(groups.map(\.lines.count) == [3, 1, 1])
    let first = groups[0].lines
    #expect(first.map(\.agency) == ["新竹縣政府工務處", "新竹縣政府財政處", "新竹縣政府民政處"])  // 85, 85 by name, then 82
    #expect(first.map(\.rank) == [1, 1, 3])
    #expect(first.map(\.computedScore) == [85, 85, 82])
    #expect(first.map(\.grade) == ["甲等", "甲等", "甲等"])
    #expect(groups[1].years == [113] && groups[2].kind == .annualPlan && groups[2].lines[0].rank == nil)

    let path = try temporaryPath("merged.xlsx")
    try result.writeWorkbook(to: path)
    #expect(try Workbook(path: path).sheets.map(\.name).prefix(4) == ["總表", "分數圖", "總表 113年度施政績效報告", "總表 114年度施政計畫"])
    let table = try cells(path, sheet: "總表")
    func cell(_ row: Int, _ column: Int) -> CellValue? { table[[row, column]] }
    #expect(cell(2, 1) == .number(1) && cell(4, 1) == .number(3))
    #expect(cell(2, 3) == .number(114) && cell(2, 4) == .string("施政績效報告"))
    #expect(cell(4, 14) == .number(82) && cell(4, 15) == .number(85) && cell(4, 16) == .number(3))  // flagged: 85 − 82
    #expect(cell(2, 16) == nil)  // 工務處 states 85, computes 85
    #expect(cell(5, 2) == .string("平均") && cell(5, 14) == .number(84))  // (85 + 85 + 82) / 3
    #expect(cell(6, 2) == .string("合計") && cell(6, 5) == .number(12) && cell(6, 7) == .number(4))  // 3 × 4 indicators; unmet 1 + 1 + 2
  }
}
