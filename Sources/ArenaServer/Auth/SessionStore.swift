import ArenaKit
import Foundation
import GRDB

/// A row of `refresh_tokens`. A login session is a family of these sharing `family_id`: each refresh
/// spends one and adds its successor, so the family id outlives every single token.
struct RefreshTokenRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "refresh_tokens"

    var tokenHash: String
    var userID: String
    var familyID: String
    var createdAt: String
    var expiresAt: String
    var spentAt: String?
    var revokedAt: String?

    enum CodingKeys: String, CodingKey {
        case tokenHash = "token_hash"
        case userID = "user_id"
        case familyID = "family_id"
        case createdAt = "created_at"
        case expiresAt = "expires_at"
        case spentAt = "spent_at"
        case revokedAt = "revoked_at"
    }
}

/// Login sessions in the database: refresh tokens (stored hashed) grouped in families, and the
/// durable record of revoked families. Every function runs inside the caller's transaction.
enum SessionStore {
    /// Starts a login session: a new family with its first refresh token.
    static func start(userID: String, now: Date, lifetimeSeconds: Int, db: Database) throws
        -> (sessionID: String, refreshToken: String)
    {
        let family = UUID().uuidString.lowercased()
        return (
            family, try addToken(familyID: family, userID: userID, now: now, lifetimeSeconds: lifetimeSeconds, db: db)
        )
    }

    /// Adds the next refresh token to a session and returns it.
    static func addToken(familyID: String, userID: String, now: Date, lifetimeSeconds: Int, db: Database) throws
        -> String
    {
        let token = OpaqueToken.make()
        try RefreshTokenRecord(
            tokenHash: OpaqueToken.hash(token), userID: userID, familyID: familyID,
            createdAt: Timestamp.string(now),
            expiresAt: Timestamp.string(now.addingTimeInterval(TimeInterval(lifetimeSeconds))),
            spentAt: nil, revokedAt: nil
        ).insert(db)
        return token
    }

    static func token(_ token: String, db: Database) throws -> RefreshTokenRecord? {
        try RefreshTokenRecord.fetchOne(db, key: OpaqueToken.hash(token))
    }

    static func markSpent(_ record: RefreshTokenRecord, now: Date, db: Database) throws {
        try db.execute(
            sql: "UPDATE refresh_tokens SET spent_at = ? WHERE token_hash = ?",
            arguments: [Timestamp.string(now), record.tokenHash])
    }

    static func isRevoked(familyID: String, db: Database) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM revoked_sessions WHERE family_id = ?)", arguments: [familyID])
            ?? false
    }

    /// Every family of the user with a token not yet revoked: the sessions that may still be in use.
    static func openFamilies(userID: String, db: Database) throws -> [String] {
        try String.fetchAll(
            db, sql: "SELECT DISTINCT family_id FROM refresh_tokens WHERE user_id = ? AND revoked_at IS NULL",
            arguments: [userID])
    }

    /// Ends the given sessions for good: their refresh tokens stop refreshing and their ids are
    /// recorded so access tokens of them are refused (also after a restart).
    static func revoke(families: [String], userID: String, now: Date, db: Database) throws {
        let stamp = Timestamp.string(now)
        for family in families {
            try db.execute(
                sql: "UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL",
                arguments: [stamp, family])
            try db.execute(
                sql: "INSERT OR IGNORE INTO revoked_sessions (family_id, user_id, revoked_at) VALUES (?, ?, ?)",
                arguments: [family, userID, stamp])
        }
    }

    /// Revocations recent enough that an access token of the session may still be unexpired.
    static func revokedSince(_ cutoff: Date, db: Database) throws -> [String: Date] {
        let rows = try Row.fetchAll(
            db, sql: "SELECT family_id, revoked_at FROM revoked_sessions WHERE revoked_at >= ?",
            arguments: [Timestamp.string(cutoff)])
        var result: [String: Date] = [:]
        for row in rows {
            let family: String = row["family_id"]
            let revokedAt: String = row["revoked_at"]
            result[family] = Timestamp.date(revokedAt) ?? cutoff
        }
        return result
    }

    /// Drops what can no longer matter: tokens expired for longer than an access token lives, and
    /// revocation records older than that (their tokens are already marked revoked or gone).
    static func prune(before cutoff: Date, db: Database) throws {
        let stamp = Timestamp.string(cutoff)
        try db.execute(sql: "DELETE FROM refresh_tokens WHERE expires_at < ?", arguments: [stamp])
        try db.execute(sql: "DELETE FROM revoked_sessions WHERE revoked_at < ?", arguments: [stamp])
    }
}
