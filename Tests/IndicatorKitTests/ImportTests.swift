// Import tests on workbooks laid out as each seed's tables (scripts/fixtures/seed_workbooks.py:
// openpyxl, and LibreOffice re-saves), round trips through our export, and the pre-filled report.

import Foundation
import TestSupport
import Testing
import XLSXKit
@testable import IndicatorKit

/// The seed documents laid out as clerks' workbooks (Tests/Fixtures/seeds).
let seedFolder = fixture("seeds")
/// Our examples: the seeds as model JSON and as our styled workbooks (scripts/examples.sh).
let examplesFolder = repositoryRoot + "/Examples"

func importSeed(_ name: String) throws -> ImportResult {
  try Importer.importWorkbook(path: seedFolder + "/" + name)
}

/// The report without source locations (which name the file and rows read).
/// The report as a printed form shows it: narratives pasted with HTML as their plain text (the
/// one change an export makes, docs/TEMPLATES.md).
func asPrinted(_ report: Report) -> Report {
  var r = report
  for f in r.facets.indices {
    for g in r.facets[f].goals.indices {
      for i in r.facets[f].goals[g].indicators.indices {
        r.facets[f].goals[g].indicators[i].narrative = r.facets[f].goals[g].indicators[i].narrative.map(PastedMarkup.plainText)
      }
    }
  }
  return r
}

func withoutSources(_ report: Report) -> Report {
  var r = report
  r.source = nil
  for f in r.facets.indices {
    r.facets[f].source = nil
    for g in r.facets[f].goals.indices {
      r.facets[f].goals[g].source = nil
      for i in r.facets[f].goals[g].indicators.indices { r.facets[f].goals[g].indicators[i].source = nil }
    }
  }
  r.reviews = r.reviews?.map { var x = $0; x.source = nil; return x }
  r.statedScores = r.statedScores?.map { var x = $0; x.source = nil; return x }
  r.budgetItems = r.budgetItems?.map { var x = $0; x.source = nil; return x }
  return r
}

func indicator(_ report: Report, _ name: String) -> Indicator? {
  report.allIndicators.first { $0.indicator.name == name }?.indicator
}

@Suite struct ImportTests {
  @Test func seed001PerformanceReport() throws {
    let r = try importSeed("seed_001.xlsx").report
    #expect(r.kind == .performanceReport)
    #expect(r.agency == "新竹縣政府行政處")
    #expect(r.years == [114])
    #expect(r.facets.map(\.name) == ["業務面", "共同面"])
    #expect(r.facets.map(\.weight) == [0.55, 0.40])
    #expect(r.facets.map { $0.goals.count } == [5, 5])
    #expect(r.facets.map { $0.goals.reduce(0) { $0 + $1.indicators.count } } == [11, 9])
    // The one unmet indicator: 57.69 ÷ 59.36 = 97.19%.
    let hakka = try #require(indicator(r, "單位公務人員及聘僱人員客語認證完成率"))
    #expect(hakka.target?.number == 0.5936)
    #expect(hakka.actual?.number == 0.5769)
    #expect(hakka.weight == 0.05)
    #expect(hakka.achievement == 0.9719)
    #expect(abs((hakka.computedAchievement ?? 0) - 0.5769 / 0.5936) < 1e-9)
    // A goal split by a page break is joined, with its category.
    let goal = try #require(r.facets[1].goals.first)
    #expect(goal.name == "調整控管聘僱及約用人力，落實獎優汰劣之考核用人管理機制")
    #expect(goal.category == "人力")
    #expect(r.facets.map(\.statedScore) == [54.83, 39.05])
    #expect(r.statedScores?.first { $0.name == "總分" }?.value == 96.55)
    #expect(r.reviews?.count == 1)
    #expect(r.reviews?.first?.gap == 0.0281)
    #expect(indicator(r, "法規研習場次")?.source?.row != nil)
  }

  @Test func seed004FacetsTotalsAndBonus() throws {
    let r = try importSeed("seed_004.xlsx").report
    #expect(r.kind == .performanceReport)
    #expect(r.years == [104])
    #expect(r.facets.map(\.name) == ["核心業務面向", "業務創新改良面向", "人力資源發展面向", "經費執行力面向"])
    #expect(r.facets.map(\.weight) == [0.35, 0.20, 0.20, 0.20])
    #expect(r.facets.map(\.statedTotal) == [35, 20, 13.9, 20])
    #expect(r.facets.map { $0.goals.reduce(0) { $0 + $1.indicators.count } } == [20, 5, 9, 4])
    let proposals = try #require(indicator(r, "對中央法規提出修法建議"))
    #expect(proposals.target?.comparator == .atLeast)
    #expect(proposals.target?.number == 5)
    #expect(proposals.actual?.number == 8)
    #expect(proposals.weight == 0.01)
    #expect(proposals.points == 1)
    // Weights inside names: 「一、推動文書作業資訊化(6%)」.
    #expect(r.facets[0].goals[0].weight == 0.06)
    // The two bonus items of 經費執行力面向 (加分, 最高加 1% and 4%).
    let bonus = r.facets[3].goals.flatMap(\.indicators).filter { $0.isBonus == true }
    #expect(bonus.map(\.bonusCap) == [0.01, 0.04])
    // 「二、施政績效具體事蹟分數：5%」 then 「…權分合計 4 分」: a weighted part of the total.
    #expect(r.statedScores?.map(\.name) == ["分數小計", "施政績效具體事蹟(5%)", "績效總分"])
    #expect(r.statedScores?.map(\.value) == [88.9, 4, 92.9])
    #expect(r.statedScores?[1].source?.cells?["value"] == "A132")
    #expect(r.reviews?.count == 2)
  }

