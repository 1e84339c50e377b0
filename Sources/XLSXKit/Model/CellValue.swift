// CellValue and Cell: a cell's typed value, for callers who want Swift values rather than raw bytes.

/// A cell's value.
public enum CellValue: Hashable, Sendable {
  /// No value.
  case empty
  /// Text.
  case string(String)
  /// A number (including percent-formatted ones: 85% is 0.85).
  case number(Double)
  /// TRUE or FALSE.
  case bool(Bool)
  /// An error such as `#N/A` or `#DIV/0!`.
  case error(String)
  /// A date, time or date-time (from a date-formatted number or an ISO `t="d"` cell).
  case dateTime(ExcelDateTime)
  /// An elapsed time in seconds (from a `[h]:mm:ss` format).
  case duration(Double)

  /// The type's name as `jixiao cells` prints it: string, number, bool, date, time, datetime, duration, error.
  public var typeName: String {
    switch self {
    case .empty: return "empty"
    case .string: return "string"
    case .number: return "number"
    case .bool: return "bool"
    case .error: return "error"
    case .dateTime(let d): return d.kind.rawValue
    case .duration: return "duration"
    }
  }

  /// The text of a string value, or nil.
  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  /// The number of a numeric value, or nil.
  public var numberValue: Double? {
    if case .number(let n) = self { return n }
    return nil
  }
}

/// A non-empty cell with its position, value, number format and formula.
public struct Cell: Hashable, Sendable {
  /// Where the cell is.
  public var reference: CellReference
  /// Its value (a formula's cached result).
  public var value: CellValue
  /// Its number format.
  public var format: NumberFormat
  /// Its formula without the leading `=`, if any (shared formulas expanded for each cell).
  public var formula: String?

  /// Creates a cell.
  public init(reference: CellReference, value: CellValue, format: NumberFormat = .general, formula: String? = nil) {
    self.reference = reference
    self.value = value
    self.format = format
    self.formula = formula
  }
}
