// MergeSummary: 總表 — one line per merged workbook, grouped by family and year, ranked by the
// computed score, with the stated score beside it, 等第, lights, an average and a total row, and a
// chart of the scores on a sheet of its own (docs/MERGE.md, "總表").

import XLSXKit

extension MergeResult {
  /// One line of 總表: a workbook's results (``Standing``), its rank among its group and its findings.
  public struct Summary: Codable, Sendable {
    /// The agency.
    public var agency: String?
    /// The ROC years.
    public var years: [Int]
    /// The family.
    public var kind: ReportKind
    /// Goals.
    public var goals: Int
    /// Indicators, bonus items included.
    public var indicators: Int
    /// Scored indicators whose target is met.
    public var met: Int
    /// Scored indicators whose target is not met.
    public var unmet: Int
    /// Unmet indicators no review explains.
    public var unexplained: Int
    /// Lights: 綠燈, 黃燈, 紅燈, 白燈.
    public var green: Int, yellow: Int, red: Int, white: Int
    /// The weights of the scored indicators added up, as a fraction (rounded to 0.01%).
    public var weightTotal: Double?
    /// The total computed from weights and achievements (``Scoring/total(of:)``), to 0.01 point.
    public var computedScore: Double?
    /// The total the workbook states.
    public var statedScore: Double?
    /// Whether the stated total differs from the computed one by more than its rounding.
    public var scoresDisagree: Bool
    /// The rank by computed score within the group (1 is best; equal scores share a rank).
    public var rank: Int?
    /// 等第 of the computed score.
    public var grade: String?
    /// Findings that are errors.
    public var errors: Int
    /// Warnings.
    public var warnings: Int
    /// The file.
    public var file: String
  }

  /// The workbooks of one family and year: one table of 總表.
  public struct SummaryGroup: Sendable {
    /// The family.
    public var kind: ReportKind
    /// The ROC years.
    public var years: [Int]
    /// Its lines, best computed score first (unscored ones last, by agency).
    public var lines: [Summary]
  }

  /// 總表's tables: the merged workbooks by family and years, the largest group first. Workbooks
  /// of different years or families are never ranked against one another.
  public var summaryGroups: [SummaryGroup] {
    var groups: [SummaryGroup] = []
    for w in included {
      guard let r = w.report else { continue }
      let line = summary(of: w, report: r)
      if let g = groups.firstIndex(where: { $0.kind == r.kind && $0.years == r.years }) {
        groups[g].lines.append(line)
      } else {
        groups.append(SummaryGroup(kind: r.kind, years: r.years, lines: [line]))
      }
    }
    for g in groups.indices {
      groups[g].lines.sort { a, b in
        switch (a.computedScore, b.computedScore) {
        case let (x?, y?) where x != y: return x > y
        case (_?, nil): return true
        case (nil, _?): return false
        default: return (a.agency ?? "", a.file) < (b.agency ?? "", b.file)
        }
      }
      // Competition ranking: 1, 2, 2, 4.
      for i in groups[g].lines.indices {
        guard let score = groups[g].lines[i].computedScore else { continue }
        groups[g].lines[i].rank = (groups[g].lines.firstIndex { $0.computedScore == score } ?? i) + 1
      }
    }
    return groups.enumerated().sorted { a, b in
      a.element.lines.count != b.element.lines.count ? a.element.lines.count > b.element.lines.count : a.offset < b.offset
    }.map(\.element)
  }

  /// Every line of 總表, group by group.
  public var summaries: [Summary] { summaryGroups.flatMap(\.lines) }

  func summary(of w: MergedWorkbook, report r: Report) -> Summary {
    let s = r.standing(grading: grading)
    return Summary(agency: r.agency, years: r.years, kind: r.kind, goals: r.facets.reduce(0) { $0 + $1.goals.count },
                   indicators: s.indicators, met: s.met, unmet: s.unmet, unexplained: s.unexplained,
                   green: s.count(.green), yellow: s.count(.yellow), red: s.count(.red), white: s.count(.white),
                   weightTotal: s.weightTotal.map { rounded($0, 4) }, computedScore: s.computedScore.map { rounded($0, 2) },
                   statedScore: s.statedScore, scoresDisagree: s.scoresDisagree, rank: nil,
                   grade: s.grade, errors: w.findings.filter { $0.severity == .error }.count,
                   warnings: w.findings.filter { $0.severity == .warning }.count, file: w.file)
  }

