// jixiao template: list the templates, write a blank one, or a report template pre-filled from a plan.

import ArgumentParser
import Foundation
import IndicatorKit
import XLSXKit

struct Template: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: say("Jixiao 內建的範本：列出、寫出空白表單，或由計畫預填報告。", "The templates Jixiao ships: list them, write a blank one, or pre-fill a report from a plan."),
    subcommands: [List.self, New.self, Describe.self])

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: say("列出內建範本。", "List the built-in templates."))
    func run() throws {
      for kind in ReportKind.allCases {
        guard let spec = TemplateSpec.builtIn[kind] else { continue }
        try writeStandardOutput("\(kind.rawValue)\t\(spec.title)\t\(spec.columns.map(\.header).joined(separator: " · "))\n".utf8)
      }
    }
  }

  struct Describe: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: say("印出範本描述（JSON），可複製修改後以 --template 使用。", "Print a template's description (JSON), to copy, change and pass with --template."))
    @Argument(help: ArgumentHelp(say("表單類別。", "The family."))) var kind: String
    func run() throws {
      let spec = try loadTemplate(kind)
      var data = try spec.jsonData()
      data.append(0x0A)
      try writeStandardOutput(data)
    }
  }

  struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: say("寫出空白表單；加 --from 則寫出由計畫預填目標、指標、權重與目標值的報告表單。", "Write a blank template, or with --from a report template pre-filled with a plan's goals, indicators, weights and targets."))

    @Argument(help: ArgumentHelp(say("表單類別：annual-plan、mid-term-plan、performance-report、quarterly-report。", "The family: annual-plan, mid-term-plan, performance-report, quarterly-report.")))
    var kind: String

    @Option(name: .shortAndLong, help: ArgumentHelp(say("要寫出的活頁簿。", "The workbook to write.")))
    var output: String = "template.xlsx"

    @Option(help: ArgumentHelp(say("用來預填的計畫活頁簿（年度或中程）。", "A plan workbook (annual or mid-term) to pre-fill from.")))
    var from: String?

    @Option(help: ArgumentHelp(say("預填報告採用哪一個民國年度的目標值（預設為計畫的最後一年）。", "The ROC year whose targets a pre-filled report takes (default: the plan's last year).")))
    var year: Int?

    @Option(help: ArgumentHelp(say("用來排版活頁簿的範本描述檔（JSON）。", "A template description (JSON) to lay the workbook out with.")))
    var template: String?

    @OptionGroup(title: readLimitsTitle) var limits: ReadLimitOptions

    @OptionGroup var language: LanguageOption

    func run() throws {
      guard let k = ReportKind(rawValue: kind) else {
        throw ValidationError(say("不認得的範本 \(kind)（可用：\(familyNames)）", "unknown family \(kind) (one of \(familyNames))"))
      }
      let spec = try template.map(loadTemplate)
      try reportingErrors {
        guard let from else { return try Exporter.writeBlankForm(k, to: output, template: spec) }
        var options = ImportOptions()
        options.read = limits.readOptions
        let plan = try Importer.importWorkbook(path: from, options: options).report
        if isSameFile(from, output) { throw wouldOverwrite(from, output: output) }
        try Exporter.writeForm(Prefill.report(kind: k, from: plan, year: year), to: output, template: spec)
      }
    }
  }
}
