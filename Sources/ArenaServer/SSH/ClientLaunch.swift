#if SSH
import Foundation

/// How one ssh session's `arena` is started: its binary, arguments, a minimal environment and a
/// fresh private config dir (mode 0700, removed when the session ends; `SSHSessionDirectories`). The client is told the
/// loopback server and the certificate fingerprint, so it trusts this server without asking.
struct ClientLaunch: Sendable {
    let path: String
    let arguments: [String]
    let environment: [String: String]
    let directory: String

    /// A session for the client to pick up instead of showing the login screen: the file the
    /// client reads is `<config dir>/sessions/<server>` (`{"username", "refresh_token"}`).
    struct RememberedSession: Sendable, Codable {
        var username: String
        var refreshToken: String
        enum CodingKeys: String, CodingKey {
            case username
            case refreshToken = "refresh_token"
        }

        /// The session a client wrote at `path`, if the file is there and what it should be.
        static func read(_ path: String) -> RememberedSession? {
            guard let data = FileManager.default.contents(atPath: path), data.count <= 4096 else { return nil }
            return try? JSONDecoder().decode(RememberedSession.self, from: data)
        }
    }

    /// Environment names an ssh client may set for the session; everything else is refused.
    static func acceptsEnvironment(_ name: String) -> Bool {
        name == "TERM" || name == "LANG"
            || name.hasPrefix("LC_") && (4...32).contains(name.count)
                && name.dropFirst(3).allSatisfy { $0.isASCII && ($0.isUppercase || $0 == "_") }
    }

    /// Makes the session's config dir and, for a player recognised by key, the remembered session.
    static func prepare(
        clientPath: String, server: String, fingerprint: String, term: String, sentEnvironment: [String: String],
        session: RememberedSession?, directories: SSHSessionDirectories
    ) throws -> ClientLaunch {
        let directory = try directories.make()
        do {
            if let session { try write(session, server: server, in: directory) }
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
        var environment = [
            "TERM": term.isEmpty ? "xterm" : term,
            "HOME": directory,
            "ARENA_CONFIG_DIR": directory,
            "PATH": "/usr/local/bin:/usr/bin:/bin",
        ]
        for (name, value) in sentEnvironment where name != "TERM" { environment[name] = value }
        if environment["LANG"] == nil, environment["LC_ALL"] == nil { environment["LANG"] = "C.UTF-8" }
        return ClientLaunch(
            path: clientPath, arguments: ["--server", server, "--trust-fingerprint", fingerprint],
            environment: environment, directory: directory)
    }

    private static func write(_ session: RememberedSession, server: String, in directory: String) throws {
        let sessions = directory + "/sessions"
        try FileManager.default.createDirectory(
            atPath: sessions, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let data = try JSONEncoder().encode(session)
        guard
            FileManager.default.createFile(
                atPath: sessions + "/" + server, contents: data, attributes: [.posixPermissions: 0o600])
        else { throw ConfigError("cannot write the remembered session in \(sessions)") }
    }

    /// Removes the session's config dir (and the refresh token in it).
    func cleanUp() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The `arena` next to the running `arena-server`, unless `ssh_client_path` names another.
    static func resolveClientPath(configured: String) -> String {
        if !configured.isEmpty { return configured }
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments.first ?? "arena-server"
        return URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("arena").path
    }
}
#endif
