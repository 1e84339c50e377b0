// WorksheetWriter: streams one worksheet's rows to XML, and writes its head and tail
// (views, columns, merges, filters, validations, conditional formats, print setup) at the end.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Print setup of a sheet.
public struct PageSetup: Sendable, Equatable {
  /// A4 paper (otherwise the application's default).
  public var a4 = true
  /// Landscape orientation.
  public var landscape = false
  /// Scale to fit the width of one page.
  public var fitToWidth = false
  /// With ``fitToWidth``: scale to fit the height of one page too (the whole sheet on one page).
  public var fitToHeight = false
  /// Rows repeated at the top of every printed page, e.g. `1...3`.
  public var repeatRows: ClosedRange<Int>?

  /// The default: A4, portrait.
  public init() {}

  /// `sheetPr` with `fitToPage` when fitting (it comes before the sheet's dimension).
  func writeSheetProperties(_ w: inout XMLWriter) {
    guard fitToWidth else { return }
    w.start("sheetPr")
    w.empty("pageSetUpPr", [("fitToPage", "1")])
    w.end("sheetPr")
  }

  /// `pageMargins` and `pageSetup` (they come after the hyperlinks and before the drawings).
  func writeMarginsAndSetup(_ w: inout XMLWriter) {
    w.empty("pageMargins", [("left", "0.7"), ("right", "0.7"), ("top", "0.75"), ("bottom", "0.75"),
                            ("header", "0.3"), ("footer", "0.3")])
    var setup: [(String, String)] = []
    if a4 { setup.append(("paperSize", "9")) }
    if fitToWidth {
      setup.append(("fitToWidth", "1"))
      setup.append(("fitToHeight", fitToHeight ? "1" : "0"))
    }
    setup.append(("orientation", landscape ? "landscape" : "portrait"))
    w.empty("pageSetup", setup)
  }
}

/// A sheet's protection: locked cells cannot be changed; what stays allowed. Without a password,
/// as forms are protected against slips, not people (Excel and LibreOffice lift it from the menu).
public struct SheetProtection: Sendable, Equatable {
  /// Formatting cells, columns and rows (widths, heights, fonts, fills).
  public var formatting = true
  /// Inserting and deleting rows: a form with more indicators than it has rows.
  public var insertingAndDeletingRows = true
  /// Selecting locked cells (to copy from them).
  public var selectingLockedCells = true
  /// Sorting and filtering.
  public var sortingAndFiltering = true

  /// Everything above allowed.
  public init() {}

  /// `sheetProtection`: an attribute set to 1 forbids what it names; those left out forbid by the
  /// schema's default except `selectLockedCells` and `selectUnlockedCells` (allowed by default).
  func write(_ w: inout XMLWriter) {
    var a: [(String, String)] = [("sheet", "1"), ("objects", "1"), ("scenarios", "1")]
    if formatting { a += [("formatCells", "0"), ("formatColumns", "0"), ("formatRows", "0")] }
    if insertingAndDeletingRows { a += [("insertRows", "0"), ("deleteRows", "0")] }
    if !selectingLockedCells { a.append(("selectLockedCells", "1")) }
    if sortingAndFiltering { a += [("sort", "0"), ("autoFilter", "0")] }
    w.empty("sheetProtection", a)
  }
}

/// A conditional-formatting rule.
public enum ConditionalRule: Sendable, Equatable {
  /// Cells whose value compares with a formula: `operator` is `lessThan`, `greaterThan`,
  /// `equal`, `notEqual`, `lessThanOrEqual`, `greaterThanOrEqual`, `between`.
  case cellIs(operator: String, formula: String, format: CellFormat)
  /// Cells for which a formula (written for the range's top-left cell) is true.
  case expression(formula: String, format: CellFormat)
}

/// Writes one worksheet, row by row.
///
/// Rows must come in increasing order; within a row, cells may come in any order. Everything that
/// is not a cell (merges, filters, validations, views) may be set at any time before the workbook
/// closes. Only the current row is held in memory; the rest goes to a temporary file once the sheet
/// passes a few megabytes.
public final class WorksheetWriter {
  /// The sheet's name.
  public let name: String
  /// Its position in the workbook, 0-based.
  public let index: Int
  /// Hide the sheet.
  public var isHidden = false
  /// Show grid lines.
  public var showGridLines = true
  /// Size columns without an explicit width to their longest content in the first 1,000 rows (CJK
  /// characters count twice).
  public var autoFitColumns = true
  /// Print setup.
  public var pageSetup = PageSetup()
  /// The author named on the notes of this sheet.
  public var noteAuthor = "Jixiao"
  /// Protect the sheet: only cells of an ``CellFormat/unlocked`` format can be changed, and what
  /// the protection allows. Nil (the default) leaves the sheet open.
  public var protection: SheetProtection?

