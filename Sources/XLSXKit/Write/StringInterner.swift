// StringInterner: the shared-string table of a workbook being written, deduplicated and bounded.

/// Assigns each distinct string an index, keeping the strings in one byte arena.
///
/// The table stops growing at `maxBytes`; strings that would pass it are written inline by the
/// worksheet instead, so memory stays bounded however many distinct strings a sheet holds.
struct StringInterner {
  private(set) var bytes: [UInt8] = []
  private(set) var offsets: [Int] = [0]
  private var slots: [Int32] = Array(repeating: -1, count: 1024)
  private(set) var references = 0
  let maxBytes: Int

  init(maxBytes: Int) { self.maxBytes = maxBytes }

  var count: Int { offsets.count - 1 }

  /// A hash of the bytes, eight at a time (byte by byte, hashing was most of the table's cost).
  @inline(__always) static func hash(_ s: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(s.count)
    guard let base = s.baseAddress else { return h }
    let raw = UnsafeRawPointer(base)
    var i = 0
    while i + 8 <= s.count {
      h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
      h ^= h >> 32
      i += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while i < s.count {
      tail |= UInt64(s[i]) << shift
      shift += 8
      i += 1
    }
    h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
    return h ^ (h >> 29)
  }

  /// The index of `s` if it is in the table.
  func lookup(_ s: UnsafeBufferPointer<UInt8>) -> Int? {
    switch probe(s) {
    case .found(let id): return id
    case .free: return nil
    }
  }

  /// Where `s` is, or the free slot where it would go.
  private func probe(_ s: UnsafeBufferPointer<UInt8>) -> Probe {
    let h = StringInterner.hash(s)
    let mask = slots.count - 1
    var i = Int(truncatingIfNeeded: h) & mask
    while true {
      let slot = Int(slots[i])
      if slot < 0 { return .free(i) }
      let start = offsets[slot]
      let end = offsets[slot + 1]
      if end - start == s.count && bytes.withUnsafeBufferPointer({ b in
        memcmpEqual(b.baseAddress.map { $0 + start }, s.baseAddress, s.count)
      }) {
        return .found(slot)
      }
      i = (i + 1) & mask
    }
  }

  private enum Probe {
    case found(Int)
    case free(Int)
  }

  /// The index of `s`, adding it when new; nil when the table is full.
  mutating func index(of s: UnsafeBufferPointer<UInt8>) -> Int? {
    let i: Int
    switch probe(s) {
    case .found(let id):
      references += 1
      return id
    case .free(let slot): i = slot
    }
    if bytes.count + s.count > maxBytes { return nil }
    bytes.append(contentsOf: s)
    offsets.append(bytes.count)
    let id = count - 1
    slots[i] = Int32(id)
    references += 1
    if count * 2 > slots.count { grow() }
    return id
  }

  /// Counts `n` more cells referring to strings of the table (the `count` of the part).
  mutating func addReferences(_ n: Int) { references += n }

  /// Calls `body` with the bytes of the string at `id`.
  func withText<R>(_ id: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[offsets[id]..<offsets[id + 1]])) }
  }

  private mutating func grow() {
    var newSlots = [Int32](repeating: -1, count: slots.count * 2)
    let mask = newSlots.count - 1
    for id in 0..<count {
      let h = bytes.withUnsafeBufferPointer { StringInterner.hash(UnsafeBufferPointer(rebasing: $0[offsets[id]..<offsets[id + 1]])) }
      var i = Int(truncatingIfNeeded: h) & mask
      while newSlots[i] >= 0 { i = (i + 1) & mask }
      newSlots[i] = Int32(id)
    }
    slots = newSlots
  }

  /// `xl/sharedStrings.xml`.
  func xml(preserveEdgeWhitespace: Bool) -> [UInt8] {
    var w = XMLWriter(capacity: bytes.count + count * 16 + 256)
    w.declaration()
    w.start("sst", [("xmlns", "http://schemas.openxmlformats.org/spreadsheetml/2006/main"),
                    ("count", String(references)), ("uniqueCount", String(count))])
    for id in 0..<count {
      let s = String(decoding: bytes[offsets[id]..<offsets[id + 1]], as: UTF8.self)
      w.raw("<si>")
      w.cellText(s, preserve: preserveEdgeWhitespace)
      w.raw("</si>")
    }
    w.end("sst")
    return w.bytes
  }
}

@inline(__always)
private func memcmpEqual(_ a: UnsafePointer<UInt8>?, _ b: UnsafePointer<UInt8>?, _ n: Int) -> Bool {
  guard let a, let b else { return n == 0 }
  var i = 0
  while i < n {
    if a[i] != b[i] { return false }
    i += 1
  }
  return true
}
