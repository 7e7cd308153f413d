import ArenaCrypto
import Foundation

/// Random bearer secrets (refresh tokens, reset tokens) and the form they are stored in. Only the
/// SHA-256 of a token reaches the database, so a copy of the database grants no session. A plain
/// hash suffices: the token has 256 bits of entropy, nothing to brute-force.
enum OpaqueToken {
    /// Tokens longer than this are refused before any lookup.
    static let maxLength = 256

    /// `count` bytes from the system's cryptographic generator.
    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// 32 random bytes, base64url without padding (43 characters).
    static func make() -> String {
        Base64URL.encode(Data(randomBytes(32)))
    }

    static func hash(_ token: String) -> String {
        hex(Hashing.sha256(token.utf8))
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
