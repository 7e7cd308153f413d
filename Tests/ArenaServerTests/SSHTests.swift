import Foundation
import Testing

@testable import ArenaServer

/// The pure parts of the ssh listener: key lines and fingerprints (checked against what
/// `ssh-keygen -lf` printed for the same keys), the host key file, limits, what a session passes on.
@Suite struct SSHTests {
    static let ed25519 =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJLl7ptZGQJ6OILq/iWe4C+/VkRWga3OEM9sCwGZF2k/ alice@laptop"
    static let ecdsa =
        "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBFM4WR1q/OL/d8XWwd7Jrw9z5czme1ZO7+I3jh86TgULFkvdsoUJqrH6nPrz/xHJotCCth1/Vh/BjgyCOV7GxO8="

    @Test func aPublicKeyLineParsesWithOpenSSHsFingerprint() throws {
        let key = try SSHPublicKeyLine(parsing: "  \(Self.ed25519)\n")
        #expect(key.fingerprint == "SHA256:WIb5AhPRbfQ1qr4V191er+9HUCpm7wpPwHUklBT1OjE")
        #expect(key.comment == "alice@laptop")
        #expect(key.canonical == String(Self.ed25519.dropLast(" alice@laptop".count)))
        let other = try SSHPublicKeyLine(parsing: Self.ecdsa)
        #expect(other.fingerprint == "SHA256:Qi/AvHmf75dE4xIdTydDIyxzEcGTR/9PniBCuXsnj4o")
        #expect(other.comment == "")
    }

    @Test func aCommentLosesControlCharactersAndIsCapped() throws {
        let key = try SSHPublicKeyLine(
            parsing: Self.ed25519.replacingOccurrences(
                of: "alice@laptop", with: "a\u{1b}[31mb " + String(repeating: "c", count: 300)))
        #expect(key.comment.hasPrefix("a[31mb c"))
        #expect(key.comment.count == SSHPublicKeyLine.maxCommentLength)
    }

