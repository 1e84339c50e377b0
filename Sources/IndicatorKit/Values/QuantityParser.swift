// QuantityParser: the grammar of targets and actuals as people write them in plans and reports.

import Foundation

/// Reads 「85%以上」, 「≥5」, 「2 場次」, 「1式」, 「執行率80%」, 「12月31日前完成」, 「3個月內」,
/// 「120,000」, 「５９．３６ ％」 and milestone ladders into a ``Quantity``.
public enum QuantityParser {
  /// Units recognised after a number, longest first where one is a prefix of another.
  public static let units: [String] = [
    "千元", "萬元", "百萬元", "億元", "工作天", "個工作天", "個月", "人次", "場次", "檔次", "梯次", "件數", "城市", "小時",
    "公里", "公尺", "公斤", "公噸", "平方公尺", "家次", "班次", "次", "場", "項", "件", "個", "家", "冊", "團", "人", "則", "秒",
    "分鐘", "天", "日", "月", "年", "週", "式", "案", "台", "臺", "筆", "期", "支", "集", "部", "種", "處", "所", "張", "篇",
    "本", "份", "元", "分", "位", "名", "班", "套", "座", "輛", "棟", "戶", "噸", "株", "棵", "門", "站", "條", "間", "床",
    "隊", "批", "篇次", "頁", "小時數", "度", "校", "公頃", "隻", "園", "攤", "盞", "艘", "區", "里", "村", "萬人次", "家數",
    "所數", "校數", "人數", "次數", "場數", "件次", "戶數", "處數", "株數", "天數", "μg/m3", "μg/m³", "µg/m3", "µg/m³",
    "微克/立方公尺", "ppm", "ppb", "分貝", "dB", "公升", "度電", "瓩",
  ].sorted { $0.count > $1.count }

  /// Words after a number (and its unit) that bound it.
  static let trailingComparators: [(String, Comparator)] = [
    ("以上", .atLeast), ("以下", .atMost), ("以內", .atMost), ("之內", .atMost), ("內", .atMost), ("以前", .atMost),
    ("之前", .atMost), ("前", .atMost), ("為限", .atMost), ("(含)以上", .atLeast), ("（含）以上", .atLeast),
    ("(含)以下", .atMost), ("（含）以下", .atMost),
  ].sorted { $0.0.count > $1.0.count }

  /// Words or signs before a number that bound it.
  static let leadingComparators: [(String, Comparator)] = [
    (">=", .atLeast), ("<=", .atMost), ("≥", .atLeast), ("≤", .atMost), (">", .greaterThan), ("<", .lessThan),
    ("=", .equal), ("至少", .atLeast), ("不少於", .atLeast), ("不低於", .atLeast), ("不超過", .atMost),
    ("不得超過", .atMost), ("不逾", .atMost), ("低於", .lessThan), ("少於", .lessThan), ("小於", .lessThan),
    ("未滿", .lessThan), ("未達", .lessThan), ("超過", .greaterThan), ("逾", .greaterThan), ("大於", .greaterThan),
    ("高於", .greaterThan), ("多於", .greaterThan),
  ].sorted { $0.0.count > $1.0.count }

  /// The same lists, looked up by the byte a text starts or ends with.
  private static let unitIndex = WordIndex(units.map { ($0, ()) }, byLastByte: false)
  private static let trailingIndex = WordIndex(trailingComparators, byLastByte: false)
  private static let leadingIndex = WordIndex(leadingComparators, byLastByte: true)

