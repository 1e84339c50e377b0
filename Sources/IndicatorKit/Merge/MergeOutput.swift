// MergeOutput: the consolidated workbook (總表, 指標明細, 未達目標, 檢核結果, 未納入檔案) and its JSON.

import Foundation
import XLSXKit

extension MergeResult {
  /// 指標明細's rows: every indicator of every merged workbook.
  func writeDetail(to detail: SheetFill, percent: CellStyle, english: Bool) throws {
    let (yes, no) = english ? ("yes", "no") : ("是", "否")
    var row = 1
    for w in included {
      guard let r = w.report else { continue }
      let agency = r.agency, kind = r.kind.name(english: english), year = yearCell(r.years)
      for facet in r.facets {
        for goal in facet.goals {
          for ind in goal.indicators {
            row += 1
            var b = try detail.makeRow(row)
            if let agency { b.text(1, agency) }
            switch year {  // a single year as a number, a span (a mid-term plan's) as text
            case .number(let v)?: b.number(2, v)
            case .string(let s)?: b.text(2, s)
            default: break
            }
            b.text(3, kind)
            if let name = facet.name { b.text(4, name) }
            b.text(5, goal.name)
            b.text(6, ind.name)
            b.text(7, Validator.nameKey(ind.name))
            if let v = ind.weight { b.number(8, v, style: percent) }
            if let target = ind.target?.text ?? ind.targets.map(Self.targetList) { b.text(9, target) }
            if let a = ind.actual?.text { b.text(10, a) }
            if let a = ind.computedAchievement ?? ind.achievement { b.number(11, a, style: percent) }
            if let met = isMet(ind) { b.text(12, met ? yes : no) }
            b.text(13, w.file)
            if let s = ind.source?.sheet { b.text(14, s) }
            if let n = ind.source?.row { b.number(15, Double(n)) }
            if ind.isBonus != true, let light = ind.evaluation?.light { b.text(16, light.name(english: english)) }
            try detail.commit(b)
          }
        }
      }
    }
    detail.autoFilter(CellRange(CellReference(row: 1, column: 1), CellReference(row: max(row, 1), column: 16)))
  }

  /// 未達目標's rows: every unmet indicator with its explanation (「未說明」 when none is given).
  func writeUnmet(to unmet: SheetFill, percent: CellStyle, english: Bool) throws {
    let unexplained = english ? "not explained" : "未說明"
    var row = 1
    for w in included {
      guard let r = w.report else { continue }
      let reviewKeys = (r.reviews ?? []).map { Validator.nameKey($0.indicator) }
      let span = yearSpan(r.years)
      for facet in r.facets {
        for goal in facet.goals {
          for ind in goal.indicators where isUnmet(ind) {
            row += 1
            var b = try unmet.makeRow(row)
            b.put(1, r.agency)
            b.put(2, span)
            b.put(3, goal.name)
            b.put(4, ind.name)
            b.put(5, ind.target?.text)
            b.put(6, ind.actual?.text)
            if let a = ind.computedAchievement { b.number(7, a, style: percent) }
            b.put(8, r.explanation(of: ind, reviewKeys: reviewKeys) ?? unexplained)
            b.put(9, w.file)
            try unmet.commit(b)
          }
        }
      }
    }
    if row > 1 { unmet.autoFilter(CellRange(CellReference(row: 1, column: 1), CellReference(row: row, column: 9))) }
  }

  /// 檢核結果's rows: every finding of every input.
  func writeFindings(to checks: SheetFill, english: Bool) throws {
    let language = english ? "en" : "zh-TW"
    var row = 1
    for w in workbooks {
      for f in w.findings {
        row += 1
        var b = try checks.makeRow(row)
        b.put(1, w.file)
        b.put(2, w.report?.agency)
        b.put(3, Annotator.label(f.severity, english))
        b.put(4, f.code.rawValue)
        b.put(5, f.sheet)
        b.put(6, f.cell)
        b.put(7, f.indicator)
        b.put(8, f.message(in: language))
        try checks.commit(b)
      }
    }
    if row > 1 { checks.autoFilter(CellRange(CellReference(row: 1, column: 1), CellReference(row: row, column: 8))) }
  }

  /// Years as 總表 shows them: `110–113`, or nil for none.
  func yearSpan(_ y: [Int]) -> String? {
    guard let first = y.min(), let last = y.max() else { return nil }
    return first == last ? String(first) : "\(first)–\(last)"
  }

