// FileSniffer: tells what a file is from its first bytes, so that a wrong file gets a precise error.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a file on disk looks like from its leading bytes.
public enum FileKind: String, Sendable, Equatable {
  /// A zip archive (an OOXML package, or another zip).
  case zip
  /// An OLE compound document holding an encrypted OOXML package (a password-protected workbook).
  case encryptedOOXML = "encrypted-ooxml"
  /// An OLE compound document holding a legacy binary workbook (`.xls`).
  case legacyXLS = "xls"
  /// Another OLE compound document (`.doc`, `.msg`, …).
  case ole
  /// An Excel 2003 XML spreadsheet.
  case spreadsheetML2003 = "xml-spreadsheet-2003"
  /// An HTML page, as many systems export under an `.xls` name.
  case html
  /// Plain text (perhaps CSV).
  case text
  /// An empty file.
  case empty
  /// Something else.
  case unknown
}

enum FileSniffer {
  /// Reads the leading bytes of `path` and classifies them; for OLE containers, looks for the
  /// stream names that tell an encrypted workbook from a legacy one.
  static func sniff(path: String) throws -> FileKind {
    try requireRegularFile(path)
    guard let f = FileName.withSystemPath(path, { fopen($0, "rb") }) else {
      let number = errno
      let reason = String(cString: strerror(number))
      throw XLSXError(.io, "cannot be opened: \(reason)", facts: .system(.open, number), file: path)
    }
    defer { fclose(f) }
    var head = [UInt8](repeating: 0, count: 512)
    let n = fread(&head, 1, head.count, f)
    head.removeSubrange(n...)
    if n == 0 { return .empty }
    if n >= 4 && head[0] == 0x50 && head[1] == 0x4B && (head[2] == 3 || head[2] == 5 || head[2] == 7) {
      return .zip
    }
    if n >= 8 && head[0..<8].elementsEqual([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
      return try oleKind(f)
    }
    return textKind(head)
  }

  private static func oleKind(_ f: UnsafeMutablePointer<FILE>) throws -> FileKind {
    // Directory entries hold UTF-16LE names; scan the container (bounded) for the telling ones.
    fseek(f, 0, SEEK_SET)
    let limit = 256 << 20
    var data = [UInt8](repeating: 0, count: 1 << 20)
    var carry: [UInt8] = []
    var total = 0
    var sawWorkbook = false
    while total < limit {
      let n = fread(&data, 1, data.count, f)
      if n == 0 { break }
      total += n
      let window = carry + data[0..<n]
      if contains(window, utf16: "EncryptedPackage") { return .encryptedOOXML }
      if contains(window, utf16: "Workbook") || contains(window, utf16: "Book") { sawWorkbook = true }
      carry = Array(window.suffix(64))
    }
    return sawWorkbook ? .legacyXLS : .ole
  }

  private static func contains(_ hay: [UInt8], utf16 needle: String) -> Bool {
    var pattern: [UInt8] = []
    for u in needle.utf16 {
      pattern.append(UInt8(u & 0xFF))
      pattern.append(UInt8(u >> 8))
    }
    // Directory names are followed by a NUL terminator.
    pattern.append(0)
    pattern.append(0)
    guard hay.count >= pattern.count else { return false }
    var i = 0
    let last = hay.count - pattern.count
    while i <= last {
      if hay[i] == pattern[0] && hay[i..<(i + pattern.count)].elementsEqual(pattern) { return true }
      i += 1
    }
    return false
  }

  private static func textKind(_ head: [UInt8]) -> FileKind {
    var s = String(decoding: head, as: UTF8.self).lowercased()
    s = String(s.drop(while: { $0 == "\u{FEFF}" || $0.isWhitespace }))
    if s.contains("urn:schemas-microsoft-com:office:spreadsheet") { return .spreadsheetML2003 }
    if s.hasPrefix("<!doctype html") || s.hasPrefix("<html") || s.contains("<table") || s.contains("<html") {
      return .html
    }
    let printable = head.filter { $0 >= 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }.count
    if printable * 10 >= head.count * 9 && String(validating: head, as: UTF8.self) != nil { return .text }
    return .unknown
  }

  /// The error for a file that is not a zip archive.
  static func error(for kind: FileKind, path: String) -> XLSXError {
    switch kind {
    case .zip:
      return XLSXError(.notZip, "not a zip archive", file: path)
    case .encryptedOOXML:
      return XLSXError(
        .encrypted,
        "the workbook is encrypted (password-protected: an OLE container holding EncryptedPackage); open it in Excel, remove the password and save it again",
        file: path)
    case .legacyXLS:
      return XLSXError(
        .legacyXLS,
        "a legacy Excel 97–2003 workbook (.xls, BIFF in an OLE container), not .xlsx; save it as .xlsx first",
        file: path)
    case .ole:
      return XLSXError(.notWorkbook, "an OLE compound document (.doc, .msg or similar), not a workbook", facts: XLSXError.Facts(.oleDocument), file: path)
    case .spreadsheetML2003:
      return XLSXError(.notWorkbook, "an Excel 2003 XML spreadsheet, not .xlsx; save it as .xlsx first", facts: XLSXError.Facts(.spreadsheetML2003), file: path)
    case .html:
      return XLSXError(.notWorkbook, "an HTML page (often exported under an .xls name), not a workbook; open it and save it as .xlsx", facts: XLSXError.Facts(.html), file: path)
    case .text:
      return XLSXError(.notZip, "plain text, not a workbook (a CSV file?)", facts: XLSXError.Facts(.text), file: path)
    case .empty:
      return XLSXError(.notZip, "the file is empty", facts: XLSXError.Facts(.empty), file: path)
    case .unknown:
      return XLSXError(.notZip, "not a zip archive, so not an .xlsx workbook", file: path)
    }
  }
}
