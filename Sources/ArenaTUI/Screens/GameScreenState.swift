import ArenaKit
import Foundation

/// One game being played (or waited for): the server's snapshot plus what only this client knows.
public struct GameScreenState: Sendable, Equatable {
    public enum Focus: Sendable, Equatable { case board, chat }

    public enum Confirmation: Sendable, Equatable {
        case resign
        case leave
    }

    public enum Rematch: Sendable, Equatable {
        case none
        case offeredByMe
        case offeredToMe(from: String)
        case declined(by: String)
    }

    public struct ChatLine: Sendable, Equatable {
        public var from: String
        public var text: String
        public var mine: Bool
        /// Sent by this client and not yet seen coming back from the server.
        public var pending: Bool
    }

    public struct Opponent: Sendable, Equatable {
        public var id: String?
        public var username: String
        public var rating: Int?
    }

    public struct PendingMove: Sendable, Equatable {
        public var requestID: String
        public var position: Int
    }

    public var gameID: String
    public var game: GameDTO?
    public var cursor = 4
    public var focus: Focus = .board
    public var chatDraft = ""
    public var chat: [ChatLine] = []
    public var pendingMove: PendingMove?
    public var confirmation: Confirmation?
    public var rematch: Rematch = .none
    public var opponent: Opponent?
    /// The player's rating when the game was opened, to show the change at the end.
    public var ratingBefore: Int?
    public var ratingAfter: Int?
    public var message: String?
    /// Set when the screen came from matchmaking: a short "match found" line.
    public var matchNotice: String?

    public init(gameID: String, game: GameDTO? = nil) {
        self.gameID = gameID
        self.game = game
    }

    static let chatHistoryLimit = 200

    public func myMark(userID: String?) -> Mark? {
        guard let userID else { return nil }
        return game?.mark(of: userID)
    }

    public func isMyTurn(userID: String?) -> Bool {
        guard let game, let userID else { return false }
        return game.status == .active && game.currentPlayerID == userID
    }

    public var isFinished: Bool {
        guard let status = game?.status else { return false }
        return status == .completed || status == .abandoned
    }

    public var isActive: Bool { game?.status == .active }

    /// The other player's id and name, from the game itself.
    public func opponentFromGame(userID: String?) -> (id: String?, username: String?) {
        guard let game, let userID else { return (nil, nil) }
        if game.player1ID == userID { return (game.player2ID, game.player2Username) }
        if game.player2ID == userID { return (game.player1ID, game.player1Username) }
        return (nil, nil)
    }
}
