// FastText: the few string operations the importer and the validator run on every cell, done on
// Unicode scalars and UTF-8 bytes. Foundation's `trimmingCharacters` and `contains` bridge each
// string to NSString, and the Swift `Regex` engine walks grapheme clusters even where a pattern
// cannot match; together they took most of a merge's time (docs/BENCHMARKS.md).

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Unicode.Scalar {
  /// White space or a line break: the Unicode White_Space property, which is what Foundation's
  /// `CharacterSet.whitespacesAndNewlines` holds.
  @inline(__always) var isBlank: Bool {
    // The property's whole list (stable since Unicode 6.3), without a table lookup for every
    // ideograph: checked against `properties.isWhitespace` for every scalar in the tests.
    switch value {
    case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
    default: return false
    }
  }

  /// White space that is not a line break: Foundation's `CharacterSet.whitespaces` (space
  /// separators and tab).
  @inline(__always) var isSpace: Bool {
    switch value {
    case 0x20, 0x09: return true
    case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return false
    default: return isBlank
    }
  }

  /// A digit as `\d` matches one in a Swift regular expression: any character with a whole-number
  /// value, which is 0–9 of every script but also 十, 百, 〇 and ① (so 「百1234」 is one run of
  /// digits, and not a number `Double` can read).
  @inline(__always) var isRegexDigit: Bool {
    value < 0x80 ? (0x30...0x39).contains(value) : properties.numericType != nil && Character(self).isWholeNumber
  }

  /// A scalar that is a character on its own whatever surrounds it (no combining mark, joiner or
  /// other grapheme-cluster rule applies): ASCII, Latin-1, general punctuation, CJK punctuation,
  /// ideographs and full-width forms. Scans that compare scalars where the regular expressions
  /// compared characters agree with them on text made of these alone; other text goes to the
  /// expressions.
  @inline(__always) var isPlainCharacter: Bool {
    switch value {
    case 0..<0x80, 0xA0...0xFF, 0x2010...0x2027, 0x2030...0x205F, 0x3000...0x3029, 0x3030...0x303F, 0x3400...0x4DBF,
      0x4E00...0x9FFF, 0xFF00...0xFF9D, 0xFFA0...0xFFEF:
      return true
    default: return false
    }
  }
}

extension StringProtocol {
  /// The text without leading and trailing white space and line breaks, as
  /// `trimmingCharacters(in: .whitespacesAndNewlines)` gives it.
  var trimmed: String { trimmed(where: \.isBlank) }

  /// The text without leading and trailing spaces and tabs, as `trimmingCharacters(in: .whitespaces)`.
  var trimmedSpaces: String { trimmed(where: \.isSpace) }

  /// The text without the scalars `drop` accepts at either end.
  @inline(__always) func trimmed(where drop: (Unicode.Scalar) -> Bool) -> String {
    let u = unicodeScalars
    var start = u.startIndex
    var end = u.endIndex
    while start < end && drop(u[start]) { start = u.index(after: start) }
    while end > start {
      let p = u.index(before: end)
      guard drop(u[p]) else { break }
      end = p
    }
    if start == u.startIndex && end == u.endIndex { return String(self) }
    return String(String.UnicodeScalarView(u[start..<end]))
  }

  /// Whether any of `needles` occurs in the text, byte for byte: one pass over the words, the text's
  /// bytes taken once.
  func includesAny(_ needles: Needles) -> Bool {
    if let found = utf8.withContiguousStorageIfAvailable(needles.occur) { return found }
    var h = String(self)
    return h.withUTF8(needles.occur)
  }

  /// Whether `needle` occurs in the text, byte for byte (no Foundation bridging, no locale).
  func includes(_ needle: some StringProtocol) -> Bool {
    var n = String(needle)
    return n.withUTF8 { nb in
      if let found = utf8.withContiguousStorageIfAvailable({ occurs(nb, in: $0) }) { return found }
      var h = String(self)
      return h.withUTF8 { occurs(nb, in: $0) }
    }
  }

  /// Whether the scalar `c` occurs in the text: its UTF-8 bytes looked for among the text's (in
  /// UTF-8 no scalar's bytes can appear inside another's).
  @inline(__always) func hasScalar(_ c: Unicode.Scalar) -> Bool {
    var encoded: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
    return withUnsafeMutableBytes(of: &encoded) { raw in
      var n = 0
      UTF8.encode(c) { byte in
        raw[n] = byte
        n += 1
      }
      let needle = UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt8.self), count: n)
      if let found = utf8.withContiguousStorageIfAvailable({ occurs(needle, in: $0) }) { return found }
      return unicodeScalars.contains(c)
    }
  }

  /// Whether every scalar is a character on its own (``Unicode/Scalar/isPlainCharacter``).
  var isPlain: Bool { unicodeScalars.allSatisfy(\.isPlainCharacter) }
}

