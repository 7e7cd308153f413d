import ArenaKit
import Foundation
import Logging

/// swift-log handler writing one JSON object a line to standard error: time, level, label, message,
/// and metadata. Secrets never reach it: code logs ids, never passwords, tokens or reset codes.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    /// Every handler follows `LogLevelSwitch`, so a reload changes the level of loggers that
    /// already exist; a logger that sets its own level keeps it.
    public var logLevel: Logger.Level {
        get { ownLevel ?? levelSwitch.level }
        set { ownLevel = newValue }
    }
    private var ownLevel: Logger.Level?
    private let levelSwitch: LogLevelSwitch
    let label: String

    public init(label: String, level: LogLevelSwitch) {
        self.label = label
        self.levelSwitch = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields: [String: String] = [:]
        for (key, value) in metadata { fields[key] = value.description }
        for (key, value) in event.metadata ?? [:] { fields[key] = value.description }
        fields["time"] = Timestamp.string(Date())
        fields["level"] = event.level.rawValue
        fields["label"] = label
        fields["message"] = event.message.description
        // Written by hand, keys sorted: `JSONSerialization` was a third of the server's CPU per
        // REST request (BENCHMARKS.md).
        var line = JSONTextWriter(capacity: 256)
        line.raw("{")
        for (index, key) in fields.keys.sorted().enumerated() {
            if index > 0 { line.raw(",") }
            line.string(key)
            line.raw(":")
            line.string(fields[key] ?? "")
        }
        line.raw("}\n")
        FileHandle.standardError.write(Data(line.bytes))
    }
}
