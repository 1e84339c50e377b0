// SheetRewriter: copies a worksheet part, setting cells, inserting copies of template rows and moving
// every reference below them; everything else is copied byte for byte.

/// A value to put in a cell, a fill to give it, or both.
struct CellEdit {
  /// The new value; nil keeps what the cell holds.
  var value: CellValue?
  var formula: String?
  /// A solid fill (ARGB) laid over the cell's own style.
  var fill: String?
}

/// What to do to one worksheet.
struct SheetEdits {
  /// Rows inserted after template rows.
  var shift = RowShift()
  /// Cell values by output row, then column.
  var cells: [Int: [Int: CellEdit]] = [:]
  /// The relationship id of a VML drawing to reference with `<legacyDrawing>` (notes added).
  var legacyDrawing: String?

  var isEmpty: Bool { shift.isEmpty && cells.isEmpty && legacyDrawing == nil }
}

/// A row as read: its start tag, its cells and what lies between them, and its end tag.
private struct ParsedRow {
  enum Item {
    case raw([UInt8])
    case cell(ParsedCell)
  }
  var number: Int
  var attributes: [RawAttribute]
  var startRaw: [UInt8]
  var selfClosing: Bool
  var items: [Item] = []
  var endRaw: [UInt8] = []

  var cells: [ParsedCell] {
    items.compactMap { if case .cell(let c) = $0 { return c } else { return nil } }
  }

  var raw: [UInt8] {
    var b = startRaw
    for item in items {
      switch item {
      case .raw(let r): b += r
      case .cell(let c): b += c.raw
      }
    }
    return b + endRaw
  }
}

/// A cell as read, with the place of its formula inside its bytes.
private struct ParsedCell {
  var column: Int
  var hasReference: Bool
  var attributes: [RawAttribute]
  var selfClosing: Bool
  var raw: [UInt8] = []
  /// Where the content starts (after the start tag) and where the end tag starts.
  var contentStart = 0
  var contentEnd = 0
  /// The formula: its attributes, text and byte range in `raw`.
  var formulaAttributes: [RawAttribute]?
  var formulaText = ""
  var formulaRange = 0..<0
}

/// Rewrites one worksheet part.
final class SheetRewriter {
  private let sheetName: String
  private let edits: SheetEdits
  private let date1904: Bool
  private let rw: RawRewriter
  private var parser: XMLPullParser { rw.parser }
  private var shift: RowShift { edits.shift }

  /// Output rows with edits, ascending, and how many of them are written.
  private let editRows: [Int]
  private var editRowIndex = 0
  /// Insertions (template row, count) not yet written.
  private var insertions: [(after: Int, count: Int)]
  /// Shared formulas by `si`: the master's template position and text.
  private var masters: [String: (row: Int, column: Int, text: String)] = [:]
  /// Shared formulas whose master was overwritten: their other cells get explicit formulas.
  private var brokenShares: Set<String> = []
  /// The namespace prefix of the part's elements (`x:` in some files, usually none).
  private var cellPrefix = ""

  /// For each fill colour, what to add to a cell's style index to get its filled copy.
  private let fillOffsets: [String: Int]

  init(sheetName: String, edits: SheetEdits, date1904: Bool, rewriter: RawRewriter, fillOffsets: [String: Int] = [:]) {
    self.sheetName = sheetName
    self.edits = edits
    self.fillOffsets = fillOffsets
    self.date1904 = date1904
    self.rw = rewriter
    self.editRows = edits.cells.keys.sorted()
    self.insertions = edits.shift.insertions
  }

