// SheetExporter: streams a worksheet to CSV, TSV or JSON Lines, straight from the reader's bytes.

/// The text formats a sheet can be exported to.
public enum TextFormat: String, Sendable, CaseIterable {
  /// Comma-separated values (RFC 4180 quoting, `\n` line ends).
  case csv
  /// Tab-separated values (fields with tabs, quotes or line breaks are quoted as in CSV).
  case tsv
  /// One JSON object per non-empty cell.
  case jsonl

  /// The format a file name's extension names, if any.
  public init?(pathExtension path: String) {
    guard let dot = path.lastIndex(of: ".") else { return nil }
    self.init(rawValue: path[path.index(after: dot)...].lowercased())
  }
}

/// Options for exporting cells as text.
public struct ExportOptions: Sendable {
  /// Prefix text cells that start with `=`, `+`, `-`, `@`, tab or CR with `'`, so that a
  /// spreadsheet application opening the CSV does not run them as formulas. On by default.
  public var neutraliseFormulas = true
  /// A file name written as the first key of each JSON Lines object (`"file"`), for a stream of
  /// several workbooks' cells; nil (the default) writes no such key.
  public var file: String?
  /// The default options.
  public init() {}
}

/// Writes the cells of sheets as CSV, TSV or JSON Lines.
///
/// CSV and TSV rows start at row 1 and column A, as spreadsheet applications export them; each
/// row ends after its last non-empty cell, and empty rows between used ones are kept as empty lines.
/// Numbers are written in their shortest exact form (`0.1`, `12`, `1e-05`), dates and times as ISO 8601,
/// durations as seconds, booleans as `TRUE`/`FALSE`, errors as their text.
public struct SheetExporter {
  /// The format written.
  public let format: TextFormat
  /// The options.
  public let options: ExportOptions

  /// Creates an exporter.
  public init(format: TextFormat, options: ExportOptions = ExportOptions()) {
    self.format = format
    self.options = options
  }

  /// Streams every remaining row of `reader` to `sink`; returns the number of cells written.
  ///
  /// - Throws: ``XLSXError`` from reading or writing.
  @discardableResult
  public func export(_ reader: SheetReader, to sink: ByteSink) throws -> Int {
    var cells = 0
    var lastRow = 0
    let delimiter: UInt8 = format == .tsv ? 0x09 : 0x2C
    var line: [UInt8] = []
    line.reserveCapacity(1 << 12)
    let sheetJSON = jsonString(reader.sheet.name)
    let lead = options.file.map { "{\"file\":" + jsonString($0) + ",\"sheet\":" } ?? "{\"sheet\":"
    while let row = try reader.nextRow() {
      if format == .jsonl {
        for c in row.cells {
          try writeJSON(c, row: row, reader: reader, lead: lead, sheetJSON: sheetJSON, sink: sink)
        }
        cells += row.cells.count
        continue
      }
      if row.index <= lastRow {
        // Out-of-order rows are written where they stand rather than dropped.
        lastRow = row.index - 1
      }
      line.removeAll(keepingCapacity: true)
      while lastRow < row.index - 1 {
        line.append(0x0A)
        lastRow += 1
      }
      var column = 1
      for c in row.cells {
        if c.column < column { continue }
        while column < c.column {
          line.append(delimiter)
          column += 1
        }
        appendField(c, row: row, reader: reader, delimiter: delimiter, to: &line)
        cells += 1
      }
      line.append(0x0A)
      try line.withUnsafeBufferPointer { try sink.write($0) }
      lastRow = row.index
    }
    return cells
  }

  // MARK: - CSV fields

  private func appendField(_ c: RawCell, row: SheetRow, reader: SheetReader, delimiter: UInt8, to line: inout [UInt8]) {
    switch c.kind {
    case .sharedString:
      let t = reader.sharedStrings
      let f = t.flags[c.index]
      t.bytes.withUnsafeBufferPointer { all in
        let s = UnsafeBufferPointer(rebasing: all[t.offsets[c.index]..<t.offsets[c.index + 1]])
        appendText(s, flags: f, delimiter: delimiter, to: &line)
      }
    case .string, .error:
      row.arena.withUnsafeBufferPointer { all in
        let s = UnsafeBufferPointer(rebasing: all[c.textStart..<(c.textStart + c.textCount)])
        appendText(s, flags: SharedStringTable.flags(of: s), delimiter: delimiter, to: &line)
      }
    case .bool:
      line.append(contentsOf: c.number != 0 ? "TRUE".utf8 : "FALSE".utf8)
    case .isoDate:
      if case .dateTime(let d) = reader.value(of: c) {
        d.appendISO(to: &line)
      } else {
        row.arena.withUnsafeBufferPointer { all in
          let s = UnsafeBufferPointer(rebasing: all[c.textStart..<(c.textStart + c.textCount)])
          appendText(s, flags: SharedStringTable.flags(of: s), delimiter: delimiter, to: &line)
        }
      }
    case .number:
      let kind = reader.styles.kind(c.style)
      switch kind {
      case .date, .time, .dateTime, .duration:
        switch SheetReader.typed(number: c.number, kind: kind, date1904: reader.date1904) {
        case .dateTime(let d): d.appendISO(to: &line)
        case .duration(let s): appendNumber(s, text: nil, to: &line)
        default: appendNumber(c.number, text: nil, to: &line)
        }
      default:
        row.arena.withUnsafeBufferPointer { all in
          appendNumber(c.number, text: UnsafeBufferPointer(rebasing: all[c.textStart..<(c.textStart + c.textCount)]), to: &line)
        }
      }
    }
  }

