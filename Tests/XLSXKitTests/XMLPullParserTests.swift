// Tests of the streaming XML parser: tokens, entities, window boundaries and errors.

import TestSupport
import Testing
@testable import XLSXKit

@Suite struct XMLPullParserTests {
  let document = """
    <?xml version="1.0" encoding="UTF-8"?>
    <!-- a comment -->
    <x:root xmlns:x="urn:x" a='1' b="&lt;&amp;&#x4E2D;&#25991;">
      <x:item/><![CDATA[<raw> & text]]>
      <t xml:space="preserve">  績效 &quot;達成&quot; </t>
    </x:root>
    """

  @Test func tokensAreTheSameForEveryChunking() throws {
    let whole = try tokens(XMLPullParser(source: MemoryByteSource(Array(document.utf8)), part: "p"))
    #expect(whole.contains("<root xmlns:x=urn:x a=1 b=<&中文>"))
    #expect(whole.contains("<item>"))
    #expect(whole.contains("\"<raw> & text\""))
    #expect(whole.contains("\"  績效 \"達成\" \""))
    for sizes in [[1], [2], [3, 1], [7, 5, 3]] {
      let dribbled = try tokens(XMLPullParser(source: DribbleSource(document, sizes: sizes), part: "p"))
      #expect(dribbled == whole, "chunk sizes \(sizes)")
    }
  }

  /// The document in UTF-16, little- or big-endian, with or without a byte-order mark.
  func utf16(_ text: String, bigEndian: Bool, mark: Bool) -> [UInt8] {
    var out: [UInt8] = mark ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
    for u in text.utf16 {
      let (hi, lo) = (UInt8(u >> 8), UInt8(u & 0xFF))
      out += bigEndian ? [hi, lo] : [lo, hi]
    }
    return out
  }

