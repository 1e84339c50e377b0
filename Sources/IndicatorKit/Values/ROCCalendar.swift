// ROCCalendar: Republic of China (民國) years and dates, as written in plans and reports.

import Foundation

/// A date in the ROC calendar (民國 114 年 4 月 16 日 is 2025-04-16). Month and day may be absent
/// for a year or a month.
public struct ROCDate: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The ROC year (民國年): Gregorian year − 1911.
  public var year: Int
  /// The month, 1–12.
  public var month: Int?
  /// The day, 1–31.
  public var day: Int?

  /// Creates a date; nil when month or day is out of range.
  public init?(year: Int, month: Int? = nil, day: Int? = nil) {
    if let month, !(1...12).contains(month) { return nil }
    if let day {
      guard let month, (1...ROCCalendar.daysIn(month: month, rocYear: year)).contains(day) else { return nil }
    }
    self.year = year
    self.month = month
    self.day = day
  }

  /// The Gregorian year.
  public var gregorianYear: Int { ROCCalendar.gregorian(year) }

  /// ISO 8601 in the Gregorian calendar: `2025-04-16`, `2025-04` or `2025`.
  public var iso: String {
    var s = String(gregorianYear)
    if let month { s += "-" + (month < 10 ? "0" : "") + String(month) }
    if let day { s += "-" + (day < 10 ? "0" : "") + String(day) }
    return s
  }

  /// As written in Taiwan: 「114年4月16日」.
  public var description: String {
    var s = "\(year)年"
    if let month { s += "\(month)月" }
    if let day { s += "\(day)日" }
    return s
  }

  public static func < (a: ROCDate, b: ROCDate) -> Bool {
    (a.year, a.month ?? 0, a.day ?? 0) < (b.year, b.month ?? 0, b.day ?? 0)
  }
}

/// A date found in a text, with where it stands.
public struct FoundDate: Sendable, Hashable {
  /// The date.
  public var date: ROCDate
  /// The text as written.
  public var text: String
}

/// Conversions and parsing for ROC years and dates.
public enum ROCCalendar {
  /// The Gregorian year of an ROC year: 114 → 2025.
  public static func gregorian(_ rocYear: Int) -> Int { rocYear + 1911 }

  /// The ROC year of a Gregorian year: 2025 → 114.
  public static func roc(_ gregorianYear: Int) -> Int { gregorianYear - 1911 }

