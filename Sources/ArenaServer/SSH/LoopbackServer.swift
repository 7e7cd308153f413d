#if SSH
import Synchronization

/// The server's own TLS listener as a client on this machine reaches it: `--server` and
/// `--trust-fingerprint` for every ssh session's `arena`. The port is known for certain only once
/// the listener is bound (port 0 picks one), so it is set then.
final class LoopbackServer: Sendable {
    let host: String
    let fingerprint: String
    private let boundPort: Mutex<Int>

    init(listenHost: String, port: Int, fingerprint: String) {
        // A wildcard or loopback listener is reached as localhost; a specific address as itself.
        let wildcard = ["", "0.0.0.0", "::", "[::]", "127.0.0.1", "::1", "localhost"]
        host = wildcard.contains(listenHost) ? "localhost" : listenHost
        self.fingerprint = fingerprint
        boundPort = Mutex(port)
    }

    func listening(on port: Int) { boundPort.withLock { $0 = port } }

    /// HOST:PORT as the client names (and files) a server.
    var address: String {
        let port = boundPort.withLock { $0 }
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
#endif
