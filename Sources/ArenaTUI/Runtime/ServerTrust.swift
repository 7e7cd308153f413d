import ArenaClient
import Foundation
import NIOSSL

/// Trust on first use, as SSH does it: fetch the certificate, compare it with known_servers, ask
/// the player about a new one, and refuse a changed one loudly.
public enum ServerTrust {
    public struct Refused: Error, CustomStringConvertible {
        public var description: String
    }

    /// How a new fingerprint may be accepted without asking (scripts and tests).
    public struct Preapproval: Sendable {
        /// Accept exactly this fingerprint (`ARENA_TRUST_FINGERPRINT` or `--trust-fingerprint`).
        public var fingerprint: Fingerprint?
        /// Accept whatever a server presents the first time (`--trust`); a changed one is still refused.
        public var acceptAnyNew: Bool

        public init(fingerprint: Fingerprint?, acceptAnyNew: Bool) {
            self.fingerprint = fingerprint
            self.acceptAnyNew = acceptAnyNew
        }
    }

    /// Returns the certificate to pin, or throws when it must not be trusted.
    public static func establish(
        server: ServerAddress, paths: ClientPaths, preapproval: Preapproval,
        ask: (String) -> Bool
    ) async throws -> NIOSSLCertificate {
        let certificate: NIOSSLCertificate
        do {
            certificate = try await CertificateProbe.fetchCertificate(from: server)
        } catch {
            throw Refused(description: "Cannot connect to \(server): \(error).\nIs arena-server running there?")
        }
        let presented = certificate.fingerprint
        var known = KnownServers.load(from: paths.knownServersFile)
        switch known.verdict(for: server, presented: presented) {
        case .trusted:
            return certificate
        case .changed(let pinned, let line):
            throw Refused(
                description: changedWarning(
                    server: server, pinned: pinned, presented: presented, file: paths.knownServersFile, line: line))
        case .unknown:
            let approved: Bool
            if let expected = preapproval.fingerprint {
                guard expected == presented else {
                    throw Refused(
                        description:
                            "The server \(server) presented \(presented),\nnot the fingerprint you said to trust (\(expected)). Refusing to connect."
                    )
                }
                approved = true
            } else if preapproval.acceptAnyNew {
                approved = true
            } else {
                approved = ask(
                    """
                    The authenticity of server \(server) can't be established.
                    Its certificate's SHA-256 fingerprint is:
                      \(presented)
                    Compare it with the one arena-server printed when it started.
                    Trust this server and remember it (y/n)?\u{20}
                    """)
            }
            guard approved else { throw Refused(description: "Not trusted: nothing was sent to \(server).") }
            known.trust(server, fingerprint: presented)
            try paths.ensureDirectory()
            try known.save(to: paths.knownServersFile)
            return certificate
        }
    }

    static func changedWarning(
        server: ServerAddress, pinned: Fingerprint, presented: Fingerprint, file: String, line: Int
    ) -> String {
        """
        @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
        @    WARNING: SERVER IDENTIFICATION HAS CHANGED!          @
        @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
        The certificate of \(server) is not the one you trusted before.
        Someone could be intercepting your connection, or the server
        was given a new certificate.
        Pinned fingerprint:    \(pinned)
        Presented fingerprint: \(presented)
        Refusing to connect. If you know the change is legitimate,
        delete line \(line) of \(file)
        (the line starting with "\(server) ") and run arena again.
        """
    }
}
