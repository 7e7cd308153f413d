import ArenaCrypto
import Foundation

/// An OpenSSH one-line public key (`ssh-ed25519 AAAA... comment`), as a player pastes it from
/// `~/.ssh/id_ed25519.pub`. Only the key types the ssh listener can verify are accepted (Ed25519
/// and ECDSA on NIST P-256/384/521), and the blob must have exactly their wire layout (RFC 4253
/// and 5656). It is parsed here rather than by NIOSSH so that a server built without its ssh
/// listener (the quick `scripts/play` build) still answers `/auth/ssh-keys` the same way.
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

    /// Each accepted type and the layout of its blob after the type string: the curve name an
    /// ECDSA key repeats, and the length of the key itself (an uncompressed point for ECDSA).
    private static let layouts: [String: (curve: String?, keyLength: Int)] = [
        "ssh-ed25519": (nil, 32),
        "ecdsa-sha2-nistp256": ("nistp256", 65),
        "ecdsa-sha2-nistp384": ("nistp384", 97),
        "ecdsa-sha2-nistp521": ("nistp521", 133),
    ]

    public init(parsing text: String) throws(Problem) {
        let line = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !line.isEmpty else { throw .empty }
        guard line.utf8.count <= Self.maxLineLength else { throw .tooLong }
        let parts = line.split(maxSplits: 2, whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count >= 2, let blob = Data(base64Encoded: String(parts[1])),
            Self.isWellFormed(blob: Array(blob), type: String(parts[0]))
        else { throw .notAKey }
        canonical = "\(parts[0]) \(parts[1])"
        fingerprint = Self.fingerprint(blob: blob)
        let rawComment = parts.count == 3 ? String(parts[2]) : ""
        comment = String(
            rawComment.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }.prefix(
                Self.maxCommentLength)
        ).trimmingCharacters(in: .whitespaces)
    }

    static func fingerprint(blob: Data) -> String {
        let base64 = Data(Hashing.sha256(blob)).base64EncodedString()
        return "SHA256:" + base64.trimmingCharacters(in: CharacterSet(charactersIn: "="))
    }

    /// The blob is `string type` then, for ECDSA, `string curve`, then `string key`, and nothing more.
    private static func isWellFormed(blob: [UInt8], type: String) -> Bool {
        guard let layout = layouts[type] else { return false }
        var reader = SSHWireReader(bytes: blob)
        guard reader.readString() == Array(type.utf8) else { return false }
        if let curve = layout.curve, reader.readString() != Array(curve.utf8) { return false }
        guard let key = reader.readString(), key.count == layout.keyLength, reader.isAtEnd else { return false }
        // An ECDSA key is an uncompressed point: 0x04, then X and Y.
        return layout.curve == nil || key.first == 0x04
    }
}

/// Reads SSH's length-prefixed `string`s (RFC 4251 section 5) from a key blob.
private struct SSHWireReader {
    let bytes: [UInt8]
    var offset = 0

    var isAtEnd: Bool { offset == bytes.count }

    mutating func readString() -> [UInt8]? {
        guard bytes.count - offset >= 4 else { return nil }
        let length = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
        offset += 4
        guard bytes.count - offset >= length else { return nil }
        defer { offset += length }
        return Array(bytes[offset..<offset + length])
    }
}
