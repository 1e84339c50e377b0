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

/// One step through a tag's attributes in the window.
private enum AttributeStep {
  case attribute(name: Int, nameCount: Int, value: Int, valueCount: Int)
  case open
  case selfClosed
  case stop(CellScan)
}

@inline(__always) private func isSpace(_ x: UInt8) -> Bool { x == 0x20 || x == 0x0A || x == 0x0D || x == 0x09 }

/// Reads the next attribute of the tag at `q`, or the tag's end. Values holding `&` or `<` are left
/// to the general path.
@inline(__always)
private func nextAttribute(_ b: UnsafeMutablePointer<UInt8>, _ e: Int, _ q: inout Int) -> AttributeStep {
  while q < e && isSpace(b[q]) { q += 1 }
  if q >= e { return .stop(.needMore) }
  if b[q] == 0x3E {
    q += 1
    return .open
  }
  if b[q] == 0x2F {
    if q + 1 >= e { return .stop(.needMore) }
    guard b[q + 1] == 0x3E else { return .stop(.fallback) }
    q += 2
    return .selfClosed
  }
  let ns = q
  while q < e, b[q] != 0x3D, !isSpace(b[q]), b[q] != 0x3E, b[q] != 0x2F { q += 1 }
  if q >= e { return .stop(.needMore) }
  let nameCount = q - ns
  while q < e && isSpace(b[q]) { q += 1 }
  if q >= e { return .stop(.needMore) }
  guard b[q] == 0x3D else { return .stop(.fallback) }
  q += 1
  while q < e && isSpace(b[q]) { q += 1 }
  if q >= e { return .stop(.needMore) }
  let quote = b[q]
  guard quote == 0x22 || quote == 0x27 else { return .stop(.fallback) }
  q += 1
  let vs = q
  while q < e && b[q] != quote {
    if b[q] == 0x26 || b[q] == 0x3C { return .stop(.fallback) }
    q += 1
  }
  if q >= e { return .stop(.needMore) }
  q += 1
  return .attribute(name: ns, nameCount: nameCount, value: vs, valueCount: q - 1 - vs)
}

/// A decimal number in the window (digits only; stops at anything else).
@inline(__always)
private func decimalDigits(_ b: UnsafeMutablePointer<UInt8>, _ start: Int, _ count: Int) -> Int {
  var v = 0
  var k = start
  while k < start + count, b[k] >= 0x30 && b[k] <= 0x39, v < 1 << 40 {
    v = v &* 10 &+ Int(b[k] &- 0x30)
    k += 1
  }
  return v
}

/// The text of a `<v>` or `<f>` (its letter given) from `q` up to its end tag, which it passes.
@inline(__always)
private func elementText(_ b: UnsafeMutablePointer<UInt8>, _ e: Int, _ q: inout Int, closing letter: UInt8)
  -> (start: Int, count: Int, failure: CellScan?)
{
  let ts = q
  var te = ts
  while te < e && b[te] != 0x3C {
    if b[te] == 0x26 { return (0, 0, .fallback) }
    te += 1
  }
  if e - te < 4 { return (0, 0, .needMore) }
  guard b[te + 1] == 0x2F, b[te + 2] == letter, b[te + 3] == 0x3E else { return (0, 0, .fallback) }
  q = te + 4
  return (ts, te - ts, nil)
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

    // Attributes of <c>: r, s and t are read; others are skipped.
    cellTag: while true {
      switch nextAttribute(b, e, &q) {
      case .stop(let r):
        return r
      case .open:
        break cellTag
      case .selfClosed:
        pos = q
        return .cell
      case .attribute(let ns, let nc, let vs, let vc):
        guard nc == 1 else { continue }
        switch b[ns] {
        case 0x72:
          c.refStart = vs
          c.refCount = vc
        case 0x74:
          c.typeStart = vs
          c.typeCount = vc
        case 0x73:
          c.style = decimalDigits(b, vs, vc)
        default:
          break
        }
      }
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
        q += 3
        let t = elementText(b, e, &q, closing: 0x76)
        if let failure = t.failure { return failure }
        c.vStart = t.start
        c.vCount = t.count
        continue
      }
      if n1 == 0x66 {  // <f
        let d2 = b[q + 2]
        guard space(d2) || d2 == 0x3E || d2 == 0x2F, c.fStart < 0 else { return .fallback }
        q += 2
        var isShared = false
        var selfClosed = false
        formulaTag: while true {
          switch nextAttribute(b, e, &q) {
          case .stop(let r):
            return r
          case .open:
            break formulaTag
          case .selfClosed:
            selfClosed = true
            break formulaTag
          case .attribute(let ns, let nc, let vs, let vc):
            if nc == 1 && b[ns] == 0x74 {
              isShared = vc == 6 && b[vs] == 0x73 && b[vs + 1] == 0x68 && b[vs + 5] == 0x64
            } else if nc == 2 && b[ns] == 0x73 && b[ns + 1] == 0x69 {
              c.sharedIndex = decimalDigits(b, vs, vc)
            } else if nc == 3 && b[ns] == 0x72 && b[ns + 1] == 0x65 && b[ns + 2] == 0x66 {
              c.sharedMaster = true
            }
          }
        }
        if !isShared { c.sharedIndex = -1 }
        if selfClosed {
          c.fStart = q
          c.fCount = 0
          continue
        }
        let t = elementText(b, e, &q, closing: 0x66)
        if let failure = t.failure { return failure }
        c.fStart = t.start
        c.fCount = t.count
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
