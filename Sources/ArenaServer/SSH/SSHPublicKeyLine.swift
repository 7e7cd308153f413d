import Crypto
import Foundation
import NIOSSH

/// An OpenSSH one-line public key (`ssh-ed25519 AAAA... comment`), as a player pastes it from
/// `~/.ssh/id_ed25519.pub`. Parsing goes through NIOSSH, so a key is linkable exactly when the
/// ssh listener can later verify a signature made with it.
public struct SSHPublicKeyLine: Sendable, Equatable {
    /// `type base64`, without the comment: what is stored and compared.
    public let canonical: String
    /// OpenSSH's `SHA256:` form (unpadded base64 of the SHA-256 of the key blob), as
    /// `ssh-keygen -lf` prints it.
    public let fingerprint: String
    public let comment: String

    public static let maxLineLength = 16 * 1024
    public static let maxCommentLength = 100

    public enum Problem: Error, Equatable, Sendable {
        case empty, tooLong, notAKey
    }

    public init(parsing text: String) throws(Problem) {
        let line = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !line.isEmpty else { throw .empty }
        guard line.utf8.count <= Self.maxLineLength else { throw .tooLong }
        let parts = line.split(maxSplits: 2, whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count >= 2 else { throw .notAKey }
        let canonical = "\(parts[0]) \(parts[1])"
        guard let key = try? NIOSSHPublicKey(openSSHPublicKey: canonical),
            let fingerprint = Self.fingerprint(of: key)
        else { throw .notAKey }
        self.canonical = canonical
        self.fingerprint = fingerprint
        let rawComment = parts.count == 3 ? String(parts[2]) : ""
        comment = String(
            rawComment.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }.prefix(
                Self.maxCommentLength)
        ).trimmingCharacters(in: .whitespaces)
    }

    /// The fingerprint of a key the ssh listener was shown, in the same form as a linked key's.
    public static func fingerprint(of key: NIOSSHPublicKey) -> String? {
        let text = String(openSSHPublicKey: key)
        let parts = text.split(separator: " ")
        guard parts.count >= 2, let blob = Data(base64Encoded: String(parts[1])) else { return nil }
        return fingerprint(blob: blob)
    }

    static func fingerprint(blob: Data) -> String {
        let base64 = Data(SHA256.hash(data: blob)).base64EncodedString()
        return "SHA256:" + base64.trimmingCharacters(in: CharacterSet(charactersIn: "="))
    }
}
