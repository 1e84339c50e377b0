// LineRecogniser: the shape every recogniser of a line or row of text has — a cheap test beside
// the pattern it guards, so that the two can be checked against each other.

/// Recognises one kind of text in a sheet (a title, a signature line, a total row's word…).
///
/// `mayMatch` is a quick test that runs on every text of a sheet; `read` is the real pattern,
/// which may be slow. The contract, checked by the tests on every fixture's texts and on generated
/// ones: `read(t) != nil` implies `mayMatch(t)`. Callers use ``match(_:)``.
protocol LineRecogniser {
  associatedtype Match
  /// False when ``read(_:)`` surely finds nothing in `text`.
  static func mayMatch(_ text: String) -> Bool
  /// The pattern itself, without the quick test.
  static func read(_ text: String) -> Match?
}

extension LineRecogniser {
  /// The quick test, then the pattern.
  static func match(_ text: String) -> Match? { mayMatch(text) ? read(text) : nil }
}
