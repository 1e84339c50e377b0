// XMLPullParser: a streaming, non-validating XML pull parser over chunks of UTF-8 bytes.
//
// It keeps one growable window of the input and hands out tokens as offsets into it, so reading a
// sheet of ten million cells allocates nothing per element. It refuses DTDs (no entity is ever
// expanded beyond the five predefined ones and character references), checks that end tags match,
// and reports the line of any error.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Something that yields bytes in chunks: a zip entry, or bytes already in memory.
public protocol ByteSource: AnyObject {
  /// Reads up to `count` bytes into `buffer`; returns 0 at the end.
  func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int
}

extension ZipEntryReader: ByteSource {}

/// A ``ByteSource`` over bytes held in memory.
public final class MemoryByteSource: ByteSource {
  private let bytes: [UInt8]
  private var offset = 0

  /// Creates a source that yields `bytes`.
  public init(_ bytes: [UInt8]) { self.bytes = bytes }

  public func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
    let n = min(count, bytes.count - offset)
    if n <= 0 { return 0 }
    bytes.withUnsafeBytes { raw in
      if let base = raw.baseAddress { buffer.copyMemory(from: base + offset, byteCount: n) }
    }
    offset += n
    return n
  }
}

/// Bounds on what one XML part may contain.
public struct XMLLimits: Sendable, Equatable {
  /// The deepest element nesting accepted.
  public var maxDepth: Int = 256
  /// The longest single token (a tag with its attributes, or a run of text), in bytes.
  public var maxTokenSize: Int = 64 << 20
  /// The most attributes on one element.
  public var maxAttributes: Int = 1_024
  /// The default limits.
  public init() {}
}

/// A byte range inside the parser's window, valid until the next call to ``XMLPullParser/next()``.
public struct XMLSlice: Sendable {
  /// Offset of the first byte in the window.
  public var start: Int
  /// Number of bytes.
  public var count: Int
  /// Whether the bytes contain `&` and so need entity decoding.
  public var hasEntities: Bool
  /// Whether the bytes contain a literal carriage return, which XML reads as a line feed (CR LF
  /// and a lone CR both become LF; a `&#13;` stays CR).
  public var hasCarriageReturn = false

  /// A slice of `count` bytes from `start`.
  public init(start: Int, count: Int, hasEntities: Bool, hasCarriageReturn: Bool = false) {
    self.start = start
    self.count = count
    self.hasEntities = hasEntities
    self.hasCarriageReturn = hasCarriageReturn
  }
}

/// The kinds of token ``XMLPullParser/next()`` returns.
public enum XMLToken: Sendable, Equatable {
  /// A start tag (also for an empty element, which is followed by a synthetic ``end``).
  case start
  /// An end tag.
  case end
  /// Character data between tags (including CDATA sections, which never need decoding).
  case text
  /// The end of the document.
  case eof
}

/// A streaming XML pull parser.
///
/// Call ``next()`` until it returns ``XMLToken/eof``. After ``XMLToken/start`` or ``XMLToken/end``,
/// ``isLocalName(_:)`` and ``localName`` describe the element and ``attribute(_:)`` its attributes
/// (start tags only). After ``XMLToken/text``, ``appendText(to:)`` copies the decoded text.
/// Namespace prefixes are ignored: elements match by local name, as OOXML readers must.
public final class XMLPullParser {
  private let source: ByteSource
  /// The part name, for error messages.
  public let part: String
  private let limits: XMLLimits

  var buffer: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  var pos = 0
  var end = 0
  private var sourceDone = false
  private var linesBeforeWindow = 1

  // Current token.
  private var nameStart = 0
  private var nameCount = 0
  private var localStart = 0
  private var textSlice = XMLSlice(start: 0, count: 0, hasEntities: false)
  private var textIsCDATA = false
  var pendingEnd = false
  /// Whether token bytes are kept for ``takeRaw()``.
  public let capturesRaw: Bool
  private var rawStart = 0
  private var tokenStart = 0
  private var attrs: [(name: XMLSlice, value: XMLSlice)] = []

