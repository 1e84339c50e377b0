// HintsEN: what to do about each finding, in English (the catalog; HintsZH.swift is the same in
// Traditional Chinese).

enum HintsEN {
  static func hint(for f: Finding) -> String? {
    let name = f.indicator.map { "'\($0)'" } ?? "this indicator"
    switch f.code {
    case .unmetTarget, .unplacedCell, .agencyMismatch:
      return nil
    case .missingUnmetExplanation:
      return "add the reason and the remedy for \(name) to the 未達目標檢討 (unmet-target review) table"
    case .reviewWithoutIndicator:
      return "give the review row the indicator's exact name, or delete the row"
    case .reviewForMetIndicator:
      return "the target is met: delete the review row, or check the actual"
    case .missingWeight:
      return "fill in the weight of \(name) (e.g. 5%)"
    case .weightSumMismatch:
      if let sum = f.number("sum"), let stated = f.number("stated") {
        return "adjust the weights below so that they add up to this one's \(pct(stated)); they add up to \(pct(sum))"
      }
      if let sum = f.number("sum") { return "adjust the weights so that they add up to 100%; they add up to \(pct(sum))" }
      return "adjust the weights so that those below add up to the weight above"
    case .achievementMismatch:
      if let computed = f.number("computed") { return "change the achievement to \(pct(computed)), or correct the target or actual" }
      return "work the achievement out again from the target and the actual"
    case .pointsMismatch:
      if let computed = f.number("computed") { return "change the points to \(num(computed)) (weight × achievement)" }
      return "work the points out again as weight × achievement"
    case .scoreMismatch:
      if let computed = f.number("computed") { return "change the score to \(num(computed)) (the sum of its parts), or correct the parts" }
      return "add the score up again"
    case .unparseableValue:
      return "write a number with its unit, e.g. '85%', '3 場次', '12月31日前完成'"
    case .unitMismatch:
      return "give the target and the actual in the same unit"
    case .dateOutsideYear:
      return "check the year of the date (ROC years)"
    case .duplicateIndicator:
      return "merge indicators of one name into one, or rename one of them"
    case .missingField:
      switch f.text("field") {
      case "actual": return "fill in the actual of \(name)"
      case "targets": return "fill in a target for every year"
      default: return "fill in the target of \(name)"
      }
    case .targetChanged:
      return "the target differs from the plan's: restore the plan's, or explain the change in a note"
    case .weightChanged:
      return "the weight differs from the plan's: restore the plan's, or explain the change in a note"
    case .indicatorMissing:
      return "\(name) of the plan is not in the report: add it, or explain why it was dropped"
    case .indicatorAdded:
      return "the plan has no \(name): confirm it is a new indicator and explain it in a note"
    case .unknownColumn:
      return "if the column is a known one (target, actual …), head it as the template does"
    case .unplacedRow:
      return "move the row into the indicator table, or delete it"
    case .behindSchedule:
      return "explain why it is behind schedule and how it will catch up"
    case .noTable:
      return "fill in a template (jixiao template new), or head the table with 績效指標, 原定目標值 …"
    case .hiddenSheet:
      return "unhide the sheet if it belongs to the report"
    case .damagedSheet:
      return "open the workbook in Excel or LibreOffice, save it again and resubmit it"
    case .missingColumn:
      return "add the column, as the template has it"
    case .renamedColumn:
      return "head the column as the template does"
    case .duplicateSubmission:
      return "check that the right version was kept; --keep all keeps both"
    case .unreadableFile:
      return "save it again as .xlsx and resubmit it"
    case .notOnRoster:
      return "check that the agency's name matches the roster's"
    }
  }
}
