// Tests of the value layer: numbers, number formats, dates, cell references, formulas, escapes.

import Testing
@testable import XLSXKit

@Suite struct ValueTests {
  func parse(_ s: String) -> Double? {
    Array(s.utf8).withUnsafeBufferPointer { parseDouble($0) }
  }

  @Test func numbersParseExactlyLikeSwift() {
    var rng = SystemRandomNumberGenerator()
    var samples = ["0", "-0", "1", "0.1", "0.30000000000000004", "1e-10", "1.5E+20", "-12.5", "123456789012345",
                   "9007199254740993", "1e308", "4.9e-324", "2.2250738585072014e-308", "0.000001", " 7 "]
    for _ in 0..<2000 {
      let d = Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF)
      samples.append(d.description)
      samples.append(String(Double(Int64.random(in: -999_999_999...999_999_999)) / 1000))
    }
    for s in samples {
      let expected = Double(s.trimmingCharacters(in: " "))
      #expect(parse(s) == expected, "\(s)")
    }
    for bad in ["", "abc", "1.2.3", "--1", "1e", "0x10", "1,000"] {
      #expect(parse(bad) == nil, "\(bad)")
    }
  }

  @Test(arguments: [
    ("General", NumberFormat.Kind.general), ("0.00%", .percent), ("#,##0.00", .number), ("@", .text),
    ("yyyy-mm-dd", .date), ("[$-404]e/m/d", .date), ("m/d/yy h:mm", .dateTime), ("h:mm:ss", .time),
    ("mm:ss", .time), ("[h]:mm:ss", .duration), ("[mm]:ss", .duration), ("0.00E+00", .number),
    ("\"年\"0", .number), ("0\"天\"", .number), ("[Red]0.00;[Blue]-0.00", .number), ("mmm-yy", .date),
    ("上午/下午hh\"時\"mm\"分\"", .time), ("yyyy\"年\"m\"月\"d\"日\"", .date), ("h:mm AM/PM", .time),
    ("\"d\"0", .number), ("0%;-0%", .percent),
  ])
  func formatsAreClassified(code: String, kind: NumberFormat.Kind) {
    #expect(NumberFormat(id: 200, code: code).kind == kind, "\(code)")
  }

  @Test func builtInFormatsIncludingEastAsian() {
    #expect(NumberFormat.builtIn(9).kind == .percent)
    #expect(NumberFormat.builtIn(14).kind == .date)
    #expect(NumberFormat.builtIn(22).kind == .dateTime)
    #expect(NumberFormat.builtIn(46).kind == .duration)
    for id in [27, 28, 29, 30, 31, 36, 50, 51, 54, 57, 58] { #expect(NumberFormat.builtIn(id).kind == .date, "\(id)") }
    for id in [32, 33, 34, 35, 52, 53, 55, 56] { #expect(NumberFormat.builtIn(id).kind == .time, "\(id)") }
    #expect(NumberFormat.builtIn(27).isROC)
    #expect(NumberFormat(id: 164, code: "[$-404]e\"年\"m\"月\"d\"日\"").isROC)
    #expect(!NumberFormat.builtIn(14).isROC)
  }

  @Test func serialsBecomeDates() throws {
    func iso(_ s: Double, _ kind: ExcelDateTime.Kind = .date, _ d1904: Bool = false) -> String? {
      ExcelDateTime(serial: s, date1904: d1904, kind: kind)?.description
    }
    #expect(iso(1) == "1900-01-01")
    #expect(iso(59) == "1900-02-28")
    #expect(iso(60) == "1900-02-28")  // Lotus's 1900-02-29
    #expect(iso(61) == "1900-03-01")
    #expect(iso(45763) == "2025-04-16")
    #expect(iso(45763.5, .date) == "2025-04-16T12:00:00")
    #expect(iso(0.75, .time) == "18:00:00")
    #expect(iso(0.5, .date) == "12:00:00")  // below 1: a time of day, as calamine reads it
    #expect(iso(0, .date, true) == "1904-01-01")
    #expect(iso(1, .date, true) == "1904-01-02")
    #expect(iso(0.99999999999, .time) == "00:00:00")
    #expect(iso(0, .dateTime) == "00:00:00")
    #expect(iso(-1) == nil)
    #expect(iso(3e6) == nil)
  }

  @Test func serialRoundTrip() {
    for serial in stride(from: 1.0, through: 80_000, by: 97.25) {
      for d1904 in [false, true] {
        guard let d = ExcelDateTime(serial: serial, date1904: d1904, kind: .dateTime) else {
          Issue.record("no date for \(serial)")
          continue
        }
        #expect(abs(d.serial(date1904: d1904) - serial) < 1e-9, "\(serial) \(d1904)")
      }
    }
    #expect(ExcelDateTime.parseISO("2025-04-16T13:05:07.250Z")?.description == "2025-04-16T13:05:07.250")
    #expect(ExcelDateTime.parseISO("2025-13-01") == nil)
  }

  @Test func cellReferences() {
    #expect(CellReference("A1") == CellReference(row: 1, column: 1))
    #expect(CellReference("$XFD$1048576") == CellReference(row: 1_048_576, column: 16_384))
    #expect(CellReference("XFE1") == nil)
    #expect(CellReference("A1048577") == nil)
    #expect(CellReference("A0") == nil)
    #expect(CellReference("1A") == nil)
    #expect(CellReference(row: 3, column: 28).description == "AB3")
    #expect(CellRange("C2:A1")?.description == "A1:C2")
    for col in [1, 26, 27, 52, 702, 703, 16_384] {
      #expect(CellReference(CellReference.columnName(col) + "1")?.column == col)
    }
    // Every column of the grid and rows of every length, against the letters counted out one by one.
    var letters: [UInt8] = [0x40]
    for col in 1...16_384 {
      var k = letters.count - 1
      while k >= 0 && letters[k] == 0x5A {
        letters[k] = 0x41
        k -= 1
      }
      if k < 0 { letters.insert(0x41, at: 0) } else { letters[k] += 1 }
      let name = String(decoding: letters, as: UTF8.self)
      if CellReference.columnName(col) != name { Issue.record("column \(col): \(CellReference.columnName(col)), not \(name)") }
      let row = [1, 9, 10, 99, 100, 65_536, 1_048_576][col % 7]
      if CellReference(row: row, column: col).description != name + String(row) {
        Issue.record("\(row), \(col): \(CellReference(row: row, column: col).description)")
      }
    }
    #expect(CellReference.columnName(18_279) == "AAAA")
    #expect(CellReference.columnName(0) == "")
  }

  @Test func relationshipKindIsTheLastSegment() {
    for type in ["http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
                 "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument", "a/b/", "a//b", "///", "", "plain", "/x", "關係/種類"] {
      let r = Relationship(id: "rId1", type: type, target: "t", isExternal: false, partName: nil)
      #expect(r.kind == (type.split(separator: "/").last.map(String.init) ?? type), "\(type)")
    }
  }

  @Test func sharedFormulasShift() {
    #expect(FormulaShifter.shift("A1+B1*2", rows: 3, columns: 0) == "A4+B4*2")
    #expect(FormulaShifter.shift("$A$1+A$1+$A1", rows: 2, columns: 1) == "$A$1+B$1+$A3")
    #expect(FormulaShifter.shift("SUM(A1:B2)&\"A1\"", rows: 1, columns: 1) == "SUM(B2:C3)&\"A1\"")
    #expect(FormulaShifter.shift("'Sheet A1'!A1+LOG10(A1)", rows: 1, columns: 0) == "'Sheet A1'!A2+LOG10(A2)")
    #expect(FormulaShifter.shift("A1", rows: -1, columns: 0) == "#REF!")
  }

  @Test func excelEscapes() {
    func decode(_ s: String) -> String {
      var b = Array(s.utf8)
      decodeExcelEscapes(&b, from: 0)
      return String(decoding: b, as: UTF8.self)
    }
    #expect(decode("a_x000D__x000A_b") == "a\r\nb")
    #expect(decode("_x005F_x0041_") == "_x0041_")
    #expect(decode("_xD83D__xDE00_") == "😀")
    #expect(decode("_x00G1_ plain") == "_x00G1_ plain")
  }
}
