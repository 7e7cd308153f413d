/// The public user object of the contract; `email` is present only on the owner's own profile.
public struct UserDTO: Codable, Sendable, Equatable {
    public var id: String
    public var username: String
    public var fullName: String?
    public var avatarURL: String?
    public var role: String
    public var eloRating: Int
    public var gamesPlayed: Int
    public var gamesWon: Int
    public var gamesLost: Int
    public var gamesDrawn: Int
    public var lastActive: String?
    public var createdAt: String
    public var email: String?
    /// Added to the contract: true while the rating rests on fewer than 30 rated games.
    public var provisional: Bool?

    public init(
        id: String, username: String, fullName: String? = nil, avatarURL: String? = nil, role: String = "player",
        eloRating: Int = EloRating.initial, gamesPlayed: Int = 0, gamesWon: Int = 0, gamesLost: Int = 0,
        gamesDrawn: Int = 0, lastActive: String? = nil, createdAt: String, email: String? = nil,
        provisional: Bool? = nil
    ) {
        self.id = id
        self.username = username
        self.fullName = fullName
        self.avatarURL = avatarURL
        self.role = role
        self.eloRating = eloRating
        self.gamesPlayed = gamesPlayed
        self.gamesWon = gamesWon
        self.gamesLost = gamesLost
        self.gamesDrawn = gamesDrawn
        self.lastActive = lastActive
        self.createdAt = createdAt
        self.email = email
        self.provisional = provisional
    }

    enum CodingKeys: String, CodingKey {
        case id, username, role, email, provisional
        case fullName = "full_name"
        case avatarURL = "avatar_url"
        case eloRating = "elo_rating"
        case gamesPlayed = "games_played"
        case gamesWon = "games_won"
        case gamesLost = "games_lost"
        case gamesDrawn = "games_drawn"
        case lastActive = "last_active"
        case createdAt = "created_at"
    }

    // The contract lists these keys always present, null when unset: encode nil as null.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(username, forKey: .username)
        try c.encode(fullName, forKey: .fullName)
        try c.encode(avatarURL, forKey: .avatarURL)
        try c.encode(role, forKey: .role)
        try c.encode(eloRating, forKey: .eloRating)
        try c.encode(gamesPlayed, forKey: .gamesPlayed)
        try c.encode(gamesWon, forKey: .gamesWon)
        try c.encode(gamesLost, forKey: .gamesLost)
        try c.encode(gamesDrawn, forKey: .gamesDrawn)
        try c.encode(lastActive, forKey: .lastActive)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encodeIfPresent(email, forKey: .email)
        try c.encodeIfPresent(provisional, forKey: .provisional)
    }
}
