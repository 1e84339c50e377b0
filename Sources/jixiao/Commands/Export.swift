// jixiao export: the indicator model (JSON) → a styled workbook, or a flat CSV of indicators.

import ArgumentParser
import Foundation
import IndicatorKit
import XLSXKit

struct Export: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: say("把模型（jixiao import 產生的 JSON）寫成排好版的活頁簿（.xlsx），或指標清單 CSV。", "Write a model (JSON from `jixiao import`) as a styled workbook (.xlsx) or a CSV of its indicators."))

  @Argument(help: ArgumentHelp(say("模型（JSON）。", "The model (JSON).")))
  var model: String

  @Option(name: .shortAndLong, help: ArgumentHelp(say("輸出檔：.xlsx 為排好版的表單，.csv 為每項指標一列。", "The output: .xlsx for the styled form, .csv for one row per indicator.")))
  var output: String

  @Option(help: ArgumentHelp(say("範本：表單類別名稱（performance-report、annual-plan、mid-term-plan、quarterly-report）或範本描述檔（JSON）。", "The template: a family name (performance-report, annual-plan, mid-term-plan, quarterly-report) or a template description (JSON).")))
  var template: String?

  @Option(help: ArgumentHelp(say("規則檔（JSON），其 \"grades\" 與 \"lights\" 設定等第與燈號的門檻。", "A rules file (JSON) whose \"grades\" and \"lights\" set the thresholds of the 等第 and 燈號 shown.")))
  var rules: String?

  @OptionGroup var language: LanguageOption

  func run() throws {
    let spec = try template.map(loadTemplate)
    let grading = try loadRules(rules).grading
    try reportingErrors {
      var report = try readModel(model)
      if rules != nil { report.computeAchievements(grading: grading) }
      if output.lowercased().hasSuffix(".csv") {
        try writeOutput(Data(indicatorCSV(report).utf8), to: output, inputs: [model])
      } else {
        if isSameFile(model, output) { throw wouldOverwrite(model, output: output) }
        try Exporter.write(report, to: output, template: spec, grading: grading)
      }
    }
  }
}

/// Reads a model file, as an unreadable-input error when it is not one.
func readModel(_ path: String) throws -> Report {
  let data: Data
  do {
    data = try Data(contentsOf: URL(fileURLWithPath: path))
  } catch {
    let missing = (error as? CocoaError)?.code == .fileReadNoSuchFile
    throw XLSXError(.io, "cannot read the model: \(error.localizedDescription)",
                    facts: XLSXError.Facts(missing ? .missing : .read), file: path)
  }
  do {
    return try Report.from(json: data)
  } catch {
    throw XLSXError(.invalidValue, "not a Jixiao model (JSON from `jixiao import`): \(error)", facts: XLSXError.Facts(.notModel),
                    file: path)
  }
}

/// One row per indicator: facet, goal, indicator and their values, as RFC 4180 CSV.
func indicatorCSV(_ report: Report) -> String {
  func field(_ s: String?) -> String {
    guard let s, !s.isEmpty else { return "" }
    var t = s
    if let first = t.first, "=+-@\t\r".contains(first) { t = "'" + t }
    return t.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + t.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : t
  }
  func number(_ v: Double?) -> String { v.map { String($0) } ?? "" }
  var out = "agency,years,facet,goal,indicator,weight,target,actual,achievement,computed_achievement,points,sheet,row\r\n"
  for (facet, goal, ind) in report.allIndicators {
    let cols = [field(report.agency), field(report.years.map(String.init).joined(separator: " ")), field(facet.name),
                field(goal.name), field(ind.name), number(ind.weight), field(ind.target?.text), field(ind.actual?.text),
                number(ind.achievement), number(ind.computedAchievement), number(ind.points), field(ind.source?.sheet),
                ind.source?.row.map(String.init) ?? ""]
    out += cols.joined(separator: ",") + "\r\n"
  }
  return out
}
