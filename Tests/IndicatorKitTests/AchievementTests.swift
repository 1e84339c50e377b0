// Achievement computed from the seeds' own targets and actuals, compared with their stated 達成度;
// and the properties every achievement must have.

import PropertyBased
import Testing
@testable import IndicatorKit

/// A row of a performance report as written: indicator, target, actual, stated achievement.
struct SeedRow: Sendable, CustomStringConvertible {
  var indicator: String
  var target: String
  var actual: String
  var stated: String
  var description: String { indicator }
}

/// 001 新竹縣政府行政處 114 年度施政計畫績效報告, 業務面 and 共同面.
let rows001: [SeedRow] = [
  SeedRow(indicator: "(1)法規檢討比例", target: "100%", actual: "100%", stated: "100.00%"),
  SeedRow(indicator: "(2)法規研習場次", target: "2 場次", actual: "3 場次", stated: "100.00%"),
  SeedRow(indicator: "(1)開放資料專區取得白金標章資料集", target: "400 項", actual: "460 項", stated: "100.00%"),
  SeedRow(indicator: "(2)建置數據分析平台", target: "75%", actual: "75%", stated: "100.00%"),
  SeedRow(indicator: "(1)1999 為民服務專線滿意度", target: "87%", actual: "91.9%", stated: "100.00%"),
  SeedRow(indicator: "(2)本府辦公廳舍維護工作", target: "2 次", actual: "2 次", stated: "100.00%"),
  SeedRow(indicator: "查核本府工程類列管計畫之完成比率", target: "37%", actual: "40%", stated: "100.00%"),
  SeedRow(indicator: "(1)資訊安全檢測及演練", target: "3 次", actual: "4 次", stated: "100.00%"),
  SeedRow(indicator: "(2)資訊系統(網站)安全性檢測", target: "20 個", actual: "29 個", stated: "100.00%"),
  SeedRow(indicator: "(3)資訊安全教育訓練", target: "6 場次", actual: "9 場次", stated: "100.00%"),
  SeedRow(indicator: "(4)委外廠商資訊安全稽核作業", target: "4 家", actual: "8 家", stated: "100.00%"),
  SeedRow(indicator: "檢討、精簡單位聘僱、約用人力及覈實考核", target: "1 次", actual: "1 次", stated: "100.00%"),
  SeedRow(indicator: "單位公務人員及聘僱人員客語認證完成率", target: "59.36 %", actual: "57.69 %", stated: "97.19 %"),
  SeedRow(indicator: "預算執行率", target: "85%", actual: "87.18 %", stated: "100.00 %"),
  SeedRow(indicator: "(1)公文電子交換比率", target: "97%", actual: "99.69 %", stated: "100.00 %"),
  SeedRow(indicator: "(2)公文線上簽核比率", target: "74%", actual: "90.70 %", stated: "100.00 %"),
  SeedRow(indicator: "(1)編列性別預算", target: "1 件數", actual: "1 件數", stated: "100.00 %"),
  SeedRow(indicator: "(2)新增與業務相關性別統計或新增複分類", target: "1 件數", actual: "1 件數", stated: "100.00 %"),
  SeedRow(indicator: "(3)新增性別分析", target: "1 件數", actual: "1 件數", stated: "100.00%"),
  SeedRow(indicator: "(4)辦理性別影響評估", target: "1 件數", actual: "1 件數", stated: "100.00%"),
]

