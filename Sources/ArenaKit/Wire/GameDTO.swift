/// The game object of the contract, plus added fields a client needs to draw a game without more calls.
public struct GameDTO: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case waiting, active, completed, abandoned
    }

    public var id: String
    public var player1ID: String?
    public var player2ID: String?
    public var currentPlayerID: String?
    public var winnerID: String?
    public var board: [String]
    public var status: Status
    public var movesCount: Int
    public var startedAt: String?
    public var endedAt: String?
    public var createdAt: String
    public var updatedAt: String
    // Added to the contract.
    public var player1Username: String?
    public var player2Username: String?
    /// The invited opponent's id for an invite; nil for an open game.
    public var invitedID: String?
    /// "easy" or "hard" for a game against the server's bot; nil otherwise.
    public var bot: String?
    public var rated: Bool
    /// Grows by one with every change; a client drops updates older than what it has.
    public var version: Int
    /// How a finished game ended: "win", "draw", "resign" or "abandon".
    public var endReason: String?
    /// The winning line's positions, for highlighting.
    public var winningLine: [Int]?
    /// When an absent player's grace period ends (RFC 3339); nil while both are connected.
    public var disconnectDeadline: String?
    /// Both players' current ratings, and how a finished rated game moved them.
    public var player1Rating: Int?
    public var player2Rating: Int?
    public var player1RatingChange: Int?
    public var player2RatingChange: Int?

    public init(
        id: String, player1ID: String?, player2ID: String?, currentPlayerID: String?, winnerID: String?,
        board: [String], status: Status, movesCount: Int, startedAt: String?, endedAt: String?, createdAt: String,
        updatedAt: String, player1Username: String? = nil, player2Username: String? = nil, invitedID: String? = nil,
        bot: String? = nil, rated: Bool = true, version: Int = 0, endReason: String? = nil,
        winningLine: [Int]? = nil, disconnectDeadline: String? = nil, player1Rating: Int? = nil,
        player2Rating: Int? = nil, player1RatingChange: Int? = nil, player2RatingChange: Int? = nil
    ) {
        self.player1Rating = player1Rating
        self.player2Rating = player2Rating
        self.player1RatingChange = player1RatingChange
        self.player2RatingChange = player2RatingChange
        self.id = id
        self.player1ID = player1ID
        self.player2ID = player2ID
        self.currentPlayerID = currentPlayerID
        self.winnerID = winnerID
        self.board = board
        self.status = status
        self.movesCount = movesCount
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.player1Username = player1Username
        self.player2Username = player2Username
        self.invitedID = invitedID
        self.bot = bot
        self.rated = rated
        self.version = version
        self.endReason = endReason
        self.winningLine = winningLine
        self.disconnectDeadline = disconnectDeadline
    }

    enum CodingKeys: String, CodingKey {
        case id, board, status, bot, rated, version
        case player1ID = "player1_id"
        case player2ID = "player2_id"
        case currentPlayerID = "current_player_id"
        case winnerID = "winner_id"
        case movesCount = "moves_count"
        case startedAt = "started_at"
        case endedAt = "ended_at"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case player1Username = "player1_username"
        case player2Username = "player2_username"
        case invitedID = "invited_id"
        case endReason = "end_reason"
        case winningLine = "winning_line"
        case disconnectDeadline = "disconnect_deadline"
        case player1Rating = "player1_rating"
        case player2Rating = "player2_rating"
        case player1RatingChange = "player1_rating_change"
        case player2RatingChange = "player2_rating_change"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(player1ID, forKey: .player1ID)
        try c.encode(player2ID, forKey: .player2ID)
        try c.encode(currentPlayerID, forKey: .currentPlayerID)
        try c.encode(winnerID, forKey: .winnerID)
        try c.encode(board, forKey: .board)
        try c.encode(status, forKey: .status)
        try c.encode(movesCount, forKey: .movesCount)
        try c.encode(startedAt, forKey: .startedAt)
        try c.encode(endedAt, forKey: .endedAt)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
        try c.encode(player1Username, forKey: .player1Username)
        try c.encode(player2Username, forKey: .player2Username)
        try c.encode(invitedID, forKey: .invitedID)
        try c.encode(bot, forKey: .bot)
        try c.encode(rated, forKey: .rated)
        try c.encode(version, forKey: .version)
        try c.encode(endReason, forKey: .endReason)
        try c.encode(winningLine, forKey: .winningLine)
        try c.encode(disconnectDeadline, forKey: .disconnectDeadline)
        try c.encode(player1Rating, forKey: .player1Rating)
        try c.encode(player2Rating, forKey: .player2Rating)
        try c.encode(player1RatingChange, forKey: .player1RatingChange)
        try c.encode(player2RatingChange, forKey: .player2RatingChange)
    }

    /// The rating change of a player in a finished rated game.
    public func ratingChange(of userID: String) -> Int? {
        if userID == player1ID { return player1RatingChange }
        if userID == player2ID { return player2RatingChange }
        return nil
    }

    public func rating(of userID: String?) -> Int? {
        guard let userID else { return nil }
        if userID == player1ID { return player1Rating }
        if userID == player2ID { return player2Rating }
        return nil
    }

    /// The mark a user plays in this game, or nil for a spectator.
    public func mark(of userID: String) -> Mark? {
        if userID == player1ID { return .x }
        if userID == player2ID { return .o }
        return nil
    }

    public func username(of userID: String?) -> String? {
        guard let userID else { return nil }
        if userID == player1ID { return player1Username }
        if userID == player2ID { return player2Username }
        return nil
    }
}
