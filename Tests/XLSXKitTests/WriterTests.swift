// Tests of the writer through real clients: openpyxl describes what it sees, and the shared
// check (schemas, openpyxl, calamine, LibreOffice) must accept every file.

import Foundation
import TestSupport
import Testing
@testable import XLSXKit

/// Runs a command; returns its standard output, or records an issue when it fails.
func run(_ arguments: [String]) -> String? {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  p.arguments = arguments
  let out = Pipe()
  let err = Pipe()
  p.standardOutput = out
  p.standardError = err
  do {
    try p.run()
  } catch {
    Issue.record("cannot run \(arguments): \(error)")
    return nil
  }
  let data = out.fileHandleForReading.readDataToEndOfFile()
  let errors = err.fileHandleForReading.readDataToEndOfFile()
  p.waitUntilExit()
  guard p.terminationStatus == 0 else {
    Issue.record("\(arguments.joined(separator: " ")) failed: \(String(decoding: data + errors, as: UTF8.self))")
    return nil
  }
  return String(decoding: data, as: UTF8.self)
}

/// The shared real-client check of one written workbook (tests/helpers/check_written.py).
func checkWithRealClients(_ path: String) {
  let result = run(["python3", repositoryRoot + "/tests/helpers/check_written.py", path])
  #expect(result?.hasPrefix("ok") == true, "\(result ?? "")")
}

@Suite struct WriterTests {
  /// A report laid out like a government form, with every structural feature the writer has.
  func writeStyledReport(to path: String) throws {
    let book = WorkbookWriter(path: path)
    book.properties.title = "114 年度施政績效報告"
    let sheet = try book.addSheet("業務面")
    let title = CellFormat(bold: true, horizontal: .center, fontSize: 16)
    let header = CellFormat(bold: true, fillColor: "D9E1F2", border: true, horizontal: .center, vertical: .center, wrap: true)
    let body = CellFormat(border: true, vertical: .top, wrap: true)
    let percent = CellFormat(border: true, numberFormat: "0.00%")
    let roc = CellFormat(border: true, numberFormat: "[$-404]e/m/d")
    try sheet.write(1, 1, .string("新竹縣政府行政處 114 年度施政計畫績效報告"), format: title)
    sheet.merge(CellRange("A1:G1")!)
    let headers = ["關鍵策略目標", "績效指標", "原定目標值", "達成目標值", "權重", "達成度(%)", "評估體制"]
    for (i, h) in headers.enumerated() { try sheet.write(2, i + 1, .string(h), format: header) }
    let rows: [(String?, String, String, String, Double, Double)] = [
      ("1. 提升法規品質與法律素養", "(1)法規檢討比例", "100%", "100%", 0.05, 1),
      (nil, "(2)法規研習場次", "2 場次", "3 場次", 0.06, 1),
      ("2. 提升公務人員客語認證完成率", "客語認證完成率", "59.36%", "57.69%", 0.05, 0.9719),
    ]
    var r = 3
    for row in rows {
      try sheet.write(r, 1, row.0.map { .string($0) } ?? .empty, format: body)
      try sheet.write(r, 2, .string(row.1), format: body)
      try sheet.write(r, 3, .string(row.2), format: body)
      try sheet.write(r, 4, .string(row.3), format: body)
      try sheet.write(r, 5, .number(row.4), format: percent)
      try sheet.write(r, 6, .number(row.5), format: percent, formula: nil)
      try sheet.write(r, 7, .string("1"), format: body)
      r += 1
    }
    try sheet.write(6, 5, .number(0.16), format: percent, formula: "SUM(E3:E5)")
    try sheet.write(7, 1, .dateTime(ExcelDateTime(year: 2025, month: 4, day: 16)), format: roc)
    sheet.merge(CellRange("A3:A4")!)
    sheet.freezePanes(rows: 2)
    sheet.autoFilter(CellRange("A2:G5")!)
    sheet.addListValidation(CellRange("G3:G100")!, values: ["1", "2", "3", "4", "5"])
    let long = (1...40).map { "第\($0)類管考代碼說明文字" }
    sheet.addListValidation(CellRange("C3:C100")!, values: long)
    sheet.addConditionalFormat(CellRange("F3:F100")!, .cellIs(operator: "lessThan", formula: "1",
                                                               format: CellFormat(fillColor: "FFC7CE", fontColor: "9C0006")))
    sheet.pageSetup.landscape = true
    sheet.pageSetup.fitToWidth = true
    sheet.pageSetup.repeatRows = 1...2
    sheet.setColumn(2, width: 30)
    sheet.noteAuthor = "研考科"
    sheet.addNote("達成度 97.19%，未達目標，請填未達目標檢討。", at: CellReference(row: 5, column: 6))
    sheet.addNote("依 114 年度施政計畫", at: CellReference(row: 2, column: 3))
    sheet.addLink(at: CellReference(row: 7, column: 2), to: "'說明'!A1", tooltip: "評估體制代碼")
    book.defineName("權重合計", "'業務面'!$E$3:$E$5")
    let hidden = try book.addSheet("說明")
    hidden.isHidden = true
    try hidden.write(1, 1, .string("評估體制代碼"))
    try book.close()
  }

