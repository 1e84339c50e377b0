// BackgroundWork: a piece of work started on another thread, waited for later.

import Dispatch

/// Work started on another thread at once; ``wait()`` returns its value, or throws its error, once
/// it is done.
public final class BackgroundWork<Value>: @unchecked Sendable {  // `result` is written before `done` is signalled
  private let done = DispatchSemaphore(value: 0)
  private var result: Result<Value, any Error>?
  private var waited = false

  /// Starts `work` on a global queue.
  public init(_ work: @escaping @Sendable () throws -> Value) {
    DispatchQueue.global().async {
      self.result = Result { try work() }
      self.done.signal()
    }
  }

  /// The work's value, waiting for it the first time (call from one thread).
  ///
  /// - Throws: the work's error.
  public func wait() throws -> Value {
    if !waited {
      done.wait()
      waited = true
    }
    guard let result else { throw XLSXError(.write, "background work ended without a result") }
    return try result.get()
  }
}
