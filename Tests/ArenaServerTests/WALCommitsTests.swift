import Foundation
import GRDB
import Testing

@testable import ArenaServer

/// `WALCheckpointer` sleeps until a commit raises `WALCommits`: these hold the signal to that.
@Suite(.timeLimit(.minutes(1))) final class WALCommitsTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory("walcommits") }
    deinit { directory.remove() }

    @Test func aNewSignalIsRaisedSoAnEarlierRunsWALIsCheckpointedAtOnce() async {
        await WALCommits().next()
    }

    @Test func aCommitWakesTheWaiter() async throws {
        let database = try AppDatabase(path: directory.path("arena.sqlite"), backgroundCheckpoints: true)
        await database.walCommits.next()  // the migrations' commits, and the initial raise
        let woken = Task { await database.walCommits.next() }
        try await database.write { db in try db.execute(sql: "CREATE TABLE t (x INTEGER)") }
        await woken.value
    }

    @Test func aCommitBeforeTheWaitIsNotLost() async throws {
        let database = try AppDatabase(path: directory.path("arena.sqlite"), backgroundCheckpoints: true)
        await database.walCommits.next()
        try await database.write { db in try db.execute(sql: "CREATE TABLE t (x INTEGER)") }
        await database.walCommits.next()
    }

    @Test func cancellingTheWaiterEndsTheWait() async {
        let commits = WALCommits()
        await commits.next()
        let waiter = Task { await commits.next() }
        waiter.cancel()
        await waiter.value
    }

    @Test func withoutBackgroundCheckpointsSQLiteKeepsItsOwnHook() async throws {
        // The hook would replace SQLite's automatic checkpoint: admin commands must not get it.
        let path = directory.path("plain.sqlite")
        let database = try AppDatabase(path: path)
        let autocheckpoint = try await database.write { db in
            try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint")
        }
        #expect(autocheckpoint == 1000)
    }
}
