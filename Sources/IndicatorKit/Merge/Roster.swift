// Roster: the departments that must submit (`jixiao merge --expect`), read from a text file, a CSV
// or a workbook; the merge says who has not submitted (未繳交) and who submitted without being on it.

import Foundation
import XLSXKit

/// The agencies expected to submit.
public struct Roster: Sendable, Hashable {
  /// The agencies, in the roster's order, each once.
  public var names: [String]

  /// A roster of `names`.
  public init(names: [String]) {
    var seen = Set<String>()
    self.names = names.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
      .filter { !$0.isEmpty && seen.insert(AgencyName.key($0)).inserted }
  }

  /// The header words of a roster's column of agencies.
  static let headers = ["機關", "機關名稱", "單位", "單位名稱", "局處", "agency", "department"]

  /// Reads a roster: a text file (a name a line; lines starting with # are comments), a CSV or TSV,
  /// or a workbook's first sheet — in these, the column headed 機關 (機關名稱, 單位, 局處, agency),
  /// else the first column.
  ///
  /// - Throws: ``XLSXError`` when the file cannot be read.
  public static func load(path: String) throws -> Roster {
    let lower = path.lowercased()
    var rows: [[String]] = []
    if lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm") {
      let wb = try Workbook(path: path)
      guard let sheet = wb.sheets.first(where: { $0.kind == .worksheet }) else { return Roster(names: []) }
      var byRow: [Int: [Int: String]] = [:]
      for c in try wb.reader(for: sheet).readAll() {
        let text = SheetGrid.display(c).trimmingCharacters(in: .whitespacesAndNewlines)
        if !text.isEmpty { byRow[c.reference.row, default: [:]][c.reference.column] = text }
      }
      rows = byRow.keys.sorted().map { r in
        let cells = byRow[r] ?? [:]
        return (1...(cells.keys.max() ?? 1)).map { cells[$0] ?? "" }
      }
    } else if lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") {
      let reader = try DelimitedReader(path: path, delimiter: lower.hasSuffix(".tsv") ? 0x09 : 0x2C)
      while try reader.next() {
        rows.append(reader.fields.map { String(decoding: reader.fieldBytes[$0], as: UTF8.self) })
      }
    } else {
      let text: String
      do {
        text = try String(contentsOfFile: path, encoding: .utf8)
      } catch {
        throw XLSXError(.io, "cannot read the roster: \(error.localizedDescription)", facts: XLSXError.Facts(.read), file: path)
      }
      let names = text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.hasPrefix("#") }
      return Roster(names: names)
    }
    guard let first = rows.first else { return Roster(names: []) }
    let column = first.firstIndex { headers.contains($0.lowercased()) }
    let body = column == nil ? rows : Array(rows.dropFirst())
    return Roster(names: body.compactMap { $0.indices.contains(column ?? 0) ? $0[column ?? 0] : nil })
  }
}

extension MergeResult {
  /// A roster agency without a merged submission.
  public struct Missing: Sendable, Hashable {
    /// The agency, as the roster names it.
    public var agency: String
    /// A file under the inputs whose name names the agency but that could not be merged, if any.
    public var file: String?
    /// Why that file was not merged.
    public var exclusion: Exclusion?
  }

  /// 未繳交: the roster's agencies that no merged workbook is from, each with the file it seems to
  /// have sent when that file could not be merged (an .ods, a password). Empty without a roster.
  public var missing: [Missing] {
    guard let roster else { return [] }
    let submitted = included.compactMap { $0.report?.agency.map(AgencyName.key) }
    return roster.names.compactMap { name in
      let key = AgencyName.key(name)
      if submitted.contains(where: { AgencyName.sameKey($0, key) }) { return nil }
      let short = AgencyName.key(AgencyName.withoutGovernment(name))
      let sent = excluded.first { w in
        guard let e = w.exclusion, e.needsAction else { return false }
        let fileKey = AgencyName.key((w.file as NSString).lastPathComponent)
        return fileKey.contains(key) || (short.count >= 2 && fileKey.contains(short))
      }
      return Missing(agency: name, file: sent?.file, exclusion: sent?.exclusion)
    }
  }
}
