public struct CreateGameRequest: Codable, Sendable {
    /// Username of the invited opponent; nil for an open game.
    public var opponent: String?
    /// "easy" or "hard" for a game against the server's bot.
    public var bot: String?

    public init(opponent: String? = nil, bot: String? = nil) {
        self.opponent = opponent
        self.bot = bot
    }
}

public struct MoveRequest: Codable, Sendable {
    public var position: Int
    public init(position: Int) { self.position = position }
}

public struct GameList: Codable, Sendable {
    public var games: [GameDTO]
    public init(games: [GameDTO]) { self.games = games }
}

public struct MoveDTO: Codable, Sendable, Equatable {
    public var number: Int
    public var playerID: String
    public var position: Int
    public var mark: String
    public var createdAt: String

    public init(number: Int, playerID: String, position: Int, mark: String, createdAt: String) {
        self.number = number
        self.playerID = playerID
        self.position = position
        self.mark = mark
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case number, position, mark
        case playerID = "player_id"
        case createdAt = "created_at"
    }
}

public struct MoveHistory: Codable, Sendable {
    public var moves: [MoveDTO]
    public init(moves: [MoveDTO]) { self.moves = moves }
}
