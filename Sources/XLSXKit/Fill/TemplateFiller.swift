// TemplateFiller: fills an existing workbook — cells set, template rows copied — and writes a new file
// in which every part it did not need to change is the same, byte for byte.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fills a template workbook (`.xlsx`, `.xlsm`, `.xltx`) without disturbing it.
///
/// Set cells with ``set(_:formula:at:sheet:)`` and insert copies of a template row with
/// ``insertRows(after:count:sheet:)``, then ``write(to:compressionLevel:)`` a new file. What changes:
///
/// - the edited worksheets: set cells take the value (strings inline, so the shared-string part is
///   untouched) and keep the style of the cell they replace; inserted rows take the template row's
///   height, styles and in-row merges, and its formulas moved down; everything at or below an
///   insertion point moves down — cells, formulas, merged ranges, data-validation and
///   conditional-formatting ranges and their formulas, hyperlinks, the autofilter, panes and
///   selections, the dimension;
/// - the parts that point into a sheet whose rows moved: its notes (comments and their VML shapes),
///   drawings' anchors, tables' ranges, and defined names in the workbook part;
/// - the workbook part's `calcPr` asks for a full recalculation on load, and the calculation chain
///   (a cache Excel rebuilds) is left out together with its content type and relationship.
///
/// Every other part — styles, shared strings, themes, drawings, images, VBA projects, custom XML —
/// is copied as it was stored in the template, without even inflating it; inside the edited parts,
/// every element not named above keeps its bytes. Formulas in *other* sheets that point into a sheet
/// whose rows moved are not rewritten (see docs/WRITER.md).
///
/// Rows named in ``insertRows(after:count:sheet:)`` are numbered as in the template; cells named in
/// ``set(_:formula:at:sheet:)`` are numbered as in the output, after the insertions.
public final class TemplateFiller {
  /// The template, as read.
  public let workbook: Workbook
  /// Who the notes added with ``addNote(_:at:sheet:)`` are by.
  public var noteAuthor = "Jixiao"
  private var edits: [String: SheetEdits] = [:]  // by sheet name
  private var notes: [String: [(CellReference, String)]] = [:]  // by sheet name
  private var appended: [AppendedSheet] = []

  /// Opens the template at `path`.
  ///
  /// - Throws: ``XLSXError`` when it cannot be read as a workbook.
  public init(path: String, options: ReadOptions = ReadOptions()) throws {
    workbook = try Workbook(path: path, options: options)
  }

  private func worksheet(_ name: String) throws -> SheetInfo {
    guard let info = workbook.sheet(named: name) else {
      let names = workbook.sheets.map { "'\($0.name)'" }.joined(separator: ", ")
      throw XLSXError(.noSuchSheet, "no sheet named '\(name)' (the template has \(names))",
                      facts: XLSXError.Facts(value: name), file: workbook.path)
    }
    guard info.kind == .worksheet else {
      throw XLSXError(.noSuchSheet, "'\(info.name)' is a \(info.kind.rawValue), not a worksheet",
                      facts: XLSXError.Facts(.noCells, value: info.kind.rawValue), file: workbook.path,
                      sheet: info.name)
    }
    return info
  }

  /// Inserts `count` copies of template row `row` right after it in `sheet`.
  ///
  /// - Throws: ``XLSXError`` `no-such-sheet`, or `invalid-argument` when the row is off the grid.
  public func insertRows(after row: Int, count: Int, sheet: String) throws {
    let info = try worksheet(sheet)
    guard row >= 1, row < CellReference.maxRow, count >= 0 else {
      throw XLSXError(.invalidArgument, "cannot insert \(count) rows after row \(row)", file: workbook.path, sheet: info.name)
    }
    guard count > 0 else { return }
    var e = edits[info.name] ?? SheetEdits()
    e.shift.insert(after: row, count: count)
    guard e.shift.total < CellReference.maxRow else {
      throw XLSXError(.invalidArgument, "inserting \(e.shift.total) rows would run past the last row of a sheet",
                      file: workbook.path, sheet: info.name)
    }
    edits[info.name] = e
  }

