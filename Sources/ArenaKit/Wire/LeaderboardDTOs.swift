public struct LeaderboardEntryDTO: Codable, Sendable, Equatable {
    public var rank: Int
    public var userID: String
    public var username: String
    public var eloRating: Int
    public var gamesPlayed: Int
    public var gamesWon: Int
    public var gamesLost: Int
    public var gamesDrawn: Int

    public init(
        rank: Int, userID: String, username: String, eloRating: Int, gamesPlayed: Int, gamesWon: Int,
        gamesLost: Int, gamesDrawn: Int
    ) {
        self.rank = rank
        self.userID = userID
        self.username = username
        self.eloRating = eloRating
        self.gamesPlayed = gamesPlayed
        self.gamesWon = gamesWon
        self.gamesLost = gamesLost
        self.gamesDrawn = gamesDrawn
    }

    enum CodingKeys: String, CodingKey {
        case rank, username
        case userID = "user_id"
        case eloRating = "elo_rating"
        case gamesPlayed = "games_played"
        case gamesWon = "games_won"
        case gamesLost = "games_lost"
        case gamesDrawn = "games_drawn"
    }
}

public struct LeaderboardPageDTO: Codable, Sendable, Equatable {
    public var entries: [LeaderboardEntryDTO]
    public var total: Int
    public init(entries: [LeaderboardEntryDTO], total: Int) {
        self.entries = entries
        self.total = total
    }
}

/// One finished game as seen from one player, for stats and rating history.
public struct RecentResultDTO: Codable, Sendable, Equatable {
    public var gameID: String
    public var opponentID: String?
    public var opponentUsername: String?
    /// "win", "loss" or "draw".
    public var result: String
    public var eloBefore: Int
    public var eloAfter: Int
    public var eloChange: Int
    public var endedAt: String

    public init(
        gameID: String, opponentID: String?, opponentUsername: String?, result: String, eloBefore: Int,
        eloAfter: Int, eloChange: Int, endedAt: String
    ) {
        self.gameID = gameID
        self.opponentID = opponentID
        self.opponentUsername = opponentUsername
        self.result = result
        self.eloBefore = eloBefore
        self.eloAfter = eloAfter
        self.eloChange = eloChange
        self.endedAt = endedAt
    }

    enum CodingKeys: String, CodingKey {
        case result
        case gameID = "game_id"
        case opponentID = "opponent_id"
        case opponentUsername = "opponent_username"
        case eloBefore = "elo_before"
        case eloAfter = "elo_after"
        case eloChange = "elo_change"
        case endedAt = "ended_at"
    }
}

/// `GET /leaderboard/stats/{userId}`: the public user plus results and derived figures.
public struct PlayerStatsDTO: Codable, Sendable, Equatable {
    public var user: UserDTO
    public var recentResults: [RecentResultDTO]
    public var winRate: Double
    public var bestStreak: Int
    public var rank: Int?

    public init(user: UserDTO, recentResults: [RecentResultDTO], winRate: Double, bestStreak: Int, rank: Int?) {
        self.user = user
        self.recentResults = recentResults
        self.winRate = winRate
        self.bestStreak = bestStreak
        self.rank = rank
    }

    enum CodingKeys: String, CodingKey {
        case recentResults = "recent_results"
        case winRate = "win_rate"
        case bestStreak = "best_streak"
        case rank
    }

    // Flattened: the user's keys sit at the top level beside the added ones, as the contract says.
    public init(from decoder: any Decoder) throws {
        user = try UserDTO(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        recentResults = try c.decode([RecentResultDTO].self, forKey: .recentResults)
        winRate = try c.decodeIfPresent(Double.self, forKey: .winRate) ?? 0
        bestStreak = try c.decodeIfPresent(Int.self, forKey: .bestStreak) ?? 0
        rank = try c.decodeIfPresent(Int.self, forKey: .rank)
    }

    public func encode(to encoder: any Encoder) throws {
        try user.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(recentResults, forKey: .recentResults)
        try c.encode(winRate, forKey: .winRate)
        try c.encode(bestStreak, forKey: .bestStreak)
        try c.encode(rank, forKey: .rank)
    }
}