  // Open elements: each level keeps its qualified name's length, a hash of it, and its first
  // `slotSize` bytes, in storage allocated once.
  private static let slotSize = 48
  private var openCount = 0
  private var openLengths: UnsafeMutablePointer<Int>
  private var openHashes: UnsafeMutablePointer<UInt64>
  private var openNames: UnsafeMutablePointer<UInt8>
  private var seenRoot = false

  /// The current nesting depth (the root element is depth 1 while open).
  public var depth: Int { openCount }

  /// Creates a parser reading from `source`.
  ///
  /// With `captureRaw`, the bytes of every token and of what lies between tokens stay available to
  /// ``takeRaw()``, so that a part can be copied verbatim except where it is changed.
  public init(source: ByteSource, part: String, limits: XMLLimits = XMLLimits(), chunkSize: Int = 1 << 18,
              captureRaw: Bool = false) {
    self.capturesRaw = captureRaw
    self.source = UTF16Source(source, part: part, refuseUTF16: captureRaw)
    self.part = part
    self.limits = limits
    self.capacity = max(min(chunkSize, limits.maxTokenSize), 4096)
    self.buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    let levels = limits.maxDepth + 1
    openLengths = .allocate(capacity: levels)
    openHashes = .allocate(capacity: levels)
    openNames = .allocate(capacity: levels * XMLPullParser.slotSize)
  }

  deinit {
    buffer.deallocate()
    openLengths.deallocate()
    openHashes.deallocate()
    openNames.deallocate()
  }

  // MARK: - Errors

  /// The 1-based line of the current position.
  public var line: Int {
    linesBeforeWindow + countLines(0, min(pos, end))
  }

  /// An error located at the current line of this part.
  public func error(_ code: XLSXError.Code, _ message: String, facts: XLSXError.Facts = .init()) -> XLSXError {
    XLSXError(code, message, facts: facts, part: part, line: line)
  }

  // MARK: - Window

  /// Makes room and reads more bytes, keeping everything from `keep` on. Returns false at the end
  /// of input. Offsets held by the caller are shifted by the returned amount through `shift`.
  func fill(keeping requested: Int) throws -> (Bool, Int) {
    if sourceDone { return (false, 0) }
    let keep = capturesRaw ? min(requested, rawStart) : requested
    // Drop what lies before `keep`.
    var shift = 0
    if keep > 0 {
      linesBeforeWindow += countLines(0, keep)
      let remaining = end - keep
      if remaining > 0 { (buffer).update(from: buffer + keep, count: remaining) }
      end = remaining
      pos -= keep
      shift = keep
      if capturesRaw { rawStart -= keep }
      tokenStart = max(tokenStart - keep, 0)
    }
    if end == capacity {
      if capacity >= limits.maxTokenSize {
        throw error(.limitExceeded, "a single token (a text or a tag) is longer than the limit of \(limits.maxTokenSize) bytes",
                    facts: .exceeded(.tokenSize, limits.maxTokenSize))
      }
      let newCapacity = min(capacity * 2, limits.maxTokenSize)
      let newBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
      newBuffer.update(from: buffer, count: end)
      buffer.deallocate()
      buffer = newBuffer
      capacity = newCapacity
    }
    let n = try source.read(into: buffer + end, count: capacity - end)
    if n == 0 {
      sourceDone = true
      return (false, shift)
    }
    end += n
    return (true, shift)
  }

  // MARK: - Tokens