  /// Copies the part with the edits applied.
  func run() throws {
    var mapText: ((String) -> String)?
    var legacyDrawingDone = edits.legacyDrawing == nil
    /// Elements that follow `legacyDrawing` in a worksheet (ECMA-376 Part 1, §18.3.1.99).
    let afterLegacyDrawing: Set<String> = ["legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
                                           "webPublishItems", "tableParts", "extLst"]
    func insertLegacyDrawing() {
      guard !legacyDrawingDone, let id = edits.legacyDrawing else { return }
      legacyDrawingDone = true
      rw.insert(RawRewriter.tag(cellPrefix + "legacyDrawing", [
        RawAttribute(name: "xmlns:r", text: "http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
        RawAttribute(name: "r:id", text: id),
      ], empty: true))
    }
    while true {
      let token = try rw.next()
      if !legacyDrawingDone && parser.depth <= 2
        && ((token == .start && parser.depth == 2 && afterLegacyDrawing.contains(parser.localName))
          || (token == .end && parser.depth == 0))
      {
        insertLegacyDrawing()
      }
      switch token {
      case .eof:
        return
      case .text:
        if let m = mapText {
          let old = try parser.string(parser.text)
          let new = m(old)
          if new != old {
            var b: [UInt8] = []
            XMLWriter.appendEscapedText(new, to: &b)
            rw.replace(with: b)
          }
        }
      case .end:
        mapText = nil
      case .start:
        mapText = nil
        let name = parser.localName
        if parser.depth == 2 {
          if name == "sheetData" { try sheetData(); continue }
          if name == "dimension" { try dimension(); continue }
          if name == "mergeCells", !shift.isEmpty { try mergeCells(); continue }
        }
        guard !shift.isEmpty else { continue }
        switch name {
        case "pane": try rw.rewriteAttributes { $0.map("topLeftCell", shift.mapCell) }
        case "selection":
          try rw.rewriteAttributes {
            $0.map("activeCell", shift.mapCell)
            $0.map("sqref", shift.mapList)
          }
        case "conditionalFormatting", "dataValidation", "protectedRange", "ignoredError":
          try rw.rewriteAttributes { $0.map("sqref", shift.mapList) }
        case "hyperlink": try rw.rewriteAttributes { $0.map("ref", shift.mapCell) }
        case "autoFilter", "sortState", "sortCondition":
          try rw.rewriteAttributes { $0.map("ref", shift.mapList) }
        case "sqref":
          mapText = shift.mapList
        case "formula", "formula1", "formula2", "f":
          let sheet = sheetName
          let s = shift
          mapText = { s.mapFormula($0, sheet: sheet, ownSheet: true) }
        default: break
        }
      }
    }
  }

  // MARK: - Elements outside sheetData

  private func dimension() throws {
    var bottom = 0
    var right = 0
    for (row, cells) in edits.cells {
      bottom = max(bottom, row)
      right = max(right, cells.keys.max() ?? 0)
    }
    try rw.rewriteAttributes { attributes in
      attributes.map("ref") { ref in
        guard var range = CellRange(shift.mapList(ref)) else { return ref }
        if bottom > 0 {
          range = CellRange(range.first, CellReference(row: max(range.last.row, bottom), column: max(range.last.column, right)))
        }
        return range.description
      }
    }
  }

  private func mergeCells() throws {
    let prefix = parser.qualifiedName.dropLast("mergeCells".count)
    var attributes = try rw.attributes()
    var ranges: [CellRange] = []
    var raw: [String] = []
    if !rw.isSelfClosing {
      rw.drop()
      let depth = parser.depth
      while true {
        let token = try rw.next()
        rw.drop()
        if token == .eof { throw parser.error(.malformedXML, "the document ends inside <mergeCells>") }
        if token == .end && parser.depth < depth { break }
        if token == .start && parser.localName == "mergeCell", let ref = try rw.attributes().text("ref") {
          if let range = CellRange(ref) { ranges.append(range) } else { raw.append(ref) }
        }
      }
    }
    var out: [String] = []
    for range in ranges {
      // A merge inside one template row is copied to each copy below; others move and grow.
      let inTemplateRow = range.first.row == range.last.row && shift.insertions.contains { $0.after == range.first.row }
      out.append(inTemplateRow ? range.description : shift.map(range).description)
    }
    for insertion in shift.insertions {
      for range in ranges where range.first.row == insertion.after && range.last.row == insertion.after {
        let base = shift.map(insertion.after)
        for k in 1..<(insertion.count + 1) {
          out.append(CellRange(CellReference(row: base + k, column: range.first.column),
                               CellReference(row: base + k, column: range.last.column)).description)
        }
      }
    }
    out += raw
    attributes.set("count", String(out.count))
    var b = RawRewriter.tag(String(prefix) + "mergeCells", attributes, empty: false)
    for ref in out {
      b += RawRewriter.tag(String(prefix) + "mergeCell", [RawAttribute(name: "ref", text: ref)], empty: true)
    }
    b += Array("</\(prefix)mergeCells>".utf8)
    rw.replace(with: b)
  }

  // MARK: - sheetData

  private func sheetData() throws {
    cellPrefix = String(parser.qualifiedName.dropLast("sheetData".count))
    if rw.isSelfClosing {
      // <sheetData/>: open it, write what is to be added, close it.
      var b = Array("<\(cellPrefix)sheetData>".utf8)
      b += flushPendingRows(before: Int.max)
      b += Array("</\(cellPrefix)sheetData>".utf8)
      rw.replace(with: b)
      return
    }
    let depth = parser.depth
    var lastRow = 0
    while true {
      let token = try rw.next()
      if token == .eof { throw parser.error(.malformedXML, "the document ends inside <sheetData>") }
      if token == .end && parser.depth < depth {
        rw.insert(flushPendingRows(before: Int.max))
        return
      }
      guard token == .start, parser.localName == "row", parser.depth == depth + 1 else { continue }
      let row = try readRow(after: lastRow)
      lastRow = row.number
      var out = flushPendingRows(before: row.number)
      out += emit(row)
      out += emitCopies(of: row)
      rw.insert(out)
    }
  }

  /// Writes the insertions whose template row is absent and the edited rows that come before
  /// template row `templateRow` (output rows before its new number).
  private func flushPendingRows(before templateRow: Int) -> [UInt8] {
    var out: [UInt8] = []
    let limit = templateRow == Int.max ? Int.max : shift.map(templateRow)
    while true {
      let nextInsertion = insertions.first.map { $0.after < templateRow ? shift.map($0.after) + 1 : Int.max } ?? Int.max
      let nextEdit = editRowIndex < editRows.count && editRows[editRowIndex] < limit ? editRows[editRowIndex] : Int.max
      if nextInsertion == Int.max && nextEdit == Int.max { break }
      if nextInsertion <= nextEdit, let insertion = insertions.first {
        let empty = ParsedRow(number: insertion.after, attributes: [], startRaw: [], selfClosing: true)
        out += emitCopies(of: empty)
      } else {
        out += newRow(nextEdit, cells: [], attributes: [])
        editRowIndex += 1
      }
    }
    return out
  }

  private func readRow(after lastRow: Int) throws -> ParsedRow {
    let attributes = try rw.attributes()
    let number = attributes.text("r").flatMap { Int($0) } ?? lastRow + 1
    guard number >= 1, number <= CellReference.maxRow else {
      throw parser.error(.malformedXML, "a row numbered \(number), outside 1…\(CellReference.maxRow)")
    }
    var row = ParsedRow(number: number, attributes: attributes, startRaw: Array(rw.currentRaw),
                        selfClosing: rw.isSelfClosing)
    rw.drop()
    if row.selfClosing { return row }
    let depth = parser.depth
    rw.capture = []
    defer { rw.capture = nil }
    var column = 0
    while true {
      let token = try rw.next()
      if token == .eof { throw parser.error(.malformedXML, "the document ends inside a <row>") }
      if token == .end && parser.depth < depth {
        row.items.append(.raw(rw.capture ?? []))
        row.endRaw = Array(rw.currentRaw)
        rw.drop()
        return row
      }
      if token == .start && parser.depth == depth + 1 && parser.localName == "c" {
        if let pending = rw.capture, !pending.isEmpty { row.items.append(.raw(pending)) }
        rw.capture = []
        let cell = try readCell(row: number, after: column)
        column = cell.column
        row.items.append(.cell(cell))
        rw.capture = []
      }
    }
  }

  private func readCell(row: Int, after lastColumn: Int) throws -> ParsedCell {
    let attributes = try rw.attributes()
    var column = lastColumn + 1
    var hasReference = false
    if let r = attributes.text("r") {
      guard let ref = CellReference(r) else {
        throw parser.error(.malformedXML, "a cell reference \"\(r)\" that is not A1 notation")
      }
      column = ref.column
      hasReference = true
    }
    var cell = ParsedCell(column: column, hasReference: hasReference, attributes: attributes,
                          selfClosing: rw.isSelfClosing)
    rw.keep()
    cell.contentStart = rw.capture?.count ?? 0
    if cell.selfClosing {
      cell.raw = rw.capture ?? []
      cell.contentEnd = cell.contentStart
      return cell
    }
    let depth = parser.depth
    while true {
      let token = try rw.next()
      if token == .eof { throw parser.error(.malformedXML, "the document ends inside a <c>") }
      if token == .end && parser.depth < depth {
        cell.contentEnd = rw.capture?.count ?? 0
        rw.keep()
        cell.raw = rw.capture ?? []
        return cell
      }
      if token == .start && parser.depth == depth + 1 && parser.localName == "f" {
        let start = rw.capture?.count ?? 0
        cell.formulaAttributes = try rw.attributes()
        let closed = rw.isSelfClosing
        rw.keep()
        if !closed {
          var text: [UInt8] = []
          while true {
            let t = try rw.next()
            if t == .eof { throw parser.error(.malformedXML, "the document ends inside an <f>") }
            if t == .text { try parser.appendText(to: &text) }
            rw.keep()
            if t == .end && parser.depth == depth { break }
          }
          cell.formulaText = String(decoding: text, as: UTF8.self)
        }
        cell.formulaRange = start..<(rw.capture?.count ?? 0)
        continue
      }
      rw.keep()
    }
  }

  // MARK: - Writing rows

  /// The formula text of `cell` in template row `row`: its own, or its shared formula's master text
  /// moved to it ("" when neither is known).
  private func formulaText(_ cell: ParsedCell, row: Int) -> String {
    guard cell.formulaText.isEmpty, let si = cell.formulaAttributes?.text("si"), let master = masters[si] else {
      return cell.formulaText
    }
    return FormulaShifter.shift(master.text, rows: row - master.row, columns: cell.column - master.column)
  }

  /// The formula of `cell` in template row `row`, shared formulas expanded, references moved; nil
  /// when it is to be kept as written.
  private func formulaChange(_ cell: ParsedCell, row: Int) -> (attributes: [RawAttribute], text: String)? {
    guard var attributes = cell.formulaAttributes else { return nil }
    let kind = attributes.text("t") ?? "normal"
    var text = cell.formulaText
    let si = attributes.text("si") ?? ""
    if kind == "shared" {
      if attributes.text("ref") != nil, !text.isEmpty {
        masters[si] = (row, cell.column, text)
        if edits.cells[shift.map(row)]?[cell.column] != nil { brokenShares.insert(si) }
      }
      let unshare = !shift.isEmpty || brokenShares.contains(si)
      guard unshare else { return nil }
      text = formulaText(cell, row: row)
      attributes.remove("t")
      attributes.remove("si")
      attributes.remove("ref")
    } else if shift.isEmpty {
      return nil
    }
    if kind == "array" || kind == "dataTable" { attributes.map("ref", shift.mapList) }
    return (attributes, shift.mapFormula(text, sheet: sheetName, ownSheet: true))
  }

  private func emit(_ row: ParsedRow) -> [UInt8] {
    let number = shift.map(row.number)
    var rowEdits: [Int: CellEdit] = [:]
    if editRowIndex < editRows.count && editRows[editRowIndex] == number {
      rowEdits = edits.cells[number] ?? [:]
      editRowIndex += 1
    }
    var pieces: [(column: Int, bytes: [UInt8])] = []
    var changed = number != row.number || !rowEdits.isEmpty
    var between: [UInt8] = []
    for item in row.items {
      switch item {
      case .raw(let r):
        between += r
      case .cell(let cell):
        if let edit = rowEdits.removeValue(forKey: cell.column) {
          if edit.value == nil && edit.formula == nil {
            // Only a fill: the cell keeps its content.
            let f = formulaChange(cell, row: row.number)
            pieces.append((cell.column, between + rebuilt(cell, row: number, formula: f, fill: edit.fill)))
          } else {
            _ = formulaChange(cell, row: row.number)  // a master overwritten breaks its share
            pieces.append((cell.column, between + editedCell(edit, row: number, column: cell.column, like: cell.attributes)))
          }
          changed = true
        } else if let f = formulaChange(cell, row: row.number) {
          pieces.append((cell.column, between + rebuilt(cell, row: number, formula: f)))
          changed = true
        } else if number != row.number || !cell.hasReference {
          pieces.append((cell.column, between + rebuilt(cell, row: number, formula: nil)))
        } else {
          pieces.append((cell.column, between + cell.raw))
        }
        between = []
      }
    }
    if !changed { return row.raw }
    let style = rowStyle(row.attributes)
    for (column, edit) in rowEdits {
      pieces.append((column, editedCell(edit, row: number, column: column, like: style)))
    }
    pieces.sort { $0.column < $1.column }
    var attributes = row.attributes
    attributes.set("r", String(number))
    attributes.remove("spans")
    var b = RawRewriter.tag(cellPrefix + "row", attributes, empty: pieces.isEmpty && between.isEmpty)
    if pieces.isEmpty && between.isEmpty { return b }
    for p in pieces { b += p.bytes }
    b += between
    b += Array("</\(cellPrefix)row>".utf8)
    return b
  }

  /// Copies of template row `row` after it, as many as inserted there, with their edits.
  private func emitCopies(of row: ParsedRow) -> [UInt8] {
    guard let i = insertions.firstIndex(where: { $0.after == row.number }) else { return [] }
    let count = insertions[i].count
    insertions.remove(at: i)
    var out: [UInt8] = []
    let base = shift.map(row.number)
    let formulas: [Int: String] = Dictionary(
      row.cells.compactMap { cell -> (Int, String)? in
        guard let f = cell.formulaAttributes, (f.text("t") ?? "normal") == "normal" || f.text("t") == "shared" else { return nil }
        let text = formulaText(cell, row: row.number)
        guard !text.isEmpty else { return nil }
        return (cell.column, shift.mapFormula(text, sheet: sheetName, ownSheet: true))
      }, uniquingKeysWith: { a, _ in a })
    for k in 0..<count {
      let number = base + 1 + k
      while editRowIndex < editRows.count && editRows[editRowIndex] < number {
        out += newRow(editRows[editRowIndex], cells: [], attributes: [])
        editRowIndex += 1
      }
      var rowEdits: [Int: CellEdit] = [:]
      if editRowIndex < editRows.count && editRows[editRowIndex] == number {
        rowEdits = edits.cells[number] ?? [:]
        editRowIndex += 1
      }
      var cells: [(Int, [UInt8])] = []
      for cell in row.cells {
        if let edit = rowEdits.removeValue(forKey: cell.column) {
          cells.append((cell.column, editedCell(edit, row: number, column: cell.column, like: cell.attributes)))
          continue
        }
        var attributes = cell.attributes.filter { $0.name == "s" }
        attributes.insert(RawAttribute(name: "r", text: CellReference(row: number, column: cell.column).description), at: 0)
        if let f = formulas[cell.column] {
          var b = RawRewriter.tag(cellPrefix + "c", attributes, empty: false)
          b += Array("<\(cellPrefix)f>".utf8)
          XMLWriter.appendEscapedText(FormulaShifter.shift(f, rows: number - base, columns: 0), to: &b)
          b += Array("</\(cellPrefix)f></\(cellPrefix)c>".utf8)
          cells.append((cell.column, b))
        } else {
          cells.append((cell.column, RawRewriter.tag(cellPrefix + "c", attributes, empty: true)))
        }
      }
      let style = rowStyle(row.attributes)
      for (column, edit) in rowEdits {
        cells.append((column, editedCell(edit, row: number, column: column, like: style)))
      }
      cells.sort { $0.0 < $1.0 }
      var attributes = row.attributes
      attributes.remove("spans")
      out += newRow(number, cells: cells.map { $0.1 }, attributes: attributes)
    }
    return out
  }

  /// A `<row>` numbered `number` with `cells`; when `cells` is empty and the row has edits, those.
  private func newRow(_ number: Int, cells: [[UInt8]], attributes: [RawAttribute]) -> [UInt8] {
    var content = cells
    if cells.isEmpty, let rowEdits = edits.cells[number] {
      let style = rowStyle(attributes)
      content = rowEdits.keys.sorted().compactMap { column in
        rowEdits[column].map { editedCell($0, row: number, column: column, like: style) }
      }
    }
    var attributes = attributes
    attributes.setFirst("r", String(number))
    var b = RawRewriter.tag(cellPrefix + "row", attributes, empty: content.isEmpty)
    if content.isEmpty { return b }
    for c in content { b += c }
    b += Array("</\(cellPrefix)row>".utf8)
    return b
  }

  /// The row's own style, for new cells in a row formatted as a whole.
  private func rowStyle(_ attributes: [RawAttribute]) -> [RawAttribute] {
    guard attributes.text("customFormat") == "1" || attributes.text("customFormat") == "true",
          let s = attributes.first(where: { $0.name == "s" }) else { return [] }
    return [s]
  }

  /// A cell holding `edit`, styled like the cell it replaces (with the edit's fill over that style).
  private func editedCell(_ edit: CellEdit, row: Int, column: Int, like attributes: [RawAttribute]) -> [UInt8] {
    var a = [RawAttribute(name: "r", text: CellReference(row: row, column: column).description)]
    if let s = style(attributes, fill: edit.fill) { a.append(s) }
    guard let value = edit.value else { return RawRewriter.tag(cellPrefix + "c", a, empty: true) }
    var w = XMLWriter(capacity: 64)
    w.bytes = RawRewriter.tag(cellPrefix + "c", a, empty: false)
    w.bytes.removeLast()  // reopen the start tag for the type attribute
    w.cellContent(value, formula: edit.formula, date1904: date1904, preserveEdgeWhitespace: true, prefix: cellPrefix)
    return w.bytes
  }

  /// The `s` attribute of a cell styled by `attributes`, moved to its filled copy when `fill` is set
  /// (the filled copies of all cell styles follow the originals, one block per colour).
  private func style(_ attributes: [RawAttribute], fill: String?) -> RawAttribute? {
    let own = attributes.first { $0.name == "s" }
    guard let fill, let offset = fillOffsets[fill] else { return own }
    let index = own.flatMap { Int($0.text) } ?? 0
    return RawAttribute(name: "s", text: String(index + offset))
  }

  /// `cell` in row `row` with an explicit reference and, when given, a new formula.
  private func rebuilt(_ cell: ParsedCell, row: Int, formula: (attributes: [RawAttribute], text: String)?,
                       fill: String? = nil) -> [UInt8] {
    var attributes = cell.attributes
    attributes.setFirst("r", CellReference(row: row, column: cell.column).description)
    if fill != nil, let s = style(cell.attributes, fill: fill) { attributes.set("s", s.text) }
    let empty = cell.selfClosing && formula == nil
    var b = RawRewriter.tag(cellPrefix + "c", attributes, empty: empty)
    if empty { return b }
    if let formula, cell.formulaAttributes != nil {
      b += cell.raw[cell.contentStart..<cell.formulaRange.lowerBound]
      b += RawRewriter.tag(cellPrefix + "f", formula.attributes, empty: false)
      XMLWriter.appendEscapedText(formula.text, to: &b)
      b += Array("</\(cellPrefix)f>".utf8)
      b += cell.raw[cell.formulaRange.upperBound..<cell.contentEnd]
    } else {
      b += cell.raw[cell.contentStart..<cell.contentEnd]
    }
    b += Array("</\(cellPrefix)c>".utf8)
    return b
  }
}
