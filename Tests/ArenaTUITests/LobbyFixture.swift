import ArenaClient
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

    static func live(_ id: String, _ x: String, _ o: String) -> GameDTO {
        GameDTO(
            id: id, player1ID: "u-\(x)", player2ID: "u-\(o)", currentPlayerID: "u-\(o)", winnerID: nil,
            board: ["", "", "", "", "X", "", "", "", ""], status: .active, movesCount: 1, startedAt: nil,
            endedAt: nil, createdAt: "2027-01-15T08:00:00Z", updatedAt: "2027-01-15T08:00:00Z", player1Username: x,
            player2Username: o)
    }

    static let friends = FriendListDTO(
        friends: [
            FriendDTO(user: Fixture.bob, online: true),
            FriendDTO(user: UserDTO(id: "u-erin", username: "erin", createdAt: "2027-01-15T08:00:00Z"), online: false),
        ],
        incoming: [
            FriendRequestDTO(user: UserDTO(id: "u-carol", username: "carol", createdAt: "2027-01-15T08:00:00Z"))
        ],
        outgoing: [FriendRequestDTO(user: UserDTO(id: "u-dave", username: "dave", createdAt: "2027-01-15T08:00:00Z"))])

    /// Alice's lobby: her game with bob, carol's invite, dave's open game, a live game between
    /// frank and gina, and her friends beside it.
    static func state() -> AppState {
        var state = Fixture.loggedIn()
        var lobby = LobbyState()
        lobby.adopt(
            LobbyData(
                mine: [Fixture.game(id: "g1", board: ["X", "", "", "", "O", "", "", "", ""], current: "u-alice")],
                waiting: [waiting("g2", by: "carol", invited: "u-alice"), waiting("g3", by: "dave")],
                live: [live("g4", "frank", "gina")], friends: friends),
            userID: "u-alice")
        state.screen = .lobby(lobby)
        return state
    }
}
