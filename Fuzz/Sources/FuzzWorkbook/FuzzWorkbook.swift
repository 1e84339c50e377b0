// libFuzzer entry for the workbook reader: bytes in, every cell of every sheet read, errors expected.

import CFuzzer
import XLSXKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWorkbook(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  var options = ReadOptions()
  options.zip.maxEntrySize = 16 << 20
  options.zip.maxTotalSize = 64 << 20
  options.maxCellsPerSheet = 1_000_000
  guard let workbook = try? Workbook(data: bytes, label: "fuzz", options: options) else { return 0 }
  for sheet in workbook.sheets {
    guard let reader = try? workbook.reader(for: sheet) else { continue }
    while let row = try? reader.nextRow() {
      for raw in row.cells { _ = reader.cell(raw) }
    }
    _ = reader.mergedRanges
  }
  return 0
}

/// The entry point SwiftPM gives this executable: hands control to libFuzzer's driver.
@_cdecl("FuzzWorkbook_main")
public func fuzzWorkbookMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
  var count = argc
  var arguments = argv
  return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
    guard let data else { return 0 }
    return fuzzWorkbook(data, size)
  }
}