  /// Reads a target or actual.
  public static func parse(_ text: String) -> Quantity {
    let s = ChineseNumbers.rewrite(normalize(text))
    var q = Quantity(text: text, number: nil)
    if s.isEmpty {
      q.unreadable = "empty"
      return q
    }
    if let ladder = milestones(in: s) {
      q.milestones = ladder
      q.unit = "%"
      return q
    }
    if let (deadline, number, unit) = deadline(in: s) {
      q.deadline = deadline
      q.comparator = .atMost
      q.direction = .lower
      if let number {
        q.number = number
        q.unit = unit
      }
      return q
    }
    let tokens = numbers(in: s)
    if tokens.isEmpty {
      q.unreadable = "no number in the text"
      return q
    }
    if let split = rangeForm(s, tokens) {
      // 「80%~90%」, 「80-90%」, 「3至5場」: the lower bound is the number, the upper one `upper`;
      // the unit is the bounds' (a bare lower bound takes the upper one's).
      let low = parse(String(s[..<split])), high = parse(String(s[split...]).drop { "~～-至到－ ".contains($0) }.description)
      guard var lo = low.number, let hi = high.number else {
        q.unreadable = "a range (\(s)) whose bounds cannot be read"
        return q
      }
      if low.unit == nil && high.unit == "%" { lo /= 100 }
      q.number = lo
      q.upper = hi
      q.unit = high.unit ?? low.unit
      return q
    }
    let readings = tokens.map { read($0, in: s) }
    guard let best = choose(readings) else {
      q.unreadable = "several numbers, none marked as the target"
      return q
    }
    q.number = best.value
    q.unit = best.unit
    q.comparator = best.comparator
    switch best.comparator {
    case .atLeast?, .greaterThan?: q.direction = .higher
    case .atMost?, .lessThan?: q.direction = .lower
    default: break
    }
    let qualifier = qualifierText(s, best)
    q.qualifier = qualifier.isEmpty ? nil : qualifier
    return q
  }

  // MARK: - Normalising

  /// Full-width digits and signs to ASCII, ≧/≦ to ≥/≤, thin and ideographic spaces to spaces.
  public static func normalize(_ text: String) -> String {
    var mapped = false
    var latex = false
    var wideComma = false
    var previousIsDigit = false
    for ch in text.unicodeScalars {
      let isDigit = (0x30...0x39).contains(ch.value) || (0xFF10...0xFF19).contains(ch.value)
      switch ch.value {
      case 0xFF10...0xFF19, 0xFF05, 0xFE6A, 0xFF0E, 0xFF0B, 0xFF0D, 0x2212, 0xFF1E, 0xFF1C, 0xFF1D, 0x2267, 0x2266, 0x3000,
        0x00A0, 0x2009, 0x200A, 0x202F, 0xFF1A:
        mapped = true
      case 0x5C, 0x24: latex = true
      // A full-width comma only matters between digits (「３５，０００」); in prose it stays as it is.
      case 0xFF0C: wideComma = wideComma || previousIsDigit
      default:
        if isDigit && wideComma { mapped = true }
      }
      if ch.value != 0xFF0C { wideComma = false }
      previousIsDigit = isDigit
    }
    if !mapped && !latex { return text.trimmed }
    var out = ""
    let scalars = Array(text.unicodeScalars)
    func isDigit(_ i: Int) -> Bool { i >= 0 && i < scalars.count && (0x30...0x39 ~= scalars[i].value || 0xFF10...0xFF19 ~= scalars[i].value) }
    for (i, ch) in scalars.enumerated() {
      switch ch.value {
      case 0xFF10...0xFF19: out.unicodeScalars.append(Unicode.Scalar(ch.value - 0xFF10 + 0x30) ?? ch)
      // A full-width comma groups digits (「３５，０００」); between words it is punctuation and stays.
      case 0xFF0C where isDigit(i - 1) && isDigit(i + 1): out += ","
      case 0xFF05, 0xFE6A: out += "%"
      case 0xFF0E: out += "."
      case 0xFF0B: out += "+"
      case 0xFF0D, 0x2212: out += "-"
      case 0xFF1E: out += ">"
      case 0xFF1C: out += "<"
      case 0xFF1D: out += "="
      case 0x2267: out += "≥"
      case 0x2266: out += "≤"
      case 0x3000, 0x00A0, 0x2009, 0x200A, 0x202F: out += " "
      case 0xFF1A: out += "："
      default: out.unicodeScalars.append(ch)
      }
    }
    // Text dumped from PDFs may carry LaTeX: 「$\geq 75\%$」.
    if latex {
      out = out.replacingOccurrences(of: "\\geq", with: "≥").replacingOccurrences(of: "\\leq", with: "≤")
        .replacingOccurrences(of: "\\ge", with: "≥").replacingOccurrences(of: "\\le", with: "≤")
        .replacingOccurrences(of: "\\%", with: "%").replacingOccurrences(of: "$", with: "")
    }
    return out.trimmed
  }

  // MARK: - Numbers

  struct NumberToken {
    var value: Double
    var range: Range<String.Index>
  }

