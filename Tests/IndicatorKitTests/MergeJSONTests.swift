// The merge's JSON written one element at a time must be the document JSONEncoder writes whole,
// byte for byte: with files left out and without (an empty array has its own layout), in both
// languages.

import Foundation
import Testing
import XLSXKit
@testable import IndicatorKit

@Suite struct MergeJSONTests {
  func streamed(_ result: MergeResult, english: Bool) throws -> Data {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-mergejson-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("out.json").path
    let sink = try ByteSink(path: path)
    try result.writeJSON(to: sink, english: english)
    try sink.commit()
    return try Data(contentsOf: URL(fileURLWithPath: path))
  }

  @Test func streamedJSONIsTheWholeDocument() throws {
    // The seed workbooks as openpyxl wrote them (their LibreOffice re-saves would be duplicates).
    let seeds = try FileManager.default.contentsOfDirectory(atPath: seedFolder)
      .filter { $0.hasSuffix(".xlsx") && !$0.hasSuffix("_lo.xlsx") }.sorted().map { seedFolder + "/" + $0 }
    #expect(seeds.count >= 5)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-mergejson-in-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let broken = dir.appendingPathComponent("壞檔.xlsx").path
    try Data("not a workbook".utf8).write(to: URL(fileURLWithPath: broken))

    let clean = Merger.merge(seeds)
    let withFailure = Merger.merge(seeds + [broken])
    #expect(clean.excluded.count == 0)
    #expect(withFailure.excluded.count == 1)
    #expect(clean.included.reduce(0) { $0 + ($1.report?.indicatorCount ?? 0) } > 50)
    for result in [clean, withFailure] {
      for english in [false, true] {
        let whole = try result.jsonData(english: english)
        #expect(try streamed(result, english: english) == whole)
        #expect(try JSONSerialization.jsonObject(with: whole) is [String: Any])
      }
    }
  }
}
