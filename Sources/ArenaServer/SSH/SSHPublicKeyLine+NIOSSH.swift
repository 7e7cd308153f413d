#if SSH
import Foundation
import NIOSSH

extension SSHPublicKeyLine {
    /// The fingerprint of a key the ssh listener was shown, in the same form as a linked key's.
    public static func fingerprint(of key: NIOSSHPublicKey) -> String? {
        let text = String(openSSHPublicKey: key)
        let parts = text.split(separator: " ")
        guard parts.count >= 2, let blob = Data(base64Encoded: String(parts[1])) else { return nil }
        return fingerprint(blob: blob)
    }
}
#endif
