import Foundation
import GRDB

/// The server's one SQLite database: a WAL-mode pool (many readers, one writer) migrated on open.
/// Services receive this value and own their tables; nothing else opens the file.
public struct AppDatabase: Sendable {
    public let pool: DatabasePool
    /// Raised by every commit when checkpoints run in the background; `WALCheckpointer` waits on it.
    let walCommits = WALCommits()

    /// With `backgroundCheckpoints`, commits never run a WAL checkpoint themselves: the server's
    /// `WALCheckpointer` does, told of each commit through `walCommits`. Short-lived admin commands
    /// keep SQLite's automatic checkpoints.
    public init(path: String, backgroundCheckpoints: Bool = false) throws {
        var configuration = Configuration()
        let walCommits = self.walCommits
        configuration.prepareDatabase { db in
            if backgroundCheckpoints { walCommits.install(on: db) }
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            try db.execute(sql: "PRAGMA busy_timeout = 5000")
        }
        // GRDB's DatabasePool puts the file in WAL mode: readers never wait for the writer.
        pool = try DatabasePool(path: path, configuration: configuration)
        try Migrations.migrator.migrate(pool)
    }

    public func read<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
        try await pool.read(body)
    }

    public func write<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
        try await pool.write(body)
    }
}
