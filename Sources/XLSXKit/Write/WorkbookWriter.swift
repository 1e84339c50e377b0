// WorkbookWriter: writes a new .xlsx package.
//
//   [Content_Types].xml
//   _rels/.rels
//   docProps/app.xml, docProps/core.xml
//   xl/workbook.xml, xl/_rels/workbook.xml.rels
//   xl/styles.xml, xl/sharedStrings.xml
//   xl/worksheets/sheet1.xml …

import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Options for writing a workbook.
public struct WriteOptions: Sendable, Equatable {
  /// Deflate level for parts under ``largePartSize`` (1 fastest … 9 smallest).
  public var compressionLevel: Int32 = 6
  /// Deflate level for sheets of ``largePartSize`` bytes or more, where speed matters more.
  public var largePartCompressionLevel: Int32 = 1
  /// The size from which a sheet counts as large.
  public var largePartSize = 16 << 20
  /// The most bytes of distinct strings kept in the shared-string table; further new strings are
  /// written inline, so memory stays bounded on huge sheets.
  public var maxSharedStringBytes = 16 << 20
  /// Mark text with white space at either end `xml:space="preserve"`. On by default: without it
  /// Excel and calamine trim that white space. The ECMA-376 schema omits the attribute on `<t>`
  /// (Excel writes it all the same), so a part holding such text differs from the schema by exactly
  /// this attribute (docs/WRITER.md). Off writes plain text, schema-valid, trimmed by those readers.
  public var excelEdgeWhitespace = true

  /// The default options.
  public init() {}
}

/// Document properties written to docProps.
public struct WriteProperties: Sendable, Equatable {
  /// The title.
  public var title: String?
  /// The author.
  public var creator: String?
  /// The subject.
  public var subject: String?
  /// Keywords (`cp:keywords`).
  public var keywords: String?
  /// The creation time, ISO 8601 (`2025-04-16T00:00:00Z`); absent by default so output is reproducible.
  public var created: String?

  /// No properties.
  public init() {}
}

/// Writes a new workbook.
///
/// Add sheets with ``addSheet(_:)``, write their cells in row order, then ``close()``: the file is
/// written to a temporary name and renamed onto `path` only when complete.
public final class WorkbookWriter {
  /// The destination.
  public let path: String
  /// The options.
  public let options: WriteOptions
  /// Document properties.
  public var properties = WriteProperties()
  /// The sheets, in order.
  public private(set) var sheets: [WorksheetWriter] = []

  var styles = StyleTable()
  var strings: StringInterner
  private var names: [(name: String, sheet: Int?, value: String, hidden: Bool)] = []
  private var lists: [[String]] = []
  private var closed = false
  /// The archive written by ``close(commit:)``.
  private var finished: ZipWriter?

  /// Starts a workbook that will be written to `path`.
  public init(path: String, options: WriteOptions = WriteOptions()) {
    self.path = path
    self.options = options
    strings = StringInterner(maxBytes: options.maxSharedStringBytes)
  }

  /// Adds a sheet.
  ///
  /// - Throws: ``XLSXError`` `invalid-argument` for a name Excel refuses: empty, over 31
  ///   characters, containing `[ ] : * ? / \`, starting or ending with `'`, or already used
  ///   (compared case-insensitively).
  public func addSheet(_ name: String) throws -> WorksheetWriter {
    try WorkbookWriter.check(sheetName: name, existing: sheets.map(\.name))
    let s = WorksheetWriter(book: self, name: name, index: sheets.count)
    sheets.append(s)
    return s
  }

  /// Defines a name, global or local to a sheet, e.g. `權重合計` = `'業務面'!$E$2:$E$20`.
  public func defineName(_ name: String, _ value: String, sheet: Int? = nil, hidden: Bool = false) {
    names.append((name, sheet, value, hidden))
  }

  static func check(sheetName name: String, existing: [String]) throws {
    if name.isEmpty || name.count > 31 {
      throw XLSXError(.invalidArgument, "sheet name '\(name)' must have 1 to 31 characters", facts: XLSXError.Facts(.sheetName, value: name))
    }
    if name.contains(where: { "[]:*?/\\".contains($0) }) || name.hasPrefix("'") || name.hasSuffix("'") {
      throw XLSXError(.invalidArgument, "sheet name '\(name)' contains a character Excel forbids ([ ] : * ? / \\ or a leading or trailing ')",
                      facts: XLSXError.Facts(.sheetName, value: name))
    }
    if existing.contains(where: { $0.lowercased() == name.lowercased() }) {
      throw XLSXError(.invalidArgument, "sheet name '\(name)' is already used", facts: XLSXError.Facts(.sheetName, value: name))
    }
  }

