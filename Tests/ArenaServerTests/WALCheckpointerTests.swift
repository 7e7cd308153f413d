import Foundation
import GRDB
import Logging
import Testing

@testable import ArenaServer

/// With automatic checkpoints off, only the checkpointer moves committed pages from the WAL into
/// the database file; without it the WAL would grow for ever.
@Suite final class WALCheckpointerTests {
    let directory: TemporaryDirectory
    let path: String

    init() throws {
        directory = try TemporaryDirectory("wal")
        path = directory.path("arena.sqlite")
    }

    deinit { directory.remove() }

    func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    @Test func commitsLeaveTheWALAloneAndTheCheckpointerEmptiesIt() async throws {
        let database = try AppDatabase(path: path, backgroundCheckpoints: true)
        try await database.write { db in
            try db.execute(sql: "CREATE TABLE filler (id INTEGER PRIMARY KEY, blob BLOB NOT NULL)")
        }
        for _ in 0..<300 {
            try await database.write { db in
                try db.execute(sql: "INSERT INTO filler (blob) VALUES (zeroblob(16384))")
            }
        }
        // 4.8 MB is past SQLite's automatic threshold (1,000 pages), yet nothing was checkpointed:
        // the rows are all in the WAL and the database file is still small.
        let before = fileSize(path)
        #expect(fileSize(path + "-wal") > 300 * 16384)
        #expect(before < 300 * 16384)

        let service = WALCheckpointer(path: path, commits: database.walCommits, logger: Logger(label: "test"))
        let checkpointer = Task { try await service.run() }
        defer { checkpointer.cancel() }
        // The database file grows to hold the rows once a checkpoint has copied them.
        let deadline = ContinuousClock.now + .seconds(10)
        while fileSize(path) < 300 * 16384, ContinuousClock.now < deadline {
            try await Task.sleep(for: WALCheckpointer.spacing)
        }
        #expect(fileSize(path) >= 300 * 16384)
        let rows = try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM filler") }
        #expect(rows == 300)
    }
}
