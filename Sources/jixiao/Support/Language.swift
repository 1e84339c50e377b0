// Language: which language a person reads the messages in — one rule for every command.

import ArgumentParser
import Foundation
import XLSXKit

/// The language of every message, progress line and summary.
///
/// `--lang en` (or `--lang=en`) anywhere on the command line, else an English locale in `LC_ALL`,
/// `LC_MESSAGES` or `LANG` (in that order, the first one set decides), gives English; anything else
/// gives Traditional Chinese, the default. Decided once, before the arguments are parsed, so that
/// usage errors are worded in the same language as the rest.
enum Language {
  /// Whether messages are in English.
  nonisolated(unsafe) static var english = false

  /// Decides the language from the arguments and the environment.
  static func decide(arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment) {
    english = isEnglish(arguments: arguments, environment: environment)
  }

  /// The rule: `--lang` first, then the locale variables.
  static func isEnglish(arguments: [String], environment: [String: String]) -> Bool {
    var given: String?
    for (i, a) in arguments.enumerated() {
      if a == "--" { break }
      if a == "--lang", i + 1 < arguments.count { given = arguments[i + 1] }
      if a.hasPrefix("--lang=") { given = String(a.dropFirst("--lang=".count)) }
    }
    if let given { return given.lowercased().hasPrefix("en") }
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
      if let value = environment[name], !value.isEmpty { return value.lowercased().hasPrefix("en") }
    }
    return false
  }

  /// The accepted values of `--lang`.
  static let choices = ["zh-TW", "zh", "en"]
}

/// The `--lang` option of every command (read by ``Language``; here so that it is accepted, shown
/// in the help and checked).
struct LanguageOption: ParsableArguments {
  @Option(help: ArgumentHelp(say("訊息語言：zh-TW（預設）或 en；未指定時，英文語系（LC_ALL、LC_MESSAGES、LANG）用英文。",
                                 "Messages: zh-TW (default) or en; when not given, an English locale (LC_ALL, LC_MESSAGES, LANG) gives English.")))
  var lang: String?

  func validate() throws {
    if let lang, !Language.choices.contains(where: { $0.lowercased() == lang.lowercased() }) {
      throw ValidationError(say("--lang 只能是 zh-TW 或 en", "--lang must be zh-TW or en"))
    }
  }
}

/// `zh` or `en`, as the user reads.
func say(_ zh: String, _ en: String) -> String { Language.english ? en : zh }

/// A discussion written over several source lines as the help shows it: the lines of a paragraph
/// joined (with a space between English words, nothing between Chinese ones), indented lines (an
/// example) kept as they are, and ArgumentParser left to wrap to the terminal.
func prose(_ text: String) -> String {
  func cjk(_ c: Character?) -> Bool { (c?.unicodeScalars.first?.value ?? 0) >= 0x2E80 }
  var out = ""
  var lineStarts = true  // at the start of the text, a paragraph, or after an example line
  for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
    let indented = line.first == " "
    if line.isEmpty {
      out += "\n\n"
      lineStarts = true
    } else if lineStarts || indented {
      if !out.isEmpty && !out.hasSuffix("\n") { out += "\n" }
      out += line
      lineStarts = indented
    } else {
      out += (cjk(out.last) || cjk(line.first) ? "" : " ") + line
    }
  }
  return out
}
