// TextEncoding: what a text input (CSV, TSV, JSON Lines) is written in — UTF-8, UTF-16 with its
// byte-order mark (Excel's "Unicode text"), or Big5 (CP950, what many Taiwanese systems export) —
// and its transcoding to UTF-8 before it is read. Nothing is ever decoded into U+FFFD silently: a
// byte that the encoding cannot read is an error naming its line.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The encoding of a text input.
public enum TextEncoding: String, Sendable, CaseIterable {
  /// UTF-8, with or without a byte-order mark.
  case utf8 = "utf-8"
  /// UTF-16, little- or big-endian by its byte-order mark (little-endian without one).
  case utf16 = "utf-16"
  /// Big5 as Windows writes it (code page 950).
  case big5 = "big5"

  /// The encoding a name gives: utf-8, utf8, utf-16, utf16, big5, cp950.
  public init?(name: String) {
    switch name.lowercased() {
    case "utf-8", "utf8": self = .utf8
    case "utf-16", "utf16", "utf-16le", "unicode": self = .utf16
    case "big5", "big-5", "cp950", "ms950": self = .big5
    default: return nil
    }
  }

  /// Detects the encoding of the file at `path`: a UTF-16 byte-order mark, else UTF-8 when every
  /// byte sequence is valid UTF-8, else Big5 when the file decodes as Big5.
  ///
  /// - Throws: ``XLSXError`` `invalid-value` naming the first line that is neither, `io`.
  public static func detect(path: String) throws -> TextEncoding {
    guard let f = fopen(path, "rb") else {
      throw XLSXError(.io, "cannot be opened: \(String(cString: strerror(errno)))", facts: .system(.open), file: path)
    }
    defer { fclose(f) }
    var head = [UInt8](repeating: 0, count: 2)
    if fread(&head, 1, 2, f) == 2 && (head == [0xFF, 0xFE] || head == [0xFE, 0xFF]) { return .utf16 }
    rewind(f)
    guard let badLine = try firstInvalidUTF8Line(f, path: path) else { return .utf8 }
    if (try? transcode(path, from: .big5, probeOnly: true)) != nil { return .big5 }
    throw XLSXError(.invalidValue, "not UTF-8, UTF-16 or Big5 text (an undecodable byte on this line)", facts: XLSXError.Facts(.undecodableText),
                    file: path, line: badLine)
  }

  /// The file as UTF-8: `path` itself when it is UTF-8 (checked), else a scratch file transcoded
  /// from `encoding` (detected when nil) that the caller removes (`isScratch`).
  ///
  /// - Throws: ``XLSXError`` `invalid-value` naming the line of a byte that cannot be read.
  public static func utf8File(_ path: String, encoding: TextEncoding?) throws -> (path: String, isScratch: Bool) {
    let chosen = try encoding ?? detect(path: path)
    if chosen == .utf8 {
      if encoding != nil {  // said, not detected: still checked
        guard let f = fopen(path, "rb") else {
          throw XLSXError(.io, "cannot be opened: \(String(cString: strerror(errno)))", facts: .system(.open), file: path)
        }
        defer { fclose(f) }
        if let line = try firstInvalidUTF8Line(f, path: path) {
          throw XLSXError(.invalidValue, "a byte that is not UTF-8 text on this line", facts: XLSXError.Facts(.undecodableText, value: "utf-8"),
                          file: path, line: line)
        }
      }
      return (path, false)
    }
    return (try transcode(path, from: chosen), true)
  }