  /// Sets the cell at `reference` (numbered as in the output) of `sheet` to `value`, with a formula
  /// whose cached result `value` is when given. `.empty` clears the cell and keeps its style.
  ///
  /// - Throws: ``XLSXError`` `no-such-sheet`.
  public func set(_ value: CellValue, formula: String? = nil, at reference: CellReference, sheet: String) throws {
    let info = try worksheet(sheet)
    var edit = edits[info.name]?.cells[reference.row]?[reference.column] ?? CellEdit()
    edit.value = value
    edit.formula = formula
    edits[info.name, default: SheetEdits()].cells[reference.row, default: [:]][reference.column] = edit
  }

  /// Lays a solid fill of `color` (ARGB, such as `FFFFC7CE`) over the style of the cell at
  /// `reference` (numbered as in the output), keeping its content, font, borders and number format.
  /// The styles part gets the fill and a filled copy of each cell style.
  ///
  /// - Throws: ``XLSXError`` `no-such-sheet`, or `invalid-argument` for a colour that is not ARGB.
  public func highlight(_ reference: CellReference, sheet: String, color: String) throws {
    let info = try worksheet(sheet)
    guard color.count == 8, color.allSatisfy(\.isHexDigit) else {
      throw XLSXError(.invalidArgument, "'\(color)' is not an ARGB colour such as FFFFC7CE", file: workbook.path)
    }
    var edit = edits[info.name]?.cells[reference.row]?[reference.column] ?? CellEdit()
    edit.fill = color.uppercased()
    edits[info.name, default: SheetEdits()].cells[reference.row, default: [:]][reference.column] = edit
  }

  /// Adds a note (a comment, shown when the pointer rests on the cell) to the cell at `reference`
  /// (numbered as in the output). A sheet that has notes keeps them; a cell that already has one
  /// keeps its own.
  ///
  /// - Throws: ``XLSXError`` `no-such-sheet`.
  public func addNote(_ text: String, at reference: CellReference, sheet: String) throws {
    let info = try worksheet(sheet)
    notes[info.name, default: []].append((reference, text))
  }

  /// Appends a worksheet after the others (its name made unique by a number when taken).
  public func append(_ sheet: AppendedSheet) {
    appended.append(sheet)
  }

