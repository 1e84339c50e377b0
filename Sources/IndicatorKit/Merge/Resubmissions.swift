// Resubmissions: the same agency, family and years submitted more than once — which copy is kept
// and why (docs/MERGE.md, "What happens", step 4).

import Foundation

extension Merger {
  /// The same agency, family and years more than once (agencies compared by
  /// ``AgencyName/same(_:_:)``): a file whose name marks a correction (修正版 …) is kept, else the
  /// most recently modified one, else the last by path (``DuplicateChoice``); the others are left
  /// out saying which file was kept and why — or, with `keepAll`, kept too. Every one of them gets a
  /// `duplicate-submission` finding naming the others.
  static func markDuplicates(_ workbooks: inout [MergedWorkbook], keepAll: Bool = false) {
    // Groups of one agency (AgencyName.same with the group's first), family and years; the
    // agencies' keys worked out once, the same key found by hashing.
    var groups: [[Int]] = []
    var buckets: [String: [(key: String, group: Int)]] = [:]
    var exact: [String: Int] = [:]
    for (i, w) in workbooks.enumerated() {
      guard let r = w.report, w.exclusion == nil, let agency = r.agency, !agency.isEmpty else { continue }
      let key = AgencyName.key(agency)
      let bucket = r.kind.rawValue + "|" + r.years.map(String.init).joined(separator: ",")
      if let g = exact[bucket + "|" + key] ?? buckets[bucket]?.first(where: { AgencyName.sameKey($0.key, key) })?.group {
        groups[g].append(i)
      } else {
        exact[bucket + "|" + key] = groups.count
        buckets[bucket, default: []].append((key, groups.count))
        groups.append([i])
      }
    }
    for indices in groups where indices.count > 1 {
      let (kept, why) = choose(indices.map { (index: $0, file: workbooks[$0].file, modified: workbooks[$0].modified) })
      let keptFile = workbooks[kept].file
      for i in indices {
        let others = indices.filter { $0 != i }.map { workbooks[$0].file }.joined(separator: "、")
        let agency = workbooks[i].report?.agency ?? ""
        let years = workbooks[i].report?.years.map(String.init).joined(separator: "–") ?? ""
        let left = i != kept && !keepAll
        let message: (String, String)
        if keepAll {
          message = ("\(agency) \(years) 年度重複提交（另見 \(others)）；依 --keep all 全部納入",
                     "\(agency) \(years) submitted more than once (also \(others)); all kept (--keep all)")
        } else if i == kept {
          message = ("\(agency) \(years) 年度重複提交（另見 \(others)）；採用此檔（\(why.message(english: false))）",
                     "\(agency) \(years) submitted more than once (also \(others)); this file is kept (\(why.message(english: true)))")
        } else {
          message = ("\(agency) \(years) 年度重複提交；採用 \(keptFile)（\(why.message(english: false))），此檔未納入",
                     "\(agency) \(years) submitted more than once; \(keptFile) is kept (\(why.message(english: true))) and this file left out")
        }
        var f = Finding(code: .duplicateSubmission, severity: left ? .error : .warning, message: message.0, messageEN: message.1,
                        details: ["kept": .text(keepAll ? "all" : keptFile), "why": .text(keepAll ? "keep-all" : why.rawValue)])
        f.file = workbooks[i].file
        workbooks[i].findings.append(f)
        if left { workbooks[i].exclusion = .duplicate(kept: keptFile, why: why) }
      }
    }
  }

  /// The submission to keep among several, and why: a name marking a correction, else the last
  /// modified, else the last path.
  static func choose(_ files: [(index: Int, file: String, modified: Date?)]) -> (Int, DuplicateChoice) {
    let corrected = files.filter { DuplicateChoice.namesCorrection($0.file) }
    if corrected.count == 1, let only = corrected.first { return (only.index, .correctedName) }
    let pool = corrected.isEmpty ? files : corrected
    let times = Set(pool.map { $0.modified ?? .distantPast })
    let best = pool.max { a, b in
      let ma = a.modified ?? .distantPast, mb = b.modified ?? .distantPast
      return ma != mb ? ma < mb : a.file < b.file
    } ?? files[0]
    if !corrected.isEmpty && corrected.count < files.count { return (best.index, .correctedName) }
    return (best.index, times.count > 1 ? .modifiedLast : .lastPath)
  }
}
