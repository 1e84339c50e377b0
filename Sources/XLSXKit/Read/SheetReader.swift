// SheetReader: streams a worksheet's rows from its XML without holding the sheet in memory.

/// A cell as read, before conversion to a Swift value: its bytes stay in the row's arena.
public struct RawCell: Sendable {
  /// What the cell's `t` attribute and content make it.
  public enum Kind: UInt8, Sendable {
    /// A number (`t="n"` or no `t`); ``RawCell/number`` holds it and the arena its text.
    case number
    /// A shared string; ``RawCell/index`` is its index.
    case sharedString
    /// Text in the arena: an inline string or a formula's string result.
    case string
    /// A boolean; ``RawCell/number`` is 0 or 1.
    case bool
    /// An error such as `#N/A`, its text in the arena.
    case error
    /// An ISO 8601 date (`t="d"`), its text in the arena.
    case isoDate
  }

  /// The 1-based column.
  public var column: Int
  /// The kind of value.
  public var kind: Kind
  /// The cell style index (`s`), 0 when absent.
  public var style: Int
  /// The number, for numbers and booleans.
  public var number: Double
  /// The shared-string index, for shared strings.
  public var index: Int
  /// Offset of the cell's text (or number text) in the row's arena.
  public var textStart: Int
  /// Length of that text.
  public var textCount: Int
  /// Offset of the formula text in the arena, or -1 when the cell has no formula.
  public var formulaStart: Int
  /// Length of the formula text.
  public var formulaCount: Int
}

/// A cell's `t` attribute.
enum CellType: Equatable {
  case number, shared, bool, error, isoDate, formulaString, inlineString, unknown

  init(_ b: UnsafeBufferPointer<UInt8>) {
    switch b.count {
    case 0: self = .unknown
    case 1:
      switch b[0] {
      case 0x6E: self = .number
      case 0x73: self = .shared
      case 0x62: self = .bool
      case 0x65: self = .error
      case 0x64: self = .isoDate
      default: self = .unknown
      }
    default:
      if b.elementsEqual("str".utf8) {
        self = .formulaString
      } else if b.elementsEqual("inlineStr".utf8) {
        self = .inlineString
      } else {
        self = .unknown
      }
    }
  }
}

/// Whether `count` bytes from `start` hold an `_xHHHH_` escape.
@inline(__always)
func containsExcelEscape(_ a: [UInt8], _ start: Int, _ count: Int) -> Bool {
  if count < 7 { return false }
  return a.withUnsafeBufferPointer { b in
    var i = start
    let last = start + count - 7
    while i <= last {
      if b[i] == 0x5F && b[i + 1] == 0x78 && b[i + 6] == 0x5F { return true }
      i += 1
    }
    return false
  }
}

/// The growing parts of a row while it is read, held outside the row object so that the hot path
/// works on local storage.
struct RowBuffers {
  var cells: [RawCell] = []
  var arena: [UInt8] = []
  /// Cells read in the sheet so far, this row included.
  var cellCount = 0

  func text(_ c: RawCell) -> String {
    String(decoding: arena[c.textStart..<(c.textStart + c.textCount)], as: UTF8.self)
  }
}

/// One row of cells, reused from row to row by ``SheetReader``.
public final class SheetRow {
  /// The 1-based row number.
  public internal(set) var index = 0
  /// The row's non-empty cells, in the order written (normally by column).
  public internal(set) var cells: [RawCell] = []
  /// Bytes that the cells' text offsets point into.
  public internal(set) var arena: [UInt8] = []

  init() {
    cells.reserveCapacity(64)
    arena.reserveCapacity(4096)
  }

  /// A cell's text (string, error, ISO date or number text).
  public func text(_ c: RawCell) -> String {
    String(decoding: arena[c.textStart..<(c.textStart + c.textCount)], as: UTF8.self)
  }
}

/// Streams the rows of one worksheet.
///
/// Call ``nextRow()`` until it returns nil; each call reuses the same ``SheetRow``. Merged ranges
/// and the other parts after `sheetData` are known once the rows are exhausted. Rows and cells
/// without an `r` attribute follow the previous one; the `dimension` element is reported but never
/// trusted.
public final class SheetReader {
  /// The sheet being read.
  public let sheet: SheetInfo
  /// The workbook's shared strings.
  public let sharedStrings: SharedStringTable
  /// The workbook's styles.
  public let styles: Styles
  /// Whether the workbook uses the 1904 date system.
  public let date1904: Bool
  /// The file's path, for errors.
  public let path: String
  /// Merged ranges, complete once ``nextRow()`` has returned nil.
  public private(set) var mergedRanges: [CellRange] = []
  /// The `dimension` element's ref as written, if any.
  public private(set) var dimension: String?
  /// Whether some row came before a row it should follow.
  public private(set) var rowsOutOfOrder = false
  /// The number of cells read so far.
  public private(set) var cellCount = 0
  /// The damage that ended the sheet early, when ``ReadOptions/strict`` is off; also recorded in
  /// the workbook's ``Workbook/damages``.
  public private(set) var damage: SheetDamage?

