// ScoreParts: what a report's stated scores are — a facet's score restated (「業務面(55%)」), the
// subtotal of the facets (分數小計), the total (總分), or a part of the total no indicator earns
// (「具體施政績效(5%)」, scored by a committee). The validator checks them and Scoring.total adds the
// last kind to the facets' computed scores, both through these.

extension StatedScore {
  /// Whether the name is the facets' subtotal (分數小計).
  public static func isSubtotal(_ name: String) -> Bool { name.includes("小計") }
}

extension Report {
  /// The facet a stated score names: 「業務面(55%)」, 「業務面分數」 and 「業務面向分數」 name 業務面.
  public func facetIndex(named name: String) -> Int? {
    // The name before its bracketed part: 「業務面(55%)」 → 業務面.
    var base = Substring(name)
    if let open = name.firstIndex(where: { $0 == "(" || $0 == "（" }) {
      base = name[..<open]
      while base.last?.isWhitespace == true { base.removeLast() }
    }
    return facets.firstIndex { f in
      guard let n = f.name, !n.isEmpty else { return false }
      return base == n || base == n + "分數" || base == n + "向分數" || base.starts(bytes: n)
    }
  }

  /// Stated scores that are neither totals, subtotals nor facets: parts of the total such as
  /// 具體施政績效(5%), with the weight their name gives.
  public var scoreParts: [(weight: Double?, score: StatedScore)] {
    (statedScores ?? []).compactMap { s in
      if StatedScore.isTotal(s.name) || StatedScore.isSubtotal(s.name) || facetIndex(named: s.name) != nil { return nil }
      let w = s.name.firstMatch(of: ScorePartPatterns.percentInName).flatMap { Double($0.output.1) }.map { $0 / 100 }
      return (w, s)
    }
  }
}

private enum ScorePartPatterns {
  nonisolated(unsafe) static let percentInName = /[(（]\s*(\d+(?:\.\d+)?)\s*%\s*[)）]/
}
