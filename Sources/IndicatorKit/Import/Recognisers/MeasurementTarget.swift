// MeasurementTarget: the target a measurement standard states — 「…年度目標值 65%。計算公式：…」,
// 「目標值：3,000人次」 — for plans whose table has no target column.

/// The quantity after 「目標值」 in a measurement standard.
enum MeasurementTarget: LineRecogniser {
  static func mayMatch(_ text: String) -> Bool { text.includes("目標值") }

  static func read(_ text: String) -> Quantity? {
    guard let m = QuantityParser.normalize(text).firstMatch(of: Patterns.target) else { return nil }
    let q = QuantityParser.parse(String(m.output.1))
    return q.number == nil ? nil : q
  }
}

private enum Patterns {
  nonisolated(unsafe) static let target = /目標值\s*(?:為|：|:)?\s*([^。；;，\n]+)/
}
