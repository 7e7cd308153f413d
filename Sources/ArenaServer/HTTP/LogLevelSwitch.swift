import Logging
import Synchronization

/// The server's log level, shared by every `JSONLogHandler` and changed by a configuration reload.
/// An atomic, not a lock: swift-log reads the level before every log call.
public final class LogLevelSwitch: Sendable {
    private let index: Atomic<Int>

    public init(_ level: Logger.Level) { index = Atomic(Self.index(of: level)) }

    public var level: Logger.Level { Logger.Level.allCases[index.load(ordering: .relaxed)] }

    public func set(_ level: Logger.Level) { index.store(Self.index(of: level), ordering: .relaxed) }

    private static func index(of level: Logger.Level) -> Int { Logger.Level.allCases.firstIndex(of: level) ?? 0 }
}
