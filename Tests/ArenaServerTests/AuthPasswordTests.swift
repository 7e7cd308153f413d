import Foundation
import Testing

@testable import ArenaServer

/// The Argon2id wrapper and the bounded, off-pool hasher, against the real libargon2.
@Suite struct AuthPasswordTests {
    /// A cheap cost keeps the suite fast; one test below uses the shipped default.
    let argon2 = Argon2id(cost: .init(memoryKiB: 1024, iterations: 1, parallelism: 1))

    @Test func hashIsAPHCStringThatVerifiesOnlyTheSamePassword() throws {
        let hash = try argon2.hash("correct horse battery")
        #expect(hash.hasPrefix("$argon2id$v=19$m=1024,t=1,p=1$"))
        #expect(argon2.verify("correct horse battery", against: hash))
        #expect(!argon2.verify("correct horse batterz", against: hash))
        #expect(!argon2.verify("", against: hash))
    }

    @Test func samePasswordGetsAFreshSaltEachTime() throws {
        #expect(try argon2.hash("correct horse battery") != argon2.hash("correct horse battery"))
    }

    @Test func unicodePasswordsMatchInEitherNormalForm() throws {
        let composed = "P\u{E4}ssw\u{F6}rd caf\u{E9} \u{2713} \u{5BC6}\u{7801}"
        let decomposed = "Pa\u{308}sswo\u{308}rd cafe\u{301} \u{2713} \u{5BC6}\u{7801}"
        #expect(Array(composed.utf8) != Array(decomposed.utf8))
        let hash = try argon2.hash(composed)
        #expect(argon2.verify(decomposed, against: hash))
        #expect(argon2.verify(composed, against: hash))
        #expect(!argon2.verify("Passw\u{F6}rd caf\u{E9} \u{2713} \u{5BC6}\u{7801}", against: hash))
    }

    @Test func malformedStoredHashIsAMismatchNotACrash() {
        for stored in ["", "!", "$argon2id$", "$argon2id$v=19$m=1024,t=1,p=1$AAAA$BBBB", "plain text"] {
            #expect(!argon2.verify("correct horse battery", against: stored))
        }
    }

    @Test func needsRehashWhenTheCostChanged() throws {
        let hash = try argon2.hash("correct horse battery")
        #expect(!argon2.needsRehash(hash))
        let stronger = Argon2id(cost: .init(memoryKiB: 2048, iterations: 1, parallelism: 1))
        #expect(stronger.needsRehash(hash))
        #expect(stronger.verify("correct horse battery", against: hash))
    }

    @Test func defaultCostIsAtLeastOWASPMinimum() async throws {
        let config = ServerConfig()
        #expect(config.argon2MemoryKiB >= 19 * 1024 && config.argon2Iterations >= 2 && config.argon2Parallelism >= 1)
        let hasher = PasswordHasher(config: config)
        let hash = try await hasher.hash("correct horse battery")
        #expect(hash.hasPrefix("$argon2id$v=19$m=19456,t=2,p=1$"))
        #expect(try await hasher.verify("correct horse battery", against: hash))
        #expect(try await !hasher.verify("wrong horse battery", against: hash))
    }

    @Test func manyConcurrentHashesQueueAndAllComplete() async throws {
        // More callers than permits (2 by default): the rest wait their turn, none is lost.
        var config = ServerConfig()
        config.argon2MemoryKiB = 1024
        config.argon2Iterations = 1
        let hasher = PasswordHasher(config: config)
        let hashes = try await withThrowingTaskGroup(of: String.self) { group in
            for i in 0..<8 { group.addTask { try await hasher.hash("password number \(i)") } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(hashes).count == 8)
    }

    @Test func semaphoreBoundsConcurrencyAndTheWaitLine() async throws {
        let gate = AsyncSemaphore(permits: 2, maxWaiting: 3)
        let counters = ConcurrencyCounter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<5 {
                group.addTask {
                    try await gate.acquire()
                    await counters.enter()
                    await Task.yield()
                    await counters.leave()
                    await gate.release()
                }
            }
            try await group.waitForAll()
        }
        #expect((1...2).contains(await counters.peak))

        // Two permits held and three waiting: the sixth caller is turned away at once.
        let full = AsyncSemaphore(permits: 2, maxWaiting: 3)
        try await full.acquire()
        try await full.acquire()
        let waiters = (0..<3).map { _ in Task { try await full.acquire() } }
        while await full.waiting < 3 { await Task.yield() }
        await #expect(throws: AsyncSemaphore.Full.self) { try await full.acquire() }
        for _ in 0..<5 { await full.release() }
        for waiter in waiters { try await waiter.value }
    }
}

/// Counts how many tasks are inside a section at once, and the most there ever were.
private actor ConcurrencyCounter {
    private(set) var peak = 0
    private var running = 0

    func enter() {
        running += 1
        peak = max(peak, running)
    }

    func leave() { running -= 1 }
}
