// Tests of file names kept byte for byte: any bytes survive the round trip through a String, UTF-8
// names are untouched, and Big5 names are shown decoded.

import Testing
@testable import XLSXKit

@Suite struct FileNameTests {
  @Test func everyByteSequenceSurvivesTheRoundTrip() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<2_000 {
      let bytes = (0..<Int.random(in: 0...24, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
      #expect(FileName.bytes(FileName.string(fromBytes: bytes)) == bytes, "\(bytes)")
    }
    // Sequences near the edges: overlong, surrogates, beyond U+10FFFF, the escape range itself.
    for bytes: [UInt8] in [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBC, 0x81], [0xE4, 0xB8]] {
      #expect(FileName.bytes(FileName.string(fromBytes: bytes)) == bytes, "\(bytes)")
    }
  }

  @Test func utf8NamesAreThemselves() {
    for name in ["民政處114年度施政績效報告.xlsx", "a/b c.xlsx", "𠊎.csv", ""] {
      #expect(FileName.string(fromBytes: Array(name.utf8)) == name)
      #expect(FileName.display(name) == name)
    }
  }

  @Test func big5NamesAreShownDecoded() {
    // 民政處.xlsx in code page 950, inside a UTF-8 folder name.
    let big5: [UInt8] = [0xA5, 0xC1, 0xAC, 0x46, 0xB3, 0x42] + Array(".xlsx".utf8)
    let path = "收件/" + FileName.string(fromBytes: big5)
    #expect(FileName.display(path) == "收件/民政處.xlsx")
    #expect(FileName.display(FileName.string(fromBytes: [0xFF, 0x41])) == "\\xFFA")
  }
}
