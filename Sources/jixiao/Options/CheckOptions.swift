// CheckOptions: what validate and merge share — the language, the plan, the rules, how to import.

import ArgumentParser
import Foundation
import IndicatorKit
import XLSXKit

/// The options of the commands that check reports (validate, merge).
struct CheckOptions: ParsableArguments {
  @OptionGroup var language: LanguageOption

  @Option(help: ArgumentHelp(say("與這份計畫（活頁簿或模型）比對：目標值與權重的變更、缺少與新增的指標。", "Compare with this plan (workbook or model): changed targets and weights, missing and added indicators.")))
  var plan: String?

  @Option(help: ArgumentHelp(say("規則檔（JSON），可關閉檢核項目或調整嚴重程度：{\"rules\": {\"points-mismatch\": \"off\"}}。", "A rules file (JSON) switching findings off or re-grading them: {\"rules\": {\"points-mismatch\": \"off\"}}.")))
  var rules: String?

  @Option(help: ArgumentHelp(say("欄位看不出表單類別時指定。", "The family when the columns do not make it clear.")))
  var kind: String?

  @Option(help: ArgumentHelp(say("範本描述檔（JSON）：除內建表頭外，也認得其中的表頭。", "A template description (JSON) whose headers are recognised besides the built-in ones.")))
  var template: String?

  @OptionGroup(title: readLimitsTitle) var limits: ReadLimitOptions

  /// Whether messages (and merge's sheet names and headers) are in English (``Language``).
  var english: Bool { Language.english }

  /// The language code findings are worded in.
  var lang: String { english ? "en" : "zh-TW" }

  /// How each input is imported.
  func importOptions() throws -> ImportOptions {
    try jixiao.importOptions(kind: kind, template: template, limits: limits)
  }

  /// The rules file (none: every finding keeps its severity); an unreadable or invalid file is an
  /// unreadable input (exit code 2).
  func loadRules() throws -> ValidationRules { try jixiao.loadRules(rules) }

  /// The plan, read with the template and limits but not --kind (which names the reports' family);
  /// an unreadable plan is exit code 2.
  func loadPlan() throws -> Report? {
    guard let plan else { return nil }
    var options = try importOptions()
    options.kind = nil
    do {
      return try loadWorkbookOrModel(plan, options: options).report
    } catch let e as XLSXError {
      printFailure("--plan: " + describe(e))
      throw ExitCode(2)
    }
  }
}

/// The rules file at `path` (none: the defaults); an unreadable or invalid file is an unreadable
/// input (exit code 2).
func loadRules(_ path: String?) throws -> ValidationRules {
  guard let path else { return ValidationRules() }
  do {
    return try ValidationRules(json: try Data(contentsOf: URL(fileURLWithPath: path)))
  } catch let e as ValidationRulesError {
    printFailure("--rules \(path): \(Language.english ? e.message : e.messageZH)")
  } catch let e as CocoaError where e.code == .fileReadNoSuchFile {
    printFailure("--rules \(path): " + say("找不到這個檔案", "no such file"))
  } catch {
    printFailure("--rules \(path): " + say("無法讀取", "cannot be read: \(error.localizedDescription)"))
  }
  throw ExitCode(2)
}

/// A workbook imported, or a model (`.json` from `jixiao import`) read with no import notes.
func loadWorkbookOrModel(_ path: String, options: ImportOptions) throws -> ImportResult {
  if path.lowercased().hasSuffix(".json") {
    var report = try readModel(path)
    report.computeAchievements(grading: options.grading)
    return ImportResult(report: report, notes: [])
  }
  return try Importer.importWorkbook(path: path, options: options)
}
