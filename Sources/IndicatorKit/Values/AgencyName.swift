// AgencyName: when two names are one agency — the one rule the importer (its title against its
// export stamp), the merge (resubmissions) and the roster (who has submitted) share.

/// Agency names compared as people write them.
public enum AgencyName {
  /// Whether `a` and `b` name one agency: the same letters and digits (spaces, punctuation and
  /// full-width forms aside, ``Validator/nameKey(_:)``), or one is the other with its government
  /// in front (財政處 and 新竹縣政府財政處).
  public static func same(_ a: String, _ b: String) -> Bool { sameKey(key(a), key(b)) }

  /// The name's key: its letters and digits (``Validator/nameKey(_:)``).
  public static func key(_ name: String) -> String { Validator.nameKey(name) }

  /// ``same(_:_:)`` on keys already worked out.
  public static func sameKey(_ x: String, _ y: String) -> Bool {
    guard !x.isEmpty, !y.isEmpty else { return false }
    return x == y || (min(x.count, y.count) >= 2 && (x.hasSuffix(y) || y.hasSuffix(x)))
  }

  /// The name without the government in front: 新竹縣政府財政處 → 財政處.
  public static func withoutGovernment(_ name: String) -> String {
    guard let r = name.range(of: "政府"), r.upperBound < name.endIndex else { return name }
    return String(name[r.upperBound...])
  }
}
