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
    // Arguments byte for byte: a file name that is not UTF-8 (Big5) still names its file (FileName).
    let arguments = (1..<Int(CommandLine.argc)).map { i -> String in
      guard let arg = CommandLine.unsafeArgv[i] else { return "" }
      return FileName.string(fromBytes: Array(UnsafeBufferPointer(start: arg, count: strlen(arg))).map { UInt8(bitPattern: $0) })
    }
    // Usage errors are exit code 2, as the README says (ArgumentParser's own is 64), with the usage
    // when the arguments could not be parsed.
    var command: ParsableCommand
    do {
      command = try parseAsRoot(arguments)
    } catch {
      if exitCode(for: error) == .validationFailure {
        printError(fullMessage(for: error))
        Glibc.exit(2)
      }
      exit(withError: error)
    }
    do {
      try command.run()
    } catch {
      if exitCode(for: error) == .validationFailure {
        printError("error: " + message(for: error))
        Glibc.exit(2)
      }
      exit(withError: error)
    }
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
