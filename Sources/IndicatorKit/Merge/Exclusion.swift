// Exclusion: why an input of a merge is not in the consolidated tables — every file under the
// inputs is either merged or listed with one of these (docs/MERGE.md, "Nothing lost").

import XLSXKit

/// Why an input is left out of a merge.
public enum Exclusion: Sendable, Hashable {
  /// A resubmission superseded by `kept` (the same agency, family and years).
  case duplicate(kept: String, why: DuplicateChoice)
  /// An Office lock file (`~$報告.xlsx`): Excel's note that someone has the workbook open.
  case lockFile
  /// A spreadsheet in a format this version does not read: `ods`, `xls`, `csv`, `tsv`, `numbers`.
  case unsupportedFormat(String)
  /// A password-protected workbook.
  case encrypted
  /// A file that is no spreadsheet (a PDF, a Word document, a text file, an image).
  case notASpreadsheet
  /// A workbook that cannot be read, with the reader's error.
  case unreadable(XLSXError)

  /// The stable code: `duplicate`, `lock-file`, `unsupported-format`, `encrypted`,
  /// `not-a-spreadsheet`, `unreadable`.
  public var code: String {
    switch self {
    case .duplicate: return "duplicate"
    case .lockFile: return "lock-file"
    case .unsupportedFormat: return "unsupported-format"
    case .encrypted: return "encrypted"
    case .notASpreadsheet: return "not-a-spreadsheet"
    case .unreadable: return "unreadable"
    }
  }

  /// Whether the office must act: a submission that could not be merged (a format not read, a
  /// password, a damaged file). Lock files, files that are no spreadsheet and superseded
  /// resubmissions are listed but need nothing.
  public var needsAction: Bool {
    switch self {
    case .unsupportedFormat, .encrypted, .unreadable: return true
    case .duplicate, .lockFile, .notASpreadsheet: return false
    }
  }

  /// The format of an unsupported spreadsheet.
  public var format: String? {
    if case .unsupportedFormat(let f) = self { return f }
    return nil
  }

  /// The reason as a person reads it, in Traditional Chinese or English.
  public func message(english: Bool) -> String {
    switch self {
    case .duplicate(let kept, let why):
      return english ? "a resubmission: \(kept) is kept (\(why.message(english: true)))"
        : "重複提交：採用 \(kept)（\(why.message(english: false))）"
    case .lockFile:
      return english ? "an Office lock file (someone had the workbook open), not a submission" : "Office 暫存鎖定檔（有人開啟活頁簿時產生），不是提交的檔案"
    case .unsupportedFormat(let f):
      switch f {
      case "ods": return english ? "an OpenDocument spreadsheet (.ods): not read yet; save it as .xlsx" : "ODF 試算表（.ods）：尚未支援，請另存為 .xlsx"
      case "xls": return english ? "an Excel 97–2003 workbook (.xls): save it as .xlsx" : "舊版 Excel 活頁簿（.xls）：請另存為 .xlsx"
      case "csv", "tsv": return english ? "a .\(f) text table: not a form; convert it with `jixiao convert` or send the workbook" : "純文字表格（.\(f)），不是填報表單；請改送活頁簿"
      default: return english ? "a .\(f) spreadsheet: not read; save it as .xlsx" : ".\(f) 試算表：無法讀取，請另存為 .xlsx"
      }
    case .encrypted:
      return english ? "password-protected: remove the password in Excel and send it again" : "檔案設有密碼：請於 Excel 移除密碼後再送"
    case .notASpreadsheet:
      return english ? "not a spreadsheet" : "不是試算表檔案"
    case .unreadable(let error):
      return english ? "cannot be read: \(error.message)" : "無法讀取：\(error.chineseReason)"
    }
  }

  /// What a file's name says it is, before reading it: a lock file, a format we do not read, or no
  /// spreadsheet at all; nil for a workbook to read (.xlsx, .xlsm, and .xls, which may be an
  /// .xlsx renamed or an HTML page).
  public static func byName(_ path: String) -> Exclusion? {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    if name.hasPrefix("~$") { return .lockFile }
    let ext = name.split(separator: ".").count > 1 ? (name.split(separator: ".").last.map { $0.lowercased() } ?? "") : ""
    switch ext {
    case "xlsx", "xlsm", "xls", "xltx", "xltm": return nil
    case "ods", "fods", "csv", "tsv", "numbers", "et", "ett", "xlsb": return .unsupportedFormat(ext)
    default: return .notASpreadsheet
    }
  }

  /// The reason for a workbook the reader refused.
  public static func forError(_ e: XLSXError) -> Exclusion {
    switch e.code {
    case .encrypted: return .encrypted
    case .legacyXLS: return .unsupportedFormat("xls")
    case .openDocument: return .unsupportedFormat("ods")
    default: return .unreadable(e)
    }
  }
}

/// Which of two submissions of one agency, family and years is kept, and why.
public enum DuplicateChoice: String, Sendable, Hashable {
  /// Its name says it is a correction (修正版, 更正版, 修訂版, 最新版, 定稿, v2 …).
  case correctedName = "corrected-name"
  /// It was modified last.
  case modifiedLast = "modified-last"
  /// Same time and no name says more: the last in path order.
  case lastPath = "last-path"

  /// The reason in words.
  public func message(english: Bool) -> String {
    switch self {
    case .correctedName: return english ? "its name marks it as the corrected version" : "檔名標示為修正版"
    case .modifiedLast: return english ? "modified last" : "最後修改"
    case .lastPath: return english ? "the last by file name" : "依檔名排序在後"
    }
  }

  /// Whether a file name marks a corrected version.
  public static func namesCorrection(_ path: String) -> Bool {
    let name = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
    return ["修正", "更正", "修訂", "最新", "定稿", "正式版", "final"].contains { name.contains($0) }
      || name.firstMatch(of: /(?:^|[^a-z])v[2-9]\b|第[二三四五2-5]版/) != nil
  }
}
