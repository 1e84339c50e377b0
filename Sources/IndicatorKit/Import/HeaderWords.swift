// HeaderWords: every header the templates know and their synonyms, and what one header cell names —
// a field, the year it dates, or both: 「原定目標值」, 「112年度目標值」, 「目標值(115)」, 「114 年度」.

/// What one header cell names.
struct HeaderName: Equatable, Sendable {
  /// The field, or nil for a header that only names a year (「114 年度」, 「112」).
  var field: ColumnField?
  /// The ROC year the header dates.
  var year: Int?
}

/// Every header the templates know, normalised, in the forms the importer looks them up by: made
/// once for the built-in templates (not once per workbook), and again only for a custom template.
struct HeaderWords: Sendable {
  /// Each normalised header → its field.
  let index: [String: ColumnField]
  /// The headers of two characters or more as UTF-8, longest first, for prefix matching.
  let prefixes: [([UInt8], ColumnField)]
  /// The first scalar of every header: a text starting otherwise names no field.
  let starts: Set<Unicode.Scalar>

  static let builtIn = HeaderWords(template: nil)

  init(template: TemplateSpec?) {
    var pairs: [(String, ColumnField)] = []
    var specs = Array(TemplateSpec.builtIn.values).sorted { $0.kind.rawValue < $1.kind.rawValue }
    if let template { specs.insert(template, at: 0) }
    for spec in specs {
      for c in spec.columns + (spec.reviewColumns ?? []) + (spec.budgetColumns ?? []) {
        for h in [c.header] + c.synonyms { pairs.append((normalizedHeader(h), c.field)) }
      }
    }
    var seen: Set<String> = []
    let fields = pairs.filter { seen.insert($0.0).inserted }.sorted { $0.0.count > $1.0.count }
    index = Dictionary(fields, uniquingKeysWith: { first, _ in first })
    prefixes = fields.filter { $0.0.count >= 2 }.map { (Array($0.0.utf8), $0.1) }
    starts = Set(fields.compactMap { $0.0.unicodeScalars.first })
  }

  /// The field a header names and the year it carries; nil for a header that names no field
  /// (a year alone included: see ``name(of:)``).
  func field(of header: String) -> (ColumnField, Int?)? {
    guard let n = name(of: header), let f = n.field else { return nil }
    return (f, n.year)
  }

  /// Quick test for ``nameUnguarded(_:)``: short, and starting with the first character of a known
  /// header, or with a digit and then either holding 年 or being a year alone (「112」): most cells
  /// of a sheet, values such as 「35,000人次」 among them, fail it.
  func mayName(_ header: String) -> Bool {
    guard header.utf8.count <= 90 else { return false }
    for c in header.unicodeScalars {
      switch c {
      case "*", "＊": continue
      case _ where c.isBlank: continue
      case "（": return starts.contains("(")
      case "）": return starts.contains(")")
      case "：": return starts.contains(":")
      default:
        if starts.contains(c) { return true }
        // Digits as normalising leaves them (ASCII, full-width); a year is read from no others.
        guard (0x30...0x39).contains(c.value) || (0xFF10...0xFF19).contains(c.value) else { return false }
        if header.hasScalar("年") { return true }
        var shown = 0  // a year alone: at most three characters besides white space
        for s in header.unicodeScalars where !s.isBlank {
          shown += 1
          if shown > 3 { return false }
        }
        return true
      }
    }
    return false
  }

  /// What a header names: the quick test, then ``nameUnguarded(_:)``.
  func name(of header: String) -> HeaderName? { mayName(header) ? nameUnguarded(header) : nil }

  /// 「原定目標值」 → target; 「112年度目標值」, 「113年目標值」, 「目標值(115)」 → target of that year;
  /// 「114 年度」, 「112年」, 「112」 → the year alone; 「策略目標(權重)」 → goal.
  func nameUnguarded(_ header: String) -> HeaderName? {
    guard header.utf8.count <= 90 else { return nil }  // headers are short; a narrative or a name is not one
    var h = normalizedHeader(QuantityParser.normalize(header))
    var year: Int?
    // Years are looked for only in a header with a digit (most have none).
    let hasDigit = h.utf8.contains { (0x30...0x39).contains($0) }
    if hasDigit, let m = h.wholeMatch(of: Patterns.yearAlone) {
      guard let y = Int(m.output.1), ImportValues.isROCYear(y) else { return nil }
      return HeaderName(field: nil, year: y)
    }
    if !hasDigit {
      // no year
    } else if let m = h.prefixMatch(of: Patterns.yearLead), let y = Int(m.output.1), ImportValues.isROCYear(y) {
      year = y
      h = String(h[m.range.upperBound...])
    } else if let m = h.firstMatch(of: Patterns.yearInBrackets) ?? h.firstMatch(of: Patterns.yearAtEnd),
      let y = Int(m.output.1), ImportValues.isROCYear(y)
    {
      year = y
      h = String(h[..<m.range.lowerBound])
    }
    guard let first = h.unicodeScalars.first, starts.contains(first) else { return nil }
    // 「施政目標及績效指標」, 「策略目標/績效指標」: one column of goals and their indicators.
    if h.includes("目標"), h.includes("指標"), !h.includes("目標值") { return HeaderName(field: .indicator, year: year) }
    if h.hasSuffix("(%)") { h.removeLast(3) }
    // 「策略目標(權重)」: a parenthesised note after a known header.
    var bare = h
    if h.hasSuffix(")"), let open = h.lastIndex(of: "("), !h[h.index(after: open)...].dropLast().contains(where: { $0 == "(" || $0 == ")" }) {
      bare = String(h[..<open])
    }
    for candidate in [h, bare] where !candidate.isEmpty {
      if let f = index[candidate] { return HeaderName(field: f, year: year) }
    }
    if h.includes("面向分數") || h == "總分" || h == "績效總分" { return nil }
    let bytes = h.utf8
    for (name, f) in prefixes where bytes.starts(with: name) { return HeaderName(field: f, year: year) }
    return nil
  }
}

private enum Patterns {
  nonisolated(unsafe) static let yearAlone = /(\d{2,3})(?:年度?)?/
  nonisolated(unsafe) static let yearLead = /^(\d{2,3})年度?/
  nonisolated(unsafe) static let yearInBrackets = /\((\d{2,3})(?:年度?)?\)$/
  nonisolated(unsafe) static let yearAtEnd = /(\d{2,3})年度?$/
}
