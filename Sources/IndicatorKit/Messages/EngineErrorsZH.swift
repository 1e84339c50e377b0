// EngineErrorsZH: the reader's and writer's errors (XLSXError) in Traditional Chinese, from their
// code and facts. English is the engine's own wording (XLSXError.description).

import XLSXKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension XLSXError {
  /// The error in the user's language: English is ``XLSXError/description``; Traditional Chinese
  /// is worded here from ``XLSXError/code`` and ``XLSXError/facts``, with the same location (file,
  /// part, sheet, cell, line) in front.
  public func text(english: Bool) -> String {
    english ? description : chineseDescription
  }

  /// The location and the reason in Traditional Chinese.
  public var chineseDescription: String {
    let at = location(part: { "組件 \($0)" }, sheet: { "工作表「\($0)」" }, cell: { "儲存格 \($0)" }, line: { "第 \($0) 行" })
    return at.isEmpty ? chineseReason : at.joined(separator: "，") + "：" + chineseReason
  }

  /// Why, in Traditional Chinese, without the location.
  public var chineseReason: String {
    let value = facts.value ?? ""
    let system = facts.systemError.map { "：" + Self.chineseSystemError($0) } ?? ""
    switch code {
    case .io:
      switch facts.what {
      case .missing?: return "找不到這個檔案或資料夾"
      case .folder?: return "這是資料夾，不是檔案：請指定資料夾中的活頁簿"
      case .notRegularFile?: return "這是\(Self.chineseFileKind(value))，不是一般檔案：拒絕讀取（讀取可能永遠等不到結束）"
      case .open?: return "無法開啟" + system
      case .read?: return "無法讀取" + system
      case .create?: return (value.isEmpty ? "無法建立檔案" : "無法在 \(value) 建立檔案") + system
      case .write?: return "無法寫入" + system
      case .move?: return "無法把完成的檔案移到定位" + system
      case .scratchFile?: return "無法寫入暫存檔" + system
      default: return "無法讀寫檔案" + system
      }
    case .notZip:
      switch facts.what {
      case .empty?: return "檔案是空的（0 位元組），不是活頁簿"
      case .text?: return "這是純文字檔（CSV？），不是活頁簿"
      default: return "不是 zip 壓縮檔，所以不是 .xlsx 活頁簿"
      }
    case .legacyXLS:
      return "這是舊版 Excel 97–2003 活頁簿（.xls），不是 .xlsx：請先另存為 .xlsx"
    case .encrypted:
      return "活頁簿設有密碼（已加密）：請在 Excel 開啟、移除密碼後重新存檔"
    case .openDocument:
      return "這是 OpenDocument 試算表（.ods），不是 .xlsx：請先另存為 .xlsx"
    case .notWorkbook:
      switch facts.what {
      case .oleDocument?: return "這是 OLE 複合文件（.doc、.msg 之類），不是活頁簿"
      case .spreadsheetML2003?: return "這是 Excel 2003 XML 試算表，不是 .xlsx：請先另存為 .xlsx"
      case .html?: return "這是 HTML 網頁（常以 .xls 檔名匯出），不是活頁簿：請開啟後另存為 .xlsx"
      case .wordDocument?: return "這是 Word 文件（.docx），不是活頁簿"
      case .presentation?: return "這是 PowerPoint 簡報（.pptx），不是活頁簿"
      case .openDocumentFile?: return "這是 OpenDocument 文件（\(value)），不是活頁簿"
      case .epub?: return "這是 EPUB 電子書，不是活頁簿"
      case .javaArchive?: return "這是 Java 封存檔（.jar），不是活頁簿"
      case .plainZip?: return "這是一般 zip 壓縮檔，不是 Office Open XML 套件（沒有 [Content_Types].xml）"
      case .otherPackage?: return "這是主要組件為 \(value) 的 Office 檔案，不是活頁簿"
      default: return "不是活頁簿"
      }
    case .corruptZip:
      switch facts.what {
      case .duplicateEntry?: return "壓縮檔中有兩個名為 \(value) 的項目，無法判斷哪一個才是組件，因此拒絕讀取"
      case .compressionMethod?:
        return "組件以 \(value) 壓縮，無法解壓（試算表軟體使用 deflate）：請用 Excel 或 LibreOffice 重新存檔"
      default: return "zip 壓縮檔已損毀或不完整（可能是下載或複製中斷）：請重新取得檔案，或用 Excel 或 LibreOffice 重新存檔"
      }
    case .missingPart:
      return (value.isEmpty ? "活頁簿缺少必要的組件" : "活頁簿缺少必要的組件 \(value)") + "：檔案不完整，請用 Excel 或 LibreOffice 重新存檔"
    case .malformedXML:
      return "XML 格式錯誤，檔案損毀或不完整：請用 Excel 或 LibreOffice 開啟後重新存檔"
    case .forbiddenDTD:
      return "組件宣告了 DTD（<!DOCTYPE>）；為了安全，Jixiao 從不讀取 DTD、也不展開實體"
    case .invalidValue:
      switch facts.what {
      case .utf16Copy?: return "組件以 UTF-16 寫成，無法原樣複製：請用 Excel 或 LibreOffice 重新存檔"
      case .undecodableText?:
        return value.isEmpty ? "這一行有無法解讀的位元組：不是 UTF-8、UTF-16 或 Big5 文字"
          : "這一行有不是 \(value) 文字的位元組"
      case .unclosedQuote?: return "第 \(value) 行開始的引號沒有結束"
      case .fieldTooLong?:
        return "欄位 \(value) 超過一個 Excel 儲存格可容納的 \(facts.limitValue ?? Int64(CellText.maxLength)) 字元"
      case .jsonLine?: return "這一行不是一列資料所需的 JSON（應為陣列或物件）"
      case .notModel?: return "不是 Jixiao 的模型檔（jixiao import 產生的 JSON）"
      default: return value.isEmpty ? "內容有不合規格的值" : "內容有不合規格的值「\(value)」"
      }
    case .limitExceeded:
      return chineseLimit
    case .noSuchSheet:
      if facts.what == .noCells { return "這是\(value == "chartsheet" ? "圖表工作表" : "沒有儲存格的工作表")，沒有儲存格" }
      if facts.what == .noWorksheet { return "活頁簿沒有任何工作表" }
      return "沒有名為「\(value)」的工作表"
    case .write:
      switch facts.what {
      case .scratchFile?: return "無法使用暫存檔" + system
      default: return "無法寫出檔案" + system
      }
    case .invalidArgument:
      switch facts.what {
      case .notRegularFile?: return "輸出的位置是\(Self.chineseFileKind(value))，不是檔案：請給一個要寫入的檔名"
      case .notFolder?: return "這是檔案，不是資料夾：多本活頁簿的輸出需要資料夾"
      case .wouldOverwrite?: return "輸出會覆寫輸入檔 \(FileName.display(value))：請換一個輸出檔名"
      case .sheetName?: return "工作表名稱「\(value)」不合規則（1 至 31 字、不含 [ ] : * ? / \\、不與其他工作表重複）"
      case .unsupportedEncoding?: return "本系統無法解讀 \(value) 編碼"
      default: return "無法處理這項要求（程式內部錯誤，請回報）"
      }
    default:
      return "無法處理（\(code.name)）"
    }
  }

  /// An exceeded limit in Traditional Chinese.
  private var chineseLimit: String {
    let setting = facts.limitValue ?? 0
    func bytes(_ n: Int64) -> String {
      n >= 1 << 20 && n % (1 << 20) == 0 ? "\(n >> 20) MiB" : "\(n) 位元組"
    }
    switch facts.limit {
    case .fileSize?: return "檔案大小超過上限 \(bytes(setting))"
    case .partSize?: return "組件解壓後超過上限 \(bytes(setting))"
    case .totalSize?: return "整個壓縮檔解壓後超過上限 \(bytes(setting))"
    case .compressionRatio?: return "組件解壓後超過壓縮大小的 \(setting) 倍：疑似 zip 炸彈"
    case .entries?: return "壓縮檔列出 \(facts.value ?? "太多") 個項目，超過上限 \(setting) 個"
    case .cells?: return "工作表超過 \(setting) 個儲存格"
    case .sharedStrings?: return "共用字串超過 \(setting) 個"
    case .sharedStringBytes?: return "共用字串的文字超過 \(bytes(setting)) 記憶體"
    case .textLength?: return "儲存格文字超過 \(setting) 字元"
    case .tokenSize?: return "單一 XML 標記（一段文字或一個標籤）超過 \(bytes(setting))"
    case .depth?: return "XML 元素巢狀超過 \(setting) 層"
    case .attributes?: return "一個 XML 元素有超過 \(setting) 個屬性"
    case .lineLength?: return "一行超過 \(bytes(setting))"
    case .rows?: return "超過 \(setting) 列，是一張工作表的上限"
    case .columns?: return "超過 \(setting) 欄，是一張工作表的上限"
    case .memory?: return "記憶體不足"
    default: return "超過讀取上限"
    }
  }

  /// A file that is not a regular file, from its stable name (``XLSXError/What/notRegularFile``).
  static func chineseFileKind(_ name: String) -> String {
    switch name {
    case "fifo": return "具名管道（FIFO）"
    case "device": return "裝置"
    case "socket": return "通訊端（socket）"
    case "folder": return "資料夾"
    default: return "特殊檔案"
    }
  }

  /// The operating system's reason in Traditional Chinese.
  public static func chineseSystemError(_ number: Int32) -> String {
    switch number {
    case ENOENT: return "找不到這個檔案或資料夾"
    case EACCES, EPERM: return "沒有權限"
    case ENOSPC: return "磁碟空間已滿"
    case EDQUOT: return "超過磁碟配額"
    case EROFS: return "這是唯讀的磁碟"
    case EISDIR: return "這是資料夾"
    case ENOTDIR: return "路徑中有一段不是資料夾"
    case EEXIST: return "檔案已存在"
    case EIO: return "磁碟讀寫錯誤"
    case EMFILE, ENFILE: return "開啟的檔案太多"
    case ENAMETOOLONG: return "檔名太長"
    case EPIPE: return "輸出的管道已關閉"
    case EBADF: return "輸出已關閉"
    case EXDEV: return "不能跨磁碟移動"
    case EBUSY: return "檔案正在使用中"
    case ETXTBSY: return "檔案正在使用中"
    default: return "系統錯誤 \(number)"
    }
  }
}

extension SheetDamage {
  /// The damage in the user's language: the error, and which rows were kept.
  public func text(english: Bool) -> String {
    if english { return description }
    let kept = lastRowRead == 0 ? "整張工作表無法讀取" : "僅讀到第 \(lastRowRead) 列，其後未讀取"
    return error.chineseDescription + "（" + kept + "）"
  }
}
