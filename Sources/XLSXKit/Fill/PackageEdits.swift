// PackageEdits: the part-level edits the filler makes besides sheets — filled copies of the cell
// styles, notes merged into an existing comments part and its VML, new relationships, content types
// and sheets listed in the workbook part.

/// A worksheet the filler appends to the workbook.
public struct AppendedSheet: Sendable {
  /// The tab's name (made unique if the workbook already has it).
  public var name: String
  /// The rows from A1 down, each a list of values from column A.
  public var rows: [[CellValue]]
  /// Internal links: the cell and where it points, such as `'績效'!D50`.
  public var links: [(cell: CellReference, location: String)] = []
  /// Solid fills (ARGB) by cell.
  public var fills: [CellReference: String] = [:]
  /// Column widths in characters, by 1-based column.
  public var columnWidths: [Int: Double] = [:]
  /// Rows kept in view at the top (a frozen header).
  public var frozenRows = 0
  /// Whether the first row heads an autofilter over the rows.
  public var autoFilter = false
  /// How it prints: A4, landscape or portrait, fitted to the page's width or not.
  public var pageSetup = PageSetup()

  /// A sheet of `rows` named `name`.
  public init(name: String, rows: [[CellValue]]) {
    self.name = name
    self.rows = rows
  }

  /// The worksheet part: inline strings (the shared strings stay untouched), styles from `style`.
  func part(style: (CellReference) -> Int?) -> [UInt8] {
    var w = XMLWriter()
    w.declaration()
    w.start("worksheet", [("xmlns", "http://schemas.openxmlformats.org/spreadsheetml/2006/main"),
                          ("xmlns:r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships")])
    let width = rows.map(\.count).max() ?? 0
    pageSetup.writeSheetProperties(&w)
    if !rows.isEmpty && width > 0 {
      w.empty("dimension", [("ref", "A1:" + CellReference(row: rows.count, column: width).description)])
    }
    if frozenRows > 0 {
      w.start("sheetViews")
      w.start("sheetView", [("workbookViewId", "0")])
      let top = CellReference(row: frozenRows + 1, column: 1).description
      w.empty("pane", [("ySplit", String(frozenRows)), ("topLeftCell", top), ("activePane", "bottomLeft"), ("state", "frozen")])
      w.empty("selection", [("pane", "bottomLeft"), ("activeCell", top), ("sqref", top)])
      w.end("sheetView")
      w.end("sheetViews")
    }
    if !columnWidths.isEmpty {
      w.start("cols")
      for (c, wd) in columnWidths.sorted(by: { $0.key < $1.key }) {
        w.empty("col", [("min", String(c)), ("max", String(c)), ("width", Quantityless.number(wd)), ("customWidth", "1")])
      }
      w.end("cols")
    }
    w.start("sheetData")
    for (r, row) in rows.enumerated() {
      w.start("row", [("r", String(r + 1))])
      for (c, value) in row.enumerated() {
        let ref = CellReference(row: r + 1, column: c + 1)
        if case .empty = value, style(ref) == nil { continue }
        var b = RawRewriter.tag("c", [RawAttribute(name: "r", text: ref.description)]
          + (style(ref).map { [RawAttribute(name: "s", text: String($0))] } ?? []), empty: false)
        b.removeLast()
        w.bytes += b
        w.cellContent(value, formula: nil, date1904: false, preserveEdgeWhitespace: false)
      }
      w.end("row")
    }
    w.end("sheetData")
    if autoFilter && !rows.isEmpty && width > 0 {
      w.empty("autoFilter", [("ref", "A1:" + CellReference(row: rows.count, column: width).description)])
    }
    if !links.isEmpty {
      w.start("hyperlinks")
      for l in links { w.empty("hyperlink", [("ref", l.cell.description), ("location", l.location)]) }
      w.end("hyperlinks")
    }
    pageSetup.writeMarginsAndSetup(&w)
    w.end("worksheet")
    return w.bytes
  }
}

/// Numbers for attributes without a needless fraction.
enum Quantityless {
  static func number(_ v: Double) -> String {
    v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
  }
}

