import ArenaCrypto
import Foundation
import Testing

@testable import ArenaServer

/// The access tokens' signature layer: known answers from independent implementations, and every
/// way a forged or mangled token must be refused.
@Suite struct HS256JWTTests {
    let jwt = HS256JWT(secret: String(repeating: "s", count: 32))

    /// Signed by Python's `hmac` with the same secret, keys in another order and `typ` first.
    static let foreignToken =
        "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJpYXQiOjE4MDAwMDAwMDAsImV4cCI6MTgwMDAwMDkwMCwic3ViIjoidTEiLCJ1c2VybmFtZSI6ImFkYSIsInJvbGUiOiJwbGF5ZXIiLCJzaWQiOiJzMSJ9.c_9ivNEXQS7WMkyedlbG545U_1wH3hYFsKoIE1cdhL4"

    static let claims = AccessTokenClaims(
        sub: "u1", username: "ada", role: "player", sid: "s1", exp: 1_800_000_900, iat: 1_800_000_000)

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test func libcryptoGivesTheStandardsKnownAnswers() {
        // FIPS 180-2 "abc"; RFC 4231 test case 2.
        #expect(
            Self.hex(Hashing.sha256("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            Self.hex(Hashing.hmacSHA256(key: "Jefe".utf8, data: "what do ya want for nothing?".utf8))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(Hashing.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!Hashing.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!Hashing.constantTimeEqual([1, 2], [1, 2, 3]))
    }

    @Test func aTokenSignedElsewhereVerifies() throws {
        let claims = try #require(jwt.verify(Self.foreignToken, as: AccessTokenClaims.self))
        #expect(claims.sub == "u1" && claims.username == "ada" && claims.sid == "s1" && claims.exp == 1_800_000_900)
    }

    @Test func aSignedTokenRoundTripsAndOnlyUnderItsKey() throws {
        let token = try jwt.sign(Self.claims)
        #expect(token.split(separator: ".").count == 3)
        #expect(jwt.verify(token, as: AccessTokenClaims.self)?.sub == "u1")
        let other = HS256JWT(secret: String(repeating: "t", count: 32))
        #expect(other.verify(token, as: AccessTokenClaims.self) == nil)
    }

    @Test func aChangedPayloadOrHeaderIsRefused() throws {
        let parts = try jwt.sign(Self.claims).split(separator: ".").map(String.init)
        var forged = Self.claims
        forged.role = "admin"
        let forgedPayload = Base64URL.encode(try JSONEncoder().encode(forged))
        #expect(
            jwt.verify([parts[0], forgedPayload, parts[2]].joined(separator: "."), as: AccessTokenClaims.self) == nil)

        let unsigned = Base64URL.encode(Data(#"{"alg":"none","typ":"JWT"}"#.utf8))
        #expect(jwt.verify([unsigned, parts[1], ""].joined(separator: "."), as: AccessTokenClaims.self) == nil)
        #expect(jwt.verify([unsigned, parts[1], parts[2]].joined(separator: "."), as: AccessTokenClaims.self) == nil)
    }

    /// A header naming another algorithm, or a critical extension, is refused even when the MAC over
    /// it is right: the key only ever signs HS256 with the header this server writes.
    @Test func otherAlgorithmsAndCriticalHeadersAreRefusedEvenWhenSigned() throws {
        let key = Array(String(repeating: "s", count: 32).utf8)
        let payload = Base64URL.encode(try JSONEncoder().encode(Self.claims))
        for header in [#"{"alg":"HS512","typ":"JWT"}"#, #"{"alg":"HS256","crit":["exp"]}"#, #"{"typ":"JWT"}"#] {
            let input = Base64URL.encode(Data(header.utf8)) + "." + payload
            let mac = Base64URL.encode(Data(Hashing.hmacSHA256(key: key, data: input.utf8)))
            #expect(jwt.verify(input + "." + mac, as: AccessTokenClaims.self) == nil, "\(header)")
        }
    }

    @Test func malformedTokensAreRefusedWithoutACrash() throws {
        let token = try jwt.sign(Self.claims)
        let parts = token.split(separator: ".").map(String.init)
        let cases = [
            "", ".", "..", "a.b", "a.b.c.d", token + ".", token + "=", token + "A",
            parts[0] + "=." + parts[1] + "." + parts[2],
            parts[0] + "." + parts[1] + "+." + parts[2],
            parts[0] + "." + parts[1] + "." + parts[2].dropLast(),
            "\u{0}." + parts[1] + "." + parts[2],
            Base64URL.encode(Data("not json".utf8)) + "." + parts[1] + "." + parts[2],
        ]
        for text in cases {
            #expect(jwt.verify(text, as: AccessTokenClaims.self) == nil, "\(text)")
        }
    }

    /// Claims that are not ours (a string `exp`, a missing `sid`) are refused, signature or not.
    @Test func aRightlySignedTokenWithForeignClaimsIsRefused() throws {
        struct Foreign: Encodable {
            var sub = "u1"
            var exp = "tomorrow"
        }
        #expect(jwt.verify(try jwt.sign(Foreign()), as: AccessTokenClaims.self) == nil)
    }
}
