/// The server bot's move choice. Easy plays a random legal move; hard plays perfectly (minimax over
/// the whole tree, which for TicTacToe is small enough to search on every move).
public enum BotStrategy {
    public enum Level: String, Sendable, Codable, CaseIterable {
        case easy, hard
    }

    public static func move<R: RandomNumberGenerator>(on board: Board, for mark: Mark, level: Level, using rng: inout R)
        -> Int?
    {
        let empty = board.emptyPositions
        guard board.outcome == .ongoing, !empty.isEmpty else { return nil }
        switch level {
        case .easy:
            return empty.randomElement(using: &rng)
        case .hard:
            // Among equally good moves pick at random, so games against the bot are not all alike.
            var best: [Int] = []
            var bestScore = Int.min
            var memo: [Board: Int] = [:]
            for position in empty {
                guard let next = try? board.applying(position: position, mark: mark) else { continue }
                let score = -negamax(next, toMove: mark.opponent, depth: 1, memo: &memo)
                if score > bestScore {
                    bestScore = score
                    best = [position]
                } else if score == bestScore {
                    best.append(position)
                }
            }
            return best.randomElement(using: &rng)
        }
    }

    public static func move(on board: Board, for mark: Mark, level: Level) -> Int? {
        var rng = SystemRandomNumberGenerator()
        return move(on: board, for: mark, level: level, using: &rng)
    }

    /// Score from the view of `toMove`: positive is a win (sooner is better), 0 a draw.
    /// Within one search a board fixes both `toMove` and `depth`, so `memo` may key on the board
    /// alone; it turns the 550,000-node tree of an empty board into about 5,500 positions.
    static func negamax(_ board: Board, toMove: Mark, depth: Int, memo: inout [Board: Int]) -> Int {
        if let known = memo[board] { return known }
        switch board.outcome {
        case .won(let winner, _): return winner == toMove ? 10 - depth : depth - 10
        case .draw: return 0
        case .ongoing: break
        }
        var best = Int.min
        for position in board.emptyPositions {
            guard let next = try? board.applying(position: position, mark: toMove) else { continue }
            best = max(best, -negamax(next, toMove: toMove.opponent, depth: depth + 1, memo: &memo))
        }
        memo[board] = best
        return best
    }
}
