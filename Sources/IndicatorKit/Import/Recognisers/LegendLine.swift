// LegendLine: the code legend under a plan's table — 「＊管考方式代碼：1.工程列管 2.基本設施列管 …」,
// 「評估體制之數字代號意義如下：」 and the numbered lines under it.

/// A legend's first line: what it explains and the rest of the line.
enum LegendLine: LineRecogniser {
  /// The columns whose codes a legend explains.
  static let keys = ["管考方式代碼", "管考代碼", "評估體制", "評估方式", "代碼說明"]

  struct Match: Equatable {
    /// The legend's key as ``keys`` names it (「管考方式代碼」 is 管考代碼).
    var key: String
    /// The text after the colon.
    var body: String
  }

  static func mayMatch(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first(where: { !$0.isBlank }), "＊*※管評代".unicodeScalars.contains(first) else {
      return false
    }
    return (text.hasScalar("：") || text.hasScalar(":")) && (text.includes("代碼") || text.includes("評估"))
  }

  static func read(_ text: String) -> Match? {
    let t = String(text.trimmed.drop { "＊*※".contains($0) }).trimmed
    for key in keys where t.hasPrefix(key) {
      guard let colon = t.firstIndex(where: { $0 == "：" || $0 == ":" }) else { continue }
      let name = key == "管考方式代碼" ? "管考代碼" : key
      return Match(key: name, body: String(t[t.index(after: colon)...]).trimmed)
    }
    return nil
  }

  /// The codes a legend's text lists: 「1.工程列管 2.基本設施列管」 → ["1": "工程列管", "2": "基本設施列管"].
  static func entries(_ text: String) -> [String: String] {
    var out: [String: String] = [:]
    let t = QuantityParser.normalize(text)
    let marks = t.matches(of: Patterns.code)
    for (i, m) in marks.enumerated() {
      let end = i + 1 < marks.count ? marks[i + 1].range.lowerBound : t.endIndex
      let value = String(t[m.range.upperBound..<end]).trimmed
      if !value.isEmpty { out[String(m.output.1)] = value }
    }
    return out
  }
}

private enum Patterns {
  nonisolated(unsafe) static let code = /(?:^|\s)(\d)\s*[.、．]\s*/
}