    @Test func anythingButAKeyIsRefused() {
        #expect(throws: SSHPublicKeyLine.Problem.empty) { try SSHPublicKeyLine(parsing: "  ") }
        #expect(throws: SSHPublicKeyLine.Problem.notAKey) { try SSHPublicKeyLine(parsing: "ssh-ed25519") }
        #expect(throws: SSHPublicKeyLine.Problem.notAKey) {
            try SSHPublicKeyLine(parsing: "ssh-ed25519 AAAAnotbase64!!")
        }
        #expect(throws: SSHPublicKeyLine.Problem.notAKey) {
            // the ed25519 blob under another type's name
            try SSHPublicKeyLine(parsing: Self.ed25519.replacingOccurrences(of: "ssh-ed25519 ", with: "ssh-dss "))
        }
        #expect(throws: SSHPublicKeyLine.Problem.notAKey) {
            try SSHPublicKeyLine(parsing: "-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAA")
        }
        #expect(throws: SSHPublicKeyLine.Problem.tooLong) {
            try SSHPublicKeyLine(parsing: "ssh-ed25519 " + String(repeating: "A", count: 20_000))
        }
    }

    /// The blob itself is checked, not only the line's shape: a key linkable here is one the ssh
    /// listener could later verify.
    @Test func aBlobWithTheWrongLayoutIsNotAKey() throws {
        func line(_ type: String, _ blob: [UInt8]) -> String { "\(type) \(Data(blob).base64EncodedString())" }
        func string(_ bytes: [UInt8]) -> [UInt8] {
            let n = UInt32(bytes.count)
            return [UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] + bytes
        }
        let type = Array("ssh-ed25519".utf8)
        let key = [UInt8](repeating: 7, count: 32)
        #expect(throws: Never.self) { try SSHPublicKeyLine(parsing: line("ssh-ed25519", string(type) + string(key))) }
        let wrong: [(String, [UInt8])] = [
            ("short key", string(type) + string(Array(key.dropLast()))),
            ("trailing bytes", string(type) + string(key) + [0]),
            ("length past the end", string(type) + [0, 0, 0, 33] + key),
            ("type differs from the line's", string(Array("ssh-rsa".utf8)) + string(key)),
            ("empty", []),
            ("huge length", [0xFF, 0xFF, 0xFF, 0xFF] + type),
        ]
        for (name, blob) in wrong {
            #expect(throws: SSHPublicKeyLine.Problem.notAKey, "\(name)") {
                try SSHPublicKeyLine(parsing: line("ssh-ed25519", blob))
            }
        }
        let ecdsaType = Array("ecdsa-sha2-nistp256".utf8)
        let point = [4] + [UInt8](repeating: 9, count: 64)
        #expect(throws: Never.self) {
            try SSHPublicKeyLine(
                parsing: line("ecdsa-sha2-nistp256", string(ecdsaType) + string(Array("nistp256".utf8)) + string(point))
            )
        }
        #expect(throws: SSHPublicKeyLine.Problem.notAKey, "another curve's name") {
            try SSHPublicKeyLine(
                parsing: line("ecdsa-sha2-nistp256", string(ecdsaType) + string(Array("nistp384".utf8)) + string(point))
            )
        }
        #expect(throws: SSHPublicKeyLine.Problem.notAKey, "a compressed point") {
            try SSHPublicKeyLine(
                parsing: line(
                    "ecdsa-sha2-nistp256",
                    string(ecdsaType) + string(Array("nistp256".utf8)) + string([2] + point.dropFirst())))
        }
    }

    @Test func theHostKeyIsMadePrivateOnceAndKept() throws {
        let dir = try TemporaryDirectory("ssh-host-key")
        defer { dir.remove() }
        let first = try SSHHostKey.load(dataDir: dir.url.path)
        #expect(first.generated)
        #expect(first.fingerprint.hasPrefix("SHA256:") && first.fingerprint.count == 50)
        let mode = try FileManager.default.attributesOfItem(atPath: dir.path(SSHHostKey.fileName))[.posixPermissions]
        #expect((mode as? NSNumber)?.intValue == 0o600)
        let again = try SSHHostKey.load(dataDir: dir.url.path)
        #expect(!again.generated)
        #expect(again.fingerprint == first.fingerprint)
        try "not a key".write(toFile: dir.path(SSHHostKey.fileName), atomically: true, encoding: .utf8)
        #expect(throws: ConfigError.self) { try SSHHostKey.load(dataDir: dir.url.path) }
    }

    @Test func theSessionCapHoldsAndSlotsComeBack() {
        let limits = SSHLimits(maxSessions: 2, connectionsPerMinutePerIP: 100)
        #expect(limits.startSession())
        #expect(limits.startSession())
        #expect(!limits.startSession())
        limits.endSession()
        #expect(limits.startSession())
        #expect(limits.activeSessions == 2)
        #expect(limits.fullMessage == "The server is full: 2 players are connected by ssh. Try again soon.")
    }

    @Test func connectionsAreLimitedPerIP() {
        let limits = SSHLimits(maxSessions: 1, connectionsPerMinutePerIP: 3)
        #expect((0..<3).allSatisfy { _ in limits.admitConnection(from: "10.0.0.1") })
        #expect(!limits.admitConnection(from: "10.0.0.1"))
        #expect(limits.admitConnection(from: "10.0.0.2"))
    }

    @Test func onlyTermLangAndLocaleVariablesPass() {
        for name in ["TERM", "LANG", "LC_ALL", "LC_CTYPE"] { #expect(ClientLaunch.acceptsEnvironment(name)) }
        for name in ["PATH", "LD_PRELOAD", "HOME", "ARENA_CONFIG_DIR", "LC_", "LC_all", "LC_X=Y", "BASH_ENV"] {
            #expect(!ClientLaunch.acceptsEnvironment(name), "\(name)")
        }
        #expect(SSHSessionHandler.sanitisedTerm("xterm-256color") == "xterm-256color")
        #expect(SSHSessionHandler.sanitisedTerm("../../etc/x") == "xterm")
        #expect(SSHSessionHandler.sanitisedTerm("") == "xterm")
    }

    @Test func theClientGetsAFreshPrivateDirAndOnlyWhatItNeeds() throws {
        let data = try TemporaryDirectory("ssh-dirs")
        defer { data.remove() }
        let directories = try SSHSessionDirectories(dataDir: data.url.path)
        let launch = try ClientLaunch.prepare(
            clientPath: "/opt/arena", server: "localhost:5300", fingerprint: "AB:CD", term: "screen",
            sentEnvironment: ["LC_ALL": "de_DE.UTF-8"],
            session: .init(username: "alice", refreshToken: "rt-secret"), directories: directories)
        defer { launch.cleanUp() }
        // Under the data dir, where the next start finds it if this server is killed.
        #expect(directories.leftovers() == [launch.directory])
        #expect(SSHSessionDirectories.refreshTokens(in: launch.directory) == ["rt-secret"])
        #expect(launch.arguments == ["--server", "localhost:5300", "--trust-fingerprint", "AB:CD"])
        #expect(launch.environment["TERM"] == "screen")
        #expect(launch.environment["LANG"] == nil)
        #expect(launch.environment["LC_ALL"] == "de_DE.UTF-8")
        #expect(launch.environment["HOME"] == launch.directory)
        #expect(launch.environment["ARENA_CONFIG_DIR"] == launch.directory)
        let fm = FileManager.default
        let dirMode = try fm.attributesOfItem(atPath: launch.directory)[.posixPermissions] as? NSNumber
        #expect(dirMode?.intValue == 0o700)
        let file = launch.directory + "/sessions/localhost:5300"
        let fileMode = try fm.attributesOfItem(atPath: file)[.posixPermissions] as? NSNumber
        #expect(fileMode?.intValue == 0o600)
        let saved = try JSONSerialization.jsonObject(with: try Data(contentsOf: URL(fileURLWithPath: file)))
        #expect((saved as? [String: String]) == ["username": "alice", "refresh_token": "rt-secret"])
        let rootMode = try fm.attributesOfItem(atPath: directories.root)[.posixPermissions] as? NSNumber
        #expect(rootMode?.intValue == 0o700)
        launch.cleanUp()
        #expect(!fm.fileExists(atPath: launch.directory))
        #expect(directories.leftovers().isEmpty)

        let plain = try ClientLaunch.prepare(
            clientPath: "/opt/arena", server: "localhost:5300", fingerprint: "AB:CD", term: "", sentEnvironment: [:],
            session: nil, directories: directories)
        defer { plain.cleanUp() }
        #expect(plain.environment["LANG"] == "C.UTF-8")
        #expect(plain.environment["TERM"] == "xterm")
        #expect(!fm.fileExists(atPath: plain.directory + "/sessions"))
    }

    @Test func theLoopbackAddressFollowsTheListener() {
        let wildcard = LoopbackServer(listenHost: "0.0.0.0", port: 0, fingerprint: "F")
        wildcard.listening(on: 5123)
        #expect(wildcard.address == "localhost:5123")
        #expect(LoopbackServer(listenHost: "192.168.1.5", port: 5000, fingerprint: "F").address == "192.168.1.5:5000")
    }

    @Test func exitStatusesReadAsAShellReportsThem() {
        #expect(PtyProcess.shellStatus(0) == 0)
        #expect(PtyProcess.shellStatus(3 << 8) == 3)
        #expect(PtyProcess.shellStatus(9) == 137)
    }

    @Test func sshSettingsLoadAndAreChecked() throws {
        var config = ServerConfig()
        #expect(config.sshPort == 0)
        try ConfigLoader.apply(
            text: "host = 127.0.0.1\nssh_port = 2222\nssh_max_sessions = 5\nssh_host =\n", source: "t", to: &config)
        #expect(config.sshPort == 2222 && config.sshMaxSessions == 5 && config.resolvedSSHHost == "127.0.0.1")
        #expect(throws: ConfigError.self) {
            try ConfigLoader.apply(text: "ssh_idle_timeout_seconds = 1", source: "t", to: &config)
        }
        #expect(throws: ConfigError.self) { try ConfigLoader.apply(text: "ssh_port = 70000", source: "t", to: &config) }
    }
}
