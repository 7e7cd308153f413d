import Foundation
import Logging
import Synchronization
import Testing

@testable import ArenaServer

/// SIGHUP's reload: what it applies under live connections, and what it leaves for a restart.
@Suite struct ConfigReloadTests {
    final class Policies: Sendable {
        let seen = Mutex<[PairingPolicy]>([])
    }

    let general = RateLimiter(perMinute: 100)
    let login = RateLimiter(perMinute: 5)
    let level = LogLevelSwitch(.info)
    let policies = Policies()

    func reload(from initial: [ConfigEntry]) -> ConfigReload {
        ConfigReload(
            initial: initial,
            targets: .init(
                generalLimit: general, loginLimit: login, logLevel: level,
                setPairingPolicy: { [policies] policy in policies.seen.withLock { $0.append(policy) } }),
            logger: Logger(label: "test"))
    }

    func entries(_ pairs: [(String, String)]) -> [ConfigEntry] {
        pairs.map { ConfigEntry(key: $0.0, value: $0.1, source: "server.conf") }
    }

    @Test func appliesSafeSettingsAndNamesTheRest() async throws {
        let reload = reload(from: entries([("port", "5000"), ("rate_limit_per_minute", "100")]))
        let outcome = try await reload.reload(
            entries([
                ("port", "6000"), ("rate_limit_per_minute", "3"), ("login_rate_limit_per_minute", "2"),
                ("log_level", "debug"), ("match_initial_range", "40"), ("tls", "on"),
            ]))
        #expect(
            outcome.applied == [
                "log_level", "login_rate_limit_per_minute", "match_initial_range", "rate_limit_per_minute",
            ])
        #expect(outcome.needsRestart == ["port", "tls"])
        #expect(general.perMinute == 3)
        #expect(login.perMinute == 2)
        #expect(level.level == .debug)
        #expect(policies.seen.withLock { $0.last?.initialRange } == 40)
        // The limiter takes the new size at once: three requests pass, the fourth waits.
        for _ in 0..<3 { #expect(general.take("10.0.0.1") == nil) }
        #expect(general.take("10.0.0.1") != nil)
    }

    @Test func aRestartOnlyChangeIsReportedUntilTheServerRestarts() async throws {
        let reload = reload(from: entries([("port", "5000")]))
        _ = try await reload.reload(entries([("port", "6000")]))
        let again = try await reload.reload(entries([("port", "6000")]))
        #expect(again.needsRestart == ["port"])
        let reverted = try await reload.reload(entries([("port", "5000")]))
        #expect(reverted.needsRestart.isEmpty && reverted.applied.isEmpty)
    }

    @Test func aRemovedLineGoesBackToTheDefault() async throws {
        let reload = reload(from: entries([("rate_limit_per_minute", "7")]))
        let outcome = try await reload.reload([])
        #expect(outcome.applied == ["rate_limit_per_minute"])
        #expect(general.perMinute == ServerConfig().rateLimitPerMinute)
    }

    @Test func aBadFileChangesNothing() async throws {
        let reload = reload(from: entries([("rate_limit_per_minute", "100")]))
        await #expect(throws: ConfigError.self) {
            try await reload.reload(entries([("rate_limit_per_minute", "0"), ("log_level", "debug")]))
        }
        #expect(general.perMinute == 100)
        #expect(level.level == .info)
        #expect(policies.seen.withLock { $0.isEmpty })
    }
}
