// JSONLines: JSON Lines back into a workbook — the cells `jixiao cells` prints, or rows of values —
// decoded a line at a time with Foundation's JSONDecoder, written as they come.

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Conversions {
  /// Writes a JSON Lines file as a workbook. Each line is one of two forms, the first line
  /// deciding which:
  ///
  /// - a cell object as `jixiao cells` prints it,
  ///   `{"sheet":"業務面","row":3,"col":2,"type":"string","value":"…","formula":"…"}`: one sheet per
  ///   `sheet` value, in order of first appearance, cells typed by `type`;
  /// - an array of values, `["指標", 12.5, true, null]`: one row of the sheet `sheetName` per
  ///   line (null leaves a cell empty).
  ///
  /// Cells in row order (as `jixiao cells` prints them) are written as they are read, in memory
  /// that does not grow with the file; when a sheet's rows come out of order, the file is read a
  /// second time and its cells sorted in memory. The text is UTF-8, UTF-16 or Big5 as for
  /// ``delimited(_:delimiter:to:sheetName:options:encoding:)``.
  ///
  /// - Throws: ``XLSXError`` `invalid-value` naming the line of a line that is not JSON, not a
  ///   cell object or array, or holds a text longer than a cell of Excel holds
  ///   (``CellText/maxLength``); `limit-exceeded` for a line over 8 MiB; errors of writing.
  public static func jsonLines(_ input: String, to output: String, sheetName: String,
                               options: WriteOptions = WriteOptions(), encoding: TextEncoding? = nil) throws {
    let text = try TextEncoding.utf8File(input, encoding: encoding)
    defer { if text.isScratch { removeTemporaryFile(text.path) } }
    var writer = JSONLinesWriter(input: input, output: output, sheetName: sheetName, options: options, sorted: false)
    do {
      try writer.read(text.path)
    } catch JSONLinesWriter.OutOfOrder.rows {
      writer = JSONLinesWriter(input: input, output: output, sheetName: sheetName, options: options, sorted: true)
      try writer.read(text.path)
    }
    try writer.finish()
  }
}

/// One line's cell object.
private struct CellLine: Decodable {
  var sheet: String
  var row: Int
  var col: Int
  var type: String
  var value: JSONScalar
  var formula: String?

  enum Key: String, CodingKey { case sheet, row, col, type, value, formula }

  init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Key.self)
    sheet = try c.decode(String.self, forKey: .sheet)
    row = try c.decode(Int.self, forKey: .row)
    col = try c.decode(Int.self, forKey: .col)
    type = try c.decode(String.self, forKey: .type)
    value = try c.decodeIfPresent(JSONScalar.self, forKey: .value) ?? .null
    formula = try c.decodeIfPresent(String.self, forKey: .formula)
  }
}

/// A JSON value that can be a cell's: text, a number, a boolean or null.
private enum JSONScalar: Decodable {
  case text(String)
  case number(Double)
  case bool(Bool)
  case null

  init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() {
      self = .null
    } else if let s = try? c.decode(String.self) {
      self = .text(s)
    } else if let d = try? c.decode(Double.self) {
      self = .number(d)
    } else {
      self = .bool(try c.decode(Bool.self))
    }
  }
}

/// Reads the lines of one file into a workbook (``Conversions/jsonLines(_:to:sheetName:options:encoding:)``).
private struct JSONLinesWriter {
  /// Rows of a sheet that came out of order while cells were written as they came.
  enum OutOfOrder: Error { case rows }

  let input: String
  let sheetName: String
  let sorted: Bool
  private let book: WorkbookWriter
  private let decoder = JSONDecoder()
  private var sheets: [String: WorksheetWriter] = [:]
  /// The sorting path's cells, by sheet in order of first appearance.
  private var held: [(name: String, cells: [(row: Int, col: Int, value: CellValue, formula: String?)])] = []
  private var heldIndex: [String: Int] = [:]
  private var isArrays: Bool?
  private var rowsWritten = 0

  init(input: String, output: String, sheetName: String, options: WriteOptions, sorted: Bool) {
    self.input = input
    self.sheetName = sheetName
    self.sorted = sorted
    book = WorkbookWriter(path: output, options: options)
  }

  mutating func read(_ path: String) throws {
    let lines = try LineReader(path: path, label: input)
    while try lines.next({ try self.take($0, line: lines.line) }) {}
  }

