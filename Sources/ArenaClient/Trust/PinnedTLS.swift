import NIOSSL

/// The one TLS configuration every connection to a trusted server uses: REST and WebSocket alike.
public enum PinnedTLS {
    /// Trusts exactly the pinned certificate. The name is not checked because the pin is the trust:
    /// servers are reached by IP or by names their self-signed certificate does not carry.
    public static func configuration(pinning certificate: NIOSSLCertificate) -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates([certificate])
        tls.certificateVerification = .noHostnameVerification
        return tls
    }
}
