#if SSH
import Crypto
import Foundation
import NIOSSH

/// The ssh listener's identity: an Ed25519 key made on first start and kept in the data dir
/// (mode 0600), so players' known_hosts entries stay valid across restarts.
public struct SSHHostKey: Sendable {
    public static let fileName = "ssh_host_ed25519_key"

    public let privateKey: NIOSSHPrivateKey
    /// OpenSSH's `SHA256:...` form, what `ssh` shows when it first meets the server.
    public let fingerprint: String
    public let generated: Bool

    /// The file holds the 32-byte Ed25519 seed in base64: nothing else reads it, and Crypto
    /// restores the key from the seed alone.
    public static func load(dataDir: String) throws -> SSHHostKey {
        let path = dataDir + "/" + fileName
        let fm = FileManager.default
        if fm.fileExists(atPath: path) {
            let text = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let seed = Data(base64Encoded: text),
                let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed)
            else {
                throw ConfigError("\(path) is not an ssh host key made by arena-server; move it away to make a new one")
            }
            return SSHHostKey(key: key, generated: false)
        }
        let key = Curve25519.Signing.PrivateKey()
        let text = key.rawRepresentation.base64EncodedString() + "\n"
        // Created 0600 from the start: the key is never readable by others, not even briefly.
        guard fm.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw ConfigError("cannot write the ssh host key to \(path)")
        }
        return SSHHostKey(key: key, generated: true)
    }

    init(key: Curve25519.Signing.PrivateKey, generated: Bool) {
        privateKey = NIOSSHPrivateKey(ed25519Key: key)
        fingerprint = SSHPublicKeyLine.fingerprint(of: privateKey.publicKey) ?? ""
        self.generated = generated
    }
}
#endif
