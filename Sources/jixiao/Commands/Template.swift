// jixiao template: list the templates, write a blank one, or a report template pre-filled from a plan.

import ArgumentParser
import Foundation
import IndicatorKit
import XLSXKit

struct Template: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "The templates Jixiao ships: list them, write a blank one, or pre-fill a report from a plan.",
    subcommands: [List.self, New.self, Describe.self])

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the built-in templates.")
    func run() throws {
      for kind in ReportKind.allCases {
        guard let spec = TemplateSpec.builtIn[kind] else { continue }
        try writeStandardOutput("\(kind.rawValue)\t\(spec.title)\t\(spec.columns.map(\.header).joined(separator: " · "))\n".utf8)
      }
    }
  }

  struct Describe: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print a template's description (JSON), to copy, change and pass with --template.")
    @Argument(help: "The family.") var kind: String
    func run() throws {
      let spec = try loadTemplate(kind)
      var data = try spec.jsonData()
      data.append(0x0A)
      try writeStandardOutput(data)
    }
  }

  struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write a blank template, or with --from a report template pre-filled with a plan's goals, indicators, weights and targets.")

    @Argument(help: "The family: annual-plan, mid-term-plan, performance-report, quarterly-report.")
    var kind: String

    @Option(name: .shortAndLong, help: "The workbook to write.")
    var output: String = "template.xlsx"

    @Option(help: "A plan workbook (annual or mid-term) to pre-fill from.")
    var from: String?

    @Option(help: "The ROC year whose targets a pre-filled report takes (default: the plan's last year).")
    var year: Int?

    @Option(help: "A template description (JSON) to lay the workbook out with.")
    var template: String?

    @OptionGroup var limits: ReadLimitOptions

    func run() throws {
      guard let k = ReportKind(rawValue: kind) else { throw ValidationError("unknown family \(kind)") }
      let spec = try template.map(loadTemplate)
      try reportingErrors {
        guard let from else { return try Exporter.writeBlankForm(k, to: output, template: spec) }
        var options = ImportOptions()
        options.read = limits.readOptions
        let plan = try Importer.importWorkbook(path: from, options: options).report
        if isSameFile(from, output) { throw XLSXError(.invalidArgument, "the output would overwrite the plan", file: output) }
        try Exporter.write(Prefill.report(kind: k, from: plan, year: year), to: output, template: spec)
      }
    }
  }
}
