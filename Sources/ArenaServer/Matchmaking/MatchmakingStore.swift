import ArenaKit
import Foundation
import GRDB

/// `matchmaking_queue`: who is waiting, so a restart does not lose the queue, and who was matched
/// into which game.
struct MatchmakingStore: Sendable {
    let database: AppDatabase

    struct Row: Sendable {
        var userID: String
        var rating: Int
        var queuedAt: String
        var status: String
        var gameID: String?
    }

    func enqueue(userID: String, rating: Int, preferences: String, at: String) async throws {
        try await database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO matchmaking_queue (user_id, elo_rating, preferences, status, game_id, queued_at, matched_at)
                    VALUES (?, ?, ?, 'queued', NULL, ?, NULL)
                    ON CONFLICT(user_id) DO UPDATE SET elo_rating = excluded.elo_rating,
                        preferences = excluded.preferences, status = 'queued', game_id = NULL,
                        queued_at = excluded.queued_at, matched_at = NULL
                    """,
                arguments: [userID, rating, preferences, at])
        }
    }

    func remove(userID: String) async throws {
        try await database.write { db in
            try db.execute(sql: "DELETE FROM matchmaking_queue WHERE user_id = ?", arguments: [userID])
        }
    }

    /// Takes both players off the queue in one transaction, recording their game.
    func markMatched(_ a: String, _ b: String, gameID: String, at: String) async throws {
        try await database.write { db in
            try db.execute(
                sql: """
                    UPDATE matchmaking_queue SET status = 'matched', game_id = ?, matched_at = ?
                    WHERE user_id IN (?, ?)
                    """,
                arguments: [gameID, at, a, b])
        }
    }

    func all() async throws -> [Row] {
        try await database.read { db in
            try GRDB.Row.fetchAll(db, sql: "SELECT * FROM matchmaking_queue").map { row in
                Row(
                    userID: row["user_id"], rating: row["elo_rating"], queuedAt: row["queued_at"],
                    status: row["status"], gameID: row["game_id"])
            }
        }
    }
}
