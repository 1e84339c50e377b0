// CellScanner: the fast path for the common shape of a worksheet cell, read straight from the
// parser's window. Anything unusual falls back to the general event path, which reads everything.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `<c>` element as the fast path read it; offsets point into the parser's window.
struct ScannedCell {
  var refStart = -1
  var refCount = 0
  var typeStart = -1
  var typeCount = 0
  var style = 0
  var vStart = -1
  var vCount = 0
  var fStart = -1
  var fCount = 0
  var sharedIndex = -1
  var sharedMaster = false
}

enum CellScan {
  /// A whole cell was read and consumed.
  case cell
  /// The input here is not a plain cell; nothing was consumed.
  case fallback
  /// The window ends inside the cell; nothing was consumed.
  case needMore
}

extension XMLPullParser {
  /// Reads one plain `<c …>(<f …>…</f>)?(<v>…</v>)?</c>` (or `<c …/>`) at the current position,
  /// skipping white space before it. Text with entities, prefixed names, inline strings, comments
  /// and anything else unusual make it return ``CellScan/fallback`` without consuming anything.
  @inline(__always)
  func scanCell(into c: inout ScannedCell) -> CellScan {
    if pendingEnd { return .fallback }
    let b = buffer
    let e = end
    var q = pos
    @inline(__always) func space(_ x: UInt8) -> Bool { x == 0x20 || x == 0x0A || x == 0x0D || x == 0x09 }
    while q < e && space(b[q]) { q += 1 }
    if e - q < 4 { return .needMore }
    guard b[q] == 0x3C, b[q + 1] == 0x63 else { return .fallback }  // "<c"
    let d = b[q + 2]
    guard space(d) || d == 0x3E || d == 0x2F else { return .fallback }
    q += 2
    c = ScannedCell()

    // Attributes of <c> (and later of <f>): returns false when the window ends.
    var sawSlashEnd = false
    func attributes(_ onAttribute: (Int, Int, Int, Int) -> Void) -> CellScan? {
      while true {
        while q < e && space(b[q]) { q += 1 }
        if q >= e { return .needMore }
        if b[q] == 0x3E {
          q += 1
          return nil
        }
        if b[q] == 0x2F {
          if q + 1 >= e { return .needMore }
          guard b[q + 1] == 0x3E else { return .fallback }
          q += 2
          sawSlashEnd = true
          return nil
        }
        let ns = q
        while q < e, b[q] != 0x3D, !space(b[q]), b[q] != 0x3E, b[q] != 0x2F { q += 1 }
        if q >= e { return .needMore }
        let nameCount = q - ns
        while q < e && space(b[q]) { q += 1 }
        if q >= e { return .needMore }
        guard b[q] == 0x3D else { return .fallback }
        q += 1
        while q < e && space(b[q]) { q += 1 }
        if q >= e { return .needMore }
        let quote = b[q]
        guard quote == 0x22 || quote == 0x27 else { return .fallback }
        q += 1
        let vs = q
        while q < e && b[q] != quote {
          if b[q] == 0x26 || b[q] == 0x3C { return .fallback }
          q += 1
        }
        if q >= e { return .needMore }
        onAttribute(ns, nameCount, vs, q - vs)
        q += 1
      }
    }

    // Attributes of <c>: r, s and t are read; others are skipped.
    while true {
      while q < e && space(b[q]) { q += 1 }
      if q >= e { return .needMore }
      let ch = b[q]
      if ch == 0x3E {
        q += 1
        break
      }
      if ch == 0x2F {
        if q + 1 >= e { return .needMore }
        guard b[q + 1] == 0x3E else { return .fallback }
        q += 2
        sawSlashEnd = true
        break
      }
      let ns = q
      while q < e, b[q] != 0x3D, !space(b[q]), b[q] != 0x3E, b[q] != 0x2F { q += 1 }
      if q >= e { return .needMore }
      let nameCount = q - ns
      while q < e && space(b[q]) { q += 1 }
      if q >= e { return .needMore }
      guard b[q] == 0x3D else { return .fallback }
      q += 1
      while q < e && space(b[q]) { q += 1 }
      if q >= e { return .needMore }
      let quote = b[q]
      guard quote == 0x22 || quote == 0x27 else { return .fallback }
      q += 1
      let vs = q
      if nameCount == 1 {
        while q < e && b[q] != quote {
          if b[q] == 0x26 || b[q] == 0x3C { return .fallback }
          q += 1
        }
        if q >= e { return .needMore }
        let vc = q - vs
        switch b[ns] {
        case 0x72:
          c.refStart = vs
          c.refCount = vc
        case 0x74:
          c.typeStart = vs
          c.typeCount = vc
        case 0x73:
          var v = 0
          var k = vs
          while k < q, b[k] >= 0x30 && b[k] <= 0x39, v < 1 << 40 {
            v = v &* 10 &+ Int(b[k] &- 0x30)
            k += 1
          }
          c.style = v
        default:
          break
        }
      } else {
        guard let found = memchr(b + q, Int32(quote), e - q) else { return .needMore }
        q = b.distance(to: found.assumingMemoryBound(to: UInt8.self))
      }
      q += 1
    }
    if sawSlashEnd {
      pos = q
      return .cell
    }

    // Children.
    while true {
      while q < e && space(b[q]) { q += 1 }
      if e - q < 4 { return .needMore }
      guard b[q] == 0x3C else { return .fallback }
      let n1 = b[q + 1]
      if n1 == 0x2F {  // </c>
        guard b[q + 2] == 0x63, b[q + 3] == 0x3E else { return .fallback }
        pos = q + 4
        return .cell
      }
      if n1 == 0x76 {  // <v
        if b[q + 2] == 0x2F && b[q + 3] == 0x3E {  // <v/>
          c.vStart = q
          c.vCount = 0
          q += 4
          continue
        }
        guard b[q + 2] == 0x3E, c.vStart < 0 else { return .fallback }
        let ts = q + 3
        var te = ts
        while te < e && b[te] != 0x3C {
          if b[te] == 0x26 { return .fallback }
          te += 1
        }
        if e - te < 4 { return .needMore }
        guard b[te + 1] == 0x2F, b[te + 2] == 0x76, b[te + 3] == 0x3E else { return .fallback }
        c.vStart = ts
        c.vCount = te - ts
        q = te + 4
        continue
      }
      if n1 == 0x66 {  // <f
        let d2 = b[q + 2]
        guard space(d2) || d2 == 0x3E || d2 == 0x2F, c.fStart < 0 else { return .fallback }
        q += 2
        sawSlashEnd = false
        var isShared = false
        if let r = attributes({ ns, nc, vs, vc in
          if nc == 1 && b[ns] == 0x74 {
            isShared = vc == 6 && b[vs] == 0x73 && b[vs + 1] == 0x68 && b[vs + 5] == 0x64
          } else if nc == 2 && b[ns] == 0x73 && b[ns + 1] == 0x69 {
            var v = 0
            var k = vs
            while k < vs + vc, b[k] >= 0x30 && b[k] <= 0x39, v < 1 << 40 {
              v = v * 10 + Int(b[k] - 0x30)
              k += 1
            }
            c.sharedIndex = v
          } else if nc == 3 && b[ns] == 0x72 && b[ns + 1] == 0x65 && b[ns + 2] == 0x66 {
            c.sharedMaster = true
          }
        }) {
          return r
        }
        if !isShared { c.sharedIndex = -1 }
        if sawSlashEnd {
          c.fStart = q
          c.fCount = 0
          continue
        }
        let ts = q
        var te = ts
        while te < e && b[te] != 0x3C {
          if b[te] == 0x26 { return .fallback }
          te += 1
        }
        if e - te < 4 { return .needMore }
        guard b[te + 1] == 0x2F, b[te + 2] == 0x66, b[te + 3] == 0x3E else { return .fallback }
        c.fStart = ts
        c.fCount = te - ts
        q = te + 4
        continue
      }
      return .fallback
    }
  }
}

