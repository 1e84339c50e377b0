// RawRewriter: copies an XML part token by token, exactly as written, except the tokens a caller
// replaces or drops.

/// An attribute as written in the input: its qualified name and its value still escaped.
struct RawAttribute {
  /// The qualified name.
  var name: String
  /// The value as written, escaped.
  var value: [UInt8]
  /// The value unescaped.
  var text: String

  /// An attribute as read.
  init(name: String, value: [UInt8], text: String) {
    self.name = name
    self.value = value
    self.text = text
  }

  /// An attribute with an unescaped value.
  init(name: String, text: String) {
    self.name = name
    self.text = text
    var v: [UInt8] = []
    XMLWriter.appendEscapedAttribute(text, to: &v)
    self.value = v
  }
}

/// Copies a part from a pull parser with raw capture to an output, token by token.
///
/// Call ``next()`` to advance: the previous token is written as it was unless it was replaced or
/// dropped. Bytes go to ``capture`` while it is set, otherwise to the output buffer, flushed to the
/// sink now and then.
final class RawRewriter {
  let parser: XMLPullParser
  private let sink: ByteSink
  private var out: [UInt8] = []
  private var pending: UnsafeBufferPointer<UInt8>?
  /// When set, output is appended here instead of to the sink.
  var capture: [UInt8]?

  init(parser: XMLPullParser, sink: ByteSink) {
    self.parser = parser
    self.sink = sink
    out.reserveCapacity(1 << 16)
  }

  /// Writes the previous token unless it was replaced, then advances and writes what lay before the
  /// new token (comments, white space).
  func next() throws -> XMLToken {
    if let p = pending { emit(p) }
    pending = nil
    let token = try parser.next()
    let raw = parser.takeRaw()
    emit(raw.before)
    pending = raw.token
    if out.count >= 1 << 16 { try flush() }
    return token
  }

  /// The current token's bytes as written.
  var currentRaw: UnsafeBufferPointer<UInt8> { pending ?? UnsafeBufferPointer(start: nil, count: 0) }

  /// Whether the current start tag closes itself (`<x/>`).
  var isSelfClosing: Bool {
    let t = currentRaw
    return t.count >= 2 && t[t.count - 2] == 0x2F && t[t.count - 1] == 0x3E
  }

  /// Replaces the current token by `bytes`.
  func replace(with bytes: [UInt8]) {
    pending = nil
    emit(bytes)
  }

  /// Drops the current token.
  func drop() { pending = nil }

  /// Writes the current token now (to ``capture`` when set).
  func keep() {
    if let p = pending { emit(p) }
    pending = nil
  }

  /// Writes bytes at the current position (before the current token if it is still pending).
  func insert(_ bytes: [UInt8]) {
    emit(bytes)
  }

  /// The current start tag's attributes as written.
  func attributes() throws -> [RawAttribute] {
    try parser.attributeSlices.map { pair in
      let name = parser.withBytes(pair.name) { String(decoding: $0, as: UTF8.self) }
      let value = parser.withBytes(pair.value) { Array($0) }
      return RawAttribute(name: name, value: value, text: try parser.string(pair.value))
    }
  }

  /// A start tag named like the current one with `attributes`, self-closing when `empty`.
  func startTag(_ attributes: [RawAttribute], empty: Bool) -> [UInt8] {
    RawRewriter.tag(parser.qualifiedName, attributes, empty: empty)
  }

  /// Serialises a start tag, each value between double quotes.
  static func tag(_ name: String, _ attributes: [RawAttribute], empty: Bool) -> [UInt8] {
    var b: [UInt8] = [0x3C]
    b.append(contentsOf: name.utf8)
    for a in attributes {
      b.append(0x20)
      b.append(contentsOf: a.name.utf8)
      b.append(contentsOf: "=\"".utf8)
      for c in a.value {
        if c == 0x22 { b.append(contentsOf: "&quot;".utf8) } else { b.append(c) }
      }
      b.append(0x22)
    }
    if empty { b.append(0x2F) }
    b.append(0x3E)
    return b
  }

  /// Replaces the current start tag with one whose attributes went through `change`, keeping it
  /// byte for byte when nothing changed.
  func rewriteAttributes(_ change: (inout [RawAttribute]) -> Void) throws {
    let before = try attributes()
    var after = before
    change(&after)
    let same = before.count == after.count
      && zip(before, after).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    if !same { replace(with: startTag(after, empty: isSelfClosing)) }
  }

  /// Writes the pending token and everything still buffered to the sink.
  func finish() throws {
    if let p = pending { emit(p) }
    pending = nil
    try flush()
  }

  private func emit(_ bytes: UnsafeBufferPointer<UInt8>) {
    if capture != nil { capture?.append(contentsOf: bytes) } else { out.append(contentsOf: bytes) }
  }

  private func emit(_ bytes: [UInt8]) {
    if capture != nil { capture?.append(contentsOf: bytes) } else { out.append(contentsOf: bytes) }
  }

  private func flush() throws {
    try out.withUnsafeBufferPointer { try sink.write($0) }
    out.removeAll(keepingCapacity: true)
  }
}

extension Array where Element == RawAttribute {
  /// The value of attribute `name`, unescaped.
  func text(_ name: String) -> String? { first { $0.name == name }?.text }

  /// Sets attribute `name` to `text` (escaped), appending it when absent.
  mutating func set(_ name: String, _ text: String) {
    let a = RawAttribute(name: name, text: text)
    if let i = firstIndex(where: { $0.name == name }) { self[i] = a } else { append(a) }
  }

  /// Sets attribute `name` to `text` and puts it first, where `r` is written on rows and cells.
  mutating func setFirst(_ name: String, _ text: String) {
    remove(name)
    insert(RawAttribute(name: name, text: text), at: 0)
  }

  /// Removes attribute `name`.
  mutating func remove(_ name: String) { removeAll { $0.name == name } }

  /// Applies `transform` to the value of attribute `name` when present.
  mutating func map(_ name: String, _ transform: (String) -> String) {
    guard let i = firstIndex(where: { $0.name == name }) else { return }
    let old = self[i].text
    let new = transform(old)
    if new != old { self[i] = RawAttribute(name: name, text: new) }
  }
}