  private let parser: XMLPullParser
  private let row = SheetRow()
  private let maxTextBytes: Int
  private let maxTextLength: Int
  private let maxCells: Int
  private var inSheetData = false
  private var finished = false
  private var lastRow = 0
  private var lastRowRead = 0
  private var sharedFormulas: [Int: (CellReference, String)] = [:]
  private let workbook: Workbook

  init(parser: XMLPullParser, sheet: SheetInfo, workbook: Workbook, sharedStrings: SharedStringTable) {
    self.parser = parser
    self.workbook = workbook
    self.sheet = sheet
    self.sharedStrings = sharedStrings
    self.styles = workbook.styles
    self.date1904 = workbook.date1904
    self.path = workbook.path
    self.maxTextBytes = workbook.options.maxCellTextBytes
    self.maxTextLength = workbook.options.maxCellTextLength
    self.maxCells = workbook.options.maxCellsPerSheet
  }

  private func fail(_ code: XLSXError.Code, _ message: String, facts: XLSXError.Facts = .init(), cell: String? = nil) -> XLSXError {
    var e = parser.error(code, message, facts: facts)
    e.file = path
    e.sheet = sheet.name
    e.cell = cell
    return e
  }

  /// Reads the next row that has at least one cell; nil after the last.
  ///
  /// - Throws: ``XLSXError`` located by file, part, sheet, cell and line.
  public func nextRow() throws -> SheetRow? {
    if finished { return nil }
    do {
      while true {
        let t = try parser.next()
        switch t {
        case .start:
          if inSheetData {
            if parser.isLocalName("row") {
              try readRow()
              if !row.cells.isEmpty {
                lastRowRead = row.index
                return row
              }
            } else if parser.isLocalName("c") {
              throw fail(.malformedXML, "a <c> cell outside any <row>")
            } else {
              try parser.skipElement()
            }
          } else if parser.isLocalName("sheetData") {
            inSheetData = true
          } else if parser.isLocalName("mergeCell") {
            if let ref = try parser.attributeString("ref") {
              guard let range = CellRange(ref) else {
                throw fail(.invalidValue, "a merged range '\(ref)' that is not a range within the grid", facts: XLSXError.Facts(value: ref))
              }
              mergedRanges.append(range)
            }
          } else if parser.isLocalName("dimension") {
            dimension = try parser.attributeString("ref")
          }
        case .end:
          if parser.isLocalName("sheetData") { inSheetData = false }
        case .text:
          continue
        case .eof:
          finished = true
          return nil
        }
      }
    } catch let e as XLSXError {
      finished = true
      let located = e.located(file: path, part: parser.part, sheet: sheet.name)
      guard !workbook.options.strict, SheetDamage.isConfined(located) else { throw located }
      endDamaged(located)
      return nil
    }
  }

  /// Ends the sheet at damage that the other sheets survive: the rows before it are kept.
  func endDamaged(_ error: XLSXError) {
    finished = true
    let record = SheetDamage(sheet: sheet.name, error: error, lastRowRead: lastRowRead)
    damage = record
    workbook.recordDamage(record)
  }

  /// Parses the current `<row>` (its start tag just read) into ``row``.
  private func readRow() throws {
    var out = RowBuffers()
    swap(&out.cells, &row.cells)
    swap(&out.arena, &row.arena)
    out.cells.removeAll(keepingCapacity: true)
    out.arena.removeAll(keepingCapacity: true)
    out.cellCount = cellCount
    defer {
      swap(&out.cells, &row.cells)
      swap(&out.arena, &row.arena)
      cellCount = out.cellCount
    }
    var r = lastRow + 1
    for (name, value) in parser.attributeSlices where name.count == 1 && parser.byte(at: name.start) == 0x72 {
      guard let v = parser.withBytes(value, { parseInt($0) }), v >= 1, v <= CellReference.maxRow else {
        let number = try parser.string(value)
        throw fail(.invalidValue, "row number '\(number)' is not within 1…\(CellReference.maxRow)", facts: XLSXError.Facts(value: number))
      }
      r = v
    }
    if r <= lastRow { rowsOutOfOrder = true }
    lastRow = r
    row.index = r
    let rowDepth = parser.depth
    var lastColumn = 0
    var scanned = ScannedCell()
    while true {
      if parser.depth == rowDepth {
        switch parser.scanCell(into: &scanned) {
        case .cell:
          lastColumn = try addScanned(scanned, after: lastColumn, into: &out)
          continue
        case .needMore:
          if try parser.fill(keeping: parser.pos).0 { continue }
        case .fallback:
          break
        }
      }
      let t = try parser.next()
      if t == .end && parser.depth < rowDepth { return }
      guard t == .start else {
        if t == .eof { return }
        continue
      }
      if parser.isLocalName("c") {
        lastColumn = try readCell(after: lastColumn, into: &out)
      } else {
        try parser.skipElement()
      }
    }
  }

