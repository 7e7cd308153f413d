#if SSH
import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// Where ssh sessions' clients keep their config: one private dir per session (mode 0700) under
/// `<data_dir>/ssh-sessions`, removed when the session ends.
///
/// Under the data dir rather than /tmp so that what a killed server (SIGKILL, a crash, a power
/// cut) left behind is found again: on the next start every dir still there belongs to a session
/// of a server that is gone, and its login, which lived only in that dir, is ended and the dir
/// removed (`sweep`).
struct SSHSessionDirectories: Sendable {
    let root: String

    init(dataDir: String) throws {
        root = dataDir + "/ssh-sessions"
        do {
            try FileManager.default.createDirectory(
                atPath: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            // An older dir may have other permissions: nobody but the server reads sessions' tokens.
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: root)
        } catch {
            throw ConfigError("cannot make \(root) for ssh sessions: \(error.localizedDescription)")
        }
    }

    /// A new, empty, private dir for one session.
    func make() throws -> String {
        var template = Array((root + "/XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw ConfigError("cannot make a session directory: \(String(cString: strerror(errno)))")
        }
        return String(cString: made)
    }

    /// The dirs sessions of an earlier run left behind.
    func leftovers() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.sorted().map { root + "/" + $0 }
    }

    /// The refresh tokens a session's client wrote into its dir (one file per server it knew).
    static func refreshTokens(in directory: String) -> [String] {
        let sessions = directory + "/sessions"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: sessions)) ?? []
        return files.compactMap { ClientLaunch.RememberedSession.read(sessions + "/" + $0)?.refreshToken }
    }

    /// Takes what a finished session's dir held: its refresh tokens (the logins to end) are read,
    /// then the dir is removed.
    static func empty(_ directory: String) -> [String] {
        let tokens = refreshTokens(in: directory)
        try? FileManager.default.removeItem(atPath: directory)
        return tokens
    }

    /// Ends the logins of `tokens`; returns how many were still open.
    static func endLogins(_ tokens: [String], auth: AuthService) async -> Int {
        var ended = 0
        for token in tokens where (try? await auth.logout(identity: nil, refreshToken: token)) != nil { ended += 1 }
        return ended
    }

    /// Ends the logins of the sessions an earlier run left behind and removes their dirs: what a
    /// session's end does (`SSHSessionHandler`), for sessions whose server was killed.
    func sweep(auth: AuthService, logger: Logger) async {
        let leftovers = leftovers()
        guard !leftovers.isEmpty else { return }
        var ended = 0
        for directory in leftovers { ended += await Self.endLogins(Self.empty(directory), auth: auth) }
        logger.notice(
            "ssh sessions left by an earlier run cleaned up",
            metadata: ["sessions": .stringConvertible(leftovers.count), "logins_ended": .stringConvertible(ended)])
    }
}
#endif
