import GRDB

/// Tells the leaderboard caches that a commit changed what they show: any row of `game_results`,
/// a registration or deletion in `user_profiles`, or an update of one of its shown columns.
///
/// GRDB's `DatabaseRegionObservation` watched the same region, but it asks its observer about
/// every statement the writer runs, and answers by building and intersecting `DatabaseRegion`s
/// (column sets, lowercased identifiers): about 30,000 instructions per move on statements that
/// never touch these tables (BENCHMARKS.md, eighth round). Here the question is a table-name
/// comparison.
///
/// `@unchecked Sendable`: GRDB calls a transaction observer only on the writer's serial queue, the
/// one place `changed` is read or written.
final class LeaderboardChangeObserver: TransactionObserver, @unchecked Sendable {
    /// The `user_profiles` columns the boards and player stats show.
    static let shownProfileColumns: Set<String> = [
        "username", "full_name", "avatar_url", "role", "elo_rating", "games_played", "games_won", "games_lost",
        "games_drawn", "rating_updated_at",
    ]

    private let onChange: @Sendable () -> Void
    private var changed = false

    init(onChange: @escaping @Sendable () -> Void) {
        self.onChange = onChange
    }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        switch eventKind {
        case .insert(let table), .delete(let table):
            return Self.named(table, "user_profiles") || Self.named(table, "game_results")
        case .update(let table, let columns):
            if Self.named(table, "game_results") { return true }
            guard Self.named(table, "user_profiles") else { return false }
            return columns.contains { Self.shownProfileColumns.contains($0.lowercased()) }
        }
    }

    func databaseDidChange(with event: DatabaseEvent) {
        changed = true
        stopObservingDatabaseChangesUntilNextTransaction()
    }

    /// Runs on the writer's queue right after the commit, before the writer's caller resumes, so
    /// no read that follows a finished write can see the old cache.
    func databaseDidCommit(_ db: Database) {
        guard changed else { return }
        changed = false
        onChange()
    }

    func databaseDidRollback(_ db: Database) {
        changed = false
    }

    /// SQLite's identifiers are case-insensitive; the lowercased copy is made only on a length match.
    private static func named(_ table: String, _ name: String) -> Bool {
        table.utf8.count == name.utf8.count && (table == name || table.lowercased() == name)
    }
}
