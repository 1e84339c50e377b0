// The model's JSON contract, the ROC calendar and the splitting of names.

import Foundation
import PropertyBased
import Testing
@testable import IndicatorKit

/// A report built from a seed, with every kind of field filled somewhere.
func randomReport(_ seed: UInt64) -> Report {
  var rng = SplitMix(seed)
  let words = ["法規檢討比例", "公文線上簽核比率", "資訊安全教育訓練", "1999 為民服務專線滿意度", "預算執行率", "客語認證完成率"]
  let values = ["100%", "2 場次", "85%以上", "≥5", "1式", "執行率80%", "12月31日前完成", "120,000", "3個月內", "", "本處圓滿達成"]
  func pick<T>(_ a: [T]) -> T { a[Int(rng.next() % UInt64(a.count))] }
  func maybe<T>(_ v: @autoclosure () -> T) -> T? { rng.next() % 3 == 0 ? nil : v() }
  var report = Report(kind: pick(ReportKind.allCases), agency: maybe("新竹縣政府行政處"), years: [114])
  for f in 0..<Int(1 + rng.next() % 3) {
    var facet = Facet(name: f == 0 && rng.next() % 4 == 0 ? nil : pick(["業務面", "共同面", "核心業務面向"]),
                      weight: maybe(Double(rng.next() % 100) / 100))
    facet.statedTotal = maybe(35)
    for g in 0..<Int(1 + rng.next() % 3) {
      var goal = Goal(name: pick(words), label: maybe("\(g + 1)."), weight: maybe(0.06))
      goal.category = maybe(pick(["業務成果", "人力"]))
      for i in 0..<Int(rng.next() % 4) {
        var ind = Indicator(name: pick(words) + "\(i)", label: maybe("(\(i + 1))"), weight: maybe(Double(rng.next() % 10) / 100))
        ind.target = maybe(Quantity(text: pick(values)))
        ind.actual = maybe(Quantity(text: pick(values)))
        ind.targets = maybe(["111": Quantity(text: pick(values)), "112": Quantity(text: pick(values))])
        ind.achievement = maybe(Double(rng.next() % 10_000) / 10_000)
        ind.computedAchievement = maybe(0.9719)
        ind.points = maybe(0.4)
        ind.narrative = maybe("114 年 4 月 16 日辦理，\"引號\"與\n換行")
        ind.evaluationSystem = maybe("1")
        ind.controlCode = maybe("5")
        ind.isCommon = maybe(true)
        ind.isBonus = maybe(false)
        ind.extra = maybe(["備註": "x"])
        ind.direction = maybe(pick([Direction.higher, .lower]))
        ind.source = SourceLocation(file: "a.xlsx", sheet: "業務面", row: i + 4, cells: ["target": "C\(i + 4)"])
        goal.indicators.append(ind)
      }
      facet.goals.append(goal)
    }
    report.facets.append(facet)
  }
  report.reviews = maybe([UnmetReview(indicator: "客語認證完成率", gap: 0.0281, explanation: "積極鼓勵")])
  report.statedScores = maybe([StatedScore(name: "總分", value: 96.55)])
  report.budgetItems = maybe([BudgetItem(name: "推動國際城市友好交流", amount: 7300)])
  report.legends = maybe(["管考代碼": ["5": "自行列管"]])
  return report
}

