import CArgon2
import Foundation

/// Argon2id through libargon2. The result is the PHC string (`$argon2id$v=19$m=...,t=...,p=...$salt$hash`),
/// which carries its own salt and cost, so hashes made under an older cost still verify. The hash
/// runs through `argon2_ctx` rather than libargon2's encoded-string helpers, because only the
/// context lets the server say where the memory comes from (`Argon2Memory`); `PHCString` writes
/// and reads the string exactly as libargon2 does.
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
        let salt = OpaqueToken.randomBytes(Self.saltLength)
        var status = ARGON2_OK.rawValue
        guard
            let digest = Self.derive(
                Self.normalized(password), salt: salt, cost: cost, length: Self.hashLength, status: &status)
        else { throw Failure(code: status) }
        return PHCString(cost: cost, salt: salt, digest: digest).encoded
    }

    /// True only for an exact match; a malformed stored hash is a mismatch, never a crash.
    func verify(_ password: String, against encoded: String) -> Bool {
        guard let stored = PHCString(encoded) else { return false }
        var status = ARGON2_OK.rawValue
        guard
            let digest = Self.derive(
                Self.normalized(password), salt: stored.salt, cost: stored.cost, length: stored.digest.count,
                status: &status)
        else { return false }
        // Constant time: how much of the digest matched must not show in how long the answer took.
        return zip(digest, stored.digest).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// Runs Argon2id through `argon2_ctx`, whose callbacks let `Argon2Memory` provide the memory.
    private static func derive(_ secret: [UInt8], salt: [UInt8], cost: Cost, length: Int, status: inout Int32)
        -> [UInt8]?
    {
        var digest = [UInt8](repeating: 0, count: length)
        var secret = secret
        var salt = salt
        status = digest.withUnsafeMutableBufferPointer { out in
            secret.withUnsafeMutableBufferPointer { pwd in
                salt.withUnsafeMutableBufferPointer { salt in
                    var context = argon2_context(
                        out: out.baseAddress, outlen: UInt32(out.count), pwd: pwd.baseAddress,
                        pwdlen: UInt32(pwd.count), salt: salt.baseAddress, saltlen: UInt32(salt.count), secret: nil,
                        secretlen: 0, ad: nil, adlen: 0, t_cost: UInt32(cost.iterations),
                        m_cost: UInt32(cost.memoryKiB), lanes: UInt32(cost.parallelism),
                        threads: UInt32(cost.parallelism), version: UInt32(ARGON2_VERSION_13.rawValue),
                        allocate_cbk: Argon2Memory.allocate, free_cbk: Argon2Memory.free, flags: 0)
                    return argon2_ctx(&context, Argon2_id)
                }
            }
        }
        return status == ARGON2_OK.rawValue ? digest : nil
    }

    /// True when `encoded` was made with a different cost than the configured one, so a successful
    /// login can upgrade it.
    func needsRehash(_ encoded: String) -> Bool {
        !encoded.hasPrefix("$argon2id$v=19$m=\(cost.memoryKiB),t=\(cost.iterations),p=\(cost.parallelism)$")
    }
}
