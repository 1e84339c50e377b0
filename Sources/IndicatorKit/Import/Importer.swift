// Importer: reads a workbook laid out like the government tables — wherever the headers are, however
// the columns are named and ordered — into a Report, and says what it could not place.

import Foundation
import XLSXKit

/// Something the importer met and could not place, or a choice it made that a person should know.
public struct ImportNote: Codable, Sendable, Hashable {
  /// A stable code: `unknown-column`, `unplaced-row`, `continued-row`, `no-table`, `guessed-agency`.
  public var code: String
  /// The sheet.
  public var sheet: String?
  /// The 1-based row.
  public var row: Int?
  /// The cell in A1 notation.
  public var cell: String?
  /// What happened, in English.
  public var message: String
  /// The same in Traditional Chinese.
  public var messageZH: String

  /// Creates a note.
  public init(code: String, sheet: String?, row: Int?, cell: String?, message: String, messageZH: String) {
    self.code = code
    self.sheet = sheet
    self.row = row
    self.cell = cell
    self.message = message
    self.messageZH = messageZH
  }
}

/// What an import gives: the model and the notes.
public struct ImportResult: Sendable {
  /// The report.
  public var report: Report
  /// What could not be placed, and the importer's guesses.
  public var notes: [ImportNote]
  /// The header of each field of the indicator table as written (`"target": "原定目標值"`), keyed by
  /// ``ColumnField`` raw value: what a merge compares across workbooks to report renamed columns.
  public var headers: [String: String] = [:]

  /// A report with the notes its reading produced.
  public init(report: Report, notes: [ImportNote], headers: [String: String] = [:]) {
    self.report = report
    self.notes = notes
    self.headers = headers
  }
}

/// Options for ``Importer``.
public struct ImportOptions: Sendable {
  /// The family, when known; otherwise the importer decides from the columns it finds.
  public var kind: ReportKind?
  /// A template whose headers are recognised besides the built-in ones.
  public var template: TemplateSpec?
  /// Limits for reading the workbook.
  public var read = ReadOptions()

  /// Default options.
  public init(kind: ReportKind? = nil, template: TemplateSpec? = nil) {
    self.kind = kind
    self.template = template
  }
}

/// Reads plans and reports from workbooks.
public enum Importer {
  /// Imports the workbook at `path`: every worksheet is searched for tables.
  ///
  /// - Throws: ``XLSXError`` when the file cannot be read as a workbook.
  public static func importWorkbook(path: String, options: ImportOptions = ImportOptions()) throws -> ImportResult {
    let workbook = try Workbook(path: path, options: options.read)
    return try importWorkbook(workbook, name: (path as NSString).lastPathComponent, options: options)
  }

  /// Imports an opened workbook (from a file or from memory, ``Workbook/init(data:label:options:)``);
  /// `name` is the file name the model's sources give.
  ///
  /// - Throws: ``XLSXError`` when a sheet cannot be read.
  public static func importWorkbook(_ workbook: Workbook, name: String, options: ImportOptions = ImportOptions()) throws
    -> ImportResult
  {
    var grids: [SheetGrid] = []
    for sheet in workbook.sheets where sheet.kind == .worksheet && sheet.visibility == .visible {
      grids.append(try SheetGrid(workbook: workbook, sheet: sheet))
    }
    let file = name
    var builder = ReportBuilder(file: file, options: options)
    for grid in grids { builder.read(grid) }
    return builder.finish(properties: workbook.properties)
  }
}

/// The columns of one table, found from its header row or rows.
struct TableLayout {
  enum Kind { case indicators, reviews, budgets, scores }
  var kind: Kind
  var headerRows: ClosedRange<Int>
  /// Field of each column; year targets keyed by year.
  var fields: [Int: ColumnField] = [:] {
    didSet {
      var first: [ColumnField: Int] = [:]
      for (c, f) in fields where c < first[f] ?? Int.max { first[f] = c }
      firstColumns = first.map { ($0.key, $0.value) }
    }
  }
  /// The leftmost column of each field, looked up for every cell of every row: a short list compared
  /// case by case (a dictionary hashes the field's name each time).
  private(set) var firstColumns: [(field: ColumnField, column: Int)] = []
  var years: [Int: Int] = [:]
  /// Headers of columns no template knows, kept as `extra`.
  var unknown: [Int: String] = [:]
  /// The year a single-year target column names (「107 年度 目標值」).
  var targetYear: Int?
  /// The indicator column's header says 共同性指標.
  var commonIndicators = false
  /// Score columns: column → name (「業務面向分數」).
  var scoreColumns: [Int: String] = [:]
  /// The header text of each field column.
  var headers: [Int: String] = [:]

  func column(_ field: ColumnField) -> Int? {
    for entry in firstColumns where entry.field == field { return entry.column }
    return nil
  }

  /// The numbering columns: 序號 before the goal numbers goals, 編號 right of it numbers indicators.
  var goalNumberColumn: Int? {
    let goal = column(.goal) ?? Int.max
    return fields.filter { $0.value == .sequence && $0.key < goal }.keys.max()
  }
  var indicatorNumberColumn: Int? {
    guard let goal = column(.goal) else { return nil }
    return fields.filter { $0.value == .sequence && $0.key > goal }.keys.min()
  }
}

