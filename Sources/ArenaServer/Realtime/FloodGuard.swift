/// Counts a connection's inbound frames in a sliding window. More than `limit` frames inside
/// `window` is a flood: the connection is closed (1008) without touching anyone else.
struct FloodGuard {
    let limit: Int
    let window: Duration
    private var times: [ContinuousClock.Instant] = []
    private var next = 0

    init(limit: Int, window: Duration) {
        self.limit = limit
        self.window = window
        // Bounded: a lifted limit (benchmarks set millions) must not reserve that many slots per connection.
        times.reserveCapacity(min(limit, 128))
    }

    /// Records one frame; returns false when this frame makes the connection a flood.
    mutating func admit(at now: ContinuousClock.Instant = .now) -> Bool {
        // A ring of the last `limit` arrival times: if the oldest is inside the window, this frame
        // is frame limit+1 within it.
        if times.count < limit {
            times.append(now)
            return true
        }
        let oldest = times[next]
        times[next] = now
        next = (next + 1) % limit
        return now - oldest > window
    }
}
