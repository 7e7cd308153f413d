/// Reconnection delays: 0.5 s doubling to 8 s, back to the start after a connection that held.
public struct Backoff: Sendable, Equatable {
    public var initial: Duration
    public var maximum: Duration
    public private(set) var failures = 0

    public init(initial: Duration = .milliseconds(500), maximum: Duration = .seconds(8)) {
        self.initial = initial
        self.maximum = maximum
    }

    /// The wait before the next attempt; each call counts one more failure.
    public mutating func nextDelay() -> Duration {
        var delay = initial
        for _ in 0..<min(failures, 16) where delay < maximum { delay = delay * 2 }
        failures += 1
        return min(delay, maximum)
    }

    public mutating func reset() { failures = 0 }
}
