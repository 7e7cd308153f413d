import Foundation
import Testing

@testable import ArenaServer

@Suite struct PairingPolicyTests {
    let policy = PairingPolicy(initialRange: 100, widenBy: 50, widenEvery: 5, maxRange: 300)
    let t0 = Date(timeIntervalSince1970: 1_000_000)

    func entry(_ id: String, _ rating: Int, waited seconds: TimeInterval = 0, now: Date? = nil) -> PairingPolicy.Entry {
        PairingPolicy.Entry(userID: id, rating: rating, queuedAt: (now ?? t0).addingTimeInterval(-seconds))
    }

    @Test func pairsPlayersWithinRange() {
        let pairs = policy.pairs(in: [entry("a", 1200), entry("b", 1290)], now: t0)
        #expect(pairs.count == 1)
        #expect(Set([pairs[0].0.userID, pairs[0].1.userID]) == ["a", "b"])
    }

    @Test func leavesPlayersOutOfRangeWaiting() {
        #expect(policy.pairs(in: [entry("a", 1200), entry("b", 1350)], now: t0).isEmpty)
    }

    @Test func rangeWidensWithInjectedTime() {
        #expect(policy.range(queuedAt: t0, now: t0) == 100)
        #expect(policy.range(queuedAt: t0, now: t0.addingTimeInterval(4.9)) == 100)
        #expect(policy.range(queuedAt: t0, now: t0.addingTimeInterval(5)) == 150)
        #expect(policy.range(queuedAt: t0, now: t0.addingTimeInterval(20)) == 300)
        #expect(policy.range(queuedAt: t0, now: t0.addingTimeInterval(3600)) == 300, "capped")
        let queue = [entry("a", 1200, now: t0), entry("b", 1360, now: t0)]
        #expect(policy.pairs(in: queue, now: t0).isEmpty)
        #expect(policy.pairs(in: queue, now: t0.addingTimeInterval(5)).isEmpty, "150 is not yet enough for a gap of 160")
        #expect(policy.pairs(in: queue, now: t0.addingTimeInterval(10)).count == 1, "200 covers the gap of 160")
    }

    @Test func bothPlayersMustAcceptTheGap() {
        // a has waited long (wide range) but b just arrived (narrow range).
        let pairs = policy.pairs(in: [entry("a", 1200, waited: 60), entry("b", 1400)], now: t0)
        #expect(pairs.isEmpty)
    }

    @Test func closestRatingWinsThenLongestWait() {
        let queue = [entry("me", 1200, waited: 30), entry("far", 1290, waited: 20), entry("near", 1220, waited: 1)]
        let pairs = policy.pairs(in: queue, now: t0)
        #expect(pairs.count == 1)
        #expect(pairs[0].0.userID == "me" && pairs[0].1.userID == "near")
        let tie = [entry("me", 1200, waited: 30), entry("new", 1250, waited: 1), entry("old", 1150, waited: 10)]
        #expect(policy.pairs(in: tie, now: t0).first?.1.userID == "old")
    }

    @Test func nobodyIsMatchedTwiceOrWithThemself() {
        var queue: [PairingPolicy.Entry] = []
        for i in 0..<200 { queue.append(entry("p\(i)", 1200 + (i % 7), waited: Double(i % 13))) }
        queue.append(entry("solo", 1200))
        let pairs = policy.pairs(in: queue, now: t0)
        var seen: Set<String> = []
        for (a, b) in pairs {
            #expect(a.userID != b.userID)
            #expect(seen.insert(a.userID).inserted)
            #expect(seen.insert(b.userID).inserted)
        }
        #expect(pairs.count == 100)
    }
}
