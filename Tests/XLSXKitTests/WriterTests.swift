// Tests of the writer, read back with our own reader. The same sample workbooks (Tests/TestSupport)
// are opened by real clients — the schemas, openpyxl, python-calamine, LibreOffice — in
// tests/test_writer_samples.py.

import Foundation
import TestSupport
import Testing
@testable import XLSXKit

@Suite struct WriterTests {
  @Test func styledReportReadsBackAsWritten() throws {
    let path = try temporaryPath("styled.xlsx")
    try writeStyledReport(to: path)
    let wb = try Workbook(path: path)
    #expect(wb.sheets.map(\.name) == ["業務面", "說明", "_lists"])
    #expect(wb.sheets.map(\.visibility) == [.visible, .hidden, .hidden])
    #expect(wb.definedNames.contains { $0.name == "權重合計" && $0.formula == "'業務面'!$E$3:$E$5" })
    let reader = try wb.reader(for: wb.sheets[0])
    let cells = try reader.readAll()
    func cell(_ ref: String) -> Cell? { cells.first { $0.reference.description == ref } }
    #expect(cell("A1")?.value == .string("新竹縣政府行政處 114 年度施政計畫績效報告"))
    #expect(cell("F5")?.value == .number(0.9719))
    #expect(cell("E3")?.format.code == "0.00%")
    #expect(cell("A7")?.value == .dateTime(ExcelDateTime(year: 2025, month: 4, day: 16)))
    #expect(cell("A7")?.format.isROC == true)
    #expect(cell("E6")?.formula == "SUM(E3:E5)")
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
      var closedEarly = 0
      try writeLargeWorkbook(to: path) { sheet in
        closedEarly += 1
        #expect(throws: XLSXError.self) { try sheet.write(30_001, 1, .number(1)) }
        #expect(throws: XLSXError.self) { try sheet.makeRow(30_001) }
      }
      #expect(closedEarly == 2)  // 甲 and 丙
    }
    let path = try temporaryPath("large.xlsx")
    let again = try temporaryPath("large-again.xlsx")
    try write(path)
    try write(again)
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(contentsOf: URL(fileURLWithPath: again)))
    let wb = try Workbook(path: path)
    #expect(wb.archive.entries.map(\.name).filter { $0.hasPrefix("xl/") && $0.hasSuffix(".xml") }.prefix(5)
      == ["xl/workbook.xml", "xl/styles.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"])
    #expect(wb.sheets.map(\.name) == largeWorkbookSheets)
    for (i, name) in largeWorkbookSheets.enumerated() {
      let cells = try wb.reader(for: wb.sheets[i]).readAll()
      #expect(cells.count == 90_000)
      #expect(cells.first { $0.reference == CellReference(row: 29_999, column: 1) }?.value == .string("\(name) 第 29999 列：績效指標說明文字"))
      #expect(cells.first { $0.reference == CellReference(row: 7, column: 2) }?.value == .number(1))
      #expect(cells.first { $0.reference == CellReference(row: 30_000, column: 3) }?.value == .string("共同文字"))
    }
    let names = String(decoding: try wb.archive.read(#require(wb.archive.entry(named: "xl/workbook.xml"))), as: UTF8.self)
    #expect(names.components(separatedBy: "_xlnm._FilterDatabase").count == 4)  // each sheet's filter, closed early or not
  }

  /// A protected sheet names what stays allowed, and only cells of an unlocked format carry
  /// `locked="0"`; the reader sees the values as written.
  @Test func protectedSheetKeepsUnlockedCellsOpen() throws {
    let path = try temporaryPath("protected.xlsx")
    let book = WorkbookWriter(path: path)
    let sheet = try book.addSheet("表")
    sheet.protection = SheetProtection()
    var open = CellFormat(border: true)
    open.unlocked = true
    try sheet.write(1, 1, .string("標題"), format: CellFormat(bold: true))
    try sheet.write(2, 1, .string("填寫處"), format: open)
    try book.close()
    let wb = try Workbook(path: path)
    func part(_ name: String) throws -> String {
      String(decoding: try wb.archive.read(#require(wb.archive.entry(named: name))), as: UTF8.self)
    }
    let xml = try part("xl/worksheets/sheet1.xml")
    #expect(xml.contains("</sheetData><sheetProtection sheet=\"1\" objects=\"1\" scenarios=\"1\" formatCells=\"0\" formatColumns=\"0\" formatRows=\"0\" insertRows=\"0\" deleteRows=\"0\" sort=\"0\" autoFilter=\"0\"/>"))
    let styles = try part("xl/styles.xml")
    #expect(styles.components(separatedBy: "<protection locked=\"0\"/>").count == 2)  // the one open format
    let cells = try wb.reader(for: wb.sheets[0]).readAll()
    #expect(cells.map(\.value) == [.string("標題"), .string("填寫處")])
  }

  /// A custom row height is marked so (applications keep it); a fitted one is not (applications
  /// fit the row again as text is typed into it); a height on a row with no cell still writes it.
  @Test func rowHeightsAreCustomOrFitted() throws {
    let path = try temporaryPath("heights.xlsx")
    let book = WorkbookWriter(path: path)
    let sheet = try book.addSheet("表")
    sheet.setRowHeight(1, 24)
    sheet.setRowHeight(2, 30, custom: false)
    sheet.setRowHeight(3, 40.5, custom: false)
    try sheet.write(1, 1, .string("標題"))
    try sheet.write(2, 1, .empty, format: CellFormat(wrap: true))
    try sheet.write(4, 1, .string("下"))
    try book.close()
    let wb = try Workbook(path: path)
    let xml = String(decoding: try wb.archive.read(#require(wb.archive.entry(named: "xl/worksheets/sheet1.xml"))), as: UTF8.self)
    let rows = xml.matches(of: /<row [^>]*>/).map { String($0.output) }
    #expect(rows == ["<row r=\"1\" ht=\"24\" customHeight=\"1\">", "<row r=\"2\" ht=\"30\">", "<row r=\"3\" ht=\"40.5\">", "<row r=\"4\">"])
  }

  @Test func stringsRoundTripThroughTheWriter() throws {
    let path = try temporaryPath("strings.xlsx")
    try writeStringsWorkbook(to: path)
    let wb = try Workbook(path: path)
    let cells = try wb.reader(for: wb.sheets[0]).readAll()
    for (i, s) in stringSamples.enumerated() where !s.isEmpty {
      #expect(cells.first { $0.reference.row == i + 1 }?.value == .string(s), "\(s.prefix(20))")
    }
  }
}
