import Foundation

/// Who plays whom. Pure: given the queue and the time, it returns the pairs, so the rules
/// (range widening with waiting time, closest rating first, then longest wait) are tested without
/// a server or a clock.
public struct PairingPolicy: Sendable {
    public struct Entry: Sendable, Equatable {
        public var userID: String
        public var rating: Int
        public var queuedAt: Date

        public init(userID: String, rating: Int, queuedAt: Date) {
            self.userID = userID
            self.rating = rating
            self.queuedAt = queuedAt
        }
    }

    public var initialRange: Int
    public var widenBy: Int
    public var widenEvery: TimeInterval
    public var maxRange: Int

    public init(initialRange: Int, widenBy: Int, widenEvery: TimeInterval, maxRange: Int) {
        self.initialRange = initialRange
        self.widenBy = widenBy
        self.widenEvery = widenEvery
        self.maxRange = maxRange
    }

    /// How far from their own rating a player accepts an opponent after waiting since `queuedAt`.
    public func range(queuedAt: Date, now: Date) -> Int {
        let steps = Int(max(0, now.timeIntervalSince(queuedAt)) / widenEvery)
        return min(maxRange, max(initialRange, initialRange + steps * widenBy))
    }

    /// Pairs players whose ratings are within both players' ranges. The longest-waiting player
    /// chooses first; among acceptable opponents the closest rating wins, then the longest wait.
    public func pairs(in queue: [Entry], now: Date) -> [(Entry, Entry)] {
        let byWait = queue.sorted { ($0.queuedAt, $0.userID) < ($1.queuedAt, $1.userID) }
        var taken: Set<String> = []
        var result: [(Entry, Entry)] = []
        for player in byWait where !taken.contains(player.userID) {
            let playerRange = range(queuedAt: player.queuedAt, now: now)
            var best: Entry?
            for candidate in byWait where candidate.userID != player.userID && !taken.contains(candidate.userID) {
                let gap = abs(candidate.rating - player.rating)
                guard gap <= playerRange, gap <= range(queuedAt: candidate.queuedAt, now: now) else { continue }
                if let current = best {
                    let currentGap = abs(current.rating - player.rating)
                    if gap < currentGap || (gap == currentGap && candidate.queuedAt < current.queuedAt) {
                        best = candidate
                    }
                } else {
                    best = candidate
                }
            }
            if let best {
                taken.insert(player.userID)
                taken.insert(best.userID)
                result.append((player, best))
            }
        }
        return result
    }
}
