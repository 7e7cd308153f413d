import ArenaKit

/// A game right after a change, with the `game_update` frame the room was sent. The gateway
/// builds the mover's ack from that frame, so each change is encoded once.
public struct GameChange: Sendable {
    public let game: GameDTO
    public let updateFrame: String
}
