// FacetHeading: a line that starts a facet (面向) — 「一、核心業務面向：35%」, 「貳、共同面（50%）」,
// 「業務面（55%）」 — or a sheet named like one (業務面, 共同面).

/// A facet heading; the match is the facet it starts (name, label, weight).
enum FacetHeading: LineRecogniser {
  static func mayMatch(_ text: String) -> Bool {
    // The heading ends with 面 or 面向, then perhaps a weight: 「(35%)」, 「：35%」.
    guard text.hasScalar("面"), let end = text.unicodeScalars.last(where: { !$0.isBlank }) else { return false }
    return "面向%)）".unicodeScalars.contains(end)
  }

  static func read(_ text: String) -> Facet? {
    let t = QuantityParser.normalize(text)
    guard let m = t.firstMatch(of: Patterns.heading) else { return nil }
    if m.output.1 == nil && m.output.2.count > 8 { return nil }
    var facet = Facet(name: String(m.output.2))
    facet.label = m.output.1.map { String($0) + "、" }
    facet.weight = m.output.3.flatMap { Double($0) }.map { $0 / 100 }
    return facet
  }

  /// A sheet named like a facet: 「業務面」, 「共同面向」.
  static func fromSheetName(_ name: String) -> Facet? {
    let n = name.trimmedSpaces
    guard n.count <= 8, n.hasSuffix("面") || n.hasSuffix("面向") else { return nil }
    return Facet(name: n)
  }
}

private enum Patterns {
  nonisolated(unsafe) static let heading = /^(?:([一二三四五六七八九十壹貳參肆伍陸柒捌玖拾]+)\s*[、.．]\s*)?(.{1,16}?面向?)\s*(?:[(（:：]\s*(\d+(?:\.\d+)?)\s*%\s*[)）]?)?\s*$/
}
