import ArenaKit
import ArenaServer
import ArgumentParser
import Foundation
import GRDB

/// `arena-server admin seed-users --count N --prefix P --password PW [--ranked]`
///
/// Benchmarks need thousands of accounts; registering them one by one costs an Argon2 hash each
/// (tens of milliseconds of a core). Seeded accounts share ONE hash, computed once with the
/// server's configured cost, so they log in like any other account, and are inserted through the
/// server's own `AppDatabase` and `UserRecord` in a single transaction.
struct SeedUsers: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed-users",
        abstract: "Insert N test accounts PREFIX000000... that share one password (for benchmarks).",
        discussion: """
            Accounts that already exist are left alone, so seeding twice is harmless. With --ranked every
            new account gets a random rating and game record, as if it had played, so the leaderboards
            have realistic depth. Never run this against a production database.
            """)

    @OptionGroup var options: ServerOptions
    @Option(help: "How many accounts.") var count: Int
    @Option(help: "Username prefix (1 to 14 characters); usernames are PREFIX followed by six digits.")
    var prefix: String = "load"
    @Option(help: "The password every seeded account gets.") var password: String = "arena-load-Pa55word"
    @Flag(help: "Give each account a random rating and game counts, so it appears on the leaderboards.")
    var ranked = false

    func validate() throws {
        guard (1...1_000_000).contains(count) else { throw ValidationError("--count must be 1 to 1,000,000") }
        guard (1...14).contains(prefix.count) else { throw ValidationError("--prefix must be 1 to 14 characters") }
        if let problem = Validation.usernameProblem(prefix + "000000") { throw ValidationError(problem) }
        if let problem = Validation.passwordProblem(password, username: prefix + "000000") {
            throw ValidationError("--password: \(problem)")
        }
    }

    func run() async throws {
        try await AdminCommand.perform {
            let config = try options.load()
            try FileManager.default.createDirectory(atPath: config.dataDir, withIntermediateDirectories: true)
            let database = try AppDatabase(path: config.resolvedDatabasePath)
            let started = Date()
            let prefix = self.prefix
            // Skip names that exist already, so a second run tops up instead of failing.
            let taken = try await database.read { db in
                Set(
                    try String.fetchAll(
                        db, sql: "SELECT username FROM user_profiles WHERE username LIKE ? ESCAPE '\\'",
                        arguments: [Self.likePattern(prefix)]
                    ).map { $0.lowercased() })
            }
            let missing = (0..<count).filter { !taken.contains(Self.username(prefix, $0).lowercased()) }
            let hash = try await PasswordHasher(config: config).hash(password)
            let users = try makeRows(missing, hash: hash, now: Date()).map { try UserRecord(row: $0) }
            try await database.write { db in
                for user in users { try user.insert(db) }
            }
            let created = users.count
            let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
            print("seeded \(created) accounts (\(count - created) existed) in \(seconds) s")
        }
    }

    /// The rows as `user_profiles` columns; `UserRecord(row:)` decodes them with its own keys.
    private func makeRows(_ indices: [Int], hash: String, now: Date) -> [Row] {
        var random = SystemRandomNumberGenerator()
        let stamp = Timestamp.string(now)
        return indices.map { index in
            let username = Self.username(prefix, index)
            var columns: [String: (any DatabaseValueConvertible)?] = [
                "id": UUID().uuidString.lowercased(), "username": username, "email": "\(username)@seed.invalid",
                "password_hash": hash, "full_name": nil, "avatar_url": nil, "role": "player",
                "elo_rating": EloRating.initial, "games_played": 0, "games_won": 0, "games_lost": 0,
                "games_drawn": 0, "rating_updated_at": nil, "last_active": stamp, "created_at": stamp,
                "updated_at": stamp,
            ]
            if ranked {
                // Ratings spread roughly like a real ladder: most near the start, long tails.
                let spread = (0..<4).map { _ in Int.random(in: -150...150, using: &random) }.reduce(0, +)
                let played = Int.random(in: 1...400, using: &random)
                let won = Int.random(in: 0...played, using: &random)
                let drawn = Int.random(in: 0...(played - won), using: &random)
                let ratedAt = now.addingTimeInterval(-Double(Int.random(in: 0...2_592_000, using: &random)))
                columns["elo_rating"] = max(100, EloRating.initial + spread)
                columns["games_played"] = played
                columns["games_won"] = won
                columns["games_drawn"] = drawn
                columns["games_lost"] = played - won - drawn
                columns["rating_updated_at"] = Timestamp.string(ratedAt)
            }
            return Row(columns)
        }
    }

    static func username(_ prefix: String, _ index: Int) -> String { prefix + String(format: "%06d", index) }

    /// `PREFIX%` for LIKE, with LIKE's own wildcards in the prefix taken literally.
    static func likePattern(_ prefix: String) -> String {
        prefix.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
    }
}
