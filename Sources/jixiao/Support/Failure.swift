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

/// Says on standard error which sheets of `workbook` were read only in part (``Workbook/damages``):
/// exit code 1 when any was. Call it once every output is written.
func reportDamage(of workbook: Workbook) throws {
  guard !workbook.damages.isEmpty else { return }
  for d in workbook.damages {
    printError("warning: " + d.description + "; the other sheets were read (--strict refuses such a workbook)")
  }
  throw ExitCode(1)
}

/// Whether two paths name the same existing file (so an output would overwrite an input).
func sameFile(_ a: String, _ b: String) throws -> Bool { isSameFile(a, b) }

/// Writes `bytes` to standard output. A closed, full or broken standard output is exit code 2 with a
/// message on standard error, never a crash (Foundation's FileHandle.write traps on a write error).
func writeStandardOutput(_ bytes: some Sequence<UInt8>) throws {
  var data = Array(bytes)
  let failure: Int32? = data.withUnsafeMutableBytes { buffer -> Int32? in
    var done = 0
    while done < buffer.count {
      let n = write(1, buffer.baseAddress.map { $0 + done }, buffer.count - done)
      if n < 0 {
        if errno == EINTR { continue }
        return errno
      }
      done += n
    }
    return nil
  }
  if let failure {
    printError("error: cannot write to standard output: " + String(cString: strerror(failure)))
    throw ExitCode(2)
  }
}
