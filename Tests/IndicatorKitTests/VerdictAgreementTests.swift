// One answer to one question: for every workbook of the seeds and the clerk corpus, the merge's
// unmet indicators (未達目標, the counts of 總表) are exactly those the validator reports unmet.

import Foundation
import Testing
@testable import IndicatorKit

@Suite struct VerdictAgreementTests {
  @Test func validateAndMergeAgreeOnEveryIndicator() throws {
    let folders = [seedFolder, clerkFixtureFolder]
    let files = folders.flatMap { folder in
      ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".xlsx") }.sorted()
        .map { folder + "/" + $0 }
    }
    #expect(files.count >= 70)
    let result = Merger.merge(files)
    var compared = 0
    for w in result.included {
      guard let report = w.report else { continue }
      // The validator's: the indicators it says are short of their target.
      let unmetCodes: Set<FindingCode> = [.unmetTarget, .missingUnmetExplanation]
      let byValidator = Set(w.findings.filter { unmetCodes.contains($0.code) && $0.indicator != nil }.compactMap(\.indicator))
      // The merge's: what 未達目標 lists and 總表 counts.
      let byMerge = Set(report.allIndicators.map(\.indicator).filter { result.isUnmet($0) }.map(\.name))
      #expect(byValidator == byMerge, "\(w.file): validate \(byValidator.sorted()) ≠ merge \(byMerge.sorted())")
      let summary = result.summaries.first { $0.file == w.file }
      #expect(summary?.unmet == report.allIndicators.filter { result.isUnmet($0.indicator) }.count, "\(w.file)")
      compared += report.indicatorCount
    }
    #expect(compared > 300)  // resubmissions (a re-save of the same report) are merged once
  }
}
