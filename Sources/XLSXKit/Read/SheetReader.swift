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

  private let parser: XMLPullParser
  private let row = SheetRow()
  private let maxTextBytes: Int
  private let maxCells: Int
  private var inSheetData = false
  private var finished = false
  private var lastRow = 0
  private var sharedFormulas: [Int: (CellReference, String)] = [:]

  init(parser: XMLPullParser, sheet: SheetInfo, workbook: Workbook, sharedStrings: SharedStringTable) {
    self.parser = parser
    self.sheet = sheet
    self.sharedStrings = sharedStrings
    self.styles = workbook.styles
    self.date1904 = workbook.date1904
    self.path = workbook.path
    self.maxTextBytes = workbook.options.maxCellTextBytes
    self.maxCells = workbook.options.maxCellsPerSheet
  }

  private func fail(_ code: XLSXError.Code, _ message: String, cell: String? = nil) -> XLSXError {
    var e = parser.error(code, message)
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
              if !row.cells.isEmpty { return row }
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
                throw fail(.invalidValue, "a merged range '\(ref)' that is not a range within the grid")
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
      throw e.located(file: path, part: parser.part, sheet: sheet.name)
    }
  }

  /// Parses the current `<row>` (its start tag just read) into ``row``.
  private func readRow() throws {
    row.cells.removeAll(keepingCapacity: true)
    row.arena.removeAll(keepingCapacity: true)
    var r = lastRow + 1
    for (name, value) in parser.attributeSlices where name.count == 1 && parser.byte(at: name.start) == 0x72 {
      guard let v = parser.withBytes(value, { parseInt($0) }), v >= 1, v <= CellReference.maxRow else {
        throw fail(.invalidValue, "row number '\(try parser.string(value))' is not within 1…\(CellReference.maxRow)")
      }
      r = v
    }
    if r <= lastRow { rowsOutOfOrder = true }
    lastRow = r
    row.index = r
    if parser.depth == 0 { return }
    let rowDepth = parser.depth
    var lastColumn = 0
    while true {
      let t = try parser.next()
      if t == .end && parser.depth < rowDepth { return }
      guard t == .start else {
        if t == .eof { return }
        continue
      }
      if parser.isLocalName("c") {
        lastColumn = try readCell(after: lastColumn)
      } else {
        try parser.skipElement()
      }
    }
  }

  /// Parses the current `<c>` (its start tag just read) and appends it when it has a value.
  /// Returns its column.
  private func readCell(after lastColumn: Int) throws -> Int {
    var column = lastColumn + 1
    var type: UInt8 = 0x6E  // 'n'
    var typeLength = 1
    var typeSlice: XMLSlice?
    var style = 0
    var refSlice: XMLSlice?
    for (name, value) in parser.attributeSlices where name.count == 1 {
      switch parser.byte(at: name.start) {
      case 0x72:  // r
        refSlice = value
        guard let ref = parser.withBytes(value, { CellReference.parse($0) }) else {
          throw fail(.invalidValue, "cell reference '\(try parser.string(value))' is not A1 notation within the grid (XFD1048576)")
        }
        column = ref.column
      case 0x74:  // t
        typeSlice = value
        typeLength = value.count
        type = value.count > 0 ? parser.byte(at: value.start) : 0x6E
      case 0x73:  // s
        style = parser.withBytes(value, { parseInt($0) }) ?? 0
      default:
        break
      }
    }
    let cellName = { [row] () -> String in CellReference(row: row.index, column: column).description }
    _ = refSlice
    let cellDepth = parser.depth
    var vStart = -1
    var vCount = 0
    var fStart = -1
    var fCount = 0
    var sharedIndex = -1
    var sharedMaster = false
    var inV = false
    var inF = false
    var inIS = 0
    var inT = false
    var phonetic = 0
    var isStart = -1
    while true {
      let t = try parser.next()
      switch t {
      case .start:
        if parser.isLocalName("v") {
          inV = true
          if vStart < 0 { vStart = row.arena.count }
        } else if parser.isLocalName("f") {
          inF = true
          fStart = row.arena.count
          var isShared = false
          for (name, value) in parser.attributeSlices {
            if name.count == 1 && parser.byte(at: name.start) == 0x74 {
              isShared = parser.withBytes(value) { $0.elementsEqual("shared".utf8) }
            } else if name.count == 2 && parser.byte(at: name.start) == 0x73 && parser.byte(at: name.start + 1) == 0x69 {
              sharedIndex = parser.withBytes(value) { parseInt($0) } ?? -1
            } else if name.count == 3 && parser.byte(at: name.start) == 0x72 {
              sharedMaster = true
            }
          }
          if !isShared { sharedIndex = -1 }
        } else if parser.isLocalName("is") {
          inIS += 1
          if isStart < 0 { isStart = row.arena.count }
        } else if parser.isLocalName("t") {
          inT = inIS > 0
        } else if parser.isLocalName("rPh") {
          phonetic += 1
        } else if inIS == 0 {
          try parser.skipElement()
        }
      case .end:
        if parser.depth < cellDepth { return try finishCell() }
        if parser.isLocalName("v") {
          inV = false
          vCount = row.arena.count - vStart
        } else if parser.isLocalName("f") {
          inF = false
          fCount = row.arena.count - fStart
        } else if parser.isLocalName("is") {
          inIS -= 1
        } else if parser.isLocalName("t") {
          inT = false
        } else if parser.isLocalName("rPh") {
          phonetic -= 1
        }
      case .text:
        if inV || inF || (inT && phonetic == 0) {
          try parser.appendText(to: &row.arena)
          if row.arena.count > maxTextBytes * 2 + 4096 {
            throw fail(.limitExceeded, "a cell's text is longer than \(maxTextBytes) bytes", cell: cellName())
          }
        }
      case .eof:
        return column
      }
    }

    func finishCell() throws -> Int {
      // Shared formulas: the master keeps its text; the others get it shifted to their place.
      if sharedIndex >= 0 {
        if sharedMaster, fStart >= 0, fCount > 0 {
          let text = String(decoding: row.arena[fStart..<(fStart + fCount)], as: UTF8.self)
          sharedFormulas[sharedIndex] = (CellReference(row: row.index, column: column), text)
        } else if let (origin, text) = sharedFormulas[sharedIndex] {
          let shifted = FormulaShifter.shift(
            text, rows: row.index - origin.row, columns: column - origin.column)
          fStart = row.arena.count
          row.arena.append(contentsOf: shifted.utf8)
          fCount = row.arena.count - fStart
        }
      }
      var cell = RawCell(
        column: column, kind: .number, style: style, number: 0, index: 0, textStart: vStart,
        textCount: vCount, formulaStart: fCount > 0 ? fStart : -1, formulaCount: fCount)
      if typeLength == 1 && type == 0x6E || typeSlice == nil {  // n
        guard vStart >= 0 else { return column }
        let number = row.arena.withUnsafeBufferPointer {
          parseDouble(UnsafeBufferPointer(rebasing: $0[vStart..<(vStart + vCount)]))
        }
        guard let number else {
          if vCount == 0 { return column }
          throw fail(.invalidValue, "the number '\(row.text(cell))' is not a number", cell: cellName())
        }
        cell.number = number
      } else if typeLength == 1 && type == 0x73 {  // s
        guard vStart >= 0 else { return column }
        let idx = row.arena.withUnsafeBufferPointer {
          parseInt(UnsafeBufferPointer(rebasing: $0[vStart..<(vStart + vCount)]))
        }
        guard let idx, idx < sharedStrings.count else {
          throw fail(
            .invalidValue,
            "shared string index '\(row.text(cell))' is out of range: the workbook has \(sharedStrings.count) shared strings",
            cell: cellName())
        }
        cell.kind = .sharedString
        cell.index = idx
      } else if typeLength == 1 && type == 0x62 {  // b
        guard vStart >= 0 else { return column }
        let text = row.text(cell).trimmingCharacters(in: " \n\r\t")
        switch text {
        case "1", "true", "TRUE": cell.number = 1
        case "0", "false", "FALSE": cell.number = 0
        default: throw fail(.invalidValue, "the boolean '\(text)' is neither 0 nor 1", cell: cellName())
        }
        cell.kind = .bool
      } else if typeLength == 1 && type == 0x65 {  // e
        guard vStart >= 0 else { return column }
        cell.kind = .error
      } else if typeLength == 1 && type == 0x64 {  // d
        guard vStart >= 0, vCount > 0 else { return column }
        cell.kind = .isoDate
      } else if typeLength == 3 && type == 0x73 {  // str
        guard vStart >= 0 else { return column }
        cell.kind = .string
      } else if typeLength == 9 && type == 0x69 {  // inlineStr
        if isStart >= 0 {
          // The text runs were appended to the arena in order from isStart; a formula or <v>
          // may have been interleaved only in malformed files, which we then read as written.
          let end = row.arena.count - (fStart >= isStart && fCount > 0 ? fCount : 0)
          cell.textStart = isStart
          cell.textCount = max(0, end - isStart)
        } else if vStart < 0 {
          return column
        }
        cell.kind = .string
      } else {
        let t = typeSlice.map { (try? parser.string($0)) ?? "?" } ?? "?"
        throw fail(.invalidValue, "unknown cell type t=\"\(t)\"", cell: cellName())
      }
      if cell.kind == .string || cell.kind == .error {
        var tail = Array(row.arena[cell.textStart..<(cell.textStart + cell.textCount)])
        let before = tail.count
        decodeExcelEscapes(&tail, from: 0)
        if tail.count != before {
          cell.textStart = row.arena.count
          row.arena.append(contentsOf: tail)
          cell.textCount = tail.count
        }
        if cell.textCount > maxTextBytes {
          throw fail(.limitExceeded, "a cell's text is longer than \(maxTextBytes) bytes", cell: cellName())
        }
      }
      cellCount += 1
      if cellCount > maxCells {
        throw fail(.limitExceeded, "the sheet has more than \(maxCells) cells (raise it with --max-cells)", cell: cellName())
      }
      row.cells.append(cell)
      return column
    }
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
