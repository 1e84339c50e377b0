// The hand-written scans that replaced regular expressions (and printf) on the importer's hot path
// must find exactly what those find: checked on the seed documents' values and on generated text
// made of the characters the expressions care about.

import Foundation
import Testing
@testable import IndicatorKit

/// Texts built from digits, separators, brackets, CJK numerals, spaces of several kinds and words.
private func generated(_ count: Int, seed: UInt64) -> [String] {
  let pieces = ["0", "1", "5", "9", "12", "123", "1234", ",", ",000", ".", "．", "、", "-", "(", ")", "（", "）", " ", "\u{3000}",
                "\t", "一", "十", "百", "二十", "%", "場次", "年", "月", "日", "前", "內", "以上", "a", "。", "٣", "\u{0301}", "\n"]
  var g = SplitMix(seed)  // ModelTests.swift
  return (0..<count).map { _ in
    let n = 1 + Int(g.next() % 8)
    return (0..<n).map { _ in pieces[Int(g.next() % UInt64(pieces.count))] }.joined()
  }
}

private let seedTexts = (seed001 + seed004 + seed003 + seed002 + seed000).map(\.text) + [
  "一、推動文書作業資訊化(6%)", "(一)提升效能", "（2）強化", "1.開放資料", "1.5 倍", "3、辦理", "1-2 推動", "12．完成", "1234.不是",
]

@Suite struct ScannerEquivalenceTests {
  @Test func numberScanFindsWhatTheExpressionFinds() {
    for text in seedTexts + generated(20_000, seed: 7) {
      let s = QuantityParser.normalize(text)
      let byExpression = QuantityParser.numbersByExpression(s).map { "\($0.value)@\(s.utf8.distance(from: s.startIndex, to: $0.range.lowerBound))" }
      let numbers = QuantityParser.numbers(in: s).map { "\($0.value)@\(s.utf8.distance(from: s.startIndex, to: $0.range.lowerBound))" }
      #expect(numbers == byExpression, "\(Array(s.unicodeScalars))")
    }
  }

  @Test func labelScanFindsWhatTheExpressionsFind() {
    for text in seedTexts + generated(20_000, seed: 11) {
      let scanned = LabeledName.labelEnd(text).map { text.utf8.distance(from: text.startIndex, to: $0) }
      let byExpression = LabeledName.labelEndByExpression(text).map { text.utf8.distance(from: text.startIndex, to: $0) }
      #expect(scanned == byExpression, "\(Array(text.unicodeScalars))")
    }
  }

  @Test func fixedDecimalsAgreeWithPrintf() {
    var g = SplitMix(17)
    var values: [Double] = [0, -0.0, 0.125, 0.375, 2.5, 3.5, -2.5, 1.005, 0.045, 99.995, 87.355, 1e-4, 5e-4, 4.8828125e-4, 2e15, 1e300,
                            .nan, .infinity, -.infinity, .leastNonzeroMagnitude, 4_503_599_627_370_495.5]
    for _ in 0..<100_000 {
      let bits = g.next()
      switch bits % 4 {
      case 0: values.append(Double(bits >> 11) / Double(1 << 53) * 100)                 // a fraction of 100
      case 1: values.append(Double(Int64(bitPattern: bits) % 2_000_000) / 1000)          // thousandths, both signs
      case 2: values.append(Double(Int64(bitPattern: bits) % 4096) / 8)                  // exact ties
      default: values.append(Double(bitPattern: bits & 0xBFFF_FFFF_FFFF_FFFF))           // any magnitude below 2
      }
    }
    var checked = 0
    for v in values {
      for d in 0...4 {
        let exact = SheetGrid.fixedExactly(v, d)
        if exact != nil { checked += 1 }
        #expect(SheetGrid.fixed(v, d) == SheetGrid.fixedByPrintf(v, d), "\(v) with \(d) decimals")
        if let exact { #expect(exact == SheetGrid.fixedByPrintf(v, d), "\(v) with \(d) decimals") }
      }
    }
    #expect(checked > 250_000)  // most values take the integer path
  }

  @Test func nameKeysAgreeWithTheCategoryFilter() {
    // The key as first written: letters, marks and decimal digits by general category, then lowercased.
    func reference(_ name: String) -> String {
      let kept = QuantityParser.normalize(name).unicodeScalars.filter { c in
        switch c.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .nonspacingMark,
          .spacingMark, .enclosingMark, .decimalNumber:
          return true
        default: return false
        }
      }
      return String(String.UnicodeScalarView(kept)).lowercased()
    }
    let extra = ["ÅNGSTRÖM 測試", "İstanbul", "ΣΊΣΥΦΟΣ", "ǅemal", "Ⅻ 項", "ｱｲｳ", "ＡＢＣ１２３", "㐀䶿一鿿", "\u{E000}x", "ß"]
    for text in seedTexts + extra + generated(20_000, seed: 19) {
      #expect(Validator.nameKey(text) == reference(text), "\(Array(text.unicodeScalars))")
    }
  }

