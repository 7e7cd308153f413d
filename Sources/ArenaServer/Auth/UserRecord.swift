import ArenaKit
import GRDB

/// A row of `user_profiles`. The Accounts service owns the table; other services read users through
/// `UserStore` and receive `UserDTO`s.
public struct UserRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "user_profiles"

    public var id: String
    public var username: String
    public var email: String
    public var passwordHash: String
    public var fullName: String?
    public var avatarURL: String?
    public var role: String
    public var eloRating: Int
    public var gamesPlayed: Int
    public var gamesWon: Int
    public var gamesLost: Int
    public var gamesDrawn: Int
    public var ratingUpdatedAt: String?
    public var lastActive: String?
    public var createdAt: String
    public var updatedAt: String

    enum CodingKeys: String, CodingKey {
        case id, username, email, role
        case passwordHash = "password_hash"
        case fullName = "full_name"
        case avatarURL = "avatar_url"
        case eloRating = "elo_rating"
        case gamesPlayed = "games_played"
        case gamesWon = "games_won"
        case gamesLost = "games_lost"
        case gamesDrawn = "games_drawn"
        case ratingUpdatedAt = "rating_updated_at"
        case lastActive = "last_active"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    /// The public user object; `includeEmail` only for the owner's own profile.
    public func dto(includeEmail: Bool = false) -> UserDTO {
        UserDTO(
            id: id, username: username, fullName: fullName, avatarURL: avatarURL, role: role,
            eloRating: eloRating, gamesPlayed: gamesPlayed, gamesWon: gamesWon, gamesLost: gamesLost,
            gamesDrawn: gamesDrawn, lastActive: lastActive, createdAt: createdAt,
            email: includeEmail ? email : nil,
            provisional: EloRating.isProvisional(gamesPlayed: gamesPlayed))
    }
}
