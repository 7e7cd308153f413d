import ArenaKit
import Foundation
import GRDB

/// Single-use, expiring password-reset tokens, stored hashed. A user holds at most one: issuing a new
/// token withdraws the unused ones, so an old message cannot be replayed after a newer request.
enum PasswordResetStore {
    static func issue(userID: String, now: Date, lifetimeSeconds: Int, db: Database) throws -> String {
        try db.execute(
            sql: "DELETE FROM password_reset_tokens WHERE user_id = ? AND used_at IS NULL", arguments: [userID])
        let token = OpaqueToken.make()
        try db.execute(
            sql: """
                INSERT INTO password_reset_tokens (token_hash, user_id, created_at, expires_at)
                VALUES (?, ?, ?, ?)
                """,
            arguments: [
                OpaqueToken.hash(token), userID, Timestamp.string(now),
                Timestamp.string(now.addingTimeInterval(TimeInterval(lifetimeSeconds))),
            ])
        return token
    }

    /// The user a token resets, when it is known, unused and unexpired.
    static func redeemableUser(token: String, now: Date, db: Database) throws -> String? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT user_id, expires_at, used_at FROM password_reset_tokens WHERE token_hash = ?",
                arguments: [OpaqueToken.hash(token)])
        else { return nil }
        let usedAt: String? = row["used_at"]
        let expiresAt: String = row["expires_at"]
        guard usedAt == nil, let expiry = Timestamp.date(expiresAt), now < expiry else { return nil }
        return row["user_id"]
    }

    static func markUsed(token: String, now: Date, db: Database) throws {
        try db.execute(
            sql: "UPDATE password_reset_tokens SET used_at = ? WHERE token_hash = ?",
            arguments: [Timestamp.string(now), OpaqueToken.hash(token)])
    }

    static func prune(before cutoff: Date, db: Database) throws {
        try db.execute(
            sql: "DELETE FROM password_reset_tokens WHERE expires_at < ? OR used_at < ?",
            arguments: [Timestamp.string(cutoff), Timestamp.string(cutoff)])
    }
}
