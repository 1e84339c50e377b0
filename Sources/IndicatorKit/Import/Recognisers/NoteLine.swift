// NoteLine: a note under or beside a table — 「註：本表數據統計至114年12月31日」, 「備註:…」, 「※…」,
// 「註1：…」.

/// A note line; the match is its text after the note word.
enum NoteLine: LineRecogniser {
  /// The built-in note words (a template may give its own).
  static let words = ["註", "備註", "說明", "附註", "資料來源"]

  static func mayMatch(_ text: String) -> Bool { mayMatch(text, words: words) }

  static func read(_ text: String) -> String? { read(text, words: words) }

  /// The quick test for `words`: the text starts with the first character of one, or with 「※」.
  static func mayMatch(_ text: String, words: [String]) -> Bool {
    guard let first = text.unicodeScalars.first(where: { !$0.isBlank }) else { return false }
    return first == "※" || words.contains { $0.unicodeScalars.first == first }
  }

  /// The quick test and the pattern, for `words`.
  static func match(_ text: String, words: [String]) -> String? {
    mayMatch(text, words: words) ? read(text, words: words) : nil
  }

  /// The note's body after one of `words` and a colon (「註1：」, 「註一：」 too), or after 「※」.
  static func read(_ text: String, words: [String]) -> String? {
    let t = text.trimmed
    if t.hasPrefix("※") { return String(t.dropFirst()).trimmed }
    for word in words where t.hasPrefix(word) {
      var rest = Substring(t.dropFirst(word.count))
      rest = rest.drop { $0.isNumber || "一二三四五六七八九十()（）".contains($0) }
      guard let colon = rest.first, colon == "：" || colon == ":" else { continue }
      return String(rest.dropFirst()).trimmed
    }
    return nil
  }
}