  /// Advances to the next token.
  ///
  /// - Throws: ``XLSXError`` `malformed-xml`, `forbidden-dtd` or `limit-exceeded`, located by part and line.
  public func next() throws -> XMLToken {
    if pendingEnd {
      pendingEnd = false
      tokenStart = pos
      popElement()
      return .end
    }
    while true {
      if pos >= end {
        let (more, _) = try fill(keeping: pos)
        if !more {
          tokenStart = pos
          if openCount > 0 {
            throw error(.malformedXML, "the document ends inside <\(openName)>: truncated?")
          }
          if !seenRoot { throw error(.malformedXML, "the document has no root element (empty part?)") }
          return .eof
        }
        continue
      }
      if buffer[pos] != 0x3C {  // '<'
        if let token = try scanText() { return token }
        continue
      }
      if let token = try scanMarkup() { return token }
    }
  }

  /// Scans character data from `pos` up to the next `<`.
  private func scanText() throws -> XMLToken? {
    var start = pos
    var i = pos
    while true {
      if let p = memchrLT(from: i) {
        i = p
        break
      }
      i = end
      let (more, shift) = try fill(keeping: start)
      start -= shift
      i -= shift
      if !more {
        if openCount == 0 {
          // Trailing whitespace after the root element.
          if isAllSpace(start, i) { pos = i; return nil }
          throw error(.malformedXML, "text after the root element")
        }
        throw error(.malformedXML, "the document ends inside <\(openName)>: truncated?")
      }
    }
    pos = i
    if openCount == 0 {
      if isAllSpace(start, i) { return nil }
      throw error(.malformedXML, "text outside the root element")
    }
    let amp = i > start && memchr(buffer + start, 0x26, i - start) != nil
    let cr = i > start && memchr(buffer + start, 0x0D, i - start) != nil
    textSlice = XMLSlice(start: start, count: i - start, hasEntities: amp, hasCarriageReturn: cr)
    tokenStart = start
    textIsCDATA = false
    return .text
  }

  private func memchrLT(from i: Int) -> Int? {
    guard i < end, let p = memchr(buffer + i, 0x3C, end - i) else { return nil }
    return buffer.distance(to: p.assumingMemoryBound(to: UInt8.self))
  }

  private func countLines(_ a: Int, _ b: Int) -> Int {
    var n = 0
    var i = a
    while i < b, let p = memchr(buffer + i, 0x0A, b - i) {
      n += 1
      i = buffer.distance(to: p.assumingMemoryBound(to: UInt8.self)) + 1
    }
    return n
  }

  private func isAllSpace(_ a: Int, _ b: Int) -> Bool {
    var j = a
    while j < b {
      let c = buffer[j]
      if c != 0x20 && c != 0x0A && c != 0x0D && c != 0x09 {
        // A byte-order mark before the root is tolerated.
        if j == a && b - a >= 3 && c == 0xEF && buffer[j + 1] == 0xBB && buffer[j + 2] == 0xBF {
          j += 3
          continue
        }
        return false
      }
      j += 1
    }
    return true
  }

  /// Ensures `n` bytes are available from `pos`, keeping `pos` in the window. Returns false at end.
  private func ensure(_ n: Int) throws -> Bool {
    while end - pos < n {
      let (more, _) = try fill(keeping: pos)
      if !more { return false }
    }
    return true
  }

  /// Finds `terminator` from `pos + skip`, refilling as needed; returns its offset.
  private func find(_ terminator: [UInt8], skip: Int, what: String) throws -> Int {
    var i = pos + skip
    while true {
      if i + terminator.count <= end {
        var k = i
        let last = end - terminator.count
        while k <= last {
          if buffer[k] == terminator[0] {
            var ok = true
            var t = 1
            while t < terminator.count {
              if buffer[k + t] != terminator[t] { ok = false; break }
              t += 1
            }
            if ok { return k }
          }
          k += 1
        }
        i = max(pos + skip, last + 1)
      }
      let (more, shift) = try fill(keeping: pos)
      i -= shift
      if !more { throw error(.malformedXML, "unterminated \(what)") }
    }
  }

