// ReportBuilder: reads a sheet row by row into the report. Each row is given to the recognisers in
// a fixed order, the first that accepts it wins (docs/TEMPLATES.md, "How the importer reads a
// sheet", lists them with an example each):
//
//  1. a header row (HeaderRows) starts a table;
//  2. a signature or footer row (SignatureLine) — before anything else, so that a footer right
//     under the last indicator is never read as one;
//  3. a note or a code legend (NoteLine, LegendLine), and the lines right under it;
//  4. outside a table, or after a blank row below one: a score header over a row of numbers (ScoreLines);
//  5. a line outside a table, or a single line that does not continue it: score parts, facet
//     headings, title block lines, stated scores, table captions, else prose
//     (ReportBuilder+Lines.swift);
//  6. inside an indicator table: a total row (TotalRow), a goal row (GoalRow), a continuation of
//     the indicator above, an indicator row (ReportBuilder+Indicators.swift);
//  7. inside a review, budget or score table: that table's row (ReportBuilder+Tables.swift).
//
// Every cell that lands in the model is marked placed; what is left is named in a note.

import XLSXKit

/// Builds the report row by row.
struct ReportBuilder {
  let file: String
  let options: ImportOptions
  /// Every header the templates know, ready for lookup.
  let headerRows: HeaderRows
  let totals: TotalRow
  let captions: TableCaption
  let noteWords: [String]

  var report: Report
  var notes: [ImportNote] = []
  var titleYears: [Int] = []
  var facetIndex: Int?
  var goalIndex: Int?
  var indicatorIndex: Int?
  var table: TableLayout?
  var sheet = ""
  var seenUnknown: Set<String> = []
  /// The indicator table's header of each field, as first seen.
  var headers: [String: String] = [:]
  /// A weighted part of the total announced by a heading (「具體事蹟(5%)」), waiting for its points.
  var pendingScorePart: String?
  /// The last goal text parsed (``goalName(_:)``).
  var lastGoal: (text: String, parsed: LabeledName)?
  /// The cells of the current sheet that landed in the model.
  var ledger = CellLedger()
  /// Set after a note or legend row: the lines right under it go with it (the legend's key, if any).
  var noteBlock: String??
  /// A sheet named 季報 or 第N季, or columns of quarters (第1季, 1-3月, 本季目標, 累計目標): the
  /// family when the title does not say it.
  var looksQuarterly = false

  init(file: String, options: ImportOptions) {
    self.file = file
    self.options = options
    headerRows = HeaderRows(words: options.template.map(HeaderWords.init(template:)) ?? HeaderWords.builtIn)
    totals = TotalRow(words: options.template?.totalWords ?? TemplateSpec.totals)
    captions = TableCaption(template: options.template)
    noteWords = options.template?.noteWords ?? NoteLine.words
    report = Report(kind: options.kind ?? .annualPlan)
  }

  // MARK: - Reading a sheet

  mutating func read(_ grid: SheetGrid) {
    sheet = grid.name
    if QuarterWords.names(grid.name) { looksQuarterly = true }
    ledger = CellLedger()
    noteBlock = nil
    let previous = table?.kind == .indicators ? table : nil
    table = nil
    if let facet = FacetHeading.fromSheetName(grid.name) { startFacet(facet, row: nil) }
    // A sheet without a header of its own, whose first row is a row of cells, continues the
    // indicator table of the sheet before it.
    if let previous, let first = grid.rowNumbers.first, grid.distinctTexts(first).count >= 2, !hasHeader(grid) {
      table = previous
      notes.append(ImportNote(
        code: .continuedTable, sheet: sheet, row: nil, cell: nil,
        message: "sheet \"\(sheet)\" has no header row; it was read with the columns of the table before it",
        messageZH: "工作表「\(sheet)」沒有標題列，依前一工作表的欄位讀取"))
    }
    var row = 1
    while row <= grid.lastRow {
      defer { row += 1 }
      if let layout = headerRows.layout(at: row, in: grid) {
        startTable(layout, grid)
        row = layout.headerRows.upperBound
        continue
      }
      let texts = grid.distinctTexts(row)
      if texts.isEmpty {
        noteBlock = nil
        continue
      }
      if signatureRow(texts, row: row) || noteLine(texts, row: row) || noteRow(texts, row: row) { continue }
      // A score header over a row of numbers, outside a table or after a blank row below one.
      if (table == nil || grid.distinctTexts(row - 1).isEmpty) && scoreLine(texts, row: row, grid: grid) {
        row += 1  // the row of values
        continue
      }
      if isLine(texts, row: row, grid: grid) {
        for t in texts { line(t.text, row: row, column: t.column) }
        continue
      }
      guard let layout = table else { continue }
      switch layout.kind {
      case .indicators: indicatorRow(row, layout, grid)
      case .reviews: reviewRow(row, layout, grid)
      case .budgets: budgetRow(row, layout, grid)
      case .scores: scoreRow(row, layout, grid)
      }
    }
    notes += ledger.unplaced(in: grid)
  }

