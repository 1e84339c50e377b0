// CheckOptions: what validate and merge share — the language, the plan, the rules, how to import.

import ArgumentParser
import Foundation
import IndicatorKit
import XLSXKit

/// The options of the commands that check reports (validate, merge).
struct CheckOptions: ParsableArguments {
  @Option(help: "zh-TW (default) or en: messages, and merge's sheet names and headers.")
  var lang: String = "zh-TW"

  @Option(help: "Compare with this plan (workbook or model): changed targets and weights, missing and added indicators.")
  var plan: String?

  @Option(help: "A rules file (JSON) switching findings off or re-grading them: {\"rules\": {\"points-mismatch\": \"off\"}}.")
  var rules: String?

  @Option(help: "The family when the columns do not make it clear.")
  var kind: String?

  @Option(help: "A template description (JSON) whose headers are recognised besides the built-in ones.")
  var template: String?

  @OptionGroup var limits: ReadLimitOptions

  /// Whether messages are in English.
  var english: Bool { lang.lowercased().hasPrefix("en") }

  /// How each input is imported.
  func importOptions() throws -> ImportOptions {
    try jixiao.importOptions(kind: kind, template: template, limits: limits)
  }

  /// The rules file (none: every finding keeps its severity); an unreadable or invalid file is an
  /// unreadable input (exit code 2).
  func loadRules() throws -> ValidationRules { try jixiao.loadRules(rules, english: english) }

  /// The plan, read with the template and limits but not --kind (which names the reports' family);
  /// an unreadable plan is exit code 2.
  func loadPlan() throws -> Report? {
    guard let plan else { return nil }
    var options = try importOptions()
    options.kind = nil
    do {
      return try loadWorkbookOrModel(plan, options: options).report
    } catch let e as XLSXError {
      printError("error: --plan: " + e.description)
      throw ExitCode(2)
    }
  }
}

/// The rules file at `path` (none: the defaults); an unreadable or invalid file is an unreadable
/// input (exit code 2).
func loadRules(_ path: String?, english: Bool) throws -> ValidationRules {
  guard let path else { return ValidationRules() }
  do {
    return try ValidationRules(json: try Data(contentsOf: URL(fileURLWithPath: path)))
  } catch let e as ValidationRulesError {
    printError("error: --rules \(path): \(english ? e.message : e.messageZH)")
  } catch {
    printError("error: --rules \(path): \(error.localizedDescription)")
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
