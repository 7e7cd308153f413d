/// A sender's public identity inside events.
public struct PlayerRef: Codable, Sendable, Equatable {
    public var id: String
    public var username: String
    public init(id: String, username: String) {
        self.id = id
        self.username = username
    }
}

public struct ChatMessageDTO: Codable, Sendable, Equatable {
    public var gameID: String
    public var from: PlayerRef
    public var text: String
    public var createdAt: String

    public init(gameID: String, from: PlayerRef, text: String, createdAt: String) {
        self.gameID = gameID
        self.from = from
        self.text = text
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case from, text
        case gameID = "game_id"
        case createdAt = "created_at"
    }
}

public struct MatchFoundDTO: Codable, Sendable, Equatable {
    public var gameID: String
    public var opponent: UserDTO
    public var mark: Mark

    public init(gameID: String, opponent: UserDTO, mark: Mark) {
        self.gameID = gameID
        self.opponent = opponent
        self.mark = mark
    }

    enum CodingKeys: String, CodingKey {
        case opponent, mark
        case gameID = "game_id"
    }
}

public struct RematchDTO: Codable, Sendable, Equatable {
    public var gameID: String
    public var from: PlayerRef
    /// The new game when a rematch was accepted.
    public var newGameID: String?
    /// When an offer lapses unanswered (`rematch_offered` only).
    public var expiresAt: String?

    public init(gameID: String, from: PlayerRef, newGameID: String? = nil, expiresAt: String? = nil) {
        self.gameID = gameID
        self.from = from
        self.newGameID = newGameID
        self.expiresAt = expiresAt
    }

    enum CodingKeys: String, CodingKey {
        case from
        case gameID = "game_id"
        case newGameID = "new_game_id"
        case expiresAt = "expires_at"
    }
}

/// Sent to every connection before the server closes them for a restart or shutdown.
public struct ServerShutdownDTO: Codable, Sendable, Equatable {
    /// How long to wait before reconnecting: the server should be back by then.
    public var retryAfterMs: Int
    public var reason: String

    public init(retryAfterMs: Int, reason: String) {
        self.retryAfterMs = retryAfterMs
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case reason
        case retryAfterMs = "retry_after_ms"
    }
}

public struct GameUpdateDTO: Codable, Sendable, Equatable {
    public var game: GameDTO
    public init(game: GameDTO) { self.game = game }
}

/// Everything the server sends over the gateway.
public enum ServerMessage: Sendable, Equatable {
    case ack(id: String, game: GameDTO?)
    case error(id: String?, code: String, message: String)
    case gameUpdate(GameDTO)
    case chatMessage(ChatMessageDTO)
    case matchFound(MatchFoundDTO)
    case rematchOffered(RematchDTO)
    case rematchDeclined(RematchDTO)
    case rematchStarted(RematchDTO)
    /// Added: someone invited this player to a game (the waiting game).
    case gameInvite(GameDTO)
    /// Added: someone joined this player's open game (the game, now active), wherever they are.
    case gameJoined(GameDTO)
    /// Added: a rematch offer lapsed unanswered; to both players.
    case rematchExpired(RematchDTO)
    /// Added: the server is about to close every connection (restart or shutdown).
    case serverShutdown(ServerShutdownDTO)

    public var type: String {
        switch self {
        case .ack: "ack"
        case .error: "error"
        case .gameUpdate: "game_update"
        case .chatMessage: "chat_message"
        case .matchFound: "match_found"
        case .rematchOffered: "rematch_offered"
        case .rematchDeclined: "rematch_declined"
        case .rematchStarted: "rematch_started"
        case .gameInvite: "game_invite"
        case .gameJoined: "game_joined"
        case .rematchExpired: "rematch_expired"
        case .serverShutdown: "server_shutdown"
        }
    }
}