/// Whether two strings have the same UTF-8 bytes (`==` also takes canonically equivalent ones, and
/// is slow to find out for text that is not ASCII).
func sameBytes(_ a: String, _ b: String) -> Bool {
  var a = a, b = b
  return a.withUTF8 { x in
    b.withUTF8 { y in
      guard x.count == y.count, let xa = x.baseAddress, let ya = y.baseAddress else { return x.count == y.count }
      return memcmp(xa, ya, x.count) == 0
    }
  }
}

/// Words to look for with ``Swift/StringProtocol/includesAny(_:)``, as UTF-8 once and for all.
struct Needles: Sendable {
  let words: [[UInt8]]
  /// Bit `a << 8 | b` is set when a word starts with the bytes a, b: the text is read once, and a
  /// word compared only where its first two bytes are.
  private let pairs: [UInt64]
  /// A word shorter than two bytes, which the pairs cannot stand for.
  private let hasShort: Bool

  /// The words.
  init(_ words: [String]) {
    self.words = words.map { Array($0.utf8) }
    var pairs = [UInt64](repeating: 0, count: 1024)
    for w in self.words where w.count >= 2 {
      let key = Int(w[0]) << 8 | Int(w[1])
      pairs[key >> 6] |= 1 << UInt64(key & 63)
    }
    self.pairs = pairs
    hasShort = self.words.contains { $0.count < 2 }
  }

  /// Whether any word occurs in `h`.
  func occur(_ h: UnsafeBufferPointer<UInt8>) -> Bool {
    if hasShort { return words.contains { w in w.withUnsafeBufferPointer { occurs($0, in: h) } } }
    guard let base = h.baseAddress, h.count >= 2 else { return false }
    for i in 0..<(h.count - 1) {
      let key = Int(h[i]) << 8 | Int(h[i + 1])
      guard pairs[key >> 6] & (1 << UInt64(key & 63)) != 0 else { continue }
      for w in words where w.count <= h.count - i && w[0] == h[i] && w[1] == h[i + 1] {
        if w.withUnsafeBufferPointer({ memcmp(base + i, $0.baseAddress ?? base, w.count) }) == 0 { return true }
      }
    }
    return false
  }
}

/// Words grouped by the first (or last) byte of their UTF-8, each group in the words' order: the
/// first word a text starts (or ends) with is found among the few sharing that byte, not by trying
/// every word.
struct WordIndex<Value>: @unchecked Sendable {  // built once, never changed
  private let groups: [[(word: String, bytes: [UInt8], value: Value)]]

  init(_ words: [(String, Value)], byLastByte: Bool) {
    var groups = [[(word: String, bytes: [UInt8], value: Value)]](repeating: [], count: 256)
    for (w, v) in words {
      let bytes = Array(w.utf8)
      guard let key = byLastByte ? bytes.last : bytes.first else { continue }
      groups[Int(key)].append((w, bytes, v))
    }
    self.groups = groups
  }

  /// The first word, in the list's order, that `text` starts with.
  func first(startingAt text: some StringProtocol) -> (String, Value)? {
    guard let lead = text.utf8.first else { return nil }
    for g in groups[Int(lead)] where text.utf8.starts(with: g.bytes) { return (g.word, g.value) }
    return nil
  }

  /// The first word, in the list's order, that `text` ends with.
  func first(endingAt text: String) -> (String, Value)? {
    guard let last = text.utf8.last else { return nil }
    for g in groups[Int(last)] where text.utf8.count >= g.bytes.count && text.utf8.suffix(g.bytes.count).elementsEqual(g.bytes) {
      return (g.word, g.value)
    }
    return nil
  }
}

/// Whether the bytes `n` occur in `h`.
private func occurs(_ n: UnsafeBufferPointer<UInt8>, in h: UnsafeBufferPointer<UInt8>) -> Bool {
  guard let needle = n.baseAddress, !n.isEmpty else { return true }
  guard let hay = h.baseAddress, h.count >= n.count else { return false }
  // The last byte is tried first: in CJK text a needle's first byte (E5, E6, E7…) is everywhere,
  // its last (a continuation byte, one of 64) much less often.
  let m = n.count
  let first = needle[0], last = needle[m - 1]
  var i = 0
  let end = h.count - m
  while i <= end {
    if hay[i + m - 1] == last && hay[i] == first && memcmp(hay + i, needle, m) == 0 { return true }
    i += 1
  }
  return false
}

extension StringProtocol {
  /// Whether the text starts with `prefix`, byte for byte (`hasPrefix` compares characters with
  /// Unicode canonical equivalence, which is slow and not needed for the fixed words we look for).
  @inline(__always) func starts(bytes prefix: some StringProtocol) -> Bool { utf8.starts(with: prefix.utf8) }

  /// Whether the text ends with `suffix`, byte for byte.
  func ends(bytes suffix: some StringProtocol) -> Bool {
    let h = utf8, n = suffix.utf8
    guard h.count >= n.count else { return false }
    return h[h.index(h.endIndex, offsetBy: -n.count)...].elementsEqual(n)
  }
}
