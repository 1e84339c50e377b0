// Workbook: opens an .xlsx/.xlsm package, finds its parts through relationships, and reads sheets.

/// Options for reading a workbook.
public struct ReadOptions: Sendable, Equatable {
  /// Bounds on the zip archive.
  public var zip = ZipLimits()
  /// Bounds on each XML part.
  public var xml = XMLLimits()
  /// The most shared strings accepted.
  public var maxSharedStrings = 16_000_000
  /// The most bytes (UTF-8) of shared-string text accepted: the table's memory. 200 MiB holds
  /// any workbook people exchange (a million rows of distinct text in a few columns) and keeps a
  /// hostile one — a few MB that inflate to a gigabyte of strings — well under 300 MiB.
  public var maxSharedStringBytes = 200 << 20
  /// The longest cell or shared-string text accepted, in characters as Excel counts them (UTF-16
  /// code units): Excel's own limit, 32,767.
  public var maxCellTextLength = CellText.maxLength
  /// The same bound in UTF-8 bytes, where reading checks it first (a UTF-16 unit takes at most
  /// three bytes, a pair four).
  public var maxCellTextBytes: Int { min(max(maxCellTextLength, 0), 1 << 40) * 3 }
  /// The most cells one sheet may have.
  public var maxCellsPerSheet = 200_000_000
  /// Whether a damaged worksheet refuses the whole workbook. Off by default: the sheet's rows
  /// before the damage and the other sheets are read, and ``Workbook/damages`` says what was not
  /// (``SheetDamage``).
  public var strict = false

  /// The default options.
  public init() {}
}

/// What kind of OOXML package a workbook is.
public struct PackageInfo: Sendable, Equatable {
  /// The main part's content type.
  public var contentType: String
  /// Whether the package uses the Strict OOXML namespaces (purl.oclc.org).
  public var isStrict: Bool
  /// Whether it is macro-enabled (`.xlsm`).
  public var isMacroEnabled: Bool
  /// Whether it is a template (`.xltx`/`.xltm`).
  public var isTemplate: Bool

  /// A short description, e.g. `Excel workbook (.xlsx), Transitional OOXML`.
  public var summary: String {
    let ext = isTemplate ? (isMacroEnabled ? ".xltm" : ".xltx") : (isMacroEnabled ? ".xlsm" : ".xlsx")
    let kind = isTemplate ? "Excel template" : (isMacroEnabled ? "macro-enabled Excel workbook" : "Excel workbook")
    return "\(kind) (\(ext)), \(isStrict ? "Strict" : "Transitional") OOXML"
  }
}

/// An open workbook.
///
/// Opening reads the package's content types, relationships, the workbook part, styles and
/// document properties; shared strings are read on first need, sheets when asked for.
/// A workbook is not safe to share between threads; open one per thread.
public final class Workbook {
  /// The file's path (or a label for in-memory workbooks).
  public let path: String
  /// The options it was opened with.
  public let options: ReadOptions
  /// The sheets, in workbook order.
  public let sheets: [SheetInfo]
  /// Whether dates count from 1904 rather than 1900.
  public let date1904: Bool
  /// The defined names.
  public let definedNames: [DefinedName]
  /// The cell styles' number formats.
  public let styles: Styles
  /// What docProps says of the file's origin.
  public let properties: DocumentProperties
  /// The kind of package.
  public let package: PackageInfo
  /// The underlying archive.
  public let archive: ZipArchive

  private let sharedStringsPart: String?
  /// The workbook part (`xl/workbook.xml` as a rule), from the package relationships.
  let workbookPartName: String
  private var cachedSharedStrings: SharedStringTable?
  /// The worksheets read only in part so far, in the order their damage was met (empty when
  /// ``ReadOptions/strict`` is on: damage is then thrown).
  public private(set) var damages: [SheetDamage] = []

  /// Records a sheet's damage, once per sheet.
  func recordDamage(_ damage: SheetDamage) {
    if !damages.contains(where: { $0.sheet == damage.sheet }) { damages.append(damage) }
  }

  /// Opens the workbook at `path`.
  ///
  /// - Throws: ``XLSXError``: `io`, `not-zip`, `legacy-xls`, `encrypted`, `not-workbook`,
  ///   `corrupt-zip`, `missing-part`, `malformed-xml`, `forbidden-dtd` or `limit-exceeded`, each
  ///   naming the file and, where it applies, the part and line.
  public convenience init(path: String, options: ReadOptions = ReadOptions()) throws {
    let kind = try FileSniffer.sniff(path: path)
    guard kind == .zip else { throw FileSniffer.error(for: kind, path: path) }
    let archive = try ZipArchive(path: path, limits: options.zip)
    try self.init(archive: archive, path: path, options: options)
  }

  /// Opens a workbook from bytes in memory.
  ///
  /// - Throws: ``XLSXError``, as ``init(path:options:)``.
  public convenience init(data: [UInt8], label: String = "<memory>", options: ReadOptions = ReadOptions()) throws {
    let archive = try ZipArchive(data: data, label: label, limits: options.zip)
    try self.init(archive: archive, path: label, options: options)
  }