  private mutating func take(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) throws {
    guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x09 }) else { return }
    let arrays = first == 0x5B
    if let isArrays, isArrays != arrays {
      throw fail(isArrays ? "an object among lines of arrays: every line must be an array of values"
                          : "not a cell object with sheet, row, col and type, as the lines before it", line: line)
    }
    isArrays = arrays
    if arrays {
      guard let values = try? decoder.decode([JSONScalar].self, from: Data(bytes)) else {
        throw fail("not a JSON array of values (text, numbers, booleans, null), or not valid JSON", line: line)
      }
      rowsWritten += 1
      for (i, v) in values.enumerated() {
        guard let value = try cellValue(v, type: nil, line: line) else { continue }
        try put(sheetName, rowsWritten, i + 1, value, formula: nil, line: line)
      }
    } else {
      guard let cell = try? decoder.decode(CellLine.self, from: Data(bytes)) else {
        throw fail("not a cell object with sheet, row, col and type (as jixiao cells prints), or not valid JSON", line: line)
      }
      guard let value = try cellValue(cell.value, type: cell.type, line: line) else { return }
      try put(cell.sheet, cell.row, cell.col, value, formula: cell.formula, line: line)
    }
  }

  /// The cell a value makes (nil: none), typed by `type` for cell objects.
  private func cellValue(_ v: JSONScalar, type: String?, line: Int) throws -> CellValue? {
    switch (type, v) {
    case (nil, .null): return nil
    case (nil, .text(let s)), ("string", .text(let s)): return try checkedText(s, line: line)
    case (nil, .number(let d)), ("number", .number(let d)): return .number(d)
    case (nil, .bool(let b)), ("bool", .bool(let b)): return .bool(b)
    case ("error", .text(let s)): return .error(s)
    case ("duration", .number(let d)): return .duration(d)
    case ("date", .text(let s)), ("time", .text(let s)), ("datetime", .text(let s)):
      guard let d = ExcelDateTime.parseISO(s) else { throw fail("'\(s)' is not an ISO 8601 \(type ?? "")", line: line) }
      return .dateTime(d)
    case (let t?, .text(let s)) where !["number", "bool", "duration"].contains(t): return try checkedText(s, line: line)
    default: throw fail("a \(type ?? "") cell without a matching value", line: line)
    }
  }

  private func checkedText(_ s: String, line: Int) throws -> CellValue {
    var s = s
    let tooLong = s.withUTF8 { CellText.isTooLong($0) }
    if tooLong {
      throw fail("a text of \(s.utf16.count) characters, more than the \(CellText.maxLength) one cell of Excel holds", line: line)
    }
    return .string(s)
  }

  private mutating func put(_ name: String, _ row: Int, _ col: Int, _ value: CellValue, formula: String?, line: Int) throws {
    guard row >= 1, row <= CellReference.maxRow, col >= 1, col <= CellReference.maxColumn else {
      throw fail("row \(row), column \(col) is outside the grid (XFD1048576)", line: line)
    }
    if sorted {
      let k = heldIndex[name] ?? { heldIndex[name] = held.count; held.append((name, [])); return held.count - 1 }()
      held[k].cells.append((row, col, value, formula))
      return
    }
    let sheet: WorksheetWriter
    if let s = sheets[name] {
      sheet = s
    } else {
      sheet = try at(line) { try book.addSheet(name) }
      sheets[name] = sheet
    }
    if sheet.currentRow > row { throw OutOfOrder.rows }
    try at(line) { try sheet.write(row, col, value, formula: formula) }
  }

  /// Writes what the sorting path held, and closes the workbook.
  mutating func finish() throws {
    for (name, cells) in held {
      let sheet = try book.addSheet(name)
      for c in cells.sorted(by: { ($0.row, $0.col) < ($1.row, $1.col) }) {
        try sheet.write(c.row, c.col, c.value, formula: c.formula)
      }
    }
    try book.close()
  }

  private func fail(_ message: String, line: Int) -> XLSXError {
    XLSXError(.invalidValue, message, facts: XLSXError.Facts(.jsonLine), file: input, line: line)
  }

  /// `body`, its errors named by the input's line.
  private func at<T>(_ line: Int, _ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch var e as XLSXError {
      e.file = input
      e.line = line
      throw e
    }
  }
}
