import Foundation
import Synchronization
import Testing

@testable import ArenaServer

/// A clock the test moves by hand.
final class AuthTestClock: NowProvider {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { current = Mutex(start) }

    func now() -> Date { current.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// The code of the `APIError` an operation throws, nil when it succeeds.
func authErrorCode(_ body: () async throws -> Void) async -> String? {
    do {
        try await body()
        return nil
    } catch let error as APIError {
        return error.code
    } catch {
        return "unexpected: \(error)"
    }
}

/// Access tokens, revocation and the login lockout, with injected time.
@Suite struct AuthTokenTests {
    let secret = String(repeating: "s", count: 32)

    func makeTokens(clock: AuthTestClock, secret: String? = nil, lifetime: Int = 900) async -> AccessTokens {
        AccessTokens(
            secret: secret ?? self.secret, lifetimeSeconds: lifetime, clock: clock,
            revoked: RevokedSessions(accessTokenLifetime: TimeInterval(lifetime), now: clock.now()))
    }

    @Test func issuedTokenVerifiesToItsIdentity() async throws {
        let clock = AuthTestClock()
        let tokens = await makeTokens(clock: clock)
        let token = try tokens.issue(userID: "u1", username: "ada", role: "moderator", sessionID: "s1")
        let identity = try await tokens.verify(accessToken: token)
        #expect(identity.userID == "u1" && identity.username == "ada" && identity.role == .moderator)
        #expect(identity.sessionID == "s1")
        #expect(identity.expiresAt == clock.now().addingTimeInterval(900))
    }

    @Test func tokenExpiresWithTheInjectedClock() async throws {
        let clock = AuthTestClock()
        let tokens = await makeTokens(clock: clock, lifetime: 60)
        let token = try tokens.issue(userID: "u1", username: "ada", role: "player", sessionID: "s1")
        clock.advance(59)
        #expect(await authErrorCode { _ = try await tokens.verify(accessToken: token) } == nil)
        clock.advance(1)
        #expect(await authErrorCode { _ = try await tokens.verify(accessToken: token) } == "token_expired")
    }

    @Test func revokedSessionIsRefusedAndOthersAreNot() async throws {
        let clock = AuthTestClock()
        let tokens = await makeTokens(clock: clock)
        let ended = try tokens.issue(userID: "u1", username: "ada", role: "player", sessionID: "s1")
        let other = try tokens.issue(userID: "u1", username: "ada", role: "player", sessionID: "s2")
        tokens.revoked.insert(["s1"], at: clock.now())
        #expect(await authErrorCode { _ = try await tokens.verify(accessToken: ended) } == "session_revoked")
        #expect(await authErrorCode { _ = try await tokens.verify(accessToken: other) } == nil)
    }

    @Test func foreignAndMalformedTokensAreInvalid() async throws {
        let clock = AuthTestClock()
        let tokens = await makeTokens(clock: clock)
        let foreign = try await makeTokens(clock: clock, secret: String(repeating: "x", count: 40))
            .issue(userID: "u1", username: "ada", role: "admin", sessionID: "s1")
        let good = try tokens.issue(userID: "u1", username: "ada", role: "player", sessionID: "s1")
        let parts = good.split(separator: ".").map(String.init)
        let bad = [
            foreign, "", "garbage", "a.b.c", String(repeating: "a", count: 5000), parts[0] + "." + parts[1] + ".",
            parts[0] + "." + parts[1] + "." + String(parts[2].reversed()),
        ]
        for token in bad {
            #expect(await authErrorCode { _ = try await tokens.verify(accessToken: token) } == "invalid_token")
        }
    }

    @Test func revokedSessionsAreForgottenOnceNoTokenCanOutliveThem() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let revoked = RevokedSessions(accessTokenLifetime: 60, now: start)
        revoked.insert(["old"], at: start)
        #expect(revoked.contains("old"))
        revoked.insert(["new"], at: start.addingTimeInterval(61))
        #expect(!revoked.contains("old"))
        #expect(revoked.contains("new"))
    }

    @Test func lockoutGrowsIsCappedAndIsNotExtendedWhileLocked() {
        let throttle = LoginThrottle(baseSeconds: 2, maxSeconds: 10)
        let key = LoginThrottle.key(account: "u1", ip: "1.2.3.4")
        var now = Date(timeIntervalSince1970: 1_800_000_000)
        throttle.recordFailure(key, now: now)
        throttle.recordFailure(key, now: now)
        #expect(throttle.retryAfter(key, now: now) == nil)  // two free failures
        var waits: [Int] = []
        for _ in 0..<5 {
            throttle.recordFailure(key, now: now)
            let wait = throttle.retryAfter(key, now: now) ?? 0
            waits.append(wait)
            now = now.addingTimeInterval(TimeInterval(wait))
            #expect(throttle.retryAfter(key, now: now) == nil)
        }
        #expect(waits == [2, 4, 8, 10, 10])
        // Another IP for the same account, and another account, are not locked.
        throttle.recordFailure(key, now: now)
        #expect(throttle.retryAfter(key, now: now) == 10)
        #expect(throttle.retryAfter(LoginThrottle.key(account: "u1", ip: "5.6.7.8"), now: now) == nil)
        #expect(throttle.retryAfter(LoginThrottle.key(account: "u2", ip: "1.2.3.4"), now: now) == nil)
    }

    @Test func successOrAQuietSpellClearsTheCount() {
        let throttle = LoginThrottle(baseSeconds: 2, maxSeconds: 10)
        let key = "u1|ip"
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        for _ in 0..<3 { throttle.recordFailure(key, now: now) }
        #expect(throttle.retryAfter(key, now: now) == 2)
        throttle.recordSuccess(key)
        #expect(throttle.retryAfter(key, now: now) == nil)
        throttle.recordFailure(key, now: now)
        throttle.recordFailure(key, now: now)
        #expect(throttle.retryAfter(key, now: now) == nil)

        for _ in 0..<3 { throttle.recordFailure(key, now: now) }
        let later = now.addingTimeInterval(20)  // twice the cap without a failure
        throttle.recordFailure(key, now: later)
        #expect(throttle.retryAfter(key, now: later) == nil)
    }
}
