// TemplateSpec: what a family of workbooks looks like — which header means which field, how totals,
// reviews and score tables are recognised, and the columns our styled templates are written with.

import Foundation

/// A model field a column can hold.
public enum ColumnField: String, Codable, Sendable, CaseIterable {
  /// 序號/編號: a running number, kept only as the label of what it numbers.
  case sequence
  /// 關鍵策略目標/策略績效目標/策略目標/計畫名稱.
  case goal
  /// 績效指標/衡量指標/關鍵績效指標/共同性指標.
  case indicator
  /// 衡量標準.
  case measurement
  /// 評估體制.
  case evaluationSystem
  /// 評估方式.
  case evaluationMethod
  /// 原定目標值/目標值: the target of a single-year document.
  case target
  /// 年度績效目標值 over year columns: a target per ROC year.
  case yearTargets
  /// 達成目標值/達成值/實際值.
  case actual
  /// 權重.
  case weight
  /// 達成度.
  case achievement
  /// 項目權分: points earned.
  case points
  /// 達成情形/績效衡量暨達成情形分析.
  case narrative
  /// 預算金額（千元）/經費(千元).
  case budget
  /// 管考代碼.
  case controlCode
  /// 衡量方向: 越高越好 or 越低越好, when the form says it.
  case direction
  /// 本季目標: a quarterly report's target for the quarter.
  case quarterTarget
  /// 本季達成: what the quarter itself achieved.
  case quarterActual
  /// 累計目標: a quarterly report's target to date.
  case targetToDate
  /// 燈號: the light our forms write from the evaluation; read back as nothing (it is recomputed).
  case light
  /// 備註.
  case remark
  /// 達成度差異值 (in the review of unmet targets).
  case gap
  /// 未達成原因說明暨解決對策 (in the review of unmet targets).
  case explanation
  /// 實施內容 (in a budget table).
  case content
}

/// One column: the field, the header we write, and the headers we recognise.
public struct ColumnSpec: Codable, Sendable, Hashable {
  /// The field.
  public var field: ColumnField
  /// The header written on export.
  public var header: String
  /// Other headers that mean the same field (compared without spaces, line breaks, full-width
  /// brackets or a trailing 「(%)」).
  public var synonyms: [String]
  /// Column width on export, in characters.
  public var width: Double?
  /// Number format on export (`0.0%`).
  public var format: String?
  /// Choices offered as a dropdown on export.
  public var choices: [String]?

  /// Creates a column.
  public init(_ field: ColumnField, _ header: String, synonyms: [String] = [], width: Double? = nil,
              format: String? = nil, choices: [String]? = nil) {
    self.field = field
    self.header = header
    self.synonyms = synonyms
    self.width = width
    self.format = format
    self.choices = choices
  }
}

/// A family of workbooks: how to read them and how we write them.
public struct TemplateSpec: Codable, Sendable, Hashable {
  /// The family.
  public var kind: ReportKind
  /// The family's name in titles: 施政績效報告.
  public var title: String
  /// The indicator table's columns, in the order written on export.
  public var columns: [ColumnSpec]
  /// The review of unmet targets: its heading and columns.
  public var reviewTitle: String?
  /// The review table's columns.
  public var reviewColumns: [ColumnSpec]?
  /// A budget table's columns (a second table of plans, 實施內容 and 經費).
  public var budgetColumns: [ColumnSpec]?
  /// Words that make a row a total rather than an indicator: 權分合計, 績效分數, 合計.
  public var totalWords: [String]
  /// Words that start a note row: 註, 備註, 說明.
  public var noteWords: [String]

  /// The column of `field`, if the family has one.
  public func column(_ field: ColumnField) -> ColumnSpec? { columns.first { $0.field == field } }
}

