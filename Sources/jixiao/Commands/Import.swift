// jixiao import: a workbook laid out like the government tables → the indicator model as JSON.

import ArgumentParser
import Foundation
import IndicatorKit
import XLSXKit

struct Import: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Read a plan or report workbook into the indicator model (JSON).",
    discussion: """
      Headers are found anywhere on each sheet and matched by name and synonym; what cannot be
      placed is listed on standard error (and under "notes" with --notes). Exit code 2 when the
      file cannot be read.
      """)

  @Argument(help: "The workbook (.xlsx, .xlsm).")
  var file: String

  @Option(name: .shortAndLong, help: "Write the model here instead of standard output.")
  var output: String?

  @Option(help: "The family when the columns do not make it clear: annual-plan, mid-term-plan, performance-report, quarterly-report.")
  var kind: String?

  @Option(help: "A template description (JSON) whose headers are recognised besides the built-in ones.")
  var template: String?

  @Flag(name: .shortAndLong, help: "Print nothing about rows and columns that could not be placed.")
  var quiet = false

  @OptionGroup var limits: ReadLimitOptions

  func run() throws {
    let options = try importOptions(kind: kind, template: template, limits: limits)
    try reportingErrors {
      let result = try Importer.importWorkbook(path: file, options: options)
      if !quiet {
        for n in result.notes {
          let at = [n.sheet.map { "sheet '\($0)'" }, n.cell ?? n.row.map { "row \($0)" }].compactMap { $0 }.joined(separator: " ")
          printError("note: \(FileName.display(file))\(at.isEmpty ? "" : " " + at): \(n.messageZH) (\(n.code.rawValue))")
        }
      }
      var data = try result.report.jsonData(pretty: true)
      data.append(0x0A)
      try writeOutput(data, to: output, inputs: [file])
    }
  }
}

/// Import options from the command line's --kind, --template and read limits.
func importOptions(kind: String?, template: String?, limits: ReadLimitOptions) throws -> ImportOptions {
  var options = ImportOptions()
  if let kind {
    guard let k = ReportKind(rawValue: kind) else { throw ValidationError("unknown --kind \(kind)") }
    options.kind = k
  }
  if let template { options.template = try loadTemplate(template) }
  options.read = limits.readOptions
  return options
}

/// Loads a template by family name or path, as a usage error when it is neither.
func loadTemplate(_ nameOrPath: String) throws -> TemplateSpec {
  do {
    return try TemplateSpec.named(nameOrPath)
  } catch {
    throw ValidationError("--template \(nameOrPath): not a family name (\(ReportKind.allCases.map(\.rawValue).joined(separator: ", "))) nor a readable template description: \(error.localizedDescription)")
  }
}

/// Writes bytes to a file atomically (never over an input) or to standard output.
func writeOutput(_ data: Data, to path: String?, inputs: [String]) throws {
  guard let path, path != "-" else {
    try writeStandardOutput(data)
    return
  }
  for input in inputs where isSameFile(input, path) {
    throw XLSXError(.invalidArgument, "the output would overwrite the input \(input)", file: path)
  }
  let sink = try ByteSink(path: path)
  try data.withUnsafeBytes { raw in
    try sink.write(UnsafeBufferPointer(start: raw.bindMemory(to: UInt8.self).baseAddress, count: raw.count))
  }
  try sink.commit()
}
