// ImportResult: what an import gives — the model, the notes on what could not be placed, the
// headers as written — and the options it takes.

import XLSXKit

/// What an import note is about: stable codes that scripts and the validator match on.
public enum ImportNoteCode: String, Codable, Sendable, Hashable, CaseIterable {
  /// A column whose header is no known field; its values are kept under `extra`.
  case unknownColumn = "unknown-column"
  /// A row inside a table that is neither an indicator, a goal nor a total.
  case unplacedRow = "unplaced-row"
  /// A row joined to the indicator above (a cell split by a page break).
  case continuedRow = "continued-row"
  /// No indicator table in the workbook.
  case noTable = "no-table"
  /// The agency was taken from the file name.
  case guessedAgency = "guessed-agency"
  /// A non-empty cell that nothing in the model holds, named so that nothing is lost silently.
  case unplacedCell = "unplaced-cell"
  /// One cell listing several numbered indicators, split into one indicator each.
  case splitCell = "split-cell"
  /// A sheet without a header row read with the table of the sheet before it.
  case continuedTable = "continued-table"
  /// A hidden sheet, which is not read.
  case hiddenSheet = "hidden-sheet"
  /// A hidden sheet holding a table of indicators, which is not read.
  case hiddenTable = "hidden-table"
  /// Targets read from the 衡量標準 texts of a table that has no target column.
  case targetFromMeasurement = "target-from-measurement"
  /// The agency the workbook shows (its title, else its file name) differs from the one its
  /// document properties record (a form sent by one office and retitled by another); what it
  /// shows is used.
  case agencyMismatch = "agency-mismatch"
  /// A sheet whose part is damaged: its rows before the damage were read, the rest was not
  /// (``XLSXKit/SheetDamage``).
  case damagedSheet = "damaged-sheet"
  /// A sheet of instructions (填表說明), which is not read.
  case instructionsSheet = "instructions-sheet"
}

/// Something the importer met and could not place, or a choice it made that a person should know.
public struct ImportNote: Codable, Sendable, Hashable {
  /// What the note is about.
  public var code: ImportNoteCode
  /// The sheet.
  public var sheet: String?
  /// The 1-based row.
  public var row: Int?
  /// The cell in A1 notation.
  public var cell: String?
  /// What happened, in English.
  public var message: String
  /// The same in Traditional Chinese.
  public var messageZH: String

  /// Creates a note.
  public init(code: ImportNoteCode, sheet: String?, row: Int?, cell: String?, message: String, messageZH: String) {
    self.code = code
    self.sheet = sheet
    self.row = row
    self.cell = cell
    self.message = message
    self.messageZH = messageZH
  }
}

/// What an import gives: the model and the notes.
public struct ImportResult: Sendable {
  /// The report.
  public var report: Report
  /// What could not be placed, and the importer's guesses.
  public var notes: [ImportNote]
  /// The header of each field of the indicator table as written (`"target": "原定目標值"`), keyed by
  /// ``ColumnField`` raw value: what a merge compares across workbooks to report renamed columns.
  public var headers: [String: String] = [:]

  /// A report with the notes its reading produced.
  public init(report: Report, notes: [ImportNote], headers: [String: String] = [:]) {
    self.report = report
    self.notes = notes
    self.headers = headers
  }
}

/// Options for ``Importer``.
public struct ImportOptions: Sendable {
  /// The family, when known; otherwise the importer decides from the title and the columns.
  public var kind: ReportKind?
  /// A template whose headers are recognised besides the built-in ones.
  public var template: TemplateSpec?
  /// Limits for reading the workbook.
  public var read = ReadOptions()
  /// The thresholds of the indicators' lights (an office's rules file).
  public var grading = GradingRules()

  /// Default options.
  public init(kind: ReportKind? = nil, template: TemplateSpec? = nil) {
    self.kind = kind
    self.template = template
  }
}
