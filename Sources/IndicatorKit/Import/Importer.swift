// Importer: reads a workbook laid out like the government tables — wherever the headers are, however
// the columns are named and ordered — into a Report, and says what it could not place. The work is
// done by ReportBuilder, sheet by sheet, with the recognisers of Recognisers/ (docs/TEMPLATES.md).

import Foundation
import XLSXKit

/// Reads plans and reports from workbooks.
public enum Importer {
  /// Imports the workbook at `path`: every worksheet is searched for tables.
  ///
  /// - Throws: ``XLSXError`` when the file cannot be read as a workbook.
  public static func importWorkbook(path: String, options: ImportOptions = ImportOptions()) throws -> ImportResult {
    let workbook = try Workbook(path: path, options: options.read)
    return try importWorkbook(workbook, name: (FileName.display(path) as NSString).lastPathComponent, options: options)
  }

  /// Imports an opened workbook (from a file or from memory, ``Workbook/init(data:label:options:)``);
  /// `name` is the file name the model's sources give.
  ///
  /// - Throws: ``XLSXError`` when a sheet cannot be read.
  public static func importWorkbook(_ workbook: Workbook, name: String, options: ImportOptions = ImportOptions()) throws
    -> ImportResult
  {
    var builder = ReportBuilder(file: name, options: options)
    for sheet in workbook.sheets where sheet.kind == .worksheet {
      // A hidden sheet is not read (often last year's copy or a lookup list, which would count
      // twice); one that holds an indicator table is said louder than one that does not.
      guard sheet.visibility == .visible else {
        let grid = try SheetGrid(workbook: workbook, sheet: sheet)
        if builder.hasHeader(grid) {
          builder.notes.append(ImportNote(
            code: .hiddenTable, sheet: sheet.name, row: nil, cell: nil,
            message: "sheet \"\(sheet.name)\" is hidden and holds a table of indicators, which was not read: unhide the sheet if it belongs to the report",
            messageZH: "隱藏工作表「\(sheet.name)」含有指標表格，未讀取；如屬本報告內容，請取消隱藏"))
        } else {
          builder.notes.append(ImportNote(
            code: .hiddenSheet, sheet: sheet.name, row: nil, cell: nil,
            message: "sheet \"\(sheet.name)\" is hidden and was not read",
            messageZH: "工作表「\(sheet.name)」為隱藏工作表，未讀取"))
        }
        continue
      }
      let grid = try SheetGrid(workbook: workbook, sheet: sheet)
      // A form's instructions (our blank forms' 填表說明, an office's own) are not the report's text.
      if isInstructions(sheet.name), !builder.hasHeader(grid) {
        builder.notes.append(ImportNote(
          code: .instructionsSheet, sheet: sheet.name, row: nil, cell: nil,
          message: "sheet \"\(sheet.name)\" holds the form's instructions and was not read",
          messageZH: "工作表「\(sheet.name)」為填表說明，未讀取"))
        continue
      }
      builder.read(grid)
      if let damage = grid.damage { builder.notes.append(damagedSheetNote(damage)) }
    }
    return builder.finish(properties: workbook.properties)
  }

  /// Whether a sheet's name says it holds a form's instructions: 填表說明, 填寫說明, 填報說明 (「說明」
  /// alone can be the report's own text).
  static func isInstructions(_ sheetName: String) -> Bool {
    let name = normalizedHeader(sheetName)
    return ["填表說明", "填寫說明", "填報說明", "填表須知"].contains { name.includes($0) }
  }

  /// The note on a sheet read only as far as its damage.
  static func damagedSheetNote(_ damage: SheetDamage) -> ImportNote {
    let e = damage.error
    let kept = damage.lastRowRead == 0 ? "nothing of it could be read" : "rows up to \(damage.lastRowRead) were read, the rest was not"
    let keptZH = damage.lastRowRead == 0 ? "整張工作表無法讀取" : "僅讀到第 \(damage.lastRowRead) 列，其後未讀取"
    let whereZH = [e.part.map { "組件 \($0)" }, e.line.map { "第 \($0) 行" }].compactMap { $0 }.joined(separator: "、")
    return ImportNote(
      code: .damagedSheet, sheet: damage.sheet, row: damage.lastRowRead + 1, cell: e.cell,
      message: "sheet \"\(damage.sheet)\" is damaged (\(e.description)): \(kept); save the workbook again from Excel or LibreOffice and resubmit it",
      messageZH: "工作表「\(damage.sheet)」已損壞（\(whereZH.isEmpty ? "" : whereZH + "：")\(e.chineseReason)），\(keptZH)；請以 Excel 或 LibreOffice 重新存檔後再送")
  }
}
