import Foundation
import Synchronization
import Testing

@testable import ArenaServer

#if canImport(Glibc)
import Glibc
#endif

/// What the jobs saw, shared between the test and the hash threads.
private final class Tally: Sendable {
    let running = Mutex((now: 0, most: 0))
    let niceness = Mutex<Set<Int32>>([])
}

@Suite struct HashThreadsTests {
    @Test func runsEveryJobOnAtMostCountThreadsAtLowerPriority() async {
        let threads = HashThreads(count: 2)
        let tally = Tally()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<12 {
                group.addTask {
                    await withCheckedContinuation { continuation in
                        threads.run {
                            tally.running.withLock {
                                $0.now += 1; $0.most = max($0.most, $0.now)
                            }
                            #if os(Linux)
                            let nice = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
                            tally.niceness.withLock { _ = $0.insert(nice) }
                            #endif
                            usleep(5_000)
                            tally.running.withLock { $0.now -= 1 }
                            continuation.resume()
                        }
                    }
                }
            }
        }
        #expect(tally.running.withLock { $0.most } == 2)
        #if os(Linux)
        #expect(tally.niceness.withLock { $0 } == [10])
        #endif
    }
}
