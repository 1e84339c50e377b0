// Where the tests' files are: the repository, its committed fixtures, and fresh temporary folders.

import Foundation

/// The root of the repository (the folder holding Package.swift), found from this source file's
/// place in it, so that tests and the samples binary work from any current directory.
public let repositoryRoot: String = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent()  // Tests/TestSupport
  .deletingLastPathComponent()  // Tests
  .deletingLastPathComponent().path

/// The folder of the committed fixtures, `Tests/Fixtures` (see its README.md).
public let fixtureFolder: String = repositoryRoot + "/Tests/Fixtures"

/// The path of a fixture, or of a folder of them, given relative to `Tests/Fixtures`
/// (`fixture("seeds")`, `fixture("evaluation/cases.json")`).
public func fixture(_ name: String) -> String { fixtureFolder + "/" + name }

/// Creates a new, empty folder under the system's temporary directory; `label` is part of its name
/// to tell whose it is. The caller removes it when it wants to.
public func temporaryFolder(_ label: String = "test") throws -> URL {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-\(label)-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  return folder
}

/// The path of a file named `name` in a new temporary folder of its own (nothing is created there).
public func temporaryPath(_ name: String) throws -> String {
  try temporaryFolder().appendingPathComponent(name).path
}
