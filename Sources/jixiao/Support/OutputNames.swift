// OutputNames: file names for several outputs of one command, never two alike.

/// The names given out so far, compared without case (as a Windows share or macOS compares them).
struct OutputNames {
  private var taken = Set<String>()

  /// The first of `name("")`, `name(" (2)")`, `name(" (3)")` … not given out yet, now given out.
  mutating func claim(_ name: (_ suffix: String) -> String) -> String {
    var candidate = name("")
    var k = 2
    while taken.contains(candidate.lowercased()) {
      candidate = name(" (\(k))")
      k += 1
    }
    taken.insert(candidate.lowercased())
    return candidate
  }
}
