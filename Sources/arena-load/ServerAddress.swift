import NIOSSL

/// `--server host:port` and what follows from it: the gateway URL, the TLS server name, and the
/// TLS settings REST and gateway both use.
struct ServerAddress: Sendable {
    let host: String
    let port: Int

    init(_ text: String) throws {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (1...65535).contains(port), colon != text.startIndex
        else {
            throw LoadError("--server must be HOST:PORT, got \(text)")
        }
        host = String(text[..<colon])
        self.port = port
    }

    var gatewayURL: String { "wss://\(urlHost):\(port)/ws" }
    private var urlHost: String { host.contains(":") ? "[\(host)]" : host }

    /// NIOSSL refuses an IP address as the TLS server name; send the certificate's own name instead.
    var sniHostname: String? { host.allSatisfy { $0.isNumber || $0 == "." || $0 == ":" } ? "localhost" : nil }

    /// No certificate verification: this tool measures your own server (often with a fresh
    /// self-signed certificate), and pinning would only add set-up steps to every benchmark.
    static let tls: TLSConfiguration = {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none
        return tls
    }()
}

/// A failure worth one line to the operator, not a stack of error text.
struct LoadError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
