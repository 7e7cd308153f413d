import Foundation
import Synchronization

/// Token buckets keyed by a string (an IP, an account, a socket). Each bucket holds `perMinute`
/// tokens and refills continuously. A lock, not an actor: it sits on every request's path and
/// each call is a few arithmetic steps.
public final class RateLimiter: Sendable {
    struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    /// Changed by a configuration reload (SIGHUP); buckets keep their tokens, capped at the new size.
    public var perMinute: Int { capacity.load(ordering: .relaxed) }
    private let capacity: Atomic<Int>
    private let buckets = Mutex<[String: Bucket]>([:])
    private let clock = ContinuousClock()

    public init(perMinute: Int) { capacity = Atomic(perMinute) }

    public func setPerMinute(_ perMinute: Int) { capacity.store(perMinute, ordering: .relaxed) }

    /// Takes one token for `key`. Returns nil when allowed, else the seconds until a token is back.
    public func take(_ key: String) -> Int? {
        let now = clock.now
        let capacity = Double(perMinute)
        let refillPerSecond = capacity / 60
        return buckets.withLock { buckets in
            if buckets.count > 100_000 { Self.prune(&buckets, now: now, capacity: capacity, rate: refillPerSecond) }
            var bucket = buckets[key] ?? Bucket(tokens: capacity, updated: now)
            let elapsed = (now - bucket.updated).inSeconds
            bucket.tokens = min(capacity, bucket.tokens + elapsed * refillPerSecond)
            bucket.updated = now
            defer { buckets[key] = bucket }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                return nil
            }
            return Int(((1 - bucket.tokens) / refillPerSecond).rounded(.up))
        }
    }

    /// Drops buckets that have refilled completely: they hold no information.
    private static func prune(
        _ buckets: inout [String: Bucket], now: ContinuousClock.Instant, capacity: Double, rate: Double
    ) {
        buckets = buckets.filter { _, b in b.tokens + (now - b.updated).inSeconds * rate < capacity }
    }
}
