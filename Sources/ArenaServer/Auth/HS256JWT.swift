import ArenaCrypto
import Foundation

/// Compact JSON Web Tokens signed with HMAC-SHA-256 (RFC 7519, `alg` HS256): the only kind this
/// server issues or accepts. Any other header (`none`, RS256, `crit`) is refused before the
/// signature is even computed, so an attacker cannot choose the algorithm.
struct HS256JWT: Sendable {
    private let key: [UInt8]
    /// `{"alg":"HS256","typ":"JWT"}`, the header of every token, encoded once.
    private static let encodedHeader = base64URL(Data(#"{"alg":"HS256","typ":"JWT"}"#.utf8))

    init(secret: String) {
        key = Array(secret.utf8)
    }

    func sign(_ claims: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let signingInput = Self.encodedHeader + "." + Self.base64URL(try encoder.encode(claims))
        return signingInput + "." + Self.base64URL(Data(Hashing.hmacSHA256(key: key, data: signingInput.utf8)))
    }

    /// The claims of a token this key signed, or nil for anything else.
    func verify<Claims: Decodable>(_ token: String, as type: Claims.Type) -> Claims? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
            let headerBytes = Self.decodeBase64URL(parts[0]),
            let header = try? JSONDecoder().decode(Header.self, from: headerBytes),
            header.alg == "HS256", header.crit == nil,
            let signature = Self.decodeBase64URL(parts[2])
        else { return nil }
        let expected = Hashing.hmacSHA256(
            key: key, data: token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
        guard Hashing.constantTimeEqual(expected, Array(signature)),
            let payload = Self.decodeBase64URL(parts[1])
        else { return nil }
        return try? JSONDecoder().decode(Claims.self, from: payload)
    }

    private struct Header: Decodable {
        var alg: String
        var crit: [String]?
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Unpadded base64url only: a `+`, `/`, `=` or any other stray byte makes it not one of ours.
    static func decodeBase64URL(_ text: Substring) -> Data? {
        guard
            text.utf8.allSatisfy({ byte in
                (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                    || byte == 0x2D || byte == 0x5F
            }), text.utf8.count % 4 != 1
        else { return nil }
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        standard += String(repeating: "=", count: (4 - standard.utf8.count % 4) % 4)
        return Data(base64Encoded: standard)
    }
}
