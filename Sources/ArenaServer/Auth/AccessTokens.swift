import Foundation
import JWTKit

/// Issues and proves short-lived access tokens: HS256 JWTs carrying the user, role and session.
/// Verification is signature, then revocation (in memory), then expiry; it never touches the database.
public struct AccessTokens: TokenVerifier {
    /// A JWT longer than this is not one of ours; refuse it before parsing.
    static let maxLength = 4096

    let keys: JWTKeyCollection
    let lifetimeSeconds: Int
    let clock: any NowProvider
    let revoked: RevokedSessions

    init(secret: String, lifetimeSeconds: Int, clock: any NowProvider, revoked: RevokedSessions) async {
        keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        self.lifetimeSeconds = lifetimeSeconds
        self.clock = clock
        self.revoked = revoked
    }

    func issue(userID: String, username: String, role: String, sessionID: String) async throws -> String {
        let now = clock.now()
        let claims = AccessTokenClaims(
            sub: SubjectClaim(value: userID), username: username, role: role, sid: sessionID,
            exp: ExpirationClaim(value: now.addingTimeInterval(TimeInterval(lifetimeSeconds))),
            iat: IssuedAtClaim(value: now))
        return try await keys.sign(claims)
    }

    public func verify(accessToken: String) async throws -> Identity {
        let invalid = APIError.unauthorized("invalid_token", "The access token is not valid.")
        guard !accessToken.isEmpty, accessToken.utf8.count <= Self.maxLength else { throw invalid }
        let claims: AccessTokenClaims
        do {
            claims = try await keys.verify(accessToken, as: AccessTokenClaims.self)
        } catch {
            throw invalid
        }
        guard let role = Identity.Role(rawValue: claims.role) else { throw invalid }
        if revoked.contains(claims.sid) {
            throw APIError.unauthorized("session_revoked", "This session has ended; sign in again.")
        }
        guard clock.now() < claims.exp.value else {
            throw APIError.unauthorized("token_expired", "The access token has expired; refresh it.")
        }
        return Identity(
            userID: claims.sub.value, username: claims.username, role: role, sessionID: claims.sid,
            expiresAt: claims.exp.value)
    }
}
