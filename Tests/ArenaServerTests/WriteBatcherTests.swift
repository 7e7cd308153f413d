import Foundation
import GRDB
import Testing

@testable import ArenaServer

/// Group commit against a real SQLite file: every caller resumes after its own write is committed,
/// and a failing write fails alone even though it shared a batch with the others.
@Suite final class WriteBatcherTests {
    let directory: TemporaryDirectory
    let database: AppDatabase

    init() throws {
        directory = try TemporaryDirectory("batcher")
        database = try AppDatabase(path: directory.path("arena.sqlite"))
        try database.pool.write { db in
            try db.execute(sql: "CREATE TABLE items (id INTEGER PRIMARY KEY, label TEXT NOT NULL)")
        }
    }

    deinit { directory.remove() }

    func stored() throws -> [Int] {
        try database.pool.read { db in try Int.fetchAll(db, sql: "SELECT id FROM items ORDER BY id") }
    }

    @Test func everyWriteIsCommittedBeforeItsCallerResumes() async throws {
        let batcher = WriteBatcher(pool: database.pool)
        let pool = database.pool
        try await withThrowingTaskGroup(of: Void.self) { group in
            for id in 0..<200 {
                group.addTask {
                    try await batcher.write { db in
                        try db.execute(sql: "INSERT INTO items (id, label) VALUES (?, 'x')", arguments: [id])
                    }
                    // Read through another connection: the row must already be visible.
                    let found = try await pool.read { db in
                        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM items WHERE id = ?", arguments: [id])
                    }
                    #expect(found == 1)
                }
            }
            try await group.waitForAll()
        }
        #expect(try stored() == Array(0..<200))
    }

    @Test func aWriteReturnsWhatItsWorkComputed() async throws {
        let batcher = WriteBatcher(pool: database.pool)
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for id in 0..<50 {
                group.addTask {
                    try await batcher.write { db -> Int in
                        try db.execute(sql: "INSERT INTO items (id, label) VALUES (?, 'x')", arguments: [id])
                        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM items") ?? 0
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        // Each write saw its own row and those committed or batched before it: 1 to 50, once each.
        #expect(counts.sorted() == Array(1...50))
    }

    @Test func aFailingWriteFailsAloneAndTheOthersAreKept() async throws {
        let batcher = WriteBatcher(pool: database.pool)
        let failures = await withTaskGroup(of: Int?.self) { group in
            for id in 0..<100 {
                group.addTask {
                    do {
                        try await batcher.write { db in
                            // Every tenth write breaks the table's NOT NULL rule.
                            let label: String? = id % 10 == 5 ? nil : "ok"
                            try db.execute(
                                sql: "INSERT INTO items (id, label) VALUES (?, ?)", arguments: [id, label])
                        }
                        return nil
                    } catch {
                        return id
                    }
                }
            }
            var failed: [Int] = []
            for await id in group { if let id { failed.append(id) } }
            return failed
        }
        #expect(failures.sorted() == Array(stride(from: 5, to: 100, by: 10)))
        #expect(try stored() == (0..<100).filter { $0 % 10 != 5 })
    }
}
