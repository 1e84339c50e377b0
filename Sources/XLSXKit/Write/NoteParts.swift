// NoteParts: the comments part and the VML drawing that make cell notes, for the writer and the filler.

/// Writes the two parts a sheet's notes need: `xl/commentsN.xml` (the texts) and a legacy VML drawing
/// (each note's box, which Excel requires).
enum NoteParts {
  /// The comments part for `notes`, all by `author`.
  static func comments(_ notes: [(CellReference, String)], author: String) -> [UInt8] {
    var w = XMLWriter()
    w.declaration()
    w.start("comments", [("xmlns", "http://schemas.openxmlformats.org/spreadsheetml/2006/main")])
    w.start("authors")
    w.element("author", text: author)
    w.end("authors")
    w.start("commentList")
    for (ref, text) in notes { comment(ref, text, authorId: 0, prefix: "", into: &w) }
    w.end("commentList")
    w.end("comments")
    return w.bytes
  }

  /// One `<comment>` element.
  static func comment(_ ref: CellReference, _ text: String, authorId: Int, prefix: String, into w: inout XMLWriter) {
    w.start(prefix + "comment", [("ref", ref.description), ("authorId", String(authorId))])
    w.start(prefix + "text")
    w.cellText(text, preserve: false, prefix: prefix)
    w.end(prefix + "text")
    w.end(prefix + "comment")
  }

  /// The VML drawing for `notes`; `idmap` numbers the drawing's shapes (`idmap` × 1024 + n).
  static func vml(_ notes: [(CellReference, String)], idmap: Int) -> [UInt8] {
    var w = XMLWriter()
    w.start("xml", [("xmlns:v", "urn:schemas-microsoft-com:vml"), ("xmlns:o", "urn:schemas-microsoft-com:office:office"),
                    ("xmlns:x", "urn:schemas-microsoft-com:office:excel")])
    w.start("o:shapelayout", [("v:ext", "edit")])
    w.empty("o:idmap", [("v:ext", "edit"), ("data", String(idmap))])
    w.end("o:shapelayout")
    shapeType(into: &w)
    for (i, (ref, _)) in notes.enumerated() { shape(ref, id: idmap * 1024 + i + 1, z: i + 1, into: &w) }
    w.end("xml")
    return w.bytes
  }

  /// The shape type of note boxes (`_x0000_t202`).
  static func shapeType(into w: inout XMLWriter) {
    w.start("v:shapetype", [("id", "_x0000_t202"), ("coordsize", "21600,21600"), ("o:spt", "202"),
                            ("path", "m,l,21600r21600,l21600,xe")])
    w.empty("v:stroke", [("joinstyle", "miter")])
    w.empty("v:path", [("gradientshapeok", "t"), ("o:connecttype", "rect")])
    w.end("v:shapetype")
  }

  /// The hidden box of the note on `ref`.
  static func shape(_ ref: CellReference, id: Int, z: Int, into w: inout XMLWriter) {
    w.start("v:shape", [("id", "_x0000_s\(id)"), ("type", "#_x0000_t202"),
                        ("style", "position:absolute;margin-left:80pt;margin-top:2pt;width:160pt;height:70pt;z-index:\(z);visibility:hidden"),
                        ("fillcolor", "#ffffe1"), ("o:insetmode", "auto")])
    w.empty("v:fill", [("color2", "#ffffe1")])
    w.empty("v:shadow", [("on", "t"), ("color", "black"), ("obscured", "t")])
    w.empty("v:path", [("o:connecttype", "none")])
    w.start("v:textbox", [("style", "mso-direction-alt:auto")])
    w.element("div", [("style", "text-align:left")], text: "")
    w.end("v:textbox")
    w.start("x:ClientData", [("ObjectType", "Note")])
    w.empty("x:MoveWithCells")
    w.empty("x:SizeWithCells")
    // Anchor: left column, offset, top row, offset, right column, offset, bottom row, offset (0-based).
    let c = ref.column
    let r = ref.row - 1
    w.element("x:Anchor", text: "\(c), 15, \(max(r - 1, 0)), 10, \(c + 2), 15, \(max(r - 1, 0) + 4), 4")
    w.element("x:AutoFill", text: "False")
    w.element("x:Row", text: String(r))
    w.element("x:Column", text: String(ref.column - 1))
    w.end("x:ClientData")
    w.end("v:shape")
  }
}
