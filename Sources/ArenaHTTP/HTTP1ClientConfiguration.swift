import NIOCore
import NIOSSL

/// Where an `HTTP1Client` connects and the limits it keeps.
public struct HTTP1ClientConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var tls: TLSConfiguration
    /// The TLS server name (SNI). An IP address is never sent: SNI carries names only (RFC 6066)
    /// and NIOSSL refuses one.
    public var serverName: String?
    /// TCP connect and TLS handshake of a new connection.
    public var connectTimeout: TimeAmount = .seconds(10)
    /// A whole request, from waiting for a connection to the last byte of the response.
    public var requestTimeout: TimeAmount = .seconds(15)
    public var maxResponseBodyBytes = 8 << 20
    /// Connections open at once; requests beyond it wait for one to come free.
    public var maxConnections = 8
    /// How long an unused connection is kept for the next request.
    public var idleTimeout: TimeAmount = .seconds(60)

    public init(host: String, port: Int, tls: TLSConfiguration) {
        self.host = host
        self.port = port
        self.tls = tls
        self.serverName = host
    }

    /// The Host header: IPv6 literals in brackets.
    var hostHeader: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    var sniServerName: String? {
        // A colon only ever appears in IPv6 literals (scoped ones too), never in a DNS name.
        guard let serverName, !serverName.isEmpty, !serverName.contains(":") else { return nil }
        let isIPv4 = (try? SocketAddress(ipAddress: serverName, port: 0)) != nil
        return isIPv4 ? nil : serverName
    }
}