  /// A single year as a number (「114」), a span as text (「111–114」, ``yearSpan(_:)``).
  func yearCell(_ years: [Int]) -> CellValue? {
    guard let first = years.first, years.allSatisfy({ $0 == first }) else { return yearSpan(years).map { .string($0) } }
    return .number(Double(first))
  }

  /// The name of group `g`'s sheet: 總表 for the first, 「總表 113年度施政計畫」 for the others.
  func summarySheetName(_ g: SummaryGroup, first: Bool, english: Bool) -> String {
    let base = english ? "Summary" : "總表"
    if first { return base }
    let span = yearSpan(g.years) ?? ""
    // 「108年度施政計畫」, not 「108年度年度施政計畫」.
    let kind = g.kind == .annualPlan && !english ? "施政計畫" : g.kind.name(english: english)
    let name = english ? "\(base) \(span) \(kind)" : "\(base) \(span)年度\(kind)"
    return String(name.prefix(31))
  }

  /// Writes 總表 (a sheet per group) and 分數圖 (a chart of the first group's computed scores).
  func writeSummaries(to book: WorkbookWriter, english: Bool) throws {
    func t(_ zh: String, _ en: String) -> String { english ? en : zh }
    let header: [(String, Double)] = [
      (t("排名", "Rank"), 6), (t("機關", "Agency"), 22), (t("年度", "Year"), 8), (t("類別", "Kind"), 14),
      (t("指標數", "Indicators"), 8), (t("達成", "Met"), 7), (t("未達成", "Unmet"), 8), (t("未說明", "Unexplained"), 8),
      (t("綠燈", "Green"), 7), (t("黃燈", "Yellow"), 7), (t("紅燈", "Red"), 7), (t("白燈", "White"), 7),
      (t("權重合計", "Weights"), 10), (t("計算分數", "Computed score"), 10), (t("填報分數", "Stated score"), 10),
      (t("分數差異", "Difference"), 10), (t("等第", "Grade"), 8), (t("錯誤", "Errors"), 7), (t("警告", "Warnings"), 8),
      (t("檔案", "File"), 36),
    ]
    let head = CellFormat(bold: true, fillColor: "D9E1F2", border: true, horizontal: .center, vertical: .center, wrap: true)
    let lightHeads: [Int: String] = [9: Light.green.rgb, 10: Light.yellow.rgb, 11: Light.red.rgb, 12: Light.white.rgb]
    let percent = CellFormat(numberFormat: "0.00%")
    let points = CellFormat(numberFormat: "0.00")
    let flagged = CellFormat(fillColor: "FFC7CE", numberFormat: "0.00", fontColor: "9C0006")
    let totalRow = CellFormat(bold: true, border: true)
    var groups = summaryGroups
    if groups.isEmpty { groups = [SummaryGroup(kind: .performanceReport, years: [], lines: [])] }
    for (gi, group) in groups.enumerated() {
      let sheet = try book.addSheet(summarySheetName(group, first: gi == 0, english: english))
      for (c, h) in header.enumerated() {
        var f = head
        if let fill = lightHeads[c + 1] { f.fillColor = fill }
        try sheet.write(1, c + 1, .string(h.0), format: f)
        sheet.setColumn(c + 1, width: h.1)
      }
      sheet.freezePanes(rows: 1, columns: 2)
      sheet.pageSetup.landscape = true
      sheet.pageSetup.fitToWidth = true
      sheet.pageSetup.repeatRows = 1...1
      let lines = group.lines
      for (i, s) in lines.enumerated() {
        let row = i + 2
        try sheet.writeRow(row, [s.rank.map { .number(Double($0)) }, s.agency.map { .string($0) }, yearCell(s.years),
                                 .string(s.kind.name(english: english)), .number(Double(s.indicators)), .number(Double(s.met)),
                                 .number(Double(s.unmet)), .number(Double(s.unexplained)), .number(Double(s.green)),
                                 .number(Double(s.yellow)), .number(Double(s.red)), .number(Double(s.white))])
        if let w = s.weightTotal { try sheet.write(row, 13, .number(w), format: percent) }
        if let v = s.computedScore { try sheet.write(row, 14, .number(v), format: points) }
        if let v = s.statedScore { try sheet.write(row, 15, .number(v), format: s.scoresDisagree ? flagged : points) }
        if s.scoresDisagree, let c = s.computedScore, let st = s.statedScore {
          try sheet.write(row, 16, .number(rounded(st - c, 2)), format: flagged)
        }
        if let g = s.grade { try sheet.write(row, 17, .string(g)) }
        try sheet.write(row, 18, .number(Double(s.errors)))
        try sheet.write(row, 19, .number(Double(s.warnings)))
        try sheet.write(row, 20, .string(s.file))
      }
      guard !lines.isEmpty else { continue }
      let last = lines.count + 1
      sheet.autoFilter(CellRange(CellReference(row: 1, column: 1), CellReference(row: last, column: header.count)))
      // 平均 and 合計 as formulas over the lines above, with their values cached.
      func column(_ c: Int) -> String { CellReference.columnName(c) + "2:" + CellReference.columnName(c) + String(last) }
      let average = last + 1, total = last + 2
      try sheet.write(average, 2, .string(t("平均", "Average")), format: totalRow)
      for (c, values) in [(14, lines.compactMap(\.computedScore)), (15, lines.compactMap(\.statedScore))] where !values.isEmpty {
        let mean = rounded(values.reduce(0, +) / Double(values.count), 2)
        try sheet.write(average, c, .number(mean), format: CellFormat(bold: true, border: true, numberFormat: "0.00"), formula: "ROUND(AVERAGE(\(column(c))),2)")
      }
      try sheet.write(total, 2, .string(t("合計", "Total")), format: totalRow)
      let counts: [(Int, (Summary) -> Int)] = [(5, \.indicators), (6, \.met), (7, \.unmet), (8, \.unexplained), (9, \.green),
                                               (10, \.yellow), (11, \.red), (12, \.white), (18, \.errors), (19, \.warnings)]
      for (c, value) in counts {
        try sheet.write(total, c, .number(Double(lines.map(value).reduce(0, +))), format: totalRow, formula: "SUM(\(column(c)))")
      }
      if gi == 0, lines.contains(where: { $0.computedScore != nil }) {
        try writeChart(to: book, data: sheet.name, rows: lines.count, english: english)
      }
    }
  }

  /// 分數圖: the first group's computed scores as bars, one per agency, on a sheet of their own
  /// that prints on one landscape page; the bars' height grows with the number of agencies.
  func writeChart(to book: WorkbookWriter, data: String, rows: Int, english: Bool) throws {
    let sheet = try book.addSheet(english ? "Score chart" : "分數圖")
    sheet.pageSetup.landscape = true
    sheet.pageSetup.fitToWidth = true
    sheet.pageSetup.fitToHeight = true
    var chart = ChartSpec(
      kind: .bar, title: english ? "Computed score by agency" : "各機關計算分數",
      categories: CellRange(CellReference(row: 2, column: 2), CellReference(row: rows + 1, column: 2)),
      values: CellRange(CellReference(row: 2, column: 14), CellReference(row: rows + 1, column: 14)),
      seriesName: english ? "Computed score" : "計算分數", anchor: CellReference(row: 1, column: 1),
      width: 14, height: max(20, rows * 2 + 6))
    chart.dataSheet = data
    chart.fillColor = "4472C4"
    chart.showValues = true
    chart.axisMaximum = 100
    sheet.addChart(chart)
  }
}