  @Test func styledReportIsSeenByOpenpyxlAsWritten() throws {
    let path = try temporaryPath("styled.xlsx")
    try writeStyledReport(to: path)
    checkWithRealClients(path)
    guard let json = run(["python3", repositoryRoot + "/tests/helpers/describe_workbook.py", path]),
      let obj = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
      let sheets = obj["sheets"] as? [String: [String: Any]], let s = sheets["業務面"]
    else {
      Issue.record("no description")
      return
    }
    #expect(s["merged"] as? [String] == ["A1:G1", "A3:A4"])
    #expect(s["freeze"] as? String == "A3")
    #expect(s["autoFilter"] as? String == "A2:G5")
    #expect(s["orientation"] as? String == "landscape")
    #expect(s["paperSize"] as? Int == 9)
    #expect(s["fitToWidth"] as? Int == 1)
    #expect(s["printTitleRows"] as? String == "$1:$2")
    #expect((s["comments"] as? [String: String]) == ["F5": "達成度 97.19%，未達目標，請填未達目標檢討。", "C2": "依 114 年度施政計畫"])
    // Links are described only for the first rows; B7 is past them, so look with openpyxl directly.
    let link = run(["python3", "-c", "import openpyxl,sys; c=openpyxl.load_workbook(sys.argv[1])['業務面']['B7']; print(c.hyperlink.location)", path])
    #expect(link?.trimmingCharacters(in: .whitespacesAndNewlines) == "'說明'!A1")
    let validations = s["validations"] as? [[String: Any]] ?? []
    #expect(validations.contains { $0["sqref"] as? String == "G3:G100" && $0["formula1"] as? String == "\"1,2,3,4,5\"" })
    #expect(validations.contains { $0["sqref"] as? String == "C3:C100" && ($0["formula1"] as? String)?.hasPrefix("'_lists'!$A$1:$A$40") == true })
    let conditional = s["conditional"] as? [[String: Any]] ?? []
    #expect(conditional.first?["sqref"] as? String == "F3:F100")
    let values = s["values"] as? [String: Any] ?? [:]
    #expect(values["A1"] as? String == "新竹縣政府行政處 114 年度施政計畫績效報告")
    #expect(values["F5"] as? Double == 0.9719)
    let formats = s["formats"] as? [String: String] ?? [:]
    #expect(formats["E3"] == "0.00%")
    #expect((s["bold"] as? [String])?.contains("A2") == true)
    #expect((s["wrap"] as? [String])?.contains("B3") == true)
    let widths = s["widths"] as? [String: Double] ?? [:]
    #expect(widths["B"] == 30)
    // A1 holds 23 wide characters and 10 narrow ones: auto-fit counts CJK as two.
    #expect((widths["A"] ?? 0) >= 40)
    #expect((sheets["說明"]?["state"] as? String) == "hidden")
    #expect((sheets["_lists"]?["state"] as? String) == "hidden")
    #expect((obj["definedNames"] as? [String])?.contains("權重合計") == true)
    // Our own reader agrees on the values and merges.
    let wb = try Workbook(path: path)
    let reader = try wb.reader(for: wb.sheets[0])
    let cells = try reader.readAll()
    #expect(cells.first { $0.reference.description == "A7" }?.value == .dateTime(ExcelDateTime(year: 2025, month: 4, day: 16)))
    #expect(cells.first { $0.reference.description == "A7" }?.format.isROC == true)
    #expect(cells.first { $0.reference.description == "E6" }?.formula == "SUM(E3:E5)")
    #expect(reader.mergedRanges.map(\.description) == ["A1:G1", "A3:A4"])
  }

