import ArenaKit
import Foundation
import GRDB
import Testing

@testable import ArenaServer

/// What `GameStore` writes is what the game was: each kind of change (a new game, a move, the move
/// that ends it, a change without a move) goes through its own statement, and reading the row back
/// must give the record that was saved.
@Suite final class GameStoreTests {
    let directory: TemporaryDirectory
    let database: AppDatabase
    let store: GameStore

    init() throws {
        directory = try TemporaryDirectory("gamestore")
        database = try AppDatabase(path: directory.path("arena.sqlite"))
        store = GameStore(database: database)
    }

    deinit { directory.remove() }

    /// The two players of every game here.
    func twoPlayers() async throws -> (String, String) {
        (try await database.insertTestPlayer("xena"), try await database.insertTestPlayer("otto"))
    }

    /// Plays `positions` in turn as `LiveGame` does, saving each move; returns the final record.
    func play(_ positions: [Int], in start: GameRecord) async throws -> (GameRecord, GameStore.RatingOutcome?) {
        var game = start
        var outcome: GameStore.RatingOutcome?
        for (index, position) in positions.enumerated() {
            let player = try #require(game.currentPlayerID)
            let mark = try #require(game.mark(of: player))
            game.board = try game.board.applying(position: position, mark: mark)
            let now = "2026-01-01T00:00:\(String(format: "%02d", index + 10)).000Z"
            switch game.board.outcome {
            case .won:
                (game.status, game.winnerID, game.endReason, game.endedAt) = (.completed, player, "win", now)
                game.currentPlayerID = nil
            case .draw:
                (game.status, game.endReason, game.endedAt, game.currentPlayerID) = (.completed, "draw", now, nil)
            case .ongoing:
                game.currentPlayerID = game.opponent(of: player)
            }
            game.version += 1
            game.updatedAt = now
            let move = GameStore.MoveRow(
                number: game.board.moveCount, playerID: player, position: position, mark: mark, createdAt: now)
            outcome = try await store.save(game, move: move, finishedAt: game.isFinished ? now : nil)
        }
        return (game, outcome)
    }

    /// The row of `games` as read back, to compare with `columnsOnly` of the record saved.
    func stored(_ id: String) async throws -> GameRecord {
        columnsOnly(try #require(try await store.load(id: id)))
    }

    /// The columns `games` holds (the usernames, ratings and rating changes come from joins).
    func columnsOnly(_ game: GameRecord) -> GameRecord {
        var game = game
        (game.player1Username, game.player2Username) = (nil, nil)
        (game.player1Rating, game.player2Rating) = (nil, nil)
        (game.player1RatingChange, game.player2RatingChange) = (nil, nil)
        return game
    }

    func newGame(_ p1: String, _ p2: String) -> GameRecord {
        GameRecord(
            id: GameID.make(), player1ID: p1, player2ID: p2, invitedID: nil, bot: nil, rated: true,
            now: "2026-01-01T00:00:01.000Z", player1Username: "x", player2Username: "o")
    }

    @Test func aGameWonByAMoveReadsBackAsItWasPlayed() async throws {
        let (p1, p2) = try await twoPlayers()
        let start = newGame(p1, p2)
        try await store.insert(start)
        #expect(try await stored(start.id) == columnsOnly(start))

        let (midway, _) = try await play([4, 0], in: start)
        #expect(try await stored(start.id) == columnsOnly(midway))

        // X: 4, 2, 6 wins on the diagonal 2-4-6.
        let (won, outcome) = try await play([2, 1, 6], in: midway)
        #expect(won.status == .completed && won.winnerID == p1 && won.endReason == "win")
        #expect(try await stored(start.id) == columnsOnly(won))
        let result = try #require(outcome)
        #expect(result.player1After > result.player1Before && result.player2After < result.player2Before)
        let moves = try await store.history(gameID: start.id)
        #expect(moves.map(\.position) == [4, 0, 2, 1, 6])
    }

    @Test func aDrawReadsBackWithNoWinner() async throws {
        let (p1, p2) = try await twoPlayers()
        let start = newGame(p1, p2)
        try await store.insert(start)
        let (drawn, outcome) = try await play([0, 4, 8, 1, 7, 6, 2, 5, 3], in: start)
        #expect(drawn.status == .completed && drawn.winnerID == nil && drawn.endReason == "draw")
        #expect(try await stored(start.id) == columnsOnly(drawn))
        #expect(outcome?.player1After == outcome?.player1Before)
    }

    @Test func aChangeWithoutAMoveRewritesTheWholeRow() async throws {
        let (p1, p2) = try await twoPlayers()
        var game = newGame(p1, p2)
        try await store.insert(game)
        (game.status, game.winnerID, game.endReason, game.currentPlayerID) = (.completed, p2, "resign", nil)
        (game.endedAt, game.updatedAt, game.version) = ("2026-01-01T00:00:09.000Z", "2026-01-01T00:00:09.000Z", 1)
        _ = try await store.save(game, move: nil, finishedAt: game.endedAt)
        #expect(try await stored(game.id) == columnsOnly(game))
    }

    @Test func aNewGameIsNeverWrittenOverAnExistingOne() async throws {
        let (p1, p2) = try await twoPlayers()
        let start = newGame(p1, p2)
        try await store.insert(start)
        let (midway, _) = try await play([4], in: start)
        await #expect(throws: DatabaseError.self) { try await self.store.insert(start) }
        #expect(try await stored(start.id) == columnsOnly(midway))
    }
}
