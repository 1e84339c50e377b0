// SheetDamage: a worksheet read only in part — its rows before the damage — and why the rest was not.

/// A worksheet whose own part is damaged (malformed XML, corrupt compressed data, a value out of
/// range, a missing part), read as far as the damage.
///
/// By default (``ReadOptions/strict`` off) such a sheet does not cost the workbook: its rows before
/// the damaged one are read, the other sheets are read in full, and the damage is recorded here
/// for the caller to say. Damage that is not confined to one sheet (the workbook part, the shared
/// strings, the styles) and exceeded limits still refuse the workbook.
public struct SheetDamage: Sendable, Equatable {
  /// The sheet's name.
  public var sheet: String
  /// What went wrong, located by file, part, sheet, cell and line.
  public var error: XLSXError
  /// The last row read in full before the damage; 0 when none was.
  public var lastRowRead: Int

  /// Creates a record of damage.
  public init(sheet: String, error: XLSXError, lastRowRead: Int) {
    self.sheet = sheet
    self.error = error
    self.lastRowRead = lastRowRead
  }

  /// Whether `error`, raised while reading a worksheet's own part, is damage the other sheets
  /// survive: a part that is not well-formed, fails to inflate or holds a value out of range. A
  /// DTD (never expanded) and an exceeded limit stay refusals: they are a hostile file's signs.
  public static func isConfined(_ error: XLSXError) -> Bool {
    [.malformedXML, .corruptZip, .invalidValue, .missingPart].contains(error.code)
  }

  /// The damage in a sentence: the error, and which rows were kept.
  public var description: String {
    let kept = lastRowRead == 0 ? "no row of the sheet could be read" : "rows up to \(lastRowRead) were read, the rest of the sheet was not"
    return error.description + " (" + kept + ")"
  }
}
