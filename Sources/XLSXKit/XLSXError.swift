// XLSXError: every failure of the engine, with where it happened and why.

/// An error raised while reading or writing a workbook.
///
/// Every error names what it can of its location: the file, the part inside the package
/// (`xl/worksheets/sheet1.xml`), the sheet, the cell and the XML line. ``description`` joins them
/// into one sentence in English. ``facts`` hold what a message in another language needs (which
/// case of the code it is, the value at fault, the limit exceeded, the system's error number), so
/// that an application words the error in its user's language without parsing ``message``. The
/// engine names no command-line option: an application that exposes a limit as an option says so.
public struct XLSXError: Error, CustomStringConvertible, Sendable, Hashable {
  /// What kind of failure this is. New codes may be added; switch with a `default`.
  public struct Code: Hashable, Sendable, CustomStringConvertible {
    /// The code's stable name, as printed in JSON and messages.
    public let name: String
    private init(_ name: String) { self.name = name }
    public var description: String { name }

    /// The file could not be opened or read from disk.
    public static let io = Code("io")
    /// The file is not a zip archive at all (and not a known other format).
    public static let notZip = Code("not-zip")
    /// A legacy binary Excel workbook (`.xls`, BIFF in an OLE container).
    public static let legacyXLS = Code("legacy-xls")
    /// An encrypted (password-protected) OOXML workbook: an OLE container holding `EncryptedPackage`.
    public static let encrypted = Code("encrypted")
    /// A zip archive that is some other kind of document (`.docx`, a plain zip).
    public static let notWorkbook = Code("not-workbook")
    /// An OpenDocument spreadsheet (`.ods`), which this reader does not read.
    public static let openDocument = Code("ods")
    /// The zip archive is truncated or corrupt.
    public static let corruptZip = Code("corrupt-zip")
    /// A part the package needs is missing, or a relationship points to nothing.
    public static let missingPart = Code("missing-part")
    /// An XML part is not well-formed.
    public static let malformedXML = Code("malformed-xml")
    /// An XML part declares a DTD or entities; we never expand them.
    public static let forbiddenDTD = Code("forbidden-dtd")
    /// A value in a part is out of range or of the wrong kind (a shared-string index, a cell reference).
    public static let invalidValue = Code("invalid-value")
    /// A configured limit was exceeded (inflated size, ratio, number of entries, cells, depth, string length).
    public static let limitExceeded = Code("limit-exceeded")
    /// The requested sheet does not exist.
    public static let noSuchSheet = Code("no-such-sheet")
    /// Writing failed.
    public static let write = Code("write")
    /// An argument given to the API is not acceptable.
    public static let invalidArgument = Code("invalid-argument")
  }

  /// The kind of failure.
  public var code: Code
  /// Why, in a sentence (English).
  public var message: String
  /// The facts behind ``message``, for wording the error in another language.
  public var facts: Facts
  /// The file on disk, when known.
  public var file: String?
  /// The part inside the package, e.g. `xl/worksheets/sheet1.xml`.
  public var part: String?
  /// The sheet's name, when the failure belongs to a sheet.
  public var sheet: String?
  /// The cell in A1 notation, when the failure belongs to a cell.
  public var cell: String?
  /// The 1-based line in the XML part, when known.
  public var line: Int?

  /// Creates an error.
  public init(
    _ code: Code, _ message: String, facts: Facts = Facts(), file: String? = nil, part: String? = nil,
    sheet: String? = nil, cell: String? = nil, line: Int? = nil
  ) {
    self.code = code
    self.message = message
    self.facts = facts
    self.file = file
    self.part = part
    self.sheet = sheet
    self.cell = cell
    self.line = line
  }

  /// The error with its location joined in front of the message.
  public var description: String {
    let at = location(part: { "part \($0)" }, sheet: { "sheet '\($0)'" }, cell: { "cell \($0)" }, line: { "line \($0)" })
    return at.isEmpty ? message : at.joined(separator: ", ") + ": " + message
  }

  /// The location, file first (as a person reads its name), then the part, sheet, cell and line
  /// each worded by its closure: for wording an error in another language.
  public func location(
    part: (String) -> String, sheet: (String) -> String, cell: (String) -> String, line: (Int) -> String
  ) -> [String] {
    [file.map(FileName.display), self.part.map(part), self.sheet.map(sheet), self.cell.map(cell), self.line.map(line)]
      .compactMap { $0 }
  }

  /// A copy with missing location fields filled from the arguments (existing ones are kept).
  public func located(file: String? = nil, part: String? = nil, sheet: String? = nil) -> XLSXError {
    var e = self
    if e.file == nil { e.file = file }
    if e.part == nil { e.part = part }
    if e.sheet == nil { e.sheet = sheet }
    return e
  }
}
