import ArenaKit
import GRDB

/// Read access to accounts for every service. Lookups by username are case-insensitive
/// (the column is `COLLATE NOCASE`).
public struct UserStore: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) { self.database = database }

    public func user(id: String) async throws -> UserRecord? {
        try await database.read { db in try UserRecord.fetchOne(db, key: id) }
    }

    public func user(username: String) async throws -> UserRecord? {
        try await database.read { db in
            try UserRecord.fetchOne(db, sql: "SELECT * FROM user_profiles WHERE username = ?", arguments: [username])
        }
    }

    public func users(ids: [String]) async throws -> [String: UserRecord] {
        guard !ids.isEmpty else { return [:] }
        return try await database.read { db in
            let rows = try UserRecord.fetchAll(db, keys: ids)
            return Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        }
    }
}
