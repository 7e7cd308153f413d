import CArenaCrypto

/// SHA-256 and HMAC-SHA-256 from the system's libcrypto: fingerprints, stored token hashes and
/// the access tokens' signatures.
public enum Hashing {
    public static let sha256Length = Int(ARENA_SHA256_LENGTH)

    public static func sha256(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        let input = Array(bytes)
        var digest = [UInt8](repeating: 0, count: sha256Length)
        let status = input.withUnsafeBufferPointer { data in
            arena_sha256(data.baseAddress, data.count, &digest)
        }
        // Fails only when libcrypto cannot allocate; nothing a caller could do about it.
        precondition(status == 0, "libcrypto SHA-256 failed")
        return digest
    }

    public static func hmacSHA256(key: some Sequence<UInt8>, data bytes: some Sequence<UInt8>) -> [UInt8] {
        let keyBytes = Array(key)
        let input = Array(bytes)
        var mac = [UInt8](repeating: 0, count: sha256Length)
        let status = keyBytes.withUnsafeBufferPointer { key in
            input.withUnsafeBufferPointer { data in
                arena_hmac_sha256(key.baseAddress, key.count, data.baseAddress, data.count, &mac)
            }
        }
        precondition(status == 0, "libcrypto HMAC-SHA-256 failed")
        return mac
    }

    /// Equal contents, compared in time that does not tell an attacker how much of a guess was right.
    public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return a.withUnsafeBufferPointer { left in
            b.withUnsafeBufferPointer { right in
                arena_constant_time_equal(left.baseAddress, right.baseAddress, left.count) == 1
            }
        }
    }
}