extension TemplateSpec {
  static let goalColumn = ColumnSpec(.goal, "關鍵策略目標", synonyms: ["策略績效目標", "策略目標", "計畫名稱", "施政目標", "共同性目標"], width: 24)
  static let indicatorColumn = ColumnSpec(.indicator, "績效指標", synonyms: ["衡量指標", "關鍵績效指標", "共同性指標", "指標名稱", "計畫項目", "工作項目", "指標項目"], width: 28)
  static let measurementColumn = ColumnSpec(.measurement, "衡量標準", synonyms: ["衡量標準及計算公式", "計算公式"], width: 30)
  static let targetColumn = ColumnSpec(.target, "原定目標值", synonyms: ["原訂目標值", "目標值", "年度目標值", "預定目標值", "年度目標"], width: 12)
  static let actualColumn = ColumnSpec(.actual, "達成目標值", synonyms: ["達成值", "實際值", "實際達成值", "執行成果", "累計達成值", "累計達成", "累計執行", "累計完成", "累計實績", "累計"], width: 12)
  static let weightColumn = ColumnSpec(.weight, "權重", synonyms: ["權重(%)", "配分"], width: 8, format: "0.0%")
  static let achievementColumn = ColumnSpec(.achievement, "達成度(%)", synonyms: ["達成度", "達成率"], width: 10, format: "0.00%")
  static let pointsColumn = ColumnSpec(.points, "項目權分", synonyms: ["權分", "得分"], width: 8)
  static let narrativeColumn = ColumnSpec(.narrative, "達成情形", synonyms: ["績效衡量暨達成情形分析", "達成情形分析", "執行情形", "辦理情形"], width: 40)
  static let systemColumn = ColumnSpec(.evaluationSystem, "評估體制", width: 8, choices: ["1", "2", "3", "4", "5"])
  static let methodColumn = ColumnSpec(.evaluationMethod, "評估方式", synonyms: ["評估方法"], width: 10, choices: ["統計數據", "書面資料", "實地查證", "問卷調查"])
  static let budgetColumn = ColumnSpec(.budget, "預算金額（千元）", synonyms: ["預算金額", "經費(千元)", "經費", "預算(千元)"], width: 12, format: "#,##0")
  static let codeColumn = ColumnSpec(.controlCode, "管考代碼", synonyms: ["管考", "代碼"], width: 8, choices: ["1", "2", "3", "4", "5"])
  static let sequenceColumn = ColumnSpec(.sequence, "序號", synonyms: ["項次"], width: 6)
  static let quarterTargetColumn = ColumnSpec(.quarterTarget, "本季目標", synonyms: ["本季目標值", "季目標", "本期目標"], width: 12)
  static let quarterActualColumn = ColumnSpec(.quarterActual, "本季達成", synonyms: ["本季達成值", "本季實際", "本期達成"], width: 12)
  static let targetToDateColumn = ColumnSpec(.targetToDate, "累計目標", synonyms: ["累計目標值", "累計預定", "預定累計進度", "預定進度"], width: 12)
  static let lightColumn = ColumnSpec(.light, "燈號", synonyms: ["燈號(系統判定)"], width: 8)
  static let directionColumn = ColumnSpec(.direction, "衡量方向", synonyms: ["方向", "指標方向", "評估方向", "績效方向"], width: 10,
                                          choices: [Direction.higher.word, Direction.lower.word])
  static let numberColumn = ColumnSpec(.sequence, "編號", width: 6)
  static let remarkColumn = ColumnSpec(.remark, "備註", synonyms: ["說明"], width: 16)
  static let yearTargetsColumn = ColumnSpec(.yearTargets, "年度績效目標值", synonyms: ["年度目標值", "各年度目標值", "績效目標值"], width: 10)

  static let reviews = [
    ColumnSpec(.goal, "策略績效目標", synonyms: ["關鍵策略目標", "策略目標"], width: 24),
    ColumnSpec(.indicator, "績效指標", synonyms: ["衡量指標", "關鍵績效指標"], width: 28),
    ColumnSpec(.gap, "達成度差異值", synonyms: ["達成度差異值(%)", "差異值"], width: 10),
    ColumnSpec(.explanation, "未達成原因說明暨解決對策", synonyms: ["未達成原因分析暨因應策略", "未達成原因", "檢討及改善措施", "原因分析及改善措施"], width: 48),
  ]
  static let budgets = [
    ColumnSpec(.goal, "計畫名稱", width: 24),
    ColumnSpec(.content, "實施內容", synonyms: ["工作內容", "計畫內容"], width: 48),
    ColumnSpec(.budget, "經費(千元)", synonyms: ["經費", "預算金額（千元）", "預算金額"], width: 12, format: "#,##0.##"),
    ColumnSpec(.remark, "備註", width: 16),
  ]
  static let totals = ["權分合計", "績效分數", "面向分數", "合計", "小計", "總計", "總分"]
  static let notes = ["註", "備註", "說明", "附註"]
  /// The heading our forms write above a budget table.
  public static let budgetTitle = "年度重要施政計畫與預算"
  /// The heading our forms write above the score tables.
  public static let scoresTitle = "績效分數"
  /// The headers of the result our forms write under the scores, from the evaluation: the total
  /// computed from weights and achievements and its grade. Read back as nothing (recomputed).
  public static let computedScoreHeader = "計算總分", gradeHeader = "等第"
  /// The sheet our exports write the text outside the tables on.
  public static let proseSheet = "文字說明"