enum PackageEdits {
  /// The styles part with one solid fill per colour and, per colour, a copy of every cell style
  /// (`cellXfs`) using that fill: style `s` filled with colour `i` is `s + (i + 1) × count`, count
  /// being the number of cell styles. The `count` attributes of the two lists are dropped (they are
  /// optional, and a wrong one is worse than none).
  static func stylesWithFills(_ rw: RawRewriter, colors: [String]) throws {
    var fillCount = 0
    var inFills = false
    var inCellXfs = false
    var clones: [(name: String, attributes: [RawAttribute], empty: Bool, children: [UInt8])] = []  // to copy per colour
    var xf: [UInt8]?  // the children of the cell style being read
    var xfAttributes: [RawAttribute] = []
    var xfName = ""
    var xfEmpty = false
    var prefix = ""
    while true {
      let token = try rw.next()
      let p = rw.parser
      switch token {
      case .eof: return
      case .start:
        let name = p.localName
        if p.depth == 1 { prefix = String(p.qualifiedName.dropLast(name.count)) }
        if p.depth == 2 && (name == "fills" || name == "cellXfs") {
          inFills = name == "fills"
          inCellXfs = name == "cellXfs"
          try rw.rewriteAttributes { $0.remove("count") }
        } else if inFills && p.depth == 3 && name == "fill" {
          fillCount += 1
        } else if inCellXfs && p.depth == 3 && name == "xf" {
          xfAttributes = try rw.attributes()
          xfName = p.qualifiedName
          xfEmpty = rw.isSelfClosing
          xf = []
        } else if xf != nil {
          xf? += Array(rw.currentRaw)
        }
      case .text:
        if xf != nil { xf? += Array(rw.currentRaw) }
      case .end:
        if xf != nil {
          if p.depth == 2 {
            clones.append((xfName, xfAttributes, xfEmpty, xf ?? []))
            xf = nil
          } else {
            xf? += Array(rw.currentRaw)
          }
        }
        guard p.depth == 1 else { continue }
        if inFills {
          inFills = false
          var b: [UInt8] = []
          for color in colors {
            b += Array("<\(prefix)fill><\(prefix)patternFill patternType=\"solid\"><\(prefix)fgColor rgb=\"\(color)\"/><\(prefix)bgColor indexed=\"64\"/></\(prefix)patternFill></\(prefix)fill>".utf8)
          }
          rw.insert(b)
        } else if inCellXfs {
          inCellXfs = false
          var b: [UInt8] = []
          for i in colors.indices {
            for clone in clones {
              var a = clone.attributes
              a.set("fillId", String(fillCount + i))
              a.set("applyFill", "1")
              b += RawRewriter.tag(clone.name, a, empty: clone.empty)
              if !clone.empty { b += clone.children + Array("</\(clone.name)>".utf8) }
            }
          }
          rw.insert(b)
        }
      }
    }
  }

  typealias NewRelationship = (id: String, type: String, target: String)

  /// `<Relationship>` elements for `added` (id, type, absolute target).
  private static func relationshipElements(_ added: [NewRelationship]) -> [UInt8] {
    var entries: [UInt8] = []
    for r in added {
      entries += RawRewriter.tag("Relationship", [RawAttribute(name: "Id", text: r.id), RawAttribute(name: "Type", text: r.type),
                                                  RawAttribute(name: "Target", text: r.target)], empty: true)
    }
    return entries
  }

  /// A new relationships part holding `added`.
  static func newRelationships(_ added: [NewRelationship]) -> [UInt8] {
    var w = XMLWriter()
    w.declaration()
    w.start("Relationships", [("xmlns", "http://schemas.openxmlformats.org/package/2006/relationships")])
    w.bytes += relationshipElements(added)
    w.end("Relationships")
    return w.bytes
  }

  /// An existing relationships part with `added` relationships and without the ids in `dropped`.
  static func relationships(_ rw: RawRewriter, adding added: [NewRelationship], dropping dropped: Set<String> = []) throws {
    try editChildren(rw, drop: { name, attributes in name == "Relationship" && dropped.contains(attributes.text("Id") ?? "") },
                     appendAtRootEnd: relationshipElements(added))
  }