/// Every header the templates know, normalised, in the forms the importer looks them up by: made
/// once for the built-in templates (not once per workbook), and again only for a custom template.
struct HeaderWords: Sendable {
  /// Each normalised header → its field.
  let index: [String: ColumnField]
  /// The headers of two characters or more as UTF-8, longest first, for prefix matching.
  let prefixes: [([UInt8], ColumnField)]
  /// The first scalar of every header: a text starting otherwise names no field.
  let starts: Set<Unicode.Scalar>

  static let builtIn = HeaderWords(template: nil)

  init(template: TemplateSpec?) {
    var pairs: [(String, ColumnField)] = []
    var specs = Array(TemplateSpec.builtIn.values).sorted { $0.kind.rawValue < $1.kind.rawValue }
    if let template { specs.insert(template, at: 0) }
    for spec in specs {
      for c in spec.columns + (spec.reviewColumns ?? []) + (spec.budgetColumns ?? []) {
        for h in [c.header] + c.synonyms { pairs.append((normalizedHeader(h), c.field)) }
      }
    }
    // Review and budget headers that are not indicator-table ones.
    var seen: Set<String> = []
    let fields = pairs.filter { seen.insert($0.0).inserted }.sorted { $0.0.count > $1.0.count }
    index = Dictionary(fields, uniquingKeysWith: { first, _ in first })
    prefixes = fields.filter { $0.0.count >= 2 }.map { (Array($0.0.utf8), $0.1) }
    starts = Set(fields.compactMap { $0.0.unicodeScalars.first })
  }
}

/// Builds the report row by row.
struct ReportBuilder {
  let file: String
  let options: ImportOptions
  /// Every header the templates know, ready for lookup.
  let words: HeaderWords
  let totalWords: WordIndex<Void>
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

  init(file: String, options: ImportOptions) {
    self.file = file
    self.options = options
    words = options.template.map(HeaderWords.init(template:)) ?? HeaderWords.builtIn
    totalWords = WordIndex((options.template?.totalWords ?? TemplateSpec.totals).map { ($0, ()) }, byLastByte: false)
    noteWords = options.template?.noteWords ?? TemplateSpec.notes
    report = Report(kind: options.kind ?? .annualPlan)
  }

  // MARK: - Headers

  /// The field a header names, and the year it carries (「107 年度 目標值」).
  func field(of header: String) -> (ColumnField, Int?)? {
    // Headers are short; a narrative or a name is not one (and this runs for every cell of a sheet).
    guard header.utf8.count <= 90 else { return nil }
    // The first character as normalizedHeader leaves it must start a known header, or be a digit
    // (「107 年度 目標值」): checked before normalising, which most cells of a sheet fail.
    var lead: Unicode.Scalar?
    for c in header.unicodeScalars {
      switch c {
      case " ", "\u{3000}", "\n", "\r", "\t", "*", "＊": continue
      case "（": lead = "("
      case "）": lead = ")"
      case "：": lead = ":"
      default: lead = c
      }
      break
    }
    guard let lead, (lead.isRegexDigit && header.hasScalar("年")) || words.starts.contains(lead) else { return nil }
    var h = normalizedHeader(header)
    var year: Int?
    if h.unicodeScalars.first?.isRegexDigit != false, h.hasScalar("年"), let m = h.prefixMatch(of: Patterns.yearHeader) {
      year = Int(m.output.1)
      h = String(h[m.range.upperBound...])
    }
    guard let first = h.unicodeScalars.first, words.starts.contains(first) else { return nil }
    if h.hasSuffix("(%)") { h.removeLast(3) }
    // 「策略目標(權重)」: a parenthesised note after a known header.
    var bare = h
    if h.hasSuffix(")"), let open = h.lastIndex(of: "("), !h[h.index(after: open)...].dropLast().contains(where: { $0 == "(" || $0 == ")" }) {
      bare = String(h[..<open])
    }
    for candidate in [h, bare] where !candidate.isEmpty {
      if let f = words.index[candidate] { return (f, year) }
    }
    if h.includes("面向分數") || h == "總分" || h == "績效總分" { return nil }
    let bytes = h.utf8
    for (name, f) in words.prefixes where bytes.starts(with: name) { return (f, year) }
    return nil
  }

