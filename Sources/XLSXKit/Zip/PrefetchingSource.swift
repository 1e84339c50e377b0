// PrefetchingSource: inflates a zip entry on a second thread while the caller parses, so that
// decompression and XML parsing use both cores.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A ``ByteSource`` that reads ahead from another source on a background thread.
///
/// The background thread fills a small ring of chunks; ``read(into:count:)`` hands them out in
/// order. An error raised while reading ahead is thrown by the read that reaches it. Dropping the
/// source stops and joins the thread.
public final class PrefetchingSource: ByteSource {
  private final class Shared: @unchecked Sendable {
    let source: ByteSource
    let chunkSize: Int
    let slots: Int
    var chunks: [UnsafeMutableRawPointer]
    var lengths: [Int]
    var produced = 0
    var consumed = 0
    var finished = false
    var cancelled = false
    var failure: Error?
    let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    let cond = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init(source: ByteSource, chunkSize: Int, slots: Int) {
      self.source = source
      self.chunkSize = chunkSize
      self.slots = slots
      chunks = (0..<slots).map { _ in UnsafeMutableRawPointer.allocate(byteCount: chunkSize, alignment: 64) }
      lengths = Array(repeating: 0, count: slots)
      pthread_mutex_init(mutex, nil)
      pthread_cond_init(cond, nil)
    }

    deinit {
      for c in chunks { c.deallocate() }
      pthread_mutex_destroy(mutex)
      pthread_cond_destroy(cond)
      mutex.deallocate()
      cond.deallocate()
    }

    func produce() {
      while true {
        pthread_mutex_lock(mutex)
        while produced - consumed >= slots && !cancelled { pthread_cond_wait(cond, mutex) }
        if cancelled {
          pthread_mutex_unlock(mutex)
          return
        }
        let slot = produced % slots
        pthread_mutex_unlock(mutex)
        var n = 0
        var error: Error?
        do {
          // Fill the chunk as far as the source allows, so chunks are large.
          while n < chunkSize {
            let got = try source.read(into: chunks[slot] + n, count: chunkSize - n)
            if got == 0 { break }
            n += got
          }
        } catch let e {
          error = e
        }
        pthread_mutex_lock(mutex)
        if let error {
          failure = error
          finished = true
        } else if n == 0 {
          finished = true
        } else {
          lengths[slot] = n
          produced += 1
        }
        pthread_cond_broadcast(cond)
        let done = finished
        pthread_mutex_unlock(mutex)
        if done { return }
      }
    }
  }

  private let shared: Shared
  private var thread: pthread_t?
  private var current = -1
  private var offset = 0
  private var length = 0

  /// Starts reading ahead from `source` in chunks of `chunkSize` bytes, at most `slots` ahead.
  public init(_ source: ByteSource, chunkSize: Int = 1 << 18, slots: Int = 4) {
    shared = Shared(source: source, chunkSize: chunkSize, slots: max(slots, 2))
    let context = Unmanaged.passRetained(shared).toOpaque()
    var t = pthread_t()
    let rc = pthread_create(&t, nil, { ctx in
      guard let ctx else { return nil }
      Unmanaged<Shared>.fromOpaque(ctx).takeRetainedValue().produce()
      return nil
    }, context)
    if rc == 0 {
      thread = t
    } else {
      // No thread: read synchronously on the caller's thread.
      Unmanaged<Shared>.fromOpaque(context).release()
      thread = nil
    }
  }

  deinit {
    pthread_mutex_lock(shared.mutex)
    shared.cancelled = true
    pthread_cond_broadcast(shared.cond)
    pthread_mutex_unlock(shared.mutex)
    if let thread { pthread_join(thread, nil) }
  }

  public func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
    guard thread != nil else { return try shared.source.read(into: buffer, count: count) }
    if current < 0 || offset == length {
      pthread_mutex_lock(shared.mutex)
      if current >= 0 {
        shared.consumed += 1
        pthread_cond_broadcast(shared.cond)
        current = -1
      }
      while shared.produced == shared.consumed && !shared.finished { pthread_cond_wait(shared.cond, shared.mutex) }
      if shared.produced == shared.consumed {
        let failure = shared.failure
        pthread_mutex_unlock(shared.mutex)
        if let failure { throw failure }
        return 0
      }
      current = shared.consumed % shared.slots
      length = shared.lengths[current]
      offset = 0
      pthread_mutex_unlock(shared.mutex)
    }
    let n = min(count, length - offset)
    buffer.copyMemory(from: shared.chunks[current] + offset, byteCount: n)
    offset += n
    return n
  }
}