  /// Writes the filled workbook to `path` (through a temporary file renamed into place).
  ///
  /// - Throws: ``XLSXError`` `invalid-argument` when `path` is the template itself, or any error of
  ///   reading the template's parts or writing the file.
  public func write(to path: String, compressionLevel: Int32 = 6) throws {
    if isSameFile(path, workbook.path) {
      throw XLSXError(.invalidArgument, "the output would overwrite the template", facts: XLSXError.Facts(.wouldOverwrite, value: workbook.path),
                      file: path)
    }
    let archive = workbook.archive
    var scratch: [String] = []
    defer { for p in scratch { removeTemporaryFile(p) } }
    var replaced: [String: String] = [:]  // lowercased part name → scratch file

    /// Streams `part` through `body` into a scratch file that replaces it in the output; a part the
    /// package does not have is left alone.
    func rewrite(_ part: String, sheet: String? = nil, _ body: (RawRewriter) throws -> Void) throws {
      guard let entry = archive.entry(named: part) else { return }
      let path = try makeScratchFile("part")
      scratch.append(path)
      let sink = try ByteSink(path: path)
      let parser = XMLPullParser(source: try archive.open(entry), part: entry.name, limits: workbook.options.xml,
                                 captureRaw: true)
      let rw = RawRewriter(parser: parser, sink: sink)
      do {
        try body(rw)
        try rw.finish()
        try sink.commit()
      } catch var e as XLSXError {
        if e.sheet == nil { e.sheet = sheet }
        throw e.located(file: workbook.path)
      }
      replaced[entry.name.lowercased()] = path
    }

    let workbookRels = try PackageReader.relationships(archive, of: workbook.workbookPartName)
    let calcChain = workbookRels.first { $0.kind == "calcChain" }
    let main = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    let relBase = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    var newParts: [(name: String, bytes: [UInt8])] = []
    var overrides: [(part: String, type: String)] = []
    var defaults: [(ext: String, type: String)] = []
    var workbookRelsAdded: [(id: String, type: String, target: String)] = []
    var sheetsAdded: [(name: String, rid: String)] = []
    var names = Set(archive.entries.map { $0.name.lowercased() })
    func unusedName(_ make: (Int) -> String) -> String {
      var k = 1
      while names.contains(make(k).lowercased()) { k += 1 }
      names.insert(make(k).lowercased())
      return make(k)
    }
    func unusedId(_ taken: [Relationship], _ extra: [String] = []) -> String {
      var k = 1
      while taken.contains(where: { $0.id == "rIdJx\(k)" }) || extra.contains("rIdJx\(k)") { k += 1 }
      return "rIdJx\(k)"
    }

    // Fills: one block of filled cell-style copies per colour.
    var colors = Set<String>()
    for e in edits.values { for row in e.cells.values { for edit in row.values { if let f = edit.fill { colors.insert(f) } } } }
    for sheet in appended { colors.formUnion(sheet.fills.values.map { $0.uppercased() }) }
    let fillColors = colors.sorted()
    var fillOffsets: [String: Int] = [:]
    if !fillColors.isEmpty {
      let count = workbook.styles.cellFormats.count
      guard count > 0, let part = workbookRels.first(where: { $0.kind == "styles" })?.partName, archive.entry(named: part) != nil else {
        throw XLSXError(.invalidArgument, "cells cannot be highlighted: the workbook has no cell styles", file: workbook.path)
      }
      for (i, c) in fillColors.enumerated() { fillOffsets[c] = count * (i + 1) }
      try rewrite(part) { rw in try PackageEdits.stylesWithFills(rw, colors: fillColors) }
    }

    // Notes: merged into a sheet's comments part, or new comments and VML parts.
    for info in workbook.sheets {
      guard let list = notes[info.name], !list.isEmpty else { continue }
      let rels = try PackageReader.relationships(archive, of: info.partName)
      let comments = rels.first { $0.kind == "comments" }?.partName
      let vml = rels.first { $0.kind == "vmlDrawing" }?.partName
      if let comments, let vml {
        guard edits[info.name]?.shift.isEmpty ?? true else {
          throw XLSXError(.invalidArgument, "notes cannot be added to a sheet that has notes and rows inserted",
                          file: workbook.path, sheet: info.name)
        }
        var added: [CellReference] = []
        try rewrite(comments, sheet: info.name) { rw in added = try PackageEdits.mergeComments(rw, notes: list, author: noteAuthor) }
        try rewrite(vml, sheet: info.name) { rw in try PackageEdits.mergeVML(rw, cells: added) }
        continue
      }
      guard vml == nil else {
        throw XLSXError(.invalidArgument, "notes cannot be added: the sheet's VML drawing holds controls, not notes",
                        file: workbook.path, sheet: info.name)
      }
      let commentsName = unusedName { "xl/comments\($0).xml" }
      let vmlName = unusedName { "xl/drawings/vmlDrawing\($0).vml" }
      newParts.append((commentsName, NoteParts.comments(list, author: noteAuthor)))
      newParts.append((vmlName, NoteParts.vml(list, idmap: info.index + 1)))
      let vmlId = unusedId(rels)
      let commentsId = unusedId(rels, [vmlId])
      let added = [(id: vmlId, type: relBase + "vmlDrawing", target: "/" + vmlName),
                   (id: commentsId, type: relBase + "comments", target: "/" + commentsName)]
      let relsName = Self.relationshipsPart(of: info.partName)
      if archive.entry(named: relsName) != nil {
        try rewrite(relsName, sheet: info.name) { rw in try PackageEdits.relationships(rw, adding: added) }
      } else {
        names.insert(relsName.lowercased())
        newParts.append((relsName, PackageEdits.newRelationships(added)))
      }
      edits[info.name, default: SheetEdits()].legacyDrawing = vmlId
      overrides.append((commentsName, main + ".comments+xml"))
      defaults.append(("vml", "application/vnd.openxmlformats-officedocument.vmlDrawing"))
    }

    // Appended sheets.
    var sheetNames = Set(workbook.sheets.map { $0.name.lowercased() })
    for sheet in appended {
      var name = sheet.name
      var k = 2
      while sheetNames.contains(name.lowercased()) {
        name = "\(sheet.name) (\(k))"
        k += 1
      }
      sheetNames.insert(name.lowercased())
      let part = unusedName { "xl/worksheets/sheet\($0).xml" }
      newParts.append((part, sheet.part { ref in sheet.fills[ref].flatMap { fillOffsets[$0.uppercased()] } }))
      let rid = unusedId(workbookRels, workbookRelsAdded.map(\.id))
      workbookRelsAdded.append((rid, relBase + "worksheet", "/" + part))
      sheetsAdded.append((name, rid))
      overrides.append((part, main + ".worksheet+xml"))
    }

    for info in workbook.sheets {
      guard let e = edits[info.name], !e.isEmpty else { continue }
      guard archive.entry(named: info.partName) != nil else {
        throw XLSXError(.missingPart, "the part \(info.partName) of sheet '\(info.name)' is missing",
                        facts: XLSXError.Facts(value: info.partName), file: workbook.path, part: info.partName, sheet: info.name)
      }
      try rewrite(info.partName, sheet: info.name) { rw in
        try SheetRewriter(sheetName: info.name, edits: e, date1904: workbook.date1904, rewriter: rw, fillOffsets: fillOffsets).run()
      }
      if !e.shift.isEmpty {
        try moveDependents(of: info, shift: e.shift, rewrite: rewrite)
      }
    }

    let shifts = workbook.sheets.compactMap { info in edits[info.name].map { (info.name, $0.shift) } }
      .filter { !$0.1.isEmpty }
    let anyEdit = edits.values.contains { !$0.isEmpty } || !sheetsAdded.isEmpty || !newParts.isEmpty
    var dropped: Set<String> = []
    if anyEdit {
      let titles = zip(sheetsAdded, appended).compactMap { added, sheet in sheet.pageSetup.repeatRows.map { (added.name, $0) } }
      try rewrite(workbook.workbookPartName) { rw in
        try Self.workbookPart(rw, shifts: shifts, adding: sheetsAdded, printTitles: titles)
      }
      var droppedIds: Set<String> = []
      var droppedOverrides: Set<String> = []
      if let calcChain, let part = calcChain.partName {
        dropped.insert(part.lowercased())
        droppedOverrides.insert(part.lowercased())
        droppedIds.insert(calcChain.id)
      }
      if !droppedIds.isEmpty || !workbookRelsAdded.isEmpty {
        try rewrite(Self.relationshipsPart(of: workbook.workbookPartName)) { rw in
          try PackageEdits.relationships(rw, adding: workbookRelsAdded, dropping: droppedIds)
        }
      }
      if !droppedOverrides.isEmpty || !overrides.isEmpty || !defaults.isEmpty {
        let existing = Set(try PackageReader.contentTypes(archive)?.defaults.keys.map { $0.lowercased() } ?? [])
        var seen = Set<String>()
        let uniqueDefaults = defaults.filter { seen.insert($0.ext).inserted }
        try rewrite("[Content_Types].xml") { rw in
          try PackageEdits.contentTypes(rw, droppingOverrides: droppedOverrides, addingOverrides: overrides,
                                        addingDefaults: uniqueDefaults, existingDefaults: existing)
        }
      }
    }

    let writer = try ZipWriter(path: path, compressionLevel: compressionLevel)
    for entry in archive.entries {
      let key = entry.name.lowercased()
      if dropped.contains(key) { continue }
      if let file = replaced[key] {
        try writer.add(entry.name, pieces: [.file(file)])
      } else {
        try writer.copy(entry, from: archive)
      }
    }
    for part in newParts { try writer.add(part.name, part.bytes) }
    try writer.close()
  }

