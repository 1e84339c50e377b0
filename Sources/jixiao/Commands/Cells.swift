// jixiao cells: every non-empty cell of a workbook, as JSON Lines, CSV or TSV.

import ArgumentParser
import XLSXKit

struct Cells: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print every non-empty cell of a workbook.",
    discussion: """
      jsonl (the default) prints one object per cell:
        {"sheet":"業務面","row":3,"col":2,"ref":"B3","type":"string","value":"…"}
      type is string, number, bool, date, time, datetime, duration or error; dates are ISO 8601,
      durations seconds, errors their text. Percent-formatted numbers add "format":"percent",
      formulas add "formula". csv and tsv print each sheet as a grid.
      """)

  @Argument(help: "The workbook (.xlsx, .xlsm).")
  var file: String

  @Option(help: "Only this sheet.")
  var sheet: String?

  @Option(help: "jsonl, csv or tsv.")
  var format: String = "jsonl"

  @Flag(help: "Keep text that starts with = + - @ as it is in CSV/TSV (by default it is prefixed with ' so spreadsheets do not run it).")
  var keepFormulaText = false

  @OptionGroup var limits: ReadLimitOptions

  func run() throws {
    guard let fmt = TextFormat(rawValue: format) else {
      throw ValidationError("--format must be jsonl, csv or tsv")
    }
    try reportingErrors {
      let wb = try Workbook(path: file, options: limits.readOptions)
      var sheets = wb.sheets.filter { $0.kind == .worksheet }
      if let name = sheet {
        guard let s = wb.sheet(named: name) else {
          throw XLSXError(.noSuchSheet, "no sheet named '\(name)'; the sheets are \(wb.sheets.map { "'\($0.name)'" }.joined(separator: ", "))", file: file)
        }
        sheets = [s]
      }
      var options = ExportOptions()
      options.neutraliseFormulas = !keepFormulaText
      let exporter = SheetExporter(format: fmt, options: options)
      let sink = ByteSink()
      for s in sheets {
        try exporter.export(try wb.reader(for: s), to: sink)
      }
      try sink.commit()
      try reportDamage(of: wb)
    }
  }
}