  @inline(__always)
  private func appendText(_ s: UnsafeBufferPointer<UInt8>, flags: UInt8, delimiter: UInt8, to line: inout [UInt8]) {
    let neutralise = options.neutraliseFormulas && flags & SharedStringTable.formulaLike != 0
    let quote = flags & SharedStringTable.needsQuoting != 0 || (delimiter == 0x2C ? false : s.contains(delimiter))
    if !quote && !neutralise {
      line.append(contentsOf: s)
      return
    }
    if quote { line.append(0x22) }
    if neutralise { line.append(0x27) }
    if quote {
      for b in s {
        line.append(b)
        if b == 0x22 { line.append(0x22) }
      }
      line.append(0x22)
    } else {
      line.append(contentsOf: s)
    }
  }

  /// Appends a number: the cell's own text when it is already in shortest plain form, else formatted.
  private func appendNumber(_ v: Double, text: UnsafeBufferPointer<UInt8>?, to line: inout [UInt8]) {
    if let text, isCanonicalNumber(text) {
      line.append(contentsOf: text)
      return
    }
    if v == v.rounded(), abs(v) < 1e15 {
      appendInteger(Int64(v), to: &line)
      return
    }
    line.append(contentsOf: formatNumber(v).utf8)
  }

  // MARK: - JSON Lines

  private func writeJSON(
    _ c: RawCell, row: SheetRow, reader: SheetReader, lead: String, sheetJSON: String, sink: ByteSink
  ) throws {
    let ref = CellReference(row: row.index, column: c.column)
    let value = reader.value(of: c)
    try sink.write("\(lead)\(sheetJSON),\"row\":\(row.index),\"col\":\(c.column),\"ref\":\"\(ref)\",\"type\":\"\(value.typeName)\",\"value\":")
    switch value {
    case .empty: try sink.write("null")
    case .string(let s): try sink.write(jsonString(s))
    case .error(let s): try sink.write(jsonString(s))
    case .bool(let b): try sink.write(b ? "true" : "false")
    case .number(let n): try sink.write(n.isFinite ? formatNumber(n) : "null")
    case .duration(let n): try sink.write(n.isFinite ? formatNumber(n) : "null")
    case .dateTime(let d): try sink.write("\"\(d)\"")
    }
    if reader.styles.kind(c.style) == .percent, case .number = value {
      try sink.write(",\"format\":\"percent\"")
    }
    if c.formulaStart >= 0 {
      let f = String(decoding: row.arena[c.formulaStart..<(c.formulaStart + c.formulaCount)], as: UTF8.self)
      try sink.write(",\"formula\":\(jsonString(f))")
    }
    try sink.write("}\n")
  }
}

/// Appends a decimal integer.
func appendInteger(_ v: Int64, to out: inout [UInt8]) {
  if v < 0 { out.append(0x2D) }
  var x = v.magnitude
  var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
  var n = 0
  withUnsafeMutableBytes(of: &digits) { d in
    repeat {
      d[23 - n] = UInt8(truncatingIfNeeded: 0x30 + x % 10)
      x /= 10
      n += 1
    } while x > 0
    out.append(contentsOf: d[(24 - n)...])
  }
}

/// Whether number text is already in the shortest plain form: `-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?`, at most 15 digits.
func isCanonicalNumber(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
  var i = 0
  let n = t.count
  if n == 0 || n > 17 { return false }
  if t[0] == 0x2D { i = 1 }
  if i >= n { return false }
  if t[i] == 0x30 {
    i += 1
    if i < n && t[i] != 0x2E { return false }
  }
  var digits = 0
  while i < n, t[i] >= 0x30 && t[i] <= 0x39 { i += 1; digits += 1 }
  if i == n { return !(t[0] == 0x2D && n == 2 && t[1] == 0x30) }
  guard t[i] == 0x2E, i + 1 < n else { return false }
  i += 1
  while i < n, t[i] >= 0x30 && t[i] <= 0x39 { i += 1; digits += 1 }
  return i == n && t[n - 1] != 0x30 && digits <= 15
}

/// A number in shortest round-trip form, integers without a fraction: `12`, `0.1`, `1e-05`.
public func formatNumber(_ v: Double) -> String {
  if v == v.rounded(), abs(v) < 1e15 {
    return v == 0 ? "0" : String(Int64(v))
  }
  return v.description
}

/// A JSON string literal.
public func jsonString(_ s: String) -> String {
  var out = "\""
  out.reserveCapacity(s.utf8.count + 2)
  for u in s.unicodeScalars {
    switch u {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    default:
      if u.value < 0x20 {
        let h = String(u.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
      } else {
        out.unicodeScalars.append(u)
      }
    }
  }
  out += "\""
  return out
}
