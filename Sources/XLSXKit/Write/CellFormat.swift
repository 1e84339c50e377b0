// CellFormat: how a written cell looks — font, fill, border, alignment and number format.

/// The look of a cell. Equal formats share one style in the workbook.
public struct CellFormat: Hashable, Sendable {
  /// Horizontal alignment.
  public enum Horizontal: String, Sendable, Hashable {
    /// Left.
    case left
    /// Centred.
    case center
    /// Right.
    case right
    /// Justified.
    case justify
  }

  /// Vertical alignment.
  public enum Vertical: String, Sendable, Hashable {
    /// Top.
    case top
    /// Centred.
    case center
    /// Bottom.
    case bottom
  }

  /// The font's name; nil uses the workbook's default (新細明體, which every zh-TW system has).
  public var fontName: String?
  /// The font size in points; nil uses the default (12).
  public var fontSize: Double?
  /// Bold.
  public var bold = false
  /// Italic.
  public var italic = false
  /// The font colour as `RRGGBB`.
  public var fontColor: String?
  /// A solid fill colour as `RRGGBB`.
  public var fillColor: String?
  /// A thin border on every side.
  public var border = false
  /// Horizontal alignment.
  public var horizontal: Horizontal?
  /// Vertical alignment.
  public var vertical: Vertical?
  /// Wrap text within the cell.
  public var wrap = false
  /// A number format code, e.g. `0.00%`, `yyyy-mm-dd` or `[$-404]e/m/d`.
  public var numberFormat: String?
  /// Left editable when the sheet is protected (``WorksheetWriter/protection``): the input cells of
  /// a form. Every other cell is locked, as in Excel, once its sheet is protected.
  public var unlocked = false

  /// The plain format.
  public init() {}

  /// A format with the given properties.
  public init(bold: Bool = false, fillColor: String? = nil, border: Bool = false, horizontal: Horizontal? = nil,
              vertical: Vertical? = nil, wrap: Bool = false, numberFormat: String? = nil, fontSize: Double? = nil,
              fontColor: String? = nil) {
    self.bold = bold
    self.fillColor = fillColor
    self.border = border
    self.horizontal = horizontal
    self.vertical = vertical
    self.wrap = wrap
    self.numberFormat = numberFormat
    self.fontSize = fontSize
    self.fontColor = fontColor
  }

  /// A copy with another number format.
  public func with(numberFormat: String?) -> CellFormat {
    var f = self
    f.numberFormat = numberFormat
    return f
  }
}

/// The default font of written workbooks.
public let defaultFontName = "新細明體"
/// The default font size of written workbooks.
public let defaultFontSize = 12.0

/// Collects the distinct formats of a workbook and writes `xl/styles.xml`.
struct StyleTable {
  private var formats: [CellFormat] = [CellFormat()]
  private var index: [CellFormat: Int] = [CellFormat(): 0]
  private(set) var differential: [CellFormat] = []

  /// The style index of a format, adding it when new.
  mutating func id(for format: CellFormat?) -> Int {
    guard let format else { return 0 }
    if let i = index[format] { return i }
    formats.append(format)
    index[format] = formats.count - 1
    return formats.count - 1
  }

  /// The index of a differential format (for conditional formatting).
  mutating func differentialID(for format: CellFormat) -> Int {
    differential.append(format)
    return differential.count - 1
  }

  /// Whether a style shows dates (so that written dates get a date format).
  func numberFormat(of id: Int) -> String? { formats[id].numberFormat }

