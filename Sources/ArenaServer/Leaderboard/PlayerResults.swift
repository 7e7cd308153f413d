import ArenaKit
import GRDB

/// A player's rated results, each seen from that player's side of `game_results`.
enum PlayerResults {
    static let recentLimit = 20

    /// The player's side of each result: one indexed query per seat, `select` naming the columns
    /// given the player's seat prefix and the opponent's.
    private static func bothSeats(_ select: (_ me: String, _ them: String) -> String) -> String {
        """
        SELECT \(select("player1", "player2")) FROM game_results WHERE player1_id = :me
        UNION ALL
        SELECT \(select("player2", "player1")) FROM game_results WHERE player2_id = :me AND player1_id <> :me
        """
    }

    static func recent(_ db: Database, userID: String, limit: Int = recentLimit) throws -> [RecentResultDTO] {
        let seats = bothSeats { me, them in
            """
            game_id, \(them)_id AS opponent_id, winner_id, \(me)_elo_before AS elo_before,
            \(me)_elo_after AS elo_after, \(me)_elo_change AS elo_change, created_at
            """
        }
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT r.*, u.username AS opponent_username FROM (\(seats)) AS r
                LEFT JOIN user_profiles u ON u.id = r.opponent_id
                ORDER BY r.created_at DESC, r.game_id DESC LIMIT :limit
                """,
            arguments: ["me": userID, "limit": limit])
        return rows.map { row in
            let winner: String? = row["winner_id"]
            return RecentResultDTO(
                gameID: row["game_id"], opponentID: row["opponent_id"], opponentUsername: row["opponent_username"],
                result: outcome(winnerID: winner, for: userID), eloBefore: row["elo_before"],
                eloAfter: row["elo_after"], eloChange: row["elo_change"], endedAt: row["created_at"])
        }
    }

    /// The longest run of consecutive wins over all of the player's rated games.
    static func bestStreak(_ db: Database, userID: String) throws -> Int {
        let winners = try Row.fetchCursor(
            db,
            sql:
                "SELECT winner_id FROM (\(bothSeats { _, _ in "winner_id, created_at, game_id" })) ORDER BY created_at, game_id",
            arguments: ["me": userID])
        var best = 0
        var current = 0
        while let row = try winners.next() {
            let winner: String? = row["winner_id"]
            current = winner == userID ? current + 1 : 0
            best = max(best, current)
        }
        return best
    }

    static func outcome(winnerID: String?, for userID: String) -> String {
        guard let winnerID else { return "draw" }
        return winnerID == userID ? "win" : "loss"
    }

    /// Wins over rated games played, to four decimal places; 0 before the first game.
    static func winRate(won: Int, played: Int) -> Double {
        guard played > 0 else { return 0 }
        return (Double(won) / Double(played) * 10_000).rounded() / 10_000
    }
}
