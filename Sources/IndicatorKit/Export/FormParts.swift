// FormParts: what every form we send out for filling has besides its indicator table — the review
// of unmet targets on its sheet, the signature block, the 填表說明 sheet and the open (unlocked)
// cell format — written the same way in a blank form (BlankForm.swift) and in a pre-filled one
// (Exporter.writeForm).

import XLSXKit

/// The parts of a form to fill.
enum FormParts {
  /// The roles of the signature block, two a row.
  static let signatureRoles = ["填表人", "聯絡電話", "單位主管", "機關首長"]

  /// The review of unmet targets on a sheet of its own, named by its `title` (a printed page of it
  /// is headed by its own header, not by the indicator table's): the title, the header (repeated
  /// on every page), the reviews already given and `blankRows` open rows whose height grows as a
  /// reason is typed; protected as the form is, A4 landscape.
  static func writeReview(_ title: String, columns: [ColumnSpec], reviews: [UnmetReview], blankRows: Int,
                          in book: WorkbookWriter) throws {
    let s = try TableSheet.add(title, columns: columns, to: book)
    s.protection = SheetProtection()
    for r in 0..<(reviews.count + blankRows) {
      let review = r < reviews.count ? reviews[r] : nil
      try TableSheet.writeRow(3 + r, of: s, columns: columns, format: openBody, minimumHeight: 33) { review?.cell($0) ?? .empty }
    }
  }

  /// The signature block at `row`: each role with its colon and the cell open for the name after
  /// it, or the lines already signed (「承辦人：林小姐」) open for correction; returns the row after it.
  static func writeSignatures(_ signed: [Signature], on s: WorksheetWriter, at row: Int) throws -> Int {
    if !signed.isEmpty {
      for (i, line) in signed.enumerated() {
        try s.write(row + i, 1, .string(line.role + "：" + line.value), format: CellFormat.input(CellFormat()))
      }
      return row + signed.count
    }
    for (i, role) in signatureRoles.enumerated() {
      try s.write(row + i / 2, 1 + (i % 2) * 3, .string(role + "："), format: CellFormat.input(CellFormat()))
    }
    return row + (signatureRoles.count + 1) / 2
  }

  /// 填表說明: how to fill the form, one point a row. `prefilled` for a form that already holds a
  /// plan's indicators.
  static func writeInstructions(_ book: WorkbookWriter, kind: ReportKind, spec: TemplateSpec, years: [Int],
                                prefilled: Bool) throws {
    let s = try book.addSheet("填表說明")
    s.setColumn(1, width: 100)
    s.autoFitColumns = false
    s.pageSetup.a4 = true
    var points: [String] = []
    if prefilled {
      points.append("本表已由計畫預填目標、指標、權重與目標值（已鎖定）；請填寫達成目標值、達成情形等空白欄位。第 1 列的機關名稱與年度如有不符請修正。")
    } else {
      points.append("第 1 列請改為機關名稱與年度，例如「新竹縣政府民政處 \(years.first.map { String($0 - 1) } ?? "114") 年度\(spec.title)」。")
      points.append("每列填一項指標；同一目標的指標可合併目標儲存格，或在每列重填目標。")
      points.append("權重請填百分比（例如 20%），同一面向（或全部）權重合計應為 100%。")
    }
    points.append("列數不足時請在表格最後一列之上插入列（工作表已保護，但可插入、刪除列及調整格式，不需密碼），合計才會包含新列；新列的達成度與項目權分公式可由上一列複製。")
    points.append("目標值與達成值請填數字與單位（例如「12 場」「95%」）；時程請填日期（例如「114年6月30日前」）。")
    if kind.hasActuals {
      points.append("目標值與達成值皆為數字（例如 95%、12）且衡量方向已選定時，達成度、項目權分與合計會自動計算；其他情形（帶單位、日期、階段）請自行填寫達成度，或留空由 jixiao 檢核時計算。未達目標者，請於「\(spec.reviewTitle ?? "未達目標檢討")」寫明原因與改善措施。")
    }
    if !years.isEmpty && !prefilled { points.append("年度績效目標值下方的年度可改為本計畫的年度。") }
    points.append("評估體制、評估方式、管考代碼、衡量方向等欄位請由下拉選單選取。")
    points.append("填畢後請以「jixiao validate 檔名.xlsx」檢核，依提示修正後再送出。")
    let numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
    let lines = ["\(spec.title)填表說明"] + points.enumerated().map { numerals[min($0.offset, 11)] + "、" + $0.element }
    for (i, line) in lines.enumerated() {
      try s.write(i + 1, 1, .string(line), format: i == 0 ? FormStyle.heading : CellFormat(wrap: true))
    }
  }

  /// A form's columns as placed on its sheet: each template column, its first sheet column and how
  /// many it spans (the years of 年度績效目標值).
  typealias Placed = [(spec: ColumnSpec, start: Int, span: Int)]

  /// The reference of the column of `field` on `rows` (「E5」, or 「E5:E16」 for several), when the
  /// form has one.
  static func reference(of field: ColumnField, _ rows: ClosedRange<Int>, in placed: Placed) -> String? {
    placed.first { $0.spec.field == field }.map {
      rows.count == 1 ? CellReference(row: rows.lowerBound, column: $0.start).description
        : CellRange(CellReference(row: rows.lowerBound, column: $0.start), CellReference(row: rows.upperBound, column: $0.start)).description
    }
  }

  /// The format of a cell a clerk fills: a body cell left editable on the protected sheet.
  static let openBody = CellFormat.input(FormStyle.body)
}

extension CellFormat {
  /// `format`, left editable on a protected sheet.
  static func input(_ format: CellFormat) -> CellFormat {
    var f = format
    f.unlocked = true
    return f
  }

  /// This format, locked on a protected sheet (a total a clerk does not type).
  var locked: CellFormat {
    var f = self
    f.unlocked = false
    return f
  }
}
