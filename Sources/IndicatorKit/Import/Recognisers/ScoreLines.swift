// ScoreLines: scores a report states in prose lines — 「績效總分為 92.9 分」, a weighted part of the
// total announced by a heading (「二、施政績效具體事蹟分數：5%」) and its points (「…權分合計 4 分」).

/// 「績效總分為 92.9 分」, 「分數小計 88.9 分」: what is scored and the points.
enum StatedScoreLine: LineRecogniser {
  static func mayMatch(_ text: String) -> Bool { text.hasScalar("分") && (text.includes("總分") || text.includes("分數小計")) }

  static func read(_ text: String) -> (name: String, value: Double)? {
    let t = QuantityParser.normalize(text)
    guard let m = t.firstMatch(of: Patterns.statedScore), let v = Double(m.output.2) else { return nil }
    return (String(m.output.1), v)
  }
}

/// 「二、施政績效具體事蹟分數：5%」: a part of the total with its weight, named 「施政績效具體事蹟(5%)」.
enum ScorePartHeading: LineRecogniser {
  static func mayMatch(_ text: String) -> Bool { text.includes("分數") && (text.hasScalar("%") || text.hasScalar("％")) }

  static func read(_ text: String) -> String? {
    let t = QuantityParser.normalize(text)
    guard let m = t.firstMatch(of: Patterns.scorePart) else { return nil }
    return "\(m.output.1)(\(m.output.2)%)"
  }
}

/// 「權分合計 4 分」 under a score part's heading: the points it earned.
enum PointsTotalLine: LineRecogniser {
  static func mayMatch(_ text: String) -> Bool { text.includes("權分合計") }

  /// Not a facet's total (「核心業務面向權分合計 35 分」 closes a facet, not a score part).
  static func read(_ text: String) -> Double? {
    let t = QuantityParser.normalize(text)
    guard !t.includes("面向"), let m = t.firstMatch(of: Patterns.pointsTotal) else { return nil }
    return Double(m.output.1)
  }
}

/// A score table's header naming a facet and its weight: 「業務面(55%)」.
enum FacetWeightHeader: LineRecogniser {
  static func mayMatch(_ text: String) -> Bool { text.hasScalar("面") && (text.hasScalar("%") || text.hasScalar("％")) }

  static func read(_ text: String) -> (facet: String, weight: Double)? {
    let t = QuantityParser.normalize(text)
    guard let m = t.firstMatch(of: Patterns.facetWithWeight), let w = Double(m.output.2) else { return nil }
    return (String(m.output.1), w / 100)
  }
}

private enum Patterns {
  nonisolated(unsafe) static let statedScore = /(績效總分|分數小計|總分)\s*(?:為|：|:)?\s*(\d+(?:\.\d+)?)\s*分/
  nonisolated(unsafe) static let scorePart = /^(?:[一二三四五六七八九十]+\s*[、.．]\s*)?(.{2,20}?)分數\s*[：:]\s*(\d+(?:\.\d+)?)\s*%\s*$/
  nonisolated(unsafe) static let pointsTotal = /權分合計\s*(\d+(?:\.\d+)?)\s*分/
  nonisolated(unsafe) static let facetWithWeight = /^(.+?面)\s*[(（]\s*(\d+(?:\.\d+)?)\s*%\s*[)）]/
}
