import ArenaClient
import ArenaKit

/// One player's stats card: rating, rank, record, recent games and a rating sparkline.
public struct PlayerCardState: Sendable, Equatable {
    public var userID: String
    public var username: String
    public var stats: PlayerStatsDTO?
    public var message: String?

    public init(userID: String, username: String) {
        self.userID = userID
        self.username = username
    }

    /// Ratings oldest to newest: where the recent games started, then after each one.
    public var ratingHistory: [Int] {
        guard let results = stats?.recentResults, let oldest = results.last else { return [] }
        return [oldest.eloBefore] + results.reversed().map(\.eloAfter)
    }
}

extension AppState {
    mutating func openPlayerCard(userID: String, username: String) -> [Effect] {
        playerCard = PlayerCardState(userID: userID, username: username)
        return [.loadStats(userID: userID)]
    }

    mutating func playerCardKey(_ key: Key) -> [Effect] {
        if bindings.matches(key, .back) || key == .enter { playerCard = nil }
        return []
    }

    mutating func statsLoaded(userID: String, _ result: Result<PlayerStatsDTO, ArenaClientError>) -> [Effect] {
        guard var card = playerCard, card.userID == userID else { return [] }
        switch result {
        case .success(let stats):
            card.stats = stats
            card.username = stats.user.username
        case .failure(let error):
            card.message = error.message
        }
        playerCard = card
        return []
    }
}