  unowned let book: WorkbookWriter
  private var body = XMLWriter(capacity: 1 << 16)
  private var spill: UnsafeMutablePointer<FILE>?
  private(set) var spillPath: String?
  /// The bytes of rows moved to the temporary file so far.
  private var spilled = 0
  /// The sheet's own string table while it is filled off the workbook's thread
  /// (``WorkbookWriter/fill(_:sideBySide:_:)``); nil otherwise.
  var deferred: DeferredStrings?
  /// The row being written: 0 before the first; a later write must be to it or below it.
  public private(set) var currentRow = 0
  private var rowCells: [(column: Int, value: CellValue, style: Int, formula: String?)] = []
  private var rowHeights: [Int: (height: Double, custom: Bool)] = [:]
  private var columns: [Int: (width: Double?, style: Int, hidden: Bool)] = [:]
  private var contentWidths: [Int: Double] = [:]
  private var wrapColumns: Set<Int> = []
  private var merges: [CellRange] = []
  private var freeze: (rows: Int, columns: Int)?
  private var filter: CellRange?
  private var validations: [(CellRange, String)] = []
  private var conditionals: [(CellRange, ConditionalRule)] = []
  private var notes: [(CellReference, String)] = []
  private var links: [(CellReference, String, String?)] = []
  private(set) var charts: [ChartSpec] = []
  private var minRef: CellReference?
  private var maxRef: CellReference?
  private var finished = false

  init(book: WorkbookWriter, name: String, index: Int) {
    self.book = book
    self.name = name
    self.index = index
  }

  deinit {
    if let spill { fclose(spill) }
    if let spillPath { removeTemporaryFile(spillPath) }
  }

  /// Ends the sheet before the workbook is closed: its part is built now and deflated on another
  /// core while the other sheets are written, so that ``WorkbookWriter/close()`` only copies it. No
  /// cell can be written afterwards, and settings made afterwards are not seen.
  ///
  /// - Throws: ``XLSXError`` `write` when its temporary file fails.
  public func close() throws {
    guard !finished else { return }
    try book.finishEarly(self)
  }

  private func checkOpen() throws {
    if finished { throw XLSXError(.invalidArgument, "the sheet is closed: nothing more can be written to it", sheet: name) }
  }

  // MARK: - Notes and links

  /// Attaches a note (a comment, shown when the pointer rests on the cell) to `reference`.
  public func addNote(_ text: String, at reference: CellReference) { notes.append((reference, text)) }

  /// Makes the cell at `reference` a link to a place in the workbook, such as `'業務面'!C12`.
  public func addLink(at reference: CellReference, to location: String, tooltip: String? = nil) {
    links.append((reference, location, tooltip))
  }

  /// Draws a chart over the sheet (a chart part and a drawing part in the package).
  public func addChart(_ chart: ChartSpec) { charts.append(chart) }

  /// Whether the sheet has notes, which need a comments part and a VML drawing.
  var hasNotes: Bool { !notes.isEmpty }

  /// The comments part (`xl/commentsN.xml`).
  func commentsXML() -> [UInt8] { NoteParts.comments(notes, author: noteAuthor) }

  /// The legacy VML drawing that gives each note its box, as Excel requires beside the comments part.
  func notesVML() -> [UInt8] { NoteParts.vml(notes, idmap: index + 1) }

  // MARK: - Cells