  @Test func rowsMustComeInOrderAndNamesMustBeValid() throws {
    let book = WorkbookWriter(path: try temporaryPath("bad.xlsx"))
    let sheet = try book.addSheet("A")
    try sheet.write(5, 1, .number(1))
    #expect(throws: XLSXError.self) { try sheet.write(4, 1, .number(1)) }
    #expect(throws: XLSXError.self) { try book.addSheet("a") }
    #expect(throws: XLSXError.self) { try book.addSheet("x/y") }
    #expect(throws: XLSXError.self) { try book.addSheet(String(repeating: "長", count: 32)) }
  }

  @Test func writtenBytesAreReproducible() throws {
    let a = try temporaryPath("a.xlsx")
    let b = try temporaryPath("b.xlsx")
    try writeStyledReport(to: a)
    try writeStyledReport(to: b)
    #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)))
  }

  /// Parts of a megabyte or more are compressed side by side and copied in, and a sheet closed
  /// early is compressed in the background: the package must read back the same, list its parts in
  /// the usual order, and come out the same twice.
  @Test func largePartsCompressedInParallelReadBack() throws {
    func write(_ path: String) throws {
      let book = WorkbookWriter(path: path)
      for name in ["甲", "乙", "丙"] {
        let sheet = try book.addSheet(name)
        let percent = sheet.style(CellFormat(numberFormat: "0.00%"))
        for r in 1...30_000 {
          var row = try sheet.makeRow(r)
          row.text(1, "\(name) 第 \(r) 列：績效指標說明文字")
          row.number(2, Double(r) / 7, style: percent)
          row.text(3, "共同文字")
          try sheet.commit(row)
        }
        sheet.autoFilter(CellRange("A1:C30000")!)
        if name != "乙" {
          try sheet.close()
          #expect(throws: XLSXError.self) { try sheet.write(30_001, 1, .number(1)) }
          #expect(throws: XLSXError.self) { try sheet.makeRow(30_001) }
        }
      }
      try book.close()
    }
    let path = try temporaryPath("large.xlsx")
    let again = try temporaryPath("large-again.xlsx")
    try write(path)
    try write(again)
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(contentsOf: URL(fileURLWithPath: again)))
    let wb = try Workbook(path: path)
    #expect(wb.archive.entries.map(\.name).filter { $0.hasPrefix("xl/") && $0.hasSuffix(".xml") }.prefix(5)
      == ["xl/workbook.xml", "xl/styles.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"])
    for (i, name) in ["甲", "乙", "丙"].enumerated() {
      let cells = try wb.reader(for: wb.sheets[i]).readAll()
      #expect(cells.count == 90_000)
      #expect(cells.first { $0.reference == CellReference(row: 29_999, column: 1) }?.value == .string("\(name) 第 29999 列：績效指標說明文字"))
      #expect(cells.first { $0.reference == CellReference(row: 7, column: 2) }?.value == .number(1))
      #expect(cells.first { $0.reference == CellReference(row: 30_000, column: 3) }?.value == .string("共同文字"))
    }
    let names = String(decoding: try wb.archive.read(#require(wb.archive.entry(named: "xl/workbook.xml"))), as: UTF8.self)
    #expect(names.components(separatedBy: "_xlnm._FilterDatabase").count == 4)  // each sheet's filter, closed early or not
    checkWithRealClients(path)  // parts copied in compressed, as libzip stored them elsewhere
  }

  @Test func stringsRoundTripThroughTheWriter() throws {
    let path = try temporaryPath("strings.xlsx")
    let book = WorkbookWriter(path: path)
    let sheet = try book.addSheet("S")
    let samples = ["a&b<c>\"d\"", "  前後空白  ", "CR\r\nLF", "tab\t", "控制\u{1}字元", "_x0041_ 字面", String(repeating: "績", count: 32_767), "😀 emoji", ""]
    for (i, s) in samples.enumerated() { try sheet.write(i + 1, 1, .string(s)) }
    try book.close()
    let wb = try Workbook(path: path)
    let cells = try wb.reader(for: wb.sheets[0]).readAll()
    for (i, s) in samples.enumerated() where !s.isEmpty {
      #expect(cells.first { $0.reference.row == i + 1 }?.value == .string(s), "\(s.prefix(20))")
    }
    checkWithRealClients(path)
  }
}
