import ArenaClient
import ArenaKit
import Foundation

@testable import ArenaTUI

/// People, boards and stats for the part-2 screens: leaderboards, friends, profile, watching.
enum Part2Fixture {
    static func entry(_ rank: Int, _ name: String, _ rating: Int, won: Int = 1, lost: Int = 1) -> LeaderboardEntryDTO {
        LeaderboardEntryDTO(
            rank: rank, userID: "u-\(name)", username: name, eloRating: rating, gamesPlayed: won + lost,
            gamesWon: won, gamesLost: lost, gamesDrawn: 0)
    }

    static let page = LeaderboardPageDTO(
        entries: [
            entry(1, "dave", 1262, won: 4, lost: 0), entry(2, "alice", 1231, won: 3, lost: 1),
            entry(3, "carol", 1219), entry(4, "bob", 1180, won: 0, lost: 2),
        ], total: 4)

    static let stats = PlayerStatsDTO(
        user: UserDTO(
            id: "u-bob", username: "bob", eloRating: 1180, gamesPlayed: 4, gamesWon: 1, gamesLost: 3,
            createdAt: "2027-01-15T08:00:00Z", provisional: true),
        recentResults: [
            RecentResultDTO(
                gameID: "g4", opponentID: "u-alice", opponentUsername: "alice", result: "loss", eloBefore: 1200,
                eloAfter: 1180, eloChange: -20, endedAt: "2027-01-18T10:00:00Z"),
            RecentResultDTO(
                gameID: "g3", opponentID: "u-carol", opponentUsername: "carol", result: "win", eloBefore: 1185,
                eloAfter: 1200, eloChange: 15, endedAt: "2027-01-17T10:00:00Z"),
            RecentResultDTO(
                gameID: "g2", opponentID: "u-dave", opponentUsername: "dave", result: "loss", eloBefore: 1200,
                eloAfter: 1185, eloChange: -15, endedAt: "2027-01-16T10:00:00Z"),
        ], winRate: 0.25, bestStreak: 1, rank: 4)

    /// Alice on the global board, loaded.
    static func leaderboard() -> AppState {
        var state = Fixture.loggedIn()
        _ = state.apply(.key(.character("l")))
        _ = state.apply(
            .response(
                .leaderboardLoaded(.global, offset: 0, .success(page))))
        return state
    }

    static func carolGame(status: GameDTO.Status = .active) -> GameDTO {
        GameDTO(
            id: "g8", player1ID: "u-carol", player2ID: "u-dave", currentPlayerID: "u-dave", winnerID: nil,
            board: ["", "", "", "", "X", "", "", "", ""], status: status, movesCount: 1, startedAt: nil, endedAt: nil,
            createdAt: "2027-01-15T08:00:00Z", updatedAt: "2027-01-15T08:00:00Z", player1Username: "carol",
            player2Username: "dave", version: 2, player1Rating: 1219, player2Rating: 1262)
    }

    static func chat(_ from: String, _ text: String, game: String = "g1") -> ChatMessageDTO {
        ChatMessageDTO(
            gameID: game, from: PlayerRef(id: "u-\(from)", username: from), text: text,
            createdAt: "2027-01-15T08:00:00Z")
    }
}

extension AppState {
    var leaderboardScreen: LeaderboardState? {
        if case .leaderboard(let board) = screen { return board }
        return nil
    }

    var friendsScreen: FriendsState? {
        if case .friends(let friends) = screen { return friends }
        return nil
    }

    var profileScreen: ProfileState? {
        if case .profile(let profile) = screen { return profile }
        return nil
    }
}
