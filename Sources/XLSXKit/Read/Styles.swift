// Styles: what the reader needs of xl/styles.xml — the number format of every cell style.

/// The number formats of a workbook's cell styles (`cellXfs`), indexed by a cell's `s` attribute.
public struct Styles: Sendable {
  /// Custom formats by id, as declared in `numFmts`.
  public var customFormats: [Int: NumberFormat] = [:]
  /// The number format of each cell style.
  public var cellFormats: [NumberFormat] = []
  /// The format kind of each cell style, for the hot path.
  public var cellKinds: [NumberFormat.Kind] = []

  /// No styles: every cell is `General`.
  public init() {}

  /// The format of the cell style `index`; `General` when out of range, as spreadsheet applications do.
  public func format(_ index: Int) -> NumberFormat {
    index >= 0 && index < cellFormats.count ? cellFormats[index] : .general
  }

  /// The format kind of the cell style `index`.
  @inline(__always) public func kind(_ index: Int) -> NumberFormat.Kind {
    index >= 0 && index < cellKinds.count ? cellKinds[index] : .general
  }

  static func read(_ p: XMLPullParser) throws -> Styles {
    var styles = Styles()
    var ids: [Int] = []
    var path: [String] = []
    while true {
      let t = try p.next()
      if t == .eof { break }
      if t == .start {
        let name = p.localName
        let parent = path.last
        path.append(name)
        if name == "numFmt" && parent == "numFmts" && path.count == 3 {
          guard let idText = try p.attributeString("numFmtId"), let id = Int(idText) else {
            throw p.error(.invalidValue, "a <numFmt> without a numeric numFmtId")
          }
          let code = try p.attributeString("formatCode") ?? "General"
          styles.customFormats[id] = NumberFormat(id: id, code: code)
        } else if name == "xf" && parent == "cellXfs" {
          let idText = try p.attributeString("numFmtId") ?? "0"
          ids.append(Int(idText) ?? 0)
        }
      } else if t == .end {
        path.removeLast()
      }
    }
    styles.cellFormats = ids.map { styles.customFormats[$0] ?? NumberFormat.builtIn($0) }
    styles.cellKinds = styles.cellFormats.map(\.kind)
    return styles
  }
}
