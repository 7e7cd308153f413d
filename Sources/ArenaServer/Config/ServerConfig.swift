/// Every setting of the server with its built-in default. `server.conf` documents the same keys.
/// The defaults alone make a working local server; a file and flags only override.
public struct ServerConfig: Sendable {
    public var host = "0.0.0.0"
    public var port = 5000
    /// TLS is always on unless the operator says `tls = off` (behind a TLS-terminating proxy).
    public var tlsEnabled = true
    /// PEM files; when empty, a self-signed pair is made in the data dir on first start.
    public var tlsCertificatePath = ""
    public var tlsKeyPath = ""
    public var dataDir = "./data"
    /// Empty means `<data_dir>/arena.sqlite`.
    public var databasePath = ""
    public var logLevel = "info"

    // Accounts
    public var accessTokenSeconds = 900
    public var refreshTokenSeconds = 30 * 24 * 3600
    /// Empty means generated once and kept in `<data_dir>/jwt.secret`.
    public var jwtSecret = ""
    public var refreshReuseGraceSeconds = 2
    public var argon2MemoryKiB = 19 * 1024
    public var argon2Iterations = 2
    public var argon2Parallelism = 1
    public var argon2MaxConcurrent = 2
    public var passwordResetSeconds = 3600
    /// Dev mode prints password-reset tokens to the log so a local operator can hand them out.
    public var devMode = true
    public var loginLockoutBaseSeconds = 2
    public var loginLockoutMaxSeconds = 300

    // Limits
    public var rateLimitPerMinute = 100
    public var loginRateLimitPerMinute = 5
    public var maxBodyBytes = 64 * 1024
    public var listenBacklog = 4096

    // Gateway
    public var wsMaxFrameBytes = 64 * 1024
    public var wsFloodFrames = 100
    public var wsFloodWindowSeconds = 20
    public var wsOutboundQueue = 256
    public var wsPingSeconds = 30
    public var disconnectGraceSeconds = 60
    /// An open game or invitation nobody joins within this long ends (housekeeping).
    public var waitingGameExpirySeconds = 3600
    /// A rematch offer the opponent does not answer within this long is withdrawn.
    public var rematchOfferSeconds = 60

    // Matchmaking
    public var matchInitialRange = 100
    public var matchWidenBy = 50
    public var matchWidenEverySeconds = 5
    public var matchMaxRange = 1000
    public var matchQueueGraceSeconds = 60

    // SSH: players connect with a plain ssh client and get the real client in a pty
    /// 0 is off (the default).
    public var sshPort = 0
    /// Empty means the same address as `host`.
    public var sshHost = ""
    public var sshMaxSessions = 50
    public var sshIdleTimeoutSeconds = 1800
    public var sshConnectionsPerMinutePerIP = 30
    /// Empty means the `arena` next to the running `arena-server`.
    public var sshClientPath = ""

    public init() {}

    public var resolvedSSHHost: String { sshHost.isEmpty ? host : sshHost }

    public var resolvedDatabasePath: String {
        databasePath.isEmpty ? dataDir + "/arena.sqlite" : databasePath
    }
}
