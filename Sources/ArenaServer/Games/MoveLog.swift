import ArenaKit

/// The moves of a live game as its `games` row keeps them (`move_log`) until the game ends and
/// they become `moves` rows: one line a move, `number`, player id, position, mark and time
/// separated by tabs. Appending a line is part of the one statement a move costs (`GameStore`).
enum MoveLog {
    static func line(_ move: GameStore.MoveRow) -> String {
        "\(move.number)\t\(move.playerID)\t\(move.position)\t\(move.mark.rawValue)\t\(move.createdAt)\n"
    }

    /// Every well-formed line of `log`, in the order written. The server writes every line itself
    /// (ids, timestamps and marks hold no tabs or newlines), so a line that does not parse is skipped.
    static func moves(in log: String) -> [GameStore.MoveRow] {
        log.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 5, let number = Int(fields[0]), let position = Int(fields[2]),
                let mark = Mark(rawValue: String(fields[3]))
            else { return nil }
            return GameStore.MoveRow(
                number: number, playerID: String(fields[1]), position: position, mark: mark,
                createdAt: String(fields[4]))
        }
    }
}
