// Inputs: the workbooks a command reads, from the files and folders a person gives it.

import ArgumentParser
import Foundation
import IndicatorKit
import XLSXKit

/// The workbooks named by `given`: files as given, folders searched as merge searches them (its
/// one rule, ``Merger/inputs(_:hidden:)``). Excel's lock files (`~$報告.xlsx`, there while someone
/// has the workbook open), hidden files and, inside folders, files that are no workbook are
/// skipped, each with a line saying so. A path that does not exist is exit code 2.
func workbookInputs(_ given: [String]) throws -> [String] {
  var hidden: [String] = []
  let found: [String]
  do {
    found = try Merger.inputs(given, hidden: &hidden)
  } catch let e as XLSXError {
    printFailure(describe(e))
    throw ExitCode(2)
  }
  func skip(_ path: String, _ why: String) {
    printError(say("略過 ", "skipped ") + FileName.display(path) + say("：", ": ") + why)
  }
  for path in hidden { skip(path, say("隱藏檔", "a hidden file")) }
  return found.filter { path in
    let name = (path as NSString).lastPathComponent
    if name.hasPrefix(".") {
      skip(path, say("隱藏檔", "a hidden file"))
      return false
    }
    guard let exclusion = Exclusion.byName(path) else { return true }
    // Given by name, a model (.json) or any file is read (and its error said); found in a folder,
    // only workbooks are.
    if exclusion == .lockFile || !given.contains(path) {
      skip(path, exclusion.message(english: Language.english))
      return false
    }
    return true
  }
}
