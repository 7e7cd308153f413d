import Foundation

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
    /// When the access token expires; a long-lived gateway connection checks it on every move and chat.
    public var expiresAt: Date?

    public init(userID: String, username: String, role: Role, sessionID: String, expiresAt: Date? = nil) {
        self.userID = userID
        self.username = username
        self.role = role
        self.sessionID = sessionID
        self.expiresAt = expiresAt
    }
}
