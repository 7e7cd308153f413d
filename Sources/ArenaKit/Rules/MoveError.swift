/// Why a move was refused. Each case has its own wire error code so a client can tell them apart.
public enum MoveError: Error, Sendable, Equatable {
    case positionOutOfRange(Int)
    case squareOccupied(Int)
    case notYourTurn
    case gameNotActive
    case notAPlayer
    case staleVersion(expected: Int, got: Int)

    public var code: String {
        switch self {
        case .positionOutOfRange: "position_out_of_range"
        case .squareOccupied: "square_occupied"
        case .notYourTurn: "not_your_turn"
        case .gameNotActive: "game_not_active"
        case .notAPlayer: "not_a_player"
        case .staleVersion: "stale_version"
        }
    }

    public var message: String {
        switch self {
        case .positionOutOfRange(let p): "Position \(p) is not on the board; use 0 to 8."
        case .squareOccupied(let p): "Square \(p) is already taken."
        case .notYourTurn: "It is not your turn."
        case .gameNotActive: "The game is not in progress."
        case .notAPlayer: "Only the game's two players may do that."
        case .staleVersion(let expected, let got):
            "The game has moved on (version \(expected), you sent \(got)); reload it."
        }
    }
}
