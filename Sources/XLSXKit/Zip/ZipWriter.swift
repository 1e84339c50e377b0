// ZipWriter: builds a zip archive with libzip, written to a temporary file and renamed into place.

import CLibzip

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A piece of an entry's content: bytes in memory, or a file on disk read at write time.
public enum ZipPiece: Sendable {
  /// Bytes in memory.
  case bytes([UInt8])
  /// A whole file, read when the archive is written.
  case file(String)
}

/// Writes a new zip archive.
///
/// Entries are compressed when ``close()`` runs, each from its pieces in order, so a large part can
/// be streamed to a temporary file first and its head, known only at the end, put before it without
/// copying. Timestamps are fixed (1980-01-01) so that the same content gives the same bytes. The
/// archive is written beside its destination and renamed over it only when complete.
public final class ZipWriter {
  private let handle: OpaquePointer
  private let path: String
  private let tempPath: String
  private var closed = false
  /// Archives whose entries are copied; libzip reads them when the archive is closed.
  private var copiedFrom: [ZipArchive] = []
  /// The deflate level for entries added from now on (1 fastest … 9 smallest; 0 stores).
  public var compressionLevel: Int32

  /// Starts an archive that will be written to `path`.
  ///
  /// - Throws: ``XLSXError`` `io` when the folder cannot be written.
  public init(path: String, compressionLevel: Int32 = 6) throws {
    self.path = path
    self.compressionLevel = compressionLevel
    let (fd, temp) = try makeTemporaryFile(beside: path)
    closeDescriptor(fd)
    tempPath = temp
    var code: Int32 = 0
    guard let za = zip_open(tempPath, ZIP_CREATE | ZIP_TRUNCATE, &code) else {
      removeTemporaryFile(tempPath)
      throw XLSXError(.io, "cannot start the archive: \(ZipArchive.describe(libzipCode: code))", facts: XLSXError.Facts(.create), file: path)
    }
    handle = za
  }

  deinit {
    if !closed {
      zip_discard(handle)
      removeTemporaryFile(tempPath)
    }
  }

  /// Adds an entry from bytes.
  ///
  /// - Throws: ``XLSXError`` `write`.
  public func add(_ name: String, _ bytes: [UInt8]) throws {
    try add(name, pieces: [.bytes(bytes)])
  }

  /// Adds an entry whose content is `pieces` one after another.
  ///
  /// - Throws: ``XLSXError`` `write`.
  public func add(_ name: String, pieces: [ZipPiece]) throws {
    try ZipWriter.add(name, pieces: pieces, level: compressionLevel, to: handle, label: path)
  }

  /// Adds an entry compressed beforehand by ``compress(_:pieces:level:)``, its bytes copied as they are.
  ///
  /// - Throws: ``XLSXError`` `write`.
  public func add(_ entry: CompressedEntry) throws {
    try copy(entry.entry, from: entry.archive)
  }

  /// Compresses an entry on its own, into a one-entry archive in a scratch file: this touches no
  /// archive being written, so entries can be compressed on several threads at once and then
  /// added in order with ``add(_:)``. The scratch file is removed at once (the archive keeps it
  /// open until it is released), so memory stays flat however large the entry.
  ///
  /// - Throws: ``XLSXError`` `write` when libzip fails or a piece cannot be read; `io` when no
  ///   scratch file can be made.
  public static func compress(_ name: String, pieces: [ZipPiece], level: Int32) throws -> CompressedEntry {
    let scratch = try makeScratchFile("part")
    defer { removeTemporaryFile(scratch) }
    var code: Int32 = 0
    guard let za = zip_open(scratch, ZIP_CREATE | ZIP_TRUNCATE, &code) else {
      throw XLSXError(.write, "cannot compress \(name): \(ZipArchive.describe(libzipCode: code))", part: name)
    }
    do {
      try add(name, pieces: pieces, level: level, to: za, label: scratch)
    } catch {
      zip_discard(za)
      throw error
    }
    if zip_close(za) != 0 {
      let message = zip_get_error(za).flatMap { zip_error_strerror($0) }.map { String(cString: $0) } ?? "unknown libzip error"
      zip_discard(za)
      throw XLSXError(.write, "cannot compress \(name): \(message)", part: name)
    }
    var ours = ZipLimits()  // written just now: nothing to guard against
    ours.maxFileSize = .max
    let archive = try ZipArchive(path: scratch, limits: ours)
    guard let entry = archive.entry(named: name) else {
      throw XLSXError(.write, "cannot compress \(name): the entry is not in its archive", part: name)
    }
    return CompressedEntry(archive: archive, entry: entry)
  }

