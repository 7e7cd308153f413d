/// A finished game, as announced by Games once its result and ratings are committed.
public struct FinishedGame: Sendable, Equatable {
    public var gameID: String
    public var player1ID: String
    public var player2ID: String?
    public var winnerID: String?
    public var rated: Bool

    public init(gameID: String, player1ID: String, player2ID: String?, winnerID: String?, rated: Bool) {
        self.gameID = gameID
        self.player1ID = player1ID
        self.player2ID = player2ID
        self.winnerID = winnerID
        self.rated = rated
    }
}

/// Services that react to finished games (leaderboard cache, matchmaking) conform to this;
/// Games calls every listener after the finishing transaction commits.
public protocol GameResultListener: Sendable {
    func gameFinished(_ game: FinishedGame) async
}
