import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The threads Argon2 runs on: at most `count`, started when needed, each at a lower scheduling
/// priority (nice 10) so that when the cores are contended the games' threads go first and logins
/// take the rest. Long-lived rather than one per hash: a thread keeps its `argon2_memory_kib` block
/// (`Argon2Memory`), so each hash reuses the previous one's pages instead of faulting in fresh ones
/// (a thread per hash cost 40% of login throughput); after a second without work it gives the block
/// back. A thread idle for a minute exits.
final class HashThreads: Sendable {
    typealias Job = @Sendable () -> Void

    private struct State {
        var jobs: [Job] = []
        var threads = 0
        var idle = 0
    }

    private let count: Int
    private let state = Mutex(State())
    private let wakeup = DispatchSemaphore(value: 0)

    init(count: Int) { self.count = max(count, 1) }

    func run(_ job: @escaping Job) {
        enum Action { case none, signal, start }
        let action = state.withLock { state -> Action in
            state.jobs.append(job)
            if state.idle > 0 {
                state.idle -= 1
                return .signal
            }
            guard state.threads < count else { return .none }
            state.threads += 1
            return .start
        }
        switch action {
        case .none: break
        case .signal: wakeup.signal()
        case .start: Thread.detachNewThread { [self] in self.work() }
        }
    }

    private func work() {
        Self.lowerThisThreadsPriority()
        Argon2Memory.keepBlocksOnThisThread()
        while true {
            let job = state.withLock { state -> Job? in
                if state.jobs.isEmpty {
                    state.idle += 1
                    return nil
                }
                return state.jobs.removeFirst()
            }
            if let job {
                job()
                continue
            }
            // Keep the hash's memory for a moment in case logins keep coming, then give it back.
            if wakeup.wait(timeout: .now() + 1) == .success { continue }
            Argon2Memory.releaseThisThreadsBlock()
            if wakeup.wait(timeout: .now() + 59) == .success { continue }
            // Idle for a minute: leave, unless a job claimed this thread as the wait timed out.
            let leave = state.withLock { state -> Bool in
                guard state.idle > 0 else { return false }
                state.idle -= 1
                state.threads -= 1
                return true
            }
            if leave {
                Argon2Memory.stopKeepingBlocksOnThisThread()
                return
            }
            wakeup.wait()
        }
    }

    /// On Linux the nice value is per thread and `who = 0` means the calling thread; raising it
    /// needs no privilege. Best effort: elsewhere hashes run at normal priority.
    private static func lowerThisThreadsPriority() {
        #if os(Linux)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
    }
}
