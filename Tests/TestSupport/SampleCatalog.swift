// The sample workbooks by name, as the writer-samples binary writes them for the pytest suite.

/// One sample workbook: its file name without `.xlsx`, and the function that writes it.
public struct WorkbookSample: Sendable {
  /// The file name without `.xlsx`, as tests/test_writer_samples.py knows it.
  public let name: String
  /// Writes the sample to the given path.
  public let write: @Sendable (String) throws -> Void
}

/// Every sample, in the order writer-samples writes them.
public let workbookSamples: [WorkbookSample] = [
  WorkbookSample(name: "styled", write: { try writeStyledReport(to: $0) }),
  WorkbookSample(name: "large", write: { try writeLargeWorkbook(to: $0) }),
  WorkbookSample(name: "strings", write: { try writeStringsWorkbook(to: $0) }),
  WorkbookSample(name: "side-by-side", write: { try writeSideBySideWorkbook(to: $0) }),
  WorkbookSample(name: "filled", write: { try fillTemplate(to: $0) }),
  WorkbookSample(name: "values", write: { try fillTemplateValuesOnly(to: $0) }),
  WorkbookSample(name: "annotated", write: { try annotateTemplate(to: $0) }),
]
