import Foundation
import Logging

/// What every service is built from: the settings, the database, the body reader, the logger and
/// the clock. Tests inject a clock to move time without sleeping.
public struct ServerContext: Sendable {
    public let config: ServerConfig
    public let database: AppDatabase
    public let body: RequestBody
    public let logger: Logger
    public let clock: any NowProvider

    public init(config: ServerConfig, database: AppDatabase, logger: Logger, clock: any NowProvider = SystemNow()) {
        self.config = config
        self.database = database
        self.body = RequestBody(limit: config.maxBodyBytes)
        self.logger = logger
        self.clock = clock
    }
}

/// The wall clock, behind a protocol so time-based rules (token expiry, queue widening,
/// disconnect grace) can be tested with injected time.
public protocol NowProvider: Sendable {
    func now() -> Date
}

public struct SystemNow: NowProvider {
    public init() {}
    public func now() -> Date { Date() }
}
