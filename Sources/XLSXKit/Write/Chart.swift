// Chart: a bar or column chart of one series drawn by the spreadsheet application from cell ranges.

/// A chart of one series over a sheet's cells (a real chart part: the application draws it).
public struct ChartSpec: Sendable, Hashable {
  /// Bars lie (`bar`, categories down the side) or stand (`column`).
  public enum Kind: String, Sendable, Hashable {
    /// Horizontal bars: long category names stay readable.
    case bar
    /// Vertical columns.
    case column
  }

  /// The kind.
  public var kind: Kind
  /// The title shown above it.
  public var title: String
  /// The category labels (one column or row of the same sheet).
  public var categories: CellRange
  /// The values.
  public var values: CellRange
  /// The series' name.
  public var seriesName: String
  /// The top-left cell it is drawn from.
  public var anchor: CellReference
  /// Its size in columns and rows.
  public var width: Int
  /// Its height in rows.
  public var height: Int
  /// The sheet whose cells `categories` and `values` are on, when not the chart's own.
  public var dataSheet: String?
  /// The bars' fill (RGB). Always written: an application may draw a series without one unfilled.
  public var fillColor = "4472C4"
  /// Whether each bar shows its value.
  public var showValues = false
  /// The value axis' maximum; the application chooses when nil.
  public var axisMaximum: Double?
  /// The value axis' minimum; the application chooses when nil.
  public var axisMinimum: Double? = 0

  /// A chart of `values` by `categories`, drawn from `anchor` over `width` columns and `height` rows.
  public init(kind: Kind, title: String, categories: CellRange, values: CellRange, seriesName: String,
              anchor: CellReference, width: Int = 8, height: Int = 16) {
    self.kind = kind
    self.title = title
    self.categories = categories
    self.values = values
    self.seriesName = seriesName
    self.anchor = anchor
    self.width = width
    self.height = height
  }

  /// The chart part (`xl/charts/chartN.xml`) for a chart on `sheet`.
  func part(sheet: String) -> [UInt8] {
    let quoted = CellReference.quoted(sheet: dataSheet ?? sheet) + "!"
    func absolute(_ r: CellRange) -> String {
      func a(_ c: CellReference) -> String { "$" + CellReference.columnName(c.column) + "$" + String(c.row) }
      return quoted + a(r.first) + ":" + a(r.last)
    }
    var w = XMLWriter()
    w.declaration()
    w.start("c:chartSpace", [("xmlns:c", "http://schemas.openxmlformats.org/drawingml/2006/chart"),
                             ("xmlns:a", "http://schemas.openxmlformats.org/drawingml/2006/main"),
                             ("xmlns:r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships")])
    w.start("c:chart")
    w.start("c:title")
    w.start("c:tx")
    w.start("c:rich")
    w.empty("a:bodyPr")
    w.start("a:p")
    w.start("a:r")
    w.element("a:t", text: title)
    w.end("a:r")
    w.end("a:p")
    w.end("c:rich")
    w.end("c:tx")
    w.empty("c:overlay", [("val", "0")])
    w.end("c:title")
    w.empty("c:autoTitleDeleted", [("val", "0")])
    w.start("c:plotArea")
    w.empty("c:layout")
    w.start("c:barChart")
    w.empty("c:barDir", [("val", kind == .bar ? "bar" : "col")])
    w.empty("c:grouping", [("val", "clustered")])
    w.empty("c:varyColors", [("val", "0")])
    w.start("c:ser")
    w.empty("c:idx", [("val", "0")])
    w.empty("c:order", [("val", "0")])
    w.start("c:tx")
    w.element("c:v", text: seriesName)
    w.end("c:tx")
    w.start("c:spPr")
    w.start("a:solidFill")
    w.empty("a:srgbClr", [("val", fillColor)])
    w.end("a:solidFill")
    w.end("c:spPr")
    w.empty("c:invertIfNegative", [("val", "0")])
    if showValues {
      w.start("c:dLbls")
      w.empty("c:numFmt", [("formatCode", "0.00"), ("sourceLinked", "0")])
      w.empty("c:showLegendKey", [("val", "0")])
      w.empty("c:showVal", [("val", "1")])
      w.empty("c:showCatName", [("val", "0")])
      w.empty("c:showSerName", [("val", "0")])
      w.empty("c:showPercent", [("val", "0")])
      w.empty("c:showBubbleSize", [("val", "0")])
      w.end("c:dLbls")
    }
    w.start("c:cat")
    w.start("c:strRef")
    w.element("c:f", text: absolute(categories))
    w.end("c:strRef")
    w.end("c:cat")
    w.start("c:val")
    w.start("c:numRef")
    w.element("c:f", text: absolute(values))
    w.end("c:numRef")
    w.end("c:val")
    w.end("c:ser")
    w.empty("c:gapWidth", [("val", "60")])
    w.empty("c:axId", [("val", "50010001")])
    w.empty("c:axId", [("val", "50010002")])
    w.end("c:barChart")
    w.start("c:catAx")
    w.empty("c:axId", [("val", "50010001")])
    w.start("c:scaling")
    // Bars top-down in the order of the rows.
    w.empty("c:orientation", [("val", kind == .bar ? "maxMin" : "minMax")])
    w.end("c:scaling")
    w.empty("c:delete", [("val", "0")])
    w.empty("c:axPos", [("val", kind == .bar ? "l" : "b")])
    w.empty("c:majorTickMark", [("val", "out")])
    w.empty("c:minorTickMark", [("val", "none")])
    w.empty("c:tickLblPos", [("val", "nextTo")])
    textProperties(&w, size: 900)
    w.empty("c:crossAx", [("val", "50010002")])
    w.empty("c:crosses", [("val", "autoZero")])
    w.empty("c:auto", [("val", "1")])
    w.empty("c:lblAlgn", [("val", "ctr")])
    w.empty("c:lblOffset", [("val", "100")])
    // Every category's label, however many there are.
    w.empty("c:tickLblSkip", [("val", "1")])
    w.empty("c:noMultiLvlLbl", [("val", "0")])
    w.end("c:catAx")
    w.start("c:valAx")
    w.empty("c:axId", [("val", "50010002")])
    w.start("c:scaling")
    w.empty("c:orientation", [("val", "minMax")])
    if let axisMaximum { w.empty("c:max", [("val", number(axisMaximum))]) }
    if let axisMinimum { w.empty("c:min", [("val", number(axisMinimum))]) }
    w.end("c:scaling")
    w.empty("c:delete", [("val", "0")])
    w.empty("c:axPos", [("val", kind == .bar ? "b" : "l")])
    w.empty("c:majorGridlines")
    w.empty("c:numFmt", [("formatCode", "General"), ("sourceLinked", "1")])
    w.empty("c:majorTickMark", [("val", "out")])
    w.empty("c:minorTickMark", [("val", "none")])
    w.empty("c:tickLblPos", [("val", "nextTo")])
    textProperties(&w, size: 900)
    w.empty("c:crossAx", [("val", "50010001")])
    w.empty("c:crosses", [("val", kind == .bar ? "max" : "autoZero")])
    w.end("c:valAx")
    w.end("c:plotArea")
    w.empty("c:plotVisOnly", [("val", "1")])
    w.end("c:chart")
    w.end("c:chartSpace")
    return w.bytes
  }

