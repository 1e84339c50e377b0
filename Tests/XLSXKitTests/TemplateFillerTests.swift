// Tests of filling a template made in LibreOffice: what openpyxl sees afterwards, what moved, and
// that every part left alone is the same, byte for byte.

import Foundation
import TestSupport
import Testing
@testable import XLSXKit

@Suite struct TemplateFillerTests {
  let template = fixture("libreoffice_template.xlsx")
  let sheet = "績效報告"

  /// What openpyxl sees of `path`'s first sheet (tests/helpers/describe_workbook.py).
  func describe(_ path: String, rows: Int = 14) -> (sheet: [String: Any], names: [String: Any])? {
    guard let json = run(["python3", repositoryRoot + "/tests/helpers/describe_workbook.py", path, String(rows)]),
          let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
          let sheets = object["sheets"] as? [String: Any], let first = sheets[sheet] as? [String: Any],
          let names = object["definedNameValues"] as? [String: Any]
    else { return nil }
    return (first, names)
  }

  /// The inflated bytes of every entry.
  func entries(_ path: String) throws -> [String: [UInt8]] {
    let archive = try ZipArchive(path: path)
    var out: [String: [UInt8]] = [:]
    for e in archive.entries { out[e.name] = try archive.read(e) }
    return out
  }

  /// Three indicators in the template row and two copies of it, and a value below the table.
  func fill(to path: String) throws {
    let filler = try TemplateFiller(path: template)
    try filler.insertRows(after: 3, count: 2, sheet: sheet)
    let rows: [(String, String, Double, Double)] = [
      ("推動數位服務", "線上申辦比率", 0.85, 0.9), ("強化公共安全", "平均到場時間(分)", 6, 5.5),
      ("提升行政效率", "公文平均處理日數", 4, 4.8),
    ]
    for (i, r) in rows.enumerated() {
      let row = 3 + i
      try filler.set(.number(Double(i + 1)), at: CellReference(row: row, column: 1), sheet: sheet)
      try filler.set(.string(r.0), at: CellReference(row: row, column: 2), sheet: sheet)
      try filler.set(.string(r.1), at: CellReference(row: row, column: 3), sheet: sheet)
      try filler.set(.number(r.2), at: CellReference(row: row, column: 4), sheet: sheet)
      try filler.set(.number(r.3), at: CellReference(row: row, column: 5), sheet: sheet)
      try filler.set(.string("1"), at: CellReference(row: row, column: 7), sheet: sheet)
    }
    // Below the table, in a row the template does not have.
    try filler.set(.string("填表人：王小明"), at: CellReference(row: 14, column: 2), sheet: sheet)
    try filler.write(to: path)
  }

  @Test func filledTemplateKeepsItsDesignAndMovesWhatIsBelow() throws {
    let path = try temporaryPath("filled.xlsx")
    try fill(to: path)
    guard let (s, names) = describe(path) else { return }
    // The design is still there.
    #expect(s["freeze"] as? String == "A3")
    #expect(s["printTitleRows"] as? String == "$1:$2")
    let merged = Set(s["merged"] as? [String] ?? [])
    #expect(merged == ["A1:H1", "G2:H2", "G3:H3", "G4:H4", "G5:H5"])
    // The dropdown and the conditional format grew with the table (G3:G20 → G3:G22).
    let validations = s["validations"] as? [[String: Any]] ?? []
    #expect(validations.count == 1)
    #expect(validations.first?["sqref"] as? String == "G3:G22")
    #expect(validations.first?["formula1"] as? String == "\"1,2,3\"")
    let conditional = s["conditional"] as? [[String: Any]] ?? []
    #expect(conditional.count == 1)
    #expect(conditional.first?["sqref"] as? String == "F3:F22")
    // The note moved from B10 to B12 with its cell; the defined name grew.
    #expect((s["comments"] as? [String: String]) == ["B12": "由研考科彙整"])
    #expect(names["目標範圍"] as? String == "績效報告!$D$3:$D$22")
    // Values and formulas: the copies have the template row's formula moved down; the total row moved
    // from 4 to 6 and its range grew.
    let values = s["values"] as? [String: Any] ?? [:]
    #expect(values["B3"] as? String == "推動數位服務")
    #expect(values["C5"] as? String == "公文平均處理日數")
    #expect(values["D4"] as? Double == 6)
    #expect(values["E5"] as? Double == 4.8)
    #expect(values["F3"] as? String == "=IF(D3=0,\"\",E3/D3)")
    #expect(values["F4"] as? String == "=IF(D4=0,\"\",E4/D4)")
    #expect(values["F5"] as? String == "=IF(D5=0,\"\",E5/D5)")
    #expect(values["C6"] as? String == "合計")
    #expect(values["E6"] as? String == "=SUM(E2:E5)")
    #expect(values["B12"] as? String == "填表說明：達成度低於 100% 者請於未達目標檢討說明。")
    #expect(values["B14"] as? String == "填表人：王小明")
    #expect(values["C4"] == nil || values["C4"] as? String == "平均到場時間(分)")
    // Styles and heights of the template row went to the copies.
    let formats = s["formats"] as? [String: String] ?? [:]
    for row in 3...5 {
      #expect(formats["F\(row)"] == "0.00%")
      #expect(formats["D\(row)"] == "0.00")
    }
    let heights = s["heights"] as? [String: Double] ?? [:]
    #expect(heights["3"] == 30 && heights["4"] == 30 && heights["5"] == 30)
    #expect(Set(s["wrap"] as? [String] ?? []).isSuperset(of: ["A4", "B5", "C5"]))
  }