  /// The relationships part of `part`: `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels`.
  static func relationshipsPart(of part: String) -> String {
    let dir = PackageReader.directory(of: part)
    let file = part.split(separator: "/").last.map(String.init) ?? ""
    return (dir.isEmpty ? "" : dir + "/") + "_rels/" + file + ".rels"
  }

  // MARK: - Parts that point into a sheet whose rows moved

  private func moveDependents(of sheet: SheetInfo, shift: RowShift,
                              rewrite: (String, String?, (RawRewriter) throws -> Void) throws -> Void) throws {
    let rels = try PackageReader.relationships(workbook.archive, of: sheet.partName)
    for rel in rels where !rel.isExternal {
      guard let part = rel.partName else { continue }
      switch rel.kind {
      case "comments":
        try rewrite(part, sheet.name) { rw in
          try Self.mapAttributes(rw) { name, attributes in
            if name == "comment" { attributes.map("ref", shift.mapCell) }
          }
        }
      case "table":
        try rewrite(part, sheet.name) { rw in
          try Self.mapAttributes(rw) { name, attributes in
            if name == "table" || name == "autoFilter" || name == "sortState" || name == "sortCondition" {
              attributes.map("ref", shift.mapList)
            }
          }
        }
      case "vmlDrawing":
        // Note shapes: <x:Row> is the zero-based row; <x:Anchor> lists col, dx, row, dy twice.
        try rewrite(part, sheet.name) { rw in
          try Self.mapTexts(rw) { name, text in
            if name == "Row", let r = Int(text.trimmingCharacters(in: " \t\n\r")) { return String(shift.map(r + 1) - 1) }
            if name == "Anchor" {
              var fields = text.split(separator: ",", omittingEmptySubsequences: false).map { String($0) }
              guard fields.count == 8 else { return text }
              for i in [2, 6] {
                if let r = Int(fields[i].trimmingCharacters(in: " \t\n\r")) { fields[i] = " " + String(shift.map(r + 1) - 1) }
              }
              return fields.joined(separator: ",")
            }
            return text
          }
        }
      case "drawing":
        // Anchors: <xdr:from>/<xdr:to> hold a zero-based <xdr:row>.
        try rewrite(part, sheet.name) { rw in
          try Self.mapTexts(rw) { name, text in
            if name == "row", let r = Int(text.trimmingCharacters(in: " \t\n\r")) { return String(shift.map(r + 1) - 1) }
            return text
          }
        }
      default:
        break
      }
    }
  }

