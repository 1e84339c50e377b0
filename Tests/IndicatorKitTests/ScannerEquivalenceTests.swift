// The hand-written scans that replaced regular expressions on the importer's hot path must find
// exactly what the expressions find: checked on the seed documents' values and on generated text
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

  @Test func trimmingAgreesWithFoundation() {
    for text in seedTexts + generated(5_000, seed: 13) + [" \u{3000}x\u{00A0}\n", "\u{2028}y\u{85}", "\t", ""] {
      #expect(text.trimmed == text.trimmingCharacters(in: .whitespacesAndNewlines))
      #expect(text.trimmedSpaces == text.trimmingCharacters(in: .whitespaces))
    }
  }
}
