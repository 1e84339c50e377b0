// ExcelDateTime: serial numbers of the 1900 and 1904 date systems as calendar dates and times.

/// A date, time or both, converted from a spreadsheet serial number.
///
/// In the 1900 system serial 1 is 1900-01-01 and, as in Lotus 1-2-3, serial 60 stands for the
/// non-existent 1900-02-29; serials from 61 on are days since 1899-12-30, those below 60 days since
/// 1899-12-31, and 60 itself is read as 1900-02-28. In the 1904 system serial 0 is 1904-01-01.
public struct ExcelDateTime: Hashable, Sendable, CustomStringConvertible {
  /// Which parts are meaningful.
  public enum Kind: String, Sendable, Hashable {
    /// A calendar date.
    case date
    /// A time of day.
    case time
    /// A date with a time of day.
    case dateTime = "datetime"
  }

  /// The year (Gregorian).
  public var year: Int
  /// The month, 1–12.
  public var month: Int
  /// The day of the month, 1–31.
  public var day: Int
  /// Hours, 0–23.
  public var hour: Int
  /// Minutes, 0–59.
  public var minute: Int
  /// Seconds, 0–59.
  public var second: Int
  /// Milliseconds, 0–999.
  public var millisecond: Int
  /// Which parts are meaningful.
  public var kind: Kind

