import ArenaClient
import ArenaKit
import Foundation
import Testing

@testable import ArenaTUI

/// Connection, lobby, matchmaking and timers: what happens between the screens.
@Suite struct SessionUpdateTests {
    @Test func aDropShowsACountdownAndTheReconnectRejoinsTheGame() {
        var state = Fixture.inGame(Fixture.game())
        _ = Fixture.send(&state, [.character("5")])
        _ = state.apply(.gateway(.disconnected(reason: "Cannot reach the server.", retryIn: .seconds(2))))
        #expect(
            state.connection
                == .reconnecting(reason: "Cannot reach the server.", retryAt: Fixture.epoch.addingTimeInterval(2)))
        #expect(state.gameScreen?.pendingMove == nil)
        #expect(state.gameScreen?.message == "Connection lost before the move was confirmed.")
        // The countdown needs a wake-up every second while it shows.
        #expect(state.nextWake() == Fixture.epoch.addingTimeInterval(1))
        _ = state.apply(.gateway(.connecting(attempt: 2)))
        #expect(
            state.connection
                == .reconnecting(reason: "Cannot reach the server.", retryAt: Fixture.epoch.addingTimeInterval(2)))
        let effects = state.apply(.gateway(.connected))
        #expect(state.connection == .online)
        guard case .send(let frame) = effects.first else {
            Issue.record("expected a join frame, got \(effects)")
            return
        }
        #expect(frame.message == .joinGame(gameID: "g1"))
        #expect(frame.id != nil)
        // The join's ack is the snapshot: it replaces whatever was missed.
        let snapshot = Fixture.game(board: ["", "", "", "", "X", "", "", "", "O"], current: "u-alice", version: 3)
        _ = state.apply(.gateway(.message(.ack(id: frame.id ?? "", game: snapshot))))
        #expect(state.gameScreen?.game == snapshot)
    }

    @Test func theGatewayGivingUpReturnsToLogin() {
        var state = Fixture.inGame(Fixture.game())
        _ = state.apply(.gateway(.stopped(reason: "Your session has expired: please log in again.")))
        #expect(state.user == nil)
        #expect(state.loginScreen?.formError == "Your session has expired: please log in again.")
    }

    @Test func lobbySortsGamesIntoSectionsAndJoins() {
        var state = Fixture.loggedIn()
        let invite = GameDTO(
            id: "g2", player1ID: "u-carol", player2ID: nil, currentPlayerID: nil, winnerID: nil,
            board: Array(repeating: "", count: 9), status: .waiting, movesCount: 0, startedAt: nil, endedAt: nil,
            createdAt: "t", updatedAt: "t", player1Username: "carol", invitedID: "u-alice")
        var open = invite
        open.id = "g3"
        open.invitedID = nil
        open.player1Username = "dave"
        var othersInvite = invite
        othersInvite.id = "g4"
        othersInvite.invitedID = "u-erin"
        let mine = Fixture.game(id: "g1")
        _ = state.apply(
            .response(.lobbyLoaded(.success(LobbyData(mine: [mine], waiting: [invite, open, othersInvite])))))
        #expect(state.lobbyScreen?.entries.map(\.kind) == [.mine, .invite, .open])
        #expect(state.lobbyScreen?.loadedAt == Fixture.epoch)
        _ = Fixture.send(&state, [.down])
        #expect(Fixture.send(&state, [.enter]) == [.joinGame(id: "g2")])
        let joined = Fixture.game(id: "g2")
        let effects = state.apply(.response(.gameJoined(.success(joined))))
        #expect(state.gameScreen?.gameID == "g2")
        #expect(
            effects.first.map { effect in
                if case .send(let frame) = effect { return frame.message == .joinGame(gameID: "g2") }
                return false
            } == true)
    }

    @Test func lobbyCreatesInvitesAndStartsBotGames() {
        var state = Fixture.loggedIn()
        #expect(Fixture.send(&state, [.character("n")]) == [.createGame(opponent: nil, bot: nil)])
        state = Fixture.loggedIn()
        _ = Fixture.send(&state, [.character("i")])
        _ = Fixture.type(&state, "bob")
        #expect(Fixture.send(&state, [.enter]) == [.createGame(opponent: "bob", bot: nil)])
        state = Fixture.loggedIn()
        _ = Fixture.send(&state, [.character("i")])
        _ = Fixture.type(&state, "x")
        #expect(Fixture.send(&state, [.enter]).isEmpty)
        #expect(state.lobbyScreen?.message == "Username must be 3 to 20 characters.")
        state = Fixture.loggedIn()
        _ = Fixture.send(&state, [.character("b")])
        #expect(Fixture.send(&state, [.character("h")]) == [.createGame(opponent: nil, bot: "hard")])
    }

    @Test func theLobbyRefreshesOnItsOwnEveryTenSeconds() {
        var state = Fixture.loggedIn()
        _ = state.apply(.response(.lobbyLoaded(.success(LobbyData(mine: [], waiting: [])))))
        #expect(state.nextWake() == Fixture.epoch.addingTimeInterval(10))
        #expect(state.apply(.tick(Fixture.epoch.addingTimeInterval(5))).isEmpty)
        #expect(state.apply(.tick(Fixture.epoch.addingTimeInterval(10))) == [.loadLobby])
        // While the refresh runs nothing else is scheduled: an idle client sleeps.
        #expect(state.nextWake() == nil)
    }

    @Test func matchmakingWaitsPollsCancelsAndJumpsIntoTheGame() {
        var state = Fixture.loggedIn()
        #expect(Fixture.send(&state, [.character("m")]) == [.enqueue])
        guard case .matchmaking = state.screen else {
            Issue.record("expected the matchmaking screen")
            return
        }
        #expect(state.apply(.tick(Fixture.epoch.addingTimeInterval(1))) == [.pollQueue])
        #expect(state.apply(.tick(Fixture.epoch.addingTimeInterval(2))).isEmpty)
        #expect(state.apply(.tick(Fixture.epoch.addingTimeInterval(4))) == [.pollQueue])

        let match = MatchFoundDTO(gameID: "g9", opponent: Fixture.bob, mark: .o)
        let effects = state.apply(.gateway(.message(.matchFound(match))))
        #expect(state.gameScreen?.gameID == "g9")
        #expect(state.gameScreen?.opponent == .init(id: "u-bob", username: "bob", rating: 1216))
        #expect(effects.last == .ringBell)

        state = Fixture.loggedIn()
        _ = Fixture.send(&state, [.character("m")])
        #expect(Fixture.send(&state, [.escape]) == [.leaveQueue, .loadLobby])
        #expect(state.lobbyScreen != nil)
    }

    @Test func helpOpensWithQuestionMarkAndAnyKeyClosesIt() {
        var state = Fixture.loggedIn()
        _ = Fixture.send(&state, [.character("?")])
        #expect(state.showHelp)
        #expect(Fixture.send(&state, [.character("q")]).isEmpty)
        #expect(!state.showHelp)
        #expect(!state.shouldQuit)
        // On the login form `?` is text; F1 opens help there.
        var login = AppState(serverName: "s", now: Fixture.epoch)
        _ = Fixture.send(&login, [.character("?")])
        #expect(!login.showHelp)
        _ = Fixture.send(&login, [.function(1)])
        #expect(login.showHelp)
    }

    @Test func signalsQuitCleanly() {
        var state = Fixture.inGame(Fixture.game())
        #expect(state.apply(.terminate) == [.disconnectGateway, .quit])
        #expect(state.shouldQuit)
    }

    @Test func noticesFade() {
        var state = Fixture.loggedIn()
        let invite = Fixture.game(id: "g7", status: .waiting)
        _ = state.apply(.gateway(.message(.gameInvite(invite))))
        #expect(state.notice?.text == "alice invites you to a game: see the lobby.")
        #expect(state.nextWake() == Fixture.epoch.addingTimeInterval(4))
        _ = state.apply(.tick(Fixture.epoch.addingTimeInterval(4)))
        #expect(state.notice == nil)
    }

    @Test func someoneJoiningYourGameInTheLobbyTakesYouToTheBoard() {
        var state = Fixture.loggedIn()
        let joined = Fixture.game(id: "g9", current: "u-alice")
        let effects = state.apply(.gateway(.message(.gameJoined(joined))))
        #expect(state.gameScreen?.gameID == "g9")
        #expect(state.gameScreen?.opponent?.username == "bob")
        #expect(state.gameScreen?.matchNotice == "bob joined your game: you play X.")
        #expect(effects.contains(.ringBell))
        #expect(effects.contains { if case .send(let e) = $0 { e.message == .joinGame(gameID: "g9") } else { false } })
    }

    @Test func someoneJoiningYourGameWhileYouAreBusyIsANotice() {
        var state = Fixture.inGame(Fixture.game(id: "g1"))
        let effects = state.apply(.gateway(.message(.gameJoined(Fixture.game(id: "g9")))))
        #expect(state.gameScreen?.gameID == "g1")
        #expect(state.notice?.text == "bob joined your open game: find it in the lobby.")
        #expect(effects == [.ringBell])
        // On that game's own screen its game_update says it all.
        var waiting = Fixture.inGame(Fixture.game(id: "g9", status: .waiting, player2: false))
        #expect(waiting.apply(.gateway(.message(.gameJoined(Fixture.game(id: "g9"))))).isEmpty)
        #expect(waiting.notice == nil)
    }

    @Test func escapeInTheLobbyDoesNotEndTheSessionButQDoes() {
        // Esc takes every other screen back to the lobby; one press too many must not quit.
        var state = Fixture.loggedIn()
        #expect(state.apply(.key(.escape)).isEmpty)
        #expect(!state.shouldQuit)
        if case .lobby(let lobby) = state.screen { #expect(lobby.message == "Press q to quit.") }
        #expect(state.apply(.key(.character("q"))) == [.disconnectGateway, .quit])
        #expect(state.shouldQuit)
    }

    @Test func aFailedInviteIsStillShownAfterTheReloadItStarted() {
        var state = Fixture.loggedIn()
        let failure = ArenaClientError(status: 404, code: "user_not_found", message: "No player named zed.")
        #expect(state.apply(.response(.gameCreated(.failure(failure)))) == [.loadLobby])
        let empty = LobbyData(mine: [], waiting: [])
        _ = state.apply(.response(.lobbyLoaded(.success(empty))))
        if case .lobby(let lobby) = state.screen { #expect(lobby.message == "No player named zed.") }
        // The refresh after that one clears it.
        _ = state.apply(.response(.lobbyLoaded(.success(empty))))
        if case .lobby(let lobby) = state.screen { #expect(lobby.message == nil) }
    }
}
