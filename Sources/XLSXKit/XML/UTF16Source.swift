// UTF16Source: an XML part's bytes as UTF-8, whether the part is written in UTF-8 or UTF-16.

/// Gives the parser UTF-8 whatever the part's encoding: OPC allows XML parts in UTF-8 or UTF-16
/// (ECMA-376 Part 2, M1.17), and some producers write UTF-16. The encoding is told by the first
/// bytes, as XML 1.0 Appendix F does it: a byte-order mark (FF FE, FE FF), or `<?` as UTF-16
/// without one. UTF-8 passes through untouched; UTF-16 is transcoded as it streams. A lone
/// surrogate or a truncated code unit is an error naming the part.
final class UTF16Source: ByteSource {
  private enum Mode { case undecided, utf8, utf16(bigEndian: Bool) }

  private let inner: ByteSource
  private let part: String
  private let refuseUTF16: Bool
  private var mode = Mode.undecided
  /// Bytes read from `inner` and not yet given out (UTF-8) or not yet transcoded (UTF-16).
  private var pending: [UInt8] = []
  private var scratch: [UInt8] = []
  /// UTF-8 transcoded from UTF-16 and not yet given out, from `readyStart`.
  private var ready: [UInt8] = []
  private var readyStart = 0
  private var innerDone = false

  /// Wraps `inner`; with `refuseUTF16`, a UTF-16 part is an error instead (a part to be copied
  /// byte for byte cannot change its encoding).
  init(_ inner: ByteSource, part: String, refuseUTF16: Bool = false) {
    self.inner = inner
    self.part = part
    self.refuseUTF16 = refuseUTF16
  }

  func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
    switch mode {
    case .undecided:
      return try firstRead(into: buffer, count: count)
    case .utf8:
      if !pending.isEmpty {
        let n = min(count, pending.count)
        pending.withUnsafeBytes { if let base = $0.baseAddress { buffer.copyMemory(from: base, byteCount: n) } }
        pending.removeFirst(n)
        return n
      }
      return try inner.read(into: buffer, count: count)
    case .utf16(let bigEndian):
      // Transcoded a window at a time into `ready`, given out as asked (the parser may ask for as
      // little as one byte, less than one character takes).
      if readyStart == ready.count {
        ready.removeAll(keepingCapacity: true)
        readyStart = 0
        try transcode(bigEndian: bigEndian, upTo: max(count, 1 << 16))
        if ready.isEmpty { return 0 }
      }
      let n = min(count, ready.count - readyStart)
      ready.withUnsafeBytes { if let base = $0.baseAddress { buffer.copyMemory(from: base + readyStart, byteCount: n) } }
      readyStart += n
      return n
    }
  }

  /// Reads the start of the part straight into the caller's buffer and tells its encoding by the
  /// first four bytes (or fewer, for a shorter part); UTF-8, the usual case, is then given out as
  /// it was read, without a copy.
  private func firstRead(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
    guard count >= 4 else {
      while pending.count < 4, try more(4 - pending.count) {}
      try decide(Array(pending.prefix(4)))
      dropMark()
      return try read(into: buffer, count: count)
    }
    var n = 0
    while n < 4 {
      let got = try inner.read(into: buffer + n, count: count - n)
      if got == 0 {
        innerDone = true
        break
      }
      n += got
    }
    let head = UnsafeRawBufferPointer(start: buffer, count: min(n, 4))
    try decide(Array(head))
    if case .utf8 = mode { return n }
    pending = Array(UnsafeRawBufferPointer(start: buffer, count: n))
    dropMark()
    return try read(into: buffer, count: count)
  }

  /// Drops a UTF-16 byte-order mark from the start of `pending`.
  private func dropMark() {
    guard case .utf16 = mode, pending.count >= 2 else { return }
    if pending[0] == 0xFF && pending[1] == 0xFE || pending[0] == 0xFE && pending[1] == 0xFF { pending.removeFirst(2) }
  }

  /// Chooses the mode by the part's first bytes (at most four).
  private func decide(_ head: [UInt8]) throws {
    let b = head + [UInt8](repeating: 1, count: max(0, 4 - head.count))
    var utf16: Bool?
    if b[0] == 0xFF && b[1] == 0xFE { utf16 = false }
    else if b[0] == 0xFE && b[1] == 0xFF { utf16 = true }
    else if b[0] == 0x3C && b[1] == 0x00 && b[2] == 0x3F && b[3] == 0x00 { utf16 = false }
    else if b[0] == 0x00 && b[1] == 0x3C && b[2] == 0x00 && b[3] == 0x3F { utf16 = true }
    guard let bigEndian = utf16 else {
      mode = .utf8
      return
    }
    if refuseUTF16 {
      throw XLSXError(.invalidValue, "the part is written in UTF-16, which cannot be copied as it is; save the file again from Excel or LibreOffice",
                      facts: XLSXError.Facts(.utf16Copy), part: part)
    }
    mode = .utf16(bigEndian: bigEndian)
  }

  /// Appends up to `n` more bytes of `inner` to `pending`; false at its end.
  private func more(_ n: Int) throws -> Bool {
    if innerDone { return false }
    if scratch.count < n { scratch = [UInt8](repeating: 0, count: n) }
    let got = try scratch.withUnsafeMutableBytes { raw -> Int in
      guard let base = raw.baseAddress else { return 0 }
      return try inner.read(into: base, count: n)
    }
    if got == 0 {
      innerDone = true
      return false
    }
    pending.append(contentsOf: scratch[0..<got])
    return true
  }

  /// Converts whole code units of `pending`, about `limit` bytes of UTF-8, into `ready`; leaves
  /// `ready` empty only at the end of the part.
  private func transcode(bigEndian: Bool, upTo limit: Int) throws {
    // Two bytes of UTF-16 make at most three of UTF-8.
    let want = max(4, limit / 3 * 2)
    while pending.count < 4, try more(want) {}
    if pending.count < want, !innerDone { _ = try more(want - pending.count) }
    var i = 0
    func unit(_ at: Int) -> UInt32 {
      bigEndian ? UInt32(pending[at]) << 8 | UInt32(pending[at + 1]) : UInt32(pending[at + 1]) << 8 | UInt32(pending[at])
    }
    while i + 1 < pending.count {
      var scalar = unit(i)
      var used = 2
      if (0xD800...0xDBFF).contains(scalar) {
        guard i + 3 < pending.count else {
          if innerDone { throw bad("a UTF-16 high surrogate at the end of the part") }
          break  // its low half is in the next window (at least four bytes are there: see above)
        }
        let low = unit(i + 2)
        guard (0xDC00...0xDFFF).contains(low) else { throw bad("a UTF-16 high surrogate without its low half") }
        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        used = 4
      } else if (0xDC00...0xDFFF).contains(scalar) {
        throw bad("a UTF-16 low surrogate without its high half")
      }
      guard let s = Unicode.Scalar(scalar) else { throw bad("U+\(String(scalar, radix: 16)) is not a character") }
      UTF8.encode(s) { ready.append($0) }
      i += used
    }
    pending.removeFirst(i)
    if ready.isEmpty && innerDone && !pending.isEmpty { throw bad("the part ends inside a UTF-16 code unit") }
    if ready.isEmpty && !innerDone { try transcode(bigEndian: bigEndian, upTo: limit) }
  }

  private func bad(_ why: String) -> XLSXError {
    XLSXError(.malformedXML, why + "; the part is not valid UTF-16", part: part)
  }
}