  @Test func byteSearchFindsWhatANaiveSearchFinds() {
    func naive(_ h: String, _ n: String) -> Bool {
      let hb = Array(h.utf8), nb = Array(n.utf8)
      guard !nb.isEmpty else { return true }
      guard hb.count >= nb.count else { return false }
      return (0...(hb.count - nb.count)).contains { Array(hb[$0..<($0 + nb.count)]) == nb }
    }
    let needles = ["年", "場次", "12", "1", "十百", "以上", "", "a。", "٣\u{0301}"] + Achievement.lowerIsBetterWords
    let sets = [Achievement.lowerIsBetterWords, ["年", "場次", "12"], ["1", "以上"], ["", "a。"], ["٣\u{0301}", "十百"]]
    let words = ["案件處理天數", "平均處理時間（日）", "錯誤率", "用電量成本", "天", "數天數"]
    for text in seedTexts + words + generated(5_000, seed: 23) {
      for n in needles { #expect(text.includes(n) == naive(text, n), "\(text) / \(n)") }
      for set in sets { #expect(text.includesAny(Needles(set)) == set.contains { naive(text, $0) }, "\(text) / \(set)") }
    }
  }

  @Test func whiteSpaceListIsTheProperty() {
    for v in UInt32(0)...0x10FFFF {
      guard let c = Unicode.Scalar(v) else { continue }
      if c.isBlank != c.properties.isWhitespace { Issue.record("U+\(String(v, radix: 16)): \(c.isBlank)") }
    }
  }

  @Test func scalarSearchFindsWhatTheScalarViewFinds() {
    let scalars: [Unicode.Scalar] = ["年", "月", "面", "分", "%", ".", "é", "😀", "\u{0301}", "٣"]
    for text in seedTexts + generated(5_000, seed: 29) + ["😀x", "e\u{0301}", "é"] {
      for c in scalars { #expect(text.hasScalar(c) == text.unicodeScalars.contains(c), "\(text) / \(c)") }
      let sub = text.dropFirst()
      for c in scalars { #expect(sub.hasScalar(c) == sub.unicodeScalars.contains(c), "\(sub) / \(c)") }
    }
  }

  @Test func weightsAndNumbersReadAsCharacterByCharacter() {
    // As first written, character by character.
    func fraction(_ t: String) -> Double? {
      let s = QuantityParser.normalize(t).filter { $0 != " " }
      if s.hasSuffix("%"), let v = Double(s.dropLast()) { return v / 100 }
      guard let v = Double(s.filter { $0 != "," }) else { return nil }
      return abs(v) > 1 ? v / 100 : v
    }
    func number(_ t: String) -> Double? { Double(QuantityParser.normalize(t).filter { $0 != "," }.trimmedSpaces) }
    let samples = ["5.0%", " 35 ", "1,234.5", "12 %", "-3", "\t7\t", "０．５", "1,000%", "%", "", " ", "1 2", "3\r\n", "4 ,5"]
    for text in seedTexts + samples + generated(20_000, seed: 31) {
      #expect(ImportValues.fraction(text) == fraction(text), "\(Array(text.unicodeScalars))")
      #expect(ImportValues.number(text) == number(text), "\(Array(text.unicodeScalars))")
    }
  }

  @Test func trimmingAgreesWithFoundation() {
    for text in seedTexts + generated(5_000, seed: 13) + [" \u{3000}x\u{00A0}\n", "\u{2028}y\u{85}", "\t", ""] {
      #expect(text.trimmed == text.trimmingCharacters(in: .whitespacesAndNewlines))
      #expect(text.trimmedSpaces == text.trimmingCharacters(in: .whitespaces))
    }
  }
}
