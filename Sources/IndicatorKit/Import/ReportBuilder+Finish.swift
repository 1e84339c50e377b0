// ReportBuilder+Finish: after the last sheet — the family, agency and years decided, empty facets
// dropped, a lone indicator's budget given to its plan, the achievements computed.

import Foundation
import XLSXKit

extension ReportBuilder {
  mutating func finish(properties: DocumentProperties) -> ImportResult {
    // Our own exports say what they hold in the document properties.
    // Our own exports say what they hold in the document properties; what the sheet shows wins
    // when it says otherwise (a department that retitled the form it was sent).
    if let keywords = properties.keywords, let saved = ExportStamp(keywords),
      report.agency == nil || report.agency == saved.agency, titleYears.isEmpty || titleYears == saved.years
    {
      if options.kind == nil { report.kind = saved.kind }
      report.agency = saved.agency ?? report.agency
      if !saved.years.isEmpty { titleYears = saved.years }
      report.title = saved.hasTitle ? report.title : nil
    } else if options.kind == nil {
      report.kind = inferKind()
    }
    report.years = titleYears.sorted()
    if report.agency == nil {
      let stem = (file as NSString).deletingPathExtension
      if let m = stem.firstMatch(of: Patterns.agencyInFileName) {
        report.agency = String(m.output.1)
        notes.append(ImportNote(code: .guessedAgency, sheet: nil, row: nil, cell: nil,
                                message: "the agency is taken from the file name: \(report.agency ?? "")",
                                messageZH: "機關名稱取自檔名：\(report.agency ?? "")"))
      }
    }
    report.facets.removeAll { $0.goals.isEmpty && $0.name == nil }
    // A budget on the only indicator of a plan is the plan's (a merged budget cell has one row then).
    for f in report.facets.indices {
      for g in report.facets[f].goals.indices where report.facets[f].goals[g].indicators.count == 1 {
        if report.facets[f].goals[g].budget == nil, let b = report.facets[f].goals[g].indicators[0].budget {
          report.facets[f].goals[g].budget = b
          report.facets[f].goals[g].indicators[0].budget = nil
        }
      }
    }
    if report.facets.allSatisfy({ $0.goals.isEmpty }) {
      notes.append(ImportNote(code: .noTable, sheet: nil, row: nil, cell: nil,
                              message: "no indicator table was found (no row of headers such as 績效指標 and 目標值)",
                              messageZH: "找不到指標表格（沒有「績效指標」「目標值」等標題列）"))
    }
    report.source = SourceLocation(file: file)
    report.computeAchievements()
    return ImportResult(report: report, notes: notes, headers: headers)
  }

  /// The family: what the title says, else what the columns show (actuals make a report, a target
  /// per year a mid-term plan).
  func inferKind() -> ReportKind {
    let title = QuantityParser.normalize(report.title ?? "")
    if title.includes("季報") || title.firstMatch(of: Patterns.quarter) != nil { return .quarterlyReport }
    if title.includes("報告") || title.includes("成果") { return .performanceReport }
    if title.includes("中程") { return .midTermPlan }
    let indicators = report.facets.flatMap { $0.goals.flatMap(\.indicators) }
    if indicators.contains(where: { $0.actual != nil || $0.achievement != nil }) { return .performanceReport }
    if indicators.contains(where: { ($0.targets?.count ?? 0) > 1 }) { return .midTermPlan }
    return .annualPlan
  }
}

private enum Patterns {
  nonisolated(unsafe) static let agencyInFileName = /^(.+?(?:政府|處|局|所|室|府|會|中心))/
  nonisolated(unsafe) static let quarter = /第\s*[1-4一二三四]\s*季/
}