  @Test func untouchedPartsAreByteIdentical() throws {
    let path = try temporaryPath("filled.xlsx")
    try fill(to: path)
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

  @Test func filledTemplatePassesRealClients() throws {
    let path = try temporaryPath("filled.xlsx")
    try fill(to: path)
    checkWithRealClients(path)
  }

  @Test func onlyValuesLeavesRowsInPlace() throws {
    let path = try temporaryPath("values.xlsx")
    let filler = try TemplateFiller(path: template)
    try filler.set(.string("環境保護局"), at: CellReference(row: 3, column: 2), sheet: sheet)
    try filler.set(.empty, at: CellReference(row: 4, column: 3), sheet: sheet)  // clears 合計, keeps its style
    try filler.write(to: path)
    guard let (s, _) = describe(path) else { return }
    let values = s["values"] as? [String: Any] ?? [:]
    #expect(values["B3"] as? String == "環境保護局")
    #expect(values["C4"] == nil)
    #expect(values["E4"] as? String == "=SUM(E2:E3)")
    #expect(Set(s["bold"] as? [String] ?? []).contains("C4"))
    #expect((s["comments"] as? [String: String]) == ["B10": "由研考科彙整"])
    // Nothing moved, so the notes and their shapes are untouched.
    let before = try entries(template)
    let after = try entries(path)
    #expect(after["xl/comments1.xml"] == before["xl/comments1.xml"])
    #expect(after["xl/drawings/vmlDrawing1.vml"] == before["xl/drawings/vmlDrawing1.vml"])
  }

  /// Highlights, notes (beside the template's own) and an appended sheet of links.
  func annotate(to path: String) throws {
    let filler = try TemplateFiller(path: template)
    try filler.highlight(CellReference(row: 3, column: 4), sheet: sheet, color: "FFFFC7CE")  // D3, number format 0.00
    try filler.highlight(CellReference(row: 4, column: 3), sheet: sheet, color: "FFFFEB9C")  // C4, bold 合計
    try filler.highlight(CellReference(row: 30, column: 2), sheet: sheet, color: "FFFFEB9C")  // B30: no such cell yet
    try filler.addNote("目標值低於計畫", at: CellReference(row: 3, column: 4), sheet: sheet)
    try filler.addNote("不取代原有的註解", at: CellReference(row: 10, column: 2), sheet: sheet)
    try filler.addNote("說明頁的註解", at: CellReference(row: 1, column: 1), sheet: "說明")
    var list = AppendedSheet(name: "說明", rows: [[.string("儲存格"), .string("說明")], [.string("D3"), .string("目標值低於計畫")]])
    list.links = [(CellReference(row: 2, column: 1), "'績效報告'!D3")]
    list.fills = [CellReference(row: 2, column: 2): "FFFFC7CE"]
    list.frozenRows = 1
    list.autoFilter = true
    filler.append(list)
    try filler.write(to: path)
  }

  @Test func highlightsNotesAndAnAppendedSheet() throws {
    let path = try temporaryPath("annotated.xlsx")
    try annotate(to: path)
    checkWithRealClients(path)
    guard let json = run(["python3", repositoryRoot + "/tests/helpers/describe_workbook.py", path, "12"]),
          let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
          let sheets = object["sheets"] as? [String: [String: Any]]
    else {
      Issue.record("openpyxl could not describe the annotated copy")
      return
    }
    // The appended sheet's name was taken, so it is numbered; it comes last.
    #expect(sheets.keys.sorted() == ["績效報告", "說明", "說明 (2)"])
    let main = sheets["績效報告"] ?? [:]
    let fills = main["fills"] as? [String: String] ?? [:]
    #expect(fills["D3"] == "FFFFC7CE" && fills["C4"] == "FFFFEB9C" && fills["B30"] == "FFFFEB9C")
    #expect(fills["A2"] == "FFDDEBF7")  // the template's own header fill is kept
    // Filled cells keep their number format, font and value.
    #expect((main["formats"] as? [String: String])?["D3"] == "0.00")
    #expect(Set(main["bold"] as? [String] ?? []).contains("C4"))
    #expect((main["values"] as? [String: Any])?["C4"] as? String == "合計")
    // The new note joins the template's; B10 keeps its own.
    #expect((main["comments"] as? [String: String]) == ["B10": "由研考科彙整", "D3": "目標值低於計畫"])
    #expect((sheets["說明"]?["comments"] as? [String: String]) == ["A1": "說明頁的註解"])
    let added = sheets["說明 (2)"] ?? [:]
    #expect((added["links"] as? [String: String]) == ["A2": "'績效報告'!D3"])
    #expect((added["fills"] as? [String: String]) == ["B2": "FFFFC7CE"])
    #expect(added["freeze"] as? String == "A2" && added["autoFilter"] as? String == "A1:B2")
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
