import Foundation
import GRDB
import Logging
import ServiceLifecycle

/// Moves WAL checkpoints off the commit path. SQLite's automatic checkpoint runs inside the commit
/// that crosses the threshold, stalling that commit (and every move waiting on it) for 10 to 25 ms;
/// `AppDatabase` turns it off and this service checkpoints from its own connection instead, so
/// commits only append to the WAL. PASSIVE never takes the writer's lock; when the WAL has grown
/// large anyway (readers kept old frames pinned), a TRUNCATE bounds it, at the cost of one short wait.
///
/// Small and often beats large and rare: a checkpoint ends in an fsync of the database file, and
/// on ext4 the writer's WAL appends wait while that fsync commits the filesystem journal, for longer
/// the more the checkpoint wrote. So it runs right behind the writer, told of each commit by
/// `WALCommits`, at most every `spacing`, and not at all while nothing is written. (200 games at
/// 100 ms, move-to-opponent p99: a checkpoint every 10 ms 4.6 ms, every 50 ms 7 to 30 ms, every
/// second 55 ms; BENCHMARKS.md.)
struct WALCheckpointer: Service {
    static let spacing: Duration = .milliseconds(10)
    /// About 40 MB of 4 KiB pages.
    static let truncateAbovePages = 10_000

    let path: String
    let commits: WALCommits
    let logger: Logger

    func run() async throws {
        let connection: DatabaseQueue
        do {
            var configuration = Configuration()
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA busy_timeout = 5000")
            }
            connection = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            logger.error("WAL checkpointer could not open the database", metadata: ["error": "\(error)"])
            return
        }
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await commits.next()
                await checkpoint(connection)
                try? await Task.sleep(for: Self.spacing)
            }
        }
        // A last full checkpoint so a stopped server leaves a small WAL behind.
        _ = try? await connection.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    }

    private func checkpoint(_ connection: DatabaseQueue) async {
        do {
            let pages = try await connection.writeWithoutTransaction { db in
                try db.checkpoint(.passive).walFrameCount
            }
            if pages > Self.truncateAbovePages {
                _ = try await connection.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
            }
        } catch {
            logger.debug("WAL checkpoint did not run", metadata: ["error": "\(error)"])
        }
    }
}