  /// `[Content_Types].xml` with overrides dropped and added, and defaults added when missing.
  static func contentTypes(_ rw: RawRewriter, droppingOverrides dropped: Set<String>,
                           addingOverrides overrides: [(part: String, type: String)],
                           addingDefaults defaults: [(ext: String, type: String)], existingDefaults: Set<String>) throws {
    var b: [UInt8] = []
    for d in defaults where !existingDefaults.contains(d.ext.lowercased()) {
      b += RawRewriter.tag("Default", [RawAttribute(name: "Extension", text: d.ext), RawAttribute(name: "ContentType", text: d.type)], empty: true)
    }
    for o in overrides {
      b += RawRewriter.tag("Override", [RawAttribute(name: "PartName", text: "/" + o.part), RawAttribute(name: "ContentType", text: o.type)], empty: true)
    }
    try editChildren(rw, drop: { name, attributes in
      name == "Override" && dropped.contains(PackageReader.normalize(attributes.text("PartName") ?? "").lowercased())
    }, appendAtRootEnd: b)
  }

  /// Copies a part, dropping the root's children `drop` picks and appending bytes before the root's end.
  static func editChildren(_ rw: RawRewriter, drop: (String, [RawAttribute]) -> Bool, appendAtRootEnd bytes: [UInt8]) throws {
    while true {
      let token = try rw.next()
      switch token {
      case .eof: return
      case .end:
        if rw.parser.depth == 0 { rw.insert(bytes) }
      case .start:
        guard rw.parser.depth == 2, drop(rw.parser.localName, try rw.attributes()) else { continue }
        let closed = rw.isSelfClosing
        rw.drop()
        if closed { continue }
        while true {
          let t = try rw.next()
          rw.drop()
          if t == .eof || (t == .end && rw.parser.depth < 2) { break }
        }
      case .text: continue
      }
    }
  }

  /// An existing comments part with `notes` appended (cells that already have a comment keep theirs)
  /// and `author` added to its authors. Returns the cells that got a note.
  static func mergeComments(_ rw: RawRewriter, notes: [(CellReference, String)], author: String) throws -> [CellReference] {
    var authors = 0
    var taken: Set<CellReference> = []
    var prefix = ""
    var added: [CellReference] = []
    while true {
      let token = try rw.next()
      let p = rw.parser
      switch token {
      case .eof: return added
      case .start:
        let name = p.localName
        if p.depth == 1 { prefix = String(p.qualifiedName.dropLast(name.count)) }
        if p.depth == 3 && name == "author" { authors += 1 }
        if p.depth == 3 && name == "comment", let ref = try rw.attributes().text("ref").flatMap({ CellReference($0) }) {
          taken.insert(ref)
        }
      case .end:
        if p.depth == 1 && p.localName == "authors" {
          var w = XMLWriter(capacity: 64)
          w.element(prefix + "author", text: author)
          rw.insert(w.bytes)
        }
        if p.depth == 1 && p.localName == "commentList" {
          var w = XMLWriter()
          for (ref, text) in notes where !taken.contains(ref) {
            NoteParts.comment(ref, text, authorId: authors, prefix: prefix, into: &w)
            added.append(ref)
            taken.insert(ref)
          }
          rw.insert(w.bytes)
        }
      case .text: continue
      }
    }
  }

  /// An existing VML drawing with a note box for each of `cells` appended.
  static func mergeVML(_ rw: RawRewriter, cells: [CellReference]) throws {
    var idmap = 1
    var shapes = 0
    var hasType = false
    while true {
      let token = try rw.next()
      let p = rw.parser
      switch token {
      case .eof: return
      case .start:
        let name = p.localName
        let attributes = try rw.attributes()
        if name == "idmap", let d = attributes.text("data")?.split(separator: ",").first.flatMap({ Int($0) }) { idmap = d }
        if name == "shape" { shapes += 1 }
        if name == "shapetype" && attributes.text("id") == "_x0000_t202" { hasType = true }
      case .end:
        if p.depth == 0 {
          var w = XMLWriter()
          if !hasType { NoteParts.shapeType(into: &w) }
          for (i, ref) in cells.enumerated() {
            NoteParts.shape(ref, id: idmap * 1024 + shapes + i + 1, z: shapes + i + 1, into: &w)
          }
          rw.insert(w.bytes)
        }
      case .text: continue
      }
    }
  }
}
