// TableCaption: the heading that names the table under it — 「未達目標值之關鍵策略目標檢討」,
// 「年度重要施政計畫與預算」, 「肆、年度重要施政計畫與預算配合對照表」. Part of the table's frame, like
// its header row: read, and not kept as prose.

/// A table's caption; the match is the caption word it contains.
struct TableCaption {
  /// The captions: every template's review title and the budget table's.
  let captions: [String]

  init(template: TemplateSpec?) {
    var all = TemplateSpec.builtIn.values.compactMap(\.reviewTitle) + [TemplateSpec.budgetTitle, TemplateSpec.scoresTitle, "未達目標檢討"]
    if let own = template?.reviewTitle { all.append(own) }
    captions = Array(Set(all)).sorted { $0.count > $1.count }
  }

  func mayMatch(_ text: String) -> Bool { text.count <= 60 && (text.includes("檢討") || text.includes("預算") || text.includes("分數")) }

  /// The caption `text` names, after a list label (「肆、」) and before a tail such as 「配合對照表」.
  func read(_ text: String) -> String? {
    var t = Substring(text.trimmed)
    // 「肆、」: the formal numerals of a document's sections.
    if let first = t.first, "壹貳參肆伍陸柒捌玖拾".contains(first) { t = t.drop { "壹貳參肆伍陸柒捌玖拾、 ".contains($0) } }
    let s = String(t)
    let body = LabeledName.labelEnd(s).map { String(s[$0...]) } ?? s
    return captions.first { body.hasPrefix($0) }
  }

  func match(_ text: String) -> String? { mayMatch(text) ? read(text) : nil }
}