  struct Reading {
    var token: NumberToken
    var value: Double
    var unit: String?
    var comparator: Comparator?
    var end: String.Index
    var start: String.Index
    var isListLabel: Bool
    var isYear: Bool
    var isShareOfCases = false
  }

  /// Every decimal number in `s`: digits with `,` thousands groups and one `.` fraction.
  static func numbers(in s: String) -> [NumberToken] {
    scanNumbers(s) ?? numbersByExpression(s)
  }

  /// ``numbers(in:)`` by the regular expression: the definition the scan follows.
  static func numbersByExpression(_ s: String) -> [NumberToken] {
    var out: [NumberToken] = []
    for m in s.matches(of: Patterns.number) {
      let digits = s[m.range].replacingOccurrences(of: ",", with: "")
      if let v = Double(digits) { out.append(NumberToken(value: v, range: m.range)) }
    }
    return out
  }

  /// The same as the regular expression `Patterns.number` finds, by a scan of the UTF-8 bytes;
  /// nil (ask the regular expression) when the text has other digits (十, ٣: see
  /// ``Unicode/Scalar/isRegexDigit``) or characters made of several scalars, where the
  /// expression's view of characters differs from bytes.
  static func scanNumbers(_ s: String) -> [NumberToken]? {
    for c in s.unicodeScalars where c.value >= 0x80 && (!c.isPlainCharacter || c.isRegexDigit) { return nil }
    var text = s
    let spans: [(Int, Int, Double?)] = text.withUTF8 { b in
      func digit(_ i: Int) -> Bool { i < b.count && b[i] >= 0x30 && b[i] <= 0x39 }
      func run(_ i: Int) -> Int {
        var j = i
        while digit(j) { j += 1 }
        return j
      }
      func fraction(_ i: Int) -> Int { i < b.count && b[i] == 0x2E && digit(i + 1) ? run(i + 1) : i }
      // The value of bytes a..<e: digits, commas and a point, all ASCII.
      func value(_ a: Int, _ e: Int) -> Double? {
        let span = UnsafeBufferPointer(rebasing: b[a..<e])
        return span.contains(0x2C) ? Double(String(decoding: span.filter { $0 != 0x2C }, as: UTF8.self))
          : Double(String(decoding: span, as: UTF8.self))
      }
      var out: [(Int, Int, Double?)] = []
      var i = 0
      while i < b.count {
        guard digit(i) else {
          i += 1
          continue
        }
        let end = run(i)
        // \d{1,3}(?:,\d{3})+(?:\.\d+)? first, then \d+(?:\.\d+)?
        var j = end
        if end - i <= 3 {
          while j + 3 < b.count, b[j] == 0x2C, digit(j + 1), digit(j + 2), digit(j + 3) { j += 4 }
        }
        j = fraction(j)
        out.append((i, j, value(i, j)))
        i = j
      }
      return out
    }
    var tokens: [NumberToken] = []
    let u = s.utf8
    for (a, b, value) in spans {
      guard let v = value else { continue }
      let lower = u.index(u.startIndex, offsetBy: a), upper = u.index(u.startIndex, offsetBy: b)
      tokens.append(NumberToken(value: v, range: lower..<upper))
    }
    return tokens
  }

