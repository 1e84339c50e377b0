// Deadlines: a target that is a date — 「114年6月30日前完成」, 「12月31日前」, 「114/12/31」,
// 「114.12.31」, 「1141231」, 「2025/12/31」, a date cell — against an actual that is a date
// (「已於11月20日完成」, 「114年11月20日完成」) or says it is not done (「未完成」, 「辦理中」).

import Foundation

/// Judging deadlines.
enum Deadlines {
  /// Words of an actual that is not done yet.
  static let notDone = ["未完成", "尚未完成", "辦理中", "進行中", "執行中", "未辦理", "規劃中", "施工中", "未達成"]

  /// Whether a text says the work is not done yet (「未完成」, 「辦理中」).
  static func saysNotDone(_ text: String) -> Bool {
    let t = QuantityParser.normalize(text)
    return notDone.contains { t.includes($0) }
  }

  /// Whether a text says the work is done (「完成」, 「已完成」, 「如期完成」) and not that it is not.
  static func saysDone(_ text: String) -> Bool {
    let t = QuantityParser.normalize(text)
    return (t.includes("完成") || t.includes("達成")) && !saysNotDone(t)
  }

  /// The date a text names: an ROC or Gregorian date in any of the forms above; a month and day
  /// without a year are in `year`.
  static func date(in text: String, year: Int?) -> ROCDate? {
    // Every form needs two separators, 月 and 日, or seven digits in a row; most values have none.
    var separators = 0, month = false, day = false, run = 0, longestRun = 0
    for c in text.unicodeScalars {
      switch c {
      case "/", "-", ".", "．", "／": separators += 1
      case "月": month = true
      case "日": day = true
      default: break
      }
      run = (0x30...0x39).contains(c.value) || (0xFF10...0xFF19).contains(c.value) ? run + 1 : 0
      longestRun = max(longestRun, run)
    }
    guard separators >= 2 || (month && day) || longestRun >= 7 else { return nil }
    let s = QuantityParser.normalize(text).replacingOccurrences(of: "／", with: "/")
    if separators >= 2, let m = s.firstMatch(of: Patterns.gregorian), let y = Int(m.output.1), y > 1911 {
      return ROCDate(year: y - 1911, month: Int(m.output.2), day: Int(m.output.3))
    }
    if let found = ROCCalendar.dates(in: s, defaultYear: year).first { return found.date }
    if let m = s.firstMatch(of: Patterns.compact), let d = ROCCalendar.parseDate(String(m.output.1)), d.day != nil { return d }
    if let m = s.firstMatch(of: Patterns.monthDay), let year {
      return ROCDate(year: year, month: Int(m.output.1), day: Int(m.output.2))
    }
    return nil
  }

  /// Whether a text is a date of seven digits (「1141231」, 「1141231前完成」) rather than a number.
  static func isCompactDate(_ text: String) -> Bool {
    let digits = QuantityParser.normalize(text).prefix { $0.isASCII && $0.isNumber }
    return digits.count == 7 && ROCCalendar.parseDate(String(digits)) != nil
  }

  /// The date a deadline target sets; nil for a repeating or relative one (「每月10日前」, 「3個月內」).
  static func deadline(of target: Quantity, year: Int?) -> ROCDate? {
    guard let d = target.deadline else { return date(in: target.text, year: year) }
    guard d.everyMonth != true, d.within == nil, let month = d.month, let y = d.year ?? year else { return nil }
    let last = ROCCalendar.daysIn(month: month, rocYear: y)
    return ROCDate(year: y, month: month, day: d.endOfMonth == true ? last : min(d.day ?? last, last))
  }

  /// Calendar days from `a` to `b`.
  static func days(from a: ROCDate, to b: ROCDate) -> Int? {
    var calendar = Calendar(identifier: .gregorian)
    guard let utc = TimeZone(identifier: "UTC") else { return nil }
    calendar.timeZone = utc
    func day(_ d: ROCDate) -> Date? {
      calendar.date(from: DateComponents(year: d.gregorianYear, month: d.month ?? 12, day: d.day ?? 31))
    }
    guard let x = day(a), let y = day(b) else { return nil }
    return calendar.dateComponents([.day], from: x, to: y).day
  }

  /// On time is met (100%); late is unmet (0%) with the days late; not done is in progress before
  /// the deadline (or before the period's end) and unmet after it.
  static func judge(target: Quantity, actual: Quantity, context: EvaluationContext, into e: inout Evaluation) {
    guard let due = deadline(of: target, year: context.year) else {
      e.reason = "the deadline names no date: \(target.text)"
      return
    }
    if saysNotDone(actual.text) {
      if let end = context.periodEnd, end < due {
        e.verdict = .inProgress
        e.reason = "not done, and the deadline \(due) is still ahead"
      } else {
        e.verdict = .unmet
        e.ratio = 0
        e.achievement = 0
        e.reason = "not done by the deadline \(due)"
      }
      return
    }
    guard let done = date(in: actual.text, year: due.year) else {
      if saysDone(actual.text) {
        e.verdict = .met
        e.ratio = 1
        e.achievement = 1
        e.reason = "done; the actual gives no date"
      } else {
        e.reason = "the actual names no date: \(actual.text)"
      }
      return
    }
    if done <= due {
      e.verdict = .met
      e.ratio = 1
      e.achievement = 1
    } else {
      e.verdict = .unmet
      e.ratio = 0
      e.achievement = 0
      e.daysLate = days(from: due, to: done)
      e.reason = "done on \(done), after the deadline \(due)"
    }
  }
}

private enum Patterns {
  nonisolated(unsafe) static let gregorian = /(\d{4})\s*[-\/.]\s*(\d{1,2})\s*[-\/.]\s*(\d{1,2})/
  nonisolated(unsafe) static let compact = /(?:^|[^\d])(\d{7})(?:[^\d]|$)/
  nonisolated(unsafe) static let monthDay = /(\d{1,2})\s*月\s*(\d{1,2})\s*日/
}