  /// A header row at `row`: at least two known headers, one of them a goal, indicator or (for
  /// reviews) an explanation. Looks at the next row for a second header row.
  func header(at row: Int, in grid: SheetGrid) -> TableLayout? {
    let cells = grid.distinctTexts(row)
    guard cells.count >= 2 else { return nil }
    var layout = TableLayout(kind: .indicators, headerRows: row...row)
    var known = 0
    for (column, text) in cells {
      if let (f, year) = field(of: text) {
        known += 1
        if layout.column(f) != nil && f != .yearTargets && f != .sequence { continue }  // a second 「目標值」: keep the first
        layout.fields[column] = f
        layout.headers[column] = text
        if f == .target, let year { layout.targetYear = year }
        if f == .indicator && normalizedHeader(text).hasPrefix("共同性指標") { layout.commonIndicators = true }
      } else if text.hasScalar("分"), case let n = normalizedHeader(text), n.ends(bytes: "分數") || n == "總分" {
        layout.scoreColumns[column] = text
      } else {
        layout.unknown[column] = text
      }
    }
    let fields = Set(layout.fields.values)
    guard known >= 2, fields.contains(.goal) || fields.contains(.indicator) else { return nil }
    if fields.contains(.explanation) || fields.contains(.gap) {
      layout.kind = .reviews
    } else if fields.contains(.content) && !fields.contains(.indicator) {
      layout.kind = .budgets
    } else if !layout.scoreColumns.isEmpty && !fields.contains(.target) {
      layout.kind = .scores
    }
    // A second header row: years under 年度績效目標值, or sub-headers under a merged parent.
    let next = grid.distinctTexts(row + 1)
    if !next.isEmpty && next.allSatisfy({ $0.text.wholeMatch(of: Patterns.yearOnly) != nil }) {
      for (column, text) in next {
        if let y = Int(text.prefix { $0.isNumber }) {
          layout.years[column] = y
          layout.fields[column] = .yearTargets
          layout.unknown[column] = nil
        }
      }
      layout.headerRows = row...(row + 1)
    } else if !next.isEmpty && next.allSatisfy({ field(of: $0.text) != nil })
      && next.contains(where: { grid.cell(row, $0.column)?.mergeOrigin != nil })
    {
      for (column, text) in next {
        guard let (f, _) = field(of: text) else { continue }
        layout.fields[column] = f
        layout.headers[column] = text
        layout.unknown[column] = nil
        let parent = grid.text(row, column)
        if let m = parent.firstMatch(of: Patterns.yearIn), let y = Int(m.output.1), f == .target {
          layout.targetYear = y
        }
      }
      layout.headerRows = row...(row + 1)
    }
    return layout
  }

  // MARK: - Rows

  mutating func read(_ grid: SheetGrid) {
    sheet = grid.name
    table = nil
    if let facet = facetFromSheetName(grid.name) { startFacet(facet, row: nil) }
    var row = 1
    while row <= grid.lastRow {
      defer { row += 1 }
      if let layout = header(at: row, in: grid) {
        // A header repeated after a page break starts the same table again; its unknown columns
        // were reported the first time.
        reportUnknownColumns(layout)
        if layout.kind == .indicators {
          for (c, f) in layout.fields where headers[f.rawValue] == nil { headers[f.rawValue] = layout.headers[c] }
        }
        table = layout
        row = layout.headerRows.upperBound
        continue
      }
      let texts = grid.distinctTexts(row)
      if texts.isEmpty { continue }
      if table == nil && texts.count >= 2 && scoreLine(texts, row: row, grid: grid) {
        row += 1  // the row of values
        continue
      }
      // One text right below a table row (no blank row between) is part of the table: a cell split
      // by a page break. After a blank row it is a heading, a note or prose.
      // So is a text in an inner column of the table: headings and prose start at the left.
      let firstColumn = (table?.fields.keys.min()).map { min($0, table?.unknown.keys.min() ?? $0) } ?? 1
      let continuesTable = table != nil && facetHeading(texts[0].text) == nil
        && (!grid.distinctTexts(row - 1).isEmpty || texts[0].column > firstColumn)
      if (texts.count == 1 && !continuesTable) || (table == nil && texts.count <= 2) {
        if lineOutsideTable(texts[0].text, row: row, column: texts[0].column) { continue }
      }
      guard let layout = table else { continue }
      switch layout.kind {
      case .indicators: indicatorRow(row, layout, grid)
      case .reviews: reviewRow(row, layout, grid)
      case .budgets: budgetRow(row, layout, grid)
      case .scores: scoreRow(row, layout, grid)
      }
    }
  }

