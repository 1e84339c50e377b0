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
  ///   encoding cannot read.
  public static func delimited(_ input: String, delimiter: UInt8, to output: String, sheetName: String,
                               options: WriteOptions = WriteOptions(), encoding: TextEncoding? = nil) throws {
    let text = try TextEncoding.utf8File(input, encoding: encoding)
    defer { if text.isScratch { unlink(text.path) } }
    let reader = try DelimitedReader(path: text.path, delimiter: delimiter, label: input)
    let book = WorkbookWriter(path: output, options: options)
    let sheet = try book.addSheet(sheetName)
    var row = 0
    var scratch: [UInt8] = []
    while try reader.next() {
      row += 1
      if row > CellReference.maxRow {
        throw XLSXError(.limitExceeded, "more than \(CellReference.maxRow) rows, the most a sheet can hold", file: input,
                        line: reader.line)
      }
      let fields = reader.fields
      if fields.count > CellReference.maxColumn {
        throw XLSXError(.limitExceeded, "more than \(CellReference.maxColumn) columns, the most a sheet can hold",
                        file: input, line: reader.line)
      }
      var builder = try sheet.makeRow(row)
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
          if let id = sheet.sharedStringIndex(f) {
            builder.sharedString(i + 1, index: id, text: f)
          } else {
            builder.inlineString(i + 1, f)
          }
        }
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

  /// Writes `jixiao cells` JSON Lines back into a workbook: one sheet per `sheet` value, in order
  /// of first appearance; cells typed by `type`.
  ///
  /// - Throws: ``XLSXError`` `invalid-value` naming the line of a malformed object.
  public static func cellLines(_ lines: [String], source: String, to output: String, options: WriteOptions = WriteOptions()) throws {
    var sheets: [String: [(Int, Int, CellValue, String?)]] = [:]
    var order: [String] = []
    for (n, line) in lines.enumerated() where !line.trimmingCharacters(in: " \t\r").isEmpty {
      guard let o = MiniJSON.object(line), let sheet = o["sheet"] as? String, let row = o["row"] as? Double,
        let col = o["col"] as? Double, let type = o["type"] as? String
      else {
        throw XLSXError(.invalidValue, "not a cell object with sheet, row, col and type", file: source, line: n + 1)
      }
      let value: CellValue
      switch (type, o["value"]) {
      case ("number", let v as Double): value = .number(v)
      case ("bool", let v as Bool): value = .bool(v)
      case ("error", let v as String): value = .error(v)
      case ("duration", let v as Double): value = .duration(v)
      case ("date", let v as String), ("time", let v as String), ("datetime", let v as String):
        guard let d = ExcelDateTime.parseISO(v) else {
          throw XLSXError(.invalidValue, "'\(v)' is not an ISO 8601 \(type)", file: source, line: n + 1)
        }
        value = .dateTime(d)
      case (_, let v as String): value = .string(v)
      default:
        throw XLSXError(.invalidValue, "a \(type) cell without a matching value", file: source, line: n + 1)
      }
      if sheets[sheet] == nil { order.append(sheet) }
      sheets[sheet, default: []].append((Int(row), Int(col), value, o["formula"] as? String))
    }
    let book = WorkbookWriter(path: output, options: options)
    for name in order {
      let sheet = try book.addSheet(name)
      let cells = (sheets[name] ?? []).sorted { ($0.0, $0.1) < ($1.0, $1.1) }
      for (r, c, v, f) in cells { try sheet.write(r, c, v, formula: f) }
    }
    try book.close()
  }
}

/// Just enough JSON to read one flat object per line (strings, numbers, booleans, null).
enum MiniJSON {
  static func object(_ text: String) -> [String: Any]? {
    var p = Parser(Array(text.utf8))
    return p.object()
  }

  struct Parser {
    let b: [UInt8]
    var i = 0
    init(_ b: [UInt8]) { self.b = b }

    mutating func ws() { while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D { i += 1 } }

    mutating func object() -> [String: Any]? {
      ws()
      guard i < b.count, b[i] == 0x7B else { return nil }
      i += 1
      var out: [String: Any] = [:]
      ws()
      if i < b.count, b[i] == 0x7D { return out }
      while true {
        ws()
        guard let key = string() else { return nil }
        ws()
        guard i < b.count, b[i] == 0x3A else { return nil }
        i += 1
        ws()
        guard let v = value() else { return nil }
        out[key] = v
        ws()
        guard i < b.count else { return nil }
        if b[i] == 0x2C { i += 1; continue }
        if b[i] == 0x7D { i += 1; return out }
        return nil
      }
    }

    mutating func value() -> Any? {
      guard i < b.count else { return nil }
      switch b[i] {
      case 0x22: return string()
      case 0x74: return literal("true", true)
      case 0x66: return literal("false", false)
      case 0x6E: return literal("null", NSNullLike())
      default:
        let s = i
        while i < b.count, (0x30...0x39).contains(b[i]) || b[i] == 0x2D || b[i] == 0x2B || b[i] == 0x2E || b[i] == 0x65 || b[i] == 0x45 {
          i += 1
        }
        return b[s..<i].withUnsafeBufferPointer { parseDouble($0) }
      }
    }

    mutating func literal(_ word: String, _ v: Any) -> Any? {
      let w = Array(word.utf8)
      guard i + w.count <= b.count, Array(b[i..<(i + w.count)]) == w else { return nil }
      i += w.count
      return v
    }

    mutating func string() -> String? {
      guard i < b.count, b[i] == 0x22 else { return nil }
      i += 1
      var out: [UInt8] = []
      while i < b.count {
        let c = b[i]
        i += 1
        if c == 0x22 { return String(decoding: out, as: UTF8.self) }
        if c != 0x5C { out.append(c); continue }
        guard i < b.count else { return nil }
        let e = b[i]
        i += 1
        switch e {
        case 0x6E: out.append(0x0A)
        case 0x72: out.append(0x0D)
        case 0x74: out.append(0x09)
        case 0x62: out.append(0x08)
        case 0x66: out.append(0x0C)
        case 0x75:
          guard i + 4 <= b.count, var u = UInt32(String(decoding: b[i..<(i + 4)], as: UTF8.self), radix: 16) else { return nil }
          i += 4
          if (0xD800...0xDBFF).contains(u), i + 6 <= b.count, b[i] == 0x5C, b[i + 1] == 0x75,
            let low = UInt32(String(decoding: b[(i + 2)..<(i + 6)], as: UTF8.self), radix: 16),
            (0xDC00...0xDFFF).contains(low)
          {
            u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00)
            i += 6
          }
          guard let scalar = Unicode.Scalar(u) else { return nil }
          UTF8.encode(scalar) { out.append($0) }
        default: out.append(e)
        }
      }
      return nil
    }
  }

  struct NSNullLike {}
}