/// 004 嘉義市政府行政處 104 年度施政績效報告, all four facets (bonus rows apart).
let rows004: [SeedRow] = [
  SeedRow(indicator: "1. 發行市府公報(2%)", target: "100%", actual: "100%", stated: "100%"),
  SeedRow(indicator: "2. 定期召開市務會議(2%)", target: "100%", actual: "100%", stated: "100%"),
  SeedRow(indicator: "3. 公文隨到隨辦(2%)", target: "100%", actual: "100%", stated: "100%"),
  SeedRow(indicator: "1. 法令疑義研議(1%)", target: "100%", actual: "100%", stated: "100%"),
  SeedRow(indicator: "2. 人民請求國家賠償案件(2%)", target: "100%", actual: "100%", stated: "100%"),
  SeedRow(indicator: "3. 人民申請訴願案件(1%)", target: "100%", actual: "100%", stated: "100%"),
  SeedRow(indicator: "4. 審查自治法規草案(1%)", target: "100%", actual: "100%", stated: "100%"),
  SeedRow(indicator: "5. 協助辦理消費爭議調解案件(1%)", target: "100%", actual: "100%", stated: "100%"),
  SeedRow(indicator: "6. 對中央法規提出修法建議(1%)", target: "≥5", actual: "8", stated: "100%"),
  SeedRow(indicator: "1. 持續辦理南棟大樓綠美化週邊景觀(2%)", target: "100%", actual: "100%", stated: "100%"),
  SeedRow(indicator: "2. 辦理北棟大樓設計發包興建工程(2%)", target: "19.5%", actual: "100%", stated: "100%"),
  SeedRow(indicator: "3. 空調系統溫控開關集中控制(2%)", target: "100%", actual: "100%", stated: "100%"),
  SeedRow(indicator: "4. 落實無障礙空間之辦公環境(2%)", target: "100%", actual: "100%", stated: "100%"),
  SeedRow(indicator: "1. 配合各單位施政活動，發布市政宣導新聞稿(3%)", target: "250", actual: "403", stated: "100%"),
  SeedRow(indicator: "2. 網路社群行銷(2%)", target: "100%", actual: "100%", stated: "100%"),
  SeedRow(indicator: "3. 拍攝市政新聞(2%)", target: "20", actual: "73", stated: "100%"),
  SeedRow(indicator: "4. 平面媒體專題報導(2%)", target: "3", actual: "4", stated: "100%"),
  SeedRow(indicator: "1. 檔案目錄彙送(2%)", target: "2", actual: "2", stated: "100%"),
  SeedRow(indicator: "2. 檔案編目建檔(2%)", target: "120,000", actual: "146,746", stated: "100%"),
  SeedRow(indicator: "3. 檔案庫房清理(1%)", target: "100,000", actual: "153,695", stated: "100%"),
  SeedRow(indicator: "提供民眾本市各類自治法規資訊(4%)", target: "100%", actual: "100%", stated: "100%"),
  SeedRow(indicator: "擴大建置市政宣導、藝術品展示牆，改善市政大樓剛冷感覺(4%)", target: "100%", actual: "100%", stated: "100%"),
  SeedRow(indicator: "加強報導在地文化深度及廣度面(4%)", target: "100%", actual: "100%", stated: "100%"),
  SeedRow(indicator: "更新市府影音資料庫，創造更多元行銷管道(4%)", target: "100%", actual: "100%", stated: "100%"),
  SeedRow(indicator: "規劃標竿學習活動，健全所屬機關檔案管理功能(4%)", target: "100%", actual: "100%", stated: "100%"),
  SeedRow(indicator: "1. 強化職務功能，使職務組設合理、工作指派適當(3%)", target: "85%以上", actual: "100%", stated: "100%"),
  SeedRow(indicator: "2. 對於政策、法令等修正案，表達建議或修正意見(3%)", target: "5案以上", actual: "8案", stated: "100%"),
  SeedRow(indicator: "1. 強化公務人員終身學習時數(3%)", target: "70%", actual: "63%", stated: "90%"),
  SeedRow(indicator: "2. 本府各處參加專題講座到訓情形(2%)", target: "75%", actual: "82%", stated: "100%"),
  SeedRow(indicator: "1. 因公外出是否確實填寫公出登記簿，並經權責主管核章(1%)", target: "50%", actual: "40%", stated: "80%"),
  SeedRow(indicator: "2. 佩戴職員證、辦公秩序及服務情形(2%)", target: "70%", actual: "75%", stated: "100%"),
  SeedRow(indicator: "1. 鼓勵各處40歲以上公務人員於本年度排定健康檢查人員踴躍受檢(3%)",
          target: "本府各處40歲以上公務人員健康檢查達成率 $\\geq 75\\%$", actual: "100%", stated: "100%"),
  SeedRow(indicator: "2. 各處正、副一級主管以上人員應以身作則踴躍受檢(1%)",
          target: "本府各處正、副一級主管健康檢查達成率 $\\geq 50\\%$", actual: "100%", stated: "100%"),
  SeedRow(indicator: "強化本府各處各科加班費按月請領時效(2%)", target: "50%", actual: "50%", stated: "100%"),
  // 「執行率80%」 against 86.43: the actual is written in percentage points without the sign.
  SeedRow(indicator: "1. 各機關當年度經常門預算執行率(13%;無資本門者為20%)", target: "執行率80%", actual: "86.43", stated: "100%"),
  SeedRow(indicator: "2. 各機關年度資本門預算執行率(7%)", target: "執行率80%", actual: "93.94", stated: "100%"),
]

