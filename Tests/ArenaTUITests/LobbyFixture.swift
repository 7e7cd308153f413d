import ArenaKit

@testable import ArenaTUI

enum LobbyFixture {
    static func waiting(_ id: String, by name: String, invited: String? = nil) -> GameDTO {
        GameDTO(
            id: id, player1ID: "u-\(name)", player2ID: nil, currentPlayerID: nil, winnerID: nil,
            board: Array(repeating: "", count: 9), status: .waiting, movesCount: 0, startedAt: nil, endedAt: nil,
            createdAt: "2027-01-15T08:00:00Z", updatedAt: "2027-01-15T08:00:00Z", player1Username: name,
            invitedID: invited)
    }

    /// Alice's lobby: her game with bob, carol's invite, dave's open game.
    static func state() -> AppState {
        var state = Fixture.loggedIn()
        var lobby = LobbyState()
        lobby.adopt(
            LobbyData(
                mine: [Fixture.game(id: "g1", board: ["X", "", "", "", "O", "", "", "", ""], current: "u-alice")],
                waiting: [waiting("g2", by: "carol", invited: "u-alice"), waiting("g3", by: "dave")]),
            userID: "u-alice")
        state.screen = .lobby(lobby)
        return state
    }
}
