// jixiao merge: many departments' workbooks into one consolidated workbook (and JSON).

import ArgumentParser
import Foundation
import IndicatorKit
import XLSXKit

#if canImport(Glibc)
import Glibc
#endif

struct Merge: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: say("把各局處的活頁簿合併成一份：總表、指標明細、未達目標、檢核結果、未納入檔案與分數圖。", "Merge department workbooks into one: 總表, 指標明細, 未達目標, 檢核結果, 未納入檔案, and a chart."),
    discussion: prose(say("""
      輸入為檔案與資料夾（逐層搜尋，略過隱藏檔）。每本活頁簿都會匯入並檢核；其他檔案連同原因列在
      「未納入檔案」（鎖定檔、.ods、.xls、.csv、設有密碼、無法讀取、不是試算表）。有提交的檔案無法合併時
      結束代碼為 1（--allow-failures 則為 0）。同一機關、類別與年度提交兩次時，保留檔名標示修正版（或類似
      字樣）的一份，否則保留最後修改的一份，並說明原因（--keep all 全部保留）。沒有任何檔案可合併或無法寫出
      時結束代碼為 2。docs/MERGE.md 說明各工作表。
      """, """
      Inputs are files and folders (searched recursively; hidden files left out). Each workbook is
      imported and validated; every other file is listed with its reason in 未納入檔案 (lock files,
      .ods, .xls, .csv, encrypted, unreadable, not a spreadsheet). A submission that could not be
      merged makes the exit code 1, unless --allow-failures. The same agency, family and years
      submitted twice keeps the one named 修正版 (or the like), else the last modified, and says so
      (--keep all keeps both). Exit code 2 when nothing could be merged or the output cannot be
      written. docs/MERGE.md describes the sheets.
      """)))

  @Argument(help: ArgumentHelp(say("活頁簿與資料夾。", "Workbooks and folders.")))
  var inputs: [String]

  @Option(name: .shortAndLong, help: ArgumentHelp(say("彙整後的活頁簿（.xlsx）。", "The consolidated workbook (.xlsx).")))
  var output: String

  @Option(help: ArgumentHelp(say("同時把相同內容以 JSON 寫到這個檔案。", "Also write the same content as JSON here.")))
  var json: String?

  @Flag(help: ArgumentHelp(say("即使有檔案無法讀取，結束代碼仍為 0。", "Exit with 0 even when some files could not be read.")))
  var allowFailures = false

  @Option(help: ArgumentHelp(say("應繳交的機關名冊（.txt 每行一個名稱，或含「機關」欄的 .csv、.xlsx）：加上未繳交工作表。", "The agencies that must submit (.txt a name a line, .csv or .xlsx with a 機關 column): adds 未繳交.")))
  var expect: String?

  @Option(help: ArgumentHelp(say("latest（預設）：重複提交只保留一份；all：全部保留。", "latest (default): of a resubmission keep one; all: keep every submission.")))
  var keep: KeepChoice = .latest

  enum KeepChoice: String, ExpressibleByArgument { case latest, all }

  @Flag(name: .shortAndLong, help: ArgumentHelp(say("標準錯誤輸出不顯示進度列與摘要。", "No progress bar and no summary on standard error.")))
  var quiet = false

  @OptionGroup var check: CheckOptions


  func validate() throws {
    if let json, json != "-",
      (json as NSString).standardizingPath == (output as NSString).standardizingPath || isSameFile(json, output)
    {
      throw ValidationError(say("--json 與 -o 指向同一個檔案（\(output)）：請各給一個檔名", "--json and -o name the same file (\(output)): give each its own"))
    }
  }

  func run() throws {
    var options = MergeOptions()
    options.importOptions = try check.importOptions()
    let english = check.english
    options.rules = try check.loadRules()
    options.plan = try check.loadPlan()
    options.keepDuplicates = keep == .all
    if let expect {
      do {
        options.roster = try Roster.load(path: expect)
      } catch let e as XLSXError {
        printFailure("--expect: " + describe(e))
        throw ExitCode(2)
      }
    }
    var files: [String] = []
    try reportingErrors {
      files = try Merger.inputs(inputs)
      for path in [output, json].compactMap({ $0 }) {
        if let input = files.first(where: { isSameFile($0, path) }) {
          throw wouldOverwrite(input, output: path)
        }
      }
    }
    guard !files.isEmpty else {
      printFailure(say("輸入中沒有任何檔案", "no file among the inputs"))
      throw ExitCode(2)
    }
    let showProgress = !quiet && isatty(2) == 1
    let result = Merger.merge(files, options: options, progress: showProgress ? progressBar(total: files.count) : nil)
    guard !result.included.isEmpty else {
      for w in result.excluded { printError("\(w.file)\(say("：", ": "))\(exclusionText(w.exclusion))") }
      printFailure(say("\(files.count) 個檔案都無法合併", "none of the \(files.count) workbooks could be merged"))
      throw ExitCode(2)
    }
    try reportingErrors {
      // The JSON is streamed (the whole document of hundreds of workbooks would take over 100 MB)
      // while the workbook is written.
      let sink = try json.map { $0 == "-" ? ByteSink() : try ByteSink(path: $0) }
      try result.write(workbook: output, json: sink, english: english)
    }
    let indicators = result.included.reduce(0) { $0 + ($1.report?.indicatorCount ?? 0) }
    let unreadable = result.workbooks.filter { $0.exclusion?.needsAction == true }
    // A workbook with a damaged sheet is merged with what could be read; it needs a new copy too.
    let damaged = result.included.filter { $0.findings.contains { $0.code == .damagedSheet } }
    if !quiet {
      printError(english
        ? "merged \(result.included.count) of \(files.count) workbooks, \(indicators) indicators, into \(output); \(result.excluded.count) left out"
        : "已合併 \(files.count) 個檔案中的 \(result.included.count) 個、共 \(indicators) 項指標，寫入 \(output)；未納入 \(result.excluded.count) 個")
      for w in result.excluded { printError("  \(w.file)\(say("：", ": "))\(exclusionText(w.exclusion))") }
      for w in damaged {
        for f in w.findings where f.code == .damagedSheet { printError("  \(w.file)\(say("：", ": "))" + (english ? f.messageEN : f.message)) }
      }
      let missing = result.missing
      if !missing.isEmpty {
        printError(english ? "not submitted (\(missing.count)): " + missing.map(\.agency).joined(separator: ", ")
                           : "未繳交 \(missing.count) 個機關：" + missing.map(\.agency).joined(separator: "、"))
      }
    }
    if !(unreadable.isEmpty && damaged.isEmpty) && !allowFailures { throw ExitCode(1) }
    // Hundreds of reports are about to be freed one string at a time (about 50 ms for 500
    // workbooks) just before the process exits and the system takes the memory back at once.
    Merge.kept = result
  }

  /// Why a file was left out, as the user reads it (with the option that would let it in).
  func exclusionText(_ exclusion: Exclusion?) -> String {
    guard let exclusion else { return "" }
    if case .unreadable(let e) = exclusion { return exclusion.message(english: Language.english) + advice(for: e) }
    return exclusion.message(english: Language.english)
  }

  /// The last merge's result, left for the process's exit to free.
  nonisolated(unsafe) private static var kept: MergeResult?

  /// A bar on standard error redrawn as files are done.
  func progressBar(total: Int) -> @Sendable (Int) -> Void {
    { done in
      let width = 30
      let filled = width * done / max(total, 1)
      var line = "\r" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + " \(done)/\(total)"
      if done == total { line += "\n" }
      line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    }
  }
}
