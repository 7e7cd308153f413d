import CArgon2
import Foundation

/// Argon2id through libargon2. The result is the PHC string (`$argon2id$v=19$m=...,t=...,p=...$salt$hash`),
/// which carries its own salt and cost, so hashes made under an older cost still verify.
/// Synchronous and CPU-heavy by design: `PasswordHasher` decides where and how many run.
struct Argon2id: Sendable {
    struct Cost: Sendable, Equatable {
        var memoryKiB: Int
        var iterations: Int
        var parallelism: Int
    }

    struct Failure: Error, CustomStringConvertible {
        let code: Int32
        var description: String { "argon2 failed with code \(code)" }
    }

    static let saltLength = 16
    static let hashLength = 32

    let cost: Cost

    /// Passwords are compared as Unicode text, not as bytes: NFC makes "é" typed as one code point or
    /// as "e" + accent the same password, whichever the client's keyboard sent.
    static func normalized(_ password: String) -> [UInt8] {
        Array(password.precomposedStringWithCanonicalMapping.utf8)
    }

    func hash(_ password: String) throws -> String {
        let secret = Self.normalized(password)
        let salt = OpaqueToken.randomBytes(Self.saltLength)
        let t = UInt32(cost.iterations)
        let m = UInt32(cost.memoryKiB)
        let p = UInt32(cost.parallelism)
        let length = argon2_encodedlen(t, m, p, UInt32(salt.count), UInt32(Self.hashLength), Argon2_id)
        var encoded = [CChar](repeating: 0, count: length)
        let status = argon2id_hash_encoded(
            t, m, p, secret, secret.count, salt, salt.count, Self.hashLength, &encoded, encoded.count)
        guard status == ARGON2_OK.rawValue else { throw Failure(code: status) }
        return String(decoding: encoded.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// True only for an exact match; a malformed stored hash is a mismatch, never a crash.
    func verify(_ password: String, against encoded: String) -> Bool {
        let secret = Self.normalized(password)
        return argon2id_verify(encoded, secret, secret.count) == ARGON2_OK.rawValue
    }

    /// True when `encoded` was made with a different cost than the configured one, so a successful
    /// login can upgrade it.
    func needsRehash(_ encoded: String) -> Bool {
        !encoded.hasPrefix("$argon2id$v=19$m=\(cost.memoryKiB),t=\(cost.iterations),p=\(cost.parallelism)$")
    }
}
