import ArenaKit
import Foundation

/// Account operations for `arena-server admin`, run on the database directly (the server may be
/// running: SQLite serialises the writes). The same rules as the REST endpoints apply; failures are
/// `APIError`s whose message is meant for the operator.
public struct AccountAdmin: Sendable {
    let config: ServerConfig
    let database: AppDatabase

    public init(config: ServerConfig) throws {
        try FileManager.default.createDirectory(atPath: config.dataDir, withIntermediateDirectories: true)
        self.config = config
        database = try AppDatabase(path: config.resolvedDatabasePath)
    }

    /// Creates an account with the admin role; returns its id.
    public func createAdmin(username: String, email: String, password: String) async throws -> String {
        let account = try NewAccount(email: email, username: username, password: password, fullName: nil)
        let hash = try await PasswordHasher(config: config).hash(account.password)
        let user = account.record(passwordHash: hash, role: .admin, now: Date())
        try await database.write { db in try AccountStore.insert(user, db: db) }
        return user.id
    }

    /// Sets the role and ends the user's sessions. A running server refuses their next refresh at
    /// once; access tokens it already issued keep the old role until they expire.
    public func setRole(username: String, role: String) async throws -> UserDTO {
        let role = try AccountStore.role(named: role)
        let now = Date()
        return try await database.write { db in
            try AccountStore.changeRole(username: username, to: role, now: now, db: db).user.dto()
        }
    }

    /// A fresh single-use reset token for the user (withdrawing earlier ones), to hand over out of band.
    public func resetToken(username: String) async throws -> (token: String, expiresInSeconds: Int) {
        let lifetime = config.passwordResetSeconds
        let token = try await database.write { db -> String in
            guard let user = try AccountStore.user(login: username, db: db) else {
                throw APIError.notFound("The user \(username)")
            }
            return try PasswordResetStore.issue(userID: user.id, now: Date(), lifetimeSeconds: lifetime, db: db)
        }
        return (token, lifetime)
    }
}
