import Foundation

extension PairingPolicy {
    /// The range rules as `server.conf` sets them (at start-up and on every reload).
    init(config: ServerConfig) {
        self.init(
            initialRange: config.matchInitialRange, widenBy: config.matchWidenBy,
            widenEvery: TimeInterval(config.matchWidenEverySeconds), maxRange: config.matchMaxRange)
    }
}
