// TitleLine, AgencyLine, MetadataLine: the block above a table — 「新竹縣政府民政處」,
// 「114年度施政績效報告表」, 「填表單位：民政處」 「填報月份：114年12月」 「單位：%」 — merged or not,
// on one row or several, typed in full-width mode or not.

import Foundation

/// A document title: a year (or span of years) and a family word. 「基隆市政府綜合發展處中程施政計畫
/// （111 至 114 年度）」, 「１１４年度施政績效報告」.
enum TitleLine: LineRecogniser {
  struct Match: Equatable {
    /// The title as written.
    var title: String
    /// The ROC years it names.
    var years: [Int]
    /// The agency written before the year, if any.
    var agency: String?
  }

  /// Words that make a line with a year a title.
  static let familyWords = ["計畫", "計劃", "報告", "季報", "績效", "進度", "考核", "管制"]
  /// Family names that end an agency written before them.
  static let familyNames = ["中程施政計畫", "年度施政計畫", "施政計畫", "施政績效報告", "績效報告"]

  static func mayMatch(_ text: String) -> Bool {
    text.count <= 80 && text.hasScalar("年") && familyWords.contains { text.includes($0) }
  }

  static func read(_ text: String) -> Match? {
    guard text.count <= 80 else { return nil }  // a title, not a paragraph that names a plan and a year
    guard !text.includes("說明") else { return nil }  // 「114年度施政績效報告填表說明」 heads the instructions
    guard LabeledName.labelEnd(text) == nil else { return nil }  // 「七、114 年…計畫委託案」 heads a section
    let t = QuantityParser.normalize(text)
    guard familyWords.contains(where: { t.includes($0) }), let years = ImportValues.years(in: t), !years.isEmpty else { return nil }
    var match = Match(title: text.trimmed, years: years)
    if let m = t.firstMatch(of: Patterns.agencyBeforeYear) {
      var agency = String(m.output.1).trimmingCharacters(in: CharacterSet(charactersIn: " \t(（#"))
      for family in familyNames where agency.hasSuffix(family) {
        agency = String(agency.dropLast(family.count)).trimmedSpaces
        break
      }
      // A name, not the first digits of a year typed without an agency (「１１４年度…」).
      if agency.unicodeScalars.contains(where: { $0.value >= 0x3400 }), agency.unicodeScalars.first?.isRegexDigit == false {
        match.agency = agency
      }
    }
    return match
  }
}

/// An agency alone on a line above the table: 「新竹縣政府民政處」, 「臺北市政府工務局」.
enum AgencyLine: LineRecogniser {
  /// How agency names end.
  static let endings = ["政府", "處", "局", "所", "室", "會", "中心", "署", "院", "館", "隊", "公所", "府"]

  static func mayMatch(_ text: String) -> Bool {
    let n = text.count
    return n >= 3 && n <= 30 && endings.contains { text.hasSuffix($0) }
  }

  static func read(_ text: String) -> String? {
    let t = text.trimmed
    // A name, not a sentence: no digits, punctuation or spaces inside.
    guard (3...30).contains(text.count), endings.contains(where: { t.hasSuffix($0) }),
      !t.unicodeScalars.contains(where: { $0.isRegexDigit || "，。、：:；;()（）".unicodeScalars.contains($0) || $0.isBlank })
    else { return nil }
    return t
  }
}

/// A 「key：value」 line of the title block: 填表單位, 機關名稱, 填報月份, 填報期間, 單位.
enum MetadataLine: LineRecogniser {
  /// Keys whose value names the agency.
  static let agencyKeys = ["填表單位", "填報單位", "機關名稱", "單位名稱", "機關", "主辦機關", "局處名稱", "局處"]
  /// Other keys of a title block.
  static let otherKeys = ["填報月份", "填報期間", "填報日期", "資料期間", "統計期間", "報告期間", "資料截止日期", "資料日期",
                          "年度", "季別", "期別", "單位", "金額單位", "頁次"]

  struct Match: Equatable {
    var key: String
    var value: String
    /// Whether the value is the agency.
    var isAgency: Bool
  }

  private static let keys = (agencyKeys.map { ($0, true) } + otherKeys.map { ($0, false) }).sorted { $0.0.count > $1.0.count }
  private static let firstScalars = Set(keys.compactMap { $0.0.unicodeScalars.first })

  static func mayMatch(_ text: String) -> Bool {
    guard text.utf8.count <= 200, let first = text.unicodeScalars.first(where: { !$0.isBlank }) else { return false }
    return firstScalars.contains(first) && (text.hasScalar("：") || text.hasScalar(":"))
  }

  static func read(_ text: String) -> Match? {
    let t = text.trimmed
    for (key, isAgency) in keys where t.hasPrefix(key) {
      let rest = t.dropFirst(key.count).drop { $0 == " " || $0 == "\u{3000}" }
      guard let colon = rest.first, colon == "：" || colon == ":" else { continue }
      return Match(key: key, value: String(rest.dropFirst()).trimmed, isAgency: isAgency)
    }
    return nil
  }
}

private enum Patterns {
  nonisolated(unsafe) static let agencyBeforeYear = /^\s*(?:#\s*)?(.+?)\s*\d{2,3}\s*(?:[-–~至]\s*\d{2,3}\s*)?年/
}
