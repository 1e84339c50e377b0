// The merge's JSON written one element at a time must be the document JSONEncoder writes whole,
// byte for byte: with files left out and without (an empty array has its own layout), in both
// languages.

import Foundation
import TestSupport
import Testing
import XLSXKit
@testable import IndicatorKit

/// The document as JSONEncoder writes it, whole: the layout the merge's own writer must match.
private func encodedWhole(_ result: MergeResult, english: Bool) throws -> Data {
  struct Document: Encodable {
    var summary: [MergeResult.Summary]
    var indicators: [JSONRow]
    var findings: [JSONFinding]
    var excluded: [JSONLeft]
    var missing: [JSONMissing]?
    var counts: [String: Int]
  }
  let rows = result.included.flatMap { result.jsonRows(of: $0) }
  let left = result.jsonLeft(english: english)
  let findings = result.workbooks.flatMap { w in w.findings.map { result.jsonFinding(w, $0, english: english) } }
  let doc = Document(summary: result.summaries, indicators: rows, findings: findings, excluded: left,
                     missing: result.roster == nil ? nil : result.jsonMissing(english: english), counts: result.jsonCounts(indicators: rows.count, excluded: left.count))
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
  return try encoder.encode(doc)
}

@Suite struct MergeJSONTests {
  func streamed(_ result: MergeResult, english: Bool) throws -> Data {
    let dir = try temporaryFolder("mergejson")
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("out.json").path
    let sink = try ByteSink(path: path)
    try result.writeJSON(to: sink, english: english)
    try sink.commit()
    return try Data(contentsOf: URL(fileURLWithPath: path))
  }

  @Test func streamedJSONIsTheWholeDocument() throws {
    // The seed workbooks as openpyxl wrote them (their LibreOffice re-saves would be duplicates).
    let seeds = try FileManager.default.contentsOfDirectory(atPath: seedFolder)
      .filter { $0.hasSuffix(".xlsx") && !$0.hasSuffix("_lo.xlsx") }.sorted().map { seedFolder + "/" + $0 }
    #expect(seeds.count >= 5)
    let dir = try temporaryFolder("mergejson-in")
    defer { try? FileManager.default.removeItem(at: dir) }
    let broken = dir.appendingPathComponent("壞檔.xlsx").path
    try Data("not a workbook".utf8).write(to: URL(fileURLWithPath: broken))

    let clean = Merger.merge(seeds)
    let withFailure = Merger.merge(seeds + [broken])
    #expect(clean.excluded.count == 0)
    #expect(withFailure.excluded.count == 1)
    #expect(clean.included.reduce(0) { $0 + ($1.report?.indicatorCount ?? 0) } > 50)
    for result in [clean, withFailure] {
      for english in [false, true] {
        let whole = try encodedWhole(result, english: english)
        #expect(try streamed(result, english: english) == whole)
        #expect(try result.jsonData(english: english) == whole)
        #expect(try JSONSerialization.jsonObject(with: whole) is [String: Any])
      }
    }
  }

  /// Texts and numbers at the edges of the layout: every control character, quotes, backslashes,
  /// slashes, non-BMP text, numbers written with exponents, negative zero, empty and full optional
  /// fields, per-year targets, details of every kind.
  @Test func layoutMatchesJSONEncoderAtTheEdges() throws {
    var odd = "q\"b\\s/"
    for v in 0..<0x20 { odd.unicodeScalars.append(Unicode.Scalar(UInt8(v))) }
    odd += "\u{7F}é😀\u{2028}"
    var plain = Indicator(name: "空")
    plain.source = SourceLocation(file: "a.xlsx")
    var full = Indicator(name: odd, label: "1.", weight: 1e-7)
    full.target = Quantity(text: odd)
    full.targets = ["99": Quantity(text: "3 場"), "110": Quantity(text: odd)]
    full.actual = Quantity(text: "-0")
    full.achievement = -0.0
    full.computedAchievement = 0.1 + 0.2
    full.source = SourceLocation(file: "b.xlsx", sheet: odd, row: 7)
    var bonus = Indicator(name: "加分", weight: 1e21)
    bonus.isBonus = true
    bonus.computedAchievement = 12_345_678_901_234_568
    var report = Report(kind: .midTermPlan, agency: odd, years: [], facets: [
      Facet(name: nil, goals: [Goal(name: odd, indicators: [plain, full, bonus])]),
      Facet(name: "空面", goals: []),
    ])
    report.statedScores = [StatedScore(name: "總分", value: 2.5e-7)]
    var finding = Finding(code: .unmetTarget, severity: .warning, message: odd, messageEN: "e\u{1}",
                          details: ["number": .number(-0.0), "text": .text(odd), "texts": .texts([]), "more": .texts([odd, ""]),
                                    "Z": .number(1e16), "_": .number(100)])
    finding.sheet = odd
    finding.cell = "A1"
    finding.indicator = odd
    let bare = Finding(code: .noTable, severity: .error, message: "", messageEN: "")
    var other = Report(kind: .annualPlan, years: [114])
    other.facets = []
    let result = MergeResult(workbooks: [
      MergedWorkbook(file: odd, report: report, findings: [finding, bare], headers: [:]),
      MergedWorkbook(file: "x/y.xlsx", report: nil, findings: [], exclusion: .unreadable(XLSXError(.invalidValue, odd, facts: XLSXError.Facts(value: odd))), headers: [:]),
      MergedWorkbook(file: "z.xlsx", report: other, findings: [], headers: [:]),
    ])
    for english in [false, true] {
      let whole = try encodedWhole(result, english: english)
      #expect(try result.jsonData(english: english) == whole)
      let mine = try streamed(result, english: english)
      #expect(mine == whole, "\(String(decoding: mine, as: UTF8.self))\n---\n\(String(decoding: whole, as: UTF8.self))")
    }
  }
}
