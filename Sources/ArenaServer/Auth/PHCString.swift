import Foundation

/// An Argon2id hash in the PHC string format libargon2 writes:
/// `$argon2id$v=19$m=<KiB>,t=<iterations>,p=<lanes>$<salt>$<digest>`, salt and digest in base64
/// without padding. Parsing is strict: anything else (another variant or version, a missing or
/// out-of-range field, bad base64) is not a hash this server made, and verifies as a mismatch.
struct PHCString: Equatable {
    var cost: Argon2id.Cost
    var salt: [UInt8]
    var digest: [UInt8]

    init(cost: Argon2id.Cost, salt: [UInt8], digest: [UInt8]) {
        self.cost = cost
        self.salt = salt
        self.digest = digest
    }

    var encoded: String {
        "$argon2id$v=19$m=\(cost.memoryKiB),t=\(cost.iterations),p=\(cost.parallelism)$"
            + "\(Self.base64(salt))$\(Self.base64(digest))"
    }

    init?(_ text: String) {
        let parts = text.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0].isEmpty, parts[1] == "argon2id", parts[2] == "v=19" else { return nil }
        var fields: [Substring: Int] = [:]
        for field in parts[3].split(separator: ",", omittingEmptySubsequences: false) {
            let pair = field.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2, fields[pair[0]] == nil, pair[1].count <= 10, pair[1].allSatisfy(\.isASCII),
                let value = Int(pair[1]), value > 0
            else { return nil }
            fields[pair[0]] = value
        }
        // libargon2's own bounds: lanes 1 to 2^24 - 1, at least 8 KiB per lane, under 2^32 KiB.
        guard fields.count == 3, let m = fields["m"], let t = fields["t"], let p = fields["p"],
            p < 1 << 24, m >= 8 * p, m < 1 << 32, t < 1 << 32,
            let salt = Self.bytes(parts[4]), salt.count >= 8, let digest = Self.bytes(parts[5]), digest.count >= 4
        else { return nil }
        cost = .init(memoryKiB: m, iterations: t, parallelism: p)
        self.salt = salt
        self.digest = digest
    }

    private static func base64(_ bytes: [UInt8]) -> String {
        var text = Data(bytes).base64EncodedString()
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }

    private static func bytes(_ text: Substring) -> [UInt8]? {
        guard !text.isEmpty, text.count % 4 != 1, !text.contains("=") else { return nil }
        let padded = String(text) + String(repeating: "=", count: (4 - text.count % 4) % 4)
        return Data(base64Encoded: padded).map { [UInt8]($0) }
    }
}
