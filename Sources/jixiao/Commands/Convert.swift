// jixiao convert: a workbook's sheet to CSV, TSV or JSON Lines (and, with the writer, back).
import Foundation

import ArgumentParser
import XLSXKit

struct Convert: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: say("在 .xlsx 與 .csv、.tsv、.jsonl 之間轉換。", "Convert between .xlsx and .csv, .tsv or .jsonl."),
    discussion: prose(say("""
      輸出格式依輸出檔的副檔名。轉成 .xlsx：CSV 或 TSV 成為一張工作表（看似數字的欄位成為數字），
      jixiao cells 格式的 JSON Lines 還原成各工作表，活頁簿則重新乾淨寫出。由活頁簿轉出：預設轉換第一張
      工作表，或 --sheet 指定的工作表；--all-sheets 把每張工作表各寫成一個檔案，檔名為輸出檔名加上工作表
      名稱（out.csv → out-業務面.csv），或把輸出檔名中的 {sheet} 換成工作表名稱。輸出先寫到暫存檔再改名；
      絕不覆寫輸入檔。
      """, """
      The output format follows OUT's extension. To .xlsx: a CSV or TSV becomes one sheet (fields
      that look like numbers become numbers), JSON Lines in the form `jixiao cells` prints become
      their sheets, and a workbook is rewritten cleanly. From a workbook, the first worksheet is converted,
      or the one named by --sheet; with --all-sheets every worksheet is written to its own file,
      named OUT with the sheet's name before the extension (out.csv → out-業務面.csv), or with
      {sheet} in OUT replaced by it. Outputs are written to a temporary file and renamed; an input
      is never overwritten.
      """)))

  @Argument(help: ArgumentHelp(say("輸入檔。", "The input file.")))
  var input: String

  @Option(name: .shortAndLong, help: ArgumentHelp(say("輸出檔。", "The output file.")))
  var output: String

  @Option(help: ArgumentHelp(say("要轉換的工作表。", "The sheet to convert.")))
  var sheet: String?

  @Flag(help: ArgumentHelp(say("每張工作表各寫成一個檔案。", "Write every worksheet, each to its own file.")))
  var allSheets = false

  @Flag(help: ArgumentHelp(say("以 = + - @ 開頭的文字保持原樣（預設在前面加 '）。", "Keep text that starts with = + - @ as it is (by default it is prefixed with ').")))
  var keepFormulaText = false

  @Option(help: ArgumentHelp(say(".xlsx 輸出的壓縮等級 0–9（預設 6；超過 16 MiB 的工作表用 1）。", "Deflate level for .xlsx output, 0–9 (default: 6, and 1 for sheets over 16 MiB).")))
  var compressionLevel: Int?

  @Option(help: ArgumentHelp(say("文字輸入檔的編碼：utf-8、utf-16 或 big5（預設自動判斷：有 UTF-16 位元組順序標記、合法的 UTF-8，否則視為 Big5）。", "The encoding of a text input: utf-8, utf-16 or big5 (detected by default: a UTF-16 byte-order mark, valid UTF-8, else Big5).")))
  var encoding: String?

  @OptionGroup(title: readLimitsTitle) var limits: ReadLimitOptions

  @OptionGroup var language: LanguageOption

  func validate() throws {
    if let encoding, TextEncoding(name: encoding) == nil {
      throw ValidationError(say("--encoding 只能是 utf-8、utf-16 或 big5", "--encoding must be utf-8, utf-16 or big5"))
    }
    if sheet != nil && allSheets { throw ValidationError(say("--sheet 與 --all-sheets 不能同時使用", "--sheet and --all-sheets exclude each other")) }
  }

  func run() throws {
    let lowerOut = output.lowercased()
    if lowerOut.hasSuffix(".xlsx") {
      try reportingErrors { try toWorkbook() }
      return
    }
    guard let outFormat = TextFormat(pathExtension: output) else {
      throw ValidationError(say("輸出檔的副檔名須為 .xlsx、.csv、.tsv 或 .jsonl", "the output's extension must be .xlsx, .csv, .tsv or .jsonl"))
    }
    try reportingErrors {
      if try sameFile(input, output) { throw wouldOverwrite(input, output: output) }
      let wb = try Workbook(path: input, options: limits.readOptions)
      var options = ExportOptions()
      options.neutraliseFormulas = !keepFormulaText
      let exporter = SheetExporter(format: outFormat, options: options)
      let worksheets = wb.sheets.filter { $0.kind == .worksheet }
      var targets: [(SheetInfo, String)] = []
      if allSheets {
        // Sheets whose names differ only in characters a file name cannot hold (「x<y」, 「x>y」)
        // would be written to one file, the last one kept: each gets its own, and a line says so.
        var names = OutputNames()
        for s in worksheets {
          let path = names.claim { outputPath(for: s.name, suffix: $0) }
          if path != outputPath(for: s.name) {
            printNote(say("工作表「\(s.name)」寫入 \(path)：它的名稱當作檔名時與另一張工作表相同",
                          "sheet '\(s.name)' is written to \(path): its name as a file name is another sheet's"))
          }
          targets.append((s, path))
        }
      } else if let name = sheet {
        guard let s = wb.sheet(named: name) else {
          throw noSuchSheet(name, in: wb)
        }
        targets.append((s, output))
      } else {
        guard let s = worksheets.first else {
          throw XLSXError(.noSuchSheet, "the workbook has no worksheet", facts: XLSXError.Facts(.noWorksheet), file: input)
        }
        targets.append((s, output))
      }
      for (s, path) in targets {
        let sink = try ByteSink(path: path)
        try exporter.export(try wb.reader(for: s), to: sink)
        try sink.commit()
      }
      try reportDamage(of: wb)
    }
  }

  /// Writes `input` (.csv, .tsv, .jsonl, .xlsx, .xlsm) as a new workbook.
  private func toWorkbook() throws {
    if try sameFile(input, output) { throw wouldOverwrite(input, output: output) }
    var options = WriteOptions()
    if let level = compressionLevel {
      options.compressionLevel = Int32(level)
      options.largePartCompressionLevel = Int32(level)
    }
    let ext = input.split(separator: ".").last.map { $0.lowercased() } ?? ""
    let stem = String((input.split(separator: "/").last ?? "Sheet1").split(separator: ".").first ?? "Sheet1")
    let name = sheet ?? String(stem.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31))
    switch ext {
    case "csv", "tsv", "tab":
      try Conversions.delimited(input, delimiter: ext == "csv" ? 0x2C : 0x09, to: output, sheetName: name, options: options,
                                encoding: textEncoding)
    case "jsonl", "ndjson":
      try Conversions.jsonLines(input, to: output, sheetName: name, options: options, encoding: textEncoding)
    default:
      let wb = try Workbook(path: input, options: limits.readOptions)
      try Conversions.workbook(wb, to: output, options: options)
      try reportDamage(of: wb)
    }
  }

  /// The `--encoding` given, if any (checked in `validate`).
  private var textEncoding: TextEncoding? { encoding.flatMap(TextEncoding.init(name:)) }

  private func outputPath(for sheetName: String, suffix: String = "") -> String {
    let safe = String(sheetName.map { "/\\:*?\"<>|".contains($0) ? "_" : $0 }) + suffix
    if output.contains("{sheet}") { return output.replacingOccurrences(of: "{sheet}", with: safe) }
    guard let dot = output.lastIndex(of: "."), !output[dot...].contains("/") else { return output + "-" + safe }
    return String(output[..<dot]) + "-" + safe + String(output[dot...])
  }
}
