/// Everything a client may send over the gateway. The socket layer decodes frames into these and
/// knows nothing else about the game.
public enum ClientMessage: Sendable, Equatable {
    case joinGame(gameID: String)
    case leaveGame(gameID: String)
    /// `expectedVersion`, when sent, makes the move conditional on the game's version (added).
    case makeMove(gameID: String, position: Int, expectedVersion: Int?)
    case chatMessage(gameID: String, text: String)
    /// Added: after a finished game, offer the opponent a rematch with colours swapped.
    case offerRematch(gameID: String)
    /// Added: accept (or decline) the rematch the opponent offered.
    case answerRematch(gameID: String, accept: Bool)
    /// Added: an application-level ping answered with an ack, for clients without ws ping access.
    case ping
    /// Added: swaps the connection's access token for a fresh one after a refresh, so a long-lived
    /// connection keeps passing the per-move token check.
    case authenticate(accessToken: String)

    public var type: String {
        switch self {
        case .joinGame: "join_game"
        case .leaveGame: "leave_game"
        case .makeMove: "make_move"
        case .chatMessage: "chat_message"
        case .offerRematch: "offer_rematch"
        case .answerRematch: "answer_rematch"
        case .ping: "ping"
        case .authenticate: "authenticate"
        }
    }
}

/// One decoded client frame: the message and the optional request id to answer.
public struct ClientEnvelope: Sendable, Equatable {
    public var id: String?
    public var message: ClientMessage

    public init(id: String? = nil, message: ClientMessage) {
        self.id = id
        self.message = message
    }
}

/// Why a frame could not be decoded, with the wire code answered to the client.
public struct FrameError: Error, Sendable, Equatable {
    public var code: String
    public var message: String
    /// The request id, when the frame was readable far enough to have one.
    public var id: String?

    public static func badJSON() -> FrameError {
        FrameError(code: "bad_json", message: "The frame is not a JSON object with a \"type\".")
    }
}