  /// A target per year as one text: `110: 5 場; 111: 6 場`.
  static func targetList(_ targets: [String: Quantity]) -> String {
    targets.keys.sorted().map { "\($0): \(targets[$0]?.text ?? "")" }.joined(separator: "; ")
  }

  func isUnmet(_ ind: Indicator) -> Bool { isMet(ind) == false }

  /// Whether a scored indicator's target is met, by its evaluation; nil for a bonus item or one in
  /// progress or not evaluable.
  func isMet(_ ind: Indicator) -> Bool? {
    guard ind.isBonus != true, let v = ind.evaluation?.verdict, v == .met || v == .unmet else { return nil }
    return v == .met
  }

  /// Writes the consolidated workbook to `path` (through a temporary file renamed into place).
  ///
  /// - Throws: ``XLSXError`` when it cannot be written.
  public func writeWorkbook(to path: String, english: Bool = false) throws {
    _ = try writeWorkbook(to: path, english: english, commit: true)
  }

  /// The consolidated workbook written, renamed into place when `commit`, else left for the caller
  /// to commit or discard (the returned writer).
  func writeWorkbook(to path: String, english: Bool, commit: Bool) throws -> WorkbookWriter {
    // Deflate level 1 from 1 MiB up (not 16): the consolidated workbook is a working file, and the
    // last parts' deflate is the tail of a merge (3% faster on the benchmark, 2% larger).
    var writeOptions = WriteOptions()
    writeOptions.largePartSize = 1 << 20
    let book = WorkbookWriter(path: path, options: writeOptions)
    let head = CellFormat(bold: true, fillColor: "D9E1F2", border: true)
    let percent = CellFormat(numberFormat: "0.00%")
    func t(_ zh: String, _ en: String) -> String { english ? en : zh }
    func text(_ s: String?) -> CellValue? { s.map { .string($0) } }
    func number(_ v: Double?) -> CellValue? { v.map { .number($0) } }
    func years(_ y: [Int]) -> CellValue? { yearSpan(y).map { .string($0) } }
    func table(_ name: String, _ header: [String], widths: [Double]) throws -> WorksheetWriter {
      let sheet = try book.addSheet(name)
      try sheet.writeRow(1, header.map { .string($0) }, format: head)
      for (i, w) in widths.enumerated() { sheet.setColumn(i + 1, width: w) }
      sheet.freezePanes(rows: 1)
      sheet.pageSetup.landscape = true
      sheet.pageSetup.fitToWidth = true
      sheet.pageSetup.repeatRows = 1...1
      return sheet
    }

    try writeSummaries(to: book, english: english)

    // 指標明細, 未達目標 and 檢核結果: thousands of rows, built cell by cell without boxing values.
    let detailHeader = [t("機關", "Agency"), t("年度", "Years"), t("類別", "Kind"), t("面向", "Facet"), t("目標", "Goal"),
                        t("指標", "Indicator"), t("指標（比對用）", "Indicator key"), t("權重", "Weight"), t("目標值", "Target"),
                        t("達成值", "Actual"), t("達成度", "Achievement"), t("達成", "Met"), t("檔案", "File"), t("工作表", "Sheet"),
                        t("列", "Row"), t("燈號", "Light")]
    let detail = try table(t("指標明細", "Indicators"), detailHeader, widths: [22, 10, 16, 12, 30, 34, 24, 8, 14, 14, 10, 6, 30, 10, 6, 8])
    let percentStyle = detail.style(percent)
    let unmetHeader = [t("機關", "Agency"), t("年度", "Years"), t("目標", "Goal"), t("指標", "Indicator"), t("目標值", "Target"),
                       t("達成值", "Actual"), t("達成度", "Achievement"), t("未達目標檢討", "Explanation"), t("檔案", "File")]
    let unmet = try table(t("未達目標", "Unmet"), unmetHeader, widths: [22, 10, 30, 34, 14, 14, 10, 60, 30])
    let findingHeader = [t("檔案", "File"), t("機關", "Agency"), t("嚴重度", "Severity"), t("代碼", "Code"), t("工作表", "Sheet"),
                         t("儲存格", "Cell"), t("指標", "Indicator"), t("說明", "Message")]
    let checks = try table(t("檢核結果", "Findings"), findingHeader, widths: [30, 22, 8, 24, 10, 8, 30, 90])
    // The three are filled side by side; the writer keeps their texts apart until they end.
    try book.fill([detail, unmet, checks]) { i, sheet in
      switch i {
      case 0: try self.writeDetail(to: sheet, percent: percentStyle, english: english)
      case 1: try self.writeUnmet(to: sheet, percent: percentStyle, english: english)
      default: try self.writeFindings(to: sheet, english: english)
      }
    }

    // 未納入檔案
    let left = excluded
    if !left.isEmpty {
      let sheet = try table(t("未納入檔案", "Not merged"), [t("檔案", "File"), t("代碼", "Code"), t("原因", "Reason")], widths: [40, 18, 80])
      for (i, w) in left.enumerated() {
        try sheet.writeRow(i + 2, [.string(w.file), text(w.exclusion?.code), text(w.exclusion?.message(english: english))])
      }
    }
    // 未繳交
    if roster != nil {
      let sheet = try table(t("未繳交", "Not submitted"), [t("機關", "Agency"), t("狀態", "Status"), t("檔案", "File"), t("說明", "Reason")],
                            widths: [28, 12, 40, 70])
      for (i, m) in missing.enumerated() {
        let status = m.file == nil ? t("未收到檔案", "nothing received") : t("檔案無法合併", "file not merged")
        try sheet.writeRow(i + 2, [.string(m.agency), .string(status), text(m.file), text(m.exclusion?.message(english: english))])
      }
    }
    try book.close(commit: commit)
    return book
  }

