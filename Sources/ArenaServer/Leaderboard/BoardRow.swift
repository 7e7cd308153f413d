import ArenaKit
import GRDB

/// The columns of `user_profiles` a board shows and orders by.
struct BoardRow: Decodable, FetchableRecord, Sendable, Equatable {
    var id: String
    var username: String
    var eloRating: Int
    var gamesPlayed: Int
    var gamesWon: Int
    var gamesLost: Int
    var gamesDrawn: Int
    var ratingUpdatedAt: String?

    static let columns =
        "id, username, elo_rating, games_played, games_won, games_lost, games_drawn, rating_updated_at"

    /// The board order: rating, then games won, then who reached the rating first, then id so that
    /// no two players ever share a position. SQLite sorts a NULL `rating_updated_at` first.
    static let order = "elo_rating DESC, games_won DESC, rating_updated_at ASC, id ASC"

    enum CodingKeys: String, CodingKey {
        case id, username
        case eloRating = "elo_rating"
        case gamesPlayed = "games_played"
        case gamesWon = "games_won"
        case gamesLost = "games_lost"
        case gamesDrawn = "games_drawn"
        case ratingUpdatedAt = "rating_updated_at"
    }

    var isRanked: Bool { gamesPlayed > 0 }

    func entry(rank: Int) -> LeaderboardEntryDTO {
        LeaderboardEntryDTO(
            rank: rank, userID: id, username: username, eloRating: eloRating, gamesPlayed: gamesPlayed,
            gamesWon: gamesWon, gamesLost: gamesLost, gamesDrawn: gamesDrawn)
    }

    static func page(_ rows: [BoardRow], offset: Int, total: Int) -> LeaderboardPageDTO {
        LeaderboardPageDTO(
            entries: rows.enumerated().map { index, row in row.entry(rank: offset + index + 1) }, total: total)
    }
}
