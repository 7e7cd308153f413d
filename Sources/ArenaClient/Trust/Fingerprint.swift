import ArenaCrypto

/// A certificate's SHA-256 fingerprint as people compare it: colon-separated upper-case hex.
public struct Fingerprint: Sendable, Hashable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init(certificateDER: [UInt8]) {
        bytes = Hashing.sha256(certificateDER)
    }

    /// Accepts the colon form, or bare hex, in either case (people paste both).
    public init?(parsing text: String) {
        let hex = text.filter { $0 != ":" }.uppercased()
        guard hex.count == 64 else { return nil }
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        self.bytes = bytes
    }

    public var description: String {
        bytes.map { byte in
            let digits = String(byte, radix: 16, uppercase: true)
            return digits.count == 1 ? "0" + digits : digits
        }.joined(separator: ":")
    }
}
