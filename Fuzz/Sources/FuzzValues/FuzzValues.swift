// libFuzzer entry for the value grammar: any text as a quantity, a labelled name and an ROC date.

import CFuzzer
import IndicatorKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzValues(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let q = Quantity(text: text)
  if let n = q.number, !n.isNaN {
    let r = Achievement.compute(target: q, actual: Quantity(text: text), direction: .higher)
    if let v = r.value, !(v >= 0 && v <= 1) { fatalError("achievement \(v) outside [0, 1] for \(text)") }
  }
  _ = LabeledName(text)
  _ = ROCCalendar.parseDate(text)
  _ = ROCCalendar.parseYears(text)
  _ = ROCCalendar.dates(in: text, defaultYear: 114)
  return 0
}

/// The entry point SwiftPM gives this executable: hands control to libFuzzer's driver.
@_cdecl("FuzzValues_main")
public func fuzzValuesMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
  var count = argc
  var arguments = argv
  return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
    guard let data else { return 0 }
    return fuzzValues(data, size)
  }
}