  /// The same content as JSON: files with their reports' summaries, every indicator row, every
  /// finding, and the files left out, laid out as JSONEncoder lays it out with `.prettyPrinted,
  /// .sortedKeys, .withoutEscapingSlashes` (``writeJSON(to:english:)`` writes the same bytes to a
  /// file without holding the whole document).
  public func jsonData(english: Bool = false) throws -> Data {
    var data = Data()
    try writeJSON(english: english) { data.append($0) }
    return data
  }

  /// Writes the document of ``jsonData(english:)`` to `sink`, one element at a time: memory stays
  /// flat however many indicators and findings there are (the whole document of the 500-workbook
  /// benchmark took 110 MB more).
  ///
  /// - Throws: ``XLSXError`` `io` when the sink cannot be written; encoding errors.
  public func writeJSON(to sink: ByteSink, english: Bool = false) throws {
    try writeJSON(english: english) { try sink.write($0) }
  }

  /// The document, handed to `out` piece by piece. Each element is laid out directly (`PrettyJSON`,
  /// which MergeJSONTests checks against JSONEncoder), not through JSONEncoder, which took half a
  /// second on the 500-workbook benchmark.
  func writeJSON(english: Bool, _ out: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
    func emit(_ s: String) throws {
      var s = s
      try s.withUTF8(out)
    }
    func emit(_ j: PrettyJSON) throws { try j.bytes.withUnsafeBufferPointer(out) }
    func array<T>(_ key: String, _ elements: some Sequence<T>, last: Bool = false,
                  _ write: (T, inout PrettyJSON) throws -> Void) throws {
      try emit("  \"\(key)\" : [\n")
      var any = false
      for e in elements {
        if any { try emit(",\n") }
        var j = PrettyJSON(depth: 2)
        try write(e, &j)
        try emit("    ")
        try emit(j)
        any = true
      }
      try emit(last ? "\n  ]\n" : "\n  ],\n")  // empty: 「[」, a blank line, 「]」, as JSONEncoder has it
    }
    let left = jsonLeft(english: english)
    var indicators = 0
    for w in included { indicators += w.report?.indicatorCount ?? 0 }
    var counts = PrettyJSON(depth: 1)
    counts.openObject()
    for (k, v) in jsonCounts(indicators: indicators, excluded: left.count).sorted(by: { $0.key < $1.key }) {
      counts.field(k, integer: v)
    }
    counts.closeObject()
    try emit("{\n  \"counts\" : ")
    try emit(counts)
    try emit(",\n")
    try array("excluded", left) { e, j in e.write(to: &j) }
    try array("findings", workbooks.lazy.flatMap { w in w.findings.lazy.map { self.jsonFinding(w, $0, english: english) } }) {
      try $0.write(to: &$1)
    }
    try array("indicators", included.lazy.flatMap { w in self.jsonRows(of: w) }) { try $0.write(to: &$1) }
    if roster != nil { try array("missing", jsonMissing(english: english)) { $0.write(to: &$1) } }
    try array("summary", summaries, last: true) { try $0.write(to: &$1) }
    try emit("}")
  }