  /// A line of one text: a title, a facet heading, a note or prose. Returns whether it was taken.
  mutating func lineOutsideTable(_ text: String, row: Int, column: Int) -> Bool {
    let t = text.trimmedSpaces
    let part = pendingScorePart
    pendingScorePart = nil
    let ref = CellReference(row: row, column: column).description
    // 「二、施政績效具體事蹟分數：5%」 then 「…權分合計 4 分」: a weighted part of the total score.
    if t.includes("分數"), let m = t.firstMatch(of: Patterns.scorePartHeading) {
      pendingScorePart = "\(m.output.1)(\(m.output.2)%)"
      return true
    }
    if let part, !t.includes("面向"), let m = t.firstMatch(of: Patterns.pointsTotal), let v = Double(m.output.1) {
      var score = StatedScore(name: part, value: v)
      score.source = SourceLocation(file: file, sheet: sheet, row: row, cells: ["value": ref])
      report.statedScores = (report.statedScores ?? []) + [score]
      return true
    }
    if let facet = facetHeading(t) {
      startFacet(facet, row: row, cell: ref)
      table = nil
      return true
    }
    if noteWords.contains(where: { t.hasPrefix($0 + "：") || t.hasPrefix($0 + ":") }) {
      let body = t.drop { $0 != "：" && $0 != ":" }.dropFirst().trimmedSpaces
      if !body.isEmpty { report.notes = (report.notes ?? []) + [body] }
      return true
    }
    if report.title == nil, t.count <= 60, t.hasScalar("年"), let years = Self.years(in: t), !years.isEmpty,
       t.includes("計畫") || t.includes("報告") || t.includes("季報")
    {
      report.title = t
      titleYears = years
      if let m = t.firstMatch(of: Patterns.titleAgency) {
        // 「基隆市政府綜合發展處中程施政計畫（111 至 114 年度）」: the agency ends before the family's name.
        var agency = String(m.output.1).trimmingCharacters(in: CharacterSet(charactersIn: " \t(（"))
        for family in ["中程施政計畫", "年度施政計畫", "施政計畫", "施政績效報告", "績效報告"] where agency.hasSuffix(family) {
          agency = String(agency.dropLast(family.count)).trimmedSpaces
          break
        }
        if !agency.isEmpty { report.agency = agency }
      }
      return true
    }
    if let found = statedScore(in: t) {
      var score = StatedScore(name: found.0, value: found.1)
      score.source = SourceLocation(file: file, sheet: sheet, row: row, cells: ["value": ref])
      report.statedScores = (report.statedScores ?? []) + [score]
      return true
    }
    table = nil
    return true
  }

  /// 「一、核心業務面向：35%」, 「二、共同面」, 「一、業務面」.
  func facetHeading(_ t: String) -> Facet? {
    // The heading ends with 面 or 面向, then perhaps a weight: 「(35%)」, 「：35%」.
    guard t.hasScalar("面"), let end = t.unicodeScalars.last(where: { !$0.isBlank }), "面向%)）".unicodeScalars.contains(end),
      let m = t.firstMatch(of: Patterns.facetHeading)
    else {
      return nil
    }
    if m.output.1 == nil && (m.output.2.count > 8 || m.output.3 != nil) { return nil }
    var facet = Facet(name: String(m.output.2))
    facet.label = m.output.1.map { String($0) + "、" }
    facet.weight = m.output.3.flatMap { Double($0) }.map { $0 / 100 }
    return facet
  }

  /// A sheet named like a facet (業務面, 共同面).
  func facetFromSheetName(_ name: String) -> Facet? {
    let n = name.trimmedSpaces
    guard n.count <= 8, n.hasSuffix("面") || n.hasSuffix("面向") else { return nil }
    return Facet(name: n)
  }

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

  /// 「績效總分為 92.9 分」, 「分數小計 88.9 分」.
  func statedScore(in t: String) -> (String, Double)? {
    if t.hasScalar("分"), let m = t.firstMatch(of: Patterns.statedScore), let v = Double(m.output.2) {
      return (String(m.output.1), v)
    }
    return nil
  }

  static func years(in t: String) -> [Int]? {
    if let m = t.firstMatch(of: Patterns.yearSpan), let a = Int(m.output.1), let b = Int(m.output.2), a <= b, b - a < 10 {
      return Array(a...b)
    }
    if let m = t.firstMatch(of: Patterns.singleYear), let y = Int(m.output.1), y >= 80, y <= 200 { return [y] }
    return nil
  }

  mutating func reportUnknownColumns(_ layout: TableLayout) {
    for (column, header) in layout.unknown.sorted(by: { $0.key < $1.key }) {
      let key = "\(sheet)|\(header)"
      guard seenUnknown.insert(key).inserted else { continue }
      let ref = CellReference(row: layout.headerRows.lowerBound, column: column).description
      notes.append(ImportNote(
        code: "unknown-column", sheet: sheet, row: layout.headerRows.lowerBound, cell: ref,
        message: "column \"\(header)\" is not a known field; its values are kept as extra",
        messageZH: "欄位「\(header)」不是已知欄位，其內容保留於 extra"))
    }
  }

  // MARK: - Indicator tables

  func value(_ row: Int, _ field: ColumnField, _ layout: TableLayout, _ grid: SheetGrid) -> String? {
    guard let c = layout.column(field) else { return nil }
    let t = grid.text(row, c)
    return t.isEmpty ? nil : t
  }

