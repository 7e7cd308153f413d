import ArenaKit
import Foundation
import GRDB

/// A row of `ssh_keys`, and its wire form in `/auth/ssh-keys`.
struct SSHKeyRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "ssh_keys"

    var id: String
    var userID: String
    var fingerprint: String
    var publicKey: String
    var comment: String
    var createdAt: String

    enum CodingKeys: String, CodingKey {
        case id
        case userID = "user_id"
        case fingerprint
        case publicKey = "public_key"
        case comment
        case createdAt = "created_at"
    }

    var dto: SSHKeyDTO { SSHKeyDTO(id: id, fingerprint: fingerprint, comment: comment, createdAt: createdAt) }
}

struct SSHKeyDTO: Encodable, Sendable, Equatable {
    var id: String
    var fingerprint: String
    var comment: String
    var createdAt: String

    enum CodingKeys: String, CodingKey {
        case id, fingerprint, comment
        case createdAt = "created_at"
    }
}

/// The public keys players link to their accounts, and the lookups the ssh listener makes.
public struct SSHKeyStore: Sendable {
    public static let maxKeysPerAccount = 10

    let database: AppDatabase

    public init(database: AppDatabase) { self.database = database }

    func keys(of userID: String) async throws -> [SSHKeyRecord] {
        try await database.read { db in
            try SSHKeyRecord.fetchAll(
                db, sql: "SELECT * FROM ssh_keys WHERE user_id = ? ORDER BY created_at, id", arguments: [userID])
        }
    }

    func link(_ key: SSHPublicKeyLine, to userID: String, now: Date) async throws -> SSHKeyRecord {
        let record = SSHKeyRecord(
            id: UUID().uuidString.lowercased(), userID: userID, fingerprint: key.fingerprint, publicKey: key.canonical,
            comment: key.comment, createdAt: Timestamp.string(now))
        do {
            return try await database.write { db in
                if try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM ssh_keys WHERE fingerprint = ?)",
                    arguments: [key.fingerprint])
                    == true
                {
                    throw APIError.conflict("key_in_use", "That key is already linked to an account.")
                }
                let count =
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ssh_keys WHERE user_id = ?", arguments: [userID])
                    ?? 0
                guard count < Self.maxKeysPerAccount else {
                    throw APIError.rule(
                        "too_many_keys", "An account can link at most \(Self.maxKeysPerAccount) keys; remove one first."
                    )
                }
                try record.insert(db)
                return record
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            // Another request linked the same key between the check and the insert.
            throw APIError.conflict("key_in_use", "That key is already linked to an account.")
        }
    }

    /// False when the key does not exist or is someone else's: both are a 404 to the caller.
    func unlink(id: String, of userID: String) async throws -> Bool {
        try await database.write { db in
            try db.execute(sql: "DELETE FROM ssh_keys WHERE id = ? AND user_id = ?", arguments: [id, userID])
            return db.changesCount > 0
        }
    }

    /// The account a key presented to the ssh listener is linked to.
    public func owner(fingerprint: String) async throws -> String? {
        try await database.read { db in
            try String.fetchOne(db, sql: "SELECT user_id FROM ssh_keys WHERE fingerprint = ?", arguments: [fingerprint])
        }
    }

    /// Whether the account named `username` (case-insensitive) has linked keys: then ssh asks for
    /// a key instead of letting the session straight through to the login screen.
    public func hasKeys(username: String) async throws -> Bool {
        try await database.read { db in
            try Bool.fetchOne(
                db,
                sql: """
                    SELECT EXISTS (
                        SELECT 1 FROM ssh_keys JOIN user_profiles ON user_profiles.id = ssh_keys.user_id
                        WHERE user_profiles.username = ?)
                    """,
                arguments: [username]) ?? false
        }
    }
}
