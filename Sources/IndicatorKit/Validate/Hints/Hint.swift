// Hint: what a person does about a finding, from the catalog of the person's language
// (HintsZH.swift, HintsEN.swift): the checks say what is wrong, the catalog how to fix it.

extension Finding {
  /// What to do about the finding, in `language` (`en` for English, anything else Traditional
  /// Chinese); nil for a finding that asks nothing (information).
  public func hint(in language: String) -> String? {
    language.lowercased().hasPrefix("en") ? HintsEN.hint(for: self) : HintsZH.hint(for: self)
  }

  /// What goes before a hint where a person reads it: 「→ 建議：」, or "→ " in English.
  public static func hintLead(english: Bool) -> String { english ? "→ " : "→ 建議：" }

  /// A number of the details, by name.
  func number(_ key: String) -> Double? {
    if case .number(let v)? = details[key] { return v }
    return nil
  }

  /// A text of the details, by name.
  func text(_ key: String) -> String? {
    if case .text(let v)? = details[key] { return v }
    return nil
  }
}