func computed(_ row: SeedRow) -> AchievementResult {
  let ind = Indicator(name: LabeledName(row.indicator).name)
  let target = Quantity(text: row.target)
  return Achievement.compute(
    target: target, actual: Quantity(text: row.actual), direction: Achievement.direction(of: ind, target: target))
}

@Suite struct AchievementTests {
  /// Every indicator of 001 and 004 whose numbers are consistent: computed = stated (to the
  /// stated precision, two decimals of a percent).
  @Test(arguments: rows001 + rows004)
  func computedEqualsStated(_ row: SeedRow) throws {
    let stated = try #require(Quantity(text: row.stated).number)
    let value = try #require(computed(row).value, "\(row.indicator): \(computed(row).note ?? "")")
    #expect(abs(value - stated) < 0.00005, "\(row.indicator): computed \(value), stated \(stated)")
  }

  /// The rows where the document's numbers are not consistent, with the arithmetic.
  @Test func inconsistentSeedRows() throws {
    // 004 bonus items 「配合本府開源節流措施實施要點(採加分方式辦理，視績效最高加1%)」 and
    // 「爭取中央計畫型補助款(…最高加4%)」: target 0, actual 0, stated 達成度 0%. An actual of 0 meets
    // a target of 0 (0 ≥ 0), so the computed achievement is 100%; the document means "no bonus
    // earned", which is what a bonus row's points (0) say. Bonus rows carry no weight and are
    // scored by their points, not by achievement.
    for name in ["配合本府開源節流措施實施要點", "爭取中央計畫型補助款"] {
      let row = SeedRow(indicator: name, target: "0", actual: "0", stated: "0")
      #expect(computed(row).value == 1.0)
      #expect(Quantity(text: row.stated).number == 0)
    }
  }

  /// 001's facets scored from its own rows: 業務面 55.00 (the document states 54.83) and 共同面
  /// 39.86 (stated 39.05): 40 − 5 × (1 − 57.69/59.36) = 39.859. The stated scores do not follow
  /// from the document's weights and achievements; the validator reports that as score-mismatch.
  @Test func seed001Scores() throws {
    let weights001: [Double] = [5, 6, 5, 6, 6, 5, 6, 4, 4, 4, 4, 5, 5, 10, 5, 5, 2, 2, 3, 3]
    var business = Goal(name: "業務面")
    var common = Goal(name: "共同面")
    for (i, row) in rows001.enumerated() {
      var ind = Indicator(name: row.indicator, weight: weights001[i] / 100)
      ind.computedAchievement = computed(row).value
      if i < 11 { business.indicators.append(ind) } else { common.indicators.append(ind) }
    }
    let report = Report(kind: .performanceReport, years: [114],
                        facets: [Facet(name: "業務面", weight: 0.55, goals: [business]), Facet(name: "共同面", weight: 0.40, goals: [common])])
    let b = try #require(Scoring.score(of: report.facets[0]))
    let c = try #require(Scoring.score(of: report.facets[1]))
    #expect(abs(b - 55.0) < 1e-9)
    #expect(abs(c - (40 - 5 * (1 - 57.69 / 59.36))) < 1e-9)
    #expect(abs((Scoring.total(of: report) ?? 0) - (b + c)) < 1e-9)
  }

