// ZipArchive: the only code that touches libzip. Opens an archive, lists entries, streams them inflated.

import CLibzip

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One entry of a zip archive.
public struct ZipEntry: Sendable, Equatable {
  /// The entry's index in the central directory.
  public let index: Int
  /// The entry's name as stored (a part name without the leading slash).
  public let name: String
  /// The inflated size the central directory declares. It may lie; readers count bytes themselves.
  public let declaredSize: Int64
  /// The compressed size.
  public let compressedSize: Int64
  /// The compression method (0 stored, 8 deflate).
  public let method: Int32
}

/// A read-only zip archive backed by libzip.
///
/// Entries are located by name case-insensitively, as OPC part names are. Reading an entry counts the
/// inflated bytes and stops at ``ZipLimits`` whatever the headers claim, so a zip bomb is refused in
/// bounded memory. An archive is not safe to share between threads.
public final class ZipArchive {
  /// The path this archive was opened from, or a label for in-memory archives.
  public let label: String
  /// The limits applied to every read.
  public let limits: ZipLimits
  /// The entries, in central-directory order.
  public private(set) var entries: [ZipEntry] = []

  /// The libzip handle; ``ZipWriter/copy(_:from:)`` reads entries from it without inflating them.
  let handle: OpaquePointer
  /// Serialises libzip calls, so that entries may be read from several threads.
  let lock: UnsafeMutablePointer<pthread_mutex_t> = {
    let m = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    pthread_mutex_init(m, nil)
    return m
  }()
  private var memory: UnsafeMutableRawPointer?
  private var byLowercasedName: [String: Int] = [:]
  private var totalRead: Int64 = 0

  /// Opens the archive at `path`.
  ///
  /// - Throws: ``XLSXError`` with code `io`, `not-zip`, `corrupt-zip` or `limit-exceeded`.
  public convenience init(path: String, limits: ZipLimits = ZipLimits()) throws {
    try requireRegularFile(path)
    var info = stat()
    if FileName.withSystemPath(path, { stat($0, &info) }) == 0, Int64(info.st_size) > limits.maxFileSize {
      throw ZipArchive.tooLarge(Int64(info.st_size), limits, label: path)
    }
    var code: Int32 = 0
    guard let za = FileName.withSystemPath(path, { zip_open($0, ZIP_RDONLY, &code) }) else {
      throw ZipArchive.openError(code: code, label: path)
    }
    try self.init(handle: za, memory: nil, label: path, limits: limits)
  }

  /// Opens an archive held in memory. The bytes are copied.
  ///
  /// - Throws: ``XLSXError`` with code `not-zip`, `corrupt-zip` or `limit-exceeded`.
  public convenience init(data: [UInt8], label: String = "<memory>", limits: ZipLimits = ZipLimits()) throws {
    if Int64(data.count) > limits.maxFileSize { throw ZipArchive.tooLarge(Int64(data.count), limits, label: label) }
    let count = max(data.count, 1)
    let memory = UnsafeMutableRawPointer.allocate(byteCount: count, alignment: 16)
    data.withUnsafeBytes { raw in
      if let base = raw.baseAddress { memory.copyMemory(from: base, byteCount: raw.count) }
    }
    var error = zip_error_t()
    zip_error_init(&error)
    defer { zip_error_fini(&error) }
    guard let source = zip_source_buffer_create(memory, zip_uint64_t(data.count), 0, &error) else {
      memory.deallocate()
      throw XLSXError(.limitExceeded, "could not create an in-memory zip source", facts: XLSXError.Facts(limit: .memory), file: label)
    }
    guard let za = zip_open_from_source(source, ZIP_RDONLY, &error) else {
      zip_source_free(source)
      memory.deallocate()
      throw ZipArchive.openError(code: zip_error_code_zip(&error), label: label)
    }
    try self.init(handle: za, memory: memory, label: label, limits: limits)
  }

