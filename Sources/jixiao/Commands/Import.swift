// jixiao import: a workbook laid out like the government tables → the indicator model as JSON.

import ArgumentParser
import Foundation
import IndicatorKit
import XLSXKit

struct Import: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: say("把計畫或報告活頁簿讀成指標模型（JSON）。", "Read a plan or report workbook into the indicator model (JSON)."),
    discussion: prose(say("""
      表頭可在工作表的任何位置，依名稱與同義詞比對；無法歸位的內容列在標準錯誤輸出。
      檔案無法讀取時結束代碼為 2。
      """, """
      Headers are found anywhere on each sheet and matched by name and synonym; what cannot be
      placed is listed on standard error. Exit code 2 when the file cannot be read.
      """)))

  @Argument(help: ArgumentHelp(say("活頁簿（.xlsx、.xlsm）或存放活頁簿的資料夾。", "Workbooks (.xlsx, .xlsm) or folders of them.")))
  var files: [String]

  @Option(name: .shortAndLong, help: ArgumentHelp(say(
    "把模型寫到這個檔案，而不是標準輸出；多本活頁簿時為資料夾，每本寫成同名的 .json。",
    "Write the model here instead of standard output; with several workbooks a folder, each written as its name with .json.")))
  var output: String?

  @Option(help: ArgumentHelp(say("欄位看不出表單類別時指定：annual-plan、mid-term-plan、performance-report、quarterly-report。", "The family when the columns do not make it clear: annual-plan, mid-term-plan, performance-report, quarterly-report.")))
  var kind: String?

  @Option(help: ArgumentHelp(say("範本描述檔（JSON）：除內建表頭外，也認得其中的表頭。", "A template description (JSON) whose headers are recognised besides the built-in ones.")))
  var template: String?

  @Flag(name: .shortAndLong, help: ArgumentHelp(say("不列出無法歸位的列與欄。", "Print nothing about rows and columns that could not be placed.")))
  var quiet = false

  @OptionGroup(title: readLimitsTitle) var limits: ReadLimitOptions

  @OptionGroup var language: LanguageOption

  func run() throws {
    let options = try importOptions(kind: kind, template: template, limits: limits)
    let inputs = try workbookInputs(files)
    guard inputs.count > 1 else {
      guard let file = inputs.first else {
        printFailure(say("輸入中沒有任何活頁簿", "no workbook among the inputs"))
        throw ExitCode(2)
      }
      return try reportingErrors { try importOne(file, to: output, options: options) }
    }
    guard let folder = output, folder != "-" else {
      throw ValidationError(say("多本活頁簿需要 -o 資料夾（每本寫成一個 .json）", "several workbooks need -o FOLDER (a .json for each)"))
    }
    try reportingErrors { try makeFolder(folder) }
    // Each workbook that can be read is written; an unreadable one is said, and makes exit code 2
    // once all are done.
    var unreadable = false
    var names = OutputNames()
    for file in inputs {
      let stem = ((FileName.display(file) as NSString).lastPathComponent as NSString).deletingPathExtension
      let name = names.claim { stem + $0 + ".json" }
      do {
        try importOne(file, to: (folder as NSString).appendingPathComponent(name), options: options)
      } catch let e as XLSXError where e.file == file {
        printFailure(describe(e))
        unreadable = true
      } catch let e as XLSXError {
        try reportingErrors { throw e }  // an output could not be written: stop
      }
    }
    if unreadable { throw ExitCode(2) }
  }

  /// Imports `file` and writes its model to `output` (standard output when nil), its notes on
  /// standard error.
  private func importOne(_ file: String, to output: String?, options: ImportOptions) throws {
    let result = try Importer.importWorkbook(path: file, options: options)
    if !quiet {
      for n in result.notes {
        let at = [n.sheet.map { say("工作表「\($0)」", "sheet '\($0)'") }, n.cell ?? n.row.map { say("第 \($0) 列", "row \($0)") }]
          .compactMap { $0 }.joined(separator: " ")
        printNote("\(FileName.display(file))\(at.isEmpty ? "" : " " + at)\(say("：", ": "))\(Language.english ? n.message : n.messageZH) [\(n.code.rawValue)]")
      }
    }
    var data = try result.report.jsonData(pretty: true)
    data.append(0x0A)
    try writeOutput(data, to: output, inputs: [file])
  }

  /// Creates `folder` (and its parents) unless it exists; a file of that name is an error.
  private func makeFolder(_ folder: String) throws {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
      guard isFolder.boolValue else {
        throw XLSXError(.invalidArgument, "-o \(folder) is a file; several workbooks need a folder",
                        facts: XLSXError.Facts(.notFolder), file: folder)
      }
      return
    }
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw XLSXError(.io, "cannot create the folder: \(error.localizedDescription)", facts: XLSXError.Facts(.create, value: folder),
                      file: folder)
    }
  }
}

/// Import options from the command line's --kind, --template and read limits.
func importOptions(kind: String?, template: String?, limits: ReadLimitOptions) throws -> ImportOptions {
  var options = ImportOptions()
  if let kind {
    guard let k = ReportKind(rawValue: kind) else { throw ValidationError(say("不認得的 --kind \(kind)（可用：\(familyNames)）", "unknown --kind \(kind) (one of \(familyNames))")) }
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
    throw ValidationError(say("--template \(nameOrPath)：既不是範本名稱（\(familyNames)），也不是可讀的範本描述檔",
                              "--template \(nameOrPath): not a family name (\(familyNames)) nor a readable template description: \(error.localizedDescription)"))
  }
}

/// The families' names, for messages.
let familyNames = ReportKind.allCases.map(\.rawValue).joined(separator: ", ")

/// Writes bytes to a file atomically (never over an input) or to standard output.
func writeOutput(_ data: Data, to path: String?, inputs: [String]) throws {
  guard let path, path != "-" else {
    try writeStandardOutput(data)
    return
  }
  for input in inputs where isSameFile(input, path) {
    throw wouldOverwrite(input, output: path)
  }
  let sink = try ByteSink(path: path)
  try data.withUnsafeBytes { raw in
    try sink.write(UnsafeBufferPointer(start: raw.bindMemory(to: UInt8.self).baseAddress, count: raw.count))
  }
  try sink.commit()
}
