// Copies of the LibreOffice template fixture filled through the template filler, one function each:
// the Swift tests compare their parts with the template's and read them back, and
// tests/test_writer_samples.py has real clients open the same copies, written by writer-samples.

import XLSXKit

/// The template the filler samples start from (see Tests/Fixtures/README.md).
public let templateFixture = fixture("libreoffice_template.xlsx")

/// The template's table sheet.
public let templateSheet = "績效報告"

/// Three indicators in the template row and two copies of it inserted after row 3, and a value
/// below the table (B14, in a row the template does not have).
public func fillTemplate(to path: String) throws {
  let filler = try TemplateFiller(path: templateFixture)
  try filler.insertRows(after: 3, count: 2, sheet: templateSheet)
  let rows: [(String, String, Double, Double)] = [
    ("推動數位服務", "線上申辦比率", 0.85, 0.9), ("強化公共安全", "平均到場時間(分)", 6, 5.5),
    ("提升行政效率", "公文平均處理日數", 4, 4.8),
  ]
  for (i, r) in rows.enumerated() {
    let row = 3 + i
    try filler.set(.number(Double(i + 1)), at: CellReference(row: row, column: 1), sheet: templateSheet)
    try filler.set(.string(r.0), at: CellReference(row: row, column: 2), sheet: templateSheet)
    try filler.set(.string(r.1), at: CellReference(row: row, column: 3), sheet: templateSheet)
    try filler.set(.number(r.2), at: CellReference(row: row, column: 4), sheet: templateSheet)
    try filler.set(.number(r.3), at: CellReference(row: row, column: 5), sheet: templateSheet)
    try filler.set(.string("1"), at: CellReference(row: row, column: 7), sheet: templateSheet)
  }
  try filler.set(.string("填表人：王小明"), at: CellReference(row: 14, column: 2), sheet: templateSheet)
  try filler.write(to: path)
}

/// Values only, no rows inserted: B3 set, C4 (the total row's 合計) cleared.
public func fillTemplateValuesOnly(to path: String) throws {
  let filler = try TemplateFiller(path: templateFixture)
  try filler.set(.string("環境保護局"), at: CellReference(row: 3, column: 2), sheet: templateSheet)
  try filler.set(.empty, at: CellReference(row: 4, column: 3), sheet: templateSheet)  // clears 合計, keeps its style
  try filler.write(to: path)
}

/// Highlights (D3, C4, and B30 where there is no cell yet), notes beside the template's own (D3,
/// B10, and A1 of 說明), and an appended sheet of links, named 說明 too so that it is numbered.
public func annotateTemplate(to path: String) throws {
  let filler = try TemplateFiller(path: templateFixture)
  try filler.highlight(CellReference(row: 3, column: 4), sheet: templateSheet, color: "FFFFC7CE")  // D3, number format 0.00
  try filler.highlight(CellReference(row: 4, column: 3), sheet: templateSheet, color: "FFFFEB9C")  // C4, bold 合計
  try filler.highlight(CellReference(row: 30, column: 2), sheet: templateSheet, color: "FFFFEB9C")  // B30: no such cell yet
  try filler.addNote("目標值低於計畫", at: CellReference(row: 3, column: 4), sheet: templateSheet)
  try filler.addNote("不取代原有的註解", at: CellReference(row: 10, column: 2), sheet: templateSheet)
  try filler.addNote("說明頁的註解", at: CellReference(row: 1, column: 1), sheet: "說明")
  var list = AppendedSheet(name: "說明", rows: [[.string("儲存格"), .string("說明")], [.string("D3"), .string("目標值低於計畫")]])
  list.links = [(CellReference(row: 2, column: 1), "'績效報告'!D3")]
  list.fills = [CellReference(row: 2, column: 2): "FFFFC7CE"]
  list.frozenRows = 1
  list.autoFilter = true
  filler.append(list)
  try filler.write(to: path)
}
