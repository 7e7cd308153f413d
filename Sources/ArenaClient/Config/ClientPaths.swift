import Foundation

/// Where the client keeps its files: `$ARENA_CONFIG_DIR` (for tests and scripts), else
/// `$XDG_CONFIG_HOME/arena`, else `~/.config/arena`.
public struct ClientPaths: Sendable, Equatable {
    public var directory: String

    public init(directory: String) { self.directory = directory }

    public static func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) -> ClientPaths {
        if let explicit = environment["ARENA_CONFIG_DIR"], !explicit.isEmpty {
            return ClientPaths(directory: explicit)
        }
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            return ClientPaths(directory: xdg + "/arena")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return ClientPaths(directory: home + "/.config/arena")
    }

    public var configFile: String { directory + "/config" }
    public var knownServersFile: String { directory + "/known_servers" }
    public var themesDirectory: String { directory + "/themes" }
    /// One file a server with its remembered refresh token (`SessionFile`).
    public var sessionsDirectory: String { directory + "/sessions" }

    /// Creates the directory readable only by the user: it records which servers they trust.
    public func ensureDirectory() throws {
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }
}
