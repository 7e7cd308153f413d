import ArenaKit
import Foundation
import GRDB

/// Writes to `user_profiles`, which the Accounts service owns (other services read through
/// `UserStore`). Every function runs inside the caller's transaction.
enum AccountStore {
    /// Fails with the 409 the contract asks for, naming what is taken.
    static func checkAvailable(username: String?, email: String?, excludingUserID: String? = nil, db: Database)
        throws
    {
        let other = excludingUserID ?? ""
        if let username,
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM user_profiles WHERE username = ? AND id != ?)",
                arguments: [username, other]) == true
        {
            throw APIError.conflict("username_taken", "The username \(username) is already taken.")
        }
        if let email,
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM user_profiles WHERE email = ? AND id != ?)",
                arguments: [email, other]) == true
        {
            throw APIError.conflict("email_taken", "An account with that email already exists.")
        }
    }

    static func insert(_ user: UserRecord, db: Database) throws {
        try checkAvailable(username: user.username, email: user.email, db: db)
        try translatingUniqueViolation { try user.insert(db) }
    }

    /// A login by name: an `@` means the email, anything else the username (both case-insensitive).
    static func user(login: String, db: Database) throws -> UserRecord? {
        let column = login.contains("@") ? "email" : "username"
        return try UserRecord.fetchOne(
            db, sql: "SELECT * FROM user_profiles WHERE \(column) = ?", arguments: [login])
    }

    static func user(email: String, db: Database) throws -> UserRecord? {
        try UserRecord.fetchOne(db, sql: "SELECT * FROM user_profiles WHERE email = ?", arguments: [email])
    }

    static func touch(userID: String, now: Date, db: Database) throws {
        try db.execute(
            sql: "UPDATE user_profiles SET last_active = ? WHERE id = ?", arguments: [Timestamp.string(now), userID])
    }

    static func setPasswordHash(_ hash: String, userID: String, now: Date, db: Database) throws {
        try db.execute(
            sql: "UPDATE user_profiles SET password_hash = ?, updated_at = ? WHERE id = ?",
            arguments: [hash, Timestamp.string(now), userID])
    }

    /// Writes only the profile columns, so a rating committed by Games meanwhile is not overwritten.
    static func updateProfile(
        userID: String, fullName: String?, avatarURL: String?, email: String, now: Date, db: Database
    ) throws {
        try checkAvailable(username: nil, email: email, excludingUserID: userID, db: db)
        try translatingUniqueViolation {
            try db.execute(
                sql: """
                    UPDATE user_profiles SET full_name = ?, avatar_url = ?, email = ?, updated_at = ?
                    WHERE id = ?
                    """,
                arguments: [fullName, avatarURL, email, Timestamp.string(now), userID])
        }
    }

    /// The role a request or command names, or the 400 listing the valid ones.
    static func role(named name: String) throws -> Identity.Role {
        guard let role = Identity.Role(rawValue: name) else {
            let roles = Identity.Role.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIError.invalidField("role", "Role must be one of \(roles).")
        }
        return role
    }

    /// Gives `username` a new role and ends its open sessions, so no token keeps the old role.
    /// Returns the updated user and the sessions ended (none when the role was already `role`).
    static func changeRole(username: String, to role: Identity.Role, now: Date, db: Database) throws
        -> (user: UserRecord, endedSessions: [String])
    {
        guard
            var user = try UserRecord.fetchOne(
                db, sql: "SELECT * FROM user_profiles WHERE username = ?", arguments: [username])
        else { throw APIError.notFound("The user \(username)") }
        guard user.role != role.rawValue else { return (user, []) }
        user.role = role.rawValue
        user.updatedAt = Timestamp.string(now)
        try db.execute(
            sql: "UPDATE user_profiles SET role = ?, updated_at = ? WHERE id = ?",
            arguments: [user.role, user.updatedAt, user.id])
        let sessions = try SessionStore.openFamilies(userID: user.id, db: db)
        try SessionStore.revoke(families: sessions, userID: user.id, now: now, db: db)
        return (user, sessions)
    }

    /// A race the availability check cannot see (another process inserting between check and write)
    /// still ends in the same 409, not a 500.
    private static func translatingUniqueViolation(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            if error.message?.contains("username") == true {
                throw APIError.conflict("username_taken", "That username is already taken.")
            }
            throw APIError.conflict("email_taken", "An account with that email already exists.")
        }
    }
}
