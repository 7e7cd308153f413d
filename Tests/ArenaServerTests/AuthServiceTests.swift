import ArenaKit
import Foundation
import GRDB
import Logging
import Testing

@testable import ArenaServer

/// The Accounts service against a real temporary database, with time moved by hand: what the
/// black-box tests cannot wait for (expiry, reuse after the grace period).
@Suite struct AuthServiceTests {
    let clock = AuthTestClock()
    let config: ServerConfig
    let service: AuthService

    init() async throws {
        var config = ServerConfig()
        config.dataDir = try TemporaryDirectory("auth").url.path
        config.argon2MemoryKiB = 1024
        config.argon2Iterations = 1
        config.refreshTokenSeconds = 3600
        config.passwordResetSeconds = 600
        self.config = config
        let context = ServerContext(
            config: config, database: try AppDatabase(path: config.resolvedDatabasePath),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), clock: clock)
        service = try await AuthService(context: context, notifier: SilentNotifier())
    }

    func register(_ name: String = "ada") async throws -> AuthResponse {
        try await service.register(
            RegisterRequest(email: "\(name)@example.com", username: name, password: "correct horse battery"))
    }

    @Test func refreshRotatesWithinTheSameSession() async throws {
        let first = try await register()
        let next = try await service.refresh(first.refreshToken)
        #expect(next.refreshToken != first.refreshToken)
        let a = try await service.tokens.verify(accessToken: first.accessToken)
        let b = try await service.tokens.verify(accessToken: next.accessToken)
        #expect(a.sessionID == b.sessionID && a.userID == b.userID)
    }

    @Test func spentTokenWithinGraceIsARaceAndAfterItAReuse() async throws {
        let first = try await register()
        let next = try await service.refresh(first.refreshToken)
        clock.advance(TimeInterval(config.refreshReuseGraceSeconds))
        let racing = try await service.refresh(first.refreshToken)  // still within the grace
        clock.advance(0.5)
        #expect(await authErrorCode { _ = try await service.refresh(first.refreshToken) } == "refresh_token_reused")
        for token in [next.refreshToken, racing.refreshToken] {
            #expect(await authErrorCode { _ = try await service.refresh(token) } == "invalid_refresh_token")
        }
        for token in [first.accessToken, next.accessToken, racing.accessToken] {
            #expect(
                await authErrorCode { _ = try await service.tokens.verify(accessToken: token) } == "session_revoked")
        }
    }

    @Test func refreshTokenExpires() async throws {
        let first = try await register()
        clock.advance(TimeInterval(config.refreshTokenSeconds) - 1)
        let next = try await service.refresh(first.refreshToken)
        clock.advance(TimeInterval(config.refreshTokenSeconds))
        #expect(await authErrorCode { _ = try await service.refresh(next.refreshToken) } == "invalid_refresh_token")
    }

    @Test func accessTokenExpiresButRefreshStillWorks() async throws {
        let first = try await register()
        clock.advance(TimeInterval(config.accessTokenSeconds))
        #expect(
            await authErrorCode { _ = try await service.tokens.verify(accessToken: first.accessToken) }
                == "token_expired")
        let next = try await service.refresh(first.refreshToken)
        #expect(await authErrorCode { _ = try await service.tokens.verify(accessToken: next.accessToken) } == nil)
    }

    @Test func resetTokenExpiresAndIsSingleUse() async throws {
        let user = try await register().user
        let issue = { [clock, config, service] in
            try await service.database.write { db in
                try PasswordResetStore.issue(
                    userID: user.id, now: clock.now(), lifetimeSeconds: config.passwordResetSeconds, db: db)
            }
        }
        let stale = try await issue()
        clock.advance(TimeInterval(config.passwordResetSeconds))
        #expect(
            await authErrorCode {
                try await service.confirmPasswordReset(
                    PasswordResetConfirm(token: stale, newPassword: "a fresh passphrase"))
            } == "invalid_reset_token")

        let first = try await issue()
        let second = try await issue()  // withdraws the first
        #expect(
            await authErrorCode {
                try await service.confirmPasswordReset(
                    PasswordResetConfirm(token: first, newPassword: "a fresh passphrase"))
            } == "invalid_reset_token")
        try await service.confirmPasswordReset(PasswordResetConfirm(token: second, newPassword: "a fresh passphrase"))
        #expect(
            await authErrorCode {
                try await service.confirmPasswordReset(
                    PasswordResetConfirm(token: second, newPassword: "another passphrase"))
            } == "invalid_reset_token")
        let login = try await service.login(LoginRequest(username: "ada", password: "a fresh passphrase"), ip: "ip")
        #expect(login.user.id == user.id)
    }

    @Test func lockoutEndsWithTheInjectedClock() async throws {
        _ = try await register()
        let wrong = LoginRequest(username: "ada", password: "not the password")
        for _ in 0..<3 {
            #expect(await authErrorCode { _ = try await service.login(wrong, ip: "ip") } == "invalid_credentials")
        }
        let right = LoginRequest(username: "ada", password: "correct horse battery")
        #expect(await authErrorCode { _ = try await service.login(right, ip: "ip") } == "rate_limited")
        #expect(await authErrorCode { _ = try await service.login(right, ip: "other-ip") } == nil)
        clock.advance(TimeInterval(config.loginLockoutBaseSeconds))
        #expect(await authErrorCode { _ = try await service.login(right, ip: "ip") } == nil)
    }

    @Test func loginUpgradesAHashMadeUnderAnOlderCost() async throws {
        let user = try await register().user
        let old = try Argon2id(cost: .init(memoryKiB: 512, iterations: 1, parallelism: 1)).hash("correct horse battery")
        try await service.database.write { db in
            try AccountStore.setPasswordHash(old, userID: user.id, now: Date(), db: db)
        }
        _ = try await service.login(LoginRequest(username: "ada", password: "correct horse battery"), ip: "ip")
        let stored = try await UserStore(database: service.database).user(id: user.id)?.passwordHash
        #expect(stored?.hasPrefix("$argon2id$v=19$m=1024,t=1,p=1$") == true)
    }

    @Test func secretIsGeneratedOnceOwnerOnlyAndReused() throws {
        let path = config.dataDir + "/jwt.secret"
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let secret = try JWTSecret.load(config: config)
        #expect(secret.utf8.count >= 32)
        #expect(try JWTSecret.load(config: config) == secret)
        var configured = config
        configured.jwtSecret = String(repeating: "k", count: 40)
        #expect(try JWTSecret.load(config: configured) == configured.jwtSecret)
    }
}
