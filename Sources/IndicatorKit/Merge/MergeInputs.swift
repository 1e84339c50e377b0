// MergeInputs: the files a merge reads — every file under the folders given, hidden ones aside,
// through symbolic links, each once (docs/MERGE.md, "What happens", step 1).

import Foundation
import XLSXKit

extension Merger {
  /// The files named by `paths`: files as given, folders searched recursively for every file but
  /// hidden ones (a name starting with 「.」, such as .DS_Store, in any folder), in path order, each
  /// once. Each is merged or left out with its reason (``Exclusion``): nothing under a folder is
  /// skipped without a line saying so.
  ///
  /// - Throws: ``XLSXError`` `io` naming a path that does not exist.
  public static func inputs(_ paths: [String]) throws -> [String] {
    var hidden: [String] = []
    return try inputs(paths, hidden: &hidden)
  }

  /// ``inputs(_:)``, and in `hidden` the hidden files and folders left out of the folders searched
  /// (for a line naming each).
  ///
  /// - Throws: ``XLSXError`` `io` naming a path that does not exist.
  public static func inputs(_ paths: [String], hidden: inout [String]) throws -> [String] {
    var out: [String] = []
    for path in paths {
      guard let info = FileName.status(path) else {
        throw XLSXError(.io, "no such file or folder", facts: XLSXError.Facts(.missing), file: path)
      }
      if info.st_mode & S_IFMT != S_IFDIR {
        out.append(path)
        continue
      }
      var found: [String] = []
      var visited = Set<[UInt64]>()
      walk(path, into: &found, hidden: &hidden, visited: &visited)
      out += found.sorted()
    }
    var seen = Set<String>()
    return out.filter { seen.insert(($0 as NSString).standardizingPath).inserted }
  }

  /// Every file under `folder`, recursively, hidden ones (「.」 first) left out; symbolic links to
  /// folders are followed, each folder once (a link back up is no loop). Names that are not UTF-8
  /// (Big5 from a Windows share) are kept byte for byte (``FileName``).
  static func walk(_ folder: String, into found: inout [String], hidden: inout [String], visited: inout Set<[UInt64]>) {
    guard let info = FileName.status(folder) else { return }
    guard visited.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted else { return }
    guard let names = FileName.names(in: folder) else { return }
    for name in names.sorted() {
      let full = folder.hasSuffix("/") ? folder + name : folder + "/" + name
      if name.hasPrefix(".") {
        hidden.append(full)
        continue
      }
      guard let entry = FileName.status(full) else {
        found.append(full)  // a dangling link: read, and refused with its reason
        continue
      }
      if entry.st_mode & S_IFMT == S_IFDIR {
        walk(full, into: &found, hidden: &hidden, visited: &visited)
      } else {
        found.append(full)
      }
    }
  }
}
