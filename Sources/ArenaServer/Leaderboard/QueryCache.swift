import Synchronization

/// An in-memory cache of read results keyed by query, cleared as a whole when the data behind it
/// changes. It holds the task computing each value rather than the value, so concurrent cold reads
/// of one key share a single database read, and a read that was in flight when the cache was
/// cleared can never put its (possibly stale) result back: clearing drops the task itself.
final class QueryCache<Value: Sendable>: Sendable {
    private let tasks = Mutex<[String: Task<Value, any Error>]>([:])
    /// Search keys are user input: past this many entries the cache starts over instead of growing.
    let capacity: Int

    init(capacity: Int = 4096) { self.capacity = capacity }

    func value(for key: String, load: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let task = tasks.withLock { tasks in
            if let running = tasks[key] { return running }
            if tasks.count >= capacity { tasks.removeAll(keepingCapacity: true) }
            let task = Task { try await load() }
            tasks[key] = task
            return task
        }
        do {
            return try await task.value
        } catch {
            // A failed read is not remembered: the next caller tries again.
            tasks.withLock { tasks in
                if tasks[key] == task { tasks[key] = nil }
            }
            throw error
        }
    }

    func removeAll() {
        tasks.withLock { $0.removeAll(keepingCapacity: true) }
    }

    var count: Int { tasks.withLock { $0.count } }
}