  private static func add(_ name: String, pieces: [ZipPiece], level: Int32, to handle: OpaquePointer, label: String) throws {
    func lastError() -> String {
      guard let e = zip_get_error(handle), let s = zip_error_strerror(e) else { return "unknown libzip error" }
      return String(cString: s)
    }
    let context = PieceReader(pieces: pieces)
    let opaque = Unmanaged.passRetained(context).toOpaque()
    guard let source = zip_source_function(handle, pieceCallback, opaque) else {
      Unmanaged<PieceReader>.fromOpaque(opaque).release()
      throw XLSXError(.write, "cannot create a source for \(name): \(lastError())", file: label, part: name)
    }
    let index = zip_file_add(handle, name, source, zip_flags_t(ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE))
    if index < 0 {
      zip_source_free(source)
      throw XLSXError(.write, "cannot add \(name): \(lastError())", file: label, part: name)
    }
    let method = level == 0 ? ZIP_CM_STORE : ZIP_CM_DEFLATE
    _ = zip_set_file_compression(handle, zip_uint64_t(index), method, zip_uint32_t(max(level, 0)))
    // 1980-01-01 00:00 as a DOS date and time, written as they are: zip_file_set_mtime converts
    // through the local time zone, which made the same output differ from machine to machine.
    _ = zip_file_set_dostime(handle, zip_uint64_t(index), 0, (1 << 5) | 1, 0)
  }

  /// Adds `entry` of `archive` as it is stored there: its compressed bytes, method and time are
  /// copied without inflating and deflating again, so the entry stays byte for byte the same.
  ///
  /// - Throws: ``XLSXError`` `write`.
  public func copy(_ entry: ZipEntry, from archive: ZipArchive) throws {
    copiedFrom.append(archive)
    pthread_mutex_lock(archive.lock)
    defer { pthread_mutex_unlock(archive.lock) }
    guard let source = zip_source_zip(handle, archive.handle, zip_uint64_t(entry.index),
                                      zip_flags_t(ZIP_FL_COMPRESSED), 0, -1) else {
      throw XLSXError(.write, "cannot copy \(entry.name): \(lastError())", file: path, part: entry.name)
    }
    if zip_file_add(handle, entry.name, source, zip_flags_t(ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE)) < 0 {
      zip_source_free(source)
      throw XLSXError(.write, "cannot copy \(entry.name): \(lastError())", file: path, part: entry.name)
    }
  }

  /// Compresses every entry, writes the archive and renames it onto the destination — or, with
  /// `commit` false, leaves it finished beside the destination until ``commit()`` or
  /// ``discard()`` (for outputs that must be replaced together).
  ///
  /// - Throws: ``XLSXError`` `write` or `io`; the destination is then untouched.
  public func close(commit: Bool = true) throws {
    guard !closed else { return }
    closed = true
    if zip_close(handle) != 0 {
      let message = lastError()
      zip_discard(handle)
      removeTemporaryFile(tempPath)
      throw XLSXError(.write, "cannot write the archive: \(message)", facts: XLSXError.Facts(.write), file: path)
    }
    if commit { try moveIntoPlace(tempPath, path) }
  }

  /// Renames the archive finished by `close(commit: false)` onto the destination.
  ///
  /// - Throws: ``XLSXError`` `io`.
  public func commit() throws { try moveIntoPlace(tempPath, path) }

