// GoalRow: a goal on a row of its own inside an indicator table — in the goal column with the
// indicator cell empty, or, in outline tables pasted from Word, in the indicator column itself
// (「一、推動智慧城市」 with its weight, then 「1.電子公文比率」 …). Such a row has no target, actual,
// achievement, points or measurement of its own; its weight is the goal's.

/// Decides whether an indicator-table row is a goal row.
enum GoalRow {
  /// What the row holds, as the indicator table reads it.
  struct Row {
    /// The goal cell's own text ("" when empty or merged down from above).
    var goalText: String
    /// The indicator cell's text.
    var indicatorText: String
    /// Whether the table has a goal column.
    var hasGoalColumn: Bool
    /// Whether the row has a target, actual, achievement, points, measurement or year target of its own.
    var hasIndicatorValues: Bool
  }

  /// The goal's text when `row` is a goal row.
  static func goalText(_ row: Row) -> String? {
    guard !row.hasIndicatorValues else { return nil }
    if row.hasGoalColumn && !row.goalText.isEmpty && row.indicatorText.isEmpty { return row.goalText }
    if row.goalText.isEmpty && isGoalLabelled(row.indicatorText) { return row.indicatorText }
    return nil
  }

  /// Quick test for ``isGoalLabelled(_:)``: a Chinese numeral first.
  static func mayBeGoalLabelled(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first(where: { !$0.isBlank }) else { return false }
    return numerals.unicodeScalars.contains(first)
  }

  /// 「一、推動智慧城市」, the label of a goal in an outline (「(一)」 numbers indicators).
  static func isGoalLabelled(_ text: String) -> Bool {
    guard mayBeGoalLabelled(text) else { return false }
    let t = text.trimmed
    let digits = t.prefix { numerals.contains($0) }
    guard !digits.isEmpty, let next = t.dropFirst(digits.count).first else { return false }
    return next == "、" || next == "." || next == "．"
  }

  static let numerals = "一二三四五六七八九十"
}
