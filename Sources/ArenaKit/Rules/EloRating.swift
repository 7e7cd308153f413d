import Foundation

/// Elo as FIDE runs it: K = 40 for a player's first 30 rated games, 20 after. Draws count as half.
public enum EloRating {
    public static let initial = 1200
    public static let provisionalGames = 30

    public static func kFactor(gamesPlayed: Int) -> Double {
        gamesPlayed < provisionalGames ? 40 : 20
    }

    public static func isProvisional(gamesPlayed: Int) -> Bool { gamesPlayed < provisionalGames }

    /// The expected score of a player rated `rating` against `opponent`, between 0 and 1.
    public static func expectedScore(rating: Int, opponent: Int) -> Double {
        1 / (1 + pow(10, Double(opponent - rating) / 400))
    }

    /// The new rating after one game. `score` is 1 for a win, 0.5 for a draw, 0 for a loss.
    public static func updated(rating: Int, opponent: Int, score: Double, gamesPlayed: Int) -> Int {
        let change = kFactor(gamesPlayed: gamesPlayed) * (score - expectedScore(rating: rating, opponent: opponent))
        return rating + Int(change.rounded())
    }

    /// Both new ratings for a finished game, from player 1's score.
    public static func result(
        player1: (rating: Int, gamesPlayed: Int),
        player2: (rating: Int, gamesPlayed: Int),
        player1Score: Double
    ) -> (player1: Int, player2: Int) {
        (
            updated(rating: player1.rating, opponent: player2.rating, score: player1Score, gamesPlayed: player1.gamesPlayed),
            updated(rating: player2.rating, opponent: player1.rating, score: 1 - player1Score, gamesPlayed: player2.gamesPlayed)
        )
    }
}
