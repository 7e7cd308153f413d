import ArenaKit
import Foundation

/// The tokens of one login. Never logged; only the refresh token is written, to the player's
/// own `SessionFile`.
struct SessionTokens: Sendable {
    var accessToken: String
    var refreshToken: String
    var expiresAt: Date

    init(_ auth: AuthResponse, now: Date) {
        accessToken = auth.accessToken
        refreshToken = auth.refreshToken
        expiresAt = now.addingTimeInterval(TimeInterval(max(auth.expiresIn, 0)))
    }

    /// A remembered session: no access token yet, so the first use refreshes.
    init(refreshToken: String) {
        accessToken = ""
        self.refreshToken = refreshToken
        expiresAt = .distantPast
    }

    /// Refresh a little before expiry so a request never races the clock.
    func needsRefresh(now: Date) -> Bool { now.addingTimeInterval(30) >= expiresAt }
}
