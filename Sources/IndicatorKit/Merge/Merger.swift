// Merger: many departments' workbooks imported and validated in parallel, then put side by side —
// nothing dropped silently, duplicates and schema drift reported.

import Dispatch
import Foundation
import XLSXKit

/// One input of a merge and what became of it.
public struct MergedWorkbook: Sendable {
  /// The path as found.
  public var file: String
  /// The imported report, when the file could be read.
  public var report: Report?
  /// The findings: validation, schema drift, duplicate submission.
  public var findings: [Finding]
  /// Why the file is not in the consolidated tables, or nil when it is.
  public var exclusion: Exclusion?
  /// The headers of its indicator table by field, for schema drift.
  public var headers: [String: String]
  /// The file's modification time, which decides between duplicates.
  public var modified: Date?

  /// Whether its indicators are in the consolidated tables.
  public var isIncluded: Bool { report != nil && exclusion == nil }

  /// Creates the record of one input.
  public init(file: String, report: Report?, findings: [Finding], exclusion: Exclusion? = nil,
              headers: [String: String] = [:], modified: Date? = nil) {
    self.file = file
    self.report = report
    self.findings = findings
    self.exclusion = exclusion
    self.headers = headers
    self.modified = modified
  }
}

/// The outcome of a merge: every input, in path order.
public struct MergeResult: Sendable {
  /// Every input, included or not.
  public var workbooks: [MergedWorkbook]
  /// The thresholds of lights and grades the workbooks were judged by.
  public var grading = GradingRules()
  /// The agencies expected to submit, if a roster was given.
  public var roster: Roster?

  /// The workbooks whose indicators are merged.
  public var included: [MergedWorkbook] { workbooks.filter(\.isIncluded) }
  /// The workbooks left out, each with its reason.
  public var excluded: [MergedWorkbook] { workbooks.filter { !$0.isIncluded } }
}

/// Options of a merge.
public struct MergeOptions: Sendable {
  /// How each workbook is imported.
  public var importOptions = ImportOptions()
  /// How findings are graded.
  public var rules = ValidationRules()
  /// The plan every report is compared with, if any.
  public var plan: Report?
  /// How many workbooks are read at once (the machine's cores by default).
  public var concurrency = ProcessInfo.processInfo.activeProcessorCount
  /// The agencies expected to submit (`--expect`): who has not is listed (``MergeResult/missing``),
  /// a workbook from an agency not on it gets a `not-on-roster` finding.
  public var roster: Roster?
  /// Keep every submission of the same agency, family and years (each still gets a
  /// `duplicate-submission` finding) instead of only the latest (`--keep all`).
  public var keepDuplicates = false
  /// Keep each report whole. By default, once a workbook is validated, the texts the consolidated
  /// tables do not show (narratives, measurement standards, extra columns, cell addresses) are
  /// dropped from its ``MergedWorkbook/report``, so that memory stays flat with hundreds of inputs.
  public var keepText = false

  /// The defaults.
  public init() {}
}

extension Report {
  /// Drops what a merge's outputs do not show: narratives, measurement standards and formulas,
  /// extra columns, and the cell address of each field (the sheet and row stay).
  mutating func dropText() {
    for f in facets.indices {
      for g in facets[f].goals.indices {
        for i in facets[f].goals[g].indicators.indices {
          facets[f].goals[g].indicators[i].narrative = nil
          facets[f].goals[g].indicators[i].measurement = nil
          facets[f].goals[g].indicators[i].formula = nil
          facets[f].goals[g].indicators[i].extra = nil
          facets[f].goals[g].indicators[i].source?.cells = nil
        }
        facets[f].goals[g].source?.cells = nil
      }
    }
  }
}

/// Merges workbooks.
public enum Merger {
  /// Imports and validates every file (`options.concurrency` at a time), then marks duplicates and
  /// schema drift. `progress` is called with the number of files done so far.
  public static func merge(_ files: [String], options: MergeOptions = MergeOptions(),
                           progress: (@Sendable (Int) -> Void)? = nil) -> MergeResult {
    let box = ResultBox(count: files.count)
    let queue = DispatchQueue(label: "jixiao.merge", attributes: .concurrent)
    let group = DispatchGroup()
    let slots = DispatchSemaphore(value: max(1, options.concurrency))
    for (i, file) in files.enumerated() {
      slots.wait()
      queue.async(group: group) {
        let one = readOne(file, options: options)
        let done = box.set(i, one)
        progress?(done)
        slots.signal()
      }
    }
    group.wait()
    var workbooks = box.values.enumerated().map { i, w in
      w ?? MergedWorkbook(file: FileName.display(files[i]), report: nil, findings: [], exclusion: .unreadable(XLSXError(.io, "not read", file: files[i])))
    }
    markDuplicates(&workbooks, keepAll: options.keepDuplicates)
    markDrift(&workbooks, rules: options.rules)
    if let roster = options.roster { markOffRoster(&workbooks, roster: roster, rules: options.rules) }
    return MergeResult(workbooks: workbooks, grading: options.rules.grading, roster: options.roster)
  }

  /// When a file was last modified, from what `stat` says of it.
  static func modificationDate(_ info: stat) -> Date {
    #if canImport(Darwin)
    let t = info.st_mtimespec
    #else
    let t = info.st_mtim
    #endif
    return Date(timeIntervalSince1970: Double(t.tv_sec) + Double(t.tv_nsec) / 1e9)
  }

