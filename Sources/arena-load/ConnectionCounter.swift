import Synchronization

/// Counts connections that opened or failed, so the connect loop can keep a bounded number of
/// TLS handshakes in flight and know when every connection has settled.
final class ConnectionCounter: Sendable {
    private let counts = Mutex<(opened: Int, failed: Int)>((0, 0))

    func record(opened: Bool) {
        counts.withLock { if opened { $0.opened += 1 } else { $0.failed += 1 } }
    }

    var opened: Int { counts.withLock { $0.opened } }
    var failed: Int { counts.withLock { $0.failed } }
    var settled: Int { counts.withLock { $0.opened + $0.failed } }

    /// Waits while `launched` connections include `limit` or more that have not settled.
    func waitForRoom(launched: Int, limit: Int) async {
        while launched - settled >= limit { try? await Task.sleep(for: .milliseconds(2)) }
    }

    func waitForAll(_ total: Int) async {
        while settled < total { try? await Task.sleep(for: .milliseconds(10)) }
    }
}
