// DeferredStrings: the text of a sheet filled off the workbook's thread (WorkbookWriter.fill), kept
// in a table of the sheet's own and given the workbook's shared-string indices when the sheet ends.
//
// While the sheet is filled, a text cell is written as `<c r="B7" s="2" t="s"><v>L</v></c>` with L
// the text's place in the sheet's own table, and where its `t="s"…</c>` run starts is noted. When
// the sheet ends, on the workbook's thread, each of its texts is looked up in (or added to) the
// workbook's table in the order the sheet first used them, and every noted run is rewritten with
// the workbook's index, or as inline text when the workbook's table is full: the same bytes as if
// the sheet had been filled on the workbook's thread after the sheets before it.

/// A sheet's own string table and the cells that refer to it.
struct DeferredStrings {
  private(set) var table: StringInterner
  /// Each shared-string run written, in order: how far its start is from the end of the run before
  /// (from the sheet's first byte for the first) in the high 32 bits, its text's
  /// sheet-local index in the low 32: eight bytes a cell, as a sheet of thousands of rows has
  /// hundreds of thousands of them.
  private var runs: [UInt64] = []
  /// Where the run before ends, in the sheet's rows.
  private var lastEnd = 0

  init(maxBytes: Int) { table = StringInterner(maxBytes: maxBytes) }

  /// The sheet-local index of `text`, added when new; nil when the sheet's table is full.
  mutating func index(of text: UnsafeBufferPointer<UInt8>) -> Int? { table.index(of: text) }

  /// The length of the run ` t="s"><v>id</v></c>`.
  static func runLength(_ id: Int) -> Int {
    var digits = 1, n = id
    while n >= 10 {
      n /= 10
      digits += 1
    }
    return 10 + digits + 8
  }

  /// Notes a run ` t="s"><v>id</v></c>` written at `offset` of the sheet's rows.
  mutating func noteRun(at offset: Int, id: Int) {
    runs.append(UInt64(offset - lastEnd) << 32 | UInt64(id))
    lastEnd = offset + DeferredStrings.runLength(id)
  }

  /// The workbook's index of each sheet-local text, or -1 for one to be written inline as the
  /// workbook's table is full.
  ///
  /// Texts are looked up in or added to `workbook` in sheet-local order (the order of their first
  /// use), each cell counted as a reference as the workbook's own cells are.
  func resolve(into workbook: inout StringInterner) -> [Int32] {
    var uses = [Int32](repeating: 0, count: table.count)
    for r in runs { uses[Int(r & 0xFFFF_FFFF)] += 1 }
    var globals = [Int32](repeating: -1, count: table.count)
    for id in 0..<table.count {
      if let global = table.withText(id, { workbook.index(of: $0) }) {
        workbook.addReferences(Int(uses[id]) - 1)
        globals[id] = Int32(global)
      }
    }
    return globals
  }

  /// Rewrites the sheet's rows, handed over a piece at a time in
  /// order, into `out`, each noted run given the workbook's index (``resolve(into:)``) or made
  /// inline text.
  struct Rewriter {
    private let strings: DeferredStrings
    private let globals: [Int32]
    private let preserve: Bool
    private var next = 0
    private var skip = 0
    /// Bytes until the next run starts.
    private var gap: Int

    init(_ strings: DeferredStrings, globals: [Int32], preserveEdgeWhitespace: Bool) {
      self.strings = strings
      self.globals = globals
      preserve = preserveEdgeWhitespace
      gap = strings.runs.first.map { Int($0 >> 32) } ?? Int.max
    }

    /// Passes on `piece`, the rows' next bytes, with its runs replaced.
    mutating func rewrite(_ piece: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
      var i = 0
      while i < piece.count {
        if skip > 0 {  // the rest of a replaced run
          let n = min(skip, piece.count - i)
          i += n
          skip -= n
          if skip == 0 { gap = next < strings.runs.count ? Int(strings.runs[next] >> 32) : Int.max }
          continue
        }
        if gap > 0 {
          let n = min(gap, piece.count - i)
          out.append(contentsOf: UnsafeBufferPointer(rebasing: piece[i..<i + n]))
          i += n
          if gap != Int.max { gap -= n }
          continue
        }
        let id = Int(strings.runs[next] & 0xFFFF_FFFF)
        replace(id, into: &out)
        skip = DeferredStrings.runLength(id)
        next += 1
      }
    }

    private func replace(_ id: Int, into out: inout [UInt8]) {
      let global = globals[id]
      if global >= 0 {
        out.append(ascii: " t=\"s\"><v>")
        appendInteger(Int64(global), to: &out)
        out.append(ascii: "</v></c>")
      } else {
        var w = XMLWriter(capacity: 64)
        w.raw(" t=\"inlineStr\"><is>")
        strings.table.withText(id) { w.cellText(String(decoding: $0, as: UTF8.self), preserve: preserve) }
        w.raw("</is></c>")
        out.append(contentsOf: w.bytes)
      }
    }
  }
}
