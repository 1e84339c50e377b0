// jixiao cells: every non-empty cell of a workbook, as JSON Lines, CSV or TSV.

import ArgumentParser
import XLSXKit

struct Cells: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: say("列出活頁簿中每個非空白儲存格。", "Print every non-empty cell of a workbook."),
    discussion: prose(say("""
      jsonl（預設）每個儲存格印一個物件：
        {"sheet":"業務面","row":3,"col":2,"ref":"B3","type":"string","value":"…"}
      type 為 string、number、bool、date、time、datetime、duration 或 error；日期為 ISO 8601，
      期間為秒數，錯誤為其文字。百分比格式的數字加上 "format":"percent"，公式加上 "formula"。
      csv 與 tsv 把每張工作表印成表格。
      """, """
      jsonl (the default) prints one object per cell:
        {"sheet":"業務面","row":3,"col":2,"ref":"B3","type":"string","value":"…"}
      type is string, number, bool, date, time, datetime, duration or error; dates are ISO 8601,
      durations seconds, errors their text. Percent-formatted numbers add "format":"percent",
      formulas add "formula". csv and tsv print each sheet as a grid.
      """)))

  @Argument(help: ArgumentHelp(say("活頁簿（.xlsx、.xlsm）或存放活頁簿的資料夾；多本時每個物件以 \"file\" 開頭（僅 jsonl）。",
                                   "Workbooks (.xlsx, .xlsm) or folders of them; with several, each object starts with \"file\" (jsonl only).")))
  var files: [String]

  @Option(help: ArgumentHelp(say("只列這張工作表。", "Only this sheet.")))
  var sheet: String?

  @Option(help: ArgumentHelp(say("jsonl、csv 或 tsv。", "jsonl, csv or tsv.")))
  var format: String = "jsonl"

  @Flag(help: ArgumentHelp(say("CSV/TSV 中以 = + - @ 開頭的文字保持原樣（預設在前面加 '，以免試算表把它當公式執行）。", "Keep text that starts with = + - @ as it is in CSV/TSV (by default it is prefixed with ' so spreadsheets do not run it).")))
  var keepFormulaText = false

  @OptionGroup(title: readLimitsTitle) var limits: ReadLimitOptions

  @OptionGroup var language: LanguageOption

  func run() throws {
    guard let fmt = TextFormat(rawValue: format) else {
      throw ValidationError(say("--format 只能是 jsonl、csv 或 tsv", "--format must be jsonl, csv or tsv"))
    }
    let inputs = try workbookInputs(files)
    if inputs.count > 1 && fmt != .jsonl {
      throw ValidationError(say("csv 與 tsv 一次只印一本活頁簿（多本請用 jsonl）", "csv and tsv print one workbook at a time (use jsonl for several)"))
    }
    // Every workbook is printed that can be; an unreadable one is said and makes exit code 2, a
    // damaged sheet exit code 1, once all are done.
    var unreadable = false
    var damaged = false
    for file in inputs {
      // A workbook's cells go out as they are read; one that fails ends where it failed (what the
      // sink holds of it is not written).
      let sink = ByteSink()
      do {
        let wb = try Workbook(path: file, options: limits.readOptions)
        var sheets = wb.sheets.filter { $0.kind == .worksheet }
        if let name = sheet {
          guard let s = wb.sheet(named: name) else { throw noSuchSheet(name, in: wb) }
          sheets = [s]
        }
        var options = ExportOptions()
        options.neutraliseFormulas = !keepFormulaText
        if inputs.count > 1 { options.file = FileName.display(file) }
        let exporter = SheetExporter(format: fmt, options: options)
        for s in sheets {
          try exporter.export(try wb.reader(for: s), to: sink)
        }
        try sink.commit()
        do { try reportDamage(of: wb) } catch { damaged = true }
      } catch let e as XLSXError where e.file == file {
        printFailure(describe(e))
        unreadable = true
      } catch let e as XLSXError {
        try reportingErrors { throw e }  // standard output failed: nothing more can be printed
      }
    }
    if unreadable { throw ExitCode(2) }
    if damaged { throw ExitCode(1) }
  }
}