  @Test func seed002YearTargetsAndCommonIndicators() throws {
    let r = try importSeed("seed_002.xlsx").report
    #expect(r.kind == .midTermPlan)
    #expect(r.years == [111, 112, 113, 114])
    let goals = r.facets.flatMap(\.goals)
    #expect(goals.count == 12)
    #expect(goals.reduce(0) { $0 + $1.indicators.count } == 26)
    let days = try #require(indicator(r, "公文結案天數"))
    #expect(days.targets?["114"]?.number == 2)
    #expect(days.targets?["114"]?.unit == "天")
    #expect(days.evaluationSystem == "1")
    #expect(days.evaluationMethod == "統計數據")
    #expect(goals.first?.label == "1" && goals.first?.category == "業務成果")
    #expect(r.allIndicators.filter { $0.indicator.isCommon == true }.count == 3)
  }

  @Test func seed003WeightsInNamesAndBudget() throws {
    let r = try importSeed("seed_003.xlsx").report
    #expect(r.kind == .annualPlan)
    #expect(r.agency == "秘書處")
    #expect(r.years == [107])
    let goals = r.facets.flatMap(\.goals)
    #expect(goals.count == 8)
    #expect(goals.reduce(0) { $0 + $1.indicators.count } == 15)
    #expect(goals.map(\.weight) == [0.10, 0.08, 0.05, 0.02, 0.10, 0.10, 0.02, 0.03])
    let visitors = try #require(indicator(r, "接待國際訪賓"))
    #expect(visitors.weight == 0.05)
    #expect(visitors.target?.text == "20 團")
    // A name split over two rows: 「…效率提」 + 「升(2%)」.
    #expect(indicator(r, "民眾申請婚喪喜慶之中堂、輓聯效率提升")?.weight == 0.02)
    #expect(r.budgetItems?.count == 8)
    #expect(r.budgetItems?[4].amount == 5_328.75 + 22_860)
  }

  @Test func seed000PlanBudgetsBelongToPlans() throws {
    let r = try importSeed("seed_000.xlsx").report
    #expect(r.kind == .annualPlan)
    #expect(r.years == [108])
    let first = try #require(r.facets.first?.goals.first)
    #expect(first.name == "健全機關文書檔案管理")
    #expect(first.budget == 8_434)
    #expect(first.indicators.count == 3)
    #expect(first.indicators.allSatisfy { $0.controlCode == "5" && $0.budget == nil })
    #expect(first.indicators[0].formula?.hasPrefix("[公文線上簽核件數") == true)
  }

  @Test(arguments: ["000", "001", "002", "003", "004"])
  func libreOfficeResaveReadsTheSame(_ seed: String) throws {
    let a = try importSeed("seed_\(seed).xlsx").report
    let b = try importSeed("seed_\(seed)_lo.xlsx").report
    #expect(withoutSources(a) == withoutSources(b))
  }

  @Test(arguments: ["000", "001", "002", "003", "004"])
  func exportThenImportGivesTheSameModel(_ seed: String) throws {
    let model = try importSeed("seed_\(seed).xlsx").report
    let path = try temporaryPath("seed_\(seed).xlsx")
    try Exporter.write(model, to: path)
    let again = try Importer.importWorkbook(path: path).report
    #expect(withoutSources(again) == withoutSources(asPrinted(model)))
  }