  mutating func indicatorRow(_ row: Int, _ layout: TableLayout, _ grid: SheetGrid) {
    let goalCell = layout.column(.goal).flatMap { grid.cell(row, $0) }
    let goalText = goalCell?.text ?? ""
    let indicatorText = value(row, .indicator, layout, grid) ?? ""
    let quantityFields: [ColumnField] = [.target, .actual, .weight, .achievement, .points, .budget]
    // Values of this row's own (a plan's budget merged down over its indicators is not).
    func own(_ field: ColumnField) -> Bool {
      guard let c = layout.column(field), let cell = grid.cell(row, c) else { return false }
      return !cell.fromMerge && !cell.text.isEmpty
    }
    let hasQuantity = quantityFields.contains { own($0) } || layout.years.keys.contains { !grid.text(row, $0).isEmpty }
    // A total row: 「績效分數 | 權分合計 35 分」.
    let all = grid.distinctTexts(row).map(\.text)
    if all.contains(where: { totalWords.first(startingAt: $0) != nil }), !all.contains(where: { LabeledName($0).label != nil && $0.count > 6 }) {
      let f = ensureFacet()
      for (column, t) in grid.distinctTexts(row) {
        if let m = t.firstMatch(of: Patterns.firstNumber), let v = Double(m.output.1) {
          report.facets[f].statedTotal = v
          setFacetCell(f, "statedTotal", CellReference(row: row, column: column))
        }
      }
      return
    }
    // A row that only continues the one above (a table split by a page break, a long name).
    let indicatorName = LabeledName(indicatorText)
    let labelled = indicatorName.label != nil
    let goalIsOwn = goalCell.map { !$0.fromMerge } ?? false
    if !hasQuantity && (indicatorText.isEmpty || !labelled) && indicatorIndex != nil {
      continueRow(row, layout, grid, goalText: goalIsOwn ? goalText : "", indicatorText: indicatorText)
      return
    }
    if indicatorText.isEmpty && !hasQuantity {
      notes.append(ImportNote(
        code: "unplaced-row", sheet: sheet, row: row, cell: nil,
        message: "row \(row) has neither an indicator nor a value; left out",
        messageZH: "第 \(row) 列沒有指標也沒有數值，未納入"))
      return
    }
    let f = ensureFacet()
    // A new goal when the goal cell holds its own text (not a merged or blank continuation).
    if !goalText.isEmpty, goalIsOwn || goalIndex == nil || !isCurrentGoal(goalText, facet: f) {
      let parsed = goalName(goalText)
      var goal = Goal(name: parsed.name, label: parsed.label, weight: parsed.weight)
      if goal.label == nil, let c = layout.goalNumberColumn, !grid.text(row, c).isEmpty { goal.label = grid.text(row, c) }
      goal.category = parsed.category
      let goalRef = layout.column(.goal).map { CellReference(row: row, column: $0).description }
      goal.source = SourceLocation(file: file, sheet: sheet, row: row, cells: goalRef.map { ["goal": $0] })
      report.facets[f].goals.append(goal)
      goalIndex = report.facets[f].goals.count - 1
    } else if goalIndex == nil {
      report.facets[f].goals.append(Goal(name: ""))
      goalIndex = report.facets[f].goals.count - 1
    }
    guard let g = goalIndex else { return }
    let parsed = indicatorText.isEmpty ? goalName(goalText) : indicatorName
    var ind = Indicator(name: parsed.name, label: parsed.label, weight: parsed.weight)
    if ind.label == nil, let c = layout.indicatorNumberColumn, !grid.text(row, c).isEmpty { ind.label = grid.text(row, c) }
    var cells = [String: String](minimumCapacity: 12)
    func cell(_ field: ColumnField) -> String? {
      guard let c = layout.column(field) else { return nil }
      let t = grid.text(row, c)
      if !t.isEmpty { cells[field.rawValue] = CellReference(row: row, column: c).description }
      return t.isEmpty ? nil : t
    }
    _ = cell(.indicator)
    if let t = cell(.target) { ind.target = QuantityParser.parse(t) }
    if let t = cell(.actual) { ind.actual = QuantityParser.parse(t) }
    if let t = cell(.weight), let w = Self.fraction(t) { ind.weight = w }
    if let t = cell(.achievement), let a = Self.fraction(t) { ind.achievement = a }
    if let t = cell(.points) { ind.points = Self.number(t) }
    ind.narrative = cell(.narrative)
    if let m = cell(.measurement) {
      ind.measurement = m
      ind.formula = Self.formula(in: m)
    }
    ind.evaluationSystem = cell(.evaluationSystem)
    ind.evaluationMethod = cell(.evaluationMethod)
    ind.controlCode = cell(.controlCode)
    if let b = cell(.budget) {
      // A budget merged over the plan's rows is the plan's (goal's), not each indicator's.
      if let c = layout.column(.budget), let origin = grid.cell(row, c)?.mergeOrigin,
         let range = grid.merges[origin], range.last.row > range.first.row
      {
        if origin.row == row { report.facets[f].goals[g].budget = Self.number(b) }
        cells["budget"] = nil
      } else {
        ind.budget = Self.number(b)
      }
    }
    if let r = cell(.remark) { ind.extra = ["備註": r] }
    if !layout.years.isEmpty {
      var targets: [String: Quantity] = [:]
      for (c, y) in layout.years where !grid.text(row, c).isEmpty {
        targets[String(y)] = QuantityParser.parse(grid.text(row, c))
        cells["target\(y)"] = CellReference(row: row, column: c).description
      }
      if !targets.isEmpty { ind.targets = targets }
    }
    for (c, header) in layout.unknown where !grid.text(row, c).isEmpty {
      ind.extra = (ind.extra ?? [:]).merging([header: grid.text(row, c)]) { a, _ in a }
    }
    if layout.commonIndicators { ind.isCommon = true }
    let goalName = report.facets[f].goals[g].name
    if goalName.includes("加分") || ind.name.includes("加分") {
      ind.isBonus = true
      let capText = goalName.includes("最高加") ? goalName : ind.name
      if let m = capText.firstMatch(of: Patterns.bonusCap), let v = Double(m.output.1) { ind.bonusCap = v / 100 }
    }
    ind.source = SourceLocation(file: file, sheet: sheet, row: row, cells: cells.isEmpty ? nil : cells)
    report.facets[f].goals[g].indicators.append(ind)
    indicatorIndex = report.facets[f].goals[g].indicators.count - 1
    if let y = layout.targetYear, !titleYears.contains(y) && report.years.isEmpty { titleYears.append(y) }
    for y in layout.years.values where !titleYears.contains(y) { titleYears.append(y) }
  }

