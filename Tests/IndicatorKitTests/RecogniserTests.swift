// The importer's recognisers: each one's examples, and the contract that its quick test never
// rejects what its pattern accepts — checked on every text of every fixture and on variants of them.

import Foundation
import TestSupport
import Testing
import XLSXKit
@testable import IndicatorKit

/// The clerk corpus (scripts/fixtures/clerk_reports.py, clerk_plans.py).
let clerkFixtureFolder = fixture("clerk")

/// Every cell text of the seed and clerk workbooks, and each with full-width digits and spaces.
let fixtureTexts: [String] = {
  var texts: Set<String> = []
  for folder in [seedFolder, clerkFixtureFolder] {
    for name in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []) where name.hasSuffix(".xlsx") {
      guard let book = try? Workbook(path: folder + "/" + name) else { continue }
      for sheet in book.sheets where sheet.kind == .worksheet {
        guard let grid = try? SheetGrid(workbook: book, sheet: sheet) else { continue }
        for row in grid.rowNumbers { for (_, t) in grid.distinctTexts(row) { texts.insert(t) } }
      }
    }
  }
  let wide = texts.map { t in
    String(String.UnicodeScalarView(t.unicodeScalars.map { c in
      (0x30...0x39).contains(c.value) ? Unicode.Scalar(c.value - 0x30 + 0xFF10) ?? c : (c == " " ? "\u{3000}" : c)
    }))
  }
  return Array(texts) + wide
}()

