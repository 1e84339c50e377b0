// The jixiao command: read, validate, merge and write performance-plan workbooks.

import ArgumentParser
import Foundation
import XLSXKit

#if canImport(Glibc)
import Glibc
#endif

@main
struct Jixiao: ParsableCommand {
  /// A closed pipe on standard output is an error that a write reports (exit code 2 with a
  /// message), not a signal that ends the process midway with an output half written.
  static func main() {
    signal(SIGPIPE, SIG_IGN)
    // An interrupt (Ctrl-C) or a termination leaves no temporary file behind.
    TemporaryFileRegistry.removeOnSignals()
    TemporaryFileRegistry.removeLeftoverScratchFiles()
    // Arguments byte for byte: a file name that is not UTF-8 (Big5) still names its file (FileName).
    let arguments = (1..<Int(CommandLine.argc)).map { i -> String in
      guard let arg = CommandLine.unsafeArgv[i] else { return "" }
      return FileName.string(fromBytes: Array(UnsafeBufferPointer(start: arg, count: strlen(arg))).map { UInt8(bitPattern: $0) })
    }
    Language.decide(arguments: arguments)
    // Usage errors are exit code 2, as the README says (ArgumentParser's own is 64), with the usage
    // when the arguments could not be parsed.
    var command: ParsableCommand
    do {
      command = try parseAsRoot(arguments)
    } catch {
      showHelpIfAsked(error)
      if exitCode(for: error) == .validationFailure {
        printError(usageMessage(fullMessage(for: error)))
        Glibc.exit(2)
      }
      exit(withError: error)
    }
    do {
      try command.run()
    } catch {
      showHelpIfAsked(error)
      if exitCode(for: error) == .validationFailure {
        printFailure(message(for: error))
        Glibc.exit(2)
      }
      exit(withError: error)
    }
  }

  /// ArgumentParser's usage error in the user's language: its own words (the missing or unknown
  /// option) stay as it says them; the frame around them is translated.
  static func usageMessage(_ full: String) -> String {
    guard !Language.english else { return full }
    var s = full
    if s.hasPrefix("Error: ") { s = "錯誤：" + s.dropFirst("Error: ".count) }
    s = s.replacingOccurrences(of: "Usage: ", with: "用法：")
    s = s.replacingOccurrences(of: "Help: ", with: "說明：")
    s.replace(/See '(.*)' for more information\./) { match in "詳見 '\(match.1)'。" }
    return s
  }

  /// For `--help`, `help` and `--version`: ArgumentParser's text with its frame (headings, the
  /// help and version flags, defaults) in the user's language, on standard output, exit code 0.
  static func showHelpIfAsked(_ error: Error) {
    guard exitCode(for: error) == .success else { return }
    var text = fullMessage(for: error)
    if !Language.english {
      for (en, zh) in [("OVERVIEW:", "概要："), ("USAGE:", "用法："), ("ARGUMENTS:", "引數："), ("OPTIONS:", "選項："),
                       ("SUBCOMMANDS:", "子命令："), ("Show help information.", "顯示說明。"), ("Show the version.", "顯示版本。"),
                       ("See 'jixiao help <subcommand>' for detailed help.", "各子命令的說明：jixiao help <子命令>。")] {
        text = text.replacingOccurrences(of: en, with: zh)
      }
      text.replace(/\s?\(default:\s+([^)]*)\)/) { match in "（預設：\(match.1)）" }
      text = text.replacingOccurrences(of: readLimitsTitle + ":", with: readLimitsTitle + "：")
    }
    text = limitsLast(text)
    if !text.hasSuffix("\n") { text += "\n" }
    try? writeStandardOutput(text.utf8)
    Glibc.exit(0)
  }

  /// The help with the section of read limits moved after the everyday options: ArgumentParser
  /// lists titled groups first, and these are the options a person needs least.
  static func limitsLast(_ text: String) -> String {
    var sections = text.components(separatedBy: "\n\n")
    let title = readLimitsTitle.uppercased()
    guard let i = sections.firstIndex(where: { $0.uppercased().hasPrefix(title) }), i + 1 < sections.count else { return text }
    let limits = sections.remove(at: i).trimmingCharacters(in: .newlines)
    let last = sections.lastIndex(where: { $0.hasPrefix("OPTIONS:") || $0.hasPrefix("選項：") }) ?? sections.count - 1
    sections[last] = sections[last].trimmingCharacters(in: .newlines)
    sections.insert(limits, at: last + 1)
    return sections.joined(separator: "\n\n")
  }

  static let configuration = CommandConfiguration(
    commandName: "jixiao",
    abstract: say("讀取、檢核與轉換地方政府的施政計畫與績效報告活頁簿（績效）。", "Read, check and convert the performance-plan workbooks of Taiwanese local governments (績效)."),
    discussion: say("結束代碼：0 成功；1 有錯誤等級的檢核結果或部分失敗；2 無法讀取的輸入或用法錯誤。",
                    "Exit codes: 0 success, 1 findings or partial failure, 2 unreadable input or bad usage."),
    version: "0.1.0",
    subcommands: [Cells.self, Convert.self, Inspect.self, Import.self, Export.self, Validate.self, Merge.self, Template.self]
  )
}