  static func read(_ t: NumberToken, in s: String) -> Reading {
    var r = Reading(token: t, value: t.value, unit: nil, comparator: nil, end: t.range.upperBound,
                    start: t.range.lowerBound, isListLabel: false, isYear: false)
    var rest = s[t.range.upperBound...]
    let spaces = rest.prefix(while: { $0 == " " })
    rest = rest.dropFirst(spaces.count)
    if rest.starts(bytes: "%") {
      r.unit = "%"
      r.value = t.value / 100
      rest = rest.dropFirst()
    } else if let (u, _) = unitIndex.first(startingAt: rest) {
      r.unit = u
      rest = rest.dropFirst(u.count)
    }
    let rest2 = rest.drop(while: { $0 == " " })
    if let (word, c) = trailingIndex.first(startingAt: rest2) {
      r.comparator = c
      rest = rest2.dropFirst(word.count)
    }
    r.end = rest.startIndex
    let before = s[..<t.range.lowerBound].trimmedSpaces
    if let (word, c) = leadingIndex.first(endingAt: before) {
      if r.comparator == nil { r.comparator = c }
      var idx = t.range.lowerBound
      while idx > s.startIndex && s[s.index(before: idx)] == " " { idx = s.index(before: idx) }
      r.start = s.index(idx, offsetBy: -word.count, limitedBy: s.startIndex) ?? s.startIndex
    }
    // 「80%之案件」: a share of cases is what the standard sets.
    r.isShareOfCases = r.unit == "%" && rest.starts(bytes: "之")
    // 「1.」「2、」 at the start of a clause are list labels, not quantities.
    let after = s[t.range.upperBound...]
    let atClauseStart = before.isEmpty || before.ends(bytes: "。") || before.ends(bytes: "；") || before.ends(bytes: "，")
    if atClauseStart, t.value == t.value.rounded(), t.value < 30,
      after.hasPrefix("、") || after.hasPrefix(".") && !(after.dropFirst().first?.isNumber ?? false) || after.hasPrefix(")") || after.hasPrefix("）")
    {
      r.isListLabel = true
    }
    // ROC or Gregorian years: 「107 年底」「2018 桃園」.
    if r.unit == "年" && t.value >= 80 && t.value <= 200 || (t.value >= 1900 && t.value <= 2100 && r.unit == nil && !s.hasScalar("%")) {
      r.isYear = r.unit == "年" || after.hasPrefix(" ") || after.hasPrefix("年")
    }
    return r
  }

  /// The reading most likely to be the target: bounded by a comparator, then a percentage, then one
  /// with a unit; among equals the last (「每月 20秒內接通率 85%以上」 is 85%).
  static func choose(_ readings: [Reading]) -> Reading? {
    let candidates = readings.filter { !$0.isListLabel && !$0.isYear }
    guard !candidates.isEmpty else { return nil }
    if candidates.count == 1 { return candidates[0] }
    func score(_ r: Reading) -> Int {
      var s = 0
      if r.comparator == .atLeast || r.comparator == .atMost { s += 4 }
      if r.isShareOfCases { s += 8 }
      if r.unit == "%" { s += 2 }
      if r.unit != nil && r.unit != "%" { s += 1 }
      return s
    }
    let best = candidates.map(score).max() ?? 0
    let top = candidates.filter { score($0) == best }
    if best == 0 && top.count > 1 { return nil }
    return top.last
  }

  /// The words around the chosen number, without comparators and filler: 執行率, 每月, 約.
  static func qualifierText(_ s: String, _ r: Reading) -> String {
    var before = s[..<r.start].trimmedSpaces
    for (w, _) in leadingComparators where before.ends(bytes: w) {
      before.removeLast(w.count)
      break
    }
    var after = s[r.end...].trimmedSpaces
    for filler in ["完成", "。", "；"] where after == filler { after = "" }
    let parts = [before, after].map { $0.trimmed(where: { " ：:，,。".unicodeScalars.contains($0) }) }
    return parts.filter { !$0.isEmpty }.joined(separator: " … ")
  }

  /// 「80%~90%」, 「3-5 場」, 「80%至90%」: two numbers joined by a range sign; the index where the
  /// upper bound's part starts (the sign), or nil.
  static func rangeForm(_ s: String, _ tokens: [NumberToken]) -> String.Index? {
    guard tokens.count == 2 else { return nil }
    let gap = s[tokens[0].range.upperBound..<tokens[1].range.lowerBound]
    let between = gap.filter { $0 != "%" }.trimmedSpaces
    guard ["~", "～", "-", "至", "到", "－"].contains(between) else { return nil }
    return gap.firstIndex { "~～-至到－".contains($0) }
  }

  // MARK: - Deadlines