  /// Writes a value at `row`, `column` (1-based) with a format and, optionally, a formula whose
  /// cached result is `value`.
  ///
  /// - Throws: ``XLSXError`` `invalid-argument` for a row before the current one or a position
  ///   outside the grid; `write` when the temporary file fails.
  public func write(_ row: Int, _ column: Int, _ value: CellValue, format: CellFormat? = nil, formula: String? = nil) throws {
    try checkOpen()
    guard row >= 1, row <= CellReference.maxRow, column >= 1, column <= CellReference.maxColumn else {
      throw XLSXError(.invalidArgument, "row \(row), column \(column) is outside the grid", sheet: name)
    }
    if row != currentRow {
      guard row > currentRow else {
        throw XLSXError(.invalidArgument, "row \(row) comes after row \(currentRow): rows must be written in order", sheet: name)
      }
      try flushRow(before: row)
      currentRow = row
    }
    var style = book.styles.id(for: format)
    if format?.numberFormat == nil {
      switch value {
      case .dateTime(let d):
        let code = d.kind == .date ? "yyyy-mm-dd" : (d.kind == .time ? "hh:mm:ss" : "yyyy-mm-dd hh:mm:ss")
        style = book.styles.id(for: (format ?? CellFormat()).with(numberFormat: code))
      case .duration:
        style = book.styles.id(for: (format ?? CellFormat()).with(numberFormat: "[h]:mm:ss"))
      default:
        break
      }
    }
    if format?.wrap == true { wrapColumns.insert(column) }
    rowCells.append((column, value, style, formula))
    minRef = CellReference(row: min(minRef?.row ?? row, row), column: min(minRef?.column ?? column, column))
    maxRef = CellReference(row: max(maxRef?.row ?? row, row), column: max(maxRef?.column ?? column, column))
    if autoFitColumns && row <= 1000 && columns[column]?.0 == nil { measure(value, column: column, numberFormat: book.styles.numberFormat(of: style)) }
  }

  /// Writes a whole row of values from column 1 (nil leaves a cell empty).
  ///
  /// - Throws: as ``write(_:_:_:format:formula:)``.
  public func writeRow(_ row: Int, _ values: [CellValue?], format: CellFormat? = nil, height: Double? = nil) throws {
    for (i, v) in values.enumerated() {
      if let v { try write(row, i + 1, v, format: format) }
    }
    if let height { setRowHeight(row, height) }
  }

  /// Sets a row's height in points, before the row is written (a row with a height and no cell is
  /// written too).
  ///
  /// A `custom` height (the default) is the row's own, as when a person drags it: applications keep
  /// it whatever the row holds. Otherwise the height is the one that fits the row's text now, and
  /// applications fit the row again when its text changes (Excel and LibreOffice grow a wrapped
  /// cell's row as it is typed into): the right choice for rows sized to their text and for rows
  /// left for people to fill.
  public func setRowHeight(_ row: Int, _ height: Double, custom: Bool = true) {
    rowHeights[row] = (height, custom)
  }

  // MARK: - Fast rows

  /// Starts a row built cell by cell into a ``RowBuilder`` (the bulk path of conversions): no value
  /// is boxed and nothing of the sheet is touched until ``commit(_:)``.
  ///
  /// - Throws: ``XLSXError`` `invalid-argument` for a row outside the grid or out of order.
  public func makeRow(_ row: Int) throws -> RowBuilder {
    try checkOpen()
    guard row >= 1, row <= CellReference.maxRow else {
      throw XLSXError(.invalidArgument, "row \(row) is outside the grid", sheet: name)
    }
    guard row > currentRow else {
      throw XLSXError(.invalidArgument, "row \(row) comes after row \(currentRow): rows must be written in order", sheet: name)
    }
    try flushRow(before: row)
    currentRow = row
    return RowBuilder(row: row, sheet: self)
  }

  /// The style of `format` in this workbook, resolved once for the cells of a ``RowBuilder``.
  public func style(_ format: CellFormat?) -> CellStyle {
    let id = book.styles.id(for: format)
    return CellStyle(id: id, isPercent: book.styles.numberFormat(of: id)?.contains("%") == true)
  }

  /// The shared-string index of text, added to the table if new, for
  /// ``RowBuilder/sharedString(_:index:text:)``; nil when the table is full or while the sheet is
  /// filled by ``WorkbookWriter/fill(_:sideBySide:_:)`` (write it inline then).
  public func sharedStringIndex(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
    deferred == nil ? book.strings.index(of: text) : nil
  }

  /// The index of text in the table its cells refer to now: the workbook's, or the sheet's own
  /// while it is filled off the workbook's thread; nil when that table is full.
  func stringIndex(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
    deferred == nil ? book.strings.index(of: text) : deferred?.index(of: text)
  }