  /// A range on the hidden list sheet holding `values`, for long validation lists.
  func listRange(_ values: [String]) -> String {
    lists.append(values)
    let col = CellReference.columnName(lists.count)
    return "'_lists'!$\(col)$1:$\(col)$\(max(values.count, 1))"
  }

  /// Writes the package and moves it onto the destination — or, with `commit` false, leaves it
  /// finished beside it until ``commit()`` or ``discard()``, so that several outputs of one command
  /// are replaced together or not at all.
  ///
  /// - Throws: ``XLSXError`` `write` or `io`; the destination is then left as it was.
  public func close(commit: Bool = true) throws {
    guard !closed else { return }
    closed = true
    if !lists.isEmpty {
      let sheet = try addSheet("_lists")
      sheet.isHidden = true
      sheet.autoFitColumns = false
      let longest = lists.map(\.count).max() ?? 0
      for r in 0..<longest {
        for (c, list) in lists.enumerated() where r < list.count {
          try sheet.write(r + 1, c + 1, .string(list[r]))
        }
      }
    }
    if sheets.isEmpty { _ = try addSheet("Sheet1") }
    let zip = try ZipWriter(path: path, compressionLevel: options.compressionLevel)
    finished = zip
    var sheetParts: [Part] = []
    for s in sheets {
      if let done = early[s.index] {
        sheetParts.append(done)
      } else {
        sheetParts.append(part(of: s, pieces: try s.finish(definedNames: &names)))
      }
    }

    try zip.add("[Content_Types].xml", contentTypes())
    try zip.add("_rels/.rels", rootRelationships())
    try zip.add("docProps/app.xml", appProperties())
    try zip.add("docProps/core.xml", coreProperties())
    try zip.add("xl/workbook.xml", workbookXML())
    try zip.add("xl/_rels/workbook.xml.rels", workbookRelationships())
    try zip.add("xl/styles.xml", styles.xml())
    var parts: [Part] = []
    if strings.count > 0 {
      let xml = strings.xml(preserveEdgeWhitespace: options.excelEdgeWhitespace)
      parts.append(Part(name: "xl/sharedStrings.xml", pieces: [.bytes(xml)], size: xml.count, level: options.compressionLevel))
    }
    try add(parts + sheetParts, to: zip)
    let base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    var chartNumber = 0
    for (i, sheet) in sheets.enumerated() where sheet.hasNotes || !sheet.charts.isEmpty {
      var rels: [(String, String, String)] = []
      if sheet.hasNotes {
        rels.append(("rId1", base + "vmlDrawing", "../drawings/vmlDrawing\(i + 1).vml"))
        rels.append(("rId2", base + "comments", "../comments\(i + 1).xml"))
        try zip.add("xl/comments\(i + 1).xml", sheet.commentsXML())
        try zip.add("xl/drawings/vmlDrawing\(i + 1).vml", sheet.notesVML())
      }
      if !sheet.charts.isEmpty {
        rels.append(("rId3", base + "drawing", "../drawings/drawing\(i + 1).xml"))
        try zip.add("xl/drawings/drawing\(i + 1).xml", ChartSpec.drawing(sheet.charts))
        var chartRels: [(String, String, String)] = []
        for (k, chart) in sheet.charts.enumerated() {
          chartNumber += 1
          chartRels.append(("rId\(k + 1)", base + "chart", "../charts/chart\(chartNumber).xml"))
          try zip.add("xl/charts/chart\(chartNumber).xml", chart.part(sheet: sheet.name))
        }
        try zip.add("xl/drawings/_rels/drawing\(i + 1).xml.rels", relationships(chartRels))
      }
      try zip.add("xl/worksheets/_rels/sheet\(i + 1).xml.rels", relationships(rels))
    }
    try zip.close(commit: commit)
  }

  /// Moves the package finished by `close(commit: false)` onto the destination.
  ///
  /// - Throws: ``XLSXError`` `io`.
  public func commit() throws { try finished?.commit() }

  /// Removes the package finished by `close(commit: false)`; the destination stays as it was.
  public func discard() { finished?.discard() }

  /// A part waiting to be compressed, or being compressed already.
  private struct Part {
    var name: String
    var pieces: [ZipPiece]
    var size: Int
    var level: Int32
    var compressing: BackgroundWork<CompressedEntry>?
  }

