import Foundation

/// What the client remembers of a login so a relaunch can skip the password: the username (to
/// show while resuming) and the newest refresh token. Stored as `{"username", "refresh_token"}`;
/// other tools (the ssh feature) read and write the same file, so the shape is fixed.
public struct RememberedSession: Sendable, Equatable, Codable {
    public var username: String
    public var refreshToken: String

    public init(username: String, refreshToken: String) {
        self.username = username
        self.refreshToken = refreshToken
    }

    enum CodingKeys: String, CodingKey {
        case username
        case refreshToken = "refresh_token"
    }

    /// Anything else in the file is treated as damage: a token is printable ASCII of sane length.
    var isPlausible: Bool {
        let printable: (Unicode.Scalar) -> Bool = { $0.value > 0x20 && $0.value < 0x7F }
        return !username.isEmpty && username.count <= 64 && !username.unicodeScalars.contains { $0.value < 0x20 }
            && (1...1024).contains(refreshToken.utf8.count) && refreshToken.unicodeScalars.allSatisfy(printable)
    }
}

/// The one file a server's remembered session lives in: `<config dir>/sessions/<host>:<port>`.
/// The token is a password in all but name, so the directory is 0700, the file 0600, and every
/// write goes to a private temp file that is renamed over the old one: a crash leaves either the
/// old token or the new one, never half of one and never a world-readable one.
public struct SessionFile: Sendable, Equatable {
    public let path: String
    private let name: String
    private let paths: ClientPaths

    public init(paths: ClientPaths, server: ServerAddress) {
        self.paths = paths
        name = Self.name(for: server)
        path = paths.sessionsDirectory + "/" + name
    }

    /// `host:port` with the host lower-cased (host names are case-insensitive), IPv6 in brackets.
    public static func name(for server: ServerAddress) -> String {
        ServerAddress(host: server.host.lowercased(), port: server.port).description
    }

    /// The remembered session, or nil. A file that cannot be read as one is removed, so it is
    /// not tried again at every start.
    public func load() -> RememberedSession? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard let session = try? JSONDecoder().decode(RememberedSession.self, from: data), session.isPlausible
        else {
            forget()
            return nil
        }
        return session
    }

    public func save(_ session: RememberedSession) throws {
        try makeDirectory()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(session) + Data("\n".utf8)
        let temporary = paths.sessionsDirectory + "/.\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SessionFileError(operation: "create", path: temporary, code: errno) }
        var written = 0
        var failure: Int32?
        // fchmod: the umask may only narrow 0600, but be explicit about what the file is.
        if fchmod(fd, 0o600) != 0 { failure = errno }
        data.withUnsafeBytes { bytes in
            while failure == nil, written < bytes.count {
                let count = write(fd, bytes.baseAddress.map { $0 + written }, bytes.count - written)
                if count < 0 {
                    if errno != EINTR { failure = errno }
                } else {
                    written += count
                }
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = errno }
        close(fd)
        if failure == nil, rename(temporary, path) != 0 { failure = errno }
        if let failure {
            unlink(temporary)
            throw SessionFileError(operation: "write", path: path, code: failure)
        }
    }

    /// Deletes the remembered session; nothing to do when there is none.
    public func forget() {
        unlink(path)
    }

    private func makeDirectory() throws {
        try paths.ensureDirectory()
        let directory = paths.sessionsDirectory
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        // An existing directory keeps its mode through createDirectory: narrow it too.
        if chmod(directory, 0o700) != 0 { throw SessionFileError(operation: "chmod", path: directory, code: errno) }
    }
}

public struct SessionFileError: Error, Sendable, CustomStringConvertible {
    public var operation: String
    public var path: String
    public var code: Int32

    public var description: String { "Cannot \(operation) \(path): \(String(cString: strerror(code)))" }
}