  /// Writes out the row not yet written (before the sheets are filled by
  /// ``WorkbookWriter/fill(_:sideBySide:_:)``).
  func flushPending() throws {
    try checkOpen()
    try flushRow(before: currentRow + 1)  // heights of later rows wait for those rows
  }

  /// Starts keeping the sheet's texts apart (``DeferredStrings``), before it is handed to another
  /// thread.
  func deferStrings() { deferred = DeferredStrings(maxBytes: book.options.maxSharedStringBytes) }

  /// Appends a built row to the sheet.
  ///
  /// - Throws: ``XLSXError`` `write` when the temporary file fails.
  public func commit(_ row: RowBuilder) throws {
    try checkOpen()
    guard row.row == currentRow else {
      throw XLSXError(.invalidArgument, "row \(row.row) was not the row being written", sheet: name)
    }
    let base = spilled + body.bytes.count
    for r in row.runs { deferred?.noteRun(at: base + r.offset, id: r.id) }
    body.bytes.append(contentsOf: row.bytes)
    body.raw("</row>")
    if row.maxColumn > 0 {
      minRef = CellReference(row: min(minRef?.row ?? row.row, row.row), column: min(minRef?.column ?? row.minColumn, row.minColumn))
      maxRef = CellReference(row: max(maxRef?.row ?? row.row, row.row), column: max(maxRef?.column ?? row.maxColumn, row.maxColumn))
    }
    if autoFitColumns {
      for (c, w) in row.widths.enumerated() where w > (contentWidths[c + 1] ?? 0) { contentWidths[c + 1] = w }
    }
    currentRow = row.row
    if body.bytes.count > 4 << 20 { try spillBody() }
  }

  // MARK: - Structure

  /// Sets a column's width (in characters), default format or visibility.
  public func setColumn(_ column: Int, width: Double? = nil, format: CellFormat? = nil, hidden: Bool = false) {
    columns[column] = (width, book.styles.id(for: format), hidden)
  }

  /// Merges a range. Write its value in the top-left cell, and formatted blanks in the others for
  /// borders to show.
  public func merge(_ range: CellRange) { merges.append(range) }

  /// Freezes the first `rows` rows and `columns` columns.
  public func freezePanes(rows: Int, columns: Int = 0) { freeze = (rows, columns) }

  /// Adds a filter over a range whose first row is the header.
  public func autoFilter(_ range: CellRange) { filter = range }

  /// Restricts a range to a list of values. Short lists are written in the rule; lists longer than
  /// 255 characters, or with commas, go to a hidden sheet that the rule refers to.
  public func addListValidation(_ range: CellRange, values: [String]) {
    let inline = values.joined(separator: ",")
    if inline.count <= 250, !values.contains(where: { $0.contains(",") || $0.contains("\"") }) {
      validations.append((range, "\"" + inline + "\""))
    } else {
      validations.append((range, book.listRange(values)))
    }
  }

  /// Restricts a range to the values of a range elsewhere, e.g. `'代碼'!$A$1:$A$5`.
  public func addListValidation(_ range: CellRange, source: String) { validations.append((range, source)) }

  /// Adds a conditional-formatting rule.
  public func addConditionalFormat(_ range: CellRange, _ rule: ConditionalRule) { conditionals.append((range, rule)) }

  // MARK: - Output

  /// Writes the current row, then the rows before `next` that have a height and no cell.
  private func flushRow(before next: Int = .max) throws {
    if currentRow > 0, !rowCells.isEmpty || rowHeights[currentRow] != nil {
      rowCells.sort { $0.column < $1.column }
      body.raw(rowStart(currentRow))
      var last = 0
      for c in rowCells where c.column != last {
        last = c.column
        writeCell(c.column, c.value, c.style, c.formula)
      }
      body.raw("</row>")
      rowCells.removeAll(keepingCapacity: true)
    }
    if !rowHeights.isEmpty {
      for r in rowHeights.keys.filter({ $0 > currentRow && $0 < next }).sorted() { body.raw(rowStart(r) + "</row>") }
    }
    if body.bytes.count > 4 << 20 { try spillBody() }
  }

  /// `<row r="…"` with the row's height, if one was set (then forgotten), and `>`.
  private func rowStart(_ row: Int) -> String {
    var attrs = "<row r=\"\(row)\""
    if let h = rowHeights.removeValue(forKey: row) {
      attrs += " ht=\"\(formatNumber(h.height))\"" + (h.custom ? " customHeight=\"1\"" : "")
    }
    return attrs + ">"
  }

