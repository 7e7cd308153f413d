import ArenaKit
import Foundation

/// The tokens of one login. Kept in memory only: never written to disk or logged.
struct SessionTokens: Sendable {
    var accessToken: String
    var refreshToken: String
    var expiresAt: Date

    init(_ auth: AuthResponse, now: Date) {
        accessToken = auth.accessToken
        refreshToken = auth.refreshToken
        expiresAt = now.addingTimeInterval(TimeInterval(max(auth.expiresIn, 0)))
    }

    /// Refresh a little before expiry so a request never races the clock.
    func needsRefresh(now: Date) -> Bool { now.addingTimeInterval(30) >= expiresAt }
}
