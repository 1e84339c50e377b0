// Failure: turns engine errors into a message on standard error and an exit code.

import ArgumentParser
import XLSXKit

#if canImport(Glibc)
import Glibc
#endif

/// Prints `message` to standard error, prefixed with the program's name.
func printError(_ message: String) {
  var s = "jixiao: " + message + "\n"
  s.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

/// Runs `body`; an ``XLSXError`` is printed and becomes exit code 2 (unreadable input),
/// other errors propagate to ArgumentParser.
func reportingErrors(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch let e as XLSXError {
    printError("error: " + e.description)
    throw ExitCode(2)
  }
}

/// Whether two paths name the same existing file (so an output would overwrite an input).
func sameFile(_ a: String, _ b: String) throws -> Bool { isSameFile(a, b) }
