import ArenaCrypto
import Foundation

/// Compact JSON Web Tokens signed with HMAC-SHA-256 (RFC 7519, `alg` HS256): the only kind this
/// server issues or accepts. Any other header (`none`, RS256, `crit`) is refused before the
/// signature is even computed, so an attacker cannot choose the algorithm.
struct HS256JWT: Sendable {
    private let key: [UInt8]
    /// `{"alg":"HS256","typ":"JWT"}`, the header of every token, encoded once.
    private static let encodedHeader = Base64URL.encode(Data(#"{"alg":"HS256","typ":"JWT"}"#.utf8))

    init(secret: String) {
        key = Array(secret.utf8)
    }

    func sign(_ claims: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let signingInput = Self.encodedHeader + "." + Base64URL.encode(try encoder.encode(claims))
        return signingInput + "." + Base64URL.encode(Data(Hashing.hmacSHA256(key: key, data: signingInput.utf8)))
    }

    /// The claims of a token this key signed, or nil for anything else.
    func verify<Claims: Decodable>(_ token: String, as type: Claims.Type) -> Claims? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
            let headerBytes = Base64URL.decode(parts[0]),
            let header = try? JSONDecoder().decode(Header.self, from: headerBytes),
            header.alg == "HS256", header.crit == nil,
            let signature = Base64URL.decode(parts[2])
        else { return nil }
        let expected = Hashing.hmacSHA256(
            key: key, data: token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
        guard Hashing.constantTimeEqual(expected, Array(signature)),
            let payload = Base64URL.decode(parts[1])
        else { return nil }
        return try? JSONDecoder().decode(Claims.self, from: payload)
    }

    private struct Header: Decodable {
        var alg: String
        var crit: [String]?
    }
}
