/// Hashes and verifies passwords away from the Swift concurrency pool: one Argon2id run holds a core
/// for tens of milliseconds and `argon2_memory_kib` of memory, and the pool has only as many threads
/// as cores, so running there would stall every live game during a login storm. Runs happen on
/// `HashThreads` (lower priority than the games), at most `argon2_max_concurrent` at once; callers
/// past a bounded wait line get a 503.
public struct PasswordHasher: Sendable {
    let argon2: Argon2id
    private let gate: AsyncSemaphore
    private let threads: HashThreads

    public init(config: ServerConfig) {
        argon2 = Argon2id(
            cost: .init(
                memoryKiB: config.argon2MemoryKiB, iterations: config.argon2Iterations,
                parallelism: config.argon2Parallelism))
        gate = AsyncSemaphore(permits: config.argon2MaxConcurrent, maxWaiting: config.argon2MaxConcurrent * 64)
        threads = HashThreads(count: config.argon2MaxConcurrent)
    }

    public func hash(_ password: String) async throws -> String {
        try await run { argon2 in try argon2.hash(password) }
    }

    public func verify(_ password: String, against encoded: String) async throws -> Bool {
        try await run { argon2 in argon2.verify(password, against: encoded) }
    }

    func needsRehash(_ encoded: String) -> Bool { argon2.needsRehash(encoded) }

    private func run<T: Sendable>(_ work: @escaping @Sendable (Argon2id) throws -> T) async throws -> T {
        do {
            try await gate.acquire()
        } catch {
            var busy = APIError(.serviceUnavailable, "server_busy", "The server is busy; try again in a moment.")
            busy.headers[.retryAfter] = "1"
            throw busy
        }
        let argon2 = self.argon2
        let result: Result<T, any Error> = await withCheckedContinuation { continuation in
            threads.run { continuation.resume(returning: Result { try work(argon2) }) }
        }
        await gate.release()
        return try result.get()
    }
}
