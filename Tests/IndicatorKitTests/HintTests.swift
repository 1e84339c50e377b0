// Tests of the hints: every finding that asks something of a person says what, in both languages,
// with the numbers of the finding where it has them.

import Testing
@testable import IndicatorKit

@Suite struct HintTests {
  /// Codes of findings that are information only: nothing to do.
  let nothingToDo: Set<FindingCode> = [.unmetTarget, .unplacedCell, .agencyMismatch]

  @Test func everyCodeThatAsksSomethingHasAHintInBothLanguages() {
    for code in FindingCode.allCases {
      let f = Finding(code: code, severity: .error, message: "…", messageEN: "…")
      let zh = f.hint(in: "zh-TW")
      let en = f.hint(in: "en")
      if nothingToDo.contains(code) {
        #expect(zh == nil && en == nil, "\(code)")
        continue
      }
      #expect(zh?.isEmpty == false && en?.isEmpty == false, "\(code)")
      // The Chinese hint is Chinese: no English word but the names of programs, files and options.
      let words = (zh ?? "").split(whereSeparator: { !$0.isASCII || !$0.isLetter }).map(String.init)
      let allowed: Set<String> = ["jixiao", "template", "new", "keep", "all", "xlsx", "Excel", "LibreOffice"]
      #expect(words.allSatisfy(allowed.contains), "\(code): \(zh ?? "")")
      #expect(zh != en)
    }
  }

  @Test func hintsCarryTheFindingsNumbers() {
    var f = Finding(code: .weightSumMismatch, severity: .error, message: "", messageEN: "",
                    details: ["sum": .number(0.98), "level": .text("report")])
    #expect(f.hint(in: "zh-TW") == "請調整權重，使合計為 100%，目前為 98%")
    f.details = ["stated": .number(0.03), "sum": .number(0.06), "level": .text("goal")]
    #expect(f.hint(in: "en")?.contains("this one's 3%; they add up to 6%") == true)
    var unmet = Finding(code: .missingUnmetExplanation, severity: .error, message: "", messageEN: "")
    unmet.indicator = "客語認證完成率"
    #expect(unmet.hint(in: "zh-TW") == "請在未達目標檢討表補上「客語認證完成率」未達目標的原因與改善措施")
    let points = Finding(code: .pointsMismatch, severity: .warning, message: "", messageEN: "", details: ["computed": .number(2.7)])
    #expect(points.hint(in: "zh-TW") == "請將項目權分改為 2.7（權重 × 達成度）")
  }
}
