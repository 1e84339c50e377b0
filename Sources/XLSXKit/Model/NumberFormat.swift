// NumberFormat: a cell's number format, built-in or custom, classified as date, time, percent and so on.

/// A number format and what kind of value it shows.
public struct NumberFormat: Hashable, Sendable {
  /// What a number format makes of a number.
  public enum Kind: String, Sendable, Hashable {
    /// `General`: the number as it is.
    case general
    /// A plain, currency, fraction or scientific number.
    case number
    /// A percentage (the stored number is the fraction: 0.85 shows as 85%).
    case percent
    /// A calendar date.
    case date
    /// A time of day.
    case time
    /// A date with a time.
    case dateTime = "datetime"
    /// An elapsed time (`[h]:mm:ss`).
    case duration
    /// Text (`@`).
    case text
  }

  /// The format id (built-in below 164, custom from 164 on, though producers may reuse others).
  public var id: Int
  /// The format code, e.g. `0.00%` or `[$-404]e/m/d`.
  public var code: String
  /// What kind of value the format shows.
  public var kind: Kind
  /// Whether dates are shown in the Republic of China (民國) era, as `[$-404]e/m/d` does.
  public var isROC: Bool

  /// Classifies a format code.
  public init(id: Int, code: String) {
    self.id = id
    self.code = code
    (kind, isROC) = NumberFormat.classify(code)
  }

  /// The `General` format.
  public static let general = NumberFormat(id: 0, code: "General")

  /// The built-in format with this id; East-Asian ids (27–36, 50–58) use their Traditional Chinese
  /// (zh-TW) codes. Unknown ids are `General`.
  public static func builtIn(_ id: Int) -> NumberFormat {
    guard let code = builtInCodes[id] else { return NumberFormat(id: id, code: "General") }
    return NumberFormat(id: id, code: code)
  }

  static let builtInCodes: [Int: String] = [
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
    5: "\"$\"#,##0_);(\"$\"#,##0)", 6: "\"$\"#,##0_);[Red](\"$\"#,##0)",
    7: "\"$\"#,##0.00_);(\"$\"#,##0.00)", 8: "\"$\"#,##0.00_);[Red](\"$\"#,##0.00)",
    9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
    14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm",
    27: "[$-404]e/m/d", 28: "[$-404]e\"年\"m\"月\"d\"日\"", 29: "[$-404]e\"年\"m\"月\"d\"日\"",
    30: "m/d/yy", 31: "yyyy\"年\"m\"月\"d\"日\"", 32: "hh\"時\"mm\"分\"", 33: "hh\"時\"mm\"分\"ss\"秒\"",
    34: "上午/下午hh\"時\"mm\"分\"", 35: "上午/下午hh\"時\"mm\"分\"ss\"秒\"", 36: "[$-404]e/m/d",
    37: "#,##0_);(#,##0)", 38: "#,##0_);[Red](#,##0)", 39: "#,##0.00_);(#,##0.00)",
    40: "#,##0.00_);[Red](#,##0.00)", 41: "_(* #,##0_);_(* (#,##0);_(* \"-\"_);_(@_)",
    42: "_(\"$\"* #,##0_);_(\"$\"* (#,##0);_(\"$\"* \"-\"_);_(@_)",
    43: "_(* #,##0.00_);_(* (#,##0.00);_(* \"-\"??_);_(@_)",
    44: "_(\"$\"* #,##0.00_);_(\"$\"* (#,##0.00);_(\"$\"* \"-\"??_);_(@_)",
    45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
    50: "[$-404]e/m/d", 51: "[$-404]e\"年\"m\"月\"d\"日\"", 52: "上午/下午hh\"時\"mm\"分\"",
    53: "上午/下午hh\"時\"mm\"分\"ss\"秒\"", 54: "[$-404]e\"年\"m\"月\"d\"日\"", 55: "上午/下午hh\"時\"mm\"分\"",
    56: "上午/下午hh\"時\"mm\"分\"ss\"秒\"", 57: "[$-404]e/m/d", 58: "[$-404]e\"年\"m\"月\"d\"日\"",
  ]

  /// Classifies the first section of a format code, ignoring quoted text, escapes, fill and
  /// padding characters and bracketed colours, conditions and locales.
  static func classify(_ code: String) -> (Kind, Bool) {
    let chars = Array(code.unicodeScalars)
    var i = 0
    var date = false
    var time = false
    var ambiguousM = false
    var elapsed = false
    var percent = false
    var text = false
    var digits = false
    var era = false
    var taiwanLocale = false
    func lower(_ c: Unicode.Scalar) -> Unicode.Scalar {
      (c >= "A" && c <= "Z") ? Unicode.Scalar(c.value + 32) ?? c : c
    }
    while i < chars.count {
      let c = chars[i]
      switch c {
      case ";":
        i = chars.count
        continue
      case "\"":
        i += 1
        while i < chars.count && chars[i] != "\"" { i += 1 }
      case "\\", "_", "*":
        i += 1
      case "[":
        var j = i + 1
        var inner = ""
        while j < chars.count && chars[j] != "]" {
          inner.unicodeScalars.append(lower(chars[j]))
          j += 1
        }
        if !inner.isEmpty && inner.unicodeScalars.allSatisfy({ $0 == "h" || $0 == "m" || $0 == "s" }) {
          elapsed = true
        } else if inner.hasPrefix("$-") || inner.hasPrefix("$") {
          let locale = inner.split(separator: "-").dropFirst().joined(separator: "-")
          if locale.hasSuffix("404") || locale == "zh-tw" || locale.hasSuffix("0404") { taiwanLocale = true }
        }
        i = j
      case "%":
        percent = true
      case "@":
        text = true
      case "0", "#", "?":
        digits = true
      default:
        let l = lower(c)
        if l == "g" && i + 7 <= chars.count && chars[i..<(i + 7)].map(lower) == Array("general".unicodeScalars) {
          i += 7
          continue
        }
        switch l {
        case "y", "d": date = true
        case "e":
          // `E+`/`E-` is scientific notation; a lone `e` is the era year.
          if i + 1 < chars.count && (chars[i + 1] == "+" || chars[i + 1] == "-") {
            digits = true
          } else {
            date = true
            era = true
          }
        case "m": ambiguousM = true
        case "h", "s": time = true
        case "a":
          if i + 2 < chars.count && lower(chars[i + 1]) == "m" && chars[i + 2] == "/" {
            time = true
            i += 4
          } else if i + 2 < chars.count && chars[i + 1] == "/" && lower(chars[i + 2]) == "p" {
            time = true
            i += 2
          }
        default:
          // 上午/下午 marks a 12-hour clock in Chinese formats.
          if c == "上" || c == "下" { time = true }
        }
      }
      i += 1
    }
    if ambiguousM && !time { date = true }
    let roc = era && taiwanLocale
    if elapsed { return (.duration, false) }
    if date && time { return (.dateTime, roc) }
    if date { return (.date, roc) }
    if time { return (.time, false) }
    if percent { return (.percent, false) }
    if text && !digits { return (.text, false) }
    if digits { return (.number, false) }
    return (.general, false)
  }
}
