// ExportStamp: what our exports record in the workbook's keywords, so that a re-import gives back
// the same kind, agency and years even when the title does not say them.

import Foundation

/// `jixiao kind=…; agency=…; years=…; title=yes` in the document's keywords.
struct ExportStamp {
  var kind: ReportKind
  var agency: String?
  var years: [Int]
  var hasTitle: Bool

  init(kind: ReportKind, agency: String?, years: [Int], hasTitle: Bool) {
    self.kind = kind
    self.agency = agency
    self.years = years
    self.hasTitle = hasTitle
  }

  /// Reads `jixiao kind=…; agency=…; years=…; title=yes`.
  init?(_ keywords: String) {
    guard keywords.hasPrefix("jixiao ") else { return nil }
    var fields: [String: String] = [:]
    for part in keywords.dropFirst(7).split(separator: ";") {
      let kv = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
      if kv.count == 2 { fields[kv[0]] = kv[1] }
    }
    guard let k = fields["kind"].flatMap(ReportKind.init(rawValue:)) else { return nil }
    kind = k
    agency = fields["agency"].flatMap { $0.isEmpty ? nil : $0 }
    years = (fields["years"] ?? "").split(separator: ",").compactMap { Int($0) }
    hasTitle = fields["title"] == "yes"
  }

  var keywords: String {
    "jixiao kind=\(kind.rawValue); agency=\(agency ?? ""); years=\(years.map(String.init).joined(separator: ",")); title=\(hasTitle ? "yes" : "no")"
  }
}
