/// Lets at most `permits` tasks into a section at once; the rest wait in arrival order. The wait line
/// itself is bounded: past `maxWaiting` a caller is turned away at once rather than queued behind
/// work it would time out on anyway.
actor AsyncSemaphore {
    struct Full: Error {}

    private var available: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private let maxWaiting: Int

    init(permits: Int, maxWaiting: Int) {
        available = max(1, permits)
        self.maxWaiting = maxWaiting
    }

    var waiting: Int { waiters.count }

    func acquire() async throws(Full) {
        if available > 0 {
            available -= 1
            return
        }
        guard waiters.count < maxWaiting else { throw Full() }
        await withCheckedContinuation { waiters.append($0) }
    }

    /// Hands the permit straight to the longest waiter, so a newcomer cannot overtake it.
    func release() {
        if waiters.isEmpty {
            available += 1
        } else {
            waiters.removeFirst().resume()
        }
    }
}
