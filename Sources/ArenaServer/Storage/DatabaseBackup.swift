import Foundation
import GRDB

/// `arena-server admin backup FILE`: a consistent copy of the live database, taken with SQLite's
/// online backup API while the server keeps playing. The copy is read from one WAL snapshot, so it
/// holds every transaction committed before the backup began and nothing half-written; it is written
/// to a temporary file beside the destination and renamed into place only once it has passed
/// `PRAGMA integrity_check`, so a failed or interrupted backup never leaves a damaged file under the
/// name an operator will restore from.
public struct DatabaseBackup: Sendable {
    public struct Summary: Sendable {
        public let path: String
        public let bytes: Int
        public let games: Int
        public let users: Int
    }

    public enum Failure: Error, CustomStringConvertible {
        case noDatabase(String)
        case destinationIsDatabase
        case destinationFolderMissing(String)
        case damagedCopy(String)

        public var description: String {
            switch self {
            case .noDatabase(let path): "there is no database at \(path) (check --data-dir or data_dir)"
            case .destinationIsDatabase: "the backup file cannot be the live database itself"
            case .destinationFolderMissing(let dir): "the folder \(dir) does not exist"
            case .damagedCopy(let result): "the copy failed its integrity check (\(result)); nothing was written"
            }
        }
    }

    let source: String

    public init(config: ServerConfig) { source = config.resolvedDatabasePath }

    public func write(to destination: String) throws -> Summary {
        let manager = FileManager.default
        guard manager.fileExists(atPath: source) else { throw Failure.noDatabase(source) }
        let target = URL(fileURLWithPath: destination).standardizedFileURL
        guard target.path != URL(fileURLWithPath: source).standardizedFileURL.path else {
            throw Failure.destinationIsDatabase
        }
        let folder = target.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure.destinationFolderMissing(folder)
        }
        let temporary = folder + "/.\(target.lastPathComponent).\(getpid()).partial"
        defer { try? manager.removeItem(atPath: temporary) }
        try? manager.removeItem(atPath: temporary)

        // A plain queue on the live file: no migrations, no checkpoints of its own; the server's
        // writer goes on while the backup reads its snapshot.
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        let live = try DatabaseQueue(path: source, configuration: configuration)
        let copy = try DatabaseQueue(path: temporary)
        try live.backup(to: copy)
        let (check, games, users) = try copy.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "no answer",
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM games") ?? 0,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM user_profiles") ?? 0
            )
        }
        guard check == "ok" else { throw Failure.damagedCopy(check) }
        // The copy is a standalone file: not in WAL mode, so it is complete without -wal/-shm files.
        try copy.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
        try copy.close()
        // Backups hold password hashes and session records: readable by the owner only.
        try manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: temporary)
        guard rename(temporary, target.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
        }
        let bytes = (try? manager.attributesOfItem(atPath: target.path)[.size] as? Int) ?? 0
        return Summary(path: target.path, bytes: bytes, games: games, users: users)
    }
}
