import GRDB
import GRDBSQLite
import Synchronization

/// Tells `WALCheckpointer` that commits have added frames to the WAL. SQLite calls its WAL hook on
/// the committing connection after every commit; this one only raises a flag (and wakes the
/// checkpointer if it is waiting), so the checkpointer runs right behind the writer while moves
/// are committed and sleeps when nothing is written.
///
/// Installing the hook replaces SQLite's automatic checkpoint (which is itself a WAL hook): only a
/// database whose checkpoints run in the background installs it.
final class WALCommits: Sendable {
    private struct State {
        /// Starts raised: a WAL left by an earlier run is checkpointed at once.
        var pending = true
        var waiter: UnsafeContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    func install(on db: Database) {
        sqlite3_wal_hook(db.sqliteConnection, walHook, Unmanaged.passUnretained(self).toOpaque())
    }

    fileprivate func committed() {
        takeWaiter(raising: true)?.resume()
    }

    /// The waiting checkpointer, if any, no longer waiting; with `raising`, the flag is raised too.
    private func takeWaiter(raising: Bool) -> UnsafeContinuation<Void, Never>? {
        state.withLock { state in
            if raising { state.pending = true }
            defer { state.waiter = nil }
            return state.waiter
        }
    }

    /// Returns once something was committed since the last call, or when the task is cancelled.
    /// One caller at a time (the checkpointer).
    func next() async {
        await withTaskCancellationHandler {
            await withUnsafeContinuation { (continuation: UnsafeContinuation<Void, Never>) in
                let ready = state.withLock { state -> Bool in
                    // Checked under the lock: a cancellation that came first has already looked
                    // for a waiter and found none.
                    if state.pending || Task.isCancelled {
                        state.pending = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            takeWaiter(raising: false)?.resume()
        }
    }
}

/// The hook's context is the `WALCommits` that installed it; the database configuration that
/// installs it (and so the pool) keeps that object alive.
private func walHook(
    context: UnsafeMutableRawPointer?, db: OpaquePointer?, name: UnsafePointer<CChar>?, frames: Int32
) -> Int32 {
    if let context { Unmanaged<WALCommits>.fromOpaque(context).takeUnretainedValue().committed() }
    return SQLITE_OK
}