  @Test func directionAware() {
    let days = Indicator(name: "公文結案天數")
    #expect(Achievement.direction(of: days) == .lower)
    let r = Achievement.compute(target: Quantity(text: "2天"), actual: Quantity(text: "3天"), direction: .lower)
    #expect(r.value.map { abs($0 - 2.0 / 3.0) < 1e-12 } == true)
    #expect(r.met == false)
    let staff = Indicator(name: "約聘僱員額成長率")
    #expect(Achievement.direction(of: staff) == .lower)
    #expect(Achievement.compute(target: Quantity(text: "0%"), actual: Quantity(text: "0%"), direction: .lower).value == 1)
    #expect(Achievement.compute(target: Quantity(text: "0%"), actual: Quantity(text: "2%"), direction: .lower).value == 0)
    let surplus = Indicator(name: "各單位當年度經常門業務費賸餘數百分比")
    #expect(Achievement.direction(of: surplus) == .lower)
    #expect(Achievement.direction(of: Indicator(name: "預算執行率")) == .higher)
    // A share outranks a unit word; an attainment ending outranks a word of loss; 「越低越好」 all.
    #expect(Achievement.direction(of: Indicator(name: "空氣品質良好日數比率")) == .higher)
    #expect(Achievement.direction(of: Indicator(name: "農業天然災害救助核發時效達成率")) == .higher)
    #expect(Achievement.direction(of: Indicator(name: "交通事故死亡人數降低比率")) == .higher)
    #expect(Achievement.direction(of: Indicator(name: "公文處理錯誤率")) == .lower)
    var clicks = Indicator(name: "社交工程演練郵件點閱率")
    clicks.measurement = "點閱人數÷受測人數×100%（越低越好）"
    #expect(Achievement.direction(of: clicks) == .lower)
    #expect(Achievement.direction(of: Indicator(name: "公文平均結案日數")) == .lower)
    let deadline = Achievement.direction(of: Indicator(name: "x"), target: Quantity(text: "錯誤率低於 1%"))
    #expect(deadline == .lower)
  }

  @Test func unitsMustAgree() {
    let r = Achievement.compute(target: Quantity(text: "2 場次"), actual: Quantity(text: "3 人"), direction: .higher)
    #expect(r.value == nil && r.note?.contains("units differ") == true)
    #expect(Achievement.compute(target: Quantity(text: "2 場"), actual: Quantity(text: "2 場次"), direction: .higher).value == 1)
  }

  @Test func milestoneAchievement() {
    let ladder = Quantity(text: "1.完成委託 25% 2.完成招標 50% 3.工程完工 75% 4.驗收 100%")
    #expect(Achievement.compute(target: ladder, actual: Quantity(text: "完成招標"), direction: .higher).value == 0.5)
    #expect(Achievement.compute(target: ladder, actual: Quantity(text: "75%"), direction: .higher).value == 0.75)
  }

  @Test func capIsConfigurable() {
    let rule = AchievementRule(cap: 1.2)
    let r = Achievement.compute(target: Quantity(text: "20"), actual: Quantity(text: "73"), direction: .higher, rule: rule)
    #expect(r.value == 1.2)
    let strict = AchievementRule(cap: 1, allOrNothing: true)
    #expect(Achievement.compute(target: Quantity(text: "70%"), actual: Quantity(text: "63%"), direction: .higher, rule: strict).value == 0)
  }

  @Test func achievementStaysWithinZeroAndCap() async {
    await propertyCheck(
      count: 500, input: Gen.double(in: 0...1000), Gen.double(in: 0...1000), Gen.double(in: 0.5...2), Gen.bool
    ) { t, a, cap, lower in
      let r = Achievement.compute(
        target: Quantity(number: t, isPercent: false), actual: Quantity(number: a, isPercent: false),
        direction: lower ? .lower : .higher, rule: AchievementRule(cap: cap))
      let v = r.value ?? -1
      #expect(v >= 0 && v <= cap, "t \(t) a \(a) cap \(cap) \(lower ? "lower" : "higher") → \(v)")
    }
  }

  @Test func metTargetGivesTheCap() async {
    await propertyCheck(
      count: 500, input: Gen.double(in: 0...1000), Gen.double(in: 0...500), Gen.double(in: 0.5...1), Gen.bool
    ) { t, slack, cap, lower in
      // An actual at or beyond its target in the good direction.
      let a = lower ? max(t - slack, 0) : t + slack
      let r = Achievement.compute(
        target: Quantity(number: t, isPercent: true), actual: Quantity(number: a, isPercent: true),
        direction: lower ? .lower : .higher, rule: AchievementRule(cap: cap))
      #expect(r.met == true)
      #expect(r.value == cap, "t \(t) a \(a) \(lower) → \(String(describing: r.value))")
    }
  }
}
