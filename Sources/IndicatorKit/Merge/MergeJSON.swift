// MergeJSON: the merge's JSON document written element by element, laid out as JSONEncoder lays it
// out with `.prettyPrinted, .sortedKeys, .withoutEscapingSlashes` (JSONEncoder itself took half a
// second on the 500-workbook benchmark's 51,000 elements). MergeJSONTests compares the two.

import Foundation
import XLSXKit

/// A JSON text laid out as JSONEncoder's pretty printer does: two spaces a level, `"key" : value`,
/// an empty container as an opening line, a blank line and a closing line.
struct PrettyJSON {
  private(set) var bytes: [UInt8] = []
  /// For each open container: whether it has a member yet.
  private var filled: [Bool] = []
  private let base: Int

  /// A text that starts at nesting `depth` (its first line not indented: the caller places it).
  init(depth: Int) { base = depth }

  private mutating func indent(_ level: Int) {
    bytes.append(contentsOf: repeatElement(0x20, count: 2 * level))
  }

  private mutating func open(_ c: UInt8) {
    bytes.append(c)
    filled.append(false)
  }

  private mutating func close(_ c: UInt8) {
    let hadMembers = filled.popLast() ?? false
    bytes.append(0x0A)
    if !hadMembers { bytes.append(0x0A) }
    indent(base + filled.count)
    bytes.append(c)
  }

  /// Starts the next member of the innermost container on its own line.
  private mutating func member() {
    if filled.last == true { bytes.append(0x2C) }
    if !filled.isEmpty { filled[filled.count - 1] = true }
    bytes.append(0x0A)
    indent(base + filled.count)
  }

  mutating func openObject() { open(0x7B) }
  mutating func closeObject() { close(0x7D) }
  mutating func openArray() { open(0x5B) }
  mutating func closeArray() { close(0x5D) }

  /// A member's key (keys must come in sorted order).
  mutating func key(_ k: String) {
    member()
    string(k)
    bytes.append(contentsOf: [0x20, 0x3A, 0x20])
  }

  /// An array element's place.
  mutating func element() { member() }

  mutating func string(_ s: String) {
    bytes.append(0x22)
    for b in s.utf8 {
      switch b {
      case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
      case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
      case 0x08: bytes.append(contentsOf: [0x5C, 0x62])
      case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
      case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
      case 0x0C: bytes.append(contentsOf: [0x5C, 0x66])
      case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
      case 0..<0x20:
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
      default: bytes.append(b)
      }
    }
    bytes.append(0x22)
  }

  /// A number as JSONEncoder writes a Double: its shortest form, without a trailing `.0`.
  ///
  /// - Throws: `EncodingError` for a value that is not finite, as JSONEncoder does.
  mutating func number(_ v: Double) throws {
    guard v.isFinite else {
      throw EncodingError.invalidValue(v, EncodingError.Context(codingPath: [], debugDescription: "not a finite number"))
    }
    var s = v.description
    if s.hasSuffix(".0") { s.removeLast(2) }
    bytes.append(contentsOf: s.utf8)
  }

  mutating func integer(_ v: Int) { bytes.append(contentsOf: String(v).utf8) }

  mutating func bool(_ v: Bool) { bytes.append(contentsOf: (v ? "true" : "false").utf8) }

  /// An array of `list`'s elements, each written by `item`.
  mutating func array<T>(_ list: [T], _ item: (inout PrettyJSON, T) -> Void) {
    openArray()
    for v in list {
      element()
      item(&self, v)
    }
    closeArray()
  }
}

extension PrettyJSON {
  /// A member with a text value; nothing for nil, as the synthesized encoding leaves nils out.
  mutating func field(_ k: String, _ v: String?) {
    guard let v else { return }
    key(k)
    string(v)
  }

  /// A member with a number value; nothing for nil.
  mutating func field(_ k: String, number v: Double?) throws {
    guard let v else { return }
    key(k)
    try number(v)
  }

  /// A member with an integer value; nothing for nil.
  mutating func field(_ k: String, integer v: Int?) {
    guard let v else { return }
    key(k)
    integer(v)
  }

  /// A member whose value is an object of texts, keys in sorted order; nothing for nil.
  mutating func field(_ k: String, texts v: [String: String]?) {
    guard let v else { return }
    key(k)
    openObject()
    for name in v.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) { field(name, v[name]) }
    closeObject()
  }
}

// Each element's keys in sorted order, as `.sortedKeys` has them.

extension JSONRow {
  func write(to j: inout PrettyJSON) throws {
    j.openObject()
    try j.field("achievement", number: achievement)
    j.field("actual", actual)
    j.field("agency", agency)
    j.field("facet", facet)
    j.field("file", file)
    j.field("goal", goal)
    j.field("indicator", indicator)
    j.field("key", key)
    j.field("kind", kind)
    j.field("light", light)
    if let met {
      j.key("met")
      j.bool(met)
    }
    j.field("row", integer: row)
    j.field("sheet", sheet)
    j.field("target", target)
    j.field("targets", texts: targets)
    try j.field("weight", number: weight)
    j.key("years")
    j.array(years) { $0.integer($1) }
    j.closeObject()
  }
}

extension JSONFinding {
  func write(to j: inout PrettyJSON) throws {
    j.openObject()
    j.field("cell", cell)
    j.field("code", code)
    j.key("details")
    j.openObject()
    for k in details.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
      switch details[k] {
      case .number(let v)?: try j.field(k, number: jsonNumber(v))
      case .text(let t)?: j.field(k, t)
      case .texts(let t)?:
        j.key(k)
        j.array(t) { $0.string($1) }
      case nil: break
      }
    }
    j.closeObject()
    j.field("file", file)
    j.field("indicator", indicator)
    j.field("message", message)
    j.field("severity", severity)
    j.field("sheet", sheet)
    j.closeObject()
  }
}

extension JSONMissing {
  func write(to j: inout PrettyJSON) {
    j.openObject()
    j.field("agency", agency)
    j.field("code", code)
    j.field("file", file)
    j.field("reason", reason)
    j.closeObject()
  }
}

extension JSONLeft {
  func write(to j: inout PrettyJSON) {
    j.openObject()
    j.field("code", code)
    j.field("file", file)
    j.field("format", format)
    j.field("reason", reason)
    j.closeObject()
  }
}

extension MergeResult.Summary {
  func write(to j: inout PrettyJSON) throws {
    j.openObject()
    j.field("agency", agency)
    try j.field("computedScore", number: computedScore)
    j.field("errors", integer: errors)
    j.field("file", file)
    j.field("goals", integer: goals)
    j.field("grade", grade)
    j.field("green", integer: green)
    j.field("indicators", integer: indicators)
    j.field("kind", kind.rawValue)
    j.field("met", integer: met)
    j.field("rank", integer: rank)
    j.field("red", integer: red)
    j.key("scoresDisagree")
    j.bool(scoresDisagree)
    try j.field("statedScore", number: statedScore)
    j.field("unexplained", integer: unexplained)
    j.field("unmet", integer: unmet)
    j.field("warnings", integer: warnings)
    try j.field("weightTotal", number: weightTotal)
    j.field("white", integer: white)
    j.key("years")
    j.array(years) { $0.integer($1) }
    j.field("yellow", integer: yellow)
    j.closeObject()
  }
}