@Suite struct RecogniserTests {
  @Test func guardsNeverRejectWhatThePatternAccepts() {
    #expect(fixtureTexts.count > 1000)
    let totals = TotalRow(words: TemplateSpec.totals)
    let captions = TableCaption(template: nil)
    let words = HeaderWords.builtIn
    for t in fixtureTexts {
      if SignatureLine.read(t) != nil { #expect(SignatureLine.mayMatch(t), "SignatureLine: \(t)") }
      if NoteLine.read(t) != nil { #expect(NoteLine.mayMatch(t), "NoteLine: \(t)") }
      if TitleLine.read(t) != nil { #expect(TitleLine.mayMatch(t), "TitleLine: \(t)") }
      if AgencyLine.read(t) != nil { #expect(AgencyLine.mayMatch(t), "AgencyLine: \(t)") }
      if MetadataLine.read(t) != nil { #expect(MetadataLine.mayMatch(t), "MetadataLine: \(t)") }
      if FacetHeading.read(t) != nil { #expect(FacetHeading.mayMatch(t), "FacetHeading: \(t)") }
      if StatedScoreLine.read(t) != nil { #expect(StatedScoreLine.mayMatch(t), "StatedScoreLine: \(t)") }
      if ScorePartHeading.read(t) != nil { #expect(ScorePartHeading.mayMatch(t), "ScorePartHeading: \(t)") }
      if PointsTotalLine.read(t) != nil { #expect(PointsTotalLine.mayMatch(t), "PointsTotalLine: \(t)") }
      if FacetWeightHeader.read(t) != nil { #expect(FacetWeightHeader.mayMatch(t), "FacetWeightHeader: \(t)") }
      if totals.read(t) != nil { #expect(totals.mayMatch(t), "TotalRow: \(t)") }
      if captions.read(t) != nil { #expect(captions.mayMatch(t), "TableCaption: \(t)") }
      if words.nameUnguarded(t) != nil { #expect(words.mayName(t), "HeaderWords: \(t)") }
      if LegendLine.read(t) != nil { #expect(LegendLine.mayMatch(t), "LegendLine: \(t)") }
      if MeasurementTarget.read(t) != nil { #expect(MeasurementTarget.mayMatch(t), "MeasurementTarget: \(t)") }
      if GoalRow.isGoalLabelled(t) { #expect(GoalRow.mayBeGoalLabelled(t), "GoalRow: \(t)") }
    }
  }

  @Test func signatureLines() {
    #expect(SignatureLine.match("承辦人：林小姐") == .init(role: "承辦人", value: "林小姐"))
    #expect(SignatureLine.match("電話：(03)5518101 分機 305") == .init(role: "電話", value: "(03)5518101 分機 305"))
    #expect(SignatureLine.match("科長：") == .init(role: "科長", value: ""))
    #expect(SignatureLine.match("處長") == .init(role: "處長", value: ""))
    #expect(SignatureLine.match("電話服務滿意度") == nil)
    #expect(SignatureLine.match("電話 服務滿意度") == nil)
    #expect(SignatureLine.matchAll("承辦人：林小姐　　科長：　　處長：")?.map(\.role) == ["承辦人", "科長", "處長"])
  }

  @Test func titleBlockLines() {
    #expect(TitleLine.match("１１４年度施政績效報告")?.years == [114])
    #expect(TitleLine.match("１１４年度施政績效報告")?.agency == nil)
    #expect(TitleLine.match("基隆市政府綜合發展處中程施政計畫（112至115年度）")?.years == [112, 113, 114, 115])
    #expect(TitleLine.match("新竹縣政府民政處114年度施政績效報告表")?.agency == "新竹縣政府民政處")
    #expect(AgencyLine.match("新竹縣政府民政處") == "新竹縣政府民政處")
    #expect(AgencyLine.match("本處年度工作重點如下，共三處") == nil)
    #expect(MetadataLine.match("填表單位：民政處") == .init(key: "填表單位", value: "民政處", isAgency: true))
    #expect(MetadataLine.match("單位：%")?.value == "%")
  }

  @Test func notesCaptionsAndTotals() {
    #expect(NoteLine.match("註：本表數據統計至114年12月31日") == "本表數據統計至114年12月31日")
    #expect(NoteLine.match("註1：單位為千元") == "單位為千元")
    #expect(NoteLine.match("說明會場次") == nil)
    let captions = TableCaption(template: nil)
    #expect(captions.match("肆、年度重要施政計畫與預算配合對照表") == TemplateSpec.budgetTitle)
    #expect(captions.match("未達目標值之關鍵策略目標檢討") != nil)
    let totals = TotalRow(words: TemplateSpec.totals)
    #expect(totals.match("合　計") == "合計")
    #expect(totals.match("權重合計") == "合計")
    #expect(totals.match("合作社輔導家數") == nil)
  }

  @Test func legendsAndMeasurementTargets() {
    #expect(LegendLine.match("＊管考方式代碼：1.工程列管 2.基本設施列管")?.key == "管考代碼")
    #expect(LegendLine.entries("1.工程列管 2.基本設施列管 5.自行列管。") == ["1": "工程列管", "2": "基本設施列管", "5": "自行列管。"])
    #expect(LegendLine.match("評估體制之數字代號意義如下：")?.key == "評估體制")
    #expect(LegendLine.match("評估體制") == nil)
    #expect(MeasurementTarget.match("提升公文線上簽核比率，年度目標值 65%。計算公式：…")?.number == 0.65)
    #expect(MeasurementTarget.match("目標值：3,000人次")?.number == 3000)
    #expect(MeasurementTarget.match("完成手冊出版") == nil)
  }

  @Test func facetsGoalsAndScores() {
    #expect(FacetHeading.match("一、核心業務面向：35%")?.weight == 0.35)
    #expect(FacetHeading.match("一、業務面（５５％）")?.weight == 0.55)
    #expect(FacetHeading.match("貳、共同面（50%）")?.name == "共同面")
    #expect(GoalRow.isGoalLabelled("一、推動智慧城市"))
    #expect(!GoalRow.isGoalLabelled("(一)推動智慧城市"))
    #expect(!GoalRow.isGoalLabelled("1.電子公文比率"))
    #expect(StatedScoreLine.match("績效總分為 92.9 分")?.value == 92.9)
    #expect(ScorePartHeading.match("二、施政績效具體事蹟分數：5%") == "施政績效具體事蹟(5%)")
  }

  @Test func headerNamesAndYears() {
    let words = HeaderWords.builtIn
    #expect(words.name(of: "112年度目標值") == HeaderName(field: .target, year: 112))
    #expect(words.name(of: "目標值(115)") == HeaderName(field: .target, year: 115))
    #expect(words.name(of: "113年目標值") == HeaderName(field: .target, year: 113))
    #expect(words.name(of: "114 年度") == HeaderName(field: nil, year: 114))
    #expect(words.name(of: "１１２年度目標值") == HeaderName(field: .target, year: 112))
    #expect(words.name(of: "原定目標值") == HeaderName(field: .target, year: nil))
    #expect(words.name(of: "衡量方向") == HeaderName(field: .direction, year: nil))
    #expect(ImportValues.direction("越低越好") == .lower)
    #expect(ImportValues.direction("正向") == .higher)
    #expect(ImportValues.direction("　") == nil)
    #expect(SubHeader.field("原定") == .target)
    #expect(SubHeader.field("實際") == .actual)
  }

  @Test func numberedCells() {
    #expect(NumberedCell.items("1.電子公文比率。\n2.檔案清查比率。") == ["1.電子公文比率。", "2.檔案清查比率。"])
    #expect(NumberedCell.items("電子公文比率") == ["電子公文比率"])
    #expect(NumberedCell.part("65%\n5%", 1, of: 2) == "5%")
    #expect(ImportValues.number("３５，０００") == 35000)
    #expect(QuantityParser.parse("３５，０００人次").number == 35000)
    #expect(ImportValues.fraction("８５﹪") == 0.85)
  }
}
