import ArenaKit
import GRDB

/// The SQL behind the boards, as functions of one read transaction so a response is one snapshot.
/// Ranked players are `games_played > 0`; every query on them names that condition literally so
/// SQLite picks the partial index `idx_user_profiles_ranked` (migration v3-leaderboard).
enum LeaderboardQueries {
    /// Kept by triggers (migration v5-ranked-count) rather than counted.
    static func rankedCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT ranked FROM board_counts WHERE id = 1") ?? 0
    }

    static func rankedPage(_ db: Database, limit: Int, offset: Int) throws -> [BoardRow] {
        try BoardRow.fetchAll(
            db,
            sql: """
                SELECT \(BoardRow.columns) FROM user_profiles WHERE games_played > 0
                ORDER BY \(BoardRow.order) LIMIT ? OFFSET ?
                """,
            arguments: [limit, offset])
    }

    static func row(_ db: Database, userID: String) throws -> BoardRow? {
        try BoardRow.fetchOne(
            db, sql: "SELECT \(BoardRow.columns) FROM user_profiles WHERE id = ?", arguments: [userID])
    }

    /// The 1-based global rank of a ranked player: one plus the number of ranked players ordered
    /// before them. Each part is a range of the partial index, so no row of the table is read.
    static func globalRank(_ db: Database, of row: BoardRow) throws -> Int {
        let ranked = "SELECT COUNT(*) FROM user_profiles WHERE games_played > 0 AND elo_rating"
        var before = try count(db, "\(ranked) > ?", [row.eloRating])
        before += try count(db, "\(ranked) = ? AND games_won > ?", [row.eloRating, row.gamesWon])
        let tie = "\(ranked) = ? AND games_won = ? AND"
        if let achieved = row.ratingUpdatedAt {
            before += try count(
                db, "\(tie) (rating_updated_at IS NULL OR rating_updated_at < ?)",
                [row.eloRating, row.gamesWon, achieved])
            before += try count(
                db, "\(tie) rating_updated_at = ? AND id < ?", [row.eloRating, row.gamesWon, achieved, row.id])
        } else {
            before += try count(
                db, "\(tie) rating_updated_at IS NULL AND id < ?", [row.eloRating, row.gamesWon, row.id])
        }
        return before + 1
    }

    /// You and your accepted friends, whatever their number of games.
    static func friendsBoard(_ db: Database, userID: String, limit: Int, offset: Int) throws -> (
        rows: [BoardRow], total: Int
    ) {
        let members = """
            id = :me OR id IN (
                SELECT addressee_id FROM friendships WHERE requester_id = :me AND status = 'accepted'
                UNION ALL
                SELECT requester_id FROM friendships WHERE addressee_id = :me AND status = 'accepted')
            """
        let total =
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM user_profiles WHERE \(members)", arguments: ["me": userID]) ?? 0
        let rows = try BoardRow.fetchAll(
            db,
            sql: """
                SELECT \(BoardRow.columns) FROM user_profiles WHERE \(members)
                ORDER BY \(BoardRow.order) LIMIT :limit OFFSET :offset
                """,
            arguments: ["me": userID, "limit": limit, "offset": offset])
        return (rows, total)
    }

    /// Players whose username starts with `prefix`, ignoring case, in board order. The range on the
    /// NOCASE username index finds them; the LIKE, with every wildcard escaped, keeps the match
    /// exact, so `%`, `_`, quotes and backslashes in the prefix are plain characters.
    static func search(_ db: Database, prefix: String, limit: Int, offset: Int) throws -> (
        rows: [BoardRow], total: Int
    ) {
        let arguments: StatementArguments = [
            "low": prefix, "high": prefix + "\u{10FFFF}", "pattern": likePattern(prefix: prefix),
            "bot1": BotAccounts.easyID, "bot2": BotAccounts.hardID,
        ]
        // The bots are accounts too, but never rated players: they are not searchable.
        let matching = """
            username >= :low AND username < :high AND username LIKE :pattern ESCAPE '\\'
            AND id NOT IN (:bot1, :bot2)
            """
        let total =
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM user_profiles WHERE \(matching)", arguments: arguments)
            ?? 0
        var paged = arguments
        paged += ["limit": limit, "offset": offset]
        let rows = try BoardRow.fetchAll(
            db,
            sql: """
                SELECT \(BoardRow.columns) FROM user_profiles WHERE \(matching)
                ORDER BY \(BoardRow.order) LIMIT :limit OFFSET :offset
                """,
            arguments: paged)
        return (rows, total)
    }

    static func likePattern(prefix: String) -> String {
        var pattern = ""
        for character in prefix {
            if character == "\\" || character == "%" || character == "_" { pattern.append("\\") }
            pattern.append(character)
        }
        return pattern + "%"
    }

    private static func count(_ db: Database, _ sql: String, _ arguments: StatementArguments) throws -> Int {
        try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0
    }
}
