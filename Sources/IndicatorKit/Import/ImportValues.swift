// ImportValues: the plain values of a table as people type them — weights and achievements as
// fractions, plain numbers, the formula inside a measurement standard, the years of a title.

import Foundation

/// Reading weights, numbers, formulas and years.
enum ImportValues {
  /// A weight or achievement as a fraction: 「5.0%」, 「５％」 → 0.05; a bare number over 1 read as percent.
  static func fraction(_ t: String) -> Double? {
    let n = QuantityParser.normalize(t)
    // ASCII (nearly always) is handled byte by byte, other text character by character.
    if n.utf8.allSatisfy({ $0 < 0x80 }) {
      let b = n.utf8.filter { $0 != 0x20 }
      if b.last == 0x25, let v = Double(String(decoding: b.dropLast(), as: UTF8.self)) { return v / 100 }
      guard let v = Double(String(decoding: b.filter { $0 != 0x2C }, as: UTF8.self)) else { return nil }
      return abs(v) > 1 ? v / 100 : v
    }
    let s = n.filter { $0 != " " }
    if s.hasSuffix("%"), let v = Double(s.dropLast()) { return v / 100 }
    guard let v = Double(s.filter { $0 != "," }) else { return nil }
    return abs(v) > 1 ? v / 100 : v
  }

  /// A plain number: 「35」, 「5,328.75」, 「３５」 → 35.
  static func number(_ t: String) -> Double? {
    let n = QuantityParser.normalize(t)
    if n.utf8.allSatisfy({ $0 < 0x80 }) {
      var b = n.utf8.filter { $0 != 0x2C }
      while let last = b.last, last == 0x20 || last == 0x09 { b.removeLast() }
      return Double(String(decoding: b.drop { $0 == 0x20 || $0 == 0x09 }, as: UTF8.self))
    }
    return Double(n.filter { $0 != "," }.trimmedSpaces)
  }

  /// The first number in a text: 「權分合計 35 分」 → 35.
  static func firstNumber(_ t: String) -> Double? {
    let n = QuantityParser.normalize(t)
    guard let m = n.firstMatch(of: Patterns.firstNumber) else { return nil }
    return Double(m.output.1.filter { $0 != "," })
  }

  /// A 衡量方向 cell: 「越高越好」, 「正向」, 「↑」 → higher; 「越低越好」, 「負向」, 「↓」 → lower.
  static func direction(_ t: String) -> Direction? {
    let s = normalizedHeader(t)
    if ["越低", "愈低", "負向", "↓", "低"].contains(where: { s.hasPrefix($0) }) { return .lower }
    if ["越高", "愈高", "正向", "↑", "高"].contains(where: { s.hasPrefix($0) }) { return .higher }
    return nil
  }

  /// The formula in a measurement standard: what follows 「計算公式：」.
  static func formula(in measurement: String) -> String? {
    guard measurement.includes("計算公式"), let m = measurement.firstMatch(of: Patterns.formulaLead) else { return nil }
    let f = measurement[m.range.upperBound...].trimmed
    return f.isEmpty ? nil : f
  }

  /// The ROC years a title names: 「111 至 114 年度」 → 111…114, 「１１４年度」 → 114.
  static func years(in text: String) -> [Int]? {
    let t = QuantityParser.normalize(text)
    if let m = t.firstMatch(of: Patterns.yearSpan), let a = Int(m.output.1), let b = Int(m.output.2), a <= b, b - a < 10 {
      return Array(a...b)
    }
    if let m = t.firstMatch(of: Patterns.singleYear), let y = Int(m.output.1), isROCYear(y) { return [y] }
    return nil
  }

  /// Whether `y` can be an ROC year of a plan or report (民國 80 to 200).
  static func isROCYear(_ y: Int) -> Bool { (80...200).contains(y) }
}

private enum Patterns {
  nonisolated(unsafe) static let formulaLead = /計算公式\s*[：:]/
  nonisolated(unsafe) static let yearSpan = /(\d{2,3})\s*(?:年度?)?\s*[-–~～至]\s*(\d{2,3})\s*年/
  nonisolated(unsafe) static let singleYear = /(\d{2,3})\s*年/
  nonisolated(unsafe) static let firstNumber = /(\d[\d,]*(?:\.\d+)?)/
}
