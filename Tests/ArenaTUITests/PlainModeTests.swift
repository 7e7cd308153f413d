import ArenaClient
import ArenaKit
import Foundation
import Testing

@testable import ArenaTUI

/// Accessible mode without a terminal: typed lines in, effects and sentences out.
@Suite struct PlainModeTests {
    func loggedIn() -> PlainSession {
        var session = PlainSession(state: AppState(serverName: "localhost:5000", now: Fixture.epoch))
        _ = session.takeOutput()
        _ = session.input("login alice")
        _ = session.input("long enough password 1")
        _ = session.receive(.response(.authenticated(.success(Fixture.alice))))
        _ = session.takeOutput()
        return session
    }

    @Test func coordinatesAndDigitsNameTheSameSquares() {
        #expect(Coordinates.parse("A1") == 0)
        #expect(Coordinates.parse("b2") == 4)
        #expect(Coordinates.parse("3C") == 8)
        #expect(Coordinates.parse("C1") == 2)
        #expect(Coordinates.parse("5") == 4)
        #expect(Coordinates.parse("D1") == nil)
        #expect(Coordinates.parse("A4") == nil)
        #expect((0..<9).map(Coordinates.name) == ["A1", "B1", "C1", "A2", "B2", "C2", "A3", "B3", "C3"])
    }

    @Test func commandsParse() {
        #expect(PlainCommand.parse("B2") == .move(4))
        #expect(PlainCommand.parse("move a3") == .move(6))
        #expect(PlainCommand.parse("say Good luck, Bob") == .say("Good luck, Bob"))
        #expect(PlainCommand.parse("JOIN 2") == .join(2))
        #expect(PlainCommand.parse("bot hard") == .bot("hard"))
        #expect(PlainCommand.parse("friend add Carol") == .friend(.send("Carol")))
        #expect(PlainCommand.parse("logout all") == .logout(everywhere: true))
        #expect(PlainCommand.parse("profile name Alice Liddell") == .setProfile(field: "name", value: "Alice Liddell"))
        #expect(PlainCommand.parse("leaders 3") == .leaders(page: 3))
        if case .unknown = PlainCommand.parse("dance") {} else { Issue.record("dance is not a command") }
    }

