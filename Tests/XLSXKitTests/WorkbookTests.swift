// Tests of the workbook API on the committed fixtures: structure, values, errors and limits.
#if canImport(Glibc)
import Glibc
#endif

import TestSupport
import Testing
@testable import XLSXKit

@Suite struct WorkbookTests {
  @Test func structureOfAnXlsxwriterWorkbook() throws {
    let wb = try Workbook(path: fixture("xlsxwriter_types.xlsx"))
    #expect(wb.sheets.map(\.name) == ["業務面", "共同面", "hidden", "圖表"])
    #expect(wb.sheets[2].visibility == .hidden)
    #expect(wb.sheets[3].kind == .chartsheet)
    #expect(!wb.date1904)
    #expect(wb.definedNames.contains(where: { $0.name == "區域" && $0.localSheet == 0 }))
    #expect(wb.properties.title == "績效報告")
    let r = try wb.reader(for: wb.sheets[0])
    let cells = try r.readAll()
    #expect(r.mergedRanges.map(\.description) == ["A12:C12", "A13:A15"])
    let byRef = Dictionary(uniqueKeysWithValues: cells.map { ($0.reference.description, $0) })
    #expect(byRef["C2"]?.value == .number(0.87))
    #expect(byRef["C2"]?.format.kind == .percent)
    #expect(byRef["E6"]?.value.typeName == "date")
    #expect(byRef["E6"]?.format.isROC == true)
    #expect(byRef["C8"]?.value == .error("#DIV/0!"))
    #expect(byRef["A8"]?.formula == "SUM(A7:B7)")
  }

  @Test func inMemoryEqualsOnDisk() throws {
    let path = fixture("libreoffice_from_xlsxwriter.xlsx")
    let bytes = try readFile(path)
    let a = try Workbook(path: path)
    let b = try Workbook(data: bytes, label: "memory")
    for s in a.sheets where s.kind == .worksheet {
      #expect(try a.reader(for: s).readAll() == b.reader(for: s).readAll(), "\(s.name)")
    }
  }

  /// The fast path and the general path agree: each sheet read with bytes dribbled a few at a time
  /// (so cells keep straddling the window's edge) gives the same cells as a normal read.
  @Test(arguments: ["xlsxwriter_types.xlsx", "openpyxl_types.xlsx", "quirk_prefixed.xlsx", "quirk_no_refs.xlsx",
                    "quirk_shared_formula.xlsx", "libreoffice_from_openpyxl.xlsx", "xlsxwriter_constant_memory.xlsx"])
  func dribbledReadsMatch(name: String) throws {
    let wb = try Workbook(path: fixture(name))
    for s in wb.sheets where s.kind == .worksheet {
      let normal = try wb.reader(for: s).readAll()
      guard let e = wb.archive.entry(named: s.partName) else {
        Issue.record("no part")
        continue
      }
      let bytes = try wb.archive.read(e)
      let parser = XMLPullParser(source: DribbleSource(bytes: bytes), part: e.name)
      let dribbled = try SheetReader(parser: parser, sheet: s, workbook: wb, sharedStrings: wb.sharedStrings()).readAll()
      #expect(normal == dribbled, "\(name) \(s.name)")
      #expect(!normal.isEmpty)
    }
  }

  @Test(arguments: [
    ("bad_legacy.xlsx", XLSXError.Code.legacyXLS), ("bad_encrypted.xlsx", .encrypted), ("bad_ods.xlsx", .openDocument),
    ("bad_docx.xlsx", .notWorkbook), ("bad_text.xlsx", .notZip), ("bad_truncated.xlsx", .corruptZip),
    ("bad_no_content_types.xlsx", .notWorkbook), ("bad_empty.xlsx", .notZip),
  ])
  func unreadableFilesAreRefusedOnOpen(name: String, code: XLSXError.Code) {
    do {
      _ = try Workbook(path: fixture(name))
      Issue.record("\(name) opened")
    } catch let e as XLSXError {
      #expect(e.code == code, "\(e)")
      #expect(e.file == fixture(name))
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func entryLimitIsEnforced() {
    var options = ReadOptions()
    options.zip.maxEntries = 5
    #expect(throws: XLSXError.self) { try Workbook(path: fixture("xlsxwriter_types.xlsx"), options: options) }
  }

  @Test func prefetchedAndDirectReadsAgree() throws {
    let wb = try Workbook(path: fixture("xlsxwriter_types.xlsx"))
    guard let e = wb.archive.entry(named: "xl/worksheets/sheet2.xml") else {
      Issue.record("no part")
      return
    }
    let direct = try wb.archive.read(e)
    let source = PrefetchingSource(try wb.archive.open(e), chunkSize: 100, slots: 2)
    var out: [UInt8] = []
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: 37, alignment: 8)
    defer { buffer.deallocate() }
    while true {
      let n = try source.read(into: buffer, count: 37)
      if n == 0 { break }
      out.append(contentsOf: UnsafeRawBufferPointer(start: buffer, count: n))
    }
    #expect(out == direct)
  }
}

func readFile(_ path: String) throws -> [UInt8] {
  let archive = try ZipArchive(path: path)
  _ = archive
  // Read the raw file bytes through the C library.
  guard let f = fopen(path, "rb") else { throw XLSXError(.io, "cannot open", file: path) }
  defer { fclose(f) }
  var out: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 65536)
  while true {
    let n = fread(&chunk, 1, chunk.count, f)
    if n == 0 { break }
    out.append(contentsOf: chunk[0..<n])
  }
  return out
}