  /// A cell's parts, gathered by either path, with text offsets in the row's arena.
  private struct PendingCell {
    var column: Int
    var type = CellType.number
    var unknownTypeStart = -1
    var unknownTypeCount = 0
    var style = 0
    var vStart = -1
    var vCount = 0
    var fStart = -1
    var fCount = 0
    var sharedIndex = -1
    var sharedMaster = false
    var isStart = -1
    var isEnd = -1
  }

  /// Adds a cell read by the fast path: copies its text into the arena and finishes it.
  private func addScanned(_ s: ScannedCell, after lastColumn: Int, into out: inout RowBuffers) throws -> Int {
    var p = PendingCell(column: lastColumn + 1)
    let b = parser.buffer
    if s.refStart >= 0 {
      guard let column = CellReference.parseColumn(UnsafeBufferPointer(start: b + s.refStart, count: s.refCount)) else {
        let text = String(decoding: UnsafeBufferPointer(start: b + s.refStart, count: s.refCount), as: UTF8.self)
        throw fail(.invalidValue, "cell reference '\(text)' is not A1 notation within the grid (XFD1048576)", facts: XLSXError.Facts(value: text))
      }
      p.column = column
    }
    if s.typeStart >= 0 {
      let t = UnsafeBufferPointer(start: b + s.typeStart, count: s.typeCount)
      p.type = CellType(t)
      if p.type == .unknown {
        p.unknownTypeStart = out.arena.count
        out.arena.append(contentsOf: t)
        p.unknownTypeCount = t.count
      }
    }
    p.style = s.style
    if s.fStart >= 0 {
      p.fStart = out.arena.count
      out.arena.append(contentsOf: UnsafeBufferPointer(start: b + s.fStart, count: s.fCount))
      p.fCount = s.fCount
      p.sharedIndex = s.sharedIndex
      p.sharedMaster = s.sharedMaster
    }
    if s.vStart >= 0 {
      p.vStart = out.arena.count
      out.arena.append(contentsOf: UnsafeBufferPointer(start: b + s.vStart, count: s.vCount))
      p.vCount = s.vCount
    }
    return try finish(p, into: &out)
  }

