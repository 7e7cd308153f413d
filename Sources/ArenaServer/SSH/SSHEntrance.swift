import ServiceLifecycle

/// The ssh listener as the rest of the server sees it. The listener itself (NIOSSH, and with it
/// swift-crypto's copy of BoringSSL) is compiled only with the package trait `SSH`, on by default;
/// `scripts/play` leaves it out of a newcomer's first build unless asked for `--ssh`.
public protocol SSHEntrance: Service, Sendable {
    /// OpenSSH's `SHA256:...` form of the host key, printed at start-up.
    var hostKeyFingerprint: String { get }
    /// Told the HTTPS listener's port once it is bound: sessions' clients connect to it.
    func serverListening(port: Int)
}

enum SSHEntranceFactory {
    /// The listener when `ssh_port` is set, or nil; a build without the listener refuses the setting
    /// rather than quietly serving no ssh.
    static func make(config: ServerConfig, graph: ServiceGraph, tlsFingerprint: String?) throws -> (any SSHEntrance)? {
        guard config.sshPort != 0 else { return nil }
        #if SSH
        return try SSHListener.make(graph: graph, tlsFingerprint: tlsFingerprint)
        #else
        throw ConfigError(
            "ssh_port: this arena-server was built without its ssh listener (scripts/play's quick build); "
                + "`scripts/play --ssh` or a plain `swift build` includes it")
        #endif
    }
}
