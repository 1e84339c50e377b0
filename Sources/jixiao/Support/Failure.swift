// Failure: turns engine errors into a message on standard error and an exit code.

import ArgumentParser
import IndicatorKit
import XLSXKit

#if canImport(Glibc)
import Glibc
#endif

/// Prints `message` to standard error, prefixed with the program's name.
func printError(_ message: String) {
  var s = "jixiao: " + message + "\n"
  s.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

/// Prints an error line: 「jixiao: 錯誤：…」 or "jixiao: error: …".
func printFailure(_ message: String) { printError(say("錯誤：", "error: ") + message) }

/// Prints a warning line: 「jixiao: 警告：…」 or "jixiao: warning: …".
func printWarning(_ message: String) { printError(say("警告：", "warning: ") + message) }

/// Prints a note line: 「jixiao: 注意：…」 or "jixiao: note: …".
func printNote(_ message: String) { printError(say("注意：", "note: ") + message) }

/// An engine error as the user reads it: located, worded in their language, with the option that
/// changes the outcome when there is one (a limit, the text encoding).
func describe(_ e: XLSXError) -> String {
  e.text(english: Language.english) + advice(for: e)
}

/// What the user can do about `e` with this program's options: raise the limit exceeded, name the
/// text's encoding, convert a text table; empty when nothing.
func advice(for e: XLSXError) -> String {
  if let limit = e.facts.limit, let flag = ReadLimitOptions.flag(for: limit) {
    return say("（可用 \(flag) 調高上限）", " (raise it with \(flag))")
  }
  if e.facts.what == .undecodableText {
    return say("；可用 --encoding 指定檔案的編碼", "; name the file's encoding with --encoding")
  }
  if e.code == .notZip && e.facts.what == .text {
    return say("；CSV 檔可用 jixiao convert 轉成 .xlsx", "; a CSV file converts with `jixiao convert`")
  }
  return ""
}

/// Runs `body`; an ``XLSXError`` is printed and becomes exit code 2 (unreadable input),
/// other errors propagate to ArgumentParser.
func reportingErrors(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch let e as XLSXError {
    printFailure(describe(e))
    throw ExitCode(2)
  }
}

/// Says on standard error which sheets of `workbook` were read only in part (``Workbook/damages``):
/// exit code 1 when any was. Call it once every output is written.
func reportDamage(of workbook: Workbook) throws {
  guard !workbook.damages.isEmpty else { return }
  for d in workbook.damages {
    printWarning(d.text(english: Language.english)
      + say("；其他工作表已讀取（--strict 會拒絕這樣的活頁簿）", "; the other sheets were read (--strict refuses such a workbook)"))
  }
  throw ExitCode(1)
}

/// Whether two paths name the same existing file (so an output would overwrite an input).
func sameFile(_ a: String, _ b: String) throws -> Bool { isSameFile(a, b) }

/// Writes `bytes` to standard output. A closed, full or broken standard output is exit code 2 with a
/// message on standard error, never a crash (Foundation's FileHandle.write traps on a write error).
func writeStandardOutput(_ bytes: some Sequence<UInt8>) throws {
  var data = Array(bytes)
  let failure: Int32? = data.withUnsafeMutableBytes { buffer -> Int32? in
    var done = 0
    while done < buffer.count {
      let n = write(1, buffer.baseAddress.map { $0 + done }, buffer.count - done)
      if n < 0 {
        if errno == EINTR { continue }
        return errno
      }
      done += n
    }
    return nil
  }
  if let failure {
    printFailure(say("無法寫到標準輸出：" + XLSXError.chineseSystemError(failure),
                     "cannot write to standard output: " + String(cString: strerror(failure))))
    throw ExitCode(2)
  }
}

/// The error for a sheet `name` that `workbook` does not have, listing the sheets it has.
func noSuchSheet(_ name: String, in workbook: Workbook) -> XLSXError {
  XLSXError(.noSuchSheet, "no sheet named '\(name)'; the sheets are \(workbook.sheets.map { "'\($0.name)'" }.joined(separator: ", "))",
            facts: XLSXError.Facts(value: name), file: workbook.path)
}

/// The error for an output that would replace the input `input`.
func wouldOverwrite(_ input: String, output: String) -> XLSXError {
  XLSXError(.invalidArgument, "the output would overwrite the input \(FileName.display(input))",
            facts: XLSXError.Facts(.wouldOverwrite, value: input), file: output)
}