  private func writeCell(_ column: Int, _ value: CellValue, _ style: Int, _ formula: String?) {
    body.raw("<c r=\"")
    appendColumnLetters(column, to: &body.bytes)
    appendInteger(Int64(currentRow), to: &body.bytes)
    body.bytes.append(0x22)
    if style != 0 {
      body.raw(" s=\"")
      appendInteger(Int64(style), to: &body.bytes)
      body.bytes.append(0x22)
    }
    if case .string(var text) = value, formula == nil {
      // Text goes through the shared-string table unless it is full (then inline, below).
      let run = spilled + body.bytes.count
      if let id = text.withUTF8({ stringIndex($0) }) {
        body.raw(" t=\"s\"><v>")
        appendInteger(Int64(id), to: &body.bytes)
        body.raw("</v></c>")
        deferred?.noteRun(at: run, id: id)
        return
      }
    }
    body.cellContent(value, formula: formula, date1904: false, preserveEdgeWhitespace: book.options.excelEdgeWhitespace)
  }

  private func spillBody() throws {
    if spill == nil {
      let path = try makeScratchFile("sheet")
      guard let f = fopen(path, "w+b") else {
        removeTemporaryFile(path)
        throw XLSXError(.write, "cannot open a temporary file: \(String(cString: strerror(errno)))", facts: .system(.scratchFile),
                        sheet: name)
      }
      spill = f
      spillPath = path
    }
    guard let spill else { return }
    let n = body.bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, spill) }
    if n != body.bytes.count {
      throw XLSXError(.write, "cannot write a temporary file: \(String(cString: strerror(errno)))", facts: .system(.scratchFile),
                        sheet: name)
    }
    spilled += n
    body.bytes.removeAll(keepingCapacity: true)
  }

  /// Gives the text of a sheet filled off the workbook's thread the workbook's shared-string
  /// indices (``DeferredStrings``): its rows, in the temporary file and in memory, are rewritten.
  private func resolveDeferredStrings() throws {
    guard let strings = deferred else { return }
    deferred = nil
    let globals = strings.resolve(into: &book.strings)
    var rewriter = DeferredStrings.Rewriter(strings, globals: globals, preserveEdgeWhitespace: book.options.excelEdgeWhitespace)
    // Rows of more than a megabyte are read back from the temporary file a megabyte at a time and
    // written out as often, so that the sheet is never held twice.
    let piece = 1 << 20
    if spill != nil || body.bytes.count > piece { try spillBody() }
    let (written, writtenPath, rows) = (spill, spillPath, spill == nil ? body.bytes : [])
    (spill, spillPath, spilled) = (nil, nil, 0)
    body.bytes = []
    defer {
      if let written { fclose(written) }
      if let writtenPath { removeTemporaryFile(writtenPath) }
    }
    if let written {
      fflush(written)
      rewind(written)
      var chunk = [UInt8](repeating: 0, count: piece)
      while true {
        let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, written) }
        if n == 0 {
          if ferror(written) != 0 {
            throw XLSXError(.write, "cannot read a temporary file: \(String(cString: strerror(errno)))", facts: .system(.scratchFile),
                        sheet: name)
          }
          break
        }
        chunk.withUnsafeBufferPointer { rewriter.rewrite(UnsafeBufferPointer(rebasing: $0[0..<n]), into: &body.bytes) }
        if body.bytes.count > piece { try spillBody() }
      }
    }
    rows.withUnsafeBufferPointer { rewriter.rewrite($0, into: &body.bytes) }
  }

  private func measure(_ value: CellValue, column: Int, numberFormat: String?) {
    let width: Double
    switch value {
    case .string(let s): width = lineWidth(s)
    case .number(let n):
      width = Double(formatNumber(n).count) + (numberFormat?.contains("%") == true ? 1 : 0)
    case .dateTime(let d): width = d.kind == .dateTime ? 19 : (d.kind == .time ? 8 : 10)
    case .duration: width = 9
    case .bool: width = 5
    case .error(let e): width = Double(e.count)
    case .empty: width = 0
    }
    if width > (contentWidths[column] ?? 0) { contentWidths[column] = width }
  }

  /// The parts of this sheet's XML: head, streamed rows, tail.
  func finish(definedNames: inout [(name: String, sheet: Int?, value: String, hidden: Bool)]) throws -> [ZipPiece] {
    try flushRow()
    try resolveDeferredStrings()
    finished = true
    var head = XMLWriter(capacity: 2048)
    head.declaration()
    head.start("worksheet", [
      ("xmlns", "http://schemas.openxmlformats.org/spreadsheetml/2006/main"),
      ("xmlns:r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
    ])
    pageSetup.writeSheetProperties(&head)
    let dimension = minRef.map { CellRange($0, maxRef ?? $0).description } ?? "A1"
    head.empty("dimension", [("ref", dimension)])
    head.start("sheetViews")
    var view: [(String, String)] = []
    if index == 0 { view.append(("tabSelected", "1")) }
    if !showGridLines { view.append(("showGridLines", "0")) }
    view.append(("workbookViewId", "0"))
    if let freeze, freeze.rows > 0 || freeze.columns > 0 {
      head.start("sheetView", view)
      var pane: [(String, String)] = []
      if freeze.columns > 0 { pane.append(("xSplit", String(freeze.columns))) }
      if freeze.rows > 0 { pane.append(("ySplit", String(freeze.rows))) }
      let active = freeze.rows > 0 && freeze.columns > 0 ? "bottomRight" : (freeze.rows > 0 ? "bottomLeft" : "topRight")
      pane.append(("topLeftCell", CellReference(row: freeze.rows + 1, column: freeze.columns + 1).description))
      pane.append(("activePane", active))
      pane.append(("state", "frozen"))
      head.empty("pane", pane)
      head.empty("selection", [("pane", active)])
      head.end("sheetView")
    } else {
      head.empty("sheetView", view)
    }
    head.end("sheetViews")
    head.empty("sheetFormatPr", [("defaultRowHeight", "16.5")])
    var widths: [Int: (Double?, Int, Bool)] = [:]
    for (c, v) in columns { widths[c] = v }
    if autoFitColumns {
      for (c, w) in contentWidths where widths[c]?.0 == nil {
        let cap = wrapColumns.contains(c) ? 40.0 : 60.0
        widths[c] = (min(max(w + 2, 8.43), cap), widths[c]?.1 ?? 0, widths[c]?.2 ?? false)
      }
    }
    if !widths.isEmpty {
      head.start("cols")
      for c in widths.keys.sorted() {
        guard let (w, style, hidden) = widths[c] else { continue }
        var a: [(String, String)] = [("min", String(c)), ("max", String(c))]
        a.append(("width", formatNumber(((w ?? 8.43) * 100).rounded() / 100)))
        if style != 0 { a.append(("style", String(style))) }
        if hidden { a.append(("hidden", "1")) }
        if w != nil { a.append(("customWidth", "1")) }
        head.empty("col", a)
      }
      head.end("cols")
    }
    head.raw("<sheetData>")

    var tail = XMLWriter(capacity: 2048)
    tail.raw("</sheetData>")
    protection?.write(&tail)
    let quoted = CellReference.quoted(sheet: name)
    if let filter {
      tail.empty("autoFilter", [("ref", filter.description)])
      definedNames.append(("_xlnm._FilterDatabase", index, quoted + "!" + absolute(filter), true))
    }
    if !merges.isEmpty {
      tail.start("mergeCells", [("count", String(merges.count))])
      for m in merges { tail.empty("mergeCell", [("ref", m.description)]) }
      tail.end("mergeCells")
    }
    var priority = 1
    for (range, rule) in conditionals {
      tail.start("conditionalFormatting", [("sqref", range.description)])
      switch rule {
      case .cellIs(let op, let formula, let format):
        let dxf = book.styles.differentialID(for: format)
        tail.start("cfRule", [("type", "cellIs"), ("dxfId", String(dxf)), ("priority", String(priority)), ("operator", op)])
        tail.element("formula", text: formula)
        tail.end("cfRule")
      case .expression(let formula, let format):
        let dxf = book.styles.differentialID(for: format)
        tail.start("cfRule", [("type", "expression"), ("dxfId", String(dxf)), ("priority", String(priority))])
        tail.element("formula", text: formula)
        tail.end("cfRule")
      }
      tail.end("conditionalFormatting")
      priority += 1
    }
    if !validations.isEmpty {
      tail.start("dataValidations", [("count", String(validations.count))])
      for (range, formula) in validations {
        tail.start("dataValidation", [("type", "list"), ("allowBlank", "1"), ("showInputMessage", "1"),
                                      ("showErrorMessage", "1"), ("sqref", range.description)])
        tail.element("formula1", text: formula)
        tail.end("dataValidation")
      }
      tail.end("dataValidations")
    }
    if !links.isEmpty {
      tail.start("hyperlinks")
      for (ref, location, tooltip) in links {
        var a = [("ref", ref.description), ("location", location)]
        if let tooltip { a.append(("tooltip", tooltip)) }
        tail.empty("hyperlink", a)
      }
      tail.end("hyperlinks")
    }
    pageSetup.writeMarginsAndSetup(&tail)
    if !charts.isEmpty { tail.empty("drawing", [("r:id", "rId3")]) }
    if hasNotes { tail.empty("legacyDrawing", [("r:id", "rId1")]) }
    tail.end("worksheet")
    if let rows = pageSetup.repeatRows {
      definedNames.append(("_xlnm.Print_Titles", index, quoted + "!$\(rows.lowerBound):$\(rows.upperBound)", false))
    }

    var pieces: [ZipPiece] = [.bytes(head.bytes)]
    if let spill, let spillPath {
      try spillBody()
      fflush(spill)
      pieces.append(.file(spillPath))
    } else {
      pieces.append(.bytes(body.bytes))
    }
    pieces.append(.bytes(tail.bytes))
    body.bytes = []
    return pieces
  }

  private func absolute(_ r: CellRange) -> String {
    "$\(CellReference.columnName(r.first.column))$\(r.first.row):$\(CellReference.columnName(r.last.column))$\(r.last.row)"
  }
}

