import ArenaKit
import Foundation

/// Waiting in the matchmaking queue.
public struct MatchmakingState: Sendable, Equatable {
    public var startedAt: Date
    public var status: MatchmakingStatusDTO?
    public var lastPoll: Date?
    public var message: String?
    public var leaving = false

    public init(startedAt: Date) { self.startedAt = startedAt }

    static let pollInterval: TimeInterval = 3

    public func waited(at now: Date) -> Int { max(0, Int(now.timeIntervalSince(startedAt))) }
}