  private init(handle: OpaquePointer, memory: UnsafeMutableRawPointer?, label: String, limits: ZipLimits) throws {
    self.handle = handle
    self.memory = memory
    self.label = label
    self.limits = limits
    let count = zip_get_num_entries(handle, 0)
    if count < 0 {
      throw XLSXError(.corruptZip, "the central directory could not be read", file: label)
    }
    if count > Int64(limits.maxEntries) {
      throw XLSXError(
        .limitExceeded,
        "the archive lists \(count) entries, more than the limit of \(limits.maxEntries)",
        facts: .exceeded(.entries, limits.maxEntries, value: String(count)), file: label)
    }
    entries.reserveCapacity(Int(count))
    for i in 0..<count {
      var st = zip_stat_t()
      zip_stat_init(&st)
      guard zip_stat_index(handle, zip_uint64_t(i), 0, &st) == 0, let cName = st.name else { continue }
      let name = String(cString: cName)
      let entry = ZipEntry(
        index: Int(i), name: name, declaredSize: Int64(clamping: st.size),
        compressedSize: Int64(clamping: st.comp_size), method: Int32(st.comp_method))
      entries.append(entry)
      // Part names are case-insensitive (OPC); two entries of one name leave it to each reader
      // which to believe, a known way of showing one content to a checker and another to Excel.
      let key = ZipArchive.key(name)
      if let earlier = byLowercasedName[key] {
        throw XLSXError(
          .corruptZip,
          "the archive holds two entries named \(entries[earlier].name == name ? name : entries[earlier].name + " and " + name); which one is the part is ambiguous, so the file is refused",
          facts: XLSXError.Facts(.duplicateEntry, value: name), file: label, part: name)
      }
      byLowercasedName[key] = entries.count - 1
    }
  }

  deinit {
    zip_discard(handle)
    memory?.deallocate()
    pthread_mutex_destroy(lock)
    lock.deallocate()
  }

  /// A part name as entries are looked up: case-insensitive (OPC), and a backslash — which some
  /// Windows tools write (`xl\worksheets\sheet1.xml`) and which no part name holds — read as the
  /// separator it was meant to be.
  private static func key(_ name: String) -> String { name.lowercased().replacingAll("\\", "/") }

  /// The entry named `name` (without a leading slash), compared case-insensitively.
  public func entry(named name: String) -> ZipEntry? {
    var key = ZipArchive.key(name)
    if key.hasPrefix("/") { key.removeFirst() }
    return byLowercasedName[key].map { entries[$0] }
  }

  /// Opens an entry for streaming its inflated bytes.
  ///
  /// - Throws: ``XLSXError`` with code `corrupt-zip` or `limit-exceeded`.
  public func open(_ entry: ZipEntry) throws -> ZipEntryReader {
    if entry.declaredSize > limits.maxEntrySize {
      throw XLSXError(
        .limitExceeded,
        "declares \(entry.declaredSize) inflated bytes, more than the limit of \(limits.maxEntrySize)",
        facts: .exceeded(.partSize, limits.maxEntrySize, value: String(entry.declaredSize)), file: label, part: entry.name)
    }
    pthread_mutex_lock(lock)
    defer { pthread_mutex_unlock(lock) }
    guard let file = zip_fopen_index(handle, zip_uint64_t(entry.index), 0) else {
      if entry.method != 0 && entry.method != 8 {
        let names: [Int32: String] = [9: "Deflate64", 12: "bzip2", 14: "LZMA", 93: "Zstandard", 95: "XZ", 99: "AES encryption"]
        let what = names[entry.method].map { "\($0) (method \(entry.method))" } ?? "method \(entry.method)"
        throw XLSXError(
          .corruptZip,
          "is compressed with \(what), which cannot be inflated here (spreadsheet applications write deflate); save the workbook again from Excel or LibreOffice",
          facts: XLSXError.Facts(.compressionMethod, value: what), file: label, part: entry.name)
      }
      throw XLSXError(.corruptZip, "cannot be opened: \(lastError())", file: label, part: entry.name)
    }
    return ZipEntryReader(file: file, archive: self, entry: entry)
  }

  /// Reads a whole entry into memory, within the limits.
  ///
  /// - Throws: ``XLSXError`` with code `corrupt-zip` or `limit-exceeded`.
  public func read(_ entry: ZipEntry) throws -> [UInt8] {
    let reader = try open(entry)
    var out: [UInt8] = []
    out.reserveCapacity(Int(min(max(entry.declaredSize, 0), 64 << 20)))
    let chunk = 1 << 16
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
    defer { buffer.deallocate() }
    while true {
      let n = try reader.read(into: buffer, count: chunk)
      if n == 0 { break }
      out.append(contentsOf: UnsafeRawBufferPointer(start: buffer, count: n))
    }
    return out
  }

