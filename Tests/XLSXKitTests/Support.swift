// Test support of the parser tests: a byte source that hands out bytes a few at a time, and a
// document's tokens as text. Paths and sample workbooks are in Tests/TestSupport.

@testable import XLSXKit

/// A source that returns at most a few bytes per read, cycling through `sizes`, so that every token
/// boundary falls at some point on the edge of the parser's window.
final class DribbleSource: ByteSource {
  private let bytes: [UInt8]
  private var offset = 0
  private var turn = 0
  private let sizes: [Int]

  init(_ text: String, sizes: [Int] = [1, 2, 3, 5, 7]) {
    bytes = Array(text.utf8)
    self.sizes = sizes
  }

  init(bytes: [UInt8], sizes: [Int] = [1, 2, 3, 5, 7]) {
    self.bytes = bytes
    self.sizes = sizes
  }

  func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
    let n = min(count, sizes[turn % sizes.count], bytes.count - offset)
    turn += 1
    if n <= 0 { return 0 }
    bytes.withUnsafeBytes { raw in
      if let base = raw.baseAddress { buffer.copyMemory(from: base + offset, byteCount: n) }
    }
    offset += n
    return n
  }
}

/// All tokens of a document as readable strings: `<a x=1>`, `</a>`, `"text"`.
func tokens(_ p: XMLPullParser) throws -> [String] {
  var out: [String] = []
  while true {
    switch try p.next() {
    case .eof: return out
    case .start:
      let attrs = try p.allAttributes().map { "\($0.0)=\($0.1)" }.joined(separator: " ")
      out.append("<\(p.localName)\(attrs.isEmpty ? "" : " " + attrs)>")
    case .end: out.append("</\(p.localName)>")
    case .text:
      var b: [UInt8] = []
      try p.appendText(to: &b)
      out.append("\"" + String(decoding: b, as: UTF8.self) + "\"")
    }
  }
}
