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
        /// An offer (either way) lapsed unanswered; either player may offer again.
        case expired
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

    /// A move sent and not yet seen in a `game_update` (or refused by an `error`).
    public struct PendingMove: Sendable, Equatable {
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
    /// When the match notice stops showing: it is news, not a fixture.
    public var matchNoticeUntil: Date?
    /// Watching someone else's game: no moves, no chat, leave without asking.
    public var spectating = false

    public init(gameID: String, game: GameDTO? = nil) {
        self.gameID = gameID
        self.game = game
    }

    static let chatHistoryLimit = 200
    static let matchNoticeDuration: TimeInterval = 6

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

extension GameScreenState {
    /// A player's rating as the game knows it: the server fills these with the rating after a
    /// finished game, so they beat anything fetched before it ended.
    public func rating(of mark: Mark) -> Int? {
        mark == .x ? game?.player1Rating : game?.player2Rating
    }

    /// The player's rating before and after a finished rated game, from the game itself.
    public func ratingChange(userID: String?) -> (before: Int, after: Int)? {
        guard let game, isFinished, game.rated, let mark = myMark(userID: userID) else { return nil }
        let after = mark == .x ? game.player1Rating : game.player2Rating
        let change = mark == .x ? game.player1RatingChange : game.player2RatingChange
        guard let after, let change else { return nil }
        return (after - change, after)
    }

    /// Replaces the chat with the server's history, keeping lines still on their way.
    mutating func restoreChat(_ messages: [ChatMessageDTO], userID: String?) {
        let history = messages.filter { $0.gameID == gameID }.map {
            ChatLine(from: $0.from.username, text: $0.text, mine: $0.from.id == userID, pending: false)
        }
        let pending = chat.filter { line in line.pending && !history.contains { $0.mine && $0.text == line.text } }
        chat = Array((history + pending).suffix(Self.chatHistoryLimit))
    }
}
