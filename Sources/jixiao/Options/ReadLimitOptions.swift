// ReadLimitOptions: the limits of reading a workbook, as command-line options.

import ArgumentParser
import XLSXKit

/// The heading the limits are listed under in `--help`.
var readLimitsTitle: String { say("進階：讀取上限（防範惡意或損毀的檔案）", "Advanced: read limits (against hostile or broken files)") }

/// Options that raise or lower the reader's limits (zip bombs, huge parts, deep XML).
struct ReadLimitOptions: ParsableArguments {
  @Option(help: ArgumentHelp(say("可接受的最大檔案（MiB）。", "Largest file accepted, in MiB.")))
  var maxFileSize: Int64 = 4096

  @Option(help: ArgumentHelp(say("單一儲存格或共用字串的最長文字（字元；Excel 本身的上限是 32767）。", "Longest text of one cell or shared string, in characters (Excel's own limit is 32767).")))
  var maxTextLength: Int = CellText.maxLength

  @Option(help: ArgumentHelp(say("單一組件解壓後的最大大小（MiB）。", "Largest inflated size of one part, in MiB.")))
  var maxPartSize: Int64 = 4096

  @Option(help: ArgumentHelp(say("所有組件解壓後的總大小上限（MiB）。", "Largest inflated size of all parts together, in MiB.")))
  var maxTotalSize: Int64 = 16384

  @Option(help: ArgumentHelp(say("超過 64 MiB 的組件，解壓後與壓縮大小的最大倍數。", "Largest ratio of inflated to compressed size for parts over 64 MiB.")))
  var maxRatio: Int64 = 1000

  @Option(help: ArgumentHelp(say("zip 壓縮檔最多可列出的項目數（每項約占 700 位元組記憶體）。", "Most entries a zip archive may list (each costs about 700 bytes of memory).")))
  var maxEntries: Int = 200_000

  @Option(help: ArgumentHelp(say("一張工作表最多的儲存格數。", "Most cells one sheet may hold.")))
  var maxCells: Int = 200_000_000

  @Option(help: ArgumentHelp(say("一本活頁簿最多的共用字串數。", "Most shared strings a workbook may hold.")))
  var maxSharedStrings: Int = 16_000_000

  @Option(help: ArgumentHelp(say("共用字串文字最多可用的記憶體（MiB）。", "Most memory the shared strings' text may take, in MiB.")))
  var maxSharedStringsSize: Int = 200

  @Option(help: ArgumentHelp(say("單一 XML 標記（一段文字或一個標籤）的最大長度（MiB）。", "Longest single XML token (a text or a tag), in MiB.")))
  var maxTokenSize: Int = 64

  @Option(help: ArgumentHelp(say("可接受的 XML 元素最深巢狀層數。", "Deepest XML element nesting accepted.")))
  var maxDepth: Int = 256

  @Flag(help: ArgumentHelp(say("拒絕含損壞工作表的活頁簿（預設會讀取損壞處之前的列與其他工作表，發出警告，結束代碼為 1）。", "Refuse a workbook with a damaged sheet (by default its rows before the damage and the other sheets are read, with a warning, and the exit code is 1).")))
  var strict = false

  /// The option that sets `limit`, when one does.
  static func flag(for limit: XLSXError.Limit) -> String? {
    switch limit {
    case .fileSize: return "--max-file-size"
    case .textLength: return "--max-text-length"
    case .partSize: return "--max-part-size"
    case .totalSize: return "--max-total-size"
    case .compressionRatio: return "--max-ratio"
    case .entries: return "--max-entries"
    case .cells: return "--max-cells"
    case .sharedStrings: return "--max-shared-strings"
    case .sharedStringBytes: return "--max-shared-strings-size"
    case .tokenSize: return "--max-token-size"
    case .depth: return "--max-depth"
    default: return nil
    }
  }

  var readOptions: ReadOptions {
    var o = ReadOptions()
    o.strict = strict
    o.zip.maxFileSize = maxFileSize << 20
    o.maxCellTextLength = maxTextLength
    o.zip.maxEntrySize = maxPartSize << 20
    o.zip.maxTotalSize = maxTotalSize << 20
    o.zip.maxCompressionRatio = maxRatio
    o.zip.maxEntries = maxEntries
    o.maxCellsPerSheet = maxCells
    o.maxSharedStrings = maxSharedStrings
    o.maxSharedStringBytes = maxSharedStringsSize << 20
    o.xml.maxDepth = maxDepth
    o.xml.maxTokenSize = maxTokenSize << 20
    return o
  }
}
