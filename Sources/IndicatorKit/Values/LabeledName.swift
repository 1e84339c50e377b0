// LabeledName: splits 「一、推動文書作業資訊化(6%)」 into its label, name, weight and category tag.

import Foundation

/// A goal's or indicator's name as written, split into its parts.
public struct LabeledName: Sendable, Hashable {
  /// The list label: 「一、」, 「(一)」, 「1.」, 「(1)」, 「1、」.
  public var label: String?
  /// The name without label, weight or tag.
  public var name: String
  /// The weight written inside the name, as a fraction: 「(6%)」 → 0.06.
  public var weight: Double?
  /// A weight the name gives for another case: 「(13%;無資本門者為20%)」 → 0.20.
  public var alternativeWeight: Double?
  /// What the alternative applies to: 「無資本門者」.
  public var alternativeCondition: String?
  /// A category tag: 「(業務成果)」, 「（行政效率）」, 「(人力)」, 「(經費)」, 「(性別平等)」.
  public var category: String?

  /// Category tags seen in the field.
  public static let knownCategories: Set<String> = [
    "業務成果", "行政效率", "財務管理", "組織學習", "人力", "經費", "其他", "性別平等", "加分", "加分項目",
  ]

  /// Splits a name.
  public init(_ text: String) {
    var s = QuantityParser.normalize(text)
    if s.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) {
      s = String(String.UnicodeScalarView(s.unicodeScalars.filter { $0 != "\n" && $0 != "\r" }))
    }
    // The expressions below need a closing bracket at the end, or a label at the start.
    let closes = s.unicodeScalars.last(where: { !$0.isBlank }).map { $0 == ")" || $0 == "）" } ?? false
    // Weight at the end: (6%), （6%）, (13%;無資本門者為20%)
    if closes, s.hasScalar("%"), let m = s.firstMatch(of: Patterns.weightSuffix) {
      weight = Double(m.output.1).map { $0 / 100 }
      if let alt = m.output.3, let v = Double(alt) {
        alternativeWeight = v / 100
        alternativeCondition = m.output.2.map(String.init)
      }
      s = String(s[..<m.range.lowerBound])
    }
    // Category tag at the end: (業務成果), （人力）
    if closes, let m = s.firstMatch(of: Patterns.categorySuffix),
      LabeledName.knownCategories.contains(String(m.output.1))
    {
      category = String(m.output.1)
      s = String(s[..<m.range.lowerBound])
    }
    // Label at the start.
    if let end = LabeledName.labelEnd(s) {
      label = s[..<end].trimmedSpaces
      s = String(s[end...])
    }
    // A colon at the end introduces what follows (「健全機關文書檔案管理：」); it is not the name's.
    var n = s.trimmedSpaces
    while n.ends(bytes: "：") || n.ends(bytes: ":") { n = String(n.dropLast()).trimmedSpaces }
    name = n
  }

  /// Where the list label at the start of `s` ends (after the spaces that follow it), or nil
  /// without one: 「(一)」, 「一、」, 「(1)」, 「1、」, 「1.」 (not 「1.5」), 「1-2 」. A scan of the
  /// scalars that finds what the expressions in `Patterns.labels` find, tried in their order; text
  /// with characters of several scalars goes to the expressions, whose view of characters differs
  /// there.
  static func labelEnd(_ s: String) -> String.Index? {
    let u = s.unicodeScalars
    guard s.isPlain else { return labelEndByExpression(s) }
    let end = u.endIndex
    func blanks(_ i: String.Index) -> String.Index {
      var j = i
      while j < end && u[j].isBlank { j = u.index(after: j) }
      return j
    }
    func one(_ i: String.Index, _ set: String) -> String.Index? {
      i < end && set.unicodeScalars.contains(u[i]) ? u.index(after: i) : nil
    }
    func numerals(_ i: String.Index) -> String.Index? {
      var j = i
      while j < end && "一二三四五六七八九十百".unicodeScalars.contains(u[j]) { j = u.index(after: j) }
      return j == i ? nil : j
    }
    // One to three digits, and no fourth right after (\d{1,3} must then meet a non-digit).
    func digits(_ i: String.Index) -> String.Index? {
      var j = i, n = 0
      while j < end && u[j].isRegexDigit { j = u.index(after: j); n += 1 }
      return n >= 1 && n <= 3 ? j : nil
    }
    let start = blanks(u.startIndex)
    // (一)
    if let a = one(start, "(（"), let b = numerals(blanks(a)), let c = one(blanks(b), ")）") { return blanks(c) }
    // 一、
    if let b = numerals(start), let c = one(blanks(b), "、.．") { return blanks(c) }
    // (1)
    if let a = one(start, "(（"), let b = digits(blanks(a)), let c = one(blanks(b), ")）") { return blanks(c) }
    if let b = digits(start) {
      let afterDigits = blanks(b)
      // 1、
      if let c = one(afterDigits, "、．") { return blanks(c) }
      // 1. (not 1.5; but 「3.四癌篩檢」, whose 四 has a numeric value, is labelled)
      if let c = one(afterDigits, "."), !(c < end && (0x30...0x39).contains(u[c].value)) { return blanks(c) }
      // 1-2 and a space
      if let c = one(b, "-"), let d = digits(c), d < end && u[d].isBlank { return blanks(d) }
    }
    return nil
  }

  /// ``labelEnd(_:)`` by the regular expressions: the definition the scan follows.
  static func labelEndByExpression(_ s: String) -> String.Index? {
    for r in Patterns.labels {
      if let m = s.prefixMatch(of: r) { return m.range.upperBound }
    }
    return nil
  }

  /// The label's position as a number: 「三、」 → 3, 「(2)」 → 2; nil without a label.
  public var ordinal: Int? {
    guard let label else { return nil }
    let core = label.filter { !"()（）、.．- ".contains($0) }
    if let n = Int(core) { return n }
    return ChineseNumerals.value(core)
  }
}

