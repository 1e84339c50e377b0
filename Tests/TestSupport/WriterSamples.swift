// Workbooks written through the library's writer, one function each: the Swift tests read them back
// with our own reader, and tests/test_writer_samples.py has real clients open the same workbooks,
// written by the writer-samples binary.

import XLSXKit

/// A sample that cannot be built as written (a range the code spells wrongly).
public struct SampleError: Error, CustomStringConvertible {
  /// What went wrong.
  public let description: String
}

/// The range `text` (such as `A1:G1`), or an error naming it.
func cellRange(_ text: String) throws -> CellRange {
  guard let range = CellRange(text) else { throw SampleError(description: "not a range: \(text)") }
  return range
}

/// A report laid out like a government form, with every structural feature the writer has: a
/// merged title, styled headers, percent and ROC date formats, a formula, merged goal cells, frozen
/// panes, a filter, a short and a long (40-item) dropdown list, a conditional format, landscape A4
/// fitted to the width with print titles, a column width, notes, a link to a hidden sheet and a
/// defined name.
public func writeStyledReport(to path: String) throws {
  let book = WorkbookWriter(path: path)
  book.properties.title = "114 年度施政績效報告"
  let sheet = try book.addSheet("業務面")
  let title = CellFormat(bold: true, horizontal: .center, fontSize: 16)
  let header = CellFormat(bold: true, fillColor: "D9E1F2", border: true, horizontal: .center, vertical: .center, wrap: true)
  let body = CellFormat(border: true, vertical: .top, wrap: true)
  let percent = CellFormat(border: true, numberFormat: "0.00%")
  let roc = CellFormat(border: true, numberFormat: "[$-404]e/m/d")
  try sheet.write(1, 1, .string("新竹縣政府行政處 114 年度施政計畫績效報告"), format: title)
  sheet.merge(try cellRange("A1:G1"))
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
  sheet.merge(try cellRange("A3:A4"))
  sheet.freezePanes(rows: 2)
  sheet.autoFilter(try cellRange("A2:G5"))
  sheet.addListValidation(try cellRange("G3:G100"), values: ["1", "2", "3", "4", "5"])
  let long = (1...40).map { "第\($0)類管考代碼說明文字" }
  sheet.addListValidation(try cellRange("C3:C100"), values: long)
  sheet.addConditionalFormat(try cellRange("F3:F100"), .cellIs(operator: "lessThan", formula: "1",
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

/// The sheets of the large workbook, 30,000 rows of three columns each.
public let largeWorkbookSheets = ["甲", "乙", "丙"]

/// A workbook whose sheets are parts of a megabyte or more, so that they are compressed side by
/// side and copied into the package; 甲 and 丙 are closed early (compressed in the background while
/// the next sheet is written), 乙 only when the workbook closes. `afterEarlyClose` is given each
/// sheet just after it is closed early.
public func writeLargeWorkbook(to path: String, afterEarlyClose: (WorksheetWriter) -> Void = { _ in }) throws {
  let book = WorkbookWriter(path: path)
  for name in largeWorkbookSheets {
    let sheet = try book.addSheet(name)
    let percent = sheet.style(CellFormat(numberFormat: "0.00%"))
    for r in 1...30_000 {
      var row = try sheet.makeRow(r)
      row.text(1, "\(name) 第 \(r) 列：績效指標說明文字")
      row.number(2, Double(r) / 7, style: percent)
      row.text(3, "共同文字")
      try sheet.commit(row)
    }
    sheet.autoFilter(try cellRange("A1:C30000"))
    if name != "乙" {
      try sheet.close()
      afterEarlyClose(sheet)
    }
  }
  try book.close()
}

/// The texts of the strings workbook, one a row in column A of sheet S: markup characters, white
/// space at the edges, line breaks, a tab, a control character, a literal `_x0041_`, the longest
/// text a cell holds, an emoji, and an empty string.
public let stringSamples = ["a&b<c>\"d\"", "  前後空白  ", "CR\r\nLF", "tab\t", "控制\u{1}字元", "_x0041_ 字面",
                            String(repeating: "績", count: 32_767), "😀 emoji", ""]

/// A workbook of `stringSamples`.
public func writeStringsWorkbook(to path: String) throws {
  let book = WorkbookWriter(path: path)
  let sheet = try book.addSheet("S")
  for (i, s) in stringSamples.enumerated() { try sheet.write(i + 1, 1, .string(s)) }
  try book.close()
}

/// The sheets of the side-by-side sample, in order.
public let sideBySideSheets = ["總表", "明細", "文字"]

/// The texts and numbers of row `r` (from 2) of side-by-side sheet `sheet`: what the sample puts
/// in columns A, B and C. 總表 and 明細 share the agency names; 明細's first column is a new text each
/// row, so that it passes the few megabytes after which a sheet's rows go to a temporary file;
/// 文字 holds the hard strings and texts of the other two.
public func sideBySideRow(_ sheet: Int, _ r: Int) -> (String, Double?, String?) {
  let agency = "新竹縣政府第 \(r % 40) 處"
  switch sheet {
  case 0: return (agency, Double(r) / 4, "共同文字")
  case 1: return ("明細第 \(r) 列：推動社區營造與公共參與的績效指標說明", Double(r), agency)
  default: return (stringSamples[r % stringSamples.count], nil, r % 3 == 0 ? "共同文字" : agency)
  }
}

/// The rows in each side-by-side sheet, below its header.
public let sideBySideRows = [2_000, 60_000, 3_000]

/// A workbook of three sheets filled by ``WorkbookWriter/fill(_:sideBySide:_:)``: each with a header
/// row written before (left unfinished until the fill starts), then ``sideBySideRows`` rows of
/// ``sideBySideRow(_:_:)`` and a filter. `sideBySide` false fills them one after another;
/// `options` sets the shared-string limit. `failing` makes the fill of that sheet throw at its
/// hundredth row.
public func writeSideBySideWorkbook(to path: String, sideBySide: Bool = true, options: WriteOptions = WriteOptions(),
                                    failing: Int? = nil) throws {
  let book = WorkbookWriter(path: path, options: options)
  var sheets: [WorksheetWriter] = []
  for name in sideBySideSheets {
    let sheet = try book.addSheet(name)
    try sheet.writeRow(1, [.string("名稱"), .string("數值"), .string("備註")], format: CellFormat(bold: true))
    sheets.append(sheet)
  }
  let percent = sheets[0].style(CellFormat(numberFormat: "0.00%"))
  try book.fill(sheets, sideBySide: sideBySide) { i, sheet in
    let last = sideBySideRows[i] + 1
    for r in 2...last {
      if r == 100 && i == failing { throw SampleError(description: "fill of \(sheet.name) failed on purpose") }
      let (a, b, c) = sideBySideRow(i, r)
      var row = try sheet.makeRow(r)
      row.text(1, a)
      if let b { row.number(2, b, style: i == 0 ? percent : .general) }
      if let c { row.text(3, c) }
      try sheet.commit(row)
    }
    sheet.autoFilter(try cellRange("A1:C\(last)"))
  }
  try book.close()
}