/// A small deterministic generator for building reports from a seed.
struct SplitMix {
  var state: UInt64
  init(_ seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

@Suite struct ModelTests {
  @Test func jsonRoundTripIsIdentity() async {
    await propertyCheck(count: 300, input: Gen.uint64(in: 0...UInt64.max)) { seed in
      let report = randomReport(seed)
      // Reading evaluates every indicator again: the JSON keeps everything else as it was.
      var evaluated = report
      evaluated.computeAchievements()
      do {
        let decoded = try Report.from(json: report.jsonData())
        #expect(decoded == evaluated, "seed \(seed)")
      } catch {
        Issue.record("seed \(seed): \(error)")
      }
    }
  }

  @Test func jsonUsesTheContractPaths() throws {
    var ind = Indicator(name: "法規檢討比例", label: "(1)", weight: 0.05)
    ind.target = Quantity(text: "85%以上")
    ind.actual = Quantity(text: "91.9%")
    ind.targets = ["112": Quantity(text: "2次")]
    ind.achievement = 1
    ind.source = SourceLocation(sheet: "業務面", row: 4)
    let report = Report(kind: .performanceReport, agency: "新竹縣政府行政處", years: [114],
                        facets: [Facet(name: nil, goals: [Goal(name: "提升法規品質", label: "1.", weight: 0.11, indicators: [ind])])])
    let obj = try #require(JSONSerialization.jsonObject(with: report.jsonData()) as? [String: Any])
    #expect(obj["kind"] as? String == "performance-report")
    #expect(obj["agency"] as? String == "新竹縣政府行政處")
    #expect(obj["years"] as? [Int] == [114])
    let facet = try #require((obj["facets"] as? [[String: Any]])?.first)
    #expect(facet["name"] == nil)
    let goal = try #require((facet["goals"] as? [[String: Any]])?.first)
    #expect(goal["label"] as? String == "1." && goal["weight"] as? Double == 0.11)
    let i = try #require((goal["indicators"] as? [[String: Any]])?.first)
    let target = try #require(i["target"] as? [String: Any])
    #expect(target["text"] as? String == "85%以上" && target["number"] as? Double == 0.85 && target["unit"] as? String == "%")
    #expect((i["actual"] as? [String: Any])?["number"] as? Double == 0.919)
    #expect(((i["targets"] as? [String: Any])?["112"] as? [String: Any])?["number"] as? Double == 2)
    #expect((i["source"] as? [String: Any])?["sheet"] as? String == "業務面")
    #expect((i["source"] as? [String: Any])?["row"] as? Int == 4)
  }

  @Test func rocCalendar() {
    #expect(ROCCalendar.gregorian(114) == 2025 && ROCCalendar.roc(2025) == 114)
    #expect(ROCCalendar.parseDate("114 年 4 月 16 日")?.iso == "2025-04-16")
    #expect(ROCCalendar.parseDate("113/03/31")?.iso == "2024-03-31")
    #expect(ROCCalendar.parseDate("113.3.31")?.iso == "2024-03-31")
    #expect(ROCCalendar.parseDate("1130331")?.iso == "2024-03-31")
    #expect(ROCCalendar.parseDate("民國113年3月")?.iso == "2024-03")
    #expect(ROCCalendar.parseDate("113/02/30") == nil)
    #expect(ROCCalendar.parseDate("113/02/29")?.iso == "2024-02-29")
    #expect(ROCCalendar.parseYears("113年度") == [113])
    #expect(ROCCalendar.parseYears("基隆市政府綜合發展處中程施政計畫（111 至 114 年度）") == [111, 112, 113, 114])
    #expect(ROCCalendar.parseYears("104-107年度") == [104, 105, 106, 107])
    #expect(ROCCalendar.parseYears("新竹縣政府行政處 114 年度施政計畫績效報告") == [114])
    let found = ROCCalendar.dates(in: "(一)114 年 4 月 16 日，課程… (二)112 年 6 月 17 日 … 104.7.3 與 10 月 4 日", defaultYear: 114)
    #expect(found.map(\.date.iso) == ["2025-04-16", "2023-06-17", "2015-07-03", "2025-10-04"])
  }

  @Test func namesAreSplit() {
    let a = LabeledName("一、推動文書作業資訊化(6%)")
    #expect(a.label == "一、" && a.name == "推動文書作業資訊化" && a.weight == 0.06 && a.ordinal == 1)
    let b = LabeledName("1. 各機關當年度經常門預算執行率(13%;無資本門者為20%)")
    #expect(b.label == "1." && b.weight == 0.13 && b.alternativeWeight == 0.20 && b.alternativeCondition == "無資本門者")
    let c = LabeledName("(2)法規研習場次")
    #expect(c.label == "(2)" && c.name == "法規研習場次" && c.ordinal == 2)
    let d = LabeledName("資訊設施管理維護與更新，便捷網路服務（業務成果）")
    #expect(d.category == "業務成果" && d.name == "資訊設施管理維護與更新，便捷網路服務" && d.label == nil)
    let e = LabeledName("(一) 推動與締盟城市之交流(5%)")
    #expect(e.label == "(一)" && e.weight == 0.05 && e.ordinal == 1)
    let f = LabeledName("2. 提升公務人員及聘僱人員客語認證完成率(人力)")
    #expect(f.category == "人力" && f.label == "2.")
    let g = LabeledName("1999 為民服務專線滿意度")
    #expect(g.label == nil && g.name == "1999 為民服務專線滿意度")
    #expect(ChineseNumerals.value("十二") == 12 && ChineseNumerals.value("二十") == 20 && ChineseNumerals.value("三十四") == 34)
  }
}
