// HintsZH: what to do about each finding, in Traditional Chinese (the catalog; HintsEN.swift is
// the same in English).

enum HintsZH {
  static func hint(for f: Finding) -> String? {
    let name = f.indicator.map { "「\($0)」" } ?? "此項"
    switch f.code {
    case .unmetTarget, .unplacedCell, .agencyMismatch:
      return nil
    case .missingUnmetExplanation:
      return "請在未達目標檢討表補上\(name)未達目標的原因與改善措施"
    case .reviewWithoutIndicator:
      return "檢討表的指標名稱須與績效指標完全相同：請更正名稱，或刪除此列"
    case .reviewForMetIndicator:
      return "此項已達目標：請自未達目標檢討表刪除此列，或確認達成值"
    case .missingWeight:
      return "請在權重欄填入\(name)的權重（例如 5%）"
    case .weightSumMismatch:
      if let sum = f.number("sum"), let stated = f.number("stated") {
        return "請調整權重，使下層權重合計等於此層的 \(pct(stated))，目前為 \(pct(sum))"
      }
      if let sum = f.number("sum") { return "請調整權重，使合計為 100%，目前為 \(pct(sum))" }
      return "請調整權重，使下層權重之和等於上層權重"
    case .achievementMismatch:
      if let computed = f.number("computed") { return "請將達成度改為 \(pct(computed))，或更正目標值、達成值" }
      return "請依目標值與達成值重新計算達成度"
    case .pointsMismatch:
      if let computed = f.number("computed") { return "請將項目權分改為 \(num(computed))（權重 × 達成度）" }
      return "請以權重 × 達成度重新計算項目權分"
    case .scoreMismatch:
      if let computed = f.number("computed") { return "請將分數改為 \(num(computed))（各項之和），或更正其組成" }
      return "請重新加總分數"
    case .unparseableValue:
      return "請以數字與單位填寫，例如「85%」、「3 場次」、「12月31日前完成」"
    case .unitMismatch:
      return "目標值與達成值請使用相同單位"
    case .dateOutsideYear:
      return "請確認日期的年度（民國年）是否正確"
    case .duplicateIndicator:
      return "同名的指標請合併為一項，或修改名稱以資區別"
    case .missingField:
      switch f.text("field") {
      case "actual": return "請填入\(name)的達成值"
      case "targets": return "請填入每一年度的目標值"
      default: return "請填入\(name)的目標值"
      }
    case .targetChanged:
      return "目標值與施政計畫不同：請改回計畫所列數值，或於備註說明變更原因"
    case .weightChanged:
      return "權重與施政計畫不同：請改回計畫所列權重，或於備註說明變更原因"
    case .indicatorMissing:
      return "施政計畫的\(name)未列入報告：請補上，或說明刪除原因"
    case .indicatorAdded:
      return "施政計畫沒有\(name)：請確認是否為新增指標，並於備註說明"
    case .unknownColumn:
      return "若此欄為目標值、達成值等已知欄位，請將欄名改為範本所用名稱"
    case .unplacedRow:
      return "請將此列移入指標表格內，或刪除"
    case .behindSchedule:
      return "請說明進度落後的原因與趕辦措施"
    case .noTable:
      return "請以範本（jixiao template new）填寫，或確認表頭含「績效指標」、「原定目標值」等欄名"
    case .hiddenSheet:
      return "若此工作表屬本報告內容，請取消隱藏"
    case .damagedSheet:
      return "請以 Excel 或 LibreOffice 開啟後重新存檔，再送一次"
    case .missingColumn:
      return "請依範本補上此欄"
    case .renamedColumn:
      return "請依範本更正欄名"
    case .duplicateSubmission:
      return "請確認採用的版本正確；兩份都要保留時加上 --keep all"
    case .unreadableFile:
      return "請重新存成 .xlsx 後再送"
    case .notOnRoster:
      return "請確認機關名稱與應繳名單一致"
    }
  }
}