  /// `xl/styles.xml`, its elements in schema order.
  func xml() -> [UInt8] {
    var numFmts: [String: Int] = [:]
    var numFmtOrder: [String] = []
    func numFmtID(_ code: String?) -> Int {
      guard let code else { return 0 }
      if let builtIn = NumberFormat.builtInCodes.first(where: { $0.value == code && $0.key < 50 && $0.key != 27 && $0.key != 36 })?.key {
        return builtIn
      }
      if let id = numFmts[code] { return id }
      let id = 164 + numFmts.count
      numFmts[code] = id
      numFmtOrder.append(code)
      return id
    }
    struct FontKey: Hashable { var name: String; var size: Double; var bold: Bool; var italic: Bool; var color: String? }
    var fonts: [FontKey] = []
    var fontIndex: [FontKey: Int] = [:]
    func fontID(_ f: CellFormat) -> Int {
      let k = FontKey(name: f.fontName ?? defaultFontName, size: f.fontSize ?? defaultFontSize, bold: f.bold,
                      italic: f.italic, color: f.fontColor)
      if let i = fontIndex[k] { return i }
      fonts.append(k)
      fontIndex[k] = fonts.count - 1
      return fonts.count - 1
    }
    var fills: [String?] = [nil, nil]  // the two fills every workbook has: none and gray125
    func fillID(_ color: String?) -> Int {
      guard let color else { return 0 }
      if let i = fills.firstIndex(where: { $0 == color }), i >= 2 { return i }
      fills.append(color)
      return fills.count - 1
    }
    var xfs: [(numFmt: Int, font: Int, fill: Int, border: Int, f: CellFormat)] = []
    for f in formats {
      xfs.append((numFmtID(f.numberFormat), fontID(f), fillID(f.fillColor), f.border ? 1 : 0, f))
    }
    let dxfNumFmts = differential.map { numFmtID($0.numberFormat) }

    var w = XMLWriter(capacity: 4096)
    w.declaration()
    w.start("styleSheet", [("xmlns", "http://schemas.openxmlformats.org/spreadsheetml/2006/main")])
    if !numFmtOrder.isEmpty {
      w.start("numFmts", [("count", String(numFmtOrder.count))])
      for code in numFmtOrder {
        w.empty("numFmt", [("numFmtId", String(numFmts[code] ?? 0)), ("formatCode", code)])
      }
      w.end("numFmts")
    }
    w.start("fonts", [("count", String(fonts.count))])
    for f in fonts { writeFont(&w, bold: f.bold, italic: f.italic, size: f.size, color: f.color, name: f.name) }
    w.end("fonts")
    w.start("fills", [("count", String(fills.count))])
    w.start("fill")
    w.empty("patternFill", [("patternType", "none")])
    w.end("fill")
    w.start("fill")
    w.empty("patternFill", [("patternType", "gray125")])
    w.end("fill")
    for color in fills.dropFirst(2) {
      w.start("fill")
      writeSolidFill(&w, color ?? "FFFFFF")
      w.end("fill")
    }
    w.end("fills")
    w.start("borders", [("count", "2")])
    w.start("border")
    for side in ["left", "right", "top", "bottom", "diagonal"] { w.empty(side) }
    w.end("border")
    w.start("border")
    for side in ["left", "right", "top", "bottom"] {
      w.start(side, [("style", "thin")])
      w.empty("color", [("auto", "1")])
      w.end(side)
    }
    w.empty("diagonal")
    w.end("border")
    w.end("borders")
    w.start("cellStyleXfs", [("count", "1")])
    w.empty("xf", [("numFmtId", "0"), ("fontId", "0"), ("fillId", "0"), ("borderId", "0")])
    w.end("cellStyleXfs")
    w.start("cellXfs", [("count", String(xfs.count))])
    for x in xfs {
      var a: [(String, String)] = [
        ("numFmtId", String(x.numFmt)), ("fontId", String(x.font)), ("fillId", String(x.fill)),
        ("borderId", String(x.border)), ("xfId", "0"),
      ]
      if x.numFmt != 0 { a.append(("applyNumberFormat", "1")) }
      if x.font != 0 { a.append(("applyFont", "1")) }
      if x.fill != 0 { a.append(("applyFill", "1")) }
      if x.border != 0 { a.append(("applyBorder", "1")) }
      let aligned = x.f.horizontal != nil || x.f.vertical != nil || x.f.wrap
      if aligned { a.append(("applyAlignment", "1")) }
      if x.f.unlocked { a.append(("applyProtection", "1")) }
      if aligned || x.f.unlocked {
        w.start("xf", a)
        if aligned {
          var al: [(String, String)] = []
          if let h = x.f.horizontal { al.append(("horizontal", h.rawValue)) }
          if let v = x.f.vertical { al.append(("vertical", v.rawValue)) }
          if x.f.wrap { al.append(("wrapText", "1")) }
          w.empty("alignment", al)
        }
        if x.f.unlocked { w.empty("protection", [("locked", "0")]) }
        w.end("xf")
      } else {
        w.empty("xf", a)
      }
    }
    w.end("cellXfs")
    w.start("cellStyles", [("count", "1")])
    w.empty("cellStyle", [("name", "Normal"), ("xfId", "0"), ("builtinId", "0")])
    w.end("cellStyles")
    w.start("dxfs", [("count", String(differential.count))])
    for (i, d) in differential.enumerated() {
      w.start("dxf")
      if d.bold || d.fontColor != nil || d.italic {
        w.start("font")
        if d.bold { w.empty("b") }
        if d.italic { w.empty("i") }
        if let c = d.fontColor { w.empty("color", [("rgb", "FF" + c)]) }
        w.end("font")
      }
      if let code = d.numberFormat {
        w.empty("numFmt", [("numFmtId", String(dxfNumFmts[i])), ("formatCode", code)])
      }
      if let fill = d.fillColor {
        w.start("fill")
        w.start("patternFill", [("patternType", "solid")])
        w.empty("fgColor", [("rgb", "FF" + fill)])
        w.empty("bgColor", [("rgb", "FF" + fill)])
        w.end("patternFill")
        w.end("fill")
      }
      w.end("dxf")
    }
    w.end("dxfs")
    w.empty("tableStyles", [("count", "0"), ("defaultTableStyle", "TableStyleMedium2"), ("defaultPivotStyle", "PivotStyleLight16")])
    w.end("styleSheet")
    return w.bytes
  }

  private func writeFont(_ w: inout XMLWriter, bold: Bool, italic: Bool, size: Double, color: String?, name: String) {
    w.start("font")
    if bold { w.empty("b") }
    if italic { w.empty("i") }
    w.empty("sz", [("val", formatNumber(size))])
    if let color { w.empty("color", [("rgb", "FF" + color)]) }
    w.empty("name", [("val", name)])
    w.empty("family", [("val", "1")])
    w.empty("charset", [("val", "136")])
    w.end("font")
  }

  private func writeSolidFill(_ w: inout XMLWriter, _ color: String) {
    w.start("patternFill", [("patternType", "solid")])
    w.empty("fgColor", [("rgb", "FF" + color)])
    w.empty("bgColor", [("indexed", "64")])
    w.end("patternFill")
  }
}
