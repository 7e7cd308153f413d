import Dispatch
import Foundation
import GRDB
import Synchronization

/// Group commit for the hot path: writes that arrive while a transaction is being committed wait
/// and go into the next one together. Every caller still resumes only after its own write is
/// committed, so an acknowledged move is on disk; one commit now carries many moves. One failing
/// write fails alone (see `commit`).
///
/// The batches run on one dedicated thread that calls GRDB synchronously: the profile showed the
/// async path (a task to drain, a hop to GRDB's queue, a hop back) costing more per move than the
/// SQL. The thread exits after a second without writes and starts again on the next one.
final class WriteBatcher: Sendable {
    typealias Work = @Sendable (Database) throws -> Void

    private struct Pending: Sendable {
        let work: Work
        let continuation: UnsafeContinuation<Void, any Error>
    }

    private struct State {
        var queue: [Pending] = []
        var threadRunning = false
        var threadWaiting = false
    }

    private let pool: DatabasePool
    private let state = Mutex(State())
    private let wakeup = DispatchSemaphore(value: 0)
    /// Bounds one transaction so a burst cannot hold the writer for long.
    private let maxBatch: Int

    init(pool: DatabasePool, maxBatch: Int = 512) {
        self.pool = pool
        self.maxBatch = maxBatch
    }

    func write(_ work: @escaping Work) async throws {
        try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<Void, any Error>) in
            enum Wake { case none, signal, start }
            let wake = state.withLock { state -> Wake in
                state.queue.append(Pending(work: work, continuation: continuation))
                if !state.threadRunning {
                    state.threadRunning = true
                    return .start
                }
                if state.threadWaiting {
                    state.threadWaiting = false
                    return .signal
                }
                return .none
            }
            switch wake {
            case .none: break
            case .signal: wakeup.signal()
            case .start: Thread.detachNewThread { [self] in self.run() }
            }
        }
    }

    /// A write that returns what its work computed (a write retried alone computes it again).
    func write<Value: Sendable>(_ work: @escaping @Sendable (Database) throws -> Value) async throws -> Value {
        let slot = Mutex<Value?>(nil)
        try await write { db in
            let value = try work(db)
            slot.withLock { $0 = value }
        }
        // A write that returned was committed, so its work ran and filled the slot.
        guard let value = slot.withLock({ $0 }) else { throw CancellationError() }
        return value
    }

    private func run() {
        while true {
            let batch = state.withLock { state -> [Pending] in
                let batch = Array(state.queue.prefix(maxBatch))
                state.queue.removeFirst(batch.count)
                if batch.isEmpty { state.threadWaiting = true }
                return batch
            }
            if batch.isEmpty {
                if wakeup.wait(timeout: .now() + 1) == .success { continue }
                // Idle for a second: stop, unless a write slipped in as the wait timed out.
                let stop = state.withLock { state -> Bool in
                    guard state.threadWaiting else { return false }  // a writer is about to signal
                    state.threadWaiting = false
                    state.threadRunning = false
                    return true
                }
                if stop { return }
                wakeup.wait()
                continue
            }
            commit(batch)
        }
    }

    /// One transaction for the whole batch. If it fails, the batch is rolled back and each write is
    /// retried in its own transaction, so one bad write fails alone. (A savepoint per write did
    /// the same on the happy path, but preparing its two statements cost more than the move.)
    private func commit(_ batch: [Pending]) {
        let works = batch.map(\.work)
        let outcomes: [Result<Void, any Error>]
        do {
            try pool.write { db in
                for work in works { try work(db) }
            }
            outcomes = Array(repeating: .success(()), count: batch.count)
        } catch {
            outcomes = works.map { work in Result { try pool.write { db in try work(db) } } }
        }
        // Each write is resumed exactly once, here (unchecked continuations: the checked ones cost
        // an allocation per write).
        for (pending, outcome) in zip(batch, outcomes) { pending.continuation.resume(with: outcome) }
    }
}