  private func scanMarkup() throws -> XMLToken? {
    guard try ensure(2) else { throw error(.malformedXML, "a lone '<' at the end of the document") }
    let c = buffer[pos + 1]
    if c == 0x3F {  // <?
      let e = try find([0x3F, 0x3E], skip: 2, what: "processing instruction")
      pos = e + 2
      return nil
    }
    if c == 0x21 {  // <!
      _ = try ensure(9)
      if end - pos >= 4 && buffer[pos + 2] == 0x2D && buffer[pos + 3] == 0x2D {
        let e = try find([0x2D, 0x2D, 0x3E], skip: 4, what: "comment")
        pos = e + 3
        return nil
      }
      if end - pos >= 9 && matches(pos + 2, "[CDATA[") {
        if openCount == 0 { throw error(.malformedXML, "CDATA outside the root element") }
        let e = try find([0x5D, 0x5D, 0x3E], skip: 9, what: "CDATA section")
        textSlice = XMLSlice(start: pos + 9, count: e - pos - 9, hasEntities: false,
                             hasCarriageReturn: memchr(buffer + pos + 9, 0x0D, e - pos - 9) != nil)
        textIsCDATA = true
        tokenStart = pos
        pos = e + 3
        return .text
      }
      if end - pos >= 9 && (matches(pos + 2, "DOCTYPE") || matches(pos + 2, "ENTITY")) {
        throw error(.forbiddenDTD, "the part declares a DTD (<!DOCTYPE>); Jixiao never reads DTDs or expands entities")
      }
      throw error(.malformedXML, "unknown markup after '<!'")
    }
    if c == 0x2F {  // </
      return try scanEndTag()
    }
    return try scanStartTag()
  }

  private func matches(_ at: Int, _ s: StaticString) -> Bool {
    let n = s.utf8CodeUnitCount
    if at + n > end { return false }
    let p = s.utf8Start
    var i = 0
    while i < n {
      if buffer[at + i] != p[i] { return false }
      i += 1
    }
    return true
  }

  @inline(__always) private static func isSpace(_ c: UInt8) -> Bool {
    c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09
  }

  @inline(__always) private static func endsName(_ c: UInt8) -> Bool {
    c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == 0x2F || c == 0x3E || c == 0x3D
  }

  private func scanEndTag() throws -> XMLToken {
    while true {
      var i = pos + 2
      while i < end && !XMLPullParser.endsName(buffer[i]) { i += 1 }
      var j = i
      while j < end && XMLPullParser.isSpace(buffer[j]) { j += 1 }
      if j < end {
        guard buffer[j] == 0x3E else { throw error(.malformedXML, "malformed end tag") }
        setName(pos + 2, i - pos - 2)
        guard nameCount > 0 else { throw error(.malformedXML, "an end tag without a name") }
        guard openCount > 0 else {
          throw error(.malformedXML, "end tag </\(localName)> with no open element")
        }
        let top = openCount - 1
        var same = openLengths[top] == nameCount
        if same {
          let slot = openNames + top * XMLPullParser.slotSize
          let n = min(nameCount, XMLPullParser.slotSize)
          var k = 0
          while k < n {
            if slot[k] != buffer[nameStart + k] { same = false; break }
            k += 1
          }
          if same && nameCount > XMLPullParser.slotSize { same = openHashes[top] == hashName() }
        }
        if !same {
          throw error(.malformedXML, "end tag </\(qualifiedName)> does not match <\(openName)>")
        }
        tokenStart = pos
        pos = j + 1
        popElement()
        return .end
      }
      let (more, _) = try fill(keeping: pos)
      if !more { throw error(.malformedXML, "the document ends inside an end tag: truncated?") }
    }
  }

  private func scanStartTag() throws -> XMLToken {
    while true {
      if let token = try parseStartTag() { return token }
      let (more, _) = try fill(keeping: pos)
      if !more { throw error(.malformedXML, "the document ends inside a start tag: truncated?") }
    }
  }

