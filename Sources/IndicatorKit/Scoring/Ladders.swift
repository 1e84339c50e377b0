// Ladders: milestone targets — 「1.完成規劃 20% 2.完成發包 40% 3.施工 80% 4.完工驗收 100%」 in the
// target or the 衡量標準 — against an actual (and a target) that names a step, gives a share or a
// step's number.

/// Judging milestone ladders.
enum Ladders {
  /// The steps a measurement standard lists, if it is a ladder.
  static func steps(_ measurement: String?) -> [Milestone]? {
    guard let m = measurement else { return nil }
    // A ladder has two shares or more.
    let shares = m.unicodeScalars.lazy.filter { $0 == "%" || $0 == "％" }.count
    if shares >= 2, let steps = QuantityParser.milestones(in: QuantityParser.normalize(m)) {
      return steps
    }
    return m.includes("者得") ? pointSteps(QuantityParser.normalize(m)) : nil
  }

  /// 「完成委託規劃設計者得25分；完成工程招標者得50分；…；完成驗收者得100分」: each step's share is
  /// its points over the last step's.
  static func pointSteps(_ s: String) -> [Milestone]? {
    let found = s.matches(of: Patterns.pointStep).compactMap { m -> (String, Double)? in
      guard let points = Double(m.output.2) else { return nil }
      return (String(m.output.1).trimmed, points)
    }
    guard found.count >= 2, let top = found.last?.1, top > 0,
      zip(found, found.dropFirst()).allSatisfy({ $0.1 < $1.1 })
    else { return nil }
    return found.enumerated().map { Milestone(step: $0.offset + 1, label: $0.element.0, share: $0.element.1 / top) }
  }

  /// achievement = the share reached ÷ the share targeted, capped; met when the targeted share is
  /// reached. A target that is the ladder itself, or names none of its steps, targets the last step.
  static func judge(target: Quantity, actual: Quantity, steps: [Milestone], rule: AchievementRule, into e: inout Evaluation) {
    guard let last = steps.last else { return }
    let targeted = target.milestones != nil ? last.share : (share(of: target, steps) ?? last.share)
    guard let reached = share(of: actual, steps) else {
      e.reason = "the actual names no step of the ladder: " + steps.map(\.label).joined(separator: "、")
      return
    }
    guard targeted > 0 else { return }
    let ratio = reached / targeted
    e.ratio = ratio
    e.achievement = min(max(ratio, 0), rule.cap)
    e.verdict = reached + 1e-9 >= targeted ? .met : .unmet
  }

  /// The share a value stands for: a percentage, a step's number, or a step's name (widths,
  /// spaces and punctuation ignored; the longest step name the text holds).
  static func share(of q: Quantity, _ steps: [Milestone]) -> Double? {
    if let n = q.number {
      if q.unit == "%" { return n }
      if q.unit == nil || q.unit == "階段" || q.unit == "步" {
        if n == n.rounded(), n >= 1, Int(n) <= steps.count { return steps[Int(n) - 1].share }
        return n > 1 ? n / 100 : n
      }
    }
    let text = key(q.text)
    guard !text.isEmpty else { return nil }
    var best: Milestone?
    for step in steps {
      let name = key(step.label)
      guard !name.isEmpty, text.includes(name) || name.includes(text) else { continue }
      if best.map({ name.count > key($0.label).count }) ?? true { best = step }
    }
    return best?.share
  }

  /// A text compared by its letters: widths folded, spaces and punctuation dropped.
  static func key(_ s: String) -> String {
    let t = QuantityParser.normalize(s)
    return String(String.UnicodeScalarView(t.unicodeScalars.filter { !$0.isBlank && !"，。、：:；;()（）「」.".unicodeScalars.contains($0) }))
  }
}

private enum Patterns {
  nonisolated(unsafe) static let pointStep = /([^；;，,。]+?)者得\s*(\d+(?:\.\d+)?)\s*分/
}
