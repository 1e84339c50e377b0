// The jixiao command: read, validate, merge and write performance-plan workbooks.

import ArgumentParser

@main
struct Jixiao: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "jixiao",
    abstract: "Read, check and convert the performance-plan workbooks of Taiwanese local governments (績效).",
    discussion: """
      Exit codes: 0 success, 1 findings or partial failure, 2 unreadable input or bad usage.
      """,
    version: "0.1.0",
    subcommands: [Cells.self, Convert.self, Inspect.self, Import.self, Export.self, Validate.self, Merge.self, Template.self]
  )
}
