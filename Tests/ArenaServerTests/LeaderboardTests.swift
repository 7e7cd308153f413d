import ArenaKit
import Foundation
import GRDB
import Synchronization
import Testing

@testable import ArenaServer

/// The leaderboard's queries and cache against a real (temporary) SQLite database.
@Suite final class LeaderboardTests {
    let directory: TemporaryDirectory
    let database: AppDatabase

    init() throws {
        directory = try TemporaryDirectory("leaderboard")
        database = try AppDatabase(path: directory.path("arena.sqlite"))
    }

    deinit { directory.remove() }

    func addPlayer(
        _ username: String, elo: Int = 1200, won: Int = 0, lost: Int = 0, at: String? = nil,
        id: String = UUID().uuidString
    ) async throws -> String {
        try await database.insertTestPlayer(username, elo: elo, won: won, lost: lost, ratingUpdatedAt: at, id: id)
    }

    func page(_ payload: JSONPayload) throws -> LeaderboardPageDTO {
        try WireCodec.decode(LeaderboardPageDTO.self, from: Data(buffer: payload.bytes))
    }

    @Test func globalRankMatchesPositionForEveryTieBreak() async throws {
        let ids = [UUID().uuidString, UUID().uuidString].sorted()
        _ = try await addPlayer("a", elo: 1500, won: 3, at: "2026-01-01T00:00:05.000Z")
        _ = try await addPlayer("b", elo: 1500, won: 3, at: "2026-01-01T00:00:01.000Z")
        _ = try await addPlayer("c", elo: 1500, won: 4, at: "2026-01-01T00:00:09.000Z")
        _ = try await addPlayer("d", elo: 1500, won: 3, at: nil)
        _ = try await addPlayer("e", elo: 1400, won: 3, at: "2026-01-01T00:00:01.000Z", id: ids[1])
        _ = try await addPlayer("f", elo: 1400, won: 3, at: "2026-01-01T00:00:01.000Z", id: ids[0])
        _ = try await addPlayer("unranked", elo: 3000)
        let rows = try await database.read { db in try LeaderboardQueries.rankedPage(db, limit: 100, offset: 0) }
        #expect(rows.map(\.username) == ["c", "d", "b", "a", "f", "e"])
        for (index, row) in rows.enumerated() {
            let rank = try await database.read { db in try LeaderboardQueries.globalRank(db, of: row) }
            #expect(rank == index + 1, "\(row.username)")
        }
        #expect(try await database.read { db in try LeaderboardQueries.rankedCount(db) } == 6)
    }

    @Test func rankedCountFollowsEveryWayOnAndOffTheBoards() async throws {
        let database = self.database
        func counted() async throws -> (kept: Int, real: Int) {
            try await database.read { db in
                (
                    try LeaderboardQueries.rankedCount(db),
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM user_profiles WHERE games_played > 0") ?? -1
                )
            }
        }
        let newcomer = try await addPlayer("newcomer")
        let veteran = try await addPlayer("veteran", won: 5, lost: 2)
        #expect(try await counted() == (1, 1))
        let change: @Sendable (String, String) async throws -> Void = { sql, id in
            try await database.write { db in try db.execute(sql: sql, arguments: [id]) }
        }
        try await change("UPDATE user_profiles SET games_played = 1 WHERE id = ?", newcomer)
        #expect(try await counted() == (2, 2))
        try await change("UPDATE user_profiles SET games_played = games_played + 1 WHERE id = ?", newcomer)
        try await change("UPDATE user_profiles SET elo_rating = 1300 WHERE id = ?", veteran)
        #expect(try await counted() == (2, 2))
        try await change("UPDATE user_profiles SET games_played = 0 WHERE id = ?", veteran)
        #expect(try await counted() == (1, 1))
        try await change("DELETE FROM user_profiles WHERE id = ?", newcomer)
        #expect(try await counted() == (0, 0))
    }

    @Test func likePatternEscapesWildcards() {
        #expect(LeaderboardQueries.likePattern(prefix: "a_b%c\\") == "a\\_b\\%c\\\\%")
        #expect(LeaderboardQueries.likePattern(prefix: "it's") == "it's%")
    }

    @Test func repeatedReadsComeFromTheCacheUntilAGameFinishes() async throws {
        let service = LeaderboardService(database: database)
        let first = try await addPlayer("first", elo: 1300, won: 1, at: "2026-01-01T00:00:00.000Z")
        #expect(try page(await service.globalBoard(Paging())).entries.map(\.userID) == [first])

        // A write the service cannot see (another connection to the file) stays hidden by the cache...
        let other = try DatabaseQueue(path: directory.path("arena.sqlite"))
        try await other.write { db in
            try db.execute(sql: "UPDATE user_profiles SET elo_rating = 1100 WHERE id = ?", arguments: [first])
        }
        #expect(try page(await service.globalBoard(Paging())).entries.first?.eloRating == 1300)

        // ...until Games announces a finished game.
        await service.gameFinished(
            FinishedGame(gameID: "g", player1ID: first, player2ID: nil, winnerID: nil, rated: true))
        #expect(try page(await service.globalBoard(Paging())).entries.first?.eloRating == 1100)
    }

    @Test func writesThroughTheServerDatabaseEmptyTheCache() async throws {
        let service = LeaderboardService(database: database)
        #expect(try page(await service.globalBoard(Paging())).total == 0)
        _ = try await addPlayer("newcomer", elo: 1250, won: 1, at: "2026-01-01T00:00:00.000Z")
        #expect(try page(await service.globalBoard(Paging())).total == 1)
        #expect(try page(await service.search(prefix: "NEW", Paging())).entries.map(\.username) == ["newcomer"])
    }

    @Test func aroundAndStatsRefuseUnknownAndUnrankedPlayers() async throws {
        let service = LeaderboardService(database: database)
        let fresh = try await addPlayer("fresh")
        await #expect(throws: APIError.self) { try await service.around(userID: fresh, radius: 5) }
        await #expect(throws: APIError.self) { try await service.stats(userID: UUID().uuidString) }
        await #expect(throws: APIError.self) { try await service.stats(userID: "' OR 1=1 --") }
        await #expect(throws: APIError.self) { try await service.search(prefix: "", Paging()) }
    }
}

@Suite struct LeaderboardCacheTests {
    @Test func concurrentColdReadsShareOneLoad() async throws {
        let cache = QueryCache<Int>()
        let loads = LoadCounter()
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await cache.value(for: "k") {
                        loads.count.withLock { $0 += 1 }
                        try await Task.sleep(for: .milliseconds(20))
                        return 7
                    }
                }
            }
            for try await value in group { #expect(value == 7) }
        }
        #expect(loads.count.withLock { $0 } == 1)
    }

    @Test func failuresAreNotRemembered() async throws {
        struct Boom: Error {}
        let cache = QueryCache<Int>()
        await #expect(throws: Boom.self) { try await cache.value(for: "k") { throw Boom() } }
        #expect(try await cache.value(for: "k") { 3 } == 3)
    }

    @Test func clearingDropsEntriesAndCapacityBoundsThem() async throws {
        let cache = QueryCache<Int>(capacity: 2)
        _ = try await cache.value(for: "a") { 1 }
        #expect(try await cache.value(for: "a") { 2 } == 1)
        cache.removeAll()
        #expect(try await cache.value(for: "a") { 2 } == 2)
        _ = try await cache.value(for: "b") { 1 }
        _ = try await cache.value(for: "c") { 1 }
        #expect(cache.count <= 2)
    }
}

private final class LoadCounter: Sendable {
    let count = Mutex(0)
}
