// XMLWriter: a small XML writer into a byte buffer, with attributes in the order given, so that the
// same content always gives the same bytes.

/// Builds XML into a byte buffer.
public struct XMLWriter {
  /// The bytes written so far.
  public var bytes: [UInt8] = []

  /// An empty writer with room for `capacity` bytes.
  public init(capacity: Int = 4096) {
    bytes.reserveCapacity(capacity)
  }

  /// `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` and a line break.
  public mutating func declaration() {
    raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
  }

  /// Appends text as it is (the caller guarantees it is well-formed).
  public mutating func raw(_ s: String) {
    bytes.append(contentsOf: s.utf8)
  }

  /// `<name a="1" b="2">`
  public mutating func start(_ name: String, _ attributes: [(String, String)] = []) {
    bytes.append(0x3C)
    raw(name)
    attrs(attributes)
    bytes.append(0x3E)
  }

  /// `<name a="1"/>`
  public mutating func empty(_ name: String, _ attributes: [(String, String)] = []) {
    bytes.append(0x3C)
    raw(name)
    attrs(attributes)
    bytes.append(contentsOf: "/>".utf8)
  }

  /// `</name>`
  public mutating func end(_ name: String) {
    bytes.append(contentsOf: "</".utf8)
    raw(name)
    bytes.append(0x3E)
  }

  /// The rest of a cell element after `<c r="…" s="…"`: its type, formula, value and `</c>`. Strings
  /// are written inline (`t="inlineStr"`); dates and durations as serial numbers.
  public mutating func cellContent(_ value: CellValue, formula: String?, date1904: Bool, preserveEdgeWhitespace: Bool,
                                   prefix: String = "") {
    let p = Array(prefix.utf8)
    // `<name>` / `</name>` with the part's prefix, without building strings per cell.
    func open(_ name: StaticString) {
      bytes.append(0x3C)
      bytes.append(contentsOf: p)
      name.withUTF8Buffer { bytes.append(contentsOf: $0) }
      bytes.append(0x3E)
    }
    func close(_ name: StaticString) {
      bytes.append(0x3C)
      bytes.append(0x2F)
      bytes.append(contentsOf: p)
      name.withUTF8Buffer { bytes.append(contentsOf: $0) }
      bytes.append(0x3E)
    }
    func f() {
      if let formula {
        open("f")
        text(formula.hasPrefix("=") ? String(formula.dropFirst()) : formula)
        close("f")
      }
    }
    func v(_ body: () -> Void) {
      open("v")
      body()
      close("v")
      close("c")
    }
    switch value {
    case .empty:
      if formula != nil {
        raw(">")
        f()
        close("c")
      } else {
        raw("/>")
      }
    case .number(let n):
      raw(">")
      f()
      v { appendXMLNumber(n, to: &bytes) }
    case .dateTime(let d):
      raw(">")
      f()
      v { appendXMLNumber(d.serial(date1904: date1904), to: &bytes) }
    case .duration(let seconds):
      raw(">")
      f()
      v { appendXMLNumber(seconds / 86_400, to: &bytes) }
    case .bool(let b):
      raw(" t=\"b\">")
      f()
      v { bytes.append(b ? 0x31 : 0x30) }
    case .error(let e):
      raw(" t=\"e\">")
      f()
      v { text(e) }
    case .string(let s):
      if formula != nil {
        raw(" t=\"str\">")
        f()
        v { text(s) }
      } else {
        raw(" t=\"inlineStr\">")
        open("is")
        cellText(s, preserve: preserveEdgeWhitespace, prefix: prefix)
        close("is")
        close("c")
      }
    }
  }

  /// `<name a="1">text</name>`, the text escaped.
  public mutating func element(_ name: String, _ attributes: [(String, String)] = [], text: String) {
    start(name, attributes)
    self.text(text)
    end(name)
  }

  /// Escaped character data.
  public mutating func text(_ s: String) {
    XMLWriter.appendEscapedText(s, to: &bytes)
  }

