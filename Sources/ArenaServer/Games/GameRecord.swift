import ArenaKit
import GRDB

/// A game as stored: a row of `games` joined with both players' usernames.
/// Value type: the live game actor holds one and writes it back on every change.
public struct GameRecord: Sendable, Equatable, FetchableRecord {
    public var id: String
    public var player1ID: String?
    public var player2ID: String?
    public var currentPlayerID: String?
    public var winnerID: String?
    public var invitedID: String?
    public var board: Board
    public var status: GameDTO.Status
    public var bot: BotStrategy.Level?
    public var rated: Bool
    public var version: Int
    public var endReason: String?
    public var startedAt: String?
    public var endedAt: String?
    public var createdAt: String
    public var updatedAt: String
    public var player1Username: String?
    public var player2Username: String?
    public var player1Rating: Int?
    public var player2Rating: Int?
    public var player1RatingChange: Int?
    public var player2RatingChange: Int?

    /// Selects every column `init(row:)` reads.
    static let selectSQL = """
        SELECT g.*, u1.username AS player1_username, u2.username AS player2_username,
            u1.elo_rating AS player1_rating, u2.elo_rating AS player2_rating,
            r.player1_elo_change AS player1_rating_change, r.player2_elo_change AS player2_rating_change
        FROM games g
        LEFT JOIN user_profiles u1 ON u1.id = g.player1_id
        LEFT JOIN user_profiles u2 ON u2.id = g.player2_id
        LEFT JOIN game_results r ON r.game_id = g.id
        """

    public init(row: Row) throws {
        id = row["id"]
        player1ID = row["player1_id"]
        player2ID = row["player2_id"]
        currentPlayerID = row["current_player_id"]
        winnerID = row["winner_id"]
        invitedID = row["invited_id"]
        let boardText: String = row["board"]
        board = Board(storage: boardText) ?? Board()
        status = GameDTO.Status(rawValue: row["status"]) ?? .abandoned
        bot = (row["bot"] as String?).flatMap(BotStrategy.Level.init(rawValue:))
        rated = row["rated"]
        version = row["version"]
        endReason = row["end_reason"]
        startedAt = row["started_at"]
        endedAt = row["ended_at"]
        createdAt = row["created_at"]
        updatedAt = row["updated_at"]
        player1Username = row["player1_username"]
        player2Username = row["player2_username"]
        player1Rating = row["player1_rating"]
        player2Rating = row["player2_rating"]
        player1RatingChange = row["player1_rating_change"]
        player2RatingChange = row["player2_rating_change"]
    }

    public init(
        id: String, player1ID: String, player2ID: String?, invitedID: String?, bot: BotStrategy.Level?, rated: Bool,
        now: String, player1Username: String, player2Username: String?, player1Rating: Int? = nil,
        player2Rating: Int? = nil
    ) {
        self.player1Rating = player1Rating
        self.player2Rating = player2Rating
        self.id = id
        self.player1ID = player1ID
        self.player2ID = player2ID
        self.currentPlayerID = player2ID == nil ? nil : player1ID
        self.invitedID = invitedID
        self.board = Board()
        self.status = player2ID == nil ? .waiting : .active
        self.bot = bot
        self.rated = rated
        self.version = 0
        self.startedAt = player2ID == nil ? nil : now
        self.createdAt = now
        self.updatedAt = now
        self.player1Username = player1Username
        self.player2Username = player2Username
    }

    public func playerID(for mark: Mark) -> String? { mark == .x ? player1ID : player2ID }

    public func mark(of userID: String) -> Mark? {
        if userID == player1ID { return .x }
        if userID == player2ID { return .o }
        return nil
    }

    func username(of userID: String) -> String? {
        if userID == player1ID { return player1Username }
        if userID == player2ID { return player2Username }
        return nil
    }

    public func opponent(of userID: String) -> String? {
        if userID == player1ID { return player2ID }
        if userID == player2ID { return player1ID }
        return nil
    }

    public var isFinished: Bool { status == .completed || status == .abandoned }
    /// A waiting game that ended before anyone joined: cancelled, declined or expired. It has no
    /// result, no rating change and no rematch.
    var neverStarted: Bool { status == .abandoned && ["cancelled", "declined", "expired"].contains(endReason) }

    public func dto(disconnectDeadline: String? = nil) -> GameDTO {
        var winningLine: [Int]?
        if case .won(_, let line) = board.outcome { winningLine = line }
        return GameDTO(
            id: id, player1ID: player1ID, player2ID: player2ID, currentPlayerID: currentPlayerID,
            winnerID: winnerID, board: board.wire, status: status, movesCount: board.moveCount,
            startedAt: startedAt, endedAt: endedAt, createdAt: createdAt, updatedAt: updatedAt,
            player1Username: player1Username, player2Username: player2Username, invitedID: invitedID,
            bot: bot?.rawValue, rated: rated, version: version, endReason: endReason, winningLine: winningLine,
            disconnectDeadline: disconnectDeadline, player1Rating: player1Rating, player2Rating: player2Rating,
            player1RatingChange: player1RatingChange, player2RatingChange: player2RatingChange)
    }
}

extension Board {
    /// The storage form: nine characters, "X", "O" or a space.
    init?(storage: String) {
        guard storage.count == 9 else { return nil }
        self.init(wire: storage.map { $0 == " " ? "" : String($0) })
    }

    var storage: String { String(cells.map { $0.map { Character($0.rawValue) } ?? " " }) }
}