  @Test func examplesRoundTrip() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: examplesFolder).filter { $0.hasSuffix(".json") }
    #expect(files.count == 5)
    for f in files {
      let model = try Report.from(json: Data(contentsOf: URL(fileURLWithPath: examplesFolder + "/" + f)))
      let path = try temporaryPath("example.xlsx")
      try Exporter.write(model, to: path)
      let again = try Importer.importWorkbook(path: path).report
      #expect(withoutSources(again) == withoutSources(asPrinted(model)), "\(f)")
      // The shipped workbook is that export.
      let shipped = try Importer.importWorkbook(path: examplesFolder + "/" + f.replacingOccurrences(of: ".json", with: ".xlsx")).report
      #expect(withoutSources(shipped) == withoutSources(asPrinted(model)), "\(f)")
    }
  }

  /// A mid-term plan with columns right of 年度績效目標值 (權重, an agency's own column): the two
  /// header rows come out in order and the plan reads back (the export failed with "row 3 comes
  /// after row 4" before).
  @Test func midTermPlanWithColumnsAfterTheYearsRoundTrips() throws {
    var model = try importSeed("seed_002.xlsx").report
    for f in model.facets.indices {
      for g in model.facets[f].goals.indices {
        for i in model.facets[f].goals[g].indicators.indices {
          model.facets[f].goals[g].indicators[i].weight = 0.02
          model.facets[f].goals[g].indicators[i].extra = ["主辦單位": "綜合發展處"]
        }
      }
    }
    let path = try temporaryPath("mid-term-weights.xlsx")
    try Exporter.write(model, to: path)
    let again = try Importer.importWorkbook(path: path).report
    #expect(withoutSources(again) == withoutSources(asPrinted(model)))
  }

  /// A form re-sent with a review already in it: the review sheet holds it in a row tall enough for
  /// its reason (and fitted, so it grows as more is typed), blank rows after it, and it reads back.
  @Test func formKeepsAGivenReviewInARowThatFitsIt() throws {
    let plan = try importSeed("seed_003.xlsx").report
    var report = Prefill.report(kind: .performanceReport, from: plan, year: 107)
    let reason = String(repeating: "受新系統上線影響，等候時間增加；已增設服務窗口並加強人員訓練。", count: 4)
    report.reviews = [UnmetReview(indicator: "接待國際訪賓", goal: "推動國際城市友好交流", gap: 0.25, explanation: reason)]
    let path = try temporaryPath("form-with-review.xlsx")
    try Exporter.writeForm(report, to: path)
    let wb = try Workbook(path: path)
    #expect(wb.sheets.map(\.name) == ["績效報告", "未達目標值之關鍵策略目標檢討", "填表說明"])
    let xml = String(decoding: try wb.archive.read(#require(wb.archive.entry(named: "xl/worksheets/sheet2.xml"))), as: UTF8.self)
    // 4 × 31 wide characters (248 display units) in the reason's column, 48 wide (about 53 units a
    // line): 5 lines, 14.5 pt each and 3 to spare, 75.5 pt — over twice a blank row's 33.
    let third = try #require(xml.firstMatch(of: /<row r="3" ht="([0-9.]+)">/))
    #expect(try #require(Double(third.output.1)) == 75.5)
    #expect(xml.contains("<row r=\"4\" ht=\"33\">"))
    let read = try Importer.importWorkbook(path: path).report
    #expect(read.reviews?.map(\.explanation) == [reason])
  }

  @Test(arguments: [false, true])
  func prefilledReportFromThe107Plan(asForm: Bool) throws {
    let plan = try importSeed("seed_003.xlsx").report
    let report = Prefill.report(kind: .performanceReport, from: plan, year: 107)
    let path = try temporaryPath("prefilled.xlsx")
    if asForm { try Exporter.writeForm(report, to: path) } else { try Exporter.write(report, to: path) }
    let read = try Importer.importWorkbook(path: path).report
    #expect(read.kind == .performanceReport)
    #expect(read.years == [107])
    let planned = plan.allIndicators.map { ($0.indicator.name, $0.indicator.weight, $0.indicator.target?.text) }
    let prefilled = read.allIndicators.map { ($0.indicator.name, $0.indicator.weight, $0.indicator.target?.text) }
    #expect(planned.count == 15)
    #expect(prefilled.map(\.0) == planned.map(\.0))
    #expect(prefilled.map(\.1) == planned.map(\.1))
    #expect(prefilled.map(\.2) == planned.map(\.2))
    #expect(read.allIndicators.allSatisfy { $0.indicator.actual == nil })
  }

  @Test func unknownColumnsAreKeptAndReportedOnce() throws {
    let path = try temporaryPath("extra.xlsx")
    let book = WorkbookWriter(path: path)
    let s = try book.addSheet("業務面")
    try s.writeRow(1, [.string("關鍵策略目標"), .string("績效指標"), .string("原定目標值"), .string("達成目標值"), .string("承辦科室")])
    try s.writeRow(2, [.string("1. 提升效率"), .string("(1)公文平均處理日數"), .string("4 日以內"), .string("3.5 日"), .string("文書科")])
    try s.writeRow(3, [nil, .string("(2)線上簽核比率"), .string("80%"), .string("85%"), .string("研考科")])
    try s.writeRow(4, [.string("小計"), nil, nil, nil, nil])
    try book.close()
    let result = try Importer.importWorkbook(path: path)
    let unknown = result.notes.filter { $0.code == .unknownColumn }
    #expect(unknown.count == 1)
    #expect(unknown.first?.cell == "E1")
    #expect(result.report.facets.first?.name == "業務面")
    let inds = result.report.allIndicators.map(\.indicator)
    #expect(inds.map { $0.extra?["承辦科室"] } == ["文書科", "研考科"])
    // Fewer days is better: 3.5 days against at most 4 is met.
    #expect(inds.first?.computedAchievement == 1)
    #expect(result.report.kind == .performanceReport)
  }
}
