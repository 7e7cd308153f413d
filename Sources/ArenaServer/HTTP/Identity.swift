/// Who is calling, as proven by a valid access token.
public struct Identity: Sendable, Equatable {
    public enum Role: String, Sendable, Codable, CaseIterable {
        case player, moderator, admin
    }

    public var userID: String
    public var username: String
    public var role: Role
    /// The login session (refresh-token family) the access token belongs to.
    public var sessionID: String

    public init(userID: String, username: String, role: Role, sessionID: String) {
        self.userID = userID
        self.username = username
        self.role = role
        self.sessionID = sessionID
    }
}