/// The width of text in character cells: East-Asian wide and full-width characters count two.
public func displayWidth<S: StringProtocol>(_ s: S) -> Double {
  var w = 0.0
  for u in s.unicodeScalars { w += scalarWidth(u) }
  return w
}

/// The display width of the longest line of `s`.
func lineWidth(_ s: String) -> Double {
  var longest = 0.0, line = 0.0
  for u in s.unicodeScalars {
    if u == "\n" {
      longest = max(longest, line)
      line = 0
    } else {
      line += scalarWidth(u)
    }
  }
  return max(longest, line)
}

/// The width of one scalar: 2 for East Asian wide forms, else 1.
@inline(__always) func scalarWidth(_ u: Unicode.Scalar) -> Double {
  switch u.value {
  case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
    0xFFE0...0xFFE6, 0x20000...0x3FFFD:
    return 2
  default:
    return 1
  }
}

extension String {
  func replacingAll(_ target: String, _ replacement: String) -> String {
    split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
  }
}

/// One row's cells, built as XML by the caller and appended by ``WorksheetWriter/commit(_:)``.
///
/// Cells must come in increasing column order. Column widths are measured on the first 1,000 rows.
public struct RowBuilder {
  /// The 1-based row.
  public let row: Int
  var bytes: [UInt8] = []
  var minColumn = Int.max
  var maxColumn = 0
  var widths: [Double] = []
  /// The shared-string runs written by ``text(_:_:style:)`` (``DeferredStrings``), where they start
  /// in ``bytes``.
  var runs: [(offset: Int, id: Int)] = []
  private let rowDigits: [UInt8]
  private let measures: Bool
  private let preserve: Bool
  private unowned let sheet: WorksheetWriter
  private let deferring: Bool

