/// Limits a connection's inbound frames to `limit` per `window`: a token bucket holding at most
/// `limit` frames and refilling at `limit / window`. More frames than that is a flood: the
/// connection is closed (1008) without touching anyone else.
///
/// A bucket rather than a ring of arrival times: it costs two numbers per connection whatever the
/// limit (the benchmark configuration lifts it to 100,000 frames a second, which as a ring would
/// be 1.6 MB per busy connection).
struct FloodGuard {
    let limit: Int
    let window: Duration
    private var tokens: Double
    private var last: ContinuousClock.Instant?

    init(limit: Int, window: Duration) {
        self.limit = max(limit, 1)
        self.window = window
        self.tokens = Double(self.limit)
    }

    /// Records one frame; returns false when this frame makes the connection a flood.
    mutating func admit(at now: ContinuousClock.Instant = .now) -> Bool {
        if let last, window > .zero {
            let refill = Double(limit) * ((now - last) / window)
            tokens = min(Double(limit), tokens + refill)
        }
        last = now
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }
}
