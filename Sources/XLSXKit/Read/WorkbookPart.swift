// WorkbookPart: xl/workbook.xml — sheets in order, their visibility, the date system, defined names.

/// A sheet as the workbook lists it.
public struct SheetInfo: Sendable, Equatable {
  /// Whether a sheet is shown.
  public enum Visibility: String, Sendable {
    /// Shown.
    case visible
    /// Hidden; the user can unhide it.
    case hidden
    /// Hidden so that only a macro can unhide it.
    case veryHidden
  }

  /// What a sheet holds.
  public enum Kind: String, Sendable {
    /// A grid of cells.
    case worksheet
    /// A chart on its own sheet.
    case chartsheet
    /// An Excel 5 dialog sheet.
    case dialogsheet
    /// An Excel 4 macro sheet.
    case macrosheet
    /// Anything else a relationship may name.
    case other
  }

  /// The sheet's name as shown on its tab.
  public var name: String
  /// The position of the sheet, 0-based.
  public var index: Int
  /// Whether it is shown.
  public var visibility: Visibility
  /// What it holds.
  public var kind: Kind
  /// The part holding it, e.g. `xl/worksheets/sheet1.xml`.
  public var partName: String
}

/// A defined name (`_xlnm.Print_Titles`, a named range).
public struct DefinedName: Sendable, Equatable {
  /// The name.
  public var name: String
  /// What it refers to, e.g. `'業務面'!$A$1:$G$30`.
  public var formula: String
  /// The 0-based sheet it is local to, or nil when global.
  public var localSheet: Int?
  /// Whether it is hidden.
  public var hidden: Bool
}

struct WorkbookPart {
  var sheets: [(name: String, relId: String, state: SheetInfo.Visibility)] = []
  var date1904 = false
  var definedNames: [DefinedName] = []

  static func read(_ p: XMLPullParser) throws -> WorkbookPart {
    var wb = WorkbookPart()
    while true {
      let t = try p.next()
      if t == .eof { break }
      guard t == .start else { continue }
      if p.isLocalName("sheet") {
        guard let name = try p.attributeString("name"), let rid = try p.attributeString("id") else {
          throw p.error(.malformedXML, "a <sheet> without a name or r:id")
        }
        let state: SheetInfo.Visibility
        switch try p.attributeString("state") {
        case "hidden": state = .hidden
        case "veryHidden": state = .veryHidden
        default: state = .visible
        }
        wb.sheets.append((name, rid, state))
      } else if p.isLocalName("workbookPr") && p.depth == 2 {
        // The workbook's own; Excel 2013's <x15:workbookPr> in the extension list says nothing of dates.
        let v = try p.attributeString("date1904")
        wb.date1904 = v == "1" || v == "true"
      } else if p.isLocalName("definedName") {
        let name = try p.attributeString("name") ?? ""
        let local = try p.attributeString("localSheetId").flatMap { Int($0) }
        let hidden = try p.attributeString("hidden").map { $0 == "1" || $0 == "true" } ?? false
        let formula = try p.readElementText()
        wb.definedNames.append(DefinedName(name: name, formula: formula, localSheet: local, hidden: hidden))
      }
    }
    return wb
  }
}

/// What the package's document properties say about where it came from.
public struct DocumentProperties: Sendable, Equatable {
  /// `Application` in docProps/app.xml, e.g. `Microsoft Excel`, `LibreOffice/7.4…`.
  public var application: String?
  /// `AppVersion` in docProps/app.xml.
  public var appVersion: String?
  /// `dc:creator` in docProps/core.xml.
  public var creator: String?
  /// `cp:lastModifiedBy` in docProps/core.xml.
  public var lastModifiedBy: String?
  /// `dcterms:created`.
  public var created: String?
  /// `dcterms:modified`.
  public var modified: String?
  /// `dc:title`.
  public var title: String?
  /// `cp:keywords`.
  public var keywords: String?

  static func readApp(_ p: XMLPullParser, into props: inout DocumentProperties) throws {
    while true {
      let t = try p.next()
      if t == .eof { break }
      guard t == .start, p.depth == 2 else { continue }
      if p.isLocalName("Application") { props.application = try p.readElementText() }
      else if p.isLocalName("AppVersion") { props.appVersion = try p.readElementText() }
    }
  }

  static func readCore(_ p: XMLPullParser, into props: inout DocumentProperties) throws {
    while true {
      let t = try p.next()
      if t == .eof { break }
      guard t == .start, p.depth == 2 else { continue }
      if p.isLocalName("creator") { props.creator = try p.readElementText() }
      else if p.isLocalName("lastModifiedBy") { props.lastModifiedBy = try p.readElementText() }
      else if p.isLocalName("created") { props.created = try p.readElementText() }
      else if p.isLocalName("modified") { props.modified = try p.readElementText() }
      else if p.isLocalName("title") { props.title = try p.readElementText() }
      else if p.isLocalName("keywords") { props.keywords = try p.readElementText() }
    }
  }
}