  init(row: Int, sheet: WorksheetWriter) {
    self.row = row
    self.sheet = sheet
    deferring = sheet.deferred != nil
    var d: [UInt8] = []
    appendInteger(Int64(row), to: &d)
    rowDigits = d
    measures = row <= 1000
    preserve = sheet.book.options.excelEdgeWhitespace
    bytes.reserveCapacity(256)
    bytes.append(ascii: "<row r=\"")
    bytes.append(contentsOf: d)
    bytes.append(ascii: "\">")
  }

  @inline(__always) private mutating func start(_ column: Int) {
    if column < minColumn { minColumn = column }
    if column > maxColumn { maxColumn = column }
    bytes.append(ascii: "<c r=\"")
    appendColumnLetters(column, to: &bytes)
    bytes.append(contentsOf: rowDigits)
    bytes.append(0x22)
  }

  private mutating func measure(_ column: Int, _ width: Double) {
    if widths.count < column { widths.append(contentsOf: repeatElement(0, count: column - widths.count)) }
    if width > widths[column - 1] { widths[column - 1] = width }
  }

  /// A number cell from text that is already a valid number (`-12.5`, `1e-05`).
  public mutating func number(_ column: Int, _ text: UnsafeBufferPointer<UInt8>) {
    start(column)
    bytes.append(ascii: "><v>")
    bytes.append(contentsOf: text)
    bytes.append(ascii: "</v></c>")
    if measures { measure(column, Double(text.count)) }
  }