  /// Days in a month of an ROC year.
  public static func daysIn(month: Int, rocYear: Int) -> Int {
    let y = gregorian(rocYear)
    switch month {
    case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Parses one date written as 「114 年 4 月 16 日」, 「113/03/31」, 「113.3.31」, 「113-3-31」,
  /// 「1130331」 or 「民國113年3月」; nil for anything else.
  public static func parseDate(_ text: String) -> ROCDate? {
    let s = QuantityParser.normalize(text).replacingOccurrences(of: "民國", with: "")
      .trimmingCharacters(in: .whitespaces)
    if let m = s.wholeMatch(of: Patterns.yearMonthDay) {
      return ROCDate(year: Int(m.output.1) ?? 0, month: Int(m.output.2), day: m.output.3.flatMap { Int($0) })
    }
    if let m = s.wholeMatch(of: Patterns.slashed) {
      return ROCDate(year: Int(m.output.1) ?? 0, month: Int(m.output.2), day: Int(m.output.3))
    }
    if let m = s.wholeMatch(of: Patterns.compact) {
      return ROCDate(year: Int(m.output.1) ?? 0, month: Int(m.output.2), day: Int(m.output.3))
    }
    return nil
  }

  /// The ROC years a text names: 「113年度」 → [113]; 「111 至 114 年度」, 「104-107年度」,
  /// 「（111 至 114 年度）」 → [111, 112, 113, 114]; 「民國 108 年」 → [108].
  public static func parseYears(_ text: String) -> [Int] {
    let s = QuantityParser.normalize(text)
    if let m = s.firstMatch(of: Patterns.yearRange) {
      if let a = Int(m.output.1), let b = Int(m.output.2), a <= b, b - a < 20 { return Array(a...b) }
    }
    if let m = s.firstMatch(of: Patterns.year), let y = Int(m.output.1), y >= 50, y <= 200 {
      return [y]
    }
    return []
  }

  /// Every full date (year, month and day) written in a narrative, in ROC form: 「114 年 4 月 16 日」,
  /// 「112/6/17」, 「104.7.3」. Dates whose year is missing (「10 月 4 日」) take `defaultYear` when given.
  public static func dates(in text: String, defaultYear: Int? = nil) -> [FoundDate] {
    var out: [FoundDate] = []
    // Each expression needs some of these characters; most narratives have no date at all.
    // (A slashed date has two separators: 「113/5/20」, 「113.5.20」; 「88.79%」 has one. Looked
    // for before normalising, which turns the full-width ． into one.)
    var year = false, month = false, day = false, separators = 0
    for c in text.unicodeScalars {
      switch c {
      case "年": year = true
      case "月": month = true
      case "日": day = true
      case "/", ".", "．": separators += 1
      default: continue
      }
    }
    let separator = separators >= 2
    guard (month && day) || separator else { return out }
    let s = QuantityParser.normalize(text)
    var covered: [Range<String.Index>] = []
    for m in year && month && day ? s.matches(of: Patterns.fullDate) : [] {
      if let d = ROCDate(year: Int(m.output.1) ?? 0, month: Int(m.output.2), day: Int(m.output.3)) {
        out.append(FoundDate(date: d, text: String(s[m.range])))
        covered.append(m.range)
      }
    }
    func standsAlone(_ r: Range<String.Index>) -> Bool {
      guard r.lowerBound > s.startIndex else { return true }
      let c = s[s.index(before: r.lowerBound)]
      return !(c.isNumber || c == "." || c == "/")
    }
    for m in separator ? s.matches(of: Patterns.slashedDate) : [] where standsAlone(m.range) {
      if let d = ROCDate(year: Int(m.output.1) ?? 0, month: Int(m.output.2), day: Int(m.output.3)), d.year >= 60 {
        out.append(FoundDate(date: d, text: String(s[m.range])))
        covered.append(m.range)
      }
    }
    if let defaultYear, month && day {
      for m in s.matches(of: Patterns.monthDay)
      where !covered.contains(where: { $0.overlaps(m.range) }) && standsAlone(m.range) {
        if let d = ROCDate(year: defaultYear, month: Int(m.output.1), day: Int(m.output.2)) {
          out.append(FoundDate(date: d, text: String(s[m.range])))
        }
      }
    }
    return out
  }
}

/// The file's regular expressions, compiled once: a regex literal is parsed again each time it is
/// evaluated, which made the importer spend most of its time parsing patterns. Matching a shared
/// `Regex` from several threads is safe (its compiled program is initialised atomically), hence
/// `nonisolated(unsafe)`.
private enum Patterns {
  nonisolated(unsafe) static let yearMonthDay = /(\d{2,3})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?/
  nonisolated(unsafe) static let slashed = /(\d{2,3})\s*[\/.\-]\s*(\d{1,2})\s*[\/.\-]\s*(\d{1,2})/
  nonisolated(unsafe) static let compact = /(\d{3})(\d{2})(\d{2})/
  nonisolated(unsafe) static let yearRange = /(\d{2,3})\s*(?:至|到|~|～|-|－|—)\s*(\d{2,3})\s*年/
  nonisolated(unsafe) static let year = /(\d{2,3})\s*年/
  nonisolated(unsafe) static let fullDate = /(\d{2,3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/
  nonisolated(unsafe) static let slashedDate = /(\d{2,3})[\/.](\d{1,2})[\/.](\d{1,2})(?![\d.\/])/
  nonisolated(unsafe) static let monthDay = /(\d{1,2})\s*月\s*(\d{1,2})\s*日/
}