  mutating func isCurrentGoal(_ text: String, facet: Int) -> Bool {
    guard let g = goalIndex, g < report.facets[facet].goals.count else { return false }
    return goalName(text).name == report.facets[facet].goals[g].name
  }

  /// A goal cell's text parsed, the last one kept: a goal merged down over its indicators is the
  /// same text on every row.
  mutating func goalName(_ text: String) -> LabeledName {
    if let last = lastGoal, sameBytes(last.text, text) { return last.parsed }  // bytes: == would take canonical equivalents
    let parsed = LabeledName(text)
    lastGoal = (text, parsed)
    return parsed
  }

  /// Appends a continuation row's texts to the indicator (and goal) above.
  mutating func continueRow(_ row: Int, _ layout: TableLayout, _ grid: SheetGrid, goalText: String, indicatorText: String) {
    guard let f = facetIndex, let g = goalIndex, let i = indicatorIndex else { return }
    if !goalText.isEmpty {
      let joined = LabeledName((report.facets[f].goals[g].label.map { $0 + " " } ?? "") + report.facets[f].goals[g].name + goalText)
      report.facets[f].goals[g].name = joined.name
      if report.facets[f].goals[g].category == nil { report.facets[f].goals[g].category = joined.category }
      if report.facets[f].goals[g].weight == nil { report.facets[f].goals[g].weight = joined.weight }
    }
    var ind = report.facets[f].goals[g].indicators[i]
    if !indicatorText.isEmpty {
      let joined = LabeledName((ind.label.map { $0 + " " } ?? "") + ind.name + indicatorText)
      ind.name = joined.name
      if ind.weight == nil { ind.weight = joined.weight }
    }
    if let t = value(row, .measurement, layout, grid) {
      ind.measurement = (ind.measurement ?? "") + t
      ind.formula = Self.formula(in: ind.measurement ?? "")
    }
    if let t = value(row, .narrative, layout, grid) { ind.narrative = (ind.narrative ?? "") + t }
    report.facets[f].goals[g].indicators[i] = ind
    notes.append(ImportNote(
      code: "continued-row", sheet: sheet, row: row, cell: nil,
      message: "row \(row) continues the indicator above (a split cell); its text was appended",
      messageZH: "第 \(row) 列延續上一指標（跨頁分割），文字已併入"))
  }

  // MARK: - Other tables

  mutating func reviewRow(_ row: Int, _ layout: TableLayout, _ grid: SheetGrid) {
    guard let indicator = value(row, .indicator, layout, grid) else {
      if let e = value(row, .explanation, layout, grid), var last = report.reviews?.popLast() {
        last.explanation = (last.explanation ?? "") + e
        report.reviews?.append(last)
      }
      return
    }
    var review = UnmetReview(indicator: LabeledName(indicator).name)
    review.goal = value(row, .goal, layout, grid).map { LabeledName($0).name }
    review.gap = value(row, .gap, layout, grid).flatMap { Self.fraction($0) }
    review.explanation = value(row, .explanation, layout, grid)
    var cells: [String: String] = [:]
    for field in [ColumnField.indicator, .gap, .explanation] {
      if let c = layout.column(field) { cells[field.rawValue] = CellReference(row: row, column: c).description }
    }
    review.source = SourceLocation(file: file, sheet: sheet, row: row, cells: cells)
    report.reviews = (report.reviews ?? []) + [review]
  }

  mutating func budgetRow(_ row: Int, _ layout: TableLayout, _ grid: SheetGrid) {
    let name = value(row, .goal, layout, grid)
    let ownName = layout.column(.goal).flatMap { grid.cell(row, $0) }.map { !$0.fromMerge } ?? false
    if name == nil || !ownName, var last = report.budgetItems?.popLast() {
      // A second line of the plan above: its content and amount go on.
      if let c = value(row, .content, layout, grid) { last.content = [last.content, c].compactMap { $0 }.joined(separator: " ") }
      if let a = value(row, .budget, layout, grid).flatMap({ Self.number($0) }) { last.amount = (last.amount ?? 0) + a }
      if let n = value(row, .remark, layout, grid) { last.note = [last.note, n].compactMap { $0 }.joined(separator: " ") }
      report.budgetItems?.append(last)
      return
    }
    guard let name else { return }
    let parsed = LabeledName(name)
    var item = BudgetItem(name: parsed.name, amount: value(row, .budget, layout, grid).flatMap { Self.number($0) })
    item.label = parsed.label
    item.content = value(row, .content, layout, grid)
    item.note = value(row, .remark, layout, grid)
    item.source = SourceLocation(file: file, sheet: sheet, row: row)
    report.budgetItems = (report.budgetItems ?? []) + [item]
  }

