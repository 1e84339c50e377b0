// Every target and actual string of the five seed documents (../shared/seeds), with its reading.

import Testing
@testable import IndicatorKit

/// One expected reading: number (fractions for percentages), unit, comparator, direction, or why
/// the text is unreadable.
struct Reading: Sendable, CustomStringConvertible {
  var text: String
  var number: Double?
  var unit: String?
  var comparator: Comparator?
  var direction: Direction?
  var unreadable: Bool = false
  var description: String { text }
}

private func r(_ text: String, _ number: Double?, _ unit: String? = nil, _ comparator: Comparator? = nil,
               _ direction: Direction? = nil) -> Reading {
  Reading(text: text, number: number, unit: unit, comparator: comparator, direction: direction)
}

private func unreadable(_ text: String) -> Reading {
  Reading(text: text, number: nil, unreadable: true)
}

/// 001 新竹縣 114 績效報告: 原定目標值 and 達成目標值.
let seed001: [Reading] = [
  r("100%", 1.0, "%"), r("2 場次", 2, "場次"), r("3 場次", 3, "場次"), r("400 項", 400, "項"), r("460 項", 460, "項"),
  r("75%", 0.75, "%"), r("87%", 0.87, "%"), r("91.9%", 0.919, "%"), r("2 次", 2, "次"), r("37%", 0.37, "%"),
  r("40%", 0.40, "%"), r("3 次", 3, "次"), r("4 次", 4, "次"), r("20 個", 20, "個"), r("29 個", 29, "個"),
  r("6 場次", 6, "場次"), r("9 場次", 9, "場次"), r("4 家", 4, "家"), r("8 家", 8, "家"), r("1 次", 1, "次"),
  r("59.36 %", 0.5936, "%"), r("57.69 %", 0.5769, "%"), r("85%", 0.85, "%"), r("87.18 %", 0.8718, "%"),
  r("97%", 0.97, "%"), r("99.69 %", 0.9969, "%"), r("74%", 0.74, "%"), r("90.70 %", 0.907, "%"),
  r("1 件數", 1, "件數"),
]

/// 004 嘉義市 104 績效報告: 原訂目標值 and 達成目標值.
let seed004: [Reading] = [
  r("100%", 1.0, "%"), r("≥5", 5, nil, .atLeast, .higher), r("8", 8), r("19.5%", 0.195, "%"), r("250", 250),
  r("403", 403), r("20", 20), r("73", 73), r("3", 3), r("4", 4), r("2", 2), r("120,000", 120_000),
  r("146,746", 146_746), r("100,000", 100_000), r("153,695", 153_695), r("85%以上", 0.85, "%", .atLeast, .higher),
  r("5案以上", 5, "案", .atLeast, .higher), r("8案", 8, "案"), r("70%", 0.70, "%"), r("63%", 0.63, "%"),
  r("82%", 0.82, "%"), r("50%", 0.50, "%"),
  r("本府各處40歲以上公務人員健康檢查達成率 $\\geq 75\\%$", 0.75, "%", .atLeast, .higher),
  r("本府各處正、副一級主管健康檢查達成率 $\\geq 50\\%$", 0.50, "%", .atLeast, .higher),
  r("執行率80%", 0.80, "%"), r("86.43", 86.43), r("93.94", 93.94), r("0", 0),
  unreadable("-------"),
]

/// 003 桃園市秘書處 107 年度施政計畫: 107 年度目標值 (and a 備註 amount).
let seed003: [Reading] = [
  r("6 次", 6, "次"), r("20 團", 20, "團"), r("1 冊", 1, "冊"), r("1 場", 1, "場"), r("80 則", 80, "則"),
  r("2 城市", 2, "城市"), r("100 人", 100, "人"), r("95%", 0.95, "%"), r("58 個", 58, "個"), r("100%", 1.0, "%"),
  r("80%", 0.80, "%"), r("75%", 0.75, "%"), r("45%", 0.45, "%"), r("24 人", 24, "人"),
  r("總經費 45,800 千元", 45_800, "千元"),
]

/// 002 基隆市 111–114 中程施政計畫: 年度績效目標值.
let seed002: [Reading] = [
  r("12次", 12, "次"), r("1次", 1, "次"), r("2次", 2, "次"), r("1式", 1, "式"), r("100%", 1.0, "%"),
  r("80%", 0.80, "%"), r("82%", 0.82, "%"), r("1冊", 1, "冊"), r("1場次", 1, "場次"), r("4次", 4, "次"),
  r("16次", 16, "次"), r("2天", 2, "天"), r("110500 件", 110_500, "件"), r("111000 件", 111_000, "件"),
  r("111500 件", 111_500, "件"), r("120000 件", 120_000, "件"), r("2%", 0.02, "%"), r("0%", 0, "%"),
]

