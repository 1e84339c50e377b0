// jixiao inspect: what a workbook is, who wrote it, its sheets, used and merged ranges.

import ArgumentParser
import XLSXKit

struct Inspect: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: say("描述活頁簿：種類、產生的軟體、工作表、使用範圍與合併儲存格。", "Describe a workbook: its kind, producer, sheets, used ranges and merged ranges."))

  @Argument(help: ArgumentHelp(say("活頁簿。", "The workbook.")))
  var file: String

  @Option(help: ArgumentHelp(say("text 或 json。", "text or json.")))
  var format: String = "text"

  @OptionGroup(title: readLimitsTitle) var limits: ReadLimitOptions

  @OptionGroup var language: LanguageOption

  struct SheetSummary {
    var info: SheetInfo
    var used: CellRange?
    var rows = 0
    var cells = 0
    var merged: [CellRange] = []
    var dimension: String?
  }

  func run() throws {
    guard format == "text" || format == "json" else { throw ValidationError(say("--format 只能是 text 或 json", "--format must be text or json")) }
    try reportingErrors {
      let wb = try Workbook(path: file, options: limits.readOptions)
      var summaries: [SheetSummary] = []
      for s in wb.sheets {
        var sum = SheetSummary(info: s)
        if s.kind == .worksheet {
          let r = try wb.reader(for: s)
          var minR = Int.max, minC = Int.max, maxR = 0, maxC = 0
          while let row = try r.nextRow() {
            sum.rows += 1
            sum.cells += row.cells.count
            minR = min(minR, row.index)
            maxR = max(maxR, row.index)
            for c in row.cells {
              minC = min(minC, c.column)
              maxC = max(maxC, c.column)
            }
          }
          if maxR > 0 {
            sum.used = CellRange(CellReference(row: minR, column: minC), CellReference(row: maxR, column: maxC))
          }
          sum.merged = r.mergedRanges
          sum.dimension = r.dimension
        }
        summaries.append(sum)
      }
      let out = format == "json" ? json(wb, summaries) : text(wb, summaries)
      try writeStandardOutput(out.utf8)
      try reportDamage(of: wb)
    }
  }

  private func producer(_ wb: Workbook) -> String {
    let p = wb.properties
    var parts: [String] = []
    if let a = p.application { parts.append(a + (p.appVersion.map { " " + $0 } ?? "")) }
    if let c = p.creator, !c.isEmpty { parts.append("creator \(c)") }
    return parts.isEmpty ? "unknown (no document properties)" : parts.joined(separator: "; ")
  }

  private func text(_ wb: Workbook, _ sheets: [SheetSummary]) -> String {
    var s = "file: \(FileName.display(file))\n"
    s += "kind: \(wb.package.summary)\n"
    s += "producer: \(producer(wb))\n"
    s += "date system: \(wb.date1904 ? "1904" : "1900")\n"
    s += "sheets: \(sheets.count)\n"
    for sum in sheets {
      let i = sum.info
      var line = "  \(i.index + 1). \(i.name) [\(i.kind.rawValue)"
      if i.visibility != .visible { line += ", \(i.visibility.rawValue)" }
      line += "]"
      if i.kind == .worksheet {
        line += " used \(sum.used?.description ?? "none"), \(sum.rows) rows, \(sum.cells) cells"
        if let d = sum.dimension, d != sum.used?.description { line += ", dimension says \(d)" }
        if !sum.merged.isEmpty {
          let shown = sum.merged.prefix(20).map(\.description).joined(separator: " ")
          line += "\n     merged \(sum.merged.count): \(shown)\(sum.merged.count > 20 ? " …" : "")"
        }
      }
      s += line + "\n"
    }
    if !wb.definedNames.isEmpty {
      s += "defined names: \(wb.definedNames.count)\n"
      for n in wb.definedNames.prefix(50) {
        s += "  \(n.name)\(n.localSheet.map { " (sheet \($0 + 1))" } ?? "") = \(n.formula)\n"
      }
    }
    return s
  }

  private func json(_ wb: Workbook, _ sheets: [SheetSummary]) -> String {
    func q(_ s: String?) -> String { s.map(jsonString) ?? "null" }
    var s = "{\"file\":\(q(FileName.display(file))),\"kind\":\(q(wb.package.summary)),\"contentType\":\(q(wb.package.contentType))"
    s += ",\"strict\":\(wb.package.isStrict),\"macroEnabled\":\(wb.package.isMacroEnabled)"
    s += ",\"application\":\(q(wb.properties.application)),\"appVersion\":\(q(wb.properties.appVersion))"
    s += ",\"creator\":\(q(wb.properties.creator)),\"date1904\":\(wb.date1904),\"sheets\":["
    s += sheets.map { sum in
      var o = "{\"name\":\(q(sum.info.name)),\"index\":\(sum.info.index),\"kind\":\(q(sum.info.kind.rawValue))"
      o += ",\"visibility\":\(q(sum.info.visibility.rawValue)),\"part\":\(q(sum.info.partName))"
      o += ",\"used\":\(q(sum.used?.description)),\"dimension\":\(q(sum.dimension)),\"rows\":\(sum.rows),\"cells\":\(sum.cells)"
      o += ",\"merged\":[\(sum.merged.map { q($0.description) }.joined(separator: ","))]}"
      return o
    }.joined(separator: ",")
    s += "],\"definedNames\":["
    s += wb.definedNames.map { "{\"name\":\(q($0.name)),\"formula\":\(q($0.formula)),\"localSheet\":\($0.localSheet.map(String.init) ?? "null")}" }
      .joined(separator: ",")
    s += "]}\n"
    return s
  }
}
