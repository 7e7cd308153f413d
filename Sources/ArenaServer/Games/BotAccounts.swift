import ArenaKit
import GRDB

/// The server's bot players are ordinary rows of `user_profiles` with fixed ids and no usable
/// password, so games against them need no special cases in storage. Their games are unrated.
enum BotAccounts {
    static let easyID = "00000000-0000-4000-8000-0000000b0001"
    static let hardID = "00000000-0000-4000-8000-0000000b0002"

    static func id(for level: BotStrategy.Level) -> String { level == .easy ? easyID : hardID }

    static func username(for level: BotStrategy.Level) -> String { level == .easy ? "bot-easy" : "bot-hard" }

    static func isBot(_ userID: String) -> Bool { userID == easyID || userID == hardID }

    /// Inserted by a migration; "!" is no Argon2 hash, so nobody can log in as a bot.
    static func insert(_ db: Database, now: String) throws {
        for level in BotStrategy.Level.allCases {
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO user_profiles (id, username, email, password_hash, full_name, role,
                        created_at, updated_at)
                    VALUES (?, ?, ?, '!', ?, 'player', ?, ?)
                    """,
                arguments: [
                    id(for: level), username(for: level), "\(username(for: level))@bots.invalid",
                    "Arena bot (\(level.rawValue))", now, now,
                ])
        }
    }
}