  /// Parses a start tag lying wholly in the window; nil when it runs past the window's end.
  private func parseStartTag() throws -> XMLToken? {
    var i = pos + 1
    let ns = i
    while i < end && !XMLPullParser.endsName(buffer[i]) { i += 1 }
    if i >= end { return nil }
    if i == ns { throw error(.malformedXML, "a '<' not followed by a name") }
    let nameLen = i - ns
    attrs.removeAll(keepingCapacity: true)
    while true {
      while i < end && XMLPullParser.isSpace(buffer[i]) { i += 1 }
      if i >= end { return nil }
      let c = buffer[i]
      if c == 0x3E {  // >
        try openElement(ns, nameLen, endOfTag: i + 1, empty: false)
        return .start
      }
      if c == 0x2F {  // />
        if i + 1 >= end { return nil }
        guard buffer[i + 1] == 0x3E else { throw error(.malformedXML, "'/' not followed by '>' in a tag") }
        try openElement(ns, nameLen, endOfTag: i + 2, empty: true)
        return .start
      }
      // attribute name
      let an = i
      while i < end && !XMLPullParser.endsName(buffer[i]) { i += 1 }
      if i >= end { return nil }
      let anLen = i - an
      if anLen == 0 { throw error(.malformedXML, "unexpected '\(Character(Unicode.Scalar(c)))' in a tag") }
      while i < end && XMLPullParser.isSpace(buffer[i]) { i += 1 }
      if i >= end { return nil }
      guard buffer[i] == 0x3D else { throw error(.malformedXML, "an attribute without '=' in a tag") }
      i += 1
      while i < end && XMLPullParser.isSpace(buffer[i]) { i += 1 }
      if i >= end { return nil }
      let q = buffer[i]
      guard q == 0x22 || q == 0x27 else { throw error(.malformedXML, "an attribute value without quotes") }
      i += 1
      let vs = i
      var amp = false
      while i < end && buffer[i] != q {
        let b = buffer[i]
        if b == 0x26 { amp = true } else if b == 0x3C { throw error(.malformedXML, "'<' inside an attribute value") }
        i += 1
      }
      if i >= end { return nil }
      if attrs.count >= limits.maxAttributes {
        throw error(.limitExceeded, "more than \(limits.maxAttributes) attributes on one element",
                    facts: .exceeded(.attributes, limits.maxAttributes))
      }
      attrs.append((XMLSlice(start: an, count: anLen, hasEntities: false), XMLSlice(start: vs, count: i - vs, hasEntities: amp)))
      i += 1
      if i < end && !XMLPullParser.isSpace(buffer[i]) && buffer[i] != 0x3E && buffer[i] != 0x2F {
        throw error(.malformedXML, "attributes must be separated by white space")
      }
    }
  }

  private func openElement(_ ns: Int, _ len: Int, endOfTag: Int, empty: Bool) throws {
    if openCount == 0 && seenRoot { throw error(.malformedXML, "a second root element") }
    if openCount >= limits.maxDepth {
      throw error(.limitExceeded, "elements nest deeper than the limit of \(limits.maxDepth)",
                  facts: .exceeded(.depth, limits.maxDepth))
    }
    seenRoot = true
    setName(ns, len)
    let slot = openNames + openCount * XMLPullParser.slotSize
    slot.update(from: buffer + ns, count: min(len, XMLPullParser.slotSize))
    openLengths[openCount] = len
    if len > XMLPullParser.slotSize { openHashes[openCount] = hashName() }
    openCount += 1
    tokenStart = pos
    pos = endOfTag
    pendingEnd = empty
  }

  private func popElement() {
    openCount -= 1
  }

