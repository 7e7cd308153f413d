import ArenaClient
import ArenaKit
import Foundation
import Testing

@testable import ArenaTUI

@Suite struct GameUpdateTests {
    @Test func digitPlacesOnThatSquareOverTheGateway() {
        var state = Fixture.inGame(Fixture.game())
        let effects = Fixture.send(&state, [.character("7")])
        guard case .send(let envelope) = effects.first else {
            Issue.record("expected a frame, got \(effects)")
            return
        }
        #expect(envelope.message == .makeMove(gameID: "g1", position: 6, expectedVersion: nil))
        #expect(state.gameScreen?.pendingMove?.position == 6)
        // No id: the room's game_update is the answer, and the server sends no ack.
        #expect(envelope.id == nil)
        // A second key before the answer sends nothing.
        #expect(Fixture.send(&state, [.character("1")]).isEmpty)
    }

    @Test func arrowsAndVimKeysMoveTheCursorWithinTheBoard() {
        var state = Fixture.inGame(Fixture.game())
        _ = Fixture.send(&state, [.up, .left, .left, .character("k")])
        #expect(state.gameScreen?.cursor == 0)
        _ = Fixture.send(&state, [.character("l"), .right, .right, .down, .character("j"), .down])
        #expect(state.gameScreen?.cursor == 8)
        let effects = Fixture.send(&state, [.enter])
        #expect(
            effects.first
                == .send(
                    ClientEnvelope(
                        id: nil,
                        message: .makeMove(gameID: "g1", position: 8, expectedVersion: nil))))
    }

    @Test func refusesOutOfTurnAndTakenSquaresLocally() {
        var state = Fixture.inGame(Fixture.game(board: ["X", "", "", "", "", "", "", "", ""], current: "u-bob"))
        #expect(Fixture.send(&state, [.character("2")]).isEmpty)
        #expect(state.gameScreen?.message == "Wait for your turn.")
        state = Fixture.inGame(Fixture.game(board: ["X", "O", "", "", "", "", "", "", ""], current: "u-alice"))
        #expect(Fixture.send(&state, [.character("1")]).isEmpty)
        #expect(state.gameScreen?.message == "That square is taken.")
    }

    @Test func noMovesWhileOffline() {
        var state = Fixture.inGame(Fixture.game())
        state.connection = .reconnecting(reason: "x", retryAt: Fixture.epoch)
        #expect(Fixture.send(&state, [.character("5")]).isEmpty)
        #expect(state.gameScreen?.message == "Not connected: wait for the reconnect.")
    }

    @Test func theRoomsUpdateOfTheMoveClearsThePendingMove() {
        var state = Fixture.inGame(Fixture.game(version: 1))
        _ = Fixture.send(&state, [.character("5")])
        #expect(state.gameScreen?.pendingMove == .init(position: 4))
        let after = Fixture.game(board: ["", "", "", "", "X", "", "", "", ""], current: "u-bob", version: 2)
        _ = state.apply(.gateway(.message(.gameUpdate(after))))
        #expect(state.gameScreen?.pendingMove == nil)
        #expect(state.gameScreen?.game == after)
        #expect(state.gameScreen?.isMyTurn(userID: "u-alice") == false)
    }

    @Test func anErrorForTheMoveShowsItAndRefetches() {
        var state = Fixture.inGame(Fixture.game())
        _ = Fixture.send(&state, [.character("5")])
        // An error for a request with an id (a chat line, say) is not the move's.
        _ = state.apply(.gateway(.message(.error(id: "c9", code: "chat_too_long", message: "Too long."))))
        #expect(state.gameScreen?.pendingMove != nil)
        let effects = state.apply(
            .gateway(.message(.error(id: nil, code: "not_your_turn", message: "Not your turn."))))
        #expect(effects == [.fetchGame(id: "g1")])
        #expect(state.gameScreen?.pendingMove == nil)
        #expect(state.gameScreen?.message == "Not your turn.")
    }

    @Test func opponentMovesArriveAndOlderVersionsAreDropped() {
        var state = Fixture.inGame(
            Fixture.game(board: ["X", "", "", "", "", "", "", "", ""], current: "u-bob", version: 3))
        let newer = Fixture.game(board: ["X", "", "", "", "O", "", "", "", ""], current: "u-alice", version: 4)
        let effects = state.apply(.gateway(.message(.gameUpdate(newer))))
        #expect(state.gameScreen?.game == newer)
        #expect(effects.contains(.ringBell))
        let stale = Fixture.game(board: ["X", "", "", "", "", "", "", "", ""], current: "u-bob", version: 3)
        _ = state.apply(.gateway(.message(.gameUpdate(stale))))
        #expect(state.gameScreen?.game == newer)
        // An update for another game does not touch this one.
        _ = state.apply(.gateway(.message(.gameUpdate(Fixture.game(id: "other", version: 99)))))
        #expect(state.gameScreen?.game == newer)
    }

    @Test func theEndFetchesRatingsAndShowsTheChange() {
        var state = Fixture.inGame(Fixture.game(version: 5))
        let over = Fixture.game(
            board: ["X", "X", "X", "O", "O", "", "", "", ""], status: .completed, current: nil, winner: "u-alice",
            version: 6, endReason: "win", winningLine: [0, 1, 2])
        let effects = state.apply(.gateway(.message(.gameUpdate(over))))
        #expect(effects == [.loadProfile, .loadPlayer(userID: "u-bob")])
        var richer = Fixture.alice
        richer.eloRating = 1216
        _ = state.apply(.response(.profileLoaded(.success(richer))))
        #expect(state.gameScreen?.ratingAfter == 1216)
        #expect(state.user?.eloRating == 1216)
    }

    @Test func chatTypingSendingAndTheEcho() {
        var state = Fixture.inGame(Fixture.game())
        _ = Fixture.send(&state, [.tab])
        #expect(state.gameScreen?.focus == .chat)
        // In the chat, digits and q are text, not moves or quitting.
        _ = Fixture.type(&state, "gl q5?")
        _ = Fixture.send(&state, [.backspace])
        #expect(state.gameScreen?.chatDraft == "gl q5")
        #expect(state.showHelp == false)
        let effects = Fixture.send(&state, [.enter])
        guard case .send(let envelope) = effects.first else {
            Issue.record("expected a chat frame")
            return
        }
        #expect(envelope.message == .chatMessage(gameID: "g1", text: "gl q5"))
        #expect(state.gameScreen?.chatDraft == "")
        #expect(state.gameScreen?.chat.last == .init(from: "alice", text: "gl q5", mine: true, pending: true))
        let echo = ChatMessageDTO(
            gameID: "g1", from: .init(id: "u-alice", username: "alice"), text: "gl q5", createdAt: "t")
        _ = state.apply(.gateway(.message(.chatMessage(echo))))
        #expect(state.gameScreen?.chat.count == 1)
        #expect(state.gameScreen?.chat.last?.pending == false)
        let reply = ChatMessageDTO(
            gameID: "g1", from: .init(id: "u-bob", username: "bob"), text: "you too", createdAt: "t")
        _ = state.apply(.gateway(.message(.chatMessage(reply))))
        #expect(state.gameScreen?.chat.last == .init(from: "bob", text: "you too", mine: false, pending: false))
        _ = Fixture.send(&state, [.escape])
        #expect(state.gameScreen?.focus == .board)
    }

    @Test func resignAsksFirst() {
        var state = Fixture.inGame(Fixture.game())
        #expect(Fixture.send(&state, [.character("r")]).isEmpty)
        #expect(state.gameScreen?.confirmation == .resign)
        #expect(Fixture.send(&state, [.character("n")]).isEmpty)
        #expect(state.gameScreen?.confirmation == nil)
        _ = Fixture.send(&state, [.character("r")])
        #expect(Fixture.send(&state, [.character("y")]) == [.deleteGame(id: "g1")])
    }

    @Test func leavingAnActiveGameAsksAndAFinishedOneDoesNot() {
        var state = Fixture.inGame(Fixture.game())
        _ = Fixture.send(&state, [.character("q")])
        #expect(state.gameScreen?.confirmation == .leave)
        let effects = Fixture.send(&state, [.character("y")])
        #expect(effects == [.send(ClientEnvelope(message: .leaveGame(gameID: "g1"))), .loadLobby])
        #expect(state.lobbyScreen != nil)

        state = Fixture.inGame(Fixture.game(status: .completed, current: nil))
        _ = Fixture.send(&state, [.escape])
        #expect(state.lobbyScreen != nil)
    }

    @Test func rematchOfferedAcceptedAndStarted() {
        var state = Fixture.inGame(Fixture.game(status: .completed, current: nil, winner: "u-bob"))
        let offer = RematchDTO(gameID: "g1", from: .init(id: "u-bob", username: "bob"))
        #expect(state.apply(.gateway(.message(.rematchOffered(offer)))) == [.ringBell])
        #expect(state.gameScreen?.rematch == .offeredToMe(from: "bob"))
        let effects = Fixture.send(&state, [.character("m")])
        guard case .send(let envelope) = effects.first else {
            Issue.record("expected an answer frame")
            return
        }
        #expect(envelope.message == .answerRematch(gameID: "g1", accept: true))
        let started = RematchDTO(gameID: "g1", from: .init(id: "u-bob", username: "bob"), newGameID: "g2")
        let next = state.apply(.gateway(.message(.rematchStarted(started))))
        #expect(state.gameScreen?.gameID == "g2")
        #expect(
            next.contains { effect in
                if case .send(let frame) = effect { return frame.message == .joinGame(gameID: "g2") }
                return false
            })
    }

    @Test func clickingASquarePlacesThere() {
        var state = Fixture.inGame(Fixture.game())
        let layout = GameLayout(size: state.size)
        let origin = layout.origin(ofSquare: 2)
        let effects = state.apply(.click(Point(x: origin.x + 3, y: origin.y + 1)))
        #expect(state.gameScreen?.pendingMove?.position == 2)
        #expect(effects.count == 1)
        // The border between squares is not a square.
        #expect(layout.square(at: Point(x: layout.board.x, y: layout.board.y)) == nil)
    }
}