  /// Parses the current `<c>` (its start tag just read) through the general event path.
  private func readCell(after lastColumn: Int, into out: inout RowBuffers) throws -> Int {
    var p = PendingCell(column: lastColumn + 1)
    for (name, value) in parser.attributeSlices where name.count == 1 {
      switch parser.byte(at: name.start) {
      case 0x72:  // r
        guard let ref = parser.withBytes(value, { CellReference.parse($0) }) else {
          let reference = try parser.string(value)
          throw fail(.invalidValue, "cell reference '\(reference)' is not A1 notation within the grid (XFD1048576)",
                     facts: XLSXError.Facts(value: reference))
        }
        p.column = ref.column
      case 0x74:  // t
        p.type = parser.withBytes(value) { CellType($0) }
        if p.type == .unknown {
          p.unknownTypeStart = out.arena.count
          try parser.append(value, to: &out.arena)
          p.unknownTypeCount = out.arena.count - p.unknownTypeStart
        }
      case 0x73:  // s
        p.style = parser.withBytes(value, { parseInt($0) }) ?? 0
      default:
        break
      }
    }
    let cellDepth = parser.depth
    var inV = false
    var inF = false
    var inIS = 0
    var inT = false
    var phonetic = 0
    while true {
      let t = try parser.next()
      switch t {
      case .start:
        if parser.isLocalName("v") {
          inV = true
          if p.vStart < 0 { p.vStart = out.arena.count }
        } else if parser.isLocalName("f") {
          inF = true
          p.fStart = out.arena.count
          var isShared = false
          for (name, value) in parser.attributeSlices {
            if name.count == 1 && parser.byte(at: name.start) == 0x74 {
              isShared = parser.withBytes(value) { $0.elementsEqual("shared".utf8) }
            } else if name.count == 2 && parser.byte(at: name.start) == 0x73 && parser.byte(at: name.start + 1) == 0x69 {
              p.sharedIndex = parser.withBytes(value) { parseInt($0) } ?? -1
            } else if name.count == 3 && parser.byte(at: name.start) == 0x72 {
              p.sharedMaster = true
            }
          }
          if !isShared { p.sharedIndex = -1 }
        } else if parser.isLocalName("is") {
          inIS += 1
          if p.isStart < 0 { p.isStart = out.arena.count }
        } else if parser.isLocalName("t") {
          inT = inIS > 0
        } else if parser.isLocalName("rPh") {
          phonetic += 1
        } else if inIS == 0 {
          try parser.skipElement()
        }
      case .end:
        if parser.depth < cellDepth { return try finish(p, into: &out) }
        if parser.isLocalName("v") {
          inV = false
          p.vCount = out.arena.count - p.vStart
        } else if parser.isLocalName("f") {
          inF = false
          p.fCount = out.arena.count - p.fStart
        } else if parser.isLocalName("is") {
          inIS -= 1
          if inIS == 0 { p.isEnd = out.arena.count }
        } else if parser.isLocalName("t") {
          inT = false
        } else if parser.isLocalName("rPh") {
          phonetic -= 1
        }
      case .text:
        if inV || inF || (inT && phonetic == 0) {
          try parser.appendText(to: &out.arena)
          if out.arena.count > maxTextBytes * 2 + 4096 {
            throw fail(.limitExceeded, "a cell's text is longer than \(maxTextLength) characters",
                       facts: .exceeded(.textLength, maxTextLength),
                       cell: CellReference(row: row.index, column: p.column).description)
          }
        }
      case .eof:
        return p.column
      }
    }
  }

  private func cellName(_ column: Int) -> String {
    CellReference(row: row.index, column: column).description
  }

  /// Turns a gathered cell into a ``RawCell`` by its type and appends it when it has a value.
  private func finish(_ pending: PendingCell, into out: inout RowBuffers) throws -> Int {
    var p = pending
    let column = p.column
    // Shared formulas: the master keeps its text; the others get it shifted to their place.
    if p.sharedIndex >= 0 {
      if p.sharedMaster, p.fStart >= 0, p.fCount > 0 {
        let text = String(decoding: out.arena[p.fStart..<(p.fStart + p.fCount)], as: UTF8.self)
        sharedFormulas[p.sharedIndex] = (CellReference(row: row.index, column: column), text)
      } else if let (origin, text) = sharedFormulas[p.sharedIndex] {
        let shifted = FormulaShifter.shift(text, rows: row.index - origin.row, columns: column - origin.column)
        p.fStart = out.arena.count
        out.arena.append(contentsOf: shifted.utf8)
        p.fCount = out.arena.count - p.fStart
      }
    }
    var cell = RawCell(
      column: column, kind: .number, style: p.style, number: 0, index: 0, textStart: p.vStart,
      textCount: p.vCount, formulaStart: p.fCount > 0 ? p.fStart : -1, formulaCount: p.fCount)
    switch p.type {
    case .number:
      guard p.vStart >= 0 else { return column }
      let number = out.arena.withUnsafeBufferPointer {
        parseDouble(UnsafeBufferPointer(rebasing: $0[p.vStart..<(p.vStart + p.vCount)]))
      }
      guard let number else {
        if p.vCount == 0 { return column }
        throw fail(.invalidValue, "the number '\(out.text(cell))' is not a number", facts: XLSXError.Facts(value: out.text(cell)),
                   cell: cellName(column))
      }
      cell.number = number
    case .shared:
      // No value, or an empty <v/> (written by some tools for an emptied cell): an empty cell.
      guard p.vStart >= 0, p.vCount > 0 else { return column }
      let idx = out.arena.withUnsafeBufferPointer {
        parseInt(UnsafeBufferPointer(rebasing: $0[p.vStart..<(p.vStart + p.vCount)]))
      }
      guard let idx, idx < sharedStrings.count else {
        throw fail(
          .invalidValue,
          "shared string index '\(out.text(cell))' is out of range: the workbook has \(sharedStrings.count) shared strings",
          cell: cellName(column))
      }
      cell.kind = .sharedString
      cell.index = idx
    case .bool:
      guard p.vStart >= 0 else { return column }
      let text = out.text(cell).trimmingCharacters(in: " \n\r\t")
      switch text {
      case "1", "true", "TRUE": cell.number = 1
      case "0", "false", "FALSE": cell.number = 0
      default: throw fail(.invalidValue, "the boolean '\(text)' is neither 0 nor 1", facts: XLSXError.Facts(value: text), cell: cellName(column))
      }
      cell.kind = .bool
    case .error:
      guard p.vStart >= 0 else { return column }
      cell.kind = .error
    case .isoDate:
      guard p.vStart >= 0, p.vCount > 0 else { return column }
      cell.kind = .isoDate
    case .formulaString:
      guard p.vStart >= 0 else { return column }
      cell.kind = .string
    case .inlineString:
      if p.isStart >= 0 {
        cell.textStart = p.isStart
        cell.textCount = max(0, (p.isEnd >= 0 ? p.isEnd : out.arena.count) - p.isStart)
      } else if p.vStart < 0 {
        return column
      }
      cell.kind = .string
    case .unknown:
      let t = p.unknownTypeStart >= 0
        ? String(decoding: out.arena[p.unknownTypeStart..<(p.unknownTypeStart + p.unknownTypeCount)], as: UTF8.self) : ""
      throw fail(.invalidValue, "unknown cell type t=\"\(t)\"", facts: XLSXError.Facts(value: "t=\"\(t)\""), cell: cellName(column))
    }
    if cell.kind == .string || cell.kind == .error {
      if containsExcelEscape(out.arena, cell.textStart, cell.textCount) {
        var text = Array(out.arena[cell.textStart..<(cell.textStart + cell.textCount)])
        decodeExcelEscapes(&text, from: 0)
        cell.textStart = out.arena.count
        out.arena.append(contentsOf: text)
        cell.textCount = text.count
      }
      if cell.textCount > maxTextLength {
        let length = out.arena.withUnsafeBufferPointer {
          CellText.length(UnsafeBufferPointer(rebasing: $0[cell.textStart..<(cell.textStart + cell.textCount)]))
        }
        if length > maxTextLength {
          throw fail(
            .limitExceeded,
            "the cell's text is \(length) characters long, more than the limit of \(maxTextLength) (Excel's own)",
            facts: .exceeded(.textLength, maxTextLength, value: String(length)), cell: cellName(column))
        }
      }
    }
    out.cellCount += 1
    if out.cellCount > maxCells {
      throw fail(.limitExceeded, "the sheet has more than \(maxCells) cells", facts: .exceeded(.cells, maxCells), cell: cellName(column))
    }
    out.cells.append(cell)
    return column
  }

