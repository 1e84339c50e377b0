// QuarterWords: how quarters are named in quarterly reports — 季報, 「第2季」, 「第一季」, 「1-3月」,
// 「10~12月」 — in titles, sheet names and column headers.

/// Words that name a quarter.
enum QuarterWords {
  /// Whether a text names a quarter or a quarterly report.
  static func names(_ text: String) -> Bool {
    let t = QuantityParser.normalize(text)
    guard t.hasScalar("季") || t.hasScalar("月") else { return false }
    return t.includes("季報") || quarter(in: t) != nil || t.wholeMatch(of: Patterns.months) != nil
  }

  /// The quarter 「第N季」 names in a text, 1 to 4.
  static func quarter(in text: String) -> Int? {
    guard text.hasScalar("季"), let m = QuantityParser.normalize(text).firstMatch(of: Patterns.quarter) else { return nil }
    return Int(m.output.1) ?? ["一": 1, "二": 2, "三": 3, "四": 4][String(m.output.1)]
  }
}

private enum Patterns {
  nonisolated(unsafe) static let quarter = /第\s*([1-4一二三四])\s*季/
  nonisolated(unsafe) static let months = /\s*(?:1|4|7|10)\s*[-~～至]\s*(?:3|6|9|12)\s*月\s*/
}
