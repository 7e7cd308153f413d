import ArenaKit
import Foundation

@testable import ArenaTUI

/// Fixed people, games and clocks so rendered screens are the same on every run.
enum Fixture {
    static let epoch = Date(timeIntervalSince1970: 1_800_000_000)

    static let alice = UserDTO(
        id: "u-alice", username: "alice", eloRating: 1200, gamesPlayed: 3, gamesWon: 2, gamesLost: 1,
        createdAt: "2027-01-15T08:00:00Z")
    static let bob = UserDTO(id: "u-bob", username: "bob", eloRating: 1216, createdAt: "2027-01-15T08:00:00Z")

    static func game(
        id: String = "g1", board: [String] = Array(repeating: "", count: 9), status: GameDTO.Status = .active,
        current: String? = "u-alice", winner: String? = nil, version: Int = 1, player2: Bool = true,
        endReason: String? = nil, winningLine: [Int]? = nil
    ) -> GameDTO {
        GameDTO(
            id: id, player1ID: "u-alice", player2ID: player2 ? "u-bob" : nil, currentPlayerID: current,
            winnerID: winner, board: board, status: status, movesCount: board.filter { !$0.isEmpty }.count,
            startedAt: nil, endedAt: nil, createdAt: "2027-01-15T08:00:00Z", updatedAt: "2027-01-15T08:00:00Z",
            player1Username: "alice", player2Username: player2 ? "bob" : nil, version: version, endReason: endReason,
            winningLine: winningLine)
    }

    /// Logged in as alice, online, in the lobby.
    static func loggedIn() -> AppState {
        var state = AppState(serverName: "localhost:5000", now: epoch)
        state.user = alice
        state.connection = .online
        state.screen = .lobby(LobbyState())
        return state
    }

    /// Alice in game g1 against bob, with the given snapshot.
    static func inGame(_ dto: GameDTO) -> AppState {
        var state = loggedIn()
        var game = GameScreenState(gameID: dto.id, game: dto)
        game.opponent = .init(id: "u-bob", username: "bob", rating: 1216)
        game.ratingBefore = 1200
        state.screen = .game(game)
        return state
    }

    static func send(_ state: inout AppState, _ keys: [Key]) -> [Effect] {
        keys.flatMap { state.apply(.key($0)) }
    }

    static func type(_ state: inout AppState, _ text: String) -> [Effect] {
        send(&state, text.map { Key.character($0) })
    }
}

extension AppState {
    var gameScreen: GameScreenState? { gameState }

    var loginScreen: LoginState? {
        if case .login(let login) = screen { return login }
        return nil
    }

    var lobbyScreen: LobbyState? {
        if case .lobby(let lobby) = screen { return lobby }
        return nil
    }
}
