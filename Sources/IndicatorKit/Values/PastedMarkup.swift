// PastedMarkup: text pasted from a web page or a word processor, with its HTML tags, as the plain
// text a printed form shows: paragraphs and breaks as line breaks, the tags gone.

import Foundation

/// The plain text of a narrative that carries HTML from where it was pasted
/// (「<p>1. 歡揚資訊股份有限公司…</p> <p>2. …</p>」): `<br>` and the end of a paragraph, block or
/// list item become line breaks, every other tag goes, the five entities, `&nbsp;` and numeric
/// references are decoded. Text without a recognised tag is left as it is, so 「目標 <5 件」 stays.
/// The model keeps the text as written; forms show this.
public enum PastedMarkup {
  /// Tags that mark text as pasted HTML.
  private static let tags: Set<String> = ["p", "br", "div", "span", "li", "ul", "ol", "b", "i", "u", "strong", "em",
                                          "font", "table", "tr", "td", "th", "tbody", "h1", "h2", "h3", "h4", "sup", "sub"]
  /// Tags after which a line ends.
  private static let breaking: Set<String> = ["br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "table", "ul", "ol"]

  /// The plain text of `s` (see the type's description).
  public static func plainText(_ s: String) -> String {
    guard s.contains("<"), s.contains(">") else { return s }
    var out = ""
    var found = false
    var i = s.startIndex
    while i < s.endIndex {
      if s[i] == "<", let close = s[i...].firstIndex(of: ">"), let name = tagName(s[s.index(after: i)..<close]), tags.contains(name) {
        found = true
        let isEnd = s[s.index(after: i)] == "/"
        if breaking.contains(name) && (isEnd || name == "br") { out += "\n" }
        if name == "li" && !isEnd { out += "・" }
        i = s.index(after: close)
        continue
      }
      out.append(s[i])
      i = s.index(after: i)
    }
    guard found else { return s }
    let decoded = decodeEntities(out)
    // Lines trimmed, runs of blank lines made one, none at the ends.
    var lines: [String] = []
    for line in decoded.split(separator: "\n", omittingEmptySubsequences: false) {
      let t = line.trimmingCharacters(in: .whitespaces)
      if t.isEmpty && (lines.last?.isEmpty ?? true) { continue }
      lines.append(t)
    }
    while lines.last?.isEmpty == true { lines.removeLast() }
    return lines.joined(separator: "\n")
  }

  /// The lowercased name of a tag's inside (`p class="x"`, `/p`, `br/`), nil when it is none.
  private static func tagName(_ inside: Substring) -> String? {
    var t = inside
    if t.first == "/" { t = t.dropFirst() }
    let name = t.prefix(while: { $0.isASCII && ($0.isLetter || $0.isNumber) }).lowercased()
    guard !name.isEmpty else { return nil }
    let rest = t.dropFirst(name.count)
    guard rest.isEmpty || rest.first == " " || rest.first == "/" else { return nil }
    return name
  }

  private static func decodeEntities(_ s: String) -> String {
    guard s.contains("&") else { return s }
    var out = s
    for (entity, char) in [("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&apos;", "'")] {
      out = out.replacingOccurrences(of: entity, with: char)
    }
    var result = ""
    var i = out.startIndex
    while i < out.endIndex {
      if out[i] == "&", out[i...].hasPrefix("&#"), let semi = out[i...].prefix(10).firstIndex(of: ";") {
        let body = out[out.index(i, offsetBy: 2)..<semi]
        let value = body.first == "x" || body.first == "X" ? UInt32(body.dropFirst(), radix: 16) : UInt32(body)
        if let value, let scalar = Unicode.Scalar(value) {
          result.unicodeScalars.append(scalar)
          i = out.index(after: semi)
          continue
        }
      }
      result.append(out[i])
      i = out.index(after: i)
    }
    return result.replacingOccurrences(of: "&amp;", with: "&")
  }
}
