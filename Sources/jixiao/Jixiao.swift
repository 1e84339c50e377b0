// The jixiao command: read, validate, merge and write performance-plan workbooks.

import ArgumentParser
import XLSXKit

#if canImport(Glibc)
import Glibc
#endif

@main
struct Jixiao: ParsableCommand {
  /// A closed pipe on standard output is an error that a write reports (exit code 2 with a
  /// message), not a signal that ends the process midway with an output half written.
  static func main() {
    signal(SIGPIPE, SIG_IGN)
    // An interrupt (Ctrl-C) or a termination leaves no temporary file behind.
    TemporaryFileRegistry.removeOnSignals()
    TemporaryFileRegistry.removeLeftoverScratchFiles()
    Self.main(nil)
  }

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
