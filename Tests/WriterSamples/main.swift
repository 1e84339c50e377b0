// writer-samples FOLDER [NAME ...]: writes the sample workbooks of TestSupport (all, or those
// named) as FOLDER/NAME.xlsx and prints each path, for tests/test_writer_samples.py to open with
// real clients. Exits 2 on a wrong command line, 1 when a sample cannot be written.

import Foundation
import TestSupport

let arguments = Array(CommandLine.arguments.dropFirst())
guard let folder = arguments.first, !folder.hasPrefix("-") else {
  let names = workbookSamples.map(\.name).joined(separator: " ")
  FileHandle.standardError.write(Data("usage: writer-samples FOLDER [NAME ...]\nsamples: \(names)\n".utf8))
  exit(2)
}
let wanted = Set(arguments.dropFirst())
let unknown = wanted.subtracting(workbookSamples.map(\.name))
guard unknown.isEmpty else {
  FileHandle.standardError.write(Data("writer-samples: no sample named \(unknown.sorted().joined(separator: ", "))\n".utf8))
  exit(2)
}
do {
  try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  for sample in workbookSamples where wanted.isEmpty || wanted.contains(sample.name) {
    let path = folder + "/" + sample.name + ".xlsx"
    try sample.write(path)
    print(path)
  }
} catch {
  FileHandle.standardError.write(Data("writer-samples: \(error)\n".utf8))
  exit(1)
}
