// ChineseNumbers: numbers written in Chinese in targets and actuals — 「三場」, 「兩場次」,
// 「一百二十件」, 「一千八百檔次」, 「零」 — and the 萬/億 multipliers — 「5萬人次」, 「2.5萬」,
// 「1.2億元」 — turned into Arabic digits before the value grammar reads them.

/// Rewriting Chinese numerals and multipliers as digits.
enum ChineseNumbers {
  static let digits: [Character: Int] = [
    "〇": 0, "零": 0, "一": 1, "二": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
  ]
  static let smallUnits: [Character: Int] = ["十": 10, "百": 100, "千": 1000]
  static let bigUnits: [Character: Int] = ["萬": 10_000, "億": 100_000_000]

  /// Whether a text may hold anything to rewrite (most values do not).
  static func mayRewrite(_ s: String) -> Bool {
    s.unicodeScalars.contains { $0.value >= 0x3007 && numeralScalars.contains($0) }
  }

  private static let numeralScalars = Set("〇零一二兩三四五六七八九十百千萬億".unicodeScalars)

  /// `s` with each number written in Chinese (at the start, or after a space or a comparator
  /// word, and before a unit, a comparator word or the end) in digits, and each 「N萬」/「N億」
  /// multiplied out. Text that is not a number (「統一發票」, 「一式」 aside) is left as it is.
  static func rewrite(_ s: String) -> String {
    guard mayRewrite(s) else { return s }
    var out = ""
    let chars = Array(s)
    var i = 0
    while i < chars.count {
      // 「5萬」, 「2.5萬」, 「9,600萬」: an Arabic number times 萬 or 億.
      if chars[i].isASCII && chars[i].isNumber {
        var j = i
        while j < chars.count && (chars[j].isASCII && chars[j].isNumber || chars[j] == "." || chars[j] == ",") { j += 1 }
        if j < chars.count, let m = bigUnits[chars[j]], let v = Double(String(chars[i..<j]).filter { $0 != "," }),
          !(j + 1 < chars.count && chars[j + 1].isASCII && chars[j + 1].isNumber)
        {
          out += Quantity.plainText(v * Double(m))
          i = j + 1
          continue
        }
        out += String(chars[i..<j])
        i = j
        continue
      }
      if isNumeral(chars[i]), standsBefore(chars, i) {
        var j = i
        while j < chars.count && isNumeral(chars[j]) { j += 1 }
        if let v = value(Array(chars[i..<j])), standsAfter(chars, j) {
          out += Quantity.plainText(Double(v))
          i = j
          continue
        }
      }
      out.append(chars[i])
      i += 1
    }
    return out
  }

  static func isNumeral(_ c: Character) -> Bool { digits[c] != nil || smallUnits[c] != nil || bigUnits[c] != nil }

  /// A number starts the text, or follows a space, a digit-free comparator word or punctuation.
  private static func standsBefore(_ chars: [Character], _ i: Int) -> Bool {
    guard i > 0 else { return true }
    // 「45,800 千元」: after a number, 千 and 萬 name the unit.
    if let previous = chars[..<i].last(where: { !$0.isWhitespace }), previous.isASCII && previous.isNumber { return false }
    let before = String(chars[max(0, i - 2)..<i])
    return chars[i - 1].isWhitespace || "：:為達共計約≥≤><=（(".contains(chars[i - 1])
      || ["至少", "以上", "不低於", "不少於", "不超過", "低於", "超過", "未滿", "少於", "多於", "大於", "小於"].contains { before.hasSuffix($0) }
  }

  /// A number ends the text, or comes before a space, punctuation, a comparator word or a unit.
  private static func standsAfter(_ chars: [Character], _ j: Int) -> Bool {
    guard j < chars.count else { return true }
    let rest = String(chars[j...])
    if chars[j].isWhitespace || "%％，,。；;)）".contains(chars[j]) { return true }
    if ["以上", "以下", "以內", "之內"].contains(where: { rest.hasPrefix($0) }) { return true }
    return QuantityParser.units.contains { rest.hasPrefix($0) }
  }

  /// The value of a run of numerals: 「一百二十」 120, 「一百零五」 105, 「十二」 12, 「兩」 2,
  /// 「五萬」 50,000, 「一千八百」 1,800; nil for a run that is no number (「十十」).
  static func value(_ run: [Character]) -> Int? {
    // 「千元」, 「萬元」 are units: a number has a digit, or starts with 十 (「十二次」).
    guard run.contains(where: { digits[$0] != nil }) || run.first == "十" else { return nil }
    var total = 0, section = 0, digit: Int?
    var lastSmall = Int.max, lastBig = Int.max
    for c in run {
      if let d = digits[c] {
        if digit != nil && d != 0 { return nil }  // 「二三」 is no number
        digit = d == 0 ? nil : d
      } else if let u = smallUnits[c] {
        guard u < lastSmall else { return nil }
        section += (digit ?? 1) * u
        digit = nil
        lastSmall = u
      } else if let u = bigUnits[c] {
        guard u < lastBig else { return nil }
        total += (section + (digit ?? 0)) * u
        section = 0
        digit = nil
        lastSmall = Int.max
        lastBig = u
      }
    }
    return total + section + (digit ?? 0)
  }
}