  /// Removes the archive finished by `close(commit: false)`; the destination stays as it was.
  public func discard() { removeTemporaryFile(tempPath) }

  private func lastError() -> String {
    guard let e = zip_get_error(handle), let s = zip_error_strerror(e) else { return "unknown libzip error" }
    return String(cString: s)
  }
}

/// An entry compressed by ``ZipWriter/compress(_:pieces:level:)``, held in a one-entry archive.
public struct CompressedEntry: @unchecked Sendable {  // the archive serialises its own reads
  let archive: ZipArchive
  let entry: ZipEntry
}

private func closeDescriptor(_ fd: Int32) {
  #if canImport(Glibc)
  _ = Glibc.close(fd)
  #elseif canImport(Darwin)
  _ = Darwin.close(fd)
  #endif
}

/// Serves an entry's pieces to libzip, one after another.
private final class PieceReader {
  let pieces: [ZipPiece]
  var index = 0
  var offset = 0
  var file: UnsafeMutablePointer<FILE>?
  var failure: Int32 = 0

  init(pieces: [ZipPiece]) { self.pieces = pieces }

  deinit { if let file { fclose(file) } }

  func read(into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
    var done = 0
    while done < count && index < pieces.count {
      switch pieces[index] {
      case .bytes(let b):
        let n = min(count - done, b.count - offset)
        if n > 0 {
          b.withUnsafeBytes { raw in
            if let base = raw.baseAddress { (buffer + done).copyMemory(from: base + offset, byteCount: n) }
          }
        }
        offset += n
        done += n
        if offset >= b.count {
          index += 1
          offset = 0
        }
      case .file(let path):
        if file == nil {
          file = fopen(path, "rb")
          if file == nil {
            failure = ZIP_ER_OPEN
            return -1
          }
        }
        let n = fread(buffer + done, 1, count - done, file)
        if n == 0 {
          if let f = file, ferror(f) != 0 {
            failure = ZIP_ER_READ
            return -1
          }
          if let f = file { fclose(f) }
          file = nil
          index += 1
        }
        done += n
      }
    }
    return done
  }
}

/// The libzip source callback for ``PieceReader``.
private func pieceCallback(
  _ userdata: UnsafeMutableRawPointer?, _ data: UnsafeMutableRawPointer?, _ length: zip_uint64_t,
  _ command: zip_source_cmd_t
) -> zip_int64_t {
  guard let userdata else { return -1 }
  let reader = Unmanaged<PieceReader>.fromOpaque(userdata).takeUnretainedValue()
  switch command {
  case ZIP_SOURCE_OPEN:
    reader.index = 0
    reader.offset = 0
    return 0
  case ZIP_SOURCE_READ:
    guard let data else { return -1 }
    return zip_int64_t(reader.read(into: data, count: Int(length)))
  case ZIP_SOURCE_CLOSE:
    return 0
  case ZIP_SOURCE_STAT:
    guard let data else { return -1 }
    let st = data.assumingMemoryBound(to: zip_stat_t.self)
    zip_stat_init(st)
    st.pointee.mtime = 315_532_800
    st.pointee.valid |= zip_uint64_t(ZIP_STAT_MTIME)
    return zip_int64_t(MemoryLayout<zip_stat_t>.size)
  case ZIP_SOURCE_ERROR:
    guard let data else { return -1 }
    let ints = data.assumingMemoryBound(to: Int32.self)
    ints[0] = reader.failure
    ints[1] = 0
    return zip_int64_t(2 * MemoryLayout<Int32>.size)
  case ZIP_SOURCE_FREE:
    Unmanaged<PieceReader>.fromOpaque(userdata).release()
    return 0
  case ZIP_SOURCE_SUPPORTS:
    // OPEN, READ, CLOSE, STAT, ERROR, FREE: a readable, non-seekable source.
    return 0b11_1111
  default:
    reader.failure = ZIP_ER_OPNOTSUPP
    return -1
  }
}