/// Chinese numerals as used in list labels (一 … 九十九).
public enum ChineseNumerals {
  /// The value of 「一」…「九十九」 (and 「百」); nil for anything else.
  public static func value(_ s: String) -> Int? {
    let digits: [Character: Int] = ["一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
    if s == "百" { return 100 }
    if s == "十" { return 10 }
    let chars = Array(s)
    if chars.count == 1 { return digits[chars[0]] }
    if chars.count == 2 && chars[0] == "十" { return digits[chars[1]].map { 10 + $0 } }
    if chars.count == 2 && chars[1] == "十" { return digits[chars[0]].map { $0 * 10 } }
    if chars.count == 3 && chars[1] == "十", let a = digits[chars[0]], let b = digits[chars[2]] { return a * 10 + b }
    return nil
  }
}

/// The file's regular expressions, compiled once: a regex literal is parsed again each time it is
/// evaluated, which made the importer spend most of its time parsing patterns. Matching a shared
/// `Regex` from several threads is safe (its compiled program is initialised atomically), hence
/// `nonisolated(unsafe)`.
private enum Patterns {
  nonisolated(unsafe) static let weightSuffix = /[(（]\s*(?:權重|配分)?\s*[:：]?\s*(\d+(?:\.\d+)?)\s*%\s*(?:[;；,，]\s*([^()（）]*?)\s*為\s*(\d+(?:\.\d+)?)\s*%)?\s*[)）]\s*$/
  nonisolated(unsafe) static let categorySuffix = /[(（]\s*([^()（）]{1,8})\s*[)）]\s*$/
  nonisolated(unsafe) static let labels: [Regex<Substring>] = [
    /^\s*[(（]\s*[一二三四五六七八九十百]+\s*[)）]\s*/,
    /^\s*[一二三四五六七八九十百]+\s*[、.．]\s*/,
    /^\s*[(（]\s*\d{1,3}\s*[)）]\s*/,
    /^\s*\d{1,3}\s*[、．]\s*/,
    /^\s*\d{1,3}\s*\.(?![0-9])\s*/,
    /^\s*\d{1,3}-\d{1,3}\s+/,
  ]
}
