// PackageParts: the OPC layer — [Content_Types].xml, relationships and part-name resolution.

/// A relationship from one part to another (or to an external target).
public struct Relationship: Sendable, Equatable {
  /// The relationship id, e.g. `rId1`.
  public var id: String
  /// The relationship type URI.
  public var type: String
  /// The target as written.
  public var target: String
  /// Whether the target lies outside the package.
  public var isExternal: Bool
  /// The resolved part name (no leading slash), or nil for external targets.
  public var partName: String?

  /// The last path segment of the type, e.g. `worksheet` or `officeDocument`: the same for the
  /// Transitional and the Strict namespaces.
  public var kind: String {
    // The last non-empty segment, found in the bytes (this is asked for every relationship).
    let u = type.utf8
    var end = u.endIndex
    while end > u.startIndex, u[u.index(before: end)] == 0x2F { end = u.index(before: end) }
    guard end > u.startIndex else { return type }
    var start = end
    while start > u.startIndex, u[u.index(before: start)] != 0x2F { start = u.index(before: start) }
    return String(type[start..<end])
  }
}

/// The content types of a package: defaults by extension and overrides by part name.
public struct ContentTypes: Sendable {
  /// Content type by lowercased extension.
  public var defaults: [String: String] = [:]
  /// Content type by lowercased part name (no leading slash).
  public var overrides: [String: String] = [:]

  /// The content type of a part, or nil when neither an override nor a default covers it.
  public func contentType(of partName: String) -> String? {
    let key = partName.lowercased()
    if let o = overrides[key] { return o }
    if let dot = key.lastIndex(of: "."), !key[dot...].contains("/") {
      return defaults[String(key[key.index(after: dot)...])]
    }
    return nil
  }
}

enum PackageReader {
  /// Reads `[Content_Types].xml`.
  static func contentTypes(_ archive: ZipArchive) throws -> ContentTypes? {
    guard let entry = archive.entry(named: "[Content_Types].xml") else { return nil }
    let p = XMLPullParser(source: try archive.open(entry), part: entry.name, chunkSize: 1 << 14)
    var types = ContentTypes()
    while true {
      let t = try p.next()
      if t == .eof { break }
      guard t == .start else { continue }
      if p.isLocalName("Default"), let ext = try p.attributeString("Extension"),
        let ct = try p.attributeString("ContentType")
      {
        types.defaults[ext.lowercased()] = ct
      } else if p.isLocalName("Override"), let name = try p.attributeString("PartName"),
        let ct = try p.attributeString("ContentType")
      {
        types.overrides[normalize(name).lowercased()] = ct
      }
    }
    return types
  }

  /// Reads the relationships of `sourcePart` (`""` for the package itself), or [] when it has none.
  static func relationships(_ archive: ZipArchive, of sourcePart: String) throws -> [Relationship] {
    let dir = directory(of: sourcePart)
    let file = sourcePart.split(separator: "/").last.map(String.init) ?? ""
    let relsName = (dir.isEmpty ? "" : dir + "/") + "_rels/" + file + ".rels"
    guard let entry = archive.entry(named: relsName) else { return [] }
    let p = XMLPullParser(source: try archive.open(entry), part: entry.name, chunkSize: 1 << 14)
    var out: [Relationship] = []
    while true {
      let t = try p.next()
      if t == .eof { break }
      guard t == .start, p.isLocalName("Relationship") else { continue }
      guard let id = try p.attributeString("Id"), let type = try p.attributeString("Type"),
        let target = try p.attributeString("Target")
      else {
        throw p.error(.malformedXML, "a <Relationship> without Id, Type or Target")
      }
      let external = try p.attributeString("TargetMode") == "External"
      out.append(
        Relationship(
          id: id, type: type, target: target, isExternal: external,
          partName: external ? nil : resolve(target, from: dir)))
    }
    return out
  }

  /// The folder of a part name (`xl/worksheets/sheet1.xml` → `xl/worksheets`).
  static func directory(of part: String) -> String {
    guard let slash = part.lastIndex(of: "/") else { return "" }
    return String(part[..<slash])
  }

  /// Resolves a relationship target against the source part's folder: absolute (`/xl/x.xml`) or
  /// relative (`worksheets/sheet1.xml`, `../media/a.png`), percent-escapes and backslashes allowed.
  static func resolve(_ target: String, from dir: String) -> String {
    var t = target.utf8.contains(0x5C) ? String(target.map { $0 == "\\" ? "/" : $0 }) : target
    t = t.removingPercentEncodingIfValid
    var parts: [Substring] = t.hasPrefix("/") ? [] : dir.split(separator: "/")
    for seg in t.split(separator: "/") {
      if seg == "." || seg.isEmpty { continue }
      if seg == ".." {
        if !parts.isEmpty { parts.removeLast() }
        continue
      }
      parts.append(seg)
    }
    return parts.joined(separator: "/")
  }

  static func normalize(_ name: String) -> String {
    name.hasPrefix("/") ? String(name.dropFirst()) : name
  }
}

extension String {
  /// Decodes `%XX` escapes when they form valid UTF-8; otherwise the string as it is.
  var removingPercentEncodingIfValid: String {
    guard utf8.contains(0x25) else { return self }  // the byte: no other character's UTF-8 holds it
    var out: [UInt8] = []
    let b = Array(utf8)
    var i = 0
    func hex(_ c: UInt8) -> UInt8? {
      switch c {
      case 0x30...0x39: return c - 0x30
      case 0x41...0x46: return c - 0x41 + 10
      case 0x61...0x66: return c - 0x61 + 10
      default: return nil
      }
    }
    while i < b.count {
      if b[i] == 0x25, i + 2 < b.count, let h = hex(b[i + 1]), let l = hex(b[i + 2]) {
        out.append(h << 4 | l)
        i += 3
      } else {
        out.append(b[i])
        i += 1
      }
    }
    return String(validating: out, as: UTF8.self) ?? self
  }
}