  /// A score table (業務面向分數 beside the achievements): the first number in a score column is
  /// the facet's stated score.
  mutating func scoreRow(_ row: Int, _ layout: TableLayout, _ grid: SheetGrid) {
    for (c, header) in layout.scoreColumns {
      guard let v = Self.number(grid.text(row, c)) else { continue }
      let facetName = normalizedHeader(header).replacingOccurrences(of: "向分數", with: "").replacingOccurrences(of: "分數", with: "")
      if let f = report.facets.firstIndex(where: { ($0.name ?? "").hasPrefix(facetName) || facetName.hasPrefix($0.name ?? "-") }) {
        if report.facets[f].statedScore == nil {
          report.facets[f].statedScore = v
          setFacetCell(f, "statedScore", CellReference(row: row, column: c))
        }
      } else {
        var score = StatedScore(name: header, value: v)
        score.source = SourceLocation(file: file, sheet: sheet, row: row,
                                      cells: ["value": CellReference(row: row, column: c).description])
        report.statedScores = (report.statedScores ?? []) + [score]
      }
    }
  }

  /// A header of scores over a row of numbers (業務面(55%) | 共同面(40%) | … | 總分).
  mutating func scoreLine(_ texts: [(column: Int, text: String)], row: Int, grid: SheetGrid) -> Bool {
    guard texts.count >= 2, texts.contains(where: { $0.text.includes("總分") || $0.text.includes("分數") }) else { return false }
    let values = grid.distinctTexts(row + 1)
    guard !values.isEmpty, values.allSatisfy({ Self.number($0.text) != nil }) else { return false }
    for (column, header) in texts {
      guard let v = values.first(where: { $0.column == column }).flatMap({ Self.number($0.text) }) else { continue }
      // 「業務面向分數」: a facet's score.
      if let f = report.facets.firstIndex(where: { f in
        guard let n = f.name else { return false }
        return header == n + "分數" || header == n + "向分數"
      }) {
        report.facets[f].statedScore = v
        setFacetCell(f, "statedScore", CellReference(row: row + 1, column: column))
        continue
      }
      var score = StatedScore(name: header, value: v)
      score.source = SourceLocation(file: file, sheet: sheet, row: row + 1,
                                    cells: ["value": CellReference(row: row + 1, column: column).description])
      report.statedScores = (report.statedScores ?? []) + [score]
      // 「業務面(55%)」 names a facet and its weight.
      if let m = header.firstMatch(of: Patterns.facetWithWeight),
         let f = report.facets.firstIndex(where: { $0.name == String(m.output.1) })
      {
        if report.facets[f].weight == nil { report.facets[f].weight = Double(m.output.2).map { $0 / 100 } }
      }
    }
    return true
  }

  // MARK: - Values

  /// A weight or achievement as a fraction: 「5.0%」 → 0.05; a bare number over 1 read as percent.
  static func fraction(_ t: String) -> Double? {
    let n = QuantityParser.normalize(t)
    // ASCII (nearly always) is handled byte by byte, other text character by character.
    if n.utf8.allSatisfy({ $0 < 0x80 }) {
      let b = n.utf8.filter { $0 != 0x20 }
      if b.last == 0x25, let v = Double(String(decoding: b.dropLast(), as: UTF8.self)) { return v / 100 }
      guard let v = Double(String(decoding: b.filter { $0 != 0x2C }, as: UTF8.self)) else { return nil }
      return abs(v) > 1 ? v / 100 : v
    }
    let s = n.filter { $0 != " " }
    if s.hasSuffix("%"), let v = Double(s.dropLast()) { return v / 100 }
    guard let v = Double(s.filter { $0 != "," }) else { return nil }
    return abs(v) > 1 ? v / 100 : v
  }

  /// A plain number: 「35」, 「5,328.75」, 「權分合計 35 分」 → 35.
  static func number(_ t: String) -> Double? {
    let n = QuantityParser.normalize(t)
    if n.utf8.allSatisfy({ $0 < 0x80 }) {
      var b = n.utf8.filter { $0 != 0x2C }
      while let last = b.last, last == 0x20 || last == 0x09 { b.removeLast() }
      return Double(String(decoding: b.drop { $0 == 0x20 || $0 == 0x09 }, as: UTF8.self))
    }
    return Double(n.filter { $0 != "," }.trimmedSpaces)
  }

  /// The formula in a measurement standard: what follows 「計算公式：」.
  static func formula(in measurement: String) -> String? {
    guard measurement.includes("計算公式"), let m = measurement.firstMatch(of: Patterns.formulaLead) else { return nil }
    let f = measurement[m.range.upperBound...].trimmed
    return f.isEmpty ? nil : f
  }

