import GRDB
import Synchronization

/// Group commit for the hot path: writes that arrive while a transaction is being committed wait
/// and go into the next one together. Every caller still resumes only after its own write is
/// committed, so an acknowledged move is on disk; one commit now carries many moves. Each write
/// runs in its own savepoint, so one failing write fails alone.
final class WriteBatcher: Sendable {
    typealias Work = @Sendable (Database) throws -> Void

    private struct Pending: Sendable {
        let work: Work
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var queue: [Pending] = []
        var draining = false
    }

    private let pool: DatabasePool
    private let state = Mutex(State())
    /// Bounds one transaction so a burst cannot hold the writer for long.
    private let maxBatch: Int

    init(pool: DatabasePool, maxBatch: Int = 512) {
        self.pool = pool
        self.maxBatch = maxBatch
    }

    func write(_ work: @escaping Work) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let startDrain = state.withLock { state -> Bool in
                state.queue.append(Pending(work: work, continuation: continuation))
                guard !state.draining else { return false }
                state.draining = true
                return true
            }
            if startDrain { Task { await self.drain() } }
        }
    }

    private func drain() async {
        while true {
            let batch = state.withLock { state -> [Pending] in
                let batch = Array(state.queue.prefix(maxBatch))
                state.queue.removeFirst(batch.count)
                if batch.isEmpty { state.draining = false }
                return batch
            }
            if batch.isEmpty { return }
            let works = batch.map(\.work)
            let outcomes: [Result<Void, any Error>]
            do {
                outcomes = try await pool.write { db in
                    works.map { work in
                        Result {
                            try db.inSavepoint {
                                try work(db)
                                return .commit
                            }
                        }
                    }
                }
            } catch {
                outcomes = Array(repeating: .failure(error), count: batch.count)
            }
            for (pending, outcome) in zip(batch, outcomes) { pending.continuation.resume(with: outcome) }
        }
    }
}
