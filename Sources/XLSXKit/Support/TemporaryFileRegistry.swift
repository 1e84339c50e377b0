// TemporaryFileRegistry: every temporary file Jixiao has open, so that none outlives it — removed
// when done, on an interrupt or termination signal, and (after a kill -9) by the next run.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary and scratch files this process has made and not yet removed or moved into place.
///
/// ``removeOnSignals()`` has SIGINT, SIGTERM and SIGHUP remove them before the process ends as the
/// signal would end it. A process killed outright (SIGKILL, a power cut) cannot: its files carry
/// the host and process id in their names (`.NAME.tmp-HOST-PID-XXXXXX`), and the next run that
/// writes into the same folder removes those whose process on this host is gone.
public enum TemporaryFileRegistry {
  private static let capacity = 4_096
  /// C strings of the registered paths; a signal handler reads them without a lock (a slot is set
  /// only once its string is complete, and cleared before its string is freed).
  nonisolated(unsafe) private static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
    let p = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
    p.initialize(repeating: nil, count: capacity)
    return p
  }()
  nonisolated(unsafe) private static var lock = pthread_mutex_t()
  nonisolated(unsafe) private static var lockReady: Void = { pthread_mutex_init(&lock, nil) }()

  /// Has SIGINT, SIGTERM and SIGHUP remove every registered file, then end the process as the
  /// signal would have (the shell sees the usual status).
  public static func removeOnSignals() {
    _ = lockReady
    _ = slots  // made now: a lazy static first touched inside a signal handler would lock
    for s in [SIGINT, SIGTERM, SIGHUP] { signal(s, removeAndReraise) }
  }

  /// The tag in temporary file names that says which process made them: `HOST-PID`.
  static var ownerTag: String { "\(hostName)-\(getpid())" }

  static func register(_ path: String) {
    _ = lockReady
    guard let copy = strdup(path) else { return }
    pthread_mutex_lock(&lock)
    defer { pthread_mutex_unlock(&lock) }
    for i in 0..<capacity where slots[i] == nil {
      slots[i] = copy
      return
    }
    free(copy)  // more than 4,096 at once: this one is removed when done, not on a signal
  }

  static func unregister(_ path: String) {
    _ = lockReady
    pthread_mutex_lock(&lock)
    defer { pthread_mutex_unlock(&lock) }
    for i in 0..<capacity {
      guard let p = slots[i], String(cString: p) == path else { continue }
      slots[i] = nil
      free(p)
      return
    }
  }

  /// Removes the files in `folder` whose names start with `prefix` and carry `.tmp-HOST-PID-` of
  /// a process of this host that no longer runs (killed while it wrote them).
  static func removeLeftovers(in folder: String, prefix: String) {
    guard let names = FileName.names(in: folder.isEmpty ? "/" : folder) else { return }
    let tag = ".tmp-" + hostName + "-"
    for name in names where name.hasPrefix(prefix) {
      guard let at = name.firstRange(of: tag) else { continue }
      let rest = name[at.upperBound...]
      guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]), pid != getpid() else { continue }
      if kill(pid, 0) != 0 && errno == ESRCH { FileName.withSystemPath(folder + "/" + name) { _ = unlink($0) } }
    }
  }

  /// Removes the scratch files (`$TMPDIR/.jixiao-…`) that killed runs of this host left behind.
  public static func removeLeftoverScratchFiles() {
    removeLeftovers(in: scratchFolder, prefix: ".jixiao-")
  }

  /// The folder of scratch files: `$TMPDIR`, else `/tmp`.
  static var scratchFolder: String {
    let dir = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    return dir.isEmpty ? "/tmp" : dir
  }

  private static let hostName: String = {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count - 1) == 0 else { return "host" }
    let name = String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return String(name.map { $0 == "-" || $0 == "/" ? "_" : $0 }.prefix(64))
  }()

  /// The signal handler: unlink is safe in one; nothing else here allocates or locks.
  private static let removeAndReraise: @convention(c) (Int32) -> Void = { sig in
    for i in 0..<TemporaryFileRegistry.capacity {
      if let p = TemporaryFileRegistry.slots[i] { unlink(p) }
    }
    signal(sig, SIG_DFL)
    raise(sig)
  }
}

/// Removes a temporary or scratch file and forgets it.
func removeTemporaryFile(_ path: String) {
  unlink(path)
  TemporaryFileRegistry.unregister(path)
}
