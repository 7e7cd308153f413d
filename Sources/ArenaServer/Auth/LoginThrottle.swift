import Foundation
import Synchronization

/// Per-account lockout after failed logins: the first two failures are free, then each failure locks
/// the account for `base * 2^(failures - 3)` seconds, capped at `max`. While locked, attempts are
/// refused without checking the password and without adding to the count, so an attacker cannot
/// stretch a lockout past the cap; a success, or a quiet spell of twice the cap, clears it.
///
/// The key is the account together with the client's IP. Guessing from one address is slowed
/// exponentially (and the per-IP limit caps it further), while someone failing on purpose from
/// their own address cannot lock the real user out of theirs.
final class LoginThrottle: Sendable {
    private struct Entry {
        var failures: Int
        var lockedUntil: Date
        var lastFailure: Date
    }

    static let freeFailures = 2

    private let base: TimeInterval
    private let cap: TimeInterval
    private let entries = Mutex<[String: Entry]>([:])

    init(baseSeconds: Int, maxSeconds: Int) {
        base = TimeInterval(baseSeconds)
        cap = TimeInterval(maxSeconds)
    }

    static func key(account: String, ip: String) -> String { account + "|" + ip }

    /// Whole seconds until `key` may try again, or nil when it may try now.
    func retryAfter(_ key: String, now: Date) -> Int? {
        entries.withLock { entries in
            guard let entry = entries[key] else { return nil }
            let wait = entry.lockedUntil.timeIntervalSince(now)
            return wait > 0 ? Int(wait.rounded(.up)) : nil
        }
    }

    func recordFailure(_ key: String, now: Date) {
        let (base, cap) = (self.base, self.cap)
        entries.withLock { entries in
            if entries.count > 100_000 {
                entries = entries.filter { now.timeIntervalSince($0.value.lastFailure) < 2 * cap }
            }
            var entry = entries[key] ?? Entry(failures: 0, lockedUntil: now, lastFailure: now)
            if now.timeIntervalSince(entry.lastFailure) >= 2 * cap { entry.failures = 0 }
            entry.failures += 1
            entry.lastFailure = now
            if entry.failures > Self.freeFailures {
                let exponent = min(entry.failures - Self.freeFailures - 1, 30)
                entry.lockedUntil = now.addingTimeInterval(min(cap, base * pow(2, Double(exponent))))
            }
            entries[key] = entry
        }
    }

    func recordSuccess(_ key: String) {
        _ = entries.withLock { $0.removeValue(forKey: key) }
    }
}
