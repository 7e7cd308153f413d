import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Monotonic nanoseconds: one cheap clock for every timestamp the tool takes.
enum Now {
    static func nanos() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }
}

/// The timed window shared by every task: samples count only between `start` and `end`, so
/// account set-up, connecting, warm-up and draining stay out of the figures.
final class RunWindow: Sendable {
    private let startNanos = Atomic<UInt64>(0)
    private let endNanos = Atomic<UInt64>(0)
    private let stopping = Atomic<Bool>(false)

    func open(at start: UInt64, seconds: Double) {
        endNanos.store(start &+ UInt64(seconds * 1e9), ordering: .relaxed)
        startNanos.store(start, ordering: .releasing)
    }

    /// True when `t` falls inside the window.
    func contains(_ t: UInt64) -> Bool {
        let start = startNanos.load(ordering: .acquiring)
        return start != 0 && t >= start && t < endNanos.load(ordering: .relaxed)
    }

    /// Players send no new moves once this is set.
    var isStopping: Bool { stopping.load(ordering: .relaxed) }
    func stop() { stopping.store(true, ordering: .relaxed) }
}

/// A one-shot barrier: tasks wait until it opens (all players connected), then all start at once.
final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLock { s -> Bool in
                if s.open { return true }
                s.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    func open() {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.open = true
            defer { s.waiters = [] }
            return s.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
