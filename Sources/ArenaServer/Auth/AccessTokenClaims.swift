/// The claims of an access token. `sid` names the login session (refresh-token family), so a logout
/// can end the access tokens of that session alone. Times are JWT NumericDates (Unix seconds).
struct AccessTokenClaims: Codable, Sendable {
    var sub: String
    var username: String
    var role: String
    var sid: String
    var exp: Double
    var iat: Double
}