  /// Sheets ended by ``WorksheetWriter/close()``, by index.
  private var early: [Int: Part] = [:]

  /// The part of a finished sheet, its level set by its size.
  private func part(of sheet: WorksheetWriter, pieces: [ZipPiece]) -> Part {
    let size = pieces.reduce(0) { total, p in
      if case .bytes(let b) = p { return total + b.count }
      return total + options.largePartSize
    }
    return Part(name: "xl/worksheets/sheet\(sheet.index + 1).xml", pieces: pieces, size: size,
                level: size >= options.largePartSize ? options.largePartCompressionLevel : options.compressionLevel)
  }

  /// Ends `sheet` now and starts deflating its part on another thread.
  func finishEarly(_ sheet: WorksheetWriter) throws {
    guard !closed, early[sheet.index] == nil else { return }
    var p = part(of: sheet, pieces: try sheet.finish(definedNames: &names))
    p.compressing = WorkbookWriter.deflate(p)
    early[sheet.index] = p
  }

  /// Adds `parts` in order. When two or more are large, they are deflated side by side (the global
  /// queue runs as many at once as there are cores), largest first so that the cores finish
  /// together, then copied in: deflating is most of the time it takes to write a big workbook.
  private func add(_ parts: [Part], to zip: ZipWriter) throws {
    var parts = parts
    let large = parts.indices.filter { parts[$0].size >= 1 << 20 && parts[$0].compressing == nil }
    if large.count >= 2 && sysconf(Int32(_SC_NPROCESSORS_ONLN)) >= 2 {
      for i in large.sorted(by: { parts[$0].size > parts[$1].size }) { parts[i].compressing = WorkbookWriter.deflate(parts[i]) }
    }
    for p in parts {
      if let c = p.compressing {
        try zip.add(c.wait())
      } else {
        zip.compressionLevel = p.level
        try zip.add(p.name, pieces: p.pieces)
      }
    }
    zip.compressionLevel = options.compressionLevel
  }

  /// Starts deflating `part` on another thread (``ZipWriter/compress(_:pieces:level:)``).
  private static func deflate(_ part: Part) -> BackgroundWork<CompressedEntry> {
    let (name, pieces, level) = (part.name, part.pieces, part.level)
    return BackgroundWork { try ZipWriter.compress(name, pieces: pieces, level: level) }
  }

  // MARK: - Parts

