public struct MatchmakingStatusDTO: Codable, Sendable, Equatable {
    public enum State: String, Codable, Sendable { case idle, queued, matched }

    public struct EloRange: Codable, Sendable, Equatable {
        public var min: Int
        public var max: Int
        public init(min: Int, max: Int) {
            self.min = min
            self.max = max
        }
    }

    public var status: State
    public var queuedAt: String?
    public var waitSeconds: Int?
    public var eloRange: EloRange?
    public var gameID: String?
    /// Added: how many players are waiting in the queue right now.
    public var playersQueued: Int?

    public init(
        status: State, queuedAt: String? = nil, waitSeconds: Int? = nil, eloRange: EloRange? = nil,
        gameID: String? = nil, playersQueued: Int? = nil
    ) {
        self.status = status
        self.queuedAt = queuedAt
        self.waitSeconds = waitSeconds
        self.eloRange = eloRange
        self.gameID = gameID
        self.playersQueued = playersQueued
    }

    enum CodingKeys: String, CodingKey {
        case status
        case queuedAt = "queued_at"
        case waitSeconds = "wait_seconds"
        case eloRange = "elo_range"
        case gameID = "game_id"
        case playersQueued = "players_queued"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(status, forKey: .status)
        try c.encode(queuedAt, forKey: .queuedAt)
        try c.encode(waitSeconds, forKey: .waitSeconds)
        try c.encode(eloRange, forKey: .eloRange)
        try c.encode(gameID, forKey: .gameID)
        try c.encodeIfPresent(playersQueued, forKey: .playersQueued)
    }
}
