import CArenaCrypto
import Foundation

/// A P-256 key and a self-signed certificate for it, made by the system's libcrypto: the server's
/// TLS identity when the operator configured none.
public struct SelfSignedCertificate: Sendable {
    public let certificatePEM: String
    public let privateKeyPEM: String

    public struct Failure: Error, CustomStringConvertible {
        public var description: String { "libcrypto could not make a self-signed certificate" }
    }

    /// `dnsNames` and `ipAddresses` become the subject alternative names. Names are the caller's
    /// (this host's) own, but a comma would still start a new entry in OpenSSL's syntax, so names
    /// that are not plain host names are left out.
    public static func make(
        commonName: String, organization: String, dnsNames: [String], ipAddresses: [String],
        notBefore: Date, notAfter: Date
    ) throws -> SelfSignedCertificate {
        let hostName = /^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})$/
        let ip = /^[0-9A-Fa-f:.]{2,45}$/
        let entries =
            dnsNames.filter { $0.wholeMatch(of: hostName) != nil }.map { "DNS:\($0)" }
            + ipAddresses.filter { $0.wholeMatch(of: ip) != nil }.map { "IP:\($0)" }
        var cert: UnsafeMutablePointer<CChar>?
        var key: UnsafeMutablePointer<CChar>?
        let status = arena_make_self_signed(
            commonName, organization, entries.joined(separator: ","),
            Int64(notBefore.timeIntervalSince1970), Int64(notAfter.timeIntervalSince1970), &cert, &key)
        defer {
            arena_free(cert)
            arena_free(key)
        }
        guard status == 0, let cert, let key else { throw Failure() }
        return SelfSignedCertificate(certificatePEM: String(cString: cert), privateKeyPEM: String(cString: key))
    }
}