  fileprivate func account(_ bytes: Int, entry: ZipEntry, soFar: Int64) throws {
    totalRead += Int64(bytes)
    if soFar > limits.maxEntrySize {
      throw XLSXError(
        .limitExceeded,
        "inflates past the limit of \(limits.maxEntrySize) bytes",
        facts: .exceeded(.partSize, limits.maxEntrySize), file: label, part: entry.name)
    }
    if totalRead > limits.maxTotalSize {
      throw XLSXError(
        .limitExceeded,
        "the archive inflates past the total limit of \(limits.maxTotalSize) bytes",
        facts: .exceeded(.totalSize, limits.maxTotalSize), file: label, part: entry.name)
    }
    if soFar > limits.ratioCheckThreshold, soFar > limits.maxCompressionRatio * max(entry.compressedSize, 1) {
      throw XLSXError(
        .limitExceeded,
        "inflates more than \(limits.maxCompressionRatio) times its compressed size of \(entry.compressedSize) bytes: a zip bomb?",
        facts: .exceeded(.compressionRatio, limits.maxCompressionRatio), file: label, part: entry.name)
    }
  }

  private func lastError() -> String {
    guard let e = zip_get_error(handle), let s = zip_error_strerror(e) else { return "unknown libzip error" }
    return String(cString: s)
  }

  static func describe(libzipCode code: Int32) -> String {
    var e = zip_error_t()
    zip_error_init_with_code(&e, code)
    defer { zip_error_fini(&e) }
    guard let s = zip_error_strerror(&e) else { return "libzip error \(code)" }
    return String(cString: s)
  }

  private static func tooLarge(_ size: Int64, _ limits: ZipLimits, label: String) -> XLSXError {
    XLSXError(.limitExceeded,
              "the file is \(size) bytes, more than the limit of \(limits.maxFileSize)",
              facts: .exceeded(.fileSize, limits.maxFileSize, value: String(size)), file: label)
  }

  private static func openError(code: Int32, label: String) -> XLSXError {
    switch code {
    case ZIP_ER_NOENT: return XLSXError(.io, "no such file", facts: XLSXError.Facts(.missing), file: label)
    case ZIP_ER_OPEN, ZIP_ER_READ, ZIP_ER_SEEK: return XLSXError(.io, "cannot be read: \(describe(libzipCode: code))", facts: XLSXError.Facts(.read), file: label)
    case ZIP_ER_NOZIP: return XLSXError(.corruptZip, "the zip archive is truncated or corrupt: its central directory is missing", file: label)
    case ZIP_ER_INCONS: return XLSXError(.corruptZip, "the zip archive is inconsistent (truncated or damaged)", file: label)
    case ZIP_ER_MEMORY: return XLSXError(.limitExceeded, "out of memory opening the archive", facts: XLSXError.Facts(limit: .memory), file: label)
    default: return XLSXError(.corruptZip, "the zip archive cannot be opened: \(describe(libzipCode: code))", file: label)
    }
  }
}

/// Streams one entry's inflated bytes, counting them against the archive's limits.
public final class ZipEntryReader {
  private var file: OpaquePointer?
  private let archive: ZipArchive
  /// The entry being read.
  public let entry: ZipEntry
  /// Inflated bytes read so far.
  public private(set) var bytesRead: Int64 = 0

  fileprivate init(file: OpaquePointer, archive: ZipArchive, entry: ZipEntry) {
    self.file = file
    self.archive = archive
    self.entry = entry
  }

  deinit {
    if let file {
      pthread_mutex_lock(archive.lock)
      zip_fclose(file)
      pthread_mutex_unlock(archive.lock)
    }
  }

  /// Reads up to `count` inflated bytes into `buffer`; returns 0 at the end of the entry.
  ///
  /// - Throws: ``XLSXError`` with code `corrupt-zip` (bad data, CRC mismatch) or `limit-exceeded`.
  public func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
    guard let file else { return 0 }
    pthread_mutex_lock(archive.lock)
    defer { pthread_mutex_unlock(archive.lock) }
    let n = zip_fread(file, buffer, zip_uint64_t(count))
    if n < 0 {
      let message: String
      if let e = zip_file_get_error(file), let s = zip_error_strerror(e) {
        message = String(cString: s)
      } else {
        message = "read error"
      }
      throw XLSXError(.corruptZip, "cannot be inflated: \(message)", file: archive.label, part: entry.name)
    }
    if n == 0 {
      zip_fclose(file)
      self.file = nil
      return 0
    }
    bytesRead += Int64(n)
    try archive.account(Int(n), entry: entry, soFar: bytesRead)
    return Int(n)
  }
}
