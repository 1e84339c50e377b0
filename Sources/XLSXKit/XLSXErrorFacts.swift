// XLSXErrorFacts: what an error's message says, as values an application can word in any language.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension XLSXError {
  /// The facts of an error, beside its English ``XLSXError/message``.
  ///
  /// `what` tells the cases of one code apart (a `notZip` error for an empty file says
  /// ``What/empty``, one for a text file ``What/text``); `value` is the thing at fault as it was
  /// found (a cell reference, a part's name, a compression method); `limit` and `limitValue` name a
  /// limit exceeded and its setting; `systemError` is the operating system's error number.
  public struct Facts: Hashable, Sendable {
    /// Which case of the code this is; nil for the code's general case.
    public var what: What?
    /// The value at fault, as found in the file or given by the caller.
    public var value: String?
    /// The limit that was exceeded (`limitExceeded`).
    public var limit: Limit?
    /// The limit's setting, in the limit's own unit (bytes, entries, cells, characters, levels).
    public var limitValue: Int64?
    /// The operating system's error number (`errno`) when the system refused.
    public var systemError: Int32?

    /// Facts with the given fields.
    public init(_ what: What? = nil, value: String? = nil, limit: Limit? = nil, limitValue: Int64? = nil,
                systemError: Int32? = nil) {
      self.what = what
      self.value = value
      self.limit = limit
      self.limitValue = limitValue
      self.systemError = systemError
    }

    /// The facts of an exceeded limit.
    public static func exceeded(_ limit: Limit, _ setting: some BinaryInteger, value: String? = nil) -> Facts {
      Facts(value: value, limit: limit, limitValue: Int64(setting))
    }

    /// The facts of a refusal by the operating system: `what` was being done, `errno` now.
    public static func system(_ what: What, _ number: Int32 = errno, value: String? = nil) -> Facts {
      Facts(what, value: value, systemError: number)
    }
  }

  /// A case within an error code: a stable name. New cases may be added; switch with a `default`.
  public struct What: Hashable, Sendable, CustomStringConvertible {
    /// The stable name.
    public let name: String
    private init(_ name: String) { self.name = name }
    public var description: String { name }

    // What a file turned out to be (notZip, notWorkbook, io).
    /// An empty file.
    public static let empty = What("empty")
    /// Plain text (perhaps CSV).
    public static let text = What("text")
    /// An HTML page.
    public static let html = What("html")
    /// An OLE compound document that is no workbook (`.doc`, `.msg`).
    public static let oleDocument = What("ole-document")
    /// An Excel 2003 XML spreadsheet.
    public static let spreadsheetML2003 = What("xml-spreadsheet-2003")
    /// A Word document.
    public static let wordDocument = What("docx")
    /// A PowerPoint presentation.
    public static let presentation = What("pptx")
    /// An OpenDocument file that is no spreadsheet; `value` is its MIME type.
    public static let openDocumentFile = What("odf")
    /// An EPUB book.
    public static let epub = What("epub")
    /// A Java archive.
    public static let javaArchive = What("jar")
    /// A zip archive without `[Content_Types].xml`.
    public static let plainZip = What("plain-zip")
    /// An Office package of another kind; `value` is its main part's content type.
    public static let otherPackage = What("other-package")
    /// A folder where a file was wanted.
    public static let folder = What("folder")
    /// A file where a folder was wanted.
    public static let notFolder = What("not-folder")
    /// A named pipe, device or socket; `value` says which (`fifo`, `device`, `socket`).
    public static let notRegularFile = What("not-regular-file")

    // What was being done when the system refused (io, write).
    /// No file at the path.
    public static let missing = What("missing")
    /// Opening a file.
    public static let open = What("open")
    /// Reading a file.
    public static let read = What("read")
    /// Creating a file; `value` is the folder.
    public static let create = What("create")
    /// Writing a file.
    public static let write = What("write")
    /// Moving a finished file onto its name.
    public static let move = What("move")

    // Package structure (corruptZip, missingPart, invalidValue).
    /// Two zip entries with one name; `value` is the name.
    public static let duplicateEntry = What("duplicate-entry")
    /// A part compressed with a method that cannot be inflated; `value` is the method.
    public static let compressionMethod = What("compression-method")
    /// A part written in UTF-16 that would have to be copied byte for byte.
    public static let utf16Copy = What("utf16-copy")
    /// The output would replace an input; `value` is the input.
    public static let wouldOverwrite = What("would-overwrite")
    /// A sheet name that is too long, holds a forbidden character, or is taken; `value` is the name.
    public static let sheetName = What("sheet-name")
    /// A sheet that holds no cells (a chart sheet); `value` is its kind.
    public static let noCells = What("no-cells")
    /// A text field longer than one cell holds.
    public static let fieldTooLong = What("field-too-long")
    /// A quote opened and never closed; `value` is the line.
    public static let unclosedQuote = What("unclosed-quote")
    /// Text that is not in the encoding it was read in; `value` is the encoding (`utf-8`, `big5` …).
    public static let undecodableText = What("undecodable-text")
    /// A scratch file (the engine's own, in the temporary folder) could not be written or read.
    public static let scratchFile = What("scratch-file")
    /// A text of this system's that cannot be decoded; `value` is the encoding.
    public static let unsupportedEncoding = What("unsupported-encoding")
    /// A workbook without any worksheet.
    public static let noWorksheet = What("no-worksheet")
    /// A file that is not the model it should be (JSON of another shape).
    public static let notModel = What("not-model")
    /// A JSON Lines record that is not what a row needs.
    public static let jsonLine = What("json-line")
  }

  /// A limit against hostile or broken files.
  public struct Limit: Hashable, Sendable, CustomStringConvertible {
    /// The stable name.
    public let name: String
    private init(_ name: String) { self.name = name }
    public var description: String { name }

    /// ``ZipLimits/maxFileSize`` (bytes).
    public static let fileSize = Limit("file-size")
    /// ``ZipLimits/maxEntrySize`` (bytes).
    public static let partSize = Limit("part-size")
    /// ``ZipLimits/maxTotalSize`` (bytes).
    public static let totalSize = Limit("total-size")
    /// ``ZipLimits/maxCompressionRatio`` (times).
    public static let compressionRatio = Limit("compression-ratio")
    /// ``ZipLimits/maxEntries`` (entries).
    public static let entries = Limit("entries")
    /// ``ReadOptions/maxCellsPerSheet`` (cells).
    public static let cells = Limit("cells")
    /// ``ReadOptions/maxSharedStrings`` (strings).
    public static let sharedStrings = Limit("shared-strings")
    /// ``ReadOptions/maxSharedStringBytes`` (bytes).
    public static let sharedStringBytes = Limit("shared-strings-size")
    /// ``ReadOptions/maxCellTextLength`` (characters).
    public static let textLength = Limit("text-length")
    /// ``XMLLimits/maxTokenSize`` (bytes).
    public static let tokenSize = Limit("token-size")
    /// ``XMLLimits/maxDepth`` (levels).
    public static let depth = Limit("depth")
    /// ``XMLLimits/maxAttributes`` (attributes on one element).
    public static let attributes = Limit("attributes")
    /// The longest line of a text input (bytes).
    public static let lineLength = Limit("line-length")
    /// The rows a sheet can hold (1,048,576).
    public static let rows = Limit("rows")
    /// The columns a sheet can hold (16,384).
    public static let columns = Limit("columns")
    /// Memory ran out.
    public static let memory = Limit("memory")
  }
}
