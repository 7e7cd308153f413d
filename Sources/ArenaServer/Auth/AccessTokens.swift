import Foundation

/// Issues and proves short-lived access tokens: HS256 JWTs carrying the user, role and session.
/// Verification is signature, then revocation (in memory), then expiry; it never touches the database.
public struct AccessTokens: TokenVerifier {
    /// A JWT longer than this is not one of ours; refuse it before parsing.
    static let maxLength = 4096

    let jwt: HS256JWT
    let lifetimeSeconds: Int
    let clock: any NowProvider
    let revoked: RevokedSessions

    init(secret: String, lifetimeSeconds: Int, clock: any NowProvider, revoked: RevokedSessions) {
        jwt = HS256JWT(secret: secret)
        self.lifetimeSeconds = lifetimeSeconds
        self.clock = clock
        self.revoked = revoked
    }

    func issue(userID: String, username: String, role: String, sessionID: String) throws -> String {
        let now = clock.now()
        let issuedAt = now.timeIntervalSince1970.rounded(.down)
        let claims = AccessTokenClaims(
            sub: userID, username: username, role: role, sid: sessionID,
            exp: issuedAt + Double(lifetimeSeconds), iat: issuedAt)
        return try jwt.sign(claims)
    }

    public func verify(accessToken: String) async throws -> Identity {
        let invalid = APIError.unauthorized("invalid_token", "The access token is not valid.")
        guard !accessToken.isEmpty, accessToken.utf8.count <= Self.maxLength else { throw invalid }
        guard let claims = jwt.verify(accessToken, as: AccessTokenClaims.self), claims.exp.isFinite else {
            throw invalid
        }
        let expiresAt = Date(timeIntervalSince1970: claims.exp)
        guard let role = Identity.Role(rawValue: claims.role) else { throw invalid }
        if revoked.contains(claims.sid) {
            throw APIError.unauthorized("session_revoked", "This session has ended; sign in again.")
        }
        guard clock.now() < expiresAt else {
            throw APIError.unauthorized("token_expired", "The access token has expired; refresh it.")
        }
        return Identity(
            userID: claims.sub, username: claims.username, role: role, sessionID: claims.sid,
            expiresAt: expiresAt)
    }
}