  /// The 1-based line of the first byte sequence that is not UTF-8, or nil when all are.
  static func firstInvalidUTF8Line(_ f: UnsafeMutablePointer<FILE>, path: String) throws -> Int? {
    let size = 1 << 16
    let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: size + 4)
    defer { buffer.deallocate() }
    var line = 1
    var kept = 0  // bytes of an unfinished sequence carried to the next chunk
    while true {
      let n = fread(buffer + kept, 1, size, f)
      let end = kept + n
      let last = n == 0
      var i = 0
      while i < end {
        let c = buffer[i]
        if c < 0x80 {
          if c == 0x0A { line += 1 }
          i += 1
          continue
        }
        let length = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0
        if length == 0 { return line }
        if i + length > end {
          if last { return line }
          break
        }
        for k in 1..<length where buffer[i + k] & 0xC0 != 0x80 { return line }
        // Overlong three- and four-byte forms, surrogates and code points beyond U+10FFFF.
        if length == 3 && ((c == 0xE0 && buffer[i + 1] < 0xA0) || (c == 0xED && buffer[i + 1] >= 0xA0)) { return line }
        if length == 4 && ((c == 0xF0 && buffer[i + 1] < 0x90) || (c == 0xF4 && buffer[i + 1] >= 0x90)) { return line }
        i += length
      }
      if last { return nil }
      kept = end - i
      if kept > 0 { buffer.update(from: buffer + i, count: kept) }
    }
  }

  /// Writes `path`, read in `encoding`, as UTF-8 to a scratch file and returns its path (the caller
  /// removes it); with `probeOnly`, checks that it decodes and writes nothing (returns "").
  ///
  /// - Throws: ``XLSXError`` `invalid-value` naming the line of a byte the encoding cannot read.
  public static func transcode(_ path: String, from encoding: TextEncoding, probeOnly: Bool = false) throws -> String {
    guard let input = fopen(path, "rb") else {
      throw XLSXError(.io, "cannot be opened: \(String(cString: strerror(errno)))", facts: .system(.open), file: path)
    }
    defer { fclose(input) }
    var source: String
    switch encoding {
    case .utf8: source = "UTF-8"
    case .big5: source = "CP950"
    case .utf16:
      var bom = [UInt8](repeating: 0, count: 2)
      let n = fread(&bom, 1, 2, input)
      source = n == 2 && bom == [0xFE, 0xFF] ? "UTF-16BE" : "UTF-16LE"
      if !(n == 2 && (bom == [0xFF, 0xFE] || bom == [0xFE, 0xFF])) { rewind(input) }
    }
    let cd = iconv_open("UTF-8", source)
    if cd == iconv_t(bitPattern: -1) {
      throw XLSXError(.invalidArgument, "this system cannot decode \(source)", facts: XLSXError.Facts(.unsupportedEncoding, value: source), file: path)
    }
    defer { iconv_close(cd) }
    let scratch = probeOnly ? "" : try makeScratchFile("text")
    let output = probeOnly ? nil : fopen(scratch, "wb")
    defer { if let output { fclose(output) } }
    if !probeOnly && output == nil {
      throw XLSXError(.io, "cannot write a scratch file: \(String(cString: strerror(errno)))", facts: .system(.scratchFile), file: scratch)
    }
    let size = 1 << 16
    let inBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: size)
    let outBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: size * 4)
    defer {
      inBuffer.deallocate()
      outBuffer.deallocate()
    }
    var kept = 0
    var line = 1
    func fail() throws -> Never {
      if !probeOnly { removeTemporaryFile(scratch) }
      throw XLSXError(.invalidValue, "a byte that is not \(encoding.rawValue) text on this line",
                      facts: XLSXError.Facts(.undecodableText, value: encoding.rawValue),
                      file: path, line: line)
    }
    while true {
      let n = fread(inBuffer + kept, 1, size - kept, input)
      var inLeft = kept + n
      if inLeft == 0 { break }
      var inPointer: UnsafeMutablePointer<CChar>? = inBuffer
      var outPointer: UnsafeMutablePointer<CChar>? = outBuffer
      var outLeft = size * 4
      let r = iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft)
      let produced = size * 4 - outLeft
      for k in 0..<produced where outBuffer[k] == 0x0A { line += 1 }
      if let output, produced > 0, fwrite(outBuffer, 1, produced, output) != produced {
        throw XLSXError(.io, "cannot write a scratch file: \(String(cString: strerror(errno)))", facts: .system(.scratchFile), file: scratch)
      }
      if r == -1 && errno == EILSEQ { try fail() }
      if r == -1 && errno == EINVAL && n == 0 { try fail() }  // a sequence cut by the end of the file
      kept = inLeft
      if kept > 0, let p = inPointer { inBuffer.update(from: p, count: kept) }
      if n == 0 && kept == 0 { break }
    }
    return scratch
  }
}