  /// 「12月31日前完成」, 「每月10日前」, 「8 月底前」, 「3個月內」, 「7日內」, 「107 年底前」.
  static func deadline(in s: String) -> (Deadline, Double?, String?)? {
    // Each expression needs some of these characters; most values have none of them.
    var day = false, month = false, year = false, end = false, before = false, until = false, within = false
    for c in s.unicodeScalars {
      switch c {
      case "日": day = true
      case "月": month = true
      case "年": year = true
      case "底": end = true
      case "前": before = true
      case "止": until = true
      case "內": within = true
      default: continue
      }
    }
    if day && before, let m = s.firstMatch(of: Patterns.everyMonthDay), m.output.1 != nil {
      guard let day = Int(m.output.2), (1...31).contains(day) else { return nil }
      return (Deadline(day: day, everyMonth: true), nil, nil)
    }
    if month && day && (before || until), let m = s.firstMatch(of: Patterns.monthDayDeadline) {
      guard let month = Int(m.output.2), let day = Int(m.output.3), (1...12).contains(month), (1...31).contains(day)
      else { return nil }
      return (Deadline(month: month, day: day, year: m.output.1.flatMap { Int($0) }), nil, nil)
    }
    if month && end, let m = s.firstMatch(of: Patterns.endOfMonth) {
      guard let month = Int(m.output.2), (1...12).contains(month) else { return nil }
      return (Deadline(month: month, endOfMonth: true, year: m.output.1.flatMap { Int($0) }), nil, nil)
    }
    if year && end && before, let m = s.firstMatch(of: Patterns.endOfYear) {
      guard let year = Int(m.output.1) else { return nil }
      return (Deadline(month: 12, day: 31, year: year), nil, nil)
    }
    if within, let m = s.firstMatch(of: Patterns.within) {
      guard let n = Double(m.output.1) else { return nil }
      let raw = String(m.output.2)
      let unit: String
      switch raw {
      case "個工作天", "工作天": unit = "workday"
      case "個月": unit = "month"
      case "日", "天": unit = "day"
      case "週": unit = "week"
      case "年": unit = "year"
      default: unit = "hour"
      }
      // 「每月 20秒內接通率 85%以上」 is a rate, not a deadline: only whole-text periods count.
      let rest = s.replacingOccurrences(of: String(s[m.range]), with: "")
      if rest.hasScalar("%") { return nil }
      return (Deadline(within: Deadline.Period(count: n, unit: unit)), n, raw == "個工作天" ? "工作天" : raw)
    }
    return nil
  }

  // MARK: - Milestones

  /// 「1.完成委託 25% 2.完成招標 50% 3.工程完工 75% 4.驗收 100%」: two or more numbered steps,
  /// each with a rising percentage.
  static func milestones(in s: String) -> [Milestone]? {
    // Two steps or more, each with its percentage.
    guard s.unicodeScalars.lazy.filter({ $0 == "%" }).count >= 2 else { return nil }
    var out: [Milestone] = []
    for m in s.matches(of: Patterns.ladderStep) {
      guard let step = Int(m.output.1), let share = Double(m.output.3) else { continue }
      let label = m.output.2.trimmingCharacters(in: CharacterSet(charactersIn: " ：:，,"))
      out.append(Milestone(step: step, label: label, share: share / 100))
    }
    guard out.count >= 2 else { return nil }
    for i in 1..<out.count where out[i].share <= out[i - 1].share || out[i].step != out[i - 1].step + 1 {
      return nil
    }
    return out
  }
}

/// The file's regular expressions, compiled once: a regex literal is parsed again each time it is
/// evaluated, which made the importer spend most of its time parsing patterns. Matching a shared
/// `Regex` from several threads is safe (its compiled program is initialised atomically), hence
/// `nonisolated(unsafe)`.
private enum Patterns {
  nonisolated(unsafe) static let number = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/
  nonisolated(unsafe) static let everyMonthDay = /(每月)?\s*(\d{1,2})\s*日\s*(?:前|以前|之前)/
  nonisolated(unsafe) static let monthDayDeadline = /(?:(\d{2,3})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:前|以前|之前|止)/
  nonisolated(unsafe) static let endOfMonth = /(?:(\d{2,3})\s*年\s*)?(\d{1,2})\s*月\s*底\s*(?:前|以前|之前)?/
  nonisolated(unsafe) static let endOfYear = /(\d{2,3})\s*年\s*(?:底|年底)\s*(?:前|以前|之前)/
  nonisolated(unsafe) static let within = /(\d+(?:\.\d+)?)\s*(個工作天|工作天|個月|日|天|週|年|小時)\s*(?:內|以內|之內)/
  nonisolated(unsafe) static let ladderStep = /(\d{1,2})\s*[.、．)）]\s*([^\d%]+?)\s*(\d{1,3}(?:\.\d+)?)\s*%/
}
