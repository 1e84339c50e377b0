// ReadLimitOptions: the limits of reading a workbook, as command-line options.

import ArgumentParser
import XLSXKit

/// Options that raise or lower the reader's limits (zip bombs, huge parts, deep XML).
struct ReadLimitOptions: ParsableArguments {
  @Option(help: "Largest file accepted, in MiB.")
  var maxFileSize: Int64 = 4096

  @Option(help: "Longest text of one cell or shared string, in characters (Excel's own limit is 32767).")
  var maxTextLength: Int = CellText.maxLength

  @Option(help: "Largest inflated size of one part, in MiB.")
  var maxPartSize: Int64 = 4096

  @Option(help: "Largest inflated size of all parts together, in MiB.")
  var maxTotalSize: Int64 = 16384

  @Option(help: "Largest ratio of inflated to compressed size for parts over 64 MiB.")
  var maxRatio: Int64 = 1000

  @Option(help: "Most entries a zip archive may list (each costs about 700 bytes of memory).")
  var maxEntries: Int = 200_000

  @Option(help: "Most cells one sheet may hold.")
  var maxCells: Int = 200_000_000

  @Option(help: "Most shared strings a workbook may hold.")
  var maxSharedStrings: Int = 16_000_000

  @Option(help: "Most memory the shared strings' text may take, in MiB.")
  var maxSharedStringsSize: Int = 200

  @Option(help: "Longest single XML token (a text or a tag), in MiB.")
  var maxTokenSize: Int = 64

  @Option(help: "Deepest XML element nesting accepted.")
  var maxDepth: Int = 256

  @Flag(help: "Refuse a workbook with a damaged sheet (by default its rows before the damage and the other sheets are read, with a warning, and the exit code is 1).")
  var strict = false

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
