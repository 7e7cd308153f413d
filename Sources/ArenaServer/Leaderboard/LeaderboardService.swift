import ArenaKit
import GRDB

/// The boards and player stats. Every read is cached in memory by query and the cache is emptied
/// whenever what it shows changes: when Games announces a finished game, on any commit that
/// touches ratings, records or usernames (registrations included), and when Friends changes a
/// friendship (SQLite reports no row changes of WITHOUT ROWID tables such as `friendships`, so
/// that one is told, not observed).
public struct LeaderboardService: GameResultListener {
    static let defaultRadius = 5
    static let radiusRange = 0...50
    static let searchLength = 1...20

    let database: AppDatabase
    let pages = QueryCache<JSONPayload>()
    let rankedCount = QueryCache<Int>(capacity: 1)

    public init(database: AppDatabase) {
        self.database = database
        let pages = self.pages
        let rankedCount = self.rankedCount
        // For the life of the database: the service lives as long as the process.
        database.pool.add(
            transactionObserver: LeaderboardChangeObserver {
                pages.removeAll()
                rankedCount.removeAll()
            },
            extent: .databaseLifetime)
    }

    public func gameFinished(_ game: FinishedGame) async {
        invalidate()
    }

    /// Called by Friends after a friendship is made or ended.
    func friendshipsChanged() {
        invalidate()
    }

    func invalidate() {
        pages.removeAll()
        rankedCount.removeAll()
    }

    // MARK: boards

    func globalBoard(_ paging: Paging) async throws -> JSONPayload {
        try await pages.value(for: "global:\(paging.cacheKey)") {
            let total = try await totalRanked()
            let rows = try await database.read { db in
                try LeaderboardQueries.rankedPage(db, limit: paging.limit, offset: paging.offset)
            }
            return try JSONPayload(BoardRow.page(rows, offset: paging.offset, total: total))
        }
    }

    func friendsBoard(userID: String, _ paging: Paging) async throws -> JSONPayload {
        try await pages.value(for: "friends:\(userID):\(paging.cacheKey)") {
            let (rows, total) = try await database.read { db in
                try LeaderboardQueries.friendsBoard(db, userID: userID, limit: paging.limit, offset: paging.offset)
            }
            return try JSONPayload(BoardRow.page(rows, offset: paging.offset, total: total))
        }
    }

    func search(prefix: String, _ paging: Paging) async throws -> JSONPayload {
        guard Self.searchLength.contains(prefix.count), !prefix.contains("\0") else {
            throw APIError.badRequest("invalid_query", "q must be 1 to 20 characters.")
        }
        return try await pages.value(for: "search:\(paging.cacheKey):\(prefix)") {
            let (rows, total) = try await database.read { db in
                try LeaderboardQueries.search(db, prefix: prefix, limit: paging.limit, offset: paging.offset)
            }
            return try JSONPayload(BoardRow.page(rows, offset: paging.offset, total: total))
        }
    }

    /// The player's row with up to `radius` ranks above and below; 404 `not_ranked` before their
    /// first rated game.
    func around(userID: String, radius: Int) async throws -> JSONPayload {
        guard Self.isPlausibleID(userID) else { throw APIError.notFound("Player") }
        return try await pages.value(for: "around:\(userID):\(radius)") {
            let total = try await totalRanked()
            return try await database.read { db in
                guard let row = try LeaderboardQueries.row(db, userID: userID) else {
                    throw APIError.notFound("Player")
                }
                guard row.isRanked else {
                    throw APIError(.notFound, "not_ranked", "This player has no rated game yet, so no rank.")
                }
                let rank = try LeaderboardQueries.globalRank(db, of: row)
                let offset = max(0, rank - 1 - radius)
                let rows = try LeaderboardQueries.rankedPage(db, limit: rank - offset + radius, offset: offset)
                return try JSONPayload(BoardRow.page(rows, offset: offset, total: max(total, rank)))
            }
        }
    }

    // MARK: stats

    func stats(userID: String) async throws -> JSONPayload {
        guard Self.isPlausibleID(userID) else { throw APIError.notFound("Player") }
        return try await pages.value(for: "stats:\(userID)") {
            try await database.read { db in
                guard let user = try UserRecord.fetchOne(db, key: userID) else { throw APIError.notFound("Player") }
                let row = BoardRow(
                    id: user.id, username: user.username, eloRating: user.eloRating, gamesPlayed: user.gamesPlayed,
                    gamesWon: user.gamesWon, gamesLost: user.gamesLost, gamesDrawn: user.gamesDrawn,
                    ratingUpdatedAt: user.ratingUpdatedAt)
                let stats = PlayerStatsDTO(
                    user: user.dto(),
                    recentResults: try PlayerResults.recent(db, userID: userID),
                    winRate: PlayerResults.winRate(won: user.gamesWon, played: user.gamesPlayed),
                    bestStreak: try PlayerResults.bestStreak(db, userID: userID),
                    rank: row.isRanked ? try LeaderboardQueries.globalRank(db, of: row) : nil)
                return try JSONPayload(stats)
            }
        }
    }

    // MARK: helpers

    /// The number of ranked players, shared by every page of the global board.
    func totalRanked() async throws -> Int {
        try await rankedCount.value(for: "ranked") {
            try await database.read { db in try LeaderboardQueries.rankedCount(db) }
        }
    }

    /// Ids are UUID strings; anything far from one is answered 404 without a query, and never
    /// becomes a cache key.
    static func isPlausibleID(_ id: String) -> Bool {
        (1...64).contains(id.utf8.count) && id.utf8.allSatisfy { $0 == UInt8(ascii: "-") || isHexOrAlnum($0) }
    }

    private static func isHexOrAlnum(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }
}
