// Report: a plan or report of one agency — facets, goals, indicators, reviews, scores, budget.

import Foundation

/// The families of documents Jixiao reads and writes.
public enum ReportKind: String, Codable, Sendable, CaseIterable {
  /// 年度施政計畫: an annual plan (targets, no actuals).
  case annualPlan = "annual-plan"
  /// 中程施政計畫: a four-year plan (a target per year).
  case midTermPlan = "mid-term-plan"
  /// 施政績效報告: an annual performance report (targets, actuals, achievement, scores).
  case performanceReport = "performance-report"
  /// 季報: a quarterly progress report.
  case quarterlyReport = "quarterly-report"

  /// Whether the family reports actuals.
  public var hasActuals: Bool { self == .performanceReport || self == .quarterlyReport }

  /// The family's name as people read it: 年度施政計畫, 中程施政計畫, 施政績效報告, 季報 (or in English).
  public func name(english: Bool) -> String {
    switch self {
    case .annualPlan: return english ? "annual plan" : "年度施政計畫"
    case .midTermPlan: return english ? "mid-term plan" : "中程施政計畫"
    case .performanceReport: return english ? "performance report" : "施政績效報告"
    case .quarterlyReport: return english ? "quarterly report" : "季報"
    }
  }
}

/// Where a piece of the model was read from.
public struct SourceLocation: Codable, Sendable, Hashable {
  /// The file's name or path.
  public var file: String?
  /// The sheet's name.
  public var sheet: String?
  /// The 1-based row.
  public var row: Int?
  /// The cell of each field, in A1 notation: `{"target": "C5", "actual": "D5"}`.
  public var cells: [String: String]?

  /// Creates a location.
  public init(file: String? = nil, sheet: String? = nil, row: Int? = nil, cells: [String: String]? = nil) {
    self.file = file
    self.sheet = sheet
    self.row = row
    self.cells = cells
  }
}

/// A performance indicator (績效指標, 衡量指標, 關鍵績效指標, 共同性指標).
public struct Indicator: Codable, Sendable, Hashable {
  /// The label as written: 「(1)」, 「1.」, 「(一)」.
  public var label: String?
  /// The name without label or weight.
  public var name: String
  /// The weight, as a fraction of the whole report (5.0% → 0.05).
  public var weight: Double?
  /// 衡量標準: the measurement standard as written.
  public var measurement: String?
  /// The formula inside the measurement standard (「計算公式：…×100%」), if any.
  public var formula: String?
  /// The target (原定目標值) of a single-year document.
  public var target: Quantity?
  /// Targets by ROC year, for multi-year plans: `{"111": …, "112": …}`.
  public var targets: [String: Quantity]?
  /// The actual (達成目標值, 達成值); in a quarterly report, the cumulative actual to date (累計).
  public var actual: Quantity?
  /// A quarterly report's progress columns, by name: `quarterTarget` (本季目標), `quarterActual`
  /// (本季達成), `targetToDate` (累計目標). One reference, not three values in every indicator.
  public var progress: [String: Quantity]?
  /// The stated achievement (達成度), as a fraction (100.00% → 1.0).
  public var achievement: Double?
  /// The achievement Jixiao computes from target and actual, as a fraction (the evaluation's).
  public var computedAchievement: Double?
  /// The indicator judged against its period's target (``Evaluator``): computed on import and
  /// whenever a model is read from JSON, never taken as stated.
  public var evaluation: Evaluation? {
    get { evaluationBox?.value }
    set { evaluationBox = newValue.map(Boxed.init) }
  }
  /// ``evaluation``, held by reference: every indicator is copied many times on its way through a
  /// merge, and one reference copies faster than the whole judgement.
  private var evaluationBox: Boxed<Evaluation>?
  /// Stated points earned (項目權分), which some reports give instead of weights × achievement.
  public var points: Double?
  /// 達成情形 / 績效衡量暨達成情形分析: the narrative.
  public var narrative: String?
  /// 評估體制: the evaluation-system code (1–5).
  public var evaluationSystem: String?
  /// 評估方式: the evaluation method (統計數據, 實地查證, …).
  public var evaluationMethod: String?
  /// 管考代碼: the control code.
  public var controlCode: String?
  /// Budget in thousands of NT$ (千元).
  public var budget: Double?
  /// Whether this is a common indicator (共同性指標) rather than an agency's own.
  public var isCommon: Bool?
  /// Whether this is a bonus item (加分), which carries no weight.
  public var isBonus: Bool?
  /// The most a bonus item may add, as written.
  public var bonusCap: Double?
  /// Which way is better; nil means Jixiao infers it from the target and the name.
  public var direction: Direction?
  /// Columns the template does not know, kept by their header.
  public var extra: [String: String]?
  /// Where it was read from.
  public var source: SourceLocation?