extension XMLPullParser {
  /// Reads one plain `<si><t>text</t></si>` (the `<t>` may carry `xml:space`) at the current
  /// position, skipping white space before it, and returns the text's window offsets. Anything
  /// else (rich runs, phonetic text, entities) returns ``CellScan/fallback`` and consumes nothing.
  @inline(__always)
  func scanSharedString(_ start: inout Int, _ count: inout Int) -> CellScan {
    if pendingEnd { return .fallback }
    let b = buffer
    let e = end
    var q = pos
    while q < e && (b[q] == 0x20 || b[q] == 0x0A || b[q] == 0x0D || b[q] == 0x09) { q += 1 }
    if e - q < 7 { return .needMore }
    // "<si><t"
    guard b[q] == 0x3C, b[q + 1] == 0x73, b[q + 2] == 0x69, b[q + 3] == 0x3E, b[q + 4] == 0x3C, b[q + 5] == 0x74
    else { return .fallback }
    q += 6
    if b[q] == 0x2F {  // <t/>
      if e - q < 7 { return .needMore }
      guard b[q + 1] == 0x3E, b[q + 2] == 0x3C, b[q + 3] == 0x2F, b[q + 4] == 0x73, b[q + 5] == 0x69, b[q + 6] == 0x3E
      else { return .fallback }
      start = q
      count = 0
      pos = q + 7
      return .cell
    }
    if b[q] != 0x3E {
      guard b[q] == 0x20 else { return .fallback }
      // Attributes: only quoted values without '<' or '&', up to '>'.
      while q < e && b[q] != 0x3E {
        if b[q] == 0x3C || b[q] == 0x26 || b[q] == 0x2F { return .fallback }
        q += 1
      }
      if q >= e { return .needMore }
    }
    q += 1
    let ts = q
    while q < e && b[q] != 0x3C {
      if b[q] == 0x26 { return .fallback }
      q += 1
    }
    if e - q < 10 { return .needMore }
    // "</t></si>"
    guard b[q + 1] == 0x2F, b[q + 2] == 0x74, b[q + 3] == 0x3E, b[q + 4] == 0x3C, b[q + 5] == 0x2F,
      b[q + 6] == 0x73, b[q + 7] == 0x69, b[q + 8] == 0x3E
    else { return .fallback }
    start = ts
    count = q - ts
    pos = q + 9
    return .cell
  }
}
