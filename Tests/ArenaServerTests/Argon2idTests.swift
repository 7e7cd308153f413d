import CArgon2
import Foundation
import Testing

@testable import ArenaServer

/// The hash runs through `argon2_ctx` with `Argon2Memory`'s allocator and its own PHC strings, so
/// it is held to libargon2's encoded-string functions both ways, and its memory is checked to go
/// back to the system.
@Suite struct Argon2idTests {
    let argon2 = Argon2id(cost: .init(memoryKiB: 1024, iterations: 2, parallelism: 1))

    /// libargon2's own encoded hash of `password`.
    func libraryHash(_ password: String, cost: Argon2id.Cost) throws -> String {
        let secret = Argon2id.normalized(password)
        let salt = OpaqueToken.randomBytes(16)
        let length = argon2_encodedlen(
            UInt32(cost.iterations), UInt32(cost.memoryKiB), UInt32(cost.parallelism), 16, 32, Argon2_id)
        var encoded = [CChar](repeating: 0, count: length)
        let status = argon2id_hash_encoded(
            UInt32(cost.iterations), UInt32(cost.memoryKiB), UInt32(cost.parallelism), secret, secret.count, salt,
            salt.count, 32, &encoded, encoded.count)
        #expect(status == ARGON2_OK.rawValue)
        return String(decoding: encoded.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    @Test func ourHashesVerifyWithLibargon2AndLibargon2sWithOurs() throws {
        for password in ["correct horse battery", "", "pässwörd ✓", String(repeating: "x", count: 300)] {
            let ours = try argon2.hash(password)
            let secret = Argon2id.normalized(password)
            #expect(argon2id_verify(ours, secret, secret.count) == ARGON2_OK.rawValue)
            #expect(argon2.verify(password, against: ours))
            #expect(!argon2.verify(password + "!", against: ours))

            for cost in [argon2.cost, Argon2id.Cost(memoryKiB: 512, iterations: 1, parallelism: 2)] {
                let theirs = try libraryHash(password, cost: cost)
                #expect(PHCString(theirs)?.encoded == theirs)
                #expect(argon2.verify(password, against: theirs))
                #expect(!argon2.verify("not " + password, against: theirs))
            }
        }
    }

    @Test func malformedStoredHashesAreMismatches() throws {
        let good = try argon2.hash("pw")
        let bad = [
            "", "$argon2id$", "$argon2i" + good.dropFirst(9), good.replacingOccurrences(of: "v=19", with: "v=16"),
            good.replacingOccurrences(of: "m=1024", with: "m=0"), good.replacingOccurrences(of: "m=1024", with: "m=x"),
            good.replacingOccurrences(of: ",p=1", with: ""), good.replacingOccurrences(of: ",p=1", with: ",p=1,q=2"),
            good + "$extra", String(good.dropLast(2)) + "!!",
            good.replacingOccurrences(of: "m=1024", with: "m=99999999999"),
        ]
        for text in bad {
            #expect(!argon2.verify("pw", against: text), "\(text)")
        }
    }

    @Test func aHashThreadReusesOneBlockUntilItReleasesItAndOtherThreadsKeepNone() async throws {
        let hasher = argon2
        let kept = try await onThread { () -> [UInt?] in
            _ = try hasher.hash("pw")
            let notKeeping = Argon2Memory.keptByThisThread.map { UInt(bitPattern: $0.address) }
            Argon2Memory.keepBlocksOnThisThread()
            _ = try hasher.hash("pw")
            let first = Argon2Memory.keptByThisThread
            _ = try hasher.hash("pw")
            let second = Argon2Memory.keptByThisThread
            Argon2Memory.releaseThisThreadsBlock()
            let released = Argon2Memory.keptByThisThread
            Argon2Memory.stopKeepingBlocksOnThisThread()
            #expect(first?.size == 1024 * 1024)
            return [
                notKeeping, first.map { UInt(bitPattern: $0.address) }, second.map { UInt(bitPattern: $0.address) },
                released.map { UInt(bitPattern: $0.address) },
            ]
        }
        #expect(kept[0] == nil)
        #expect(kept[1] != nil && kept[1] == kept[2])  // the same mapping served both hashes
        #expect(kept[3] == nil)
    }

    /// Runs `body` on a thread of its own (thread identity is what `Argon2Memory` keeps by).
    func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
        }
    }
}