  enum CodingKeys: String, CodingKey {
    case label, name, weight, measurement, formula, target, targets, actual, progress, achievement, computedAchievement
    case evaluationBox = "evaluation"
    case points, narrative, evaluationSystem, evaluationMethod, controlCode, budget, isCommon, isBonus, bonusCap, direction
    case extra, source
  }

  /// Creates an indicator.
  public init(name: String, label: String? = nil, weight: Double? = nil) {
    self.name = name
    self.label = label
    self.weight = weight
  }
}

extension Indicator {
  /// A quarterly report's target for the quarter (本季目標).
  public var quarterTarget: Quantity? {
    get { progress?["quarterTarget"] }
    set { setProgress("quarterTarget", newValue) }
  }
  /// What the quarter itself achieved (本季達成).
  public var quarterActual: Quantity? {
    get { progress?["quarterActual"] }
    set { setProgress("quarterActual", newValue) }
  }
  /// A quarterly report's target to date (累計目標).
  public var targetToDate: Quantity? {
    get { progress?["targetToDate"] }
    set { setProgress("targetToDate", newValue) }
  }

  private mutating func setProgress(_ key: String, _ value: Quantity?) {
    var p = progress ?? [:]
    p[key] = value
    progress = p.isEmpty ? nil : p
  }
}

/// A strategic goal (關鍵策略目標, 策略績效目標, 策略目標, 計畫名稱).
public struct Goal: Codable, Sendable, Hashable {
  /// The label as written: 「一、」, 「1.」.
  public var label: String?
  /// The name without label, weight or tag.
  public var name: String
  /// The weight, as a fraction.
  public var weight: Double?
  /// A category tag: 業務成果, 行政效率, 財務管理, 組織學習, 人力, 經費, 性別平等.
  public var category: String?
  /// 實施內容 or other description.
  public var description: String?
  /// Budget in thousands of NT$, when the plan gives one per goal.
  public var budget: Double?
  /// The indicators.
  public var indicators: [Indicator]
  /// Where it was read from.
  public var source: SourceLocation?

  /// Creates a goal.
  public init(name: String, label: String? = nil, weight: Double? = nil, indicators: [Indicator] = []) {
    self.name = name
    self.label = label
    self.weight = weight
    self.indicators = indicators
  }
}

/// A facet (面向): 業務面, 共同面, 核心業務面向, …
public struct Facet: Codable, Sendable, Hashable {
  /// The label, such as 「一、」.
  public var label: String?
  /// The name, or nil for a report without facets.
  public var name: String?
  /// The weight, as a fraction (業務面 55% → 0.55).
  public var weight: Double?
  /// A stated total of points (「權分合計 35 分」).
  public var statedTotal: Double?
  /// A stated total of the weights (a 合計 row under the 權重 column), as a fraction.
  public var statedWeightTotal: Double?
  /// A stated score (業務面向分數 54.83).
  public var statedScore: Double?
  /// The goals.
  public var goals: [Goal]
  /// Where it was read from.
  public var source: SourceLocation?

  /// Creates a facet.
  public init(name: String?, weight: Double? = nil, goals: [Goal] = []) {
    self.name = name
    self.weight = weight
    self.goals = goals
  }
}

/// An entry of the 未達目標檢討 table: why a target was not met and what will be done.
public struct UnmetReview: Codable, Sendable, Hashable {
  /// The goal as written in the review table.
  public var goal: String?
  /// The indicator as written.
  public var indicator: String
  /// The stated gap (達成度差異值), as a fraction.
  public var gap: Double?
  /// The reason and remedy (未達成原因說明暨解決對策).
  public var explanation: String?
  /// Where it was read from.
  public var source: SourceLocation?

  /// Creates a review entry.
  public init(indicator: String, goal: String? = nil, gap: Double? = nil, explanation: String? = nil) {
    self.indicator = indicator
    self.goal = goal
    self.gap = gap
    self.explanation = explanation
  }
}

/// A score or total a report states (業務面向分數, 權分合計, 績效總分).
public struct StatedScore: Codable, Sendable, Hashable {
  /// What it scores: a facet's name, 「具體施政績效」, or 「總分」.
  public var name: String
  /// The value as written (points, not a fraction).
  public var value: Double
  /// Where it was read from.
  public var source: SourceLocation?