/// 000 新竹市行政處 108 年度施政計畫: targets written inside 衡量標準.
let seed000: [Reading] = [
  r("年度目標值 65%", 0.65, "%"), r("佔年度量計 5%", 0.05, "%"), r("年度完成歸檔案件達 95%", 0.95, "%"),
  r("80%之案件於移案後 3 個工作天內辦理上網公告", 0.80, "%"),
  r("廳舍消防安檢 1次", 1, "次"), r("每月20秒內接通率85%以上", 0.85, "%", .atLeast, .higher),
  r("每月滿意度達 85%以上", 0.85, "%", .atLeast, .higher), r("每週召開工程進度管控會議，約40次", 40, "次"),
  r("依合約規定完工日列管，完工率80%", 0.80, "%"), r("按季稽催 4次", 4, "次"), r("達成率 80%", 0.80, "%"),
  r("年度內辦理 1次考核", 1, "次"), r("召開會議 4次", 4, "次"), r("裁示事項完成率 80%", 0.80, "%"),
  r("彙整 12次", 12, "次"), r("每月召開 2次智慧城市相關會議", 2, "次"), r("推動 2項智慧城市項目", 2, "項"),
  r("整合收納 3個以上府內外機關單位資料", 3, "個", .atLeast, .higher), r("提供 150個 5Mbps速率之免費無線上網服務熱點", 150, "個"),
  r("汰換老舊個人電腦約 140台", 140, "台"), r("全年共計刊登 12 次以上", 12, "次", .atLeast, .higher),
  r("全年共計託播 6,000秒以上", 6_000, "秒", .atLeast, .higher),
  r("全年共計託播 2,000 檔次以上", 2_000, "檔次", .atLeast, .higher),
  r("全年共計貼文 240則以上", 240, "則", .atLeast, .higher), r("每年各項作業錯誤率低於 1%", 0.01, "%", .lessThan, .lower),
  r("達成率 100%", 1.0, "%"),
  // Deadlines: a bound on time, earlier is better.
  r("2月8日前完成", nil, nil, .atMost, .lower), r("3月31日前完成", nil, nil, .atMost, .lower),
  r("12 月 31 日前完成", nil, nil, .atMost, .lower), r("每月 10 日前彙整", nil, nil, .atMost, .lower),
  r("8 月底前辦理", nil, nil, .atMost, .lower), r("11 月底前辦理", nil, nil, .atMost, .lower),
  r("7日內辦理完成", 7, "日", .atMost, .lower), r("60 日內召開法規審查會議", 60, "日", .atMost, .lower),
  r("3個月內依限完成審查", 3, "個月", .atMost, .lower), r("2個月內", 2, "個月", .atMost, .lower),
  r("107 年底前完成廳舍整修工程", nil, nil, .atMost, .lower),
  unreadable("辦理次數"), unreadable("定期保養維護次數"),
]

@Suite struct QuantityGrammarTests {
  @Test(arguments: seed001 + seed004 + seed003 + seed002 + seed000)
  func readsLikeAPerson(_ e: Reading) {
    let q = Quantity(text: e.text)
    #expect(q.text == e.text)
    if e.unreadable {
      #expect(q.unreadable != nil, "\(e.text) should be unreadable, got \(String(describing: q.number))")
      #expect(q.number == nil)
      return
    }
    if let n = e.number {
      #expect(q.number.map { abs($0 - n) < 1e-9 } == true, "\(e.text): \(String(describing: q.number)) ≠ \(n)")
    } else if q.deadline == nil {
      #expect(q.number == nil, "\(e.text): \(String(describing: q.number))")
    }
    #expect(q.unit == e.unit, "\(e.text): unit \(String(describing: q.unit))")
    #expect(q.comparator == e.comparator, "\(e.text): comparator \(String(describing: q.comparator))")
    #expect(q.direction == e.direction, "\(e.text): direction \(String(describing: q.direction))")
    if e.number != nil || e.direction != nil { #expect(q.unreadable == nil, "\(e.text): \(q.unreadable ?? "")") }
  }

  @Test func deadlinesAreRead() {
    #expect(Quantity(text: "2月8日前完成").deadline == Deadline(month: 2, day: 8))
    #expect(Quantity(text: "每月 10 日前彙整").deadline == Deadline(day: 10, everyMonth: true))
    #expect(Quantity(text: "8 月底前辦理").deadline == Deadline(month: 8, endOfMonth: true))
    #expect(Quantity(text: "107 年底前完成").deadline == Deadline(month: 12, day: 31, year: 107))
    #expect(Quantity(text: "3 個工作天內").deadline?.within == Deadline.Period(count: 3, unit: "workday"))
  }

  @Test func milestoneLadders() throws {
    let q = Quantity(text: "1.完成委託 25% 2.完成招標 50% 3.工程完工 75% 4.驗收 100%")
    let steps = try #require(q.milestones)
    #expect(steps.map(\.label) == ["完成委託", "完成招標", "工程完工", "驗收"])
    #expect(steps.map(\.share) == [0.25, 0.5, 0.75, 1.0])
    #expect(q.unreadable == nil)
  }

  @Test func fullWidthAndSigns() {
    let q = Quantity(text: "≧８５％")
    #expect(q.number == 0.85 && q.unit == "%" && q.comparator == .atLeast)
    #expect(Quantity(text: "＜３件").comparator == .lessThan)
    #expect(Quantity(text: "不超過 2 天").comparator == .atMost)
    #expect(Quantity(text: "80%~90%").number == 0.8)
    #expect(Quantity(text: "80%~90%").upper == 0.9)
    #expect(Quantity(text: "80-90%").number == 0.8)
    #expect(Quantity(text: "3至5場").upper == 5)
    #expect(Quantity(text: "三場").number == 3)
    #expect(Quantity(text: "兩場次").unit == "場次")
    #expect(Quantity(text: "一百零五件").number == 105)
    #expect(Quantity(text: "5萬人次").number == 50_000)
    #expect(Quantity(text: "1.2億元").number == 120_000_000)
    #expect(Quantity(text: "零").number == 0)
    #expect(Quantity(text: "統一發票").number == nil)
  }

  @Test func qualifiersAreKept() {
    #expect(Quantity(text: "執行率80%").qualifier == "執行率")
    #expect(Quantity(text: "約40次").qualifier == "約")
  }
}
