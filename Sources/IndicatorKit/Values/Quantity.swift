// Quantity: a target or actual as written by a person, with what Jixiao understands of it.

/// Which way an indicator improves.
public enum Direction: String, Codable, Sendable, Hashable {
  /// More is better (場次, 滿意度, 執行率).
  case higher
  /// Less is better (天數, 錯誤率, 成長率 of staff, 賸餘).
  case lower

  /// How a form says it: 「越高越好」, 「越低越好」 (the choices of a 衡量方向 column).
  public var word: String { self == .lower ? "越低越好" : "越高越好" }
}

/// How a target bounds the actual.
public enum Comparator: String, Codable, Sendable, Hashable {
  /// At least (≥, 以上, 至少, 達).
  case atLeast = ">="
  /// At most (≤, 以下, 以內, 不超過, 前).
  case atMost = "<="
  /// More than (＞, 超過, 逾).
  case greaterThan = ">"
  /// Less than (＜, 低於, 未滿, 少於).
  case lessThan = "<"
  /// Exactly (=).
  case equal = "="
}

/// A deadline such as 「12月31日前完成」, 「每月10日前」, 「8 月底前」 or 「3個月內」.
public struct Deadline: Codable, Sendable, Hashable {
  /// The month, 1–12, when the deadline names one.
  public var month: Int?
  /// The day of the month; nil with ``endOfMonth`` or for relative deadlines.
  public var day: Int?
  /// 「月底」: the last day of the month.
  public var endOfMonth: Bool?
  /// 「每月」: the deadline repeats every month (``day`` of each month).
  public var everyMonth: Bool?
  /// A relative period: 「3個月內」 is 3 months, 「7日內」 7 days.
  public var within: Period?
  /// The ROC year, when written (「107 年底前」).
  public var year: Int?

  /// A length of time, for relative deadlines.
  public struct Period: Codable, Sendable, Hashable {
    /// How many units.
    public var count: Double
    /// `day`, `workday`, `week`, `month` or `year`.
    public var unit: String
  }
}

/// One step of a milestone ladder such as 「1.完成委託 25% 2.完成招標 50% 3.工程完工 75% 4.驗收 100%」.
public struct Milestone: Codable, Sendable, Hashable {
  /// The step's number as written (1, 2, …).
  public var step: Int
  /// What the step is (完成委託).
  public var label: String
  /// The share of the whole it stands for, as a fraction (25% → 0.25).
  public var share: Double
}

/// A target or actual: the text exactly as written, and its reading.
///
/// Percentages are fractions (85% → 0.85) with unit `%`; counts keep their unit (2 場次 → 2, 場次).
/// Text that is not a quantity is kept with ``unreadable`` saying why.
public struct Quantity: Codable, Sendable, Hashable {
  /// The text as written, word for word.
  public var text: String
  /// The number it states (a fraction for percentages); for a range (「80%~90%」), its lower bound.
  public var number: Double?
  /// A range's upper bound (「80%~90%」: 0.9).
  public var upper: Double?
  /// The unit: `%`, 次, 場次, 件, 人, 天, 式, 冊, 個, 城市, …
  public var unit: String?
  /// How the number bounds the result (以上 is `>=`).
  public var comparator: Comparator?
  /// Which way is better, when the text says (以下, 低於 mean lower).
  public var direction: Direction?
  /// Words around the number that qualify it (執行率, 每月, 約, 20秒內接通率).
  public var qualifier: String?
  /// The deadline it sets, if it is one.
  public var deadline: Deadline?
  /// The steps of a milestone ladder.
  public var milestones: [Milestone]?
  /// Why the text could not be read as a quantity, when it could not.
  public var unreadable: String?

  /// A quantity read from text.
  public init(text: String) {
    self = QuantityParser.parse(text)
  }

  /// A quantity read from a cell's number: a percent-formatted cell gives a fraction with unit `%`.
  public init(number: Double, isPercent: Bool, text: String? = nil) {
    self.text = text ?? (isPercent ? Quantity.percentText(number) : Quantity.plainText(number))
    self.number = number
    self.unit = isPercent ? "%" : nil
  }

  /// A quantity with every field given.
  public init(text: String, number: Double? = nil, unit: String? = nil, comparator: Comparator? = nil,
              direction: Direction? = nil, qualifier: String? = nil, deadline: Deadline? = nil,
              milestones: [Milestone]? = nil, unreadable: String? = nil) {
    self.text = text
    self.number = number
    self.unit = unit
    self.comparator = comparator
    self.direction = direction
    self.qualifier = qualifier
    self.deadline = deadline
    self.milestones = milestones
    self.unreadable = unreadable
  }

  /// Whether the quantity has a number to compute with.
  public var isNumeric: Bool { number != nil }

  /// How a percent-formatted cell shows `v`: 0.855 → 「85.5%」.
  public static func percentText(_ v: Double) -> String {
    plainText((v * 100 * 1e9).rounded() / 1e9) + "%"
  }

  /// A number without a needless fraction: 2.0 → 「2」.
  public static func plainText(_ v: Double) -> String {
    if v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
    return String(v)
  }
}
