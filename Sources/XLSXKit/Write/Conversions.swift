// Conversions: CSV, TSV, JSON Lines and existing workbooks into new .xlsx files.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Converts tabular files into a new workbook.
public enum Conversions {
  /// Writes a CSV or TSV file as one sheet. Fields that look like numbers
  /// (`[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?`) become number cells, empty fields stay empty, the
  /// rest become text. The first row is kept as written; nothing is guessed about dates.
  ///
  /// The text is UTF-8, UTF-16 with its byte-order mark, or Big5 (``TextEncoding``): detected, or
  /// as `encoding` says; lines are named as in the input.
  ///
  /// - Throws: ``XLSXError`` from reading or writing; `invalid-value` naming the line of a byte the
  ///   encoding cannot read, or of a field longer than a cell of Excel holds (``CellText/maxLength``).
  public static func delimited(_ input: String, delimiter: UInt8, to output: String, sheetName: String,
                               options: WriteOptions = WriteOptions(), encoding: TextEncoding? = nil) throws {
    let text = try TextEncoding.utf8File(input, encoding: encoding)
    defer { if text.isScratch { removeTemporaryFile(text.path) } }
    let reader = try DelimitedReader(path: text.path, delimiter: delimiter, label: input)
    let book = WorkbookWriter(path: output, options: options)
    let sheet = try book.addSheet(sheetName)
    var row = 0
    var scratch: [UInt8] = []
    while try reader.next() {
      row += 1
      if row > CellReference.maxRow {
        throw XLSXError(.limitExceeded, "more than \(CellReference.maxRow) rows, the most a sheet can hold",
                        facts: .exceeded(.rows, CellReference.maxRow), file: input,
                        line: reader.line)
      }
      let fields = reader.fields
      if fields.count > CellReference.maxColumn {
        throw XLSXError(.limitExceeded, "more than \(CellReference.maxColumn) columns, the most a sheet can hold",
                        facts: .exceeded(.columns, CellReference.maxColumn), file: input, line: reader.line)
      }
      var builder = try sheet.makeRow(row)
      var tooLong: (column: Int, length: Int)?
      reader.fieldBytes.withUnsafeBufferPointer { all in
        for (i, r) in fields.enumerated() where !r.isEmpty {
          let f = UnsafeBufferPointer(rebasing: all[r])
          if looksNumeric(f) {
            if let first = f.first, first == 0x2B || first == 0x2E || f.last == 0x2E || f.contains(0x45) || f.contains(0x65) {
              if let v = parseDouble(f), v.isFinite {
                scratch.removeAll(keepingCapacity: true)
                scratch.append(contentsOf: formatNumber(v).utf8)
                scratch.withUnsafeBufferPointer { builder.number(i + 1, $0) }
                continue
              }
            } else {
              builder.number(i + 1, f)
              continue
            }
          }
          if CellText.isTooLong(f) {
            tooLong = (i + 1, CellText.length(f))
            break
          }
          if let id = sheet.sharedStringIndex(f) {
            builder.sharedString(i + 1, index: id, text: f)
          } else {
            builder.inlineString(i + 1, f)
          }
        }
      }
      if let tooLong {
        throw XLSXError(
          .invalidValue,
          "field \(tooLong.column) (\(CellReference(row: row, column: tooLong.column))) has \(tooLong.length) characters, more than the \(CellText.maxLength) one cell of Excel holds",
          facts: XLSXError.Facts(.fieldTooLong, value: CellReference(row: row, column: tooLong.column).description,
                                 limitValue: Int64(CellText.maxLength)),
          file: input, line: reader.line)
      }
      try sheet.commit(builder)
    }
    if row > 0 { sheet.freezePanes(rows: 1) }
    try book.close()
  }

  /// Rewrites every worksheet of a workbook into a new one: values, formulas with their cached
  /// results, number formats, merged ranges and sheet visibility.
  ///
  /// - Throws: ``XLSXError`` from reading or writing.
  public static func workbook(_ source: Workbook, to output: String, options: WriteOptions = WriteOptions()) throws {
    let book = WorkbookWriter(path: output, options: options)
    for info in source.sheets where info.kind == .worksheet {
      let reader = try source.reader(for: info)
      let sheet = try book.addSheet(info.name)
      sheet.isHidden = info.visibility != .visible
      while let row = try reader.nextRow() {
        for raw in row.cells {
          let cell = reader.cell(raw)
          let code = cell.format.kind == .general ? nil : cell.format.code
          try sheet.write(row.index, raw.column, cell.value, format: code.map { CellFormat(numberFormat: $0) },
                          formula: cell.formula)
        }
      }
      for m in reader.mergedRanges { sheet.merge(m) }
    }
    try book.close()
  }
}