  // MARK: - Finish

  mutating func finish(properties: DocumentProperties) -> ImportResult {
    // Our own exports say what they hold in the document properties.
    if let keywords = properties.keywords, let saved = ExportStamp(keywords) {
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
        notes.append(ImportNote(code: "guessed-agency", sheet: nil, row: nil, cell: nil,
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
      notes.append(ImportNote(code: "no-table", sheet: nil, row: nil, cell: nil,
                              message: "no indicator table was found (no row of headers such as 績效指標 and 目標值)",
                              messageZH: "找不到指標表格（沒有「績效指標」「目標值」等標題列）"))
    }
    report.source = SourceLocation(file: file)
    report.computeAchievements()
    return ImportResult(report: report, notes: notes, headers: headers)
  }

  func inferKind() -> ReportKind {
    let indicators = report.facets.flatMap { $0.goals.flatMap(\.indicators) }
    if indicators.contains(where: { $0.actual != nil || $0.achievement != nil }) {
      return (report.title ?? "").includes("季") ? .quarterlyReport : .performanceReport
    }
    if indicators.contains(where: { ($0.targets?.count ?? 0) > 1 }) { return .midTermPlan }
    return .annualPlan
  }
}

/// What our exports record in the workbook's keywords, so that a re-import gives back the same
/// kind, agency and years even when the title does not say them.
struct ExportStamp {
  var kind: ReportKind
  var agency: String?
  var years: [Int]
  var hasTitle: Bool

  init(kind: ReportKind, agency: String?, years: [Int], hasTitle: Bool) {
    self.kind = kind
    self.agency = agency
    self.years = years
    self.hasTitle = hasTitle
  }

  /// Reads `jixiao kind=…; agency=…; years=…; title=yes`.
  init?(_ keywords: String) {
    guard keywords.hasPrefix("jixiao ") else { return nil }
    var fields: [String: String] = [:]
    for part in keywords.dropFirst(7).split(separator: ";") {
      let kv = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
      if kv.count == 2 { fields[kv[0]] = kv[1] }
    }
    guard let k = fields["kind"].flatMap(ReportKind.init(rawValue:)) else { return nil }
    kind = k
    agency = fields["agency"].flatMap { $0.isEmpty ? nil : $0 }
    years = (fields["years"] ?? "").split(separator: ",").compactMap { Int($0) }
    hasTitle = fields["title"] == "yes"
  }

  var keywords: String {
    "jixiao kind=\(kind.rawValue); agency=\(agency ?? ""); years=\(years.map(String.init).joined(separator: ",")); title=\(hasTitle ? "yes" : "no")"
  }
}

/// The file's regular expressions, compiled once: a regex literal is parsed again each time it is
/// evaluated, which made the importer spend most of its time parsing patterns. Matching a shared
/// `Regex` from several threads is safe (its compiled program is initialised atomically), hence
/// `nonisolated(unsafe)`.
private enum Patterns {
  nonisolated(unsafe) static let yearHeader = /^(\d{2,3})年度?/
  nonisolated(unsafe) static let yearOnly = /\d{2,3}\s*(?:年度?)?/
  nonisolated(unsafe) static let formulaLead = /計算公式\s*[：:]/
  nonisolated(unsafe) static let yearIn = /(\d{2,3})\s*年/
  nonisolated(unsafe) static let scorePartHeading = /^(?:[一二三四五六七八九十]+\s*[、.．]\s*)?(.{2,20}?)分數\s*[：:]\s*(\d+(?:\.\d+)?)\s*%\s*$/
  nonisolated(unsafe) static let pointsTotal = /權分合計\s*(\d+(?:\.\d+)?)\s*分/
  nonisolated(unsafe) static let titleAgency = /^\s*(?:#\s*)?(.+?)\s*\d{2,3}\s*(?:[-–~至]\s*\d{2,3}\s*)?年/
  nonisolated(unsafe) static let facetHeading = /^(?:([一二三四五六七八九十]+)\s*[、.．]\s*)?(.{1,16}?面向?)\s*(?:[(（:：]\s*(\d+(?:\.\d+)?)\s*%\s*[)）]?)?\s*$/
  nonisolated(unsafe) static let statedScore = /(績效總分|分數小計|總分)\s*(?:為|：|:)?\s*(\d+(?:\.\d+)?)\s*分/
  nonisolated(unsafe) static let yearSpan = /(\d{2,3})\s*[-–~至]\s*(\d{2,3})\s*年/
  nonisolated(unsafe) static let singleYear = /(\d{2,3})\s*年/
  nonisolated(unsafe) static let firstNumber = /(\d+(?:\.\d+)?)/
  nonisolated(unsafe) static let bonusCap = /最高加\s*(\d+(?:\.\d+)?)\s*%/
  nonisolated(unsafe) static let facetWithWeight = /^(.+?面)\s*[(（]\s*(\d+(?:\.\d+)?)\s*%\s*[)）]/
  nonisolated(unsafe) static let agencyInFileName = /^(.+?(?:政府|處|局|所|室|府|會|中心))/
}