    @Test func loginPromptsForAHiddenPasswordAndSendsTheForm() {
        var session = PlainSession(state: AppState(serverName: "localhost:5000", now: Fixture.epoch))
        #expect(session.takeOutput().first?.contains("Type login, register, or help.") == true)
        #expect(session.input("lobby").isEmpty)
        #expect(session.takeOutput() == ["Log in first: type login, or register for a new account."])
        #expect(session.input("login").isEmpty)
        #expect(session.takeOutput() == ["Username:"])
        _ = session.input("alice")
        #expect(session.prompt?.isSecret == true)
        let effects = session.input("long enough password 1")
        #expect(effects == [.login(username: "alice", password: "long enough password 1")])
        #expect(!session.takeOutput().joined().contains("long enough"), "a password is never said back")
        _ = session.receive(.response(.authenticated(.success(Fixture.alice))))
        #expect(
            session.takeOutput() == ["Logged in as alice, rating 1200. Type lobby to see the games, or help."])
    }

    @Test func aWrongPasswordIsSaid() {
        var session = PlainSession(state: AppState(serverName: "s", now: Fixture.epoch))
        _ = session.input("login alice")
        _ = session.input("nope nope nope")
        _ = session.takeOutput()
        let error = ArenaClientError(status: 401, code: "invalid_credentials", message: "Wrong username or password.")
        _ = session.receive(.response(.authenticated(.failure(error))))
        #expect(session.takeOutput() == ["Wrong username or password."])
    }

    @Test func theLobbyIsNumberedAndJoinUsesTheNumber() {
        var session = loggedIn()
        #expect(session.input("lobby") == [.loadLobby])
        let data = LobbyData(
            mine: [], waiting: [LobbyFixture.waiting("g2", by: "carol", invited: "u-alice")],
            live: [LobbyFixture.live("g4", "frank", "gina")])
        _ = session.receive(.response(.lobbyLoaded(.success(data))))
        #expect(
            session.takeOutput() == [
                "2 games:", "1. carol invites you. Type join 1.",
                "2. Live: frank against gina, move 2. Type watch 2.",
            ])
        #expect(session.input("join 1") == [.joinGame(id: "g2")])
        #expect(session.input("join 9").isEmpty)
    }

    @Test func aWholeGameReadsAsSentences() {
        var session = loggedIn()
        _ = session.receive(.gateway(.connected))
        let match = MatchFoundDTO(gameID: "g1", opponent: Fixture.bob, mark: .x)
        _ = session.receive(.gateway(.message(.matchFound(match))))
        _ = session.receive(.gateway(.message(.gameUpdate(Fixture.game()))))
        #expect(
            session.takeOutput() == [
                "Match found: you play X against bob.", "Game against bob: you play X. Your move.",
            ])
        let effects = session.input("B2")
        guard case .send(let envelope) = effects.first else {
            Issue.record("expected a move frame, got \(effects)")
            return
        }
        #expect(envelope.message == .makeMove(gameID: "g1", position: 4, expectedVersion: nil))
        let afterMine = Fixture.game(board: ["", "", "", "", "X", "", "", "", ""], current: "u-bob", version: 2)
        #expect(envelope.id == nil)
        _ = session.receive(.gateway(.message(.gameUpdate(afterMine))))
        #expect(session.takeOutput() == ["You played B2. bob to move."])
        let afterBob = Fixture.game(board: ["O", "", "", "", "X", "", "", "", ""], current: "u-alice", version: 3)
        _ = session.receive(.gateway(.message(.gameUpdate(afterBob))))
        #expect(session.takeOutput() == ["bob played A1. Your move."])
        #expect(session.input("A1").isEmpty)
        #expect(session.takeOutput() == ["That square is taken."])
        let chat = session.input("say good game")
        #expect(
            chat.contains {
                if case .send(let e) = $0 { e.message == .chatMessage(gameID: "g1", text: "good game") } else { false }
            })
        _ = session.receive(.gateway(.message(.chatMessage(Part2Fixture.chat("bob", "thanks")))))
        #expect(session.takeOutput() == ["bob says: thanks"])
        _ = session.input("board")
        #expect(
            session.takeOutput() == [
                "Row 1: A1 O, B1 empty, C1 empty.", "Row 2: A2 empty, B2 X, C2 empty.",
                "Row 3: A3 empty, B3 empty, C3 empty.", "Your move.",
            ])
        var end = Fixture.game(
            board: ["O", "", "X", "", "X", "", "X", "", "O"], status: .completed, current: nil, winner: "u-alice",
            version: 6, endReason: "win", winningLine: [2, 4, 6])
        end.player1Rating = 1220
        end.player1RatingChange = 20
        _ = session.receive(.gateway(.message(.gameUpdate(end))))
        #expect(
            session.takeOutput() == [
                "You played C1. You played A3. bob played C3. You won! Rating 1200 to 1220 (+20). Type rematch, or leave."
            ])
        _ = session.input("leave")
        #expect(session.takeOutput() == ["Back in the lobby. Type lobby to list the games."])
    }

    @Test func resignAndLeaveNeedNoSecondQuestion() {
        var session = loggedIn()
        _ = session.receive(.gateway(.connected))
        _ = session.receive(
            .gateway(.message(.matchFound(MatchFoundDTO(gameID: "g1", opponent: Fixture.bob, mark: .x)))))
        _ = session.receive(.gateway(.message(.gameUpdate(Fixture.game()))))
        #expect(session.input("resign") == [.deleteGame(id: "g1")])
        #expect(session.input("new").isEmpty)
        #expect(session.takeOutput().last == "You are in a game: type leave first.")
    }

    @Test func listingsAskedForArePrinted() {
        var session = loggedIn()
        #expect(session.input("leaders") == [.loadLeaderboard(.global, limit: 10, offset: 0)])
        _ = session.receive(.response(.leaderboardLoaded(.global, offset: 0, .success(Part2Fixture.page))))
        let board = session.takeOutput()
        #expect(board.first == "Leaderboard, 1 to 4 of 4:")
        #expect(board.contains("2. alice (you), rating 1231, 3 won, 1 lost, 0 drawn."))
        #expect(session.input("stats bob") == [.loadLeaderboard(.search("bob"), limit: 20, offset: 0)])
        let found = session.receive(
            .response(.leaderboardLoaded(.search("bob"), offset: 0, .success(Part2Fixture.page))))
        #expect(found == [.loadStats(userID: "u-bob")])
        _ = session.receive(.response(.statsLoaded(userID: "u-bob", .success(Part2Fixture.stats))))
        #expect(session.takeOutput().first?.hasPrefix("bob: rating 1180, rank 4.") == true)
        #expect(session.input("friends") == [.loadFriends])
        _ = session.receive(.response(.friendsLoaded(.success(LobbyFixture.friends))))
        #expect(session.takeOutput().contains("bob, rating 1216, online."))
        #expect(session.input("friend accept carol") == [.friend(.accept("carol"))])
        _ = session.receive(.response(.friendDone(.accept("carol"), .success(Done()))))
        #expect(session.takeOutput() == ["You and carol are friends now."])
    }
}