  // MARK: - Values

  /// The typed value of a raw cell of the current row.
  public func value(of c: RawCell) -> CellValue {
    switch c.kind {
    case .sharedString:
      return .string(sharedStrings[c.index])
    case .string:
      return .string(row.text(c))
    case .bool:
      return .bool(c.number != 0)
    case .error:
      return .error(row.text(c))
    case .isoDate:
      if let d = ExcelDateTime.parseISO(row.text(c)) { return .dateTime(d) }
      return .string(row.text(c))
    case .number:
      return SheetReader.typed(number: c.number, kind: styles.kind(c.style), date1904: date1904)
    }
  }

  /// A number as its format shows it: a date, time or duration for date-like formats.
  public static func typed(number: Double, kind: NumberFormat.Kind, date1904: Bool) -> CellValue {
    switch kind {
    case .date, .time, .dateTime:
      let k: ExcelDateTime.Kind = kind == .date ? .date : (kind == .time ? .time : .dateTime)
      if let d = ExcelDateTime(serial: number, date1904: date1904, kind: k) { return .dateTime(d) }
      return .number(number)
    case .duration:
      return .duration((number * 86_400 * 1000).rounded() / 1000)
    default:
      return .number(number)
    }
  }

  /// A raw cell of the current row as a ``Cell``.
  public func cell(_ c: RawCell) -> Cell {
    Cell(
      reference: CellReference(row: row.index, column: c.column), value: value(of: c),
      format: styles.format(c.style),
      formula: c.formulaStart >= 0
        ? String(decoding: row.arena[c.formulaStart..<(c.formulaStart + c.formulaCount)], as: UTF8.self) : nil)
  }

  /// Reads every remaining cell into memory (for small sheets and tests).
  public func readAll() throws -> [Cell] {
    var out: [Cell] = []
    while let r = try nextRow() {
      for c in r.cells { out.append(cell(c)) }
    }
    return out
  }
}

extension String {
  func trimmingCharacters(in set: String) -> String {
    let chars = Set(set)
    var s = Substring(self)
    while let f = s.first, chars.contains(f) { s.removeFirst() }
    while let l = s.last, chars.contains(l) { s.removeLast() }
    return String(s)
  }
}
