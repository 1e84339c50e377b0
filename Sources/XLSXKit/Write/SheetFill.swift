// SheetFill: several sheets of one workbook filled side by side (WorkbookWriter.fill).

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Filling sheets side by side.
extension WorkbookWriter {
  /// Fills `sheets` side by side and ends them: `fill` is called once for each, with its position in
  /// `sheets` and a ``SheetFill`` for it. The first is filled on the calling thread; the others on as
  /// many other threads as there are cores besides, each taking its share in order (one core, or
  /// `sideBySide` false: all on the calling thread, one after another).
  ///
  /// Text goes through the shared-string table as it does when a sheet is filled alone: a sheet
  /// filled on another thread keeps its texts in a table of its own meanwhile, and they are given
  /// the workbook's indices when it ends, in the order of `sheets` (``DeferredStrings``). The
  /// workbook is therefore the same, to the byte, however the sheets were shared out: as if each
  /// sheet's unfinished row had been written out, then the sheets filled one after another in
  /// order. (Only when the shared-string table fills up, ``WriteOptions/maxSharedStringBytes``, can
  /// which texts are written inline differ.)
  ///
  /// Resolve the styles the cells need (``WorksheetWriter/style(_:)``) before: a ``SheetFill`` can
  /// only build rows, commit them and set a filter, which touch nothing but its sheet. The sheets
  /// are ended (``WorksheetWriter/close()``) when `fill` returns for all of them: each is deflated
  /// on another core while the workbook goes on.
  ///
  /// - Throws: ``XLSXError`` `invalid-argument` for a sheet of another workbook, one given twice or
  ///   one already closed; the first error `fill` throws, once every sheet's `fill` has returned.
  public func fill(_ sheets: [WorksheetWriter], sideBySide: Bool = true,
                   _ fill: @escaping @Sendable (Int, SheetFill) throws -> Void) throws {
    for (i, s) in sheets.enumerated() {
      guard s.book === self, !sheets[..<i].contains(where: { $0 === s }) else {
        throw XLSXError(.invalidArgument, "a sheet given to fill twice or belonging to another workbook", sheet: s.name)
      }
      try s.flushPending()
    }
    let threads = sideBySide ? min(sheets.count - 1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) - 1) : 0
    guard threads > 0 else {
      for (i, s) in sheets.enumerated() {
        try fill(i, SheetFill(s))
        try s.close()
      }
      return
    }
    let others = Array(sheets.enumerated().dropFirst())
    for (_, s) in others { s.deferStrings() }
    let work = (0..<threads).map { t in
      BackgroundWork<Void> { [share = others.enumerated().filter { $0.offset % threads == t }.map { ($0.element.offset, SheetFill($0.element.element)) }] in
        for (i, sheet) in share { try fill(i, sheet) }
      }
    }
    var failure: (any Error)?
    do {
      try fill(0, SheetFill(sheets[0]))
      try sheets[0].close()  // deflated while the others are filled
    } catch {
      failure = error
    }
    for w in work {  // every thread done before anything is thrown: the sheets are theirs until then
      do { try w.wait() } catch { failure = failure ?? error }
    }
    if let failure { throw failure }
    for (_, s) in others { try s.close() }  // in order: their texts join the table in order
  }
}

/// A sheet being filled by ``WorkbookWriter/fill(_:sideBySide:_:)``, on the thread it was given to.
///
/// Rows are built with ``makeRow(_:)``, in increasing order, and appended with ``commit(_:)``; text
/// cells (``RowBuilder/text(_:_:style:)``) go to the workbook's shared strings when the fill ends.
public struct SheetFill: @unchecked Sendable {  // used only by the one thread fill gives it to
  let sheet: WorksheetWriter

  init(_ sheet: WorksheetWriter) { self.sheet = sheet }

  /// The sheet's name.
  public var name: String { sheet.name }

  /// Starts a row (``WorksheetWriter/makeRow(_:)``).
  ///
  /// - Throws: ``XLSXError`` `invalid-argument` for a row outside the grid or out of order.
  public func makeRow(_ row: Int) throws -> RowBuilder { try sheet.makeRow(row) }

  /// Appends a built row (``WorksheetWriter/commit(_:)``).
  ///
  /// - Throws: ``XLSXError`` `write` when the sheet's temporary file fails.
  public func commit(_ row: RowBuilder) throws { try sheet.commit(row) }

  /// Adds a filter over a range whose first row is the header (``WorksheetWriter/autoFilter(_:)``).
  public func autoFilter(_ range: CellRange) { sheet.autoFilter(range) }
}
