import Foundation

@testable import ArenaServer

extension AppDatabase {
    /// Inserts a player's row directly (no Argon2, no API): what the store and leaderboard tests
    /// need of an account. Returns the player's id.
    @discardableResult
    func insertTestPlayer(
        _ username: String, elo: Int = 1200, won: Int = 0, lost: Int = 0, ratingUpdatedAt: String? = nil,
        id: String = UUID().uuidString
    ) async throws -> String {
        let now = "2026-01-01T00:00:00.000Z"
        let record = UserRecord(
            id: id, username: username, email: "\(username)@example.com", passwordHash: "!", fullName: nil,
            avatarURL: nil, role: "player", eloRating: elo, gamesPlayed: won + lost, gamesWon: won, gamesLost: lost,
            gamesDrawn: 0, ratingUpdatedAt: ratingUpdatedAt, lastActive: nil, createdAt: now, updatedAt: now)
        try await write { db in try record.insert(db) }
        return id
    }
}