  /// Writes the consolidated workbook to `path` and, when `json` is given, the JSON document
  /// (``writeJSON(to:english:)``, then a line break) to it at the same time, on another thread: the
  /// two outputs share nothing but this result. Neither replaces the file it names until both are
  /// written: a JSON that fails leaves the old workbook as well.
  ///
  /// - Throws: ``XLSXError`` from either output; the workbook's error first.
  public func write(workbook path: String, json: ByteSink?, english: Bool = false) throws {
    guard let json else { return try writeWorkbook(to: path, english: english) }
    let document = json.writeInBackground { sink in
      try self.writeJSON(to: sink, english: english)
      try sink.write(0x0A)
    }
    let book: WorkbookWriter
    do {
      book = try writeWorkbook(to: path, english: english, commit: false)
    } catch {
      _ = try? document.wait()
      throw error
    }
    // Both outputs are finished before either replaces what was there: a JSON that cannot be
    // written leaves the old workbook in place too.
    do {
      try document.wait()
      try json.commit()
    } catch {
      book.discard()
      throw error
    }
    try book.commit()
  }

  func jsonCounts(indicators: Int, excluded: Int) -> [String: Int] {
    ["inputs": workbooks.count, "merged": included.count, "excluded": excluded, "indicators": indicators]
  }

  func jsonRows(of w: MergedWorkbook) -> [JSONRow] {
    guard let r = w.report else { return [] }
    return r.allIndicators.map { facet, goal, ind in
      JSONRow(agency: r.agency, years: r.years, kind: r.kind.rawValue, facet: facet.name, goal: goal.name, indicator: ind.name,
              key: Validator.nameKey(ind.name), weight: ind.weight.map(jsonNumber), target: ind.target?.text,
              targets: ind.targets?.mapValues(\.text), actual: ind.actual?.text,
              achievement: (ind.computedAchievement ?? ind.achievement).map(jsonNumber),
              met: isMet(ind),
              light: ind.isBonus == true ? nil : ind.evaluation?.light?.rawValue,
              file: w.file, sheet: ind.source?.sheet, row: ind.source?.row)
    }
  }

  func jsonFinding(_ w: MergedWorkbook, _ f: Finding, english: Bool) -> JSONFinding {
    JSONFinding(file: w.file, code: f.code.rawValue, severity: f.severity.rawValue, sheet: f.sheet, cell: f.cell,
                indicator: f.indicator, message: f.message(in: english ? "en" : "zh-TW"), details: f.details)
  }

  func jsonMissing(english: Bool) -> [JSONMissing] {
    missing.map { JSONMissing(agency: $0.agency, file: $0.file, code: $0.exclusion?.code, reason: $0.exclusion?.message(english: english)) }
  }

  func jsonLeft(english: Bool) -> [JSONLeft] {
    excluded.map { JSONLeft(file: $0.file, code: $0.exclusion?.code ?? "unreadable", format: $0.exclusion?.format,
                           reason: $0.exclusion?.message(english: english) ?? "") }
  }
}

extension RowBuilder {
  /// A text cell; nothing for nil.
  mutating func put(_ column: Int, _ text: String?) {
    if let text { self.text(column, text) }
  }
}

/// One indicator row of the merge's JSON.
struct JSONRow: Encodable {
  var agency: String?
  var years: [Int]
  var kind: String
  var facet: String?
  var goal: String
  var indicator: String
  var key: String
  var weight: Double?
  var target: String?
  var targets: [String: String]?
  var actual: String?
  var achievement: Double?
  var met: Bool?
  /// 燈號: green, yellow, red, white.
  var light: String?
  var file: String
  var sheet: String?
  var row: Int?
}

/// One finding of the merge's JSON.
struct JSONFinding: Encodable {
  var file: String
  var code: String
  var severity: String
  var sheet: String?
  var cell: String?
  var indicator: String?
  var message: String
  var details: [String: FindingDetail]
}

/// A roster agency without a merged submission, in the merge's JSON.
struct JSONMissing: Encodable {
  var agency: String
  /// The file it seems to have sent, which could not be merged.
  var file: String?
  /// That file's ``Exclusion/code``.
  var code: String?
  var reason: String?
}

/// A file left out, in the merge's JSON.
struct JSONLeft: Encodable {
  var file: String
  /// ``Exclusion/code``.
  var code: String
  /// An unsupported spreadsheet's format.
  var format: String?
  var reason: String
}