  /// Creates a value from its parts.
  public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
              millisecond: Int = 0, kind: Kind = .date) {
    self.year = year
    self.month = month
    self.day = day
    self.hour = hour
    self.minute = minute
    self.second = second
    self.millisecond = millisecond
    self.kind = kind
  }

  /// Converts a serial number; nil when it is negative or beyond year 9999.
  ///
  /// - Parameters:
  ///   - serial: the cell's number.
  ///   - date1904: whether the workbook uses the 1904 system.
  ///   - kind: the kind suggested by the number format; a date with a time part becomes a date-time,
  ///     a time of a day past serial 1 a date-time, so that nothing is lost.
  public init?(serial: Double, date1904: Bool, kind: Kind) {
    guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
    var days = Int(serial.rounded(.down))
    var ms = Int(((serial - Double(days)) * 86_400_000).rounded())
    // A serial below 1 has no day in the 1900 system (Excel shows 1900-01-00): it is a time of day,
    // as calamine reads it; a time that rounds up to midnight stays on its day.
    let timeOfDayOnly = days == 0 && (kind == .time || !date1904)
    if ms >= 86_400_000 {
      if timeOfDayOnly {
        ms = 0
      } else {
        days += 1
        ms -= 86_400_000
      }
    }
    let epochOffset: Int  // days from 1970-01-01 to serial 0
    if date1904 {
      epochOffset = -24107
    } else if days >= 60 {
      epochOffset = -25569
    } else {
      epochOffset = -25568
    }
    (year, month, day) = ExcelDateTime.civil(fromDaysSinceEpoch: days + epochOffset)
    hour = ms / 3_600_000
    minute = ms / 60_000 % 60
    second = ms / 1000 % 60
    millisecond = ms % 1000
    if timeOfDayOnly {
      self.kind = .time
      return
    }
    switch kind {
    case .date: self.kind = ms == 0 ? .date : .dateTime
    case .time: self.kind = days == 0 ? .time : .dateTime
    case .dateTime: self.kind = .dateTime
    }
  }

  /// The serial number in the given date system.
  public func serial(date1904: Bool) -> Double {
    let days = ExcelDateTime.daysSinceEpoch(year: year, month: month, day: day)
    var d: Int
    if kind == .time {
      d = 0
    } else if date1904 {
      d = days + 24107
    } else {
      d = days + 25569
      if d < 61 { d -= 1 }
    }
    let ms = ((hour * 60 + minute) * 60 + second) * 1000 + millisecond
    return Double(d) + Double(ms) / 86_400_000
  }

  /// Appends the ISO 8601 form (as ``description``) to `out` without building a String.
  public func appendISO(to out: inout [UInt8]) {
    @inline(__always) func two(_ v: Int) {
      out.append(UInt8(truncatingIfNeeded: 0x30 + v / 10 % 10))
      out.append(UInt8(truncatingIfNeeded: 0x30 + v % 10))
    }
    if kind != .time {
      if (0...9999).contains(year) {
        two(year / 100)
        two(year % 100)
      } else {
        out.append(contentsOf: String(year).utf8)
      }
      out.append(0x2D)
      two(month)
      out.append(0x2D)
      two(day)
      if kind == .date { return }
      out.append(0x54)
    }
    two(hour)
    out.append(0x3A)
    two(minute)
    out.append(0x3A)
    two(second)
    if millisecond != 0 {
      out.append(0x2E)
      out.append(UInt8(truncatingIfNeeded: 0x30 + millisecond / 100))
      two(millisecond % 100)
    }
  }

  /// ISO 8601: `2025-04-16`, `13:05:00` or `2025-04-16T13:05:00` (with `.250` when there are milliseconds).
  public var description: String {
    let date = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    var time = pad(hour, 2) + ":" + pad(minute, 2) + ":" + pad(second, 2)
    if millisecond != 0 { time += "." + pad(millisecond, 3) }
    switch kind {
    case .date: return date
    case .time: return time
    case .dateTime: return date + "T" + time
    }
  }

  private func pad(_ v: Int, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
  }

  /// Days since 1970-01-01 to a proleptic Gregorian date.
  public static func civil(fromDaysSinceEpoch z0: Int) -> (Int, Int, Int) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (m <= 2 ? y + 1 : y, m, d)
  }

  /// A proleptic Gregorian date to days since 1970-01-01.
  public static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = month > 2 ? month - 3 : month + 9
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// Parses ISO 8601 text as written in `t="d"` cells: `2025-04-16`, `2025-04-16T13:05:00(.sss)(Z)`, `13:05:00`.
  public static func parseISO(_ text: String) -> ExcelDateTime? {
    let b = Array(text.utf8)
    func num(_ from: Int, _ count: Int) -> Int? {
      guard from + count <= b.count else { return nil }
      var v = 0
      for i in from..<(from + count) {
        guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
        v = v * 10 + Int(b[i] - 0x30)
      }
      return v
    }
    func time(at i: Int) -> (Int, Int, Int, Int)? {
      guard let h = num(i, 2), b.count > i + 2, b[i + 2] == 0x3A, let m = num(i + 3, 2) else { return nil }
      var s = 0
      var ms = 0
      if b.count > i + 5 && b[i + 5] == 0x3A {
        guard let sec = num(i + 6, 2) else { return nil }
        s = sec
        if b.count > i + 8 && b[i + 8] == 0x2E {
          var k = i + 9
          var scale = 100
          while k < b.count, b[k] >= 0x30 && b[k] <= 0x39 {
            ms += Int(b[k] - 0x30) * scale
            scale /= 10
            k += 1
          }
        }
      }
      guard h < 24, m < 60, s < 61 else { return nil }
      return (h, m, min(s, 59), ms)
    }
    if b.count >= 10, let y = num(0, 4), b[4] == 0x2D, let mo = num(5, 2), b[7] == 0x2D, let d = num(8, 2) {
      guard (1...12).contains(mo), (1...31).contains(d) else { return nil }
      if b.count > 10 && (b[10] == 0x54 || b[10] == 0x20) {
        guard let t = time(at: 11) else { return nil }
        return ExcelDateTime(year: y, month: mo, day: d, hour: t.0, minute: t.1, second: t.2,
                             millisecond: t.3, kind: .dateTime)
      }
      return ExcelDateTime(year: y, month: mo, day: d, kind: .date)
    }
    if let t = time(at: 0) {
      return ExcelDateTime(year: 1899, month: 12, day: 31, hour: t.0, minute: t.1, second: t.2,
                           millisecond: t.3, kind: .time)
    }
    return nil
  }
}
