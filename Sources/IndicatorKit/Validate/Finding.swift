// Finding: one thing the validator has to say about a report, where it is and how serious it is.

/// How serious a finding is.
public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
  /// Worth knowing; nothing to fix.
  case info
  /// Probably wrong or worth explaining; the file can still be submitted.
  case warning
  /// Wrong: fix it before submission.
  case error

  private var rank: Int {
    switch self {
    case .info: return 0
    case .warning: return 1
    case .error: return 2
    }
  }

  /// Orders info < warning < error.
  public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// The stable codes of findings. docs/VALIDATION.md says what each one means and how it is graded.
public enum FindingCode: String, Codable, Sendable, CaseIterable {
  /// The actual falls short of the target and the 未達目標檢討 explains it.
  case unmetTarget = "unmet-target"
  /// The actual falls short of the target and no review explains it (or the review's reason is empty).
  case missingUnmetExplanation = "missing-unmet-explanation"
  /// A review names an indicator the report does not have.
  case reviewWithoutIndicator = "review-without-indicator"
  /// A review names an indicator whose target is met.
  case reviewForMetIndicator = "review-for-met-indicator"
  /// An indicator, goal or facet without a weight in a report that weighs them.
  case missingWeight = "missing-weight"
  /// A weight that is not the sum of the weights under it, or weights that do not add up to 100%.
  case weightSumMismatch = "weight-sum-mismatch"
  /// The stated 達成度 differs from the one computed from target and actual.
  case achievementMismatch = "achievement-mismatch"
  /// The stated 項目權分 differs from weight × achievement.
  case pointsMismatch = "points-mismatch"
  /// A stated score or total differs from the sum of its parts.
  case scoreMismatch = "score-mismatch"
  /// A target or actual that cannot be compared.
  case unparseableValue = "unparseable-value"
  /// Target and actual in different units.
  case unitMismatch = "unit-mismatch"
  /// A date in a narrative or actual outside the report's years.
  case dateOutsideYear = "date-outside-year"
  /// Two indicators with the same name.
  case duplicateIndicator = "duplicate-indicator"
  /// An indicator without a target, or a report's indicator without an actual.
  case missingField = "missing-field"
  /// The report's target differs from the plan's.
  case targetChanged = "target-changed"
  /// The report's weight differs from the plan's.
  case weightChanged = "weight-changed"
  /// An indicator of the plan that the report lacks.
  case indicatorMissing = "indicator-missing"
  /// An indicator of the report that the plan lacks.
  case indicatorAdded = "indicator-added"
  /// A column no template knows (kept, not read).
  case unknownColumn = "unknown-column"
  /// A row that could not be placed in any table.
  case unplacedRow = "unplaced-row"
  /// A quarterly report's indicator short of its stated target to date or for the quarter.
  case behindSchedule = "behind-schedule"
  /// A non-empty cell outside every table and heading the importer knows (info).
  case unplacedCell = "unplaced-cell"
  /// A workbook without any table of indicators.
  case noTable = "no-table"
  /// A hidden sheet, not read (information), or holding a table of indicators (warning).
  case hiddenSheet = "hidden-sheet"
  /// The agency the workbook shows differs from the one its document properties record.
  case agencyMismatch = "agency-mismatch"
  /// A damaged sheet, read only as far as the damage (error: what followed is missing).
  case damagedSheet = "damaged-sheet"
  /// (merge) A column most workbooks of the same family have and this one lacks.
  case missingColumn = "missing-column"
  /// (merge) A column headed differently from most workbooks of the same family.
  case renamedColumn = "renamed-column"
  /// (merge) The same agency, family and years submitted more than once.
  case duplicateSubmission = "duplicate-submission"
  /// (merge) A file that could not be read.
  case unreadableFile = "unreadable-file"
  /// (merge) A workbook from an agency the roster (`--expect`) does not list.
  case notOnRoster = "not-on-roster"
}

/// A value in a finding's details: a number, a text or a list of texts.
public enum FindingDetail: Codable, Sendable, Hashable {
  /// A number (weights and achievements as fractions, scores in points).
  case number(Double)
  /// A text.
  case text(String)
  /// Several texts.
  case texts([String])

  /// Decodes a number, a string or an array of strings.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if let n = try? c.decode(Double.self) {
      self = .number(n)
    } else if let t = try? c.decode(String.self) {
      self = .text(t)
    } else {
      self = .texts(try c.decode([String].self))
    }
  }

  /// Encodes the bare value.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    switch self {
    case .number(let n): try c.encode(jsonNumber(n))
    case .text(let t): try c.encode(t)
    case .texts(let t): try c.encode(t)
    }
  }
}

/// One finding: what, how serious, where, and the numbers involved.
public struct Finding: Codable, Sendable, Hashable {
  /// The stable code.
  public var code: FindingCode
  /// How serious it is (after the rules' re-grading).
  public var severity: Severity
  /// The file's name.
  public var file: String?
  /// The sheet.
  public var sheet: String?
  /// The cell, in A1 notation.
  public var cell: String?
  /// The facet's name.
  public var facet: String?
  /// The goal's name.
  public var goal: String?
  /// The indicator's name.
  public var indicator: String?
  /// The message in Traditional Chinese.
  public var message: String
  /// The message in English.
  public var messageEN: String
  /// The numbers and texts involved, by name.
  public var details: [String: FindingDetail]

  /// Creates a finding.
  public init(code: FindingCode, severity: Severity, message: String, messageEN: String,
              details: [String: FindingDetail] = [:]) {
    self.code = code
    self.severity = severity
    self.message = message
    self.messageEN = messageEN
    self.details = details
  }

  /// The message in `language` (`en` for English, anything else Traditional Chinese).
  public func message(in language: String) -> String {
    language.lowercased().hasPrefix("en") ? messageEN : message
  }
}