  // MARK: - Small rewriters

  /// Copies a part, letting `change` edit each start tag's attributes (by local name).
  private static func mapAttributes(_ rw: RawRewriter, _ change: (String, inout [RawAttribute]) -> Void) throws {
    while true {
      let token = try rw.next()
      if token == .eof { return }
      if token == .start {
        let name = rw.parser.localName
        try rw.rewriteAttributes { change(name, &$0) }
      }
    }
  }

  /// Copies a part, letting `change` replace the text of elements (by the element's local name).
  private static func mapTexts(_ rw: RawRewriter, _ change: (String, String) -> String) throws {
    var element = ""
    while true {
      let token = try rw.next()
      switch token {
      case .eof: return
      case .start: element = rw.parser.localName
      case .end: element = ""
      case .text:
        guard !element.isEmpty else { continue }
        let old = try rw.parser.string(rw.parser.text)
        let new = change(element, old)
        if new != old {
          var b: [UInt8] = []
          XMLWriter.appendEscapedText(new, to: &b)
          rw.replace(with: b)
        }
      }
    }
  }

  /// The workbook part with defined names moved, `adding` sheets listed after the others (numbered
  /// after the highest sheetId) and a full recalculation on load requested.
  /// `printTitles`: the rows each added sheet repeats on every printed page (`_xlnm.Print_Titles`,
  /// added to the workbook's defined names, or in a `definedNames` of their own where it has none).
  private static func workbookPart(_ rw: RawRewriter, shifts: [(String, RowShift)], adding sheets: [(name: String, rid: String)],
                                   printTitles: [(sheet: String, rows: ClosedRange<Int>)] = []) throws {
    var maxSheetId = 0
    var sheetCount = 0
    var namesWritten = printTitles.isEmpty
    // The defined names of the added sheets: each sheet's index is after the workbook's own.
    func titleNames(_ prefix: String) -> [UInt8] {
      var b: [UInt8] = []
      for (sheet, rows) in printTitles {
        guard let i = sheets.firstIndex(where: { $0.name == sheet }) else { continue }
        b += RawRewriter.tag(prefix + "definedName", [RawAttribute(name: "name", text: "_xlnm.Print_Titles"),
                                                       RawAttribute(name: "localSheetId", text: String(sheetCount + i))], empty: false)
        XMLWriter.appendEscapedText(CellReference.quoted(sheet: sheet) + "!$\(rows.lowerBound):$\(rows.upperBound)", to: &b)
        b += Array("</\(prefix)definedName>".utf8)
      }
      return b
    }
    func namesElement(_ prefix: String) -> [UInt8] {
      RawRewriter.tag(prefix + "definedNames", [], empty: false) + titleNames(prefix) + Array("</\(prefix)definedNames>".utf8)
    }
    // Elements that come after definedNames in a workbook part.
    let afterNames: Set<String> = ["calcPr", "oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes",
                                   "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst"]
    // calcPr comes after these elements and before the ones in `after`.
    let after: Set<String> = ["oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes",
                              "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst"]
    var prefix = ""
    var sawCalcPr = false
    var inDefinedName = false
    while true {
      let token = try rw.next()
      switch token {
      case .eof: return
      case .start:
        let name = rw.parser.localName
        if rw.parser.depth == 1 { prefix = String(rw.parser.qualifiedName.dropLast(name.count)) }
        inDefinedName = name == "definedName"
        if rw.parser.depth == 3 && name == "sheet" {
          sheetCount += 1
          if let id = try rw.attributes().text("sheetId").flatMap({ Int($0) }) { maxSheetId = max(maxSheetId, id) }
        }
        if rw.parser.depth != 2 { continue }
        if !namesWritten && afterNames.contains(name) {
          namesWritten = true
          rw.insert(namesElement(prefix))
        }
        if !namesWritten && name == "definedNames" && rw.isSelfClosing {  // <definedNames/>: written whole
          namesWritten = true
          rw.replace(with: namesElement(prefix))
        }
        if name == "calcPr" {
          sawCalcPr = true
          try rw.rewriteAttributes { $0.set("fullCalcOnLoad", "1") }
        } else if !sawCalcPr && after.contains(name) {
          sawCalcPr = true
          rw.insert(RawRewriter.tag(prefix + "calcPr", [RawAttribute(name: "fullCalcOnLoad", text: "1")], empty: true))
        }
      case .text:
        guard inDefinedName, !shifts.isEmpty else { continue }
        let old = try rw.parser.string(rw.parser.text)
        var new = old
        for (sheet, shift) in shifts { new = shift.mapFormula(new, sheet: sheet, ownSheet: false) }
        if new != old {
          var b: [UInt8] = []
          XMLWriter.appendEscapedText(new, to: &b)
          rw.replace(with: b)
        }
      case .end:
        if rw.parser.depth == 1 && rw.parser.localName == "sheets" {
          var b: [UInt8] = []
          for (i, sheet) in sheets.enumerated() {
            b += RawRewriter.tag(prefix + "sheet", [
              RawAttribute(name: "xmlns:r", text: "http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
              RawAttribute(name: "name", text: sheet.name), RawAttribute(name: "sheetId", text: String(maxSheetId + i + 1)),
              RawAttribute(name: "r:id", text: sheet.rid),
            ], empty: true)
          }
          rw.insert(b)
        }
        if rw.parser.depth == 1 && rw.parser.localName == "definedNames" && !namesWritten {
          namesWritten = true
          rw.insert(titleNames(prefix))
        }
        if rw.parser.depth == 0 && !namesWritten {
          namesWritten = true
          rw.insert(namesElement(prefix))
        }
        if rw.parser.depth == 0 && !sawCalcPr {
          sawCalcPr = true
          rw.insert(RawRewriter.tag(prefix + "calcPr", [RawAttribute(name: "fullCalcOnLoad", text: "1")], empty: true))
        }
        inDefinedName = false
      }
    }
  }
}