  /// FNV-1a of the current qualified name, for names longer than a slot.
  private func hashName() -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    var k = 0
    while k < nameCount {
      h = (h ^ UInt64(buffer[nameStart + k])) &* 0x100_0000_01b3
      k += 1
    }
    return h
  }

  private func setName(_ start: Int, _ count: Int) {
    nameStart = start
    nameCount = count
    var k = 0
    localStart = start
    while k < count {
      if buffer[start + k] == 0x3A { localStart = start + k + 1 }
      k += 1
    }
  }

  private var openName: String {
    guard openCount > 0 else { return "" }
    let top = openCount - 1
    let n = min(openLengths[top], XMLPullParser.slotSize)
    let name = String(decoding: UnsafeBufferPointer(start: openNames + top * XMLPullParser.slotSize, count: n), as: UTF8.self)
    return openLengths[top] > n ? name + "…" : name
  }

  // MARK: - Current token

  /// Whether the current element's local name (after any prefix) is `name`.
  @inline(__always) public func isLocalName(_ name: StaticString) -> Bool {
    let n = name.utf8CodeUnitCount
    if nameStart + nameCount - localStart != n { return false }
    let p = name.utf8Start
    var i = 0
    while i < n {
      if buffer[localStart + i] != p[i] { return false }
      i += 1
    }
    return true
  }

  /// The current element's local name.
  public var localName: String {
    String(decoding: UnsafeBufferPointer(start: buffer + localStart, count: nameStart + nameCount - localStart), as: UTF8.self)
  }

  /// The current element's qualified name, prefix included.
  public var qualifiedName: String {
    String(decoding: UnsafeBufferPointer(start: buffer + nameStart, count: nameCount), as: UTF8.self)
  }

  /// The raw value of the current start tag's attribute whose local name is `name`.
  ///
  /// Attributes named with a prefix match by local name (`r:id` matches `id`), except that `xmlns`
  /// declarations never match.
  public func attribute(_ name: StaticString) -> XMLSlice? {
    let n = name.utf8CodeUnitCount
    let p = name.utf8Start
    for a in attrs {
      var ls = a.name.start
      let e = a.name.start + a.name.count
      var k = a.name.start
      while k < e {
        if buffer[k] == 0x3A { ls = k + 1 }
        k += 1
      }
      if e - ls != n { continue }
      if ls > a.name.start, a.name.count >= 6, buffer[a.name.start] == 0x78, matches(a.name.start, "xmlns:") { continue }
      var same = true
      var i = 0
      while i < n {
        if buffer[ls + i] != p[i] { same = false; break }
        i += 1
      }
      if same { return a.value }
    }
    return nil
  }

  /// The decoded value of attribute `name`, or nil when absent.
  public func attributeString(_ name: StaticString) throws -> String? {
    guard let s = attribute(name) else { return nil }
    return try string(s)
  }

  /// All attributes of the current start tag as (qualified name, decoded value), for generic use.
  public func allAttributes() throws -> [(String, String)] {
    try attrs.map { (try string($0.name), try string($0.value)) }
  }

  /// The input's bytes since the previous call, exactly as written: what lies before the current
  /// token (comments, processing instructions, white space outside the root, cells read by a fast
  /// path) and the token itself; after ``XMLToken/eof``, the trailing bytes. Only with `captureRaw`;
  /// valid until the next call to ``next()``.
  public func takeRaw() -> (before: UnsafeBufferPointer<UInt8>, token: UnsafeBufferPointer<UInt8>) {
    let before = UnsafeBufferPointer(start: buffer + rawStart, count: max(0, tokenStart - rawStart))
    let token = UnsafeBufferPointer(start: buffer + tokenStart, count: max(0, pos - tokenStart))
    rawStart = pos
    return (before, token)
  }

  /// The current start tag's attributes as raw (name, value) slices, for fast scanners.
  public var attributeSlices: [(name: XMLSlice, value: XMLSlice)] { attrs }

  /// The byte at `offset` in the window, for fast scanners reading a slice.
  @inline(__always) public func byte(at offset: Int) -> UInt8 { buffer[offset] }

  /// The current text token's slice.
  public var text: XMLSlice { textSlice }

  /// Decodes a slice to a String.
  public func string(_ s: XMLSlice) throws -> String {
    if !s.hasEntities && !s.hasCarriageReturn {
      return String(decoding: UnsafeBufferPointer(start: buffer + s.start, count: s.count), as: UTF8.self)
    }
    var out: [UInt8] = []
    try append(s, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends the current text token, decoded, to `out`.
  public func appendText(to out: inout [UInt8]) throws {
    try append(textSlice, to: &out)
  }

  /// Appends a slice's bytes, decoded, to `out`.
  public func append(_ s: XMLSlice, to out: inout [UInt8]) throws {
    if !s.hasEntities && !s.hasCarriageReturn {
      out.append(contentsOf: UnsafeBufferPointer(start: buffer + s.start, count: s.count))
      return
    }
    var i = s.start
    let e = s.start + s.count
    while i < e {
      let c = buffer[i]
      if c == 0x0D {  // end-of-line handling (XML 1.0 §2.11): CR LF and a lone CR read as LF
        out.append(0x0A)
        i += i + 1 < e && buffer[i + 1] == 0x0A ? 2 : 1
        continue
      }
      if c != 0x26 || !s.hasEntities {
        out.append(c)
        i += 1
        continue
      }
      var j = i + 1
      while j < e && buffer[j] != 0x3B && j - i < 12 { j += 1 }
      guard j < e, buffer[j] == 0x3B else { throw error(.malformedXML, "an '&' that starts no entity") }
      let len = j - i - 1
      let b = buffer + i + 1
      if len == 2 && b[0] == 0x6C && b[1] == 0x74 { out.append(0x3C) }  // lt
      else if len == 2 && b[0] == 0x67 && b[1] == 0x74 { out.append(0x3E) }  // gt
      else if len == 3 && b[0] == 0x61 && b[1] == 0x6D && b[2] == 0x70 { out.append(0x26) }  // amp
      else if len == 4 && matches(i + 1, "quot") { out.append(0x22) }
      else if len == 4 && matches(i + 1, "apos") { out.append(0x27) }
      else if len >= 2 && b[0] == 0x23 {  // &#...;
        var value: UInt32 = 0
        var k = 1
        let hex = b[1] == 0x78 || b[1] == 0x58
        if hex { k = 2 }
        if k >= len { throw error(.malformedXML, "an empty character reference") }
        while k < len {
          let d = b[k]
          var digit: UInt32
          if d >= 0x30 && d <= 0x39 { digit = UInt32(d - 0x30) }
          else if hex && d >= 0x61 && d <= 0x66 { digit = UInt32(d - 0x61 + 10) }
          else if hex && d >= 0x41 && d <= 0x46 { digit = UInt32(d - 0x41 + 10) }
          else { throw error(.malformedXML, "a malformed character reference") }
          value = value &* (hex ? 16 : 10) &+ digit
          if value > 0x10FFFF { throw error(.malformedXML, "a character reference beyond Unicode") }
          k += 1
        }
        guard let scalar = Unicode.Scalar(value) else {
          throw error(.malformedXML, "a character reference to a surrogate")
        }
        UTF8.encode(scalar) { out.append($0) }
      } else {
        let name = String(decoding: UnsafeBufferPointer(start: b, count: len), as: UTF8.self)
        throw error(.malformedXML, "undefined entity &\(name); (DTD entities are never expanded)")
      }
      i = j + 1
    }
  }

  /// Direct read access to the window for fast scanners: calls `body` with a pointer to a slice's bytes.
  @inline(__always)
  public func withBytes<R>(_ s: XMLSlice, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    try body(UnsafeBufferPointer(start: buffer + s.start, count: s.count))
  }

  /// Skips the rest of the current element (after its start tag), including its children.
  public func skipElement() throws {
    let target = depth - 1
    while depth > target {
      if try next() == .eof { return }
    }
  }

  /// Reads the text content of the current element (after its start tag) up to its end tag,
  /// concatenating text in nested elements.
  public func readElementText() throws -> String {
    var out: [UInt8] = []
    let target = depth - 1
    while depth > target {
      let t = try next()
      if t == .text { try appendText(to: &out) }
      if t == .eof { break }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
