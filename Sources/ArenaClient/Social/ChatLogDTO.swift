import ArenaKit

/// `GET /games/{id}/chat`: a game's recent messages, oldest first, to restore after a (re)join.
public struct ChatLogDTO: Codable, Sendable, Equatable {
    public var messages: [ChatMessageDTO]

    public init(messages: [ChatMessageDTO]) { self.messages = messages }
}