  /// A shared-string cell.
  public mutating func sharedString(_ column: Int, index: Int, text: UnsafeBufferPointer<UInt8>) {
    start(column)
    appendShared(index)
    if measures { measure(column, displayWidth(String(decoding: text, as: UTF8.self))) }
  }

  /// An inline-string cell.
  public mutating func inlineString(_ column: Int, _ text: UnsafeBufferPointer<UInt8>) {
    start(column)
    let s = String(decoding: text, as: UTF8.self)
    appendInline(s)
    if measures { measure(column, displayWidth(s)) }
  }

  private mutating func appendShared(_ index: Int) {
    bytes.append(ascii: " t=\"s\"><v>")
    appendInteger(Int64(index), to: &bytes)
    bytes.append(ascii: "</v></c>")
  }

  private mutating func appendInline(_ s: String) {
    bytes.append(ascii: " t=\"inlineStr\"><is>")
    var w = XMLWriter(capacity: s.utf8.count + 16)
    w.cellText(s, preserve: preserve)
    bytes.append(contentsOf: w.bytes)
    bytes.append(ascii: "</is></c>")
  }

  @inline(__always) private mutating func styled(_ style: CellStyle) {
    guard style.id != 0 else { return }
    bytes.append(ascii: " s=\"")
    appendInteger(Int64(style.id), to: &bytes)
    bytes.append(0x22)
  }

  /// A number cell in `style` (from ``WorksheetWriter/style(_:)``). A value that is not finite is
  /// written as 0, as ``WorksheetWriter/write(_:_:_:format:formula:)`` writes it.
  public mutating func number(_ column: Int, _ value: Double, style: CellStyle = .general) {
    start(column)
    styled(style)
    bytes.append(ascii: "><v>")
    let mark = bytes.count
    appendXMLNumber(value, to: &bytes)
    let digits = bytes.count - mark
    bytes.append(ascii: "</v></c>")
    if measures { measure(column, Double(digits) + (style.isPercent ? 1 : 0)) }
  }

  /// A text cell in `style`, through the workbook's shared-string table (inline once the table is
  /// full).
  public mutating func text(_ column: Int, _ value: String, style: CellStyle = .general) {
    start(column)
    styled(style)
    var s = value
    if let index = s.withUTF8({ sheet.stringIndex($0) }) {
      let run = bytes.count
      appendShared(index)
      if deferring { runs.append((run, index)) }
    } else {
      appendInline(value)
    }
    if measures { measure(column, lineWidth(value)) }
  }
}

/// A cell format resolved to its place in a workbook's styles (``WorksheetWriter/style(_:)``).
public struct CellStyle: Sendable, Equatable {
  let id: Int
  let isPercent: Bool

  /// The default style: General, no font, fill or border.
  public static let general = CellStyle(id: 0, isPercent: false)
}

/// Appends a column's letters (1 → `A`, 27 → `AA`) without building a String.
@inline(__always)
func appendColumnLetters(_ column: Int, to out: inout [UInt8]) {
  if column <= 26 {
    out.append(UInt8(truncatingIfNeeded: 0x40 + column))
  } else if column <= 702 {
    out.append(UInt8(truncatingIfNeeded: 0x40 + (column - 1) / 26))
    out.append(UInt8(truncatingIfNeeded: 0x41 + (column - 1) % 26))
  } else {
    out.append(contentsOf: CellReference.columnName(column).utf8)
  }
}

extension Array where Element == UInt8 {
  /// Appends a literal's bytes (a copy of the buffer, not a walk over a string's UTF-8 view).
  @inline(__always) mutating func append(ascii s: StaticString) {
    s.withUTF8Buffer { append(contentsOf: $0) }
  }
}
