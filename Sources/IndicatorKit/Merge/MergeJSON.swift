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

  mutating func strings(_ list: [String]) {
    openArray()
    for s in list {
      element()
      string(s)
    }
    closeArray()
  }

  mutating func integers(_ list: [Int]) {
    openArray()
    for v in list {
      element()
      integer(v)
    }
    closeArray()
  }
}

extension JSONRow {
  /// Keys in sorted order, absent ones left out, as the synthesized encoding leaves out nils.
  func write(to j: inout PrettyJSON) throws {
    j.openObject()
    if let achievement {
      j.key("achievement")
      try j.number(achievement)
    }
    if let actual {
      j.key("actual")
      j.string(actual)
    }
    if let agency {
      j.key("agency")
      j.string(agency)
    }
    if let facet {
      j.key("facet")
      j.string(facet)
    }
    j.key("file")
    j.string(file)
    j.key("goal")
    j.string(goal)
    j.key("indicator")
    j.string(indicator)
    j.key("key")
    j.string(key)
    j.key("kind")
    j.string(kind)
    if let met {
      j.key("met")
      j.bool(met)
    }
    if let row {
      j.key("row")
      j.integer(row)
    }
    if let sheet {
      j.key("sheet")
      j.string(sheet)
    }
    if let target {
      j.key("target")
      j.string(target)
    }
    if let targets {
      j.key("targets")
      j.openObject()
      for k in targets.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
        j.key(k)
        j.string(targets[k] ?? "")
      }
      j.closeObject()
    }
    if let weight {
      j.key("weight")
      try j.number(weight)
    }
    j.key("years")
    j.integers(years)
    j.closeObject()
  }
}

extension JSONFinding {
  func write(to j: inout PrettyJSON) throws {
    j.openObject()
    if let cell {
      j.key("cell")
      j.string(cell)
    }
    j.key("code")
    j.string(code)
    j.key("details")
    j.openObject()
    for k in details.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
      j.key(k)
      switch details[k] {
      case .number(let v)?: try j.number(v)
      case .text(let t)?: j.string(t)
      case .texts(let t)?: j.strings(t)
      case nil: break
      }
    }
    j.closeObject()
    j.key("file")
    j.string(file)
    if let indicator {
      j.key("indicator")
      j.string(indicator)
    }
    j.key("message")
    j.string(message)
    j.key("severity")
    j.string(severity)
    if let sheet {
      j.key("sheet")
      j.string(sheet)
    }
    j.closeObject()
  }
}

extension JSONLeft {
  func write(to j: inout PrettyJSON) {
    j.openObject()
    j.key("file")
    j.string(file)
    j.key("reason")
    j.string(reason)
    j.closeObject()
  }
}

extension MergeResult.Summary {
  func write(to j: inout PrettyJSON) throws {
    j.openObject()
    if let agency {
      j.key("agency")
      j.string(agency)
    }
    j.key("errors")
    j.integer(errors)
    j.key("file")
    j.string(file)
    j.key("goals")
    j.integer(goals)
    j.key("indicators")
    j.integer(indicators)
    j.key("kind")
    j.string(kind.rawValue)
    if let score {
      j.key("score")
      try j.number(score)
    }
    j.key("unmet")
    j.integer(unmet)
    j.key("warnings")
    j.integer(warnings)
    if let weightTotal {
      j.key("weightTotal")
      try j.number(weightTotal)
    }
    j.key("years")
    j.integers(years)
    j.closeObject()
  }
}
