import JWTKit

/// The claims of an access token. `sid` names the login session (refresh-token family), so a logout
/// can end the access tokens of that session alone.
struct AccessTokenClaims: JWTPayload {
    var sub: SubjectClaim
    var username: String
    var role: String
    var sid: String
    var exp: ExpirationClaim
    var iat: IssuedAtClaim

    /// Expiry is checked by `AccessTokens` against the server's injectable clock, not the wall clock
    /// jwt-kit would use; the signature is checked by jwt-kit before this is called.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
