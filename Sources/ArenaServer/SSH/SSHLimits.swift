#if SSH
import Synchronization

/// Who may come in over ssh: a per-IP rate of new connections (checked at accept) and a cap on
/// sessions running a client at once (checked when a shell starts, so the player can be told).
public final class SSHLimits: Sendable {
    public let maxSessions: Int
    private let connections: RateLimiter
    private let active = Mutex(0)

    public init(maxSessions: Int, connectionsPerMinutePerIP: Int) {
        self.maxSessions = maxSessions
        connections = RateLimiter(perMinute: connectionsPerMinutePerIP)
    }

    /// Takes one connection from `ip`'s allowance; false when it is spent.
    public func admitConnection(from ip: String) -> Bool {
        connections.take(ip) == nil
    }

    /// Claims a session slot; false when all are taken. Each true must be paired with one
    /// `endSession()`.
    public func startSession() -> Bool {
        active.withLock { count in
            guard count < maxSessions else { return false }
            count += 1
            return true
        }
    }

    public func endSession() {
        active.withLock { count in count = max(0, count - 1) }
    }

    public var activeSessions: Int { active.withLock { $0 } }

    public var fullMessage: String {
        "The server is full: \(maxSessions) players are connected by ssh. Try again soon."
    }
}
#endif