  /// A `<t>` element holding cell text. With `preserve`, text with white space at either end gets
  /// `xml:space="preserve"`, which Excel needs to keep that white space but the ECMA-376 schema does
  /// not allow on `<t>`; without it the text is written plainly (valid, and kept by LibreOffice,
  /// openpyxl and calamine; Excel trims it).
  public mutating func cellText(_ s: String, preserve: Bool, prefix: String = "") {
    if preserve, s.first.map({ $0.isWhitespace }) == true || s.last.map({ $0.isWhitespace }) == true {
      raw("<\(prefix)t xml:space=\"preserve\">")
    } else {
      raw("<\(prefix)t>")
    }
    text(s)
    raw("</\(prefix)t>")
  }

  private mutating func attrs(_ attributes: [(String, String)]) {
    for (k, v) in attributes {
      bytes.append(0x20)
      raw(k)
      bytes.append(contentsOf: "=\"".utf8)
      XMLWriter.appendEscapedAttribute(v, to: &bytes)
      bytes.append(0x22)
    }
  }

  /// Appends `s` escaped for character data: `&`, `<`, `>`; characters XML 1.0 forbids become
  /// Excel's `_xHHHH_` escapes, and a literal `_xHHHH_` is protected as `_x005F_xHHHH_`.
  public static func appendEscapedText(_ s: String, to out: inout [UInt8]) {
    var s = s
    s.withUTF8 { b in
      var clean = true
      // CR must be written as a reference: parsers turn a literal CR LF into LF.
      for c in b where c == 0x26 || c == 0x3C || c == 0x3E || (c < 0x20 && c != 0x09 && c != 0x0A) || c == 0x5F {
        clean = false
        break
      }
      if clean {
        out.append(contentsOf: b)
        return
      }
      var i = 0
      while i < b.count {
        let c = b[i]
        switch c {
        case 0x26: out.append(contentsOf: "&amp;".utf8)
        case 0x3C: out.append(contentsOf: "&lt;".utf8)
        case 0x3E: out.append(contentsOf: "&gt;".utf8)
        case 0x0D: out.append(contentsOf: "&#13;".utf8)
        case 0x5F where isEscapePattern(b, i):
          out.append(contentsOf: "_x005F_".utf8)
        case _ where c < 0x20 && c != 0x09 && c != 0x0A:
          out.append(contentsOf: "_x00".utf8)
          out.append(hexDigit(c >> 4))
          out.append(hexDigit(c & 0xF))
          out.append(0x5F)
        default: out.append(c)
        }
        i += 1
      }
    }
  }

  /// Appends `s` escaped for a double-quoted attribute value.
  public static func appendEscapedAttribute(_ s: String, to out: inout [UInt8]) {
    for c in s.utf8 {
      switch c {
      case 0x26: out.append(contentsOf: "&amp;".utf8)
      case 0x3C: out.append(contentsOf: "&lt;".utf8)
      case 0x3E: out.append(contentsOf: "&gt;".utf8)
      case 0x22: out.append(contentsOf: "&quot;".utf8)
      case 0x0A: out.append(contentsOf: "&#10;".utf8)
      case 0x0D: out.append(contentsOf: "&#13;".utf8)
      case 0x09: out.append(contentsOf: "&#9;".utf8)
      case _ where c < 0x20: out.append(0x20)
      default: out.append(c)
      }
    }
  }

  private static func isEscapePattern(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
    guard i + 6 < b.count, b[i + 1] == 0x78, b[i + 6] == 0x5F else { return false }
    for k in 2..<6 {
      let c = b[i + k]
      guard (0x30...0x39).contains(c) || (0x41...0x46).contains(c) || (0x61...0x66).contains(c) else { return false }
    }
    return true
  }

  private static func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x41 + v - 10 }
}

/// Appends a number as cell XML holds it: integers without a fraction, others in Swift's shortest
/// round-trip form, non-finite values as 0.
func appendXMLNumber(_ n: Double, to out: inout [UInt8]) {
  if n == n.rounded(), abs(n) < 1e15 {
    appendInteger(Int64(n), to: &out)
  } else if n.isFinite {
    out.append(contentsOf: n.description.utf8)
  } else {
    out.append(0x30)
  }
}
