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
    var scratch: [UInt8] = []
    scratch.reserveCapacity(64)
    let sheetJSON = jsonString(reader.sheet.name)
    while let row = try reader.nextRow() {
      if format == .jsonl {
        for c in row.cells {
          try writeJSON(c, row: row, reader: reader, sheetJSON: sheetJSON, sink: sink, scratch: &scratch)
        }
        cells += row.cells.count
        continue
      }
      if row.index <= lastRow {
        // Out-of-order rows are written where they stand rather than dropped.
        lastRow = row.index - 1
      }
      while lastRow < row.index - 1 {
        try sink.write(0x0A)
        lastRow += 1
      }
      var column = 1
      for c in row.cells {
        if c.column < column { continue }
        while column < c.column {
          try sink.write(delimiter)
          column += 1
        }
        try writeField(c, row: row, reader: reader, delimiter: delimiter, sink: sink, scratch: &scratch)
        cells += 1
      }
      try sink.write(0x0A)
      lastRow = row.index
    }
    return cells
  }

  // MARK: - CSV fields

  private func writeField(
    _ c: RawCell, row: SheetRow, reader: SheetReader, delimiter: UInt8, sink: ByteSink, scratch: inout [UInt8]
  ) throws {
    switch c.kind {
    case .sharedString:
      let t = reader.sharedStrings
      let f = t.flags[c.index]
      try t.bytes.withUnsafeBufferPointer { all in
        let s = UnsafeBufferPointer(rebasing: all[t.offsets[c.index]..<t.offsets[c.index + 1]])
        try writeText(s, flags: f, delimiter: delimiter, sink: sink)
      }
    case .string, .error:
      try row.arena.withUnsafeBufferPointer { all in
        let s = UnsafeBufferPointer(rebasing: all[c.textStart..<(c.textStart + c.textCount)])
        try writeText(s, flags: SharedStringTable.flags(of: s), delimiter: delimiter, sink: sink)
      }
    case .bool:
      try sink.write(c.number != 0 ? "TRUE" : "FALSE")
    case .isoDate:
      if case .dateTime(let d) = reader.value(of: c) {
        try sink.write(d.description)
      } else {
        try row.arena.withUnsafeBufferPointer { all in
          let s = UnsafeBufferPointer(rebasing: all[c.textStart..<(c.textStart + c.textCount)])
          try writeText(s, flags: SharedStringTable.flags(of: s), delimiter: delimiter, sink: sink)
        }
      }
    case .number:
      let kind = reader.styles.kind(c.style)
      switch kind {
      case .date, .time, .dateTime, .duration:
        switch SheetReader.typed(number: c.number, kind: kind, date1904: reader.date1904) {
        case .dateTime(let d):
          scratch.removeAll(keepingCapacity: true)
          d.appendISO(to: &scratch)
          try scratch.withUnsafeBufferPointer { try sink.write($0) }
        case .duration(let s): try writeNumber(s, text: nil, sink: sink)
        default: try writeNumber(c.number, text: nil, sink: sink)
        }
      default:
        try row.arena.withUnsafeBufferPointer { all in
          try writeNumber(c.number, text: UnsafeBufferPointer(rebasing: all[c.textStart..<(c.textStart + c.textCount)]), sink: sink)
        }
      }
    }
  }

  @inline(__always)
  private func writeText(_ s: UnsafeBufferPointer<UInt8>, flags: UInt8, delimiter: UInt8, sink: ByteSink) throws {
    let neutralise = options.neutraliseFormulas && flags & SharedStringTable.formulaLike != 0
    let quote = flags & SharedStringTable.needsQuoting != 0 || (delimiter == 0x2C ? false : s.contains(delimiter))
    if !quote && !neutralise {
      try sink.write(s)
      return
    }
    if quote { try sink.write(0x22) }
    if neutralise { try sink.write(0x27) }
    if quote {
      var start = 0
      for i in 0..<s.count where s[i] == 0x22 {
        try sink.write(UnsafeBufferPointer(rebasing: s[start...i]))
        try sink.write(0x22)
        start = i + 1
      }
      try sink.write(UnsafeBufferPointer(rebasing: s[start...]))
      try sink.write(0x22)
    } else {
      try sink.write(s)
    }
  }

  /// Writes a number: the cell's own text when it is already in shortest plain form, else formatted.
  private func writeNumber(_ v: Double, text: UnsafeBufferPointer<UInt8>?, sink: ByteSink) throws {
    if let text, isCanonicalNumber(text) {
      try sink.write(text)
      return
    }
    if v == v.rounded(), abs(v) < 1e15 {
      try sink.writeInteger(Int64(v))
      return
    }
    try sink.write(formatNumber(v))
  }

  // MARK: - JSON Lines

  private func writeJSON(
    _ c: RawCell, row: SheetRow, reader: SheetReader, sheetJSON: String, sink: ByteSink, scratch: inout [UInt8]
  ) throws {
    let ref = CellReference(row: row.index, column: c.column)
    let value = reader.value(of: c)
    try sink.write("{\"sheet\":\(sheetJSON),\"row\":\(row.index),\"col\":\(c.column),\"ref\":\"\(ref)\",\"type\":\"\(value.typeName)\",\"value\":")
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
