// Sheets filled side by side (WorkbookWriter.fill): the same bytes as filled one after another, every
// value read back as put in, and errors and misuse reported, not crashed on. The same sample is
// opened by real clients in tests/test_writer_samples.py.

import Foundation
import TestSupport
import Testing
@testable import XLSXKit

@Suite struct SheetFillTests {
  /// Every cell of the side-by-side sample `path`, by sheet, checked against what was put in.
  func expectAsPutIn(_ path: String) throws {
    let wb = try Workbook(path: path)
    #expect(wb.sheets.map(\.name) == sideBySideSheets)
    for (i, info) in wb.sheets.enumerated() {
      let cells = try wb.reader(for: info).readAll()
      var byRow: [Int: [Int: CellValue]] = [:]
      for c in cells { byRow[c.reference.row, default: [:]][c.reference.column] = c.value }
      #expect(byRow[1] == [1: .string("名稱"), 2: .string("數值"), 3: .string("備註")])
      #expect(byRow.count == sideBySideRows[i] + 1)
      var wrong = 0
      for r in 2...(sideBySideRows[i] + 1) {
        let (a, b, c) = sideBySideRow(i, r)
        var want: [Int: CellValue] = [1: .string(a)]
        if let b { want[2] = .number(b) }
        if let c { want[3] = .string(c) }
        if byRow[r] != want { wrong += 1 }
      }
      #expect(wrong == 0, "\(info.name): \(wrong) rows not as put in")
    }
  }

  /// The text of a part of the package at `path`.
  func part(_ name: String, of path: String) throws -> String {
    let wb = try Workbook(path: path)
    return String(decoding: try wb.archive.read(#require(wb.archive.entry(named: name))), as: UTF8.self)
  }

  @Test func sideBySideWritesTheBytesOfOneAfterAnother() throws {
    let together = try temporaryPath("together.xlsx")
    let inTurn = try temporaryPath("in-turn.xlsx")
    try writeSideBySideWorkbook(to: together)
    try writeSideBySideWorkbook(to: inTurn, sideBySide: false)
    #expect(try Data(contentsOf: URL(fileURLWithPath: together)) == Data(contentsOf: URL(fileURLWithPath: inTurn)))
    try expectAsPutIn(together)
  }

  @Test func everyTextIsSharedAndCountedOnce() throws {
    let path = try temporaryPath("shared.xlsx")
    try writeSideBySideWorkbook(to: path)
    var distinct = Set<String>(["名稱", "數值", "備註"])
    var textCells = 9  // the headers
    for (i, rows) in sideBySideRows.enumerated() {
      for r in 2...(rows + 1) {
        let (a, _, c) = sideBySideRow(i, r)
        distinct.insert(a)
        textCells += 1
        if let c {
          distinct.insert(c)
          textCells += 1
        }
      }
    }
    let sst = try part("xl/sharedStrings.xml", of: path)
    #expect(sst.contains("count=\"\(textCells)\" uniqueCount=\"\(distinct.count)\""))
    for i in 1...3 {
      #expect(!(try part("xl/worksheets/sheet\(i).xml", of: path)).contains("inlineStr"), "sheet\(i)")
    }
  }

  /// With a table too small for every text, the texts that do not fit are written inline: the
  /// values stay as put in (which ones are inline may differ from a fill one after another).
  @Test func aFullTableWritesTheRestInline() throws {
    var options = WriteOptions()
    options.maxSharedStringBytes = 50_000
    let path = try temporaryPath("full.xlsx")
    try writeSideBySideWorkbook(to: path, options: options)
    try expectAsPutIn(path)
    #expect(try part("xl/worksheets/sheet2.xml", of: path).contains("inlineStr"))
    #expect(try part("xl/worksheets/sheet3.xml", of: path).contains("t=\"s\""))
  }

  @Test func anErrorInAnySheetIsThrownAfterEveryFillEnds() throws {
    for failing in 0..<3 {
      let path = try temporaryPath("failing-\(failing).xlsx")
      #expect(throws: SampleError.self) { try writeSideBySideWorkbook(to: path, failing: failing) }
      #expect(!FileManager.default.fileExists(atPath: path))
    }
  }

  @Test func sheetsOfAnotherWorkbookOrGivenTwiceAreRefused() throws {
    let book = WorkbookWriter(path: try temporaryPath("a.xlsx"))
    let other = WorkbookWriter(path: try temporaryPath("b.xlsx"))
    let a = try book.addSheet("A")
    let b = try other.addSheet("B")
    #expect(throws: XLSXError.self) { try book.fill([a, b]) { _, _ in } }
    #expect(throws: XLSXError.self) { try book.fill([a, a]) { _, _ in } }
    try book.fill([a]) { _, sheet in
      var row = try sheet.makeRow(1)
      row.text(1, "一")
      try sheet.commit(row)
    }
    #expect(throws: XLSXError.self) { try book.fill([a]) { _, _ in } }  // ended by the first fill
    try book.close()
  }
}