  /// An axis' labels at `size` hundredths of a point.
  private func textProperties(_ w: inout XMLWriter, size: Int) {
    w.start("c:txPr")
    w.empty("a:bodyPr")
    w.empty("a:lstStyle")
    w.start("a:p")
    w.start("a:pPr")
    w.empty("a:defRPr", [("sz", String(size))])
    w.end("a:pPr")
    w.empty("a:endParaRPr", [("lang", "zh-TW")])
    w.end("a:p")
    w.end("c:txPr")
  }

  private func number(_ v: Double) -> String {
    v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
  }

  /// The drawing part placing `charts`; chart `i` is relationship `rId(i + 1)`.
  static func drawing(_ charts: [ChartSpec]) -> [UInt8] {
    var w = XMLWriter()
    w.declaration()
    w.start("xdr:wsDr", [("xmlns:xdr", "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"),
                         ("xmlns:a", "http://schemas.openxmlformats.org/drawingml/2006/main")])
    for (i, chart) in charts.enumerated() {
      w.start("xdr:twoCellAnchor")
      for (tag, cell) in [("xdr:from", chart.anchor),
                          ("xdr:to", CellReference(row: chart.anchor.row + chart.height, column: chart.anchor.column + chart.width))] {
        w.start(tag)
        w.element("xdr:col", text: String(cell.column - 1))
        w.element("xdr:colOff", text: "0")
        w.element("xdr:row", text: String(cell.row - 1))
        w.element("xdr:rowOff", text: "0")
        w.end(tag)
      }
      w.start("xdr:graphicFrame", [("macro", "")])
      w.start("xdr:nvGraphicFramePr")
      w.empty("xdr:cNvPr", [("id", String(i + 2)), ("name", "Chart \(i + 1)")])
      w.empty("xdr:cNvGraphicFramePr")
      w.end("xdr:nvGraphicFramePr")
      w.start("xdr:xfrm")
      w.empty("a:off", [("x", "0"), ("y", "0")])
      w.empty("a:ext", [("cx", "0"), ("cy", "0")])
      w.end("xdr:xfrm")
      w.start("a:graphic")
      w.start("a:graphicData", [("uri", "http://schemas.openxmlformats.org/drawingml/2006/chart")])
      w.empty("c:chart", [("xmlns:c", "http://schemas.openxmlformats.org/drawingml/2006/chart"),
                          ("xmlns:r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
                          ("r:id", "rId\(i + 1)")])
      w.end("a:graphicData")
      w.end("a:graphic")
      w.end("xdr:graphicFrame")
      w.empty("xdr:clientData")
      w.end("xdr:twoCellAnchor")
    }
    w.end("xdr:wsDr")
    return w.bytes
  }
}
