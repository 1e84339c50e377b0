// Tests of filling a template made in LibreOffice: what our reader sees afterwards, what moved, and
// that every part left alone is the same, byte for byte. What openpyxl sees of the same copies
// (Tests/TestSupport/FillerSamples.swift), and the real clients' checks of them, are in
// tests/test_writer_samples.py.

import Foundation
import TestSupport
import Testing
@testable import XLSXKit

@Suite struct TemplateFillerTests {
  let template = templateFixture
  let sheet = templateSheet

  /// Every cell of `sheet` in the workbook at `path`, by reference (`B3`), and its merged ranges.
  func read(_ path: String, sheet name: String) throws -> (cells: [String: Cell], merged: [String]) {
    let wb = try Workbook(path: path)
    let reader = try wb.reader(for: #require(wb.sheet(named: name)))
    let cells = try reader.readAll()
    return (Dictionary(cells.map { ($0.reference.description, $0) }, uniquingKeysWith: { a, _ in a }),
            reader.mergedRanges.map(\.description))
  }

  /// The template sheet's part of the workbook at `path`, as text.
  func sheetXML(_ path: String) throws -> String {
    let archive = try ZipArchive(path: path)
    return String(decoding: try archive.read(#require(archive.entry(named: "xl/worksheets/sheet1.xml"))), as: UTF8.self)
  }

  /// The style index the part gives cell `ref` (`<c r="D3" s="12"`), for cells the reader skips
  /// because they hold no value.
  func styleIndex(_ ref: String, in part: String) -> Int? {
    guard let start = part.range(of: "<c r=\"\(ref)\" s=\"") else { return nil }
    return Int(part[start.upperBound...].prefix { $0.isNumber })
  }

  /// The inflated bytes of every entry.
  func entries(_ path: String) throws -> [String: [UInt8]] {
    let archive = try ZipArchive(path: path)
    var out: [String: [UInt8]] = [:]
    for e in archive.entries { out[e.name] = try archive.read(e) }
    return out
  }

  @Test func filledTemplateReadsBackWithWhatIsBelowMoved() throws {
    let path = try temporaryPath("filled.xlsx")
    try fillTemplate(to: path)
    let (cells, merged) = try read(path, sheet: sheet)
    #expect(Set(merged) == ["A1:H1", "G2:H2", "G3:H3", "G4:H4", "G5:H5"])
    // Values and formulas: the copies have the template row's formula moved down; the total row moved
    // from 4 to 6 and its range grew; the text below the table moved from B10 to B12.
    #expect(cells["B3"]?.value == .string("推動數位服務"))
    #expect(cells["C5"]?.value == .string("公文平均處理日數"))
    #expect(cells["D4"]?.value == .number(6))
    #expect(cells["E5"]?.value == .number(4.8))
    #expect(cells["F3"]?.formula == "IF(D3=0,\"\",E3/D3)")
    #expect(cells["F3"]?.format.code == "0.00%")
    for row in 3...5 { #expect(cells["D\(row)"]?.format.code == "0.00") }
    // The copies' formulas have no cached value, so the reader gives no cell for them: look in the part.
    let part = try sheetXML(path)
    let styles = try Workbook(path: path).styles
    for row in 4...5 {
      #expect(part.contains(">IF(D\(row)=0,\"\",E\(row)/D\(row))</f>"), "F\(row)")
      #expect(styleIndex("F\(row)", in: part).map { styles.format($0).code } == "0.00%")
    }
    #expect(cells["C6"]?.value == .string("合計"))
    #expect(cells["E6"]?.formula == "SUM(E2:E5)")
    #expect(cells["B12"]?.value == .string("填表說明：達成度低於 100% 者請於未達目標檢討說明。"))
    #expect(cells["B14"]?.value == .string("填表人：王小明"))
    // The defined name over the table grew with it.
    let names = try Workbook(path: path).definedNames
    #expect(names.first { $0.name == "目標範圍" }?.formula == "績效報告!$D$3:$D$22")
  }

  @Test func untouchedPartsAreByteIdentical() throws {
    let path = try temporaryPath("filled.xlsx")
    try fillTemplate(to: path)
    let before = try entries(template)
    let after = try entries(path)
    #expect(Set(before.keys) == Set(after.keys))
    // The sheet, the parts that point into its moved rows, and the workbook's calcPr change.
    let changed: Set<String> = ["xl/worksheets/sheet1.xml", "xl/comments1.xml", "xl/drawings/vmlDrawing1.vml",
                                "xl/workbook.xml"]
    for (name, bytes) in before where !changed.contains(name) {
      #expect(after[name] == bytes, "\(name) changed")
    }
    for name in changed { #expect(after[name] != before[name], "\(name) did not change") }
    // Untouched entries are copied compressed as they were, not inflated and deflated again.
    let a = try ZipArchive(path: template)
    let b = try ZipArchive(path: path)
    for e in a.entries where !changed.contains(e.name) {
      #expect(b.entry(named: e.name)?.compressedSize == e.compressedSize, "\(e.name) recompressed")
    }
    // The workbook part asks for recalculation and keeps the rest of its bytes.
    let workbook = String(decoding: after["xl/workbook.xml"] ?? [], as: UTF8.self)
    #expect(workbook.contains("fullCalcOnLoad=\"1\""))
    let original = String(decoding: before["xl/workbook.xml"] ?? [], as: UTF8.self)
    #expect(workbook.replacingOccurrences(of: " fullCalcOnLoad=\"1\"", with: "")
      .replacingOccurrences(of: "$D$22", with: "$D$20") == original.replacingOccurrences(of: " fullCalcOnLoad=\"1\"", with: ""))
  }

  @Test func onlyValuesLeavesRowsInPlace() throws {
    let path = try temporaryPath("values.xlsx")
    try fillTemplateValuesOnly(to: path)
    let (cells, merged) = try read(path, sheet: sheet)
    #expect(cells["B3"]?.value == .string("環境保護局"))
    #expect((cells["C4"]?.value ?? .empty) == .empty)
    #expect(cells["E4"]?.formula == "SUM(E2:E3)")
    #expect(cells["B10"]?.value == .string("填表說明：達成度低於 100% 者請於未達目標檢討說明。"))
    #expect(Set(merged) == ["A1:H1", "G2:H2", "G3:H3"])
    // Nothing moved, so the notes and their shapes are untouched.
    let before = try entries(template)
    let after = try entries(path)
    #expect(after["xl/comments1.xml"] == before["xl/comments1.xml"])
    #expect(after["xl/drawings/vmlDrawing1.vml"] == before["xl/drawings/vmlDrawing1.vml"])
  }

  @Test func highlightsNotesAndAnAppendedSheet() throws {
    let path = try temporaryPath("annotated.xlsx")
    try annotateTemplate(to: path)
    // The appended sheet's name was taken, so it is numbered; it comes last.
    #expect(try Workbook(path: path).sheets.map(\.name) == ["績效報告", "說明", "說明 (2)"])
    // Filled cells keep their number format and value.
    let (cells, _) = try read(path, sheet: sheet)
    let styles = try Workbook(path: path).styles
    #expect(try styleIndex("D3", in: sheetXML(path)).map { styles.format($0).code } == "0.00")  // no value: look in the part
    #expect(cells["C4"]?.value == .string("合計"))
    let (added, _) = try read(path, sheet: "說明 (2)")
    #expect(added["A1"]?.value == .string("儲存格") && added["B2"]?.value == .string("目標值低於計畫"))
    // Parts not involved are the same bytes.
    let before = try entries(template)
    let after = try entries(path)
    let involved: Set<String> = ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/comments1.xml",
                                 "xl/drawings/vmlDrawing1.vml", "xl/styles.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                 "[Content_Types].xml", "xl/worksheets/_rels/sheet2.xml.rels"]
    for (name, bytes) in before where !involved.contains(name) { #expect(after[name] == bytes, "\(name) changed") }
    #expect(throws: XLSXError.self) {
      try TemplateFiller(path: template).highlight(CellReference(row: 1, column: 1), sheet: sheet, color: "red")
    }
  }

  @Test func refusesToOverwriteTheTemplateAndNamesMissingSheets() throws {
    let copy = try temporaryPath("template.xlsx")
    try FileManager.default.copyItem(atPath: template, toPath: copy)
    let filler = try TemplateFiller(path: copy)
    #expect(throws: XLSXError.self) { try filler.write(to: copy) }
    #expect(throws: XLSXError.self) { try filler.set(.number(1), at: CellReference(row: 1, column: 1), sheet: "無此工作表") }
    #expect(throws: XLSXError.self) { try filler.insertRows(after: 0, count: 1, sheet: sheet) }
  }

  @Test func rowMovesFollowExcelRules() {
    var shift = RowShift()
    shift.insert(after: 3, count: 2)
    shift.insert(after: 10, count: 1)
    #expect(shift.map(3) == 3)
    #expect(shift.map(4) == 6)
    #expect(shift.map(11) == 14)
    // Ranges ending on a template row grow over its copies; a single reference to it stays.
    #expect(shift.mapList("A1:B3 C4 D2:D12 G3") == "A1:B5 C6 D2:D15 G3:G5")
    #expect(shift.mapCell("C3") == "C3")
    #expect(shift.mapFormula("SUM(E2:E3)+E3+E4+$E$11+'績效報告'!A5+Other!A5+3:4", sheet: "績效報告", ownSheet: true)
      == "SUM(E2:E5)+E3+E6+$E$14+'績效報告'!A7+Other!A5+3:6")
    #expect(shift.mapFormula("工作表2!B4+B4", sheet: "工作表2", ownSheet: false) == "工作表2!B6+B4")
  }
}