  @Test func utf16PartsReadAsUTF8ForEveryChunking() throws {
    let text = document.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"") + "<!-- 𠊎 -->"
    let whole = try tokens(XMLPullParser(source: MemoryByteSource(Array(text.utf8)), part: "p"))
    for bigEndian in [false, true] {
      for mark in [true, false] {
        let bytes = utf16(text, bigEndian: bigEndian, mark: mark)
        for sizes in [[1], [3, 1], [7, 5, 3], [1 << 16]] {
          let read = try tokens(XMLPullParser(source: DribbleSource(bytes: bytes, sizes: sizes), part: "p"))
          #expect(read == whole, "big-endian \(bigEndian), mark \(mark), chunks \(sizes)")
        }
      }
    }
  }

  @Test func longUTF16PartsCrossTheParsersWindow() throws {
    // Many windows of 4 KiB, each ending wherever a character happens to fall.
    let body = (0..<2_000).map { "<t i=\"\($0)\">績效𠊎 \($0)</t>" }.joined()
    let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><r>" + body + "</r>"
    let whole = try tokens(XMLPullParser(source: MemoryByteSource(Array(text.utf8)), part: "p", chunkSize: 4096))
    for bigEndian in [false, true] {
      let bytes = utf16(text, bigEndian: bigEndian, mark: true)
      for sizes in [[4093], [1 << 16], [1, 4099]] {
        let read = try tokens(XMLPullParser(source: DribbleSource(bytes: bytes, sizes: sizes), part: "p", chunkSize: 4096))
        #expect(read == whole, "big-endian \(bigEndian), chunks \(sizes)")
      }
    }
  }

  @Test func brokenUTF16IsAnErrorNamingThePart() {
    let lone = utf16("<a>x</a>", bigEndian: false, mark: true) + [0x00, 0xD8, 0x41, 0x00]
    #expect(throws: XLSXError.self) { try tokens(XMLPullParser(source: MemoryByteSource(lone), part: "xl/worksheets/sheet1.xml")) }
    do {
      _ = try tokens(XMLPullParser(source: MemoryByteSource(lone), part: "xl/worksheets/sheet1.xml"))
    } catch let e as XLSXError {
      #expect(e.part == "xl/worksheets/sheet1.xml" && e.message.contains("surrogate"))
    } catch {}
    let odd = utf16("<a/>", bigEndian: true, mark: true) + [0x00]
    #expect(throws: XLSXError.self) { try tokens(XMLPullParser(source: MemoryByteSource(odd), part: "p")) }
    let copied = XMLPullParser(source: MemoryByteSource(utf16("<a/>", bigEndian: false, mark: true)), part: "p", captureRaw: true)
    #expect(throws: XLSXError.self) { try copied.next() }
  }

  @Test func attributesMatchByLocalName() throws {
    let p = XMLPullParser(source: MemoryByteSource(Array("<a r:id=\"rId3\" xmlns:id=\"no\" id2=\"x\"/>".utf8)), part: "p")
    #expect(try p.next() == .start)
    #expect(try p.attributeString("id") == "rId3")
    #expect(try p.attributeString("missing") == nil)
  }

  @Test(arguments: [
    ("<a><b></a>", "malformed-xml", "end tag </a> does not match <b>", 1),
    ("<a>\n\n<b>\n</c></a>", "malformed-xml", "does not match", 4),
    ("<a>", "malformed-xml", "ends inside <a>", 1),
    ("<a>&bogus;</a>", "malformed-xml", "undefined entity &bogus;", 1),
    ("<a>& x</a>", "malformed-xml", "starts no entity", 1),
    ("<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>", "forbidden-dtd", "DTD", 1),
    ("<a x=1/>", "malformed-xml", "without quotes", 1),
    ("<a/><b/>", "malformed-xml", "second root", 1),
    ("", "malformed-xml", "no root element", 1),
    ("<a>&#xD800;</a>", "malformed-xml", "surrogate", 1),
  ])
  func errorsSayWhatAndWhere(input: String, code: String, words: String, line: Int) {
    let p = XMLPullParser(source: DribbleSource(input), part: "xl/test.xml")
    do {
      _ = try tokens(p)
      Issue.record("no error for \(input)")
    } catch let e as XLSXError {
      #expect(e.code.name == code)
      #expect(e.message.contains(words), "\(e.message)")
      #expect(e.part == "xl/test.xml")
      #expect(e.line == line, "\(e)")
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func depthAndTokenLimits() {
    var limits = XMLLimits()
    limits.maxDepth = 10
    let deep = String(repeating: "<a>", count: 11) + String(repeating: "</a>", count: 11)
    #expect(throws: XLSXError.self) { try tokens(XMLPullParser(source: DribbleSource(deep), part: "p", limits: limits)) }
    limits = XMLLimits()
    limits.maxTokenSize = 8192
    let long = "<a>" + String(repeating: "x", count: 20_000) + "</a>"
    do {
      _ = try tokens(XMLPullParser(source: MemoryByteSource(Array(long.utf8)), part: "p", limits: limits))
      Issue.record("no error")
    } catch let e as XLSXError {
      #expect(e.code == .limitExceeded)
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  /// Copies a document token by token through ``XMLPullParser/takeRaw()``.
  func copied(_ source: ByteSource) throws -> [UInt8] {
    let p = XMLPullParser(source: source, part: "p", captureRaw: true)
    var out: [UInt8] = []
    while true {
      let t = try p.next()
      let (before, token) = p.takeRaw()
      out.append(contentsOf: before)
      out.append(contentsOf: token)
      if t == .eof { return out }
    }
  }

  @Test func rawCaptureReproducesTheInputExactly() throws {
    let doc = "\u{FEFF}<?xml version='1.0'?>\n<!-- 註 -->\n" + document + "\n<?pi after?>\n  "
    for sizes in [[1], [3, 7], [4096]] {
      #expect(try copied(DribbleSource(doc, sizes: sizes)) == Array(doc.utf8), "chunk sizes \(sizes)")
    }
  }

  /// Every XML part of real workbooks, copied token by token, comes out byte for byte.
  @Test(arguments: ["xlsxwriter_types.xlsx", "libreoffice_from_openpyxl.xlsx", "quirk_prefixed.xlsx"])
  func rawCaptureOnRealParts(name: String) throws {
    let archive = try ZipArchive(path: fixture(name))
    for e in archive.entries where e.name.hasSuffix(".xml") || e.name.hasSuffix(".rels") {
      let bytes = try archive.read(e)
      #expect(try copied(DribbleSource(bytes: bytes, sizes: [5, 11, 64])) == bytes, "\(name) \(e.name)")
      #expect(try copied(MemoryByteSource(bytes)) == bytes, "\(name) \(e.name)")
    }
  }
}
