import Foundation

/// The HMAC secret that signs access tokens: `jwt_secret` from the configuration, or one generated on
/// first start and kept in `<data_dir>/jwt.secret` (owner-only), so tokens survive a restart.
enum JWTSecret {
    static let minimumBytes = 32

    static func load(config: ServerConfig) throws -> String {
        if !config.jwtSecret.isEmpty { return config.jwtSecret }
        let path = config.dataDir + "/jwt.secret"
        if let stored = try? String(contentsOfFile: path, encoding: .utf8) {
            let secret = stored.trimmingCharacters(in: .whitespacesAndNewlines)
            guard secret.utf8.count >= minimumBytes else {
                throw ConfigError("\(path) holds fewer than \(minimumBytes) bytes; delete it to generate a new secret")
            }
            return secret
        }
        // 32 random bytes as hex: printable, so the file can be read and set as `jwt_secret` elsewhere.
        let secret = OpaqueToken.hex(OpaqueToken.randomBytes(32))
        let created = FileManager.default.createFile(
            atPath: path, contents: Data(secret.utf8), attributes: [.posixPermissions: 0o600])
        guard created else { throw ConfigError("cannot write \(path)") }
        return secret
    }
}
