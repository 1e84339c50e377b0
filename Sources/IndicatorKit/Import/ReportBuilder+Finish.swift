// ReportBuilder+Finish: after the last sheet — the family, agency and years decided, empty facets
// dropped, a lone indicator's budget given to its plan, the achievements computed.

import Foundation
import XLSXKit

extension ReportBuilder {
  /// The agency, family and years, by what the workbook shows: its title rows and table, then its
  /// file name; our exports' stamp in the document properties (``ExportStamp``) only for what
  /// neither says, and only when it names the same agency — a form sent by one office and
  /// retitled by another belongs to the other (an `agency-mismatch` note says so).
  mutating func decideIdentity(_ properties: DocumentProperties) {
    if report.agency == nil {
      let stem = (file as NSString).deletingPathExtension
      if let m = stem.firstMatch(of: Patterns.agencyInFileName) {
        report.agency = String(m.output.1)
        notes.append(ImportNote(code: .guessedAgency, sheet: nil, row: nil, cell: nil,
                                message: "the agency is taken from the file name: \(report.agency ?? "")",
                                messageZH: "機關名稱取自檔名：\(report.agency ?? "")"))
      }
    }
    let stamp = properties.keywords.flatMap(ExportStamp.init)
    if let stamp, let shown = report.agency, let recorded = stamp.agency, !AgencyName.same(shown, recorded) {
      notes.append(ImportNote(code: .agencyMismatch, sheet: nil, row: nil, cell: nil,
                              message: "the workbook shows the agency \(shown); its document properties record \(recorded) (a form retitled?): \(shown) is used",
                              messageZH: "活頁簿顯示機關為「\(shown)」，文件屬性記載「\(recorded)」（沿用他機關表單？）；以「\(shown)」為準"))
    }
    if let stamp, report.agency.map({ a in stamp.agency.map { AgencyName.same(a, $0) } ?? true }) ?? true,
      titleYears.isEmpty || titleYears == stamp.years
    {
      if options.kind == nil { report.kind = stamp.kind }
      report.agency = report.agency ?? stamp.agency
      if !stamp.years.isEmpty { titleYears = stamp.years }
      report.title = stamp.hasTitle ? report.title : nil
    } else if options.kind == nil {
      report.kind = inferKind()
    }
    report.years = titleYears.sorted()
  }

  /// After the last sheet: identity, empty facets dropped, budgets placed, achievements computed.
  mutating func finish(properties: DocumentProperties) -> ImportResult {
    decideIdentity(properties)
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
                              message: "no indicator table was found (no row of headers such as \"績效指標\" and \"目標值\")",
                              messageZH: "找不到指標表格（沒有「績效指標」「目標值」等標題列）"))
    }
    targetsFromMeasurements()
    labelsBeforeDigits()
    report.source = SourceLocation(file: file)
    report.computeAchievements(grading: options.grading)
    return ImportResult(report: report, notes: notes, headers: headers)
  }

  /// A report without any target whose every 衡量標準 states its year's target (「年度目標值 65%」)
  /// has its targets read from there: all or none, so that a table where only some standards say
  /// a target keeps the one finding for a table without a target column.
  mutating func targetsFromMeasurements() {
    var found: [Quantity] = []
    for facet in report.facets {
      for goal in facet.goals {
        for ind in goal.indicators {
          guard ind.target == nil, (ind.targets ?? [:]).isEmpty, let m = ind.measurement, let q = MeasurementTarget.match(m)
          else { return }
          found.append(q)
        }
      }
    }
    guard !found.isEmpty else { return }
    var next = found.makeIterator()
    for f in report.facets.indices {
      for g in report.facets[f].goals.indices {
        for i in report.facets[f].goals[g].indicators.indices { report.facets[f].goals[g].indicators[i].target = next.next() }
      }
    }
    notes.append(ImportNote(code: .targetFromMeasurement, sheet: nil, row: nil, cell: nil,
                            message: "the table has no target column; each target was read from its measurement standard (年度目標值)",
                            messageZH: "表格沒有目標值欄，各項目標值取自衡量標準中的「年度目標值」"))
  }

  /// 「1.65歲以上長者流感疫苗接種率」 among 「2.…」, 「3.…」: in a goal whose other indicators are
  /// numbered 「2.」, 「3.」, the 「1.」 before a digit is the first one's label, not a decimal point.
  mutating func labelsBeforeDigits() {
    for f in report.facets.indices {
      for g in report.facets[f].goals.indices {
        let indicators = report.facets[f].goals[g].indicators
        guard indicators.count > 1 else { continue }
        for (i, ind) in indicators.enumerated() where ind.label == nil {
          let mark = "\(i + 1)."
          let others = indicators.enumerated().filter { $0.offset != i }
          guard ind.name.hasPrefix(mark), ind.name.dropFirst(mark.count).first?.isASCII == true,
            others.allSatisfy({ $0.element.label?.hasPrefix("\($0.offset + 1)") == true })
          else { continue }
          report.facets[f].goals[g].indicators[i].label = mark
          report.facets[f].goals[g].indicators[i].name = String(ind.name.dropFirst(mark.count)).trimmedSpaces
        }
      }
    }
  }

  /// The family: what the title says, else the quarters a sheet or its columns name (with actuals),
  /// else what the columns show (actuals make a report, a target per year a mid-term plan).
  func inferKind() -> ReportKind {
    let title = QuantityParser.normalize(report.title ?? "")
    if title.includes("季報") || QuarterWords.quarter(in: title) != nil { return .quarterlyReport }
    if title.includes("報告") || title.includes("成果") { return .performanceReport }
    if title.includes("中程") { return .midTermPlan }
    let indicators = report.facets.flatMap { $0.goals.flatMap(\.indicators) }
    // Quarters named by the sheet or the columns, with actuals: progress, not a plan's quarterly targets.
    if looksQuarterly && indicators.contains(where: { $0.actual != nil || $0.quarterActual != nil }) { return .quarterlyReport }
    if indicators.contains(where: { $0.actual != nil || $0.achievement != nil }) { return .performanceReport }
    if indicators.contains(where: { ($0.targets?.count ?? 0) > 1 }) { return .midTermPlan }
    return .annualPlan
  }
}

private enum Patterns {
  nonisolated(unsafe) static let agencyInFileName = /^(.+?(?:政府|處|局|所|室|府|會|中心))/
}