  private init(archive: ZipArchive, path: String, options: ReadOptions) throws {
    self.archive = archive
    self.path = path
    self.options = options
    do {
      guard let types = try PackageReader.contentTypes(archive) else {
        throw Workbook.identifyForeignZip(archive, path: path)
      }
      let rootRels = try PackageReader.relationships(archive, of: "")
      guard let main = rootRels.first(where: { $0.kind == "officeDocument" && !$0.isExternal }),
        let mainPart = main.partName
      else {
        throw XLSXError(.missingPart, "the package has no officeDocument relationship in _rels/.rels", facts: XLSXError.Facts(value: "_rels/.rels"), file: path)
      }
      let contentType = types.contentType(of: mainPart) ?? ""
      // SpreadsheetML's own main parts, and Excel's macro-enabled workbook and template (.xlsm,
      // .xltm), which are SpreadsheetML too; a binary workbook (.xlsb) is not.
      let excelMain = ["application/vnd.ms-excel.sheet.macroenabled.main+xml", "application/vnd.ms-excel.template.macroenabled.main+xml"]
      if !contentType.utf8.includes("spreadsheetml") && !excelMain.contains(contentType.lowercased()) {
        throw Workbook.foreignDocumentError(contentType: contentType, mainPart: mainPart, path: path)
      }
      package = PackageInfo(
        contentType: contentType,
        isStrict: main.type.utf8.includes("purl.oclc.org"),
        isMacroEnabled: contentType.lowercased().utf8.includes("macroenabled"),
        isTemplate: contentType.utf8.includes(".template"))
      workbookPartName = mainPart
      guard let wbEntry = archive.entry(named: mainPart) else {
        throw XLSXError(.missingPart, "the workbook part \(mainPart) named by _rels/.rels is missing", facts: XLSXError.Facts(value: mainPart), file: path)
      }
      let wb = try WorkbookPart.read(
        XMLPullParser(source: try archive.open(wbEntry), part: wbEntry.name, limits: options.xml, chunkSize: 1 << 16))
      let wbRels = try PackageReader.relationships(archive, of: mainPart)
      var byId: [String: Relationship] = [:]
      for r in wbRels { byId[r.id] = r }
      var infos: [SheetInfo] = []
      for (i, s) in wb.sheets.enumerated() {
        guard let rel = byId[s.relId], let part = rel.partName else {
          throw XLSXError(
            .missingPart, "sheet '\(s.name)' points to relationship \(s.relId), which \(mainPart)'s relationships do not define",
            file: path, part: mainPart, sheet: s.name)
        }
        let kind: SheetInfo.Kind
        switch rel.kind {
        case "worksheet": kind = .worksheet
        case "chartsheet": kind = .chartsheet
        case "dialogsheet": kind = .dialogsheet
        case "xlMacrosheet", "xlIntlMacrosheet": kind = .macrosheet
        default: kind = .other
        }
        infos.append(SheetInfo(name: s.name, index: i, visibility: s.state, kind: kind, partName: part))
      }
      sheets = infos
      date1904 = wb.date1904
      definedNames = wb.definedNames
      sharedStringsPart = wbRels.first(where: { $0.kind == "sharedStrings" })?.partName
      if let stylesPart = wbRels.first(where: { $0.kind == "styles" })?.partName, let e = archive.entry(named: stylesPart) {
        styles = try Styles.read(XMLPullParser(source: try archive.open(e), part: e.name, limits: options.xml, chunkSize: 1 << 16))
      } else {
        styles = Styles()
      }
      var props = DocumentProperties()
      for r in rootRels {
        guard let part = r.partName, let e = archive.entry(named: part) else { continue }
        let p = XMLPullParser(source: try archive.open(e), part: e.name, limits: options.xml, chunkSize: 1 << 14)
        if r.kind == "extended-properties" { try DocumentProperties.readApp(p, into: &props) }
        else if r.kind == "core-properties" { try DocumentProperties.readCore(p, into: &props) }
      }
      properties = props
    } catch let e as XLSXError {
      throw e.located(file: path)
    }
  }

  /// The workbook's shared strings, read on first call.
  ///
  /// - Throws: ``XLSXError`` when the part is malformed or over the limits.
  public func sharedStrings() throws -> SharedStringTable {
    if let cachedSharedStrings { return cachedSharedStrings }
    var table = SharedStringTable()
    if let part = sharedStringsPart {
      guard let e = archive.entry(named: part) else {
        throw XLSXError(.missingPart, "the shared strings part \(part) is missing", facts: XLSXError.Facts(value: part), file: path, part: part)
      }
      do {
        let p = XMLPullParser(source: try source(for: e), part: e.name, limits: options.xml)
        table = try SharedStringsReader.read(p, options: options, sizeHint: e.declaredSize)
      } catch let err as XLSXError {
        throw err.located(file: path)
      }
    }
    cachedSharedStrings = table
    return table
  }

  /// A source for a part: large parts are inflated on a second thread while they are parsed.
  private func source(for entry: ZipEntry) throws -> ByteSource {
    let reader = try archive.open(entry)
    return entry.declaredSize > 1 << 20 || entry.declaredSize < 0 ? PrefetchingSource(reader) : reader
  }

