import ArenaKit
import Foundation
import GRDB

/// The Games service's tables: `games`, `moves`, `chat_messages`, `game_results`. Every change that
/// touches more than one row is one transaction; a finished game's result and both ratings are
/// written in the same transaction as its last change, exactly once.
public struct GameStore: Sendable {
    let database: AppDatabase
    /// Moves and other game changes are group-committed: see `WriteBatcher`.
    private let batcher: WriteBatcher

    public init(database: AppDatabase) {
        self.database = database
        self.batcher = WriteBatcher(pool: database.pool)
    }

    /// One move as written to `moves`.
    struct MoveRow: Sendable {
        var number: Int
        var playerID: String
        var position: Int
        var mark: Mark
        var createdAt: String
    }

    /// What finishing a rated game did to the two ratings.
    struct RatingOutcome: Sendable {
        var player1Before: Int
        var player1After: Int
        var player2Before: Int
        var player2After: Int
    }

    /// A new game's row. Through the batcher, with the moves: a rematch starts every few moves
    /// under load, and a transaction of its own cost a second commit (and a crossing to GRDB's
    /// writer queue) for one row.
    func insert(_ game: GameRecord) async throws {
        try await batcher.write { db in try Self.insertNew(game, db) }
    }

    func load(id: String) async throws -> GameRecord? {
        try await database.read { db in
            try GameRecord.fetchOne(db, sql: GameRecord.selectSQL + " WHERE g.id = ?", arguments: [id])
        }
    }

    /// Saves a game's new state, with the move that made it (if any), and when the change ends a
    /// game, its result and both players' new ratings. Returns the rating outcome of a rated finish.
    func save(_ game: GameRecord, move: MoveRow?, finishedAt: String?) async throws -> RatingOutcome? {
        try await batcher.write { db -> RatingOutcome? in
            if let move {
                // Cached statements: a move is on the hot path, and preparing SQL costs more than running it.
                try db.cachedStatement(
                    sql: """
                        INSERT INTO moves (game_id, number, player_id, position, mark, created_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """
                ).execute(arguments: [
                    game.id, move.number, move.playerID, move.position, move.mark.rawValue, move.createdAt,
                ])
            }
            switch (move, game.isFinished) {
            case (.some, false): try Self.updateAfterMove(game, db)
            case (.some, true): try Self.updateAfterFinishingMove(game, db)
            case (nil, _): try Self.upsert(game, db)
            }
            guard let finishedAt, game.rated, let p1 = game.player1ID, let p2 = game.player2ID else { return nil }
            return try Self.recordResult(game, player1: p1, player2: p2, at: finishedAt, db)
        }
    }

    /// A move that does not end the game changes no indexed column (players, status), so this
    /// statement leaves the `games` indexes alone; the full upsert would rewrite all three.
    private static func updateAfterMove(_ game: GameRecord, _ db: Database) throws {
        try db.cachedStatement(
            sql: """
                UPDATE games SET current_player_id = ?, board = ?, moves_count = ?, version = ?, updated_at = ?
                WHERE id = ?
                """
        ).execute(arguments: [
            game.currentPlayerID, game.board.storage, game.board.moveCount, game.version, game.updatedAt, game.id,
        ])
    }

    /// The move that ends a game changes these columns and no others (the players, the invitation,
    /// the bot, rated and the start stay as they were): an `UPDATE` of nine columns where the
    /// upsert bound all seventeen and rewrote the row through its conflict clause (~256k
    /// instructions a finished game, BENCHMARKS.md eighth round).
    private static func updateAfterFinishingMove(_ game: GameRecord, _ db: Database) throws {
        try db.cachedStatement(
            sql: """
                UPDATE games SET current_player_id = ?, winner_id = ?, board = ?, status = ?, moves_count = ?,
                    version = ?, end_reason = ?, ended_at = ?, updated_at = ?
                WHERE id = ?
                """
        ).execute(arguments: [
            game.currentPlayerID, game.winnerID, game.board.storage, game.status.rawValue, game.board.moveCount,
            game.version, game.endReason, game.endedAt, game.updatedAt, game.id,
        ])
    }

    private static let columns = """
        id, player1_id, player2_id, current_player_id, winner_id, invited_id, board, status,
        moves_count, bot, rated, version, end_reason, started_at, ended_at, created_at, updated_at
        """

    private static func arguments(of game: GameRecord) -> StatementArguments {
        [
            game.id, game.player1ID, game.player2ID, game.currentPlayerID, game.winnerID, game.invitedID,
            game.board.storage, game.status.rawValue, game.board.moveCount, game.bot?.rawValue, game.rated,
            game.version, game.endReason, game.startedAt, game.endedAt, game.createdAt, game.updatedAt,
        ]
    }

    /// A plain `INSERT`: a new game's id is fresh, and a clash should fail loudly, not overwrite.
    private static func insertNew(_ game: GameRecord, _ db: Database) throws {
        try db.cachedStatement(sql: insertSQL).execute(arguments: arguments(of: game))
    }

    private static let insertSQL =
        "INSERT INTO games (\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

    private static func upsert(_ game: GameRecord, _ db: Database) throws {
        try db.cachedStatement(sql: upsertSQL).execute(arguments: arguments(of: game))
    }

    private static let upsertSQL = """
        INSERT INTO games (\(columns))
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(id) DO UPDATE SET
            player1_id = excluded.player1_id, player2_id = excluded.player2_id,
            current_player_id = excluded.current_player_id, winner_id = excluded.winner_id,
            invited_id = excluded.invited_id, board = excluded.board, status = excluded.status,
            moves_count = excluded.moves_count, rated = excluded.rated, version = excluded.version,
            end_reason = excluded.end_reason, started_at = excluded.started_at, ended_at = excluded.ended_at,
            updated_at = excluded.updated_at
        """

