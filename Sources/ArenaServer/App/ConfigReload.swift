import Dispatch
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Where a reload reads the settings from: the same file and flags as at start-up.
public struct ReloadSource: Sendable {
    public let initial: [ConfigEntry]
    public let read: @Sendable () throws -> [ConfigEntry]
    public let logLevel: LogLevelSwitch

    public init(initial: [ConfigEntry], logLevel: LogLevelSwitch, read: @escaping @Sendable () throws -> [ConfigEntry])
    {
        self.initial = initial
        self.read = read
        self.logLevel = logLevel
    }
}

/// SIGHUP reloads the settings that can change under live connections: rate limits, the log level
/// and the matchmaking range. Everything else (ports, TLS, storage, token lifetimes, ...) is
/// read once at start-up; a reload that finds one of those changed names it in the log as needing
/// a restart and leaves it as it was. A file that no longer parses changes nothing.
public final class ConfigReload: Sendable {
    public struct Outcome: Sendable, Equatable {
        public let applied: [String]
        public let needsRestart: [String]
    }

    public static let reloadable: Set<String> = [
        "rate_limit_per_minute", "login_rate_limit_per_minute", "log_level", "match_initial_range",
        "match_widen_by", "match_widen_every_seconds", "match_max_range",
    ]

    struct Targets: Sendable {
        let generalLimit: RateLimiter
        let loginLimit: RateLimiter
        let logLevel: LogLevelSwitch
        let setPairingPolicy: @Sendable (PairingPolicy) async -> Void
    }

    private let targets: Targets
    private let logger: Logger
    /// The last value given for each key, as in effect now (a restart-only change is not in effect).
    private let inEffect: Mutex<[String: String]>

    init(initial: [ConfigEntry], targets: Targets, logger: Logger) {
        self.targets = targets
        self.logger = logger
        inEffect = Mutex(Self.values(initial))
    }

    public func reload(_ entries: [ConfigEntry]) async throws -> Outcome {
        let config = try ConfigLoader.config(from: entries)
        let given = Self.values(entries)
        let outcome = inEffect.withLock { current in
            let changed = Set(current.keys).union(given.keys).filter { current[$0] != given[$0] }.sorted()
            let applied = changed.filter(Self.reloadable.contains)
            for key in applied { current[key] = given[key] }
            return Outcome(applied: applied, needsRestart: changed.filter { !Self.reloadable.contains($0) })
        }
        targets.generalLimit.setPerMinute(config.rateLimitPerMinute)
        targets.loginLimit.setPerMinute(config.loginRateLimitPerMinute)
        targets.logLevel.set(Logger.Level(rawValue: config.logLevel) ?? .info)
        await targets.setPairingPolicy(PairingPolicy(config: config))
        return outcome
    }

    /// Reads the settings again and applies them, saying in the log what changed and what did not.
    func reload(from source: ReloadSource) async {
        do {
            let outcome = try await reload(try source.read())
            logger.notice(
                "configuration reloaded",
                metadata: [
                    "applied": .array(outcome.applied.map { .string($0) }),
                    "needs_restart": .array(outcome.needsRestart.map { .string($0) }),
                ])
            for key in outcome.needsRestart {
                logger.warning(
                    "setting changed but needs a restart to take effect", metadata: ["setting": .string(key)])
            }
        } catch {
            logger.error("configuration reload refused: nothing changed", metadata: ["reason": "\(error)"])
        }
    }

    private static func values(_ entries: [ConfigEntry]) -> [String: String] {
        entries.reduce(into: [:]) { values, entry in values[entry.key] = entry.value }
    }
}

/// Turns SIGHUP into reloads for as long as the server runs. The signal is taken through a
/// DispatchSource, never a raw handler, and is ignored (rather than ending the process) meanwhile.
struct ReloadOnHangup: Service {
    let reload: ConfigReload
    let source: ReloadSource

    func run() async throws {
        let (hangups, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        signal(SIGHUP, SIG_IGN)
        let signals = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
        signals.setEventHandler { continuation.yield() }
        signals.resume()
        defer { signals.cancel() }
        await cancelWhenGracefulShutdown {
            for await _ in hangups { await reload.reload(from: source) }
        }
    }
}
