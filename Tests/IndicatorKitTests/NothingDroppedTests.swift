// Nothing a person typed is lost without a word: for every workbook the importer is tested on, each
// non-empty cell of each visible sheet — read here with the plain reader, not the importer's grid —
// either lands in the model (its reference in a source, its text in the model's JSON), is the frame
// of a table (a header, a total word, a caption), or is named in a note with its cell.

import Foundation
import TestSupport
import Testing
import XLSXKit
@testable import IndicatorKit

/// Every workbook that import is tested on: the seeds, the clerk corpus, our examples and forms.
let importedWorkbooks: [String] = {
  var paths: [String] = []
  for folder in ["Tests/Fixtures/seeds", "Tests/Fixtures/clerk", "Examples", "Templates"] {
    let dir = repositoryRoot + "/" + folder
    for name in ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted() where name.hasSuffix(".xlsx") {
      paths.append(folder + "/" + name)
    }
  }
  return paths
}()

/// All the text a model holds, for looking a cell's text up in it.
func modelText(_ report: Report) throws -> String {
  String(decoding: try report.jsonData(pretty: false), as: UTF8.self)
}

/// The cell references every source location of the model names, by sheet.
func sourceCells(_ r: Report) -> Set<String> {
  var out: Set<String> = []
  func add(_ s: IndicatorKit.SourceLocation?) {
    guard let s, let sheet = s.sheet else { return }
    for ref in (s.cells ?? [:]).values { out.insert(sheet + "!" + ref) }
  }
  for f in r.facets {
    add(f.source)
    for g in f.goals {
      add(g.source)
      for i in g.indicators { add(i.source) }
    }
  }
  for x in r.reviews ?? [] { add(x.source) }
  for x in r.statedScores ?? [] { add(x.source) }
  for x in r.signatures ?? [] { add(x.source) }
  for x in r.budgetItems ?? [] { add(x.source) }
  return out
}

@Suite struct NothingDroppedTests {
  @Test func thereAreWorkbooksToWalk() { #expect(importedWorkbooks.count >= 70) }

  @Test(arguments: importedWorkbooks)
  func everyCellIsPlacedOrNamed(_ file: String) throws {
    let path = repositoryRoot + "/" + file
    let result = try Importer.importWorkbook(path: path)
    let json = try modelText(result.report)
    let sources = sourceCells(result.report)
    let noted = Set(result.notes.compactMap { n in n.cell.map { (n.sheet ?? "") + "!" + $0 } })
    let hidden = Set(result.notes.filter { [.hiddenSheet, .hiddenTable, .instructionsSheet].contains($0.code) }.compactMap(\.sheet))  // sheets not read, each with its note
    let words = HeaderWords.builtIn
    let totals = TotalRow(words: TemplateSpec.totals)
    let captions = TableCaption(template: nil)
    let workbook = try Workbook(path: path)
    var lost: [String] = []
    for sheet in workbook.sheets where sheet.kind == .worksheet && !hidden.contains(sheet.name) {
      let reader = try workbook.reader(for: sheet)
      var cells: [(ref: CellReference, text: String)] = []
      while let row = try reader.nextRow() {
        for raw in row.cells {
          let cell = reader.cell(raw)
          let text = SheetGrid.display(cell).trimmingCharacters(in: .whitespacesAndNewlines)
          if !text.isEmpty { cells.append((cell.reference, text)) }
        }
      }
      let covered = Set(reader.mergedRanges.flatMap { m in
        (m.first.row...m.last.row).flatMap { r in (m.first.column...m.last.column).map { CellReference(row: r, column: $0) } }
          .filter { $0 != m.first }
      })
      // Our forms' 「計算總分 · 等第」 over their values: the evaluation's result, recomputed on import.
      var computed = Set<CellReference>()
      for (ref, text) in cells where text == TemplateSpec.computedScoreHeader {
        for (dr, dc) in [(0, 0), (0, 1), (1, 0), (1, 1)] { computed.insert(CellReference(row: ref.row + dr, column: ref.column + dc)) }
      }
      for (ref, text) in cells where !covered.contains(ref) && !computed.contains(ref) {
        let key = sheet.name + "!" + ref.description
        if noted.contains(key) || sources.contains(key) { continue }
        let lines = text.split(whereSeparator: \.isNewline).map { String($0).trimmingCharacters(in: .whitespaces) }
        let inModel = lines.allSatisfy { line in line.isEmpty || holds(json, line) }
        // The frame of a table or document: headers (a quarter's too), total words, captions, score
        // headings, an empty 「註：」, the title again (on a continued sheet, or the one our exports write).
        let frame = words.name(of: text) != nil || SubHeader.field(text) != nil || SubHeader.units.contains(normalizedHeader(text))
          || totals.match(text) != nil || captions.match(text) != nil || text.hasSuffix("分數") || text.hasSuffix("總分")
          || ScorePartHeading.match(text) != nil || NoteLine.match(text)?.isEmpty == true || QuarterWords.names(text)
          || [Light.green, .yellow, .red, .white].map(\.name).contains(text)  // our forms' 燈號, recomputed on import
          || TitleLine.match(text).map { $0.years == result.report.years } == true
        if !inModel && !frame { lost.append("\(key) 「\(text.prefix(30))」") }
      }
    }
    #expect(lost.isEmpty, "\(file): \(lost.count) cells neither in the model nor in a note: \(lost.prefix(8))")
  }
}

/// Whether the model's JSON holds a line of a cell: as written, without its label, as a note or
/// legend's body, as a title-block value, or as the number it shows (「8,434」, 「40%」).
func holds(_ json: String, _ line: String) -> Bool {
  if json.contains(jsonEscaped(line)) || json.contains(jsonEscaped(LabeledName(line).name)) { return true }
  let unmarked = String(line.drop { "＊*※".contains($0) })
  if json.contains(jsonEscaped(unmarked)) { return true }
  if let body = NoteLine.match(line), json.contains(jsonEscaped(body)) { return true }
  if let meta = MetadataLine.match(line), json.contains(jsonEscaped(meta.value)) { return true }
  for n in [ImportValues.number(line), line.hasSuffix("%") ? ImportValues.fraction(line) : nil].compactMap({ $0 }) {
    if let data = try? JSONEncoder().encode(n), json.contains(String(decoding: data, as: UTF8.self)) { return true }
  }
  return false
}

/// `s` as JSONEncoder writes it inside a string (without the quotes).
func jsonEscaped(_ s: String) -> String {
  guard let data = try? JSONEncoder().encode(s) else { return s }
  var t = String(decoding: data, as: UTF8.self)
  t = t.replacingOccurrences(of: "\\/", with: "/")
  return String(t.dropFirst().dropLast())
}
