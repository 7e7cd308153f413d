import Testing

@testable import ArenaServer

@Suite struct FloodGuardTests {
    let start = ContinuousClock.now

    /// Offers one frame at each of `offsets` (from `start`) and returns which were admitted.
    func admitted(_ guardian: inout FloodGuard, at offsets: [Duration]) -> [Bool] {
        offsets.map { guardian.admit(at: start + $0) }
    }

    @Test func aBurstUpToTheLimitPassesAndTheNextFrameIsAFlood() {
        var guardian = FloodGuard(limit: 5, window: .seconds(10))
        let results = admitted(&guardian, at: Array(repeating: .zero, count: 6))
        #expect(results == [true, true, true, true, true, false])
    }

    @Test func theBucketRefillsAtLimitPerWindow() {
        var guardian = FloodGuard(limit: 5, window: .seconds(10))
        _ = admitted(&guardian, at: Array(repeating: .zero, count: 5))
        // 2 s is one frame's worth at 5 frames per 10 s.
        #expect(admitted(&guardian, at: [.seconds(2), .seconds(2)]) == [true, false])
        // A whole quiet window refills the bucket, but never beyond the limit.
        let later = admitted(&guardian, at: Array(repeating: .seconds(60), count: 6))
        #expect(later == [true, true, true, true, true, false])
    }

    @Test func aSteadyRateAtTheLimitIsNeverAFlood() {
        var guardian = FloodGuard(limit: 10, window: .seconds(1))
        let results = admitted(&guardian, at: (0..<1000).map { .milliseconds(100 * $0) })
        #expect(results.allSatisfy { $0 })
    }
}
