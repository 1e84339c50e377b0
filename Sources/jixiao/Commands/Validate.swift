// jixiao validate: findings for one or more workbooks, as text for people or JSON for scripts.

import ArgumentParser
import Foundation
import IndicatorKit
import XLSXKit

#if canImport(Glibc)
import Glibc
#endif

struct Validate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: say("檢核計畫與報告：未達目標、權重、達成度、分數、日期等。", "Check plans and reports: unmet targets, weights, achievements, scores, dates, and more."),
    discussion: prose(say("""
      每項檢核結果有固定的代碼、嚴重程度（錯誤、警告、資訊）、工作表與儲存格、說明與修正建議。資料夾會
      逐層搜尋；Excel 的鎖定檔（~$…）與隱藏檔會略過，並各以一行說明。docs/VALIDATION.md 列出所有檢核。
      結束代碼：0 沒有錯誤（可有警告）；1 至少一個錯誤；2 有檔案無法讀取。
      """, """
      Each finding has a stable code, a severity (error, warning, info), the sheet and cell, a
      message and a hint. Folders are searched; Excel's lock files (~$…) and hidden files are
      skipped, a line each. docs/VALIDATION.md lists the checks.
      Exit codes: 0 no error (warnings allowed), 1 at least one error, 2 a file could not be read.
      """)))

  @Argument(help: ArgumentHelp(say("活頁簿（.xlsx、.xlsm）、存放活頁簿的資料夾，或模型（jixiao import 產生的 .json）。", "Workbooks (.xlsx, .xlsm), folders of them, or models (.json from `jixiao import`).")))
  var files: [String]

  @Option(help: ArgumentHelp(say("text 或 json。", "text or json.")))
  var format: OutputFormat = .text

  @Option(help: ArgumentHelp(say("另存一份活頁簿，把檢核結果標色、加註解並另列一張工作表（只限一個輸入檔）。", "Write a copy of the workbook with the findings highlighted, noted and listed on a sheet of their own (one input only).")))
  var annotate: String?

  @Flag(help: ArgumentHelp(say("即使輸出不是終端機也加上顏色。", "Colour the text output even when it is not a terminal.")))
  var color = false

  @OptionGroup var check: CheckOptions


  enum OutputFormat: String, ExpressibleByArgument { case text, json }

  func validate() throws {
    if annotate != nil && files.count != 1 {
      throw ValidationError(say("--annotate 只能用於一個輸入活頁簿", "--annotate needs exactly one input workbook"))
    }
  }

  func run() throws {
    var options = try check.importOptions()
    let ruleSet = try check.loadRules()
    options.grading = ruleSet.grading
    let planReport = try check.loadPlan()

    var results: [FileResult] = []
    for file in try workbookInputs(files) {
      do {
        let loaded = try loadWorkbookOrModel(file, options: options)
        var findings = Validator.validate(loaded.report, notes: loaded.notes, plan: planReport, rules: ruleSet)
        for i in findings.indices { findings[i].file = file }
        results.append(FileResult(file: FileName.display(file), report: loaded.report, findings: findings, error: nil))
      } catch let e as XLSXError {
        results.append(FileResult(file: FileName.display(file), report: nil, findings: [], error: describe(e), errorCode: e.code.name))
      }
    }

    if let annotate, let result = results.first, result.error == nil {
      if annotate.lowercased().hasSuffix(".json") || !(annotate.lowercased().hasSuffix(".xlsx") || annotate.lowercased().hasSuffix(".xlsm")) {
        throw ValidationError(say("--annotate 寫出的是活頁簿：請給 .xlsx 檔名", "--annotate writes a workbook: give it an .xlsx name"))
      }
      if result.file.lowercased().hasSuffix(".json") {
        throw ValidationError(say("--annotate 需要活頁簿，不是模型（.json）", "--annotate needs the workbook, not a model"))
      }
      try reportingErrors {
        try Annotator.write(input: result.file, findings: result.findings, to: annotate, english: english,
                            report: result.report, grading: ruleSet.grading)
      }
    }

    switch format {
    case .json:
      var data = try jsonReport(results)
      data.append(0x0A)
      try writeStandardOutput(data)
    case .text:
      try writeStandardOutput(textReport(results).utf8)
    }
    if results.contains(where: { $0.error != nil }) { throw ExitCode(2) }
    if results.contains(where: { $0.findings.contains { $0.severity == .error } }) { throw ExitCode(1) }
  }

  var english: Bool { check.english }
  var lang: String { check.lang }

  struct FileResult {
    var file: String
    var report: Report?
    var findings: [Finding]
    var error: String?
    var errorCode: String?
  }

  // MARK: - JSON

  private struct JSONFinding: Encodable {
    var code: String
    var severity: String
    var sheet: String?
    var cell: String?
    var facet: String?
    var goal: String?
    var indicator: String?
    var message: String
    var hint: String?
    var details: [String: FindingDetail]
  }

  private struct JSONFile: Encodable {
    var file: String
    var kind: String?
    var agency: String?
    var years: [Int]?
    var error: String?
    var errorCode: String?
    var findings: [JSONFinding]
  }

  private struct JSONSummary: Encodable {
    var files: Int
    var unreadable: Int
    var errors: Int
    var warnings: Int
    var info: Int
    var byCode: [String: Int]
  }

  private struct JSONReport: Encodable {
    var files: [JSONFile]
    var summary: JSONSummary
  }

  func jsonReport(_ results: [FileResult]) throws -> Data {
    let files = results.map { r in
      JSONFile(file: r.file, kind: r.report?.kind.rawValue, agency: r.report?.agency, years: r.report?.years, error: r.error, errorCode: r.errorCode,
               findings: r.findings.map { f in
                 JSONFinding(code: f.code.rawValue, severity: f.severity.rawValue, sheet: f.sheet, cell: f.cell, facet: f.facet,
                             goal: f.goal, indicator: f.indicator, message: f.message(in: lang), hint: f.hint(in: lang),
                             details: f.details)
               })
    }
    let all = results.flatMap(\.findings)
    var byCode: [String: Int] = [:]
    for f in all { byCode[f.code.rawValue, default: 0] += 1 }
    let summary = JSONSummary(files: results.count, unreadable: results.filter { $0.error != nil }.count,
                              errors: all.filter { $0.severity == .error }.count,
                              warnings: all.filter { $0.severity == .warning }.count,
                              info: all.filter { $0.severity == .info }.count, byCode: byCode)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(JSONReport(files: files, summary: summary))
  }

  // MARK: - Text

  func textReport(_ results: [FileResult]) -> String {
    let colour = color || (isatty(1) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
    func paint(_ s: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
    func label(_ s: Severity) -> String {
      switch s {
      case .error: return paint(english ? "error  " : "錯誤", "1;31")
      case .warning: return paint(english ? "warning" : "警告", "33")
      case .info: return paint(english ? "info   " : "資訊", "36")
      }
    }
    var out = ""
    var totals = (errors: 0, warnings: 0, info: 0)
    for r in results {
      let head = [r.report?.agency, r.report.map { $0.kind.name(english: english) }, r.report.flatMap { yearsText($0.years) }]
        .compactMap { $0 }.joined(separator: " · ")
      out += paint(r.file, "1") + (head.isEmpty ? "" : "  " + head) + "\n"
      if let error = r.error {
        out += "  " + paint(english ? "cannot be read: " : "無法讀取：", "1;31") + error + "\n\n"
        continue
      }
      var sheet: String?? = .none
      for f in r.findings {
        if sheet.map({ $0 != f.sheet }) ?? true {
          sheet = .some(f.sheet)
          out += "  " + paint(f.sheet.map { (english ? "sheet " : "工作表 ") + $0 } ?? (english ? "(whole file)" : "（整份檔案）"), "4") + "\n"
        }
        let cell = (f.cell ?? "").padding(toLength: 6, withPad: " ", startingAt: 0)
        out += "    \(cell) \(label(f.severity))  \(f.message(in: lang))  " + paint("[\(f.code.rawValue)]", "2") + "\n"
        if let hint = f.hint(in: lang) {
          out += "           " + paint(Finding.hintLead(english: english) + hint, "2") + "\n"
        }
      }
      let e = r.findings.filter { $0.severity == .error }.count
      let w = r.findings.filter { $0.severity == .warning }.count
      let i = r.findings.filter { $0.severity == .info }.count
      totals.errors += e
      totals.warnings += w
      totals.info += i
      if r.findings.isEmpty { out += "  " + paint(english ? "no findings" : "沒有發現問題", "32") + "\n" }
      out += "  " + counts(e, w, i) + "\n\n"
    }
    if results.count > 1 {
      out += (english ? "Total: " : "總計：") + counts(totals.errors, totals.warnings, totals.info) + "\n"
    }
    return out
  }

  func counts(_ e: Int, _ w: Int, _ i: Int) -> String {
    english ? "\(e) error\(e == 1 ? "" : "s"), \(w) warning\(w == 1 ? "" : "s"), \(i) info"
      : "\(e) 個錯誤、\(w) 個警告、\(i) 則資訊"
  }

  func yearsText(_ years: [Int]) -> String? {
    guard let a = years.min(), let b = years.max() else { return nil }
    let span = a == b ? String(a) : "\(a)–\(b)"
    return english ? "ROC \(span)" : "\(span) 年"
  }
}
