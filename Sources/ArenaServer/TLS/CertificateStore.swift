import ArenaCrypto
import Foundation
import NIOSSL

/// The server's TLS identity: the operator's PEM files when configured, otherwise a self-signed
/// P-256 certificate made on first start and kept in the data dir, so later starts (and the
/// fingerprint clients pinned) stay the same.
public struct CertificateStore: Sendable {
    public let certificatePEM: String
    public let privateKeyPEM: String
    /// SHA-256 of the certificate's DER, as colon-separated upper-case hex (what clients pin).
    public let fingerprint: String
    public let generated: Bool

    public static func load(config: ServerConfig) throws -> CertificateStore {
        let certPath = config.tlsCertificatePath.isEmpty ? config.dataDir + "/cert.pem" : config.tlsCertificatePath
        let keyPath = config.tlsKeyPath.isEmpty ? config.dataDir + "/key.pem" : config.tlsKeyPath
        let fm = FileManager.default
        if fm.fileExists(atPath: certPath), fm.fileExists(atPath: keyPath) {
            let cert = try String(contentsOfFile: certPath, encoding: .utf8)
            let key = try String(contentsOfFile: keyPath, encoding: .utf8)
            return try CertificateStore(certificatePEM: cert, privateKeyPEM: key, generated: false)
        }
        guard config.tlsCertificatePath.isEmpty, config.tlsKeyPath.isEmpty else {
            throw ConfigError("tls_certificate/tls_key: cannot read \(certPath) and \(keyPath)")
        }
        let made = try makeSelfSigned()
        try made.cert.write(toFile: certPath, atomically: true, encoding: .utf8)
        // Created owner-only, so the key is never readable by others, not even for a moment.
        guard fm.createFile(atPath: keyPath, contents: Data(made.key.utf8), attributes: [.posixPermissions: 0o600])
        else { throw ConfigError("tls_key: cannot write \(keyPath)") }
        return try CertificateStore(certificatePEM: made.cert, privateKeyPEM: made.key, generated: true)
    }

    init(certificatePEM: String, privateKeyPEM: String, generated: Bool) throws {
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
        self.generated = generated
        guard let leaf = try NIOSSLCertificate.fromPEMBytes(Array(certificatePEM.utf8)).first else {
            throw ConfigError("tls_certificate: the file holds no certificate")
        }
        fingerprint = Self.fingerprint(der: try leaf.toDERBytes())
    }

    public static func fingerprint(der: [UInt8]) -> String {
        Hashing.sha256(der).map { String(format: "%02X", $0) }.joined(separator: ":")
    }

    public func tlsConfiguration() throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMBytes(Array(certificatePEM.utf8)).map {
            NIOSSLCertificateSource.certificate($0)
        }
        let key = try NIOSSLPrivateKey(bytes: Array(privateKeyPEM.utf8), format: .pem)
        var tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        tls.minimumTLSVersion = .tlsv12
        // TLS 1.2 suites limited to forward-secret AEAD ones; TLS 1.3 suites are all modern.
        tls.cipherSuites = [
            "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
            "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
            "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
        ].joined(separator: ":")
        return tls
    }

    static func makeSelfSigned() throws -> (cert: String, key: String) {
        var names = ["localhost"]
        let host = ProcessInfo.processInfo.hostName
        if !host.isEmpty, host != "localhost" { names.append(host) }
        let now = Date()
        let made = try SelfSignedCertificate.make(
            commonName: "TicTacToe Arena (self-signed)", organization: "TicTacToe Arena",
            dnsNames: names, ipAddresses: ["127.0.0.1"],
            notBefore: now.addingTimeInterval(-3600), notAfter: now.addingTimeInterval(10 * 365 * 24 * 3600))
        return (made.certificatePEM, made.privateKeyPEM)
    }
}
