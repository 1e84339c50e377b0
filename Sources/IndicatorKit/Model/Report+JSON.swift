// Report+JSON: the model's JSON form (docs/MODEL.md, docs/report.schema.json).

import Foundation

extension Report {
  /// The report as JSON: keys sorted, percentages as fractions, absent fields left out.
  ///
  /// - Throws: `EncodingError` when a number is not finite.
  public func jsonData(pretty: Bool = true) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(self)
  }

  /// Reads a report from its JSON form; every indicator is evaluated again (a stated
  /// `evaluation` is never trusted).
  ///
  /// - Throws: `DecodingError` naming the path of a missing or mistyped field.
  public static func from(json data: Data) throws -> Report {
    var report = try JSONDecoder().decode(Report.self, from: data)
    report.computeAchievements()
    return report
  }
}