  /// Whether the sheet has a header row anywhere.
  func hasHeader(_ grid: SheetGrid) -> Bool {
    var row = 1
    while row <= grid.lastRow {
      if headerRows.layout(at: row, in: grid) != nil { return true }
      row += 1
    }
    return false
  }

  /// Whether a row is a line outside the table: one text that does not continue the table (after a
  /// blank row, at its left edge), or any row before a table's header. A 合計, 小計 or 總計 alone
  /// (「合計」 under a form's blank rows, its sums not computed yet) is the table's total row; a
  /// score word alone (「總分」 over its value) stays a line for ScoreLines.
  func isLine(_ texts: [(column: Int, text: String)], row: Int, grid: SheetGrid) -> Bool {
    guard let table else { return true }
    guard texts.count == 1 else { return false }
    if FacetHeading.match(texts[0].text) != nil { return true }
    if table.kind == .indicators, TotalRow.shortTotal(texts[0].text) != nil { return false }
    let continues = !grid.distinctTexts(row - 1).isEmpty || texts[0].column > table.firstColumn
    return !continues
  }

  mutating func startTable(_ layout: TableLayout, _ grid: SheetGrid) {
    noteBlock = nil
    let quarterFields: Set<ColumnField> = [.quarterTarget, .quarterActual, .targetToDate]
    if layout.fields.values.contains(where: quarterFields.contains) || layout.unknown.values.contains(where: QuarterWords.names) {
      looksQuarterly = true
    }
    // A header repeated after a page break starts the same table again; its unknown columns were
    // reported the first time.
    reportUnknownColumns(layout)
    if layout.kind == .indicators {
      for (c, f) in layout.fields where headers[f.rawValue] == nil { headers[f.rawValue] = layout.headers[c] }
    }
    for r in layout.headerRows {
      for (c, _) in grid.distinctTexts(r) { ledger.place(r, c) }
    }
    table = layout
  }

  mutating func reportUnknownColumns(_ layout: TableLayout) {
    // Columns of quarters (第1季, 1-3月) are a quarterly form's: kept under extra without a word.
    for (column, header) in layout.unknown.sorted(by: { $0.key < $1.key }) where !QuarterWords.names(header) {
      let key = "\(sheet)|\(header)"
      guard seenUnknown.insert(key).inserted else { continue }
      let ref = CellReference(row: layout.headerRows.lowerBound, column: column).description
      notes.append(ImportNote(
        code: .unknownColumn, sheet: sheet, row: layout.headerRows.lowerBound, cell: ref,
        message: "column \"\(header)\" is not a known field; its values are kept as extra",
        messageZH: "欄位「\(header)」不是已知欄位，其內容保留於 extra"))
    }
  }

  // MARK: - Facets and goals

  mutating func startFacet(_ facet: Facet, row: Int?, cell: String? = nil) {
    var f = facet
    f.source = SourceLocation(file: file, sheet: sheet, row: row, cells: cell.map { ["facet": $0] })
    if let i = report.facets.firstIndex(where: { $0.name == f.name }) {
      facetIndex = i
      if report.facets[i].weight == nil { report.facets[i].weight = f.weight }
    } else if report.facets.count == 1, report.facets[0].name == nil, report.facets[0].goals.isEmpty {
      report.facets[0] = f
      facetIndex = 0
    } else {
      report.facets.append(f)
      facetIndex = report.facets.count - 1
    }
    goalIndex = nil
    indicatorIndex = nil
  }

  /// Records where a facet's `key` (statedScore, statedTotal) was read.
  mutating func setFacetCell(_ f: Int, _ key: String, _ ref: CellReference) {
    var source = report.facets[f].source ?? SourceLocation(file: file, sheet: sheet)
    source.cells = (source.cells ?? [:]).merging([key: ref.description]) { _, new in new }
    report.facets[f].source = source
  }

  mutating func ensureFacet() -> Int {
    if let facetIndex { return facetIndex }
    report.facets.append(Facet(name: nil))
    facetIndex = report.facets.count - 1
    return facetIndex ?? 0
  }
}
