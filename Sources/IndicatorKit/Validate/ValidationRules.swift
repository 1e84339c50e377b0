// ValidationRules: an agency's choices — which findings to drop and how serious the others are.

import Foundation

/// Per-agency rules: findings switched off or re-graded by code.
///
/// The file given to `jixiao validate --rules` is JSON:
/// `{"rules": {"points-mismatch": "off", "unmet-target": "error", "date-outside-year": "info"},
///   "lights": {"yellow": 0.9}, "grades": {"優等": 90, "甲等": 80, "乙等": 70, "丙等": 0}}`.
public struct ValidationRules: Sendable, Hashable {
  /// The severity each code is given; nil drops the findings of that code.
  public var overrides: [FindingCode: Severity?] = [:]
  /// The thresholds of lights and grades.
  public var grading = GradingRules()

  /// No overrides: every finding keeps its own severity.
  public init() {}

  /// Rules read from JSON text.
  ///
  /// - Throws: ``ValidationRulesError`` naming the unknown code or grade.
  public init(json: Data) throws {
    guard let object = try? JSONSerialization.jsonObject(with: json) as? [String: Any] else {
      throw ValidationRulesError(message: "the rules file is not a JSON object", messageZH: "規則檔不是 JSON 物件")
    }
    if let lights = object["lights"] as? [String: Any] {
      guard let yellow = (lights["yellow"] as? NSNumber)?.doubleValue, (0...1).contains(yellow) else {
        throw ValidationRulesError(message: "\"lights\" needs \"yellow\": the achievement (0 to 1) from which an unmet indicator is yellow",
                                   messageZH: "「lights」須有「yellow」：未達目標指標列為黃燈的達成度下限（0 至 1）")
      }
      grading.yellowFrom = yellow
    }
    if let grades = object["grades"] as? [String: Any] {
      var list: [Grade] = []
      for (name, value) in grades {
        guard let from = (value as? NSNumber)?.doubleValue else {
          throw ValidationRulesError(message: "grade '\(name)' needs the score it starts at", messageZH: "等第「\(name)」須有起始分數")
        }
        list.append(Grade(name, from: from))
      }
      grading.grades = list.sorted { $0.from > $1.from }
    }
    let rules = (object["rules"] as? [String: Any]) ?? object.filter { $0.key != "lights" && $0.key != "grades" }
    for (key, value) in rules {
      guard let code = FindingCode(rawValue: key) else {
        let known = FindingCode.allCases.map(\.rawValue).joined(separator: ", ")
        throw ValidationRulesError(message: "unknown finding code '\(key)' (known: \(known))",
                                   messageZH: "未知的檢核代碼「\(key)」（可用：\(known)）")
      }
      guard let grade = value as? String else {
        throw ValidationRulesError(message: "'\(key)' must be off, info, warning or error",
                                   messageZH: "「\(key)」的值須為 off、info、warning 或 error")
      }
      if grade == "off" {
        overrides[code] = .some(nil)
      } else if let s = Severity(rawValue: grade) {
        overrides[code] = .some(s)
      } else {
        throw ValidationRulesError(message: "'\(key)': '\(grade)' is not off, info, warning or error",
                                   messageZH: "「\(key)」：「\(grade)」不是 off、info、warning 或 error")
      }
    }
  }

  /// The finding as the rules grade it, or nil when its code is switched off.
  public func apply(_ finding: Finding) -> Finding? {
    guard let override = overrides[finding.code] else { return finding }
    guard let severity = override else { return nil }
    var f = finding
    f.severity = severity
    return f
  }
}

/// A rules file that cannot be used.
public struct ValidationRulesError: Error, Sendable, CustomStringConvertible {
  /// What is wrong, in English.
  public var message: String
  /// What is wrong, in Traditional Chinese.
  public var messageZH: String
  /// The English message.
  public var description: String { message }
}
