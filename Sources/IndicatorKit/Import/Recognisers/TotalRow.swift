// TotalRow: 合計, 小計, 總計, 權分合計 rows — the totals of the columns they sit under, typed or a
// formula's cached value. A weight column's total is a weight total and a points column's a points
// total; such a row is never an indicator.

/// A text that makes its row a total row; the match is the total word.
struct TotalRow {
  /// The words, as a template gives them (`TemplateSpec.totals` by default).
  let words: [String]
  private let index: WordIndex<Void>
  private let firstScalars: Set<Unicode.Scalar>

  init(words: [String]) {
    self.words = words
    index = WordIndex(words.map { ($0, ()) }, byLastByte: false)
    firstScalars = Set(words.compactMap { $0.unicodeScalars.first })
  }

  func mayMatch(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first(where: { !$0.isBlank }) else { return false }
    return firstScalars.contains(first) || Self.shortTotal(text) != nil
  }

  /// 「權重合計」, 「業務面小計」: a short text (eight characters at most) ending with a total word.
  static func shortTotal(_ text: String) -> String? {
    guard text.utf8.count <= 24, text.unicodeScalars.last == "計" else { return nil }  // 8 CJK characters
    return endings.first { text.ends(bytes: $0) }
  }

  private static let endings = ["合計", "小計", "總計"]

  /// The total word `text` starts with; spaces inside are ignored (「合　計」, 「小 計」).
  func read(_ text: String) -> String? {
    if let (word, _) = index.first(startingAt: text) { return word }
    if let end = Self.shortTotal(text) { return end }
    guard text.unicodeScalars.contains(where: \.isBlank) else { return nil }
    let squeezed = String(String.UnicodeScalarView(text.unicodeScalars.filter { !$0.isBlank }))
    return index.first(startingAt: squeezed)?.0
  }

  func match(_ text: String) -> String? { mayMatch(text) ? read(text) : nil }

  /// Whether the row's texts make it a total row: one starts with a total word, and none is a
  /// long labelled name (an indicator whose name mentions a total).
  func isTotal(_ texts: [String]) -> Bool {
    texts.contains { match($0) != nil } && !texts.contains { LabeledName($0).label != nil && $0.count > 6 }
  }
}
