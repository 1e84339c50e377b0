// FileName: file names as the file system has them — bytes, not always UTF-8 — carried in Strings
// without loss, and shown as a person reads them.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Names from a Windows share or an old archive are often Big5 (code page 950) bytes, which are not
/// UTF-8 and which a plain String cannot hold: decoded the usual way they become U+FFFD, and the
/// file can no longer be opened by its name. A name read from a folder is therefore kept with each
/// byte that is not part of valid UTF-8 as one private-use character, U+10FF00 plus the byte (as
/// Python's "surrogateescape" does with lone surrogates, which a Swift String cannot hold); every
/// system call turns the String back into the same bytes (``withSystemPath(_:_:)``), and messages
/// and outputs show it as Big5 where it decodes (``display(_:)``).
public enum FileName {
  private static let escapeBase: UInt32 = 0x10FF00

  /// A name's bytes as a String that keeps them all (see the type's description).
  public static func string<Bytes: Collection<UInt8>>(fromBytes bytes: Bytes) -> String where Bytes.Index == Int {
    var scalars = String.UnicodeScalarView()
    var i = bytes.startIndex
    while i < bytes.endIndex {
      if let (scalar, length) = utf8Scalar(bytes, at: i) {
        scalars.append(scalar)
        i += length
      } else {
        scalars.append(Unicode.Scalar(escapeBase + UInt32(bytes[i])) ?? "?")
        i += 1
      }
    }
    return String(scalars)
  }

  /// The bytes a String from ``string(fromBytes:)`` stands for (any other String: its UTF-8).
  public static func bytes(_ s: String) -> [UInt8] {
    guard hasEscapes(s) else { return Array(s.utf8) }
    var out: [UInt8] = []
    for scalar in s.unicodeScalars {
      if scalar.value >= escapeBase { out.append(UInt8(scalar.value - escapeBase)) } else { out += Array(String(scalar).utf8) }
    }
    return out
  }

  /// Runs `body` with `path` as the file system's bytes, for a system call.
  public static func withSystemPath<R>(_ path: String, _ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
    guard hasEscapes(path) else { return try path.withCString(body) }
    let b = bytes(path)
    let c = UnsafeMutablePointer<CChar>.allocate(capacity: b.count + 1)
    defer { c.deallocate() }
    for (k, byte) in b.enumerated() { c[k] = CChar(bitPattern: byte) }
    c[b.count] = 0
    return try body(c)
  }

  /// The names in `folder` (not `.` and `..`), each kept byte for byte; nil when it cannot be read.
  public static func names(in folder: String) -> [String]? {
    guard let dir = withSystemPath(folder, { opendir($0) }) else { return nil }
    defer { closedir(dir) }
    var out: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in string(fromBytes: Array(raw.prefix(while: { $0 != 0 }))) }
      if name != "." && name != ".." { out.append(name) }
    }
    return out
  }

  /// What `stat` says of `path` (links followed), or nil when it fails.
  public static func status(_ path: String) -> stat? {
    var info = stat()
    return withSystemPath(path, { stat($0, &info) }) == 0 ? info : nil
  }

  /// The path as a person reads it: bytes that are not UTF-8 decoded as Big5 (code page 950), the
  /// usual reason, else shown as `\xA5`.
  public static func display(_ path: String) -> String {
    guard hasEscapes(path) else { return path }
    var out = ""
    // Each path component on its own: one may be Big5 and another UTF-8.
    for (k, part) in path.split(separator: "/", omittingEmptySubsequences: false).enumerated() {
      if k > 0 { out += "/" }
      let s = String(part)
      out += hasEscapes(s) ? (big5(bytes(s)) ?? hexEscaped(s)) : s
    }
    return out
  }

  /// Whether `s` holds escaped bytes.
  static func hasEscapes(_ s: String) -> Bool {
    s.utf8.contains(0xF4) && s.unicodeScalars.contains { $0.value >= escapeBase }
  }

  private static func hexEscaped(_ s: String) -> String {
    var out = ""
    for scalar in s.unicodeScalars {
      if scalar.value >= escapeBase {
        let b = scalar.value - escapeBase
        out += "\\x" + (b < 16 ? "0" : "") + String(b, radix: 16, uppercase: true)
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// `bytes` decoded as code page 950, or nil when they are not Big5.
  private static func big5(_ bytes: [UInt8]) -> String? {
    let cd = iconv_open("UTF-8", "CP950")
    if cd == iconv_t(bitPattern: -1) { return nil }
    defer { iconv_close(cd) }
    var input = bytes.map { CChar(bitPattern: $0) }
    var output = [CChar](repeating: 0, count: bytes.count * 4 + 4)
    let decoded: Int? = input.withUnsafeMutableBufferPointer { inBuf in
      output.withUnsafeMutableBufferPointer { outBuf in
        var inPointer = inBuf.baseAddress
        var outPointer = outBuf.baseAddress
        var inLeft = inBuf.count
        var outLeft = outBuf.count
        guard iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else { return nil }
        return outBuf.count - outLeft
      }
    }
    guard let decoded else { return nil }
    return String(validating: output[0..<decoded].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// The scalar of the valid UTF-8 sequence at `i`, and its length; nil when the bytes there are
  /// not one (a stray continuation byte, a truncated or overlong sequence, a surrogate).
  private static func utf8Scalar<Bytes: Collection<UInt8>>(_ b: Bytes, at i: Int) -> (Unicode.Scalar, Int)? where Bytes.Index == Int {
    let lead = b[i]
    if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
    let (length, minimum, initial): (Int, UInt32, UInt32)
    switch lead {
    case 0xC2...0xDF: (length, minimum, initial) = (2, 0x80, UInt32(lead & 0x1F))
    case 0xE0...0xEF: (length, minimum, initial) = (3, 0x800, UInt32(lead & 0x0F))
    case 0xF0...0xF4: (length, minimum, initial) = (4, 0x10000, UInt32(lead & 0x07))
    default: return nil
    }
    guard i + length <= b.endIndex else { return nil }
    var value = initial
    for k in 1..<length {
      let c = b[i + k]
      guard c & 0xC0 == 0x80 else { return nil }
      value = value << 6 | UInt32(c & 0x3F)
    }
    guard value >= minimum, value < escapeBase, let scalar = Unicode.Scalar(value) else { return nil }
    return (scalar, length)
  }
}
