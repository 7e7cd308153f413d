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
/// on ext4 the writer's WAL appends wait while that fsync commits the filesystem journal. Every
/// 200 ms gave a move-to-opponent p99 of ~30 ms at 100 games; every 50 ms, ~7 ms (BENCHMARKS.md).
struct WALCheckpointer: Service {
    static let interval: Duration = .milliseconds(50)
    /// About 40 MB of 4 KiB pages.
    static let truncateAbovePages = 10_000

    let path: String
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
                try? await Task.sleep(for: Self.interval)
                await checkpoint(connection)
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