  /// 施政績效報告: targets, actuals, weights, achievement, points, narrative; reviews and scores.
  public static let performanceReport = TemplateSpec(
    kind: .performanceReport, title: "施政績效報告",
    columns: [goalColumn, indicatorColumn, measurementColumn, directionColumn, targetColumn, actualColumn, weightColumn,
              achievementColumn, lightColumn, pointsColumn, narrativeColumn, systemColumn, codeColumn, remarkColumn],
    reviewTitle: "未達目標值之關鍵策略目標檢討", reviewColumns: reviews, budgetColumns: nil, totalWords: totals, noteWords: notes)

  /// 年度施政計畫: goals, indicators, measurement standards, targets, budget and control codes.
  public static let annualPlan = TemplateSpec(
    kind: .annualPlan, title: "施政計畫",
    columns: [goalColumn, indicatorColumn, measurementColumn, directionColumn, targetColumn, weightColumn, systemColumn,
              methodColumn, budgetColumn, codeColumn, remarkColumn],
    reviewTitle: nil, reviewColumns: nil, budgetColumns: budgets, totalWords: totals, noteWords: notes)

  /// 中程施政計畫: a target per year under 年度績效目標值.
  public static let midTermPlan = TemplateSpec(
    kind: .midTermPlan, title: "中程施政計畫",
    columns: [sequenceColumn, goalColumn, numberColumn, indicatorColumn, systemColumn, methodColumn, measurementColumn, yearTargetsColumn,
              weightColumn, remarkColumn],
    reviewTitle: nil, reviewColumns: nil, budgetColumns: budgets, totalWords: totals, noteWords: notes)

  /// 季報: progress against the year's targets, quarter by quarter.
  public static let quarterlyReport = TemplateSpec(
    kind: .quarterlyReport, title: "施政計畫季報",
    columns: [goalColumn, indicatorColumn, measurementColumn, directionColumn, quarterTargetColumn, quarterActualColumn,
              targetToDateColumn, actualColumn, targetColumn, achievementColumn, lightColumn, narrativeColumn, codeColumn,
              remarkColumn],
    reviewTitle: "落後項目檢討", reviewColumns: reviews, budgetColumns: nil, totalWords: totals, noteWords: notes)

  /// The built-in template of each family.
  public static let builtIn: [ReportKind: TemplateSpec] = [
    .performanceReport: performanceReport, .annualPlan: annualPlan, .midTermPlan: midTermPlan,
    .quarterlyReport: quarterlyReport,
  ]

  /// A template by family name (`performance-report`) or from a JSON file.
  ///
  /// - Throws: when the file cannot be read or is not a template description.
  public static func named(_ nameOrPath: String) throws -> TemplateSpec {
    if let kind = ReportKind(rawValue: nameOrPath), let spec = builtIn[kind] { return spec }
    let data = try Data(contentsOf: URL(fileURLWithPath: nameOrPath))
    return try JSONDecoder().decode(TemplateSpec.self, from: data)
  }

  /// The description as JSON, keys sorted, for `Templates/<kind>.json`.
  public func jsonData() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(self)
  }
}

/// Header text reduced to what matters for matching: no white space or line breaks, ASCII
/// brackets, no trailing 「(%)」 or 「（千元）」 unit.
func normalizedHeader(_ text: String) -> String {
  // Whether any of the scalars below is there, looked for in the UTF-8 bytes: ASCII white space and
  // `*`, U+3000 (E3 80 80), and ＊（）： (EF BC 8A, 88, 89, 9A).
  func mayChange(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    while i < b.count {
      switch b[i] {
      case 0x20, 0x0A, 0x0D, 0x09, 0x2A: return true
      case 0xE3 where i + 2 < b.count && b[i + 1] == 0x80 && b[i + 2] == 0x80: return true
      case 0xEF where i + 2 < b.count && b[i + 1] == 0xBC:
        switch b[i + 2] {
        case 0x88, 0x89, 0x8A, 0x9A: return true
        default: break
        }
      default: break
      }
      i += 1
    }
    return false
  }
  var bytes = text
  guard bytes.withUTF8(mayChange) else { return text }
  var s = String.UnicodeScalarView()
  for c in text.unicodeScalars {
    switch c {
    case " ", "\u{3000}", "\n", "\r", "\t", "*", "＊": continue
    case "（": s.append("(")
    case "）": s.append(")")
    case "：": s.append(":")
    default: s.append(c)
    }
  }
  return String(s)
}