  /// Whether a stated score's name is the report's total (績效總分, 總分, 「總分」 under any prefix).
  public static func isTotal(_ name: String) -> Bool { name.includes("總分") }

  /// Creates a stated score.
  public init(name: String, value: Double) {
    self.name = name
    self.value = value
  }
}

/// A line of a budget table (計畫名稱 · 實施內容 · 經費(千元) · 備註).
public struct BudgetItem: Codable, Sendable, Hashable {
  /// The plan's name.
  public var name: String
  /// The label, such as 「一、」.
  public var label: String?
  /// What is done (實施內容).
  public var content: String?
  /// The amount in thousands of NT$.
  public var amount: Double?
  /// Notes (備註).
  public var note: String?
  /// Where it was read from.
  public var source: SourceLocation?

  /// Creates a budget item.
  public init(name: String, amount: Double? = nil) {
    self.name = name
    self.amount = amount
  }
}

/// A line of the signature block under a table: 「承辦人：林小姐」, 「科長：」.
public struct Signature: Codable, Sendable, Hashable {
  /// The role or contact field as written: 承辦人, 電話, 科長, 製表日期.
  public var role: String
  /// What follows it; "" where the form leaves it blank.
  public var value: String
  /// Where it was read from.
  public var source: SourceLocation?

  /// Creates a signature line.
  public init(role: String, value: String) {
    self.role = role
    self.value = value
  }
}

/// One agency's plan or report.
public struct Report: Codable, Sendable, Hashable {
  /// The version of this JSON contract.
  public var modelVersion: Int = indicatorModelVersion
  /// The family of the document.
  public var kind: ReportKind
  /// The agency (機關), e.g. 新竹縣政府行政處.
  public var agency: String?
  /// The title as written.
  public var title: String?
  /// The ROC years it covers.
  public var years: [Int]
  /// The facets; a report without facets has one whose name is nil.
  public var facets: [Facet]
  /// The unmet-target reviews (未達目標檢討).
  public var reviews: [UnmetReview]?
  /// Scores and totals the document states.
  public var statedScores: [StatedScore]?
  /// The budget table.
  public var budgetItems: [BudgetItem]?
  /// Code legends: `{"評估體制": {"1": "…"}, "管考代碼": {"5": "自行列管"}}`.
  public var legends: [String: [String: String]]?
  /// Notes (註：…).
  public var notes: [String]?
  /// The text outside the tables, in order: section headings and paragraphs (前言, 具體施政績效).
  public var prose: [String]?
  /// The signature block: who filled the form in and who checked it.
  public var signatures: [Signature]?
  /// The title block's other lines: `{"填報月份": "114年12月", "單位": "%"}`.
  public var metadata: [String: String]?
  /// Where it was read from.
  public var source: SourceLocation?

  /// Creates a report.
  public init(kind: ReportKind, agency: String? = nil, years: [Int] = [], facets: [Facet] = []) {
    self.kind = kind
    self.agency = agency
    self.years = years
    self.facets = facets
  }

  /// The total score the report states (績效總分, 總分): the one stated score that is the whole's.
  public var statedTotalScore: StatedScore? { statedScores?.first { StatedScore.isTotal($0.name) } }

  /// How many indicators the report has (without listing them as ``allIndicators`` does).
  public var indicatorCount: Int { facets.reduce(0) { $0 + $1.goals.reduce(0) { $0 + $1.indicators.count } } }

  /// The first indicator, in document order.
  public var firstIndicator: Indicator? {
    for f in facets { for g in f.goals { if let i = g.indicators.first { return i } } }
    return nil
  }

  /// Every indicator with its facet and goal, in document order.
  public var allIndicators: [(facet: Facet, goal: Goal, indicator: Indicator)] {
    facets.flatMap { f in f.goals.flatMap { g in g.indicators.map { (f, g, $0) } } }
  }
}

/// The version of the indicator model's JSON contract (`modelVersion`).
public let indicatorModelVersion = 1

/// A value held by reference, coded as the value itself.
final class Boxed<Value: Codable & Sendable & Hashable>: Codable, Sendable, Hashable {
  let value: Value

  init(_ value: Value) { self.value = value }

  init(from decoder: Decoder) throws { value = try Value(from: decoder) }

  func encode(to encoder: Encoder) throws { try value.encode(to: encoder) }

  static func == (a: Boxed, b: Boxed) -> Bool { a.value == b.value }

  func hash(into hasher: inout Hasher) { hasher.combine(value) }
}
