// ZipLimits: the bounds that keep a hostile or broken archive from exhausting memory or time.

/// Bounds applied while reading a zip package.
///
/// The defaults are sized for real workbooks (the largest benchmark sheet of ten million cells
/// inflates to about 600 MiB); raise them for larger files.
public struct ZipLimits: Sendable, Equatable {
  /// The largest file accepted, in bytes (checked before anything is read).
  public var maxFileSize: Int64 = 4 << 30
  /// The largest number of entries an archive may list. The count itself costs memory — about
  /// 700 bytes an entry, libzip's directory and ours — so 200,000 (some 140 MiB) bounds it; what
  /// the entries hold is bounded by the sizes below.
  public var maxEntries: Int = 200_000
  /// The largest inflated size of one entry, in bytes, whatever its header says.
  public var maxEntrySize: Int64 = 4 << 30
  /// The largest inflated size of all entries read from one archive, in bytes.
  public var maxTotalSize: Int64 = 16 << 30
  /// The largest ratio of inflated to compressed size, checked once an entry passes
  /// ``ratioCheckThreshold`` inflated bytes.
  public var maxCompressionRatio: Int64 = 1_000
  /// The inflated size from which the compression ratio is checked.
  public var ratioCheckThreshold: Int64 = 64 << 20

  /// The default limits.
  public init() {}
}
