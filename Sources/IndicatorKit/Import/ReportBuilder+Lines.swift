// ReportBuilder+Lines: rows that are not table rows — the title block, facet headings, stated
// scores, notes and the signature block.

import XLSXKit

extension ReportBuilder {
  /// A line of one text outside a table: a score part and its points, a facet heading, a title
  /// block line, a stated score, or prose (kept in ``Report/prose``; it ends the table).
  mutating func line(_ text: String, row: Int, column: Int) {
    let t = text.trimmedSpaces
    let part = pendingScorePart
    pendingScorePart = nil
    let cell = CellReference(row: row, column: column)
    let ref = cell.description
    func placed() { ledger.place(row, column) }
    // 「二、施政績效具體事蹟分數：5%」 then 「…權分合計 4 分」: a weighted part of the total score.
    if let heading = ScorePartHeading.match(t) {
      pendingScorePart = heading
      return placed()
    }
    if let part, let v = PointsTotalLine.match(t) {
      addStatedScore(part, v, row: row, ref: ref)
      return placed()
    }
    if let facet = FacetHeading.match(t) {
      // A heading between the rows of an indicator table (「一、業務面（55%）」 under the header)
      // starts a facet of the same table; elsewhere it ends the table above.
      startFacet(facet, row: row, cell: ref)
      if table?.kind != .indicators { table = nil }
      return placed()
    }
    if let meta = MetadataLine.match(t) {
      if meta.isAgency && report.agency == nil && !meta.value.isEmpty { report.agency = meta.value }
      report.metadata = (report.metadata ?? [:]).merging([meta.key: meta.value]) { a, _ in a }
      return placed()
    }
    if report.title == nil || report.agency == nil, let title = TitleLine.match(t) {
      if report.title == nil {
        report.title = title.title
        titleYears = title.years
        if let agency = title.agency { report.agency = agency }
        return placed()
      }
      // A second title (a sheet per facet, 「…施政績效總分」) names the agency the first left out.
      if report.agency == nil, let agency = title.agency { report.agency = agency }
      if title.years == titleYears { return placed() }
    }
    if report.agency == nil, report.facets.allSatisfy({ $0.goals.isEmpty }), let agency = AgencyLine.match(t) {
      report.agency = agency
      return placed()
    }
    if let found = StatedScoreLine.match(t) {
      addStatedScore(found.name, found.value, row: row, ref: ref)
      return placed()
    }
    if captions.match(t) != nil {
      table = nil
      return placed()
    }
    // Prose: a section heading, a paragraph of the 前言 or of the 具體施政績效. It ends the table.
    report.prose = (report.prose ?? []) + [t]
    table = nil
    placed()
  }

  mutating func addStatedScore(_ name: String, _ value: Double, row: Int, ref: String) {
    var score = StatedScore(name: name, value: value)
    score.source = SourceLocation(file: file, sheet: sheet, row: row, cells: ["value": ref])
    report.statedScores = (report.statedScores ?? []) + [score]
  }

  /// A footer row: 「承辦人：林小姐」 「電話：(03)5518101 分機 305」 「科長：」. A text after a role
  /// alone (「承辦人」 | 「林小姐」) is that role's value.
  mutating func signatureRow(_ texts: [(column: Int, text: String)], row: Int) -> Bool {
    guard let first = texts.first, SignatureLine.matchAll(first.text) != nil else { return false }
    var lines: [Signature] = []
    for (column, text) in texts {
      let ref = CellReference(row: row, column: column).description
      if let matches = SignatureLine.matchAll(text) {
        for m in matches {
          var s = Signature(role: m.role, value: m.value)
          s.source = SourceLocation(file: file, sheet: sheet, row: row, cells: ["role": ref])
          lines.append(s)
        }
      } else if let last = lines.indices.last, lines[last].value.isEmpty {
        lines[last].value = text.trimmed
        lines[last].source?.cells?["value"] = ref
      } else {
        return false
      }
    }
    for (column, _) in texts { ledger.place(row, column) }
    report.signatures = (report.signatures ?? []) + lines
    return true
  }

  /// A note row: 「註：…」, 「※…」, or a code legend (「＊管考方式代碼：1.工程列管 …」) in the row's first
  /// text; the row's other texts go with it, and so do the lines right under it.
  mutating func noteRow(_ texts: [(column: Int, text: String)], row: Int) -> Bool {
    guard let first = texts.first else { return false }
    if let legend = LegendLine.match(first.text) {
      noteBlock = .some(legend.key)
      addLegend(legend.key, first.text)
      for (column, _) in texts { ledger.place(row, column) }
      return true
    }
    guard let body = NoteLine.match(first.text, words: noteWords) else { return false }
    noteBlock = .some(nil)
    let rest = texts.dropFirst().map(\.text)
    let note = ([body] + rest).filter { !$0.isEmpty }.joined(separator: " ")
    if !note.isEmpty { report.notes = (report.notes ?? []) + [note] }
    for (column, _) in texts { ledger.place(row, column) }
    return true
  }
}

extension ReportBuilder {
  /// A line right under a note or legend (no blank row between): a line of the same note.
  mutating func noteLine(_ texts: [(column: Int, text: String)], row: Int) -> Bool {
    guard let block = noteBlock, texts.count == 1 else { return false }
    let text = texts[0].text
    // A heading right under a note starts what it heads.
    guard FacetHeading.match(text) == nil, TitleLine.match(text) == nil, captions.match(text) == nil else { return false }
    if let key = block ?? LegendLine.match(text)?.key {
      noteBlock = .some(key)
      addLegend(key, text)
    } else {
      report.notes = (report.notes ?? []) + [text.trimmed]
    }
    ledger.place(row, texts[0].column)
    return true
  }

  /// A legend line: kept as a note, as written, and its codes under ``Report/legends``.
  mutating func addLegend(_ key: String, _ text: String) {
    report.notes = (report.notes ?? []) + [String(text.trimmed.drop { "＊*※".contains($0) }).trimmed]
    let entries = LegendLine.entries(LegendLine.read(text)?.body ?? text)
    guard !entries.isEmpty else { return }
    var legends = report.legends ?? [:]
    legends[key] = (legends[key] ?? [:]).merging(entries) { a, _ in a }
    report.legends = legends
  }
}
