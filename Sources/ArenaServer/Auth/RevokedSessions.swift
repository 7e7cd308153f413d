import Foundation
import Synchronization

/// Sessions (refresh-token families) ended by logout, reuse detection, a password change or a role
/// change, kept in memory so verifying an access token never waits on the database. An entry is only
/// needed while an access token of that session could still be unexpired: `lifetime` after the
/// revocation, it is dropped. The database keeps the durable record (`revoked_sessions`, and the
/// refresh tokens marked revoked), and a restart reloads the recent part of it.
final class RevokedSessions: Sendable {
    private struct State {
        var revokedAt: [String: Date] = [:]
        var lastPruned: Date
    }

    private let lifetime: TimeInterval
    private let state: Mutex<State>

    init(accessTokenLifetime: TimeInterval, now: Date, loaded: [String: Date] = [:]) {
        lifetime = accessTokenLifetime
        state = Mutex(State(revokedAt: loaded, lastPruned: now))
    }

    func contains(_ sessionID: String) -> Bool {
        state.withLock { $0.revokedAt[sessionID] != nil }
    }

    func insert(_ sessionIDs: some Sequence<String>, at now: Date) {
        let lifetime = self.lifetime
        state.withLock { state in
            for id in sessionIDs { state.revokedAt[id] = now }
            guard now.timeIntervalSince(state.lastPruned) > lifetime else { return }
            state.revokedAt = state.revokedAt.filter { now.timeIntervalSince($0.value) <= lifetime }
            state.lastPruned = now
        }
    }
}
