// libFuzzer entry for the importer and the validator: bytes in as a workbook, the model imported from
// every sheet, then validated against itself and against a plan made of it.

import CFuzzer
import IndicatorKit
import XLSXKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImport(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  var options = ImportOptions()
  options.read.zip.maxEntrySize = 16 << 20
  options.read.zip.maxTotalSize = 64 << 20
  options.read.maxCellsPerSheet = 200_000
  guard let workbook = try? Workbook(data: bytes, label: "fuzz", options: options.read),
        let result = try? Importer.importWorkbook(workbook, name: "fuzz.xlsx", options: options)
  else { return 0 }
  let findings = Validator.validate(result.report, notes: result.notes)
  let plan = Prefill.report(kind: .annualPlan, from: result.report)
  let changes = Validator.validate(result.report, plan: plan)
  // A report checked against a plan made of itself has no plan findings.
  if changes.contains(where: { $0.code == .indicatorMissing || $0.code == .indicatorAdded }) {
    fatalError("a report lacks indicators of a plan made from it")
  }
  _ = findings.count
  _ = try? result.report.jsonData(pretty: false)
  return 0
}

/// The entry point SwiftPM gives this executable: hands control to libFuzzer's driver.
@_cdecl("FuzzImport_main")
public func fuzzImportMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
  var count = argc
  var arguments = argv
  return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
    guard let data else { return 0 }
    return fuzzImport(data, size)
  }
}
