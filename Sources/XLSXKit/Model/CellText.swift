// CellText: how much text one cell holds, as Excel counts it.

/// The bound Excel puts on the text of one cell, one rule for reading and writing.
public enum CellText {
  /// The most characters one cell holds: 32,767 UTF-16 code units (Excel's own limit; a longer
  /// text makes Excel refuse the file).
  public static let maxLength = 32_767

  /// The length of UTF-8 text in UTF-16 code units, as Excel counts characters: one per scalar,
  /// two for those beyond the Basic Multilingual Plane (four-byte sequences).
  public static func length(_ b: UnsafeBufferPointer<UInt8>) -> Int {
    var n = 0
    for c in b {
      if c & 0xC0 != 0x80 { n += 1 }
      if c >= 0xF0 { n += 1 }
    }
    return n
  }

  /// Whether UTF-8 text is longer than `limit` characters (text of no more bytes never is, so
  /// most text is not counted).
  public static func isTooLong(_ b: UnsafeBufferPointer<UInt8>, limit: Int = maxLength) -> Bool {
    b.count > limit && length(b) > limit
  }
}