  // [Content_Types].xml
  private func contentTypes() -> [UInt8] {
    var w = XMLWriter()
    w.declaration()
    w.start("Types", [("xmlns", "http://schemas.openxmlformats.org/package/2006/content-types")])
    w.empty("Default", [("Extension", "rels"), ("ContentType", "application/vnd.openxmlformats-package.relationships+xml")])
    w.empty("Default", [("Extension", "xml"), ("ContentType", "application/xml")])
    if sheets.contains(where: \.hasNotes) {
      w.empty("Default", [("Extension", "vml"), ("ContentType", "application/vnd.openxmlformats-officedocument.vmlDrawing")])
    }
    let main = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    w.empty("Override", [("PartName", "/xl/workbook.xml"), ("ContentType", main + ".sheet.main+xml")])
    for i in sheets.indices {
      w.empty("Override", [("PartName", "/xl/worksheets/sheet\(i + 1).xml"), ("ContentType", main + ".worksheet+xml")])
    }
    for (i, sheet) in sheets.enumerated() where sheet.hasNotes {
      w.empty("Override", [("PartName", "/xl/comments\(i + 1).xml"), ("ContentType", main + ".comments+xml")])
    }
    var chartNumber = 0
    for (i, sheet) in sheets.enumerated() where !sheet.charts.isEmpty {
      w.empty("Override", [("PartName", "/xl/drawings/drawing\(i + 1).xml"),
                           ("ContentType", "application/vnd.openxmlformats-officedocument.drawing+xml")])
      for _ in sheet.charts {
        chartNumber += 1
        w.empty("Override", [("PartName", "/xl/charts/chart\(chartNumber).xml"),
                             ("ContentType", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml")])
      }
    }
    w.empty("Override", [("PartName", "/xl/styles.xml"), ("ContentType", main + ".styles+xml")])
    if strings.count > 0 {
      w.empty("Override", [("PartName", "/xl/sharedStrings.xml"), ("ContentType", main + ".sharedStrings+xml")])
    }
    w.empty("Override", [("PartName", "/docProps/core.xml"), ("ContentType", "application/vnd.openxmlformats-package.core-properties+xml")])
    w.empty("Override", [("PartName", "/docProps/app.xml"), ("ContentType", "application/vnd.openxmlformats-officedocument.extended-properties+xml")])
    w.end("Types")
    return w.bytes
  }

  // _rels/.rels
  private func rootRelationships() -> [UInt8] {
    relationships([
      ("rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "xl/workbook.xml"),
      ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
      ("rId3", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties", "docProps/app.xml"),
    ])
  }

  // xl/_rels/workbook.xml.rels
  private func workbookRelationships() -> [UInt8] {
    let base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    var rels = sheets.indices.map { ("rId\($0 + 1)", base + "worksheet", "worksheets/sheet\($0 + 1).xml") }
    rels.append(("rId\(sheets.count + 1)", base + "styles", "styles.xml"))
    if strings.count > 0 { rels.append(("rId\(sheets.count + 2)", base + "sharedStrings", "sharedStrings.xml")) }
    return relationships(rels)
  }

  private func relationships(_ rels: [(String, String, String)]) -> [UInt8] {
    var w = XMLWriter()
    w.declaration()
    w.start("Relationships", [("xmlns", "http://schemas.openxmlformats.org/package/2006/relationships")])
    for (id, type, target) in rels { w.empty("Relationship", [("Id", id), ("Type", type), ("Target", target)]) }
    w.end("Relationships")
    return w.bytes
  }

  // xl/workbook.xml
  private func workbookXML() -> [UInt8] {
    var w = XMLWriter()
    w.declaration()
    w.start("workbook", [
      ("xmlns", "http://schemas.openxmlformats.org/spreadsheetml/2006/main"),
      ("xmlns:r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
    ])
    w.empty("workbookPr", [("defaultThemeVersion", "124226")])
    w.start("bookViews")
    w.empty("workbookView", [("xWindow", "0"), ("yWindow", "0"), ("windowWidth", "28800"), ("windowHeight", "12300")])
    w.end("bookViews")
    w.start("sheets")
    for (i, s) in sheets.enumerated() {
      var a: [(String, String)] = [("name", s.name), ("sheetId", String(i + 1))]
      if s.isHidden { a.append(("state", "hidden")) }
      a.append(("r:id", "rId\(i + 1)"))
      w.empty("sheet", a)
    }
    w.end("sheets")
    if !names.isEmpty {
      w.start("definedNames")
      let sorted = names.enumerated().sorted { ($0.element.name, $0.element.sheet ?? -1, $0.offset) < ($1.element.name, $1.element.sheet ?? -1, $1.offset) }
      for (_, n) in sorted {
        var a: [(String, String)] = [("name", n.name)]
        if let s = n.sheet { a.append(("localSheetId", String(s))) }
        if n.hidden { a.append(("hidden", "1")) }
        w.element("definedName", a, text: n.value)
      }
      w.end("definedNames")
    }
    w.empty("calcPr", [("calcId", "191029"), ("fullCalcOnLoad", "1")])
    w.end("workbook")
    return w.bytes
  }

  // docProps/app.xml
  private func appProperties() -> [UInt8] {
    var w = XMLWriter()
    w.declaration()
    w.start("Properties", [
      ("xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"),
      ("xmlns:vt", "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"),
    ])
    w.element("Application", text: "Jixiao")
    w.element("DocSecurity", text: "0")
    w.element("ScaleCrop", text: "false")
    w.end("Properties")
    return w.bytes
  }

  // docProps/core.xml
  private func coreProperties() -> [UInt8] {
    var w = XMLWriter()
    w.declaration()
    w.start("cp:coreProperties", [
      ("xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"),
      ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
      ("xmlns:dcterms", "http://purl.org/dc/terms/"),
      ("xmlns:dcmitype", "http://purl.org/dc/dcmitype/"),
      ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
    ])
    if let t = properties.title { w.element("dc:title", text: t) }
    if let s = properties.subject { w.element("dc:subject", text: s) }
    w.element("dc:creator", text: properties.creator ?? "Jixiao")
    if let k = properties.keywords { w.element("cp:keywords", text: k) }
    if let c = properties.created {
      w.element("dcterms:created", [("xsi:type", "dcterms:W3CDTF")], text: c)
      w.element("dcterms:modified", [("xsi:type", "dcterms:W3CDTF")], text: c)
    }
    w.end("cp:coreProperties")
    return w.bytes
  }
}