  /// Reads one input: `path` as the file system has it, named in every output as a person reads
  /// it (a Big5 name decoded, ``FileName/display(_:)``).
  static func readOne(_ path: String, options: MergeOptions) -> MergedWorkbook {
    let file = FileName.display(path)
    let modified = FileName.status(path).map(modificationDate)
    if let exclusion = Exclusion.byName(file) {
      return MergedWorkbook(file: file, report: nil, findings: [], exclusion: exclusion, modified: modified)
    }
    do {
      var importOptions = options.importOptions
      importOptions.grading = options.rules.grading
      let result = try Importer.importWorkbook(path: path, options: importOptions)
      var findings = Validator.validate(result.report, notes: result.notes, plan: options.plan, rules: options.rules)
      for i in findings.indices { findings[i].file = file }
      var report = result.report
      if !options.keepText { report.dropText() }
      return MergedWorkbook(file: file, report: report, findings: findings, headers: result.headers, modified: modified)
    } catch let e as XLSXError {
      // Worded as 未納入檔案 words it: one sentence for an unreadable file.
      let unreadable = Exclusion.unreadable(e)
      var f = Finding(code: .unreadableFile, severity: .error, message: unreadable.message(english: false),
                      messageEN: unreadable.message(english: true))
      f.file = file
      f.sheet = e.sheet
      f.cell = e.cell
      return MergedWorkbook(file: file, report: nil, findings: options.rules.apply(f).map { [$0] } ?? [],
                            exclusion: .forError(e), modified: modified)
    } catch {
      return MergedWorkbook(file: file, report: nil, findings: [], exclusion: .unreadable(XLSXError(.io, "\(error)", file: path)),
                            modified: modified)
    }
  }

  /// A `not-on-roster` finding (warning) for each merged workbook whose agency the roster lacks.
  static func markOffRoster(_ workbooks: inout [MergedWorkbook], roster: Roster, rules: ValidationRules) {
    let keys = roster.names.map(AgencyName.key)
    for i in workbooks.indices where workbooks[i].isIncluded {
      let agency = workbooks[i].report?.agency ?? ""
      let key = AgencyName.key(agency)
      guard !keys.contains(where: { AgencyName.sameKey($0, key) }) else { continue }
      var f = Finding(code: .notOnRoster, severity: .warning,
                      message: agency.isEmpty ? "無法判定機關，未能與應繳名單比對" : "「\(agency)」不在應繳名單（--expect）",
                      messageEN: agency.isEmpty ? "the agency is unknown, so it cannot be matched with the roster" : "'\(agency)' is not on the roster (--expect)",
                      details: ["agency": .text(agency)])
      f.file = workbooks[i].file
      if let g = rules.apply(f) { workbooks[i].findings.append(g) }
    }
  }

  /// Columns most workbooks of a family have (missing here), or head differently (renamed here).
  /// Extra columns are the importer's `unknown-column` findings.
  static func markDrift(_ workbooks: inout [MergedWorkbook], rules: ValidationRules) {
    var byKind: [ReportKind: [Int]] = [:]
    for (i, w) in workbooks.enumerated() where w.report != nil { byKind[w.report?.kind ?? .annualPlan, default: []].append(i) }
    for indices in byKind.values where indices.count >= 3 {
      var fieldCount: [String: Int] = [:]
      var headerCount: [String: [String: Int]] = [:]
      for i in indices {
        for (field, header) in workbooks[i].headers {
          fieldCount[field, default: 0] += 1
          headerCount[field, default: [:]][normalizedHeader(header), default: 0] += 1
        }
      }
      let usual = fieldCount.filter { $0.value * 2 > indices.count }.keys.sorted()
      for i in indices {
        let sheet = workbooks[i].report?.firstIndicator?.source?.sheet
        for field in usual {
          let common = headerCount[field]?.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key ?? field
          guard let own = workbooks[i].headers[field] else {
            var f = Finding(code: .missingColumn, severity: .warning,
                            message: "缺少「\(common)」欄（同類 \(fieldCount[field] ?? 0)/\(indices.count) 個檔案有此欄）",
                            messageEN: "no '\(common)' column (\(fieldCount[field] ?? 0) of \(indices.count) workbooks of this family have it)",
                            details: ["field": .text(field), "header": .text(common)])
            f.file = workbooks[i].file
            f.sheet = sheet
            if let g = rules.apply(f) { workbooks[i].findings.append(g) }
            continue
          }
          if normalizedHeader(own) != common, (headerCount[field]?[common] ?? 0) * 2 > indices.count {
            var f = Finding(code: .renamedColumn, severity: .info,
                            message: "「\(own)」欄即多數檔案的「\(common)」欄，已照此讀取",
                            messageEN: "the column '\(own)' is read as '\(common)', as most workbooks head it",
                            details: ["field": .text(field), "header": .text(own), "usual": .text(common)])
            f.file = workbooks[i].file
            f.sheet = sheet
            if let g = rules.apply(f) { workbooks[i].findings.append(g) }
          }
        }
      }
    }
  }
}

/// Results written from several threads, each index once.
private final class ResultBox: @unchecked Sendable {
  private let lock = NSLock()
  private var items: [MergedWorkbook?]
  private var done = 0

  init(count: Int) { items = Array(repeating: nil, count: count) }

  /// Stores result `i`; returns how many are stored.
  func set(_ i: Int, _ value: MergedWorkbook) -> Int {
    lock.lock()
    defer { lock.unlock() }
    items[i] = value
    done += 1
    return done
  }

  var values: [MergedWorkbook?] {
    lock.lock()
    defer { lock.unlock() }
    return items
  }
}