    /// Writes `game_results` and both players' ratings and records. The primary key on
    /// `game_results.game_id` makes a second attempt fail rather than count a game twice.
    private static func recordResult(
        _ game: GameRecord, player1: String, player2: String, at now: String, _ db: Database
    ) throws -> RatingOutcome? {
        // Cached statements: a game finishes every few moves under load.
        let exists = try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT 1 FROM game_results WHERE game_id = ?"), arguments: [game.id])
        if exists == true { return nil }
        let profile = try db.cachedStatement(sql: "SELECT elo_rating, games_played FROM user_profiles WHERE id = ?")
        guard let r1 = try Row.fetchOne(profile, arguments: [player1]),
            let r2 = try Row.fetchOne(profile, arguments: [player2])
        else { return nil }
        let before1: Int = r1["elo_rating"]
        let before2: Int = r2["elo_rating"]
        let score1: Double = game.winnerID == nil ? 0.5 : (game.winnerID == player1 ? 1 : 0)
        let after = EloRating.result(
            player1: (before1, r1["games_played"]), player2: (before2, r2["games_played"]), player1Score: score1)
        try db.cachedStatement(
            sql: """
                INSERT INTO game_results (game_id, player1_id, player2_id, winner_id, end_reason,
                    player1_elo_before, player1_elo_after, player1_elo_change,
                    player2_elo_before, player2_elo_after, player2_elo_change, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            game.id, player1, player2, game.winnerID, game.endReason ?? "win",
            before1, after.player1, after.player1 - before1, before2, after.player2, after.player2 - before2, now,
        ])
        let update = try db.cachedStatement(
            sql: """
                UPDATE user_profiles SET elo_rating = ?, games_played = games_played + 1,
                    games_won = games_won + ?, games_lost = games_lost + ?, games_drawn = games_drawn + ?,
                    rating_updated_at = ?, updated_at = ?
                WHERE id = ?
                """)
        for (id, rating, score) in [(player1, after.player1, score1), (player2, after.player2, 1 - score1)] {
            try update.execute(
                arguments: [rating, score == 1 ? 1 : 0, score == 0 ? 1 : 0, score == 0.5 ? 1 : 0, now, now, id])
        }
        return RatingOutcome(
            player1Before: before1, player1After: after.player1, player2Before: before2, player2After: after.player2)
    }

    func list(status: GameDTO.Status?, viewer: String, mineOnly: Bool, limit: Int) async throws -> [GameRecord] {
        try await database.read { db in
            var clauses: [String] = []
            var arguments: StatementArguments = []
            if let status {
                clauses.append("g.status = ?")
                _ = arguments.append(contentsOf: [status.rawValue])
            }
            if mineOnly {
                // Games the viewer plays in; an invitation not yet accepted is listed with the waiting games.
                clauses.append("(g.player1_id = ? OR g.player2_id = ?)")
                _ = arguments.append(contentsOf: [viewer, viewer])
            } else {
                // Invites are visible only to the two people they concern.
                clauses.append("(g.invited_id IS NULL OR g.player1_id = ? OR g.invited_id = ?)")
                _ = arguments.append(contentsOf: [viewer, viewer])
            }
            let whereSQL = clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
            _ = arguments.append(contentsOf: [limit])
            return try GameRecord.fetchAll(
                db, sql: GameRecord.selectSQL + whereSQL + " ORDER BY g.created_at DESC LIMIT ?", arguments: arguments)
        }
    }

    /// Returns once every write queued before the call is committed (writes commit in order).
    func flush() async throws { try await batcher.write { _ in } }

    /// Waiting games created before `cutoff`, oldest first (the `idx_games_status` index answers it).
    func waitingGameIDs(createdBefore cutoff: String, limit: Int) async throws -> [String] {
        try await database.read { db in
            try String.fetchAll(
                db, sql: "SELECT id FROM games WHERE status = 'waiting' AND created_at < ? ORDER BY created_at LIMIT ?",
                arguments: [cutoff, limit])
        }
    }

    /// Games a user is playing right now (for resuming and for the "already playing" check).
    func activeGames(of userID: String) async throws -> [GameRecord] {
        try await database.read { db in
            try GameRecord.fetchAll(
                db,
                sql: GameRecord.selectSQL
                    + " WHERE g.status = 'active' AND (g.player1_id = ? OR g.player2_id = ?) ORDER BY g.created_at",
                arguments: [userID, userID])
        }
    }

    func history(gameID: String) async throws -> [MoveDTO] {
        try await database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM moves WHERE game_id = ? ORDER BY number", arguments: [gameID]
            ).map { row in
                MoveDTO(
                    number: row["number"], playerID: row["player_id"], position: row["position"], mark: row["mark"],
                    createdAt: row["created_at"])
            }
        }
    }

    func insertChat(gameID: String, userID: String, text: String, at: String) async throws {
        try await database.write { db in
            try db.execute(
                sql: "INSERT INTO chat_messages (game_id, user_id, text, created_at) VALUES (?, ?, ?, ?)",
                arguments: [gameID, userID, text, at])
        }
    }

    func recentChat(gameID: String, limit: Int) async throws -> [ChatMessageDTO] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT c.user_id, c.text, c.created_at, u.username FROM chat_messages c
                    LEFT JOIN user_profiles u ON u.id = c.user_id
                    WHERE c.game_id = ? ORDER BY c.id DESC LIMIT ?
                    """,
                arguments: [gameID, limit]
            ).reversed().map { row in
                ChatMessageDTO(
                    gameID: gameID, from: PlayerRef(id: row["user_id"], username: row["username"] ?? "?"),
                    text: row["text"], createdAt: row["created_at"])
            }
        }
    }
}