  /// The sheet named `name`, compared exactly, then case-insensitively.
  public func sheet(named name: String) -> SheetInfo? {
    sheets.first(where: { $0.name == name }) ?? sheets.first(where: { $0.name.lowercased() == name.lowercased() })
  }

  /// A streaming reader over a worksheet's rows.
  ///
  /// - Throws: ``XLSXError`` `no-such-sheet` for a chartsheet or a missing part, or any error of
  ///   reading shared strings.
  public func reader(for sheet: SheetInfo) throws -> SheetReader {
    guard sheet.kind == .worksheet || sheet.kind == .macrosheet || sheet.kind == .dialogsheet else {
      throw XLSXError(.noSuchSheet, "'\(sheet.name)' is a \(sheet.kind.rawValue), which holds no cells",
                       facts: XLSXError.Facts(.noCells, value: sheet.kind.rawValue), file: path, sheet: sheet.name)
    }
    guard let e = archive.entry(named: sheet.partName) else {
      let missing = XLSXError(.missingPart, "the part \(sheet.partName) of sheet '\(sheet.name)' is missing",
                              facts: XLSXError.Facts(value: sheet.partName), file: path,
                              part: sheet.partName, sheet: sheet.name)
      if options.strict { throw missing }
      return try damagedReader(sheet, missing)
    }
    // Start inflating the sheet (on the second core, when large) while the shared strings are read.
    let sheetSource: ByteSource
    do {
      sheetSource = try source(for: e)
    } catch let err as XLSXError where !options.strict && SheetDamage.isConfined(err) {
      return try damagedReader(sheet, err.located(file: path, part: e.name, sheet: sheet.name))
    }
    let strings = try sharedStrings()
    let parser = XMLPullParser(source: sheetSource, part: e.name, limits: options.xml)
    return SheetReader(parser: parser, sheet: sheet, workbook: self, sharedStrings: strings)
  }

  /// A reader of a sheet whose part cannot be opened: no rows, and the damage recorded.
  private func damagedReader(_ sheet: SheetInfo, _ error: XLSXError) throws -> SheetReader {
    let empty = XMLPullParser(source: MemoryByteSource([]), part: sheet.partName, limits: options.xml)
    let reader = SheetReader(parser: empty, sheet: sheet, workbook: self, sharedStrings: try sharedStrings())
    reader.endDamaged(error)
    return reader
  }

  private static func identifyForeignZip(_ archive: ZipArchive, path: String) -> XLSXError {
    if let m = archive.entry(named: "mimetype"), let bytes = try? archive.read(m) {
      let mime = String(decoding: bytes.prefix(200), as: UTF8.self)
      if mime.contains("opendocument.spreadsheet") {
        return XLSXError(.openDocument, "an OpenDocument spreadsheet (.ods), not .xlsx; save it as .xlsx first", file: path)
      }
      if mime.contains("opendocument") {
        return XLSXError(.notWorkbook, "an OpenDocument file (\(mime)), not a workbook", facts: XLSXError.Facts(.openDocumentFile, value: mime), file: path)
      }
      if mime.contains("epub") { return XLSXError(.notWorkbook, "an EPUB book, not a workbook", facts: XLSXError.Facts(.epub), file: path) }
    }
    if archive.entry(named: "META-INF/MANIFEST.MF") != nil {
      return XLSXError(.notWorkbook, "a Java archive (.jar), not a workbook", facts: XLSXError.Facts(.javaArchive), file: path)
    }
    return XLSXError(
      .notWorkbook, "a zip archive that is not an Office Open XML package (it has no [Content_Types].xml)", facts: XLSXError.Facts(.plainZip), file: path)
  }

  private static func foreignDocumentError(contentType: String, mainPart: String, path: String) -> XLSXError {
    if contentType.contains("wordprocessingml") {
      return XLSXError(.notWorkbook, "a Word document (.docx), not a workbook", facts: XLSXError.Facts(.wordDocument), file: path)
    }
    if contentType.contains("presentationml") {
      return XLSXError(.notWorkbook, "a PowerPoint presentation (.pptx), not a workbook", facts: XLSXError.Facts(.presentation), file: path)
    }
    if contentType.isEmpty {
      return XLSXError(.missingPart, "[Content_Types].xml gives no content type for the main part \(mainPart)",
                        facts: XLSXError.Facts(value: "[Content_Types].xml"), file: path)
    }
    return XLSXError(.notWorkbook, "an Office package whose main part is \(contentType), not a workbook",
                      facts: XLSXError.Facts(.otherPackage, value: contentType), file: path)
  }
}

extension String.UTF8View {
  /// Whether the ASCII word occurs in these bytes (content types and relationship types are ASCII;
  /// `String.contains` walks characters, which took a per-package cost worth avoiding).
  func includes(_ word: StaticString) -> Bool {
    word.withUTF8Buffer { w in
      guard let first = w.first else { return true }
      var i = startIndex
      while i != endIndex {
        if self[i] == first, self[i...].starts(with: w) { return true }
        i = index(after: i)
      }
      return false
    }
  }
}
