import Foundation

/// Why the configuration cannot be used. Start-up stops with this message, which names the key.
public struct ConfigError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// One `key = value` setting and where it was given (`server.conf:12`, `command line`).
public struct ConfigEntry: Sendable, Equatable {
    public let key: String
    public let value: String
    public let source: String

    public init(key: String, value: String, source: String) {
        self.key = key
        self.value = value
        self.source = source
    }
}

/// Reads `key = value` lines (with `#` comments) onto a `ServerConfig`.
/// Flags are applied through the same `set(_:_:)`, so a flag and a file line are checked alike.
public enum ConfigLoader {
    public static func load(file: String?, overrides: [(String, String)]) throws -> ServerConfig {
        try config(from: entries(file: file, overrides: overrides))
    }

    /// The settings as given, in order (the file's lines, then the flags), each with where it came
    /// from. A reload compares two of these lists to name what changed.
    public static func entries(file: String?, overrides: [(String, String)]) throws -> [ConfigEntry] {
        var entries: [ConfigEntry] = []
        if let file {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw ConfigError("cannot read config file \(file)")
            }
            entries = try parse(text: text, source: file)
        }
        return entries + overrides.map { ConfigEntry(key: $0.0, value: $0.1, source: "command line") }
    }

    public static func config(from entries: [ConfigEntry]) throws -> ServerConfig {
        var config = ServerConfig()
        for entry in entries { try set(entry.key, entry.value, on: &config, source: entry.source) }
        return config
    }

    public static func apply(text: String, source: String, to config: inout ServerConfig) throws {
        for entry in try parse(text: text, source: source) {
            try set(entry.key, entry.value, on: &config, source: entry.source)
        }
    }

    static func parse(text: String, source: String) throws -> [ConfigEntry] {
        var entries: [ConfigEntry] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line =
                rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first
                .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            if line.isEmpty { continue }
            guard let eq = line.firstIndex(of: "=") else {
                throw ConfigError("\(source):\(index + 1): expected `key = value`, got `\(line)`")
            }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            entries.append(ConfigEntry(key: key, value: value, source: "\(source):\(index + 1)"))
        }
        return entries
    }

    // swift-format-ignore
    public static func set(_ key: String, _ value: String, on c: inout ServerConfig, source: String) throws {
        func int(_ range: ClosedRange<Int>) throws -> Int {
            guard let n = Int(value), range.contains(n) else {
                throw ConfigError("\(source): `\(key)` must be a whole number from \(range.lowerBound) to \(range.upperBound), got `\(value)`")
            }
            return n
        }
        func bool() throws -> Bool {
            switch value.lowercased() {
            case "on", "true", "yes", "1": return true
            case "off", "false", "no", "0": return false
            default: throw ConfigError("\(source): `\(key)` must be on or off, got `\(value)`")
            }
        }
        switch key {
        case "host": c.host = value
        case "port": c.port = try int(0...65535)
        case "tls": c.tlsEnabled = try bool()
        case "tls_certificate": c.tlsCertificatePath = value
        case "tls_key": c.tlsKeyPath = value
        case "data_dir":
            guard !value.isEmpty else { throw ConfigError("\(source): `data_dir` must not be empty") }
            c.dataDir = value
        case "database": c.databasePath = value
        case "log_level":
            let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
            guard levels.contains(value) else {
                throw ConfigError("\(source): `log_level` must be one of \(levels.joined(separator: ", ")), got `\(value)`")
            }
            c.logLevel = value
        case "access_token_seconds": c.accessTokenSeconds = try int(30...86_400)
        case "refresh_token_seconds": c.refreshTokenSeconds = try int(60...31_536_000)
        case "jwt_secret":
            guard value.isEmpty || value.utf8.count >= 32 else {
                throw ConfigError("\(source): `jwt_secret` must be at least 32 bytes (or empty to generate one)")
            }
            c.jwtSecret = value
        case "refresh_reuse_grace_seconds": c.refreshReuseGraceSeconds = try int(0...5)
        case "argon2_memory_kib": c.argon2MemoryKiB = try int(8...4_194_304)
        case "argon2_iterations": c.argon2Iterations = try int(1...100)
        case "argon2_parallelism": c.argon2Parallelism = try int(1...16)
        case "argon2_max_concurrent": c.argon2MaxConcurrent = try int(1...64)
        case "password_reset_seconds": c.passwordResetSeconds = try int(60...86_400)
        case "dev_mode": c.devMode = try bool()
        case "login_lockout_base_seconds": c.loginLockoutBaseSeconds = try int(0...60)
        case "login_lockout_max_seconds": c.loginLockoutMaxSeconds = try int(0...3600)
        case "rate_limit_per_minute": c.rateLimitPerMinute = try int(1...10_000_000)
        case "login_rate_limit_per_minute": c.loginRateLimitPerMinute = try int(1...10_000_000)
        case "max_body_bytes": c.maxBodyBytes = try int(1024...16_777_216)
        case "listen_backlog": c.listenBacklog = try int(16...65_535)
        case "ws_max_frame_bytes": c.wsMaxFrameBytes = try int(1024...16_777_216)
        case "ws_flood_frames": c.wsFloodFrames = try int(1...10_000_000)
        case "ws_flood_window_seconds": c.wsFloodWindowSeconds = try int(1...3600)
        case "ws_outbound_queue": c.wsOutboundQueue = try int(1...1_000_000)
        case "ws_ping_seconds": c.wsPingSeconds = try int(1...3600)
        case "disconnect_grace_seconds": c.disconnectGraceSeconds = try int(1...3600)
        case "waiting_game_expiry_seconds": c.waitingGameExpirySeconds = try int(2...2_592_000)
        case "rematch_offer_seconds": c.rematchOfferSeconds = try int(5...3600)
        case "match_initial_range": c.matchInitialRange = try int(0...4000)
        case "match_widen_by": c.matchWidenBy = try int(0...4000)
        case "match_widen_every_seconds": c.matchWidenEverySeconds = try int(1...3600)
        case "match_max_range": c.matchMaxRange = try int(0...4000)
        case "match_queue_grace_seconds": c.matchQueueGraceSeconds = try int(1...3600)
        case "ssh_port": c.sshPort = try int(0...65535)
        case "ssh_host": c.sshHost = value
        case "ssh_max_sessions": c.sshMaxSessions = try int(1...100_000)
        case "ssh_idle_timeout_seconds": c.sshIdleTimeoutSeconds = try int(10...86_400)
        case "ssh_connections_per_minute_per_ip": c.sshConnectionsPerMinutePerIP = try int(1...100_000)
        case "ssh_client_path": c.sshClientPath = value
        default:
            throw ConfigError("\(source): unknown setting `\(key)`")
        }
    }
}
