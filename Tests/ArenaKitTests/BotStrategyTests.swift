import Testing

@testable import ArenaKit

/// A small seeded generator so bot games are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// An independent perfect-play solver: the game's value for the side to move (+1 win, 0 draw,
/// -1 loss), memoised, written without the bot's code so the two can check each other.
final class ReferenceSolver {
    private var memo: [Board: Int] = [:]

    func value(_ board: Board) -> Int {
        if let known = memo[board] { return known }
        let result: Int
        switch board.outcome {
        case .won(let winner, _): result = winner == board.nextMark ? 1 : -1
        case .draw: result = 0
        case .ongoing:
            result = board.emptyPositions.map { -value(Self.child(of: board, at: $0)) }.max() ?? 0
        }
        memo[board] = result
        return result
    }

    /// The moves that keep the best value for the side to move.
    func optimalMoves(_ board: Board) -> Set<Int> {
        let best = value(board)
        return Set(
            board.emptyPositions.filter { -value(Self.child(of: board, at: $0)) == best })
    }

    /// The board after the side to move takes `position`, built through the wire form.
    private static func child(of board: Board, at position: Int) -> Board {
        var cells = board.wire
        cells[position] = board.nextMark.rawValue
        return Board(wire: cells) ?? board
    }
}

@Suite struct BotStrategyTests {
    @Test func levels() {
        #expect(BotStrategy.Level.allCases == [.easy, .hard])
        #expect(BotStrategy.Level(rawValue: "easy") == .easy)
        #expect(BotStrategy.Level(rawValue: "hard") == .hard)
        #expect(BotStrategy.Level(rawValue: "medium") == nil)
    }

    @Test func referenceSolverKnowsTicTacToeIsADraw() {
        let solver = ReferenceSolver()
        #expect(solver.value(Board()) == 0)
        #expect(solver.optimalMoves(Board()) == Set(0..<9))
    }

    struct Tally {
        var botWins = 0
        var draws = 0
        var botLosses = 0
        var botMoves = 0
        var suboptimal: [[String]] = []
    }

    /// Plays every possible sequence of opponent moves against the hard bot. Whenever the bot is to
    /// move it plays once (its choice among equal moves is random, seeded); every opponent reply is
    /// explored.
    private func explore(
        _ board: Board, bot: Mark, rng: inout SplitMix64, solver: ReferenceSolver, tally: inout Tally
    ) throws {
        switch board.outcome {
        case .won(let winner, _):
            if winner == bot { tally.botWins += 1 } else { tally.botLosses += 1 }
            return
        case .draw:
            tally.draws += 1
            return
        case .ongoing: break
        }
        if board.nextMark == bot {
            let position = try #require(BotStrategy.move(on: board, for: bot, level: .hard, using: &rng))
            tally.botMoves += 1
            if !solver.optimalMoves(board).contains(position) { tally.suboptimal.append(board.wire) }
            let next = try board.applying(position: position, mark: bot)
            try explore(next, bot: bot, rng: &rng, solver: solver, tally: &tally)
        } else {
            for position in board.emptyPositions {
                let next = try board.applying(position: position, mark: bot.opponent)
                try explore(next, bot: bot, rng: &rng, solver: solver, tally: &tally)
            }
        }
    }

    @Test(arguments: Mark.allCases, [1, 2, 3, 4, 5] as [UInt64])
    func hardBotNeverLoses(bot: Mark, seed: UInt64) throws {
        var rng = SplitMix64(seed: seed &* 7919 &+ (bot == .x ? 0 : 1_000_003))
        var tally = Tally()
        try explore(Board(), bot: bot, rng: &rng, solver: ReferenceSolver(), tally: &tally)
        #expect(tally.botLosses == 0)
        #expect(tally.suboptimal.isEmpty, "bot left the best value on \(tally.suboptimal.prefix(5))")
        #expect(tally.botWins > 0)
        #expect(tally.draws > 0)
        #expect(tally.botMoves > 0)
    }

    @Test func hardBotVariesAmongEqualMoves() throws {
        // Against a centre opening the four corners are the only moves that hold the draw; the bot
        // picks among them at random, so games against it are not all alike.
        let start = try play([4])
        var rng = SplitMix64(seed: 42)
        var seen: Set<Int> = []
        for _ in 0..<40 where seen.count < 4 {
            seen.insert(try #require(BotStrategy.move(on: start, for: .o, level: .hard, using: &rng)))
        }
        #expect(seen == [0, 2, 6, 8])
    }

    /// Boards with the bot's mark to move, the one right move, and why.
    static let forcedMoves: [(picture: String, mark: Mark, move: Int)] = [
        ("XX.OO....", .x, 2),  // win beats blocking O's 3-4-5
        ("XX.OO.X..", .o, 5),  // O wins rather than block X's 0-1-2
        ("X...X.OO.", .x, 8),  // diagonal win
        ("O...X.OX.", .x, 1),  // column win, not the block at 3
        ("XX..O....", .o, 2),  // block the top row
        ("X..OO...X", .x, 5),  // block the middle row
        ("X..X.O...", .o, 6),  // block the left column
        ("....O.XX.", .o, 8),  // block the bottom row
    ]

    @Test(arguments: forcedMoves)
    func hardTakesTheWinOrBlocks(picture: String, mark: Mark, move: Int) throws {
        let start = try #require(pictured(picture))
        try #require(start.nextMark == mark)
        for seed in 0..<20 as Range<UInt64> {
            var rng = SplitMix64(seed: seed)
            #expect(BotStrategy.move(on: start, for: mark, level: .hard, using: &rng) == move)
        }
    }

    @Test func hardTakesAnImmediateWinWheneverOneExists() throws {
        // Over every reachable position where the mover has a winning square, the bot wins at once.
        var checked = 0
        var rng = SplitMix64(seed: 9)
        var frontier: Set<Board> = [Board()]
        var seen: Set<Board> = []
        while let board = frontier.popFirst() {
            guard seen.insert(board).inserted, board.outcome == .ongoing else { continue }
            let mark = board.nextMark
            let wins = board.emptyPositions.filter { position in
                if case .won = (try? board.applying(position: position, mark: mark))?.outcome { return true }
                return false
            }
            if !wins.isEmpty {
                let position = try #require(BotStrategy.move(on: board, for: mark, level: .hard, using: &rng))
                #expect(wins.contains(position), "\(board.wire)")
                checked += 1
            }
            for position in board.emptyPositions { frontier.insert(try board.applying(position: position, mark: mark)) }
        }
        #expect(checked > 1000)
    }

    @Test func hardBlocksASingleThreatWheneverItCannotWin() throws {
        // Over every reachable position where the mover cannot win at once and the opponent
        // threatens exactly one square, the bot takes that square.
        func winningSquares(_ board: Board, for mark: Mark) -> [Int] {
            board.emptyPositions.filter { position in
                Board.winningLines.contains { line in
                    line.contains(position) && line.allSatisfy { $0 == position || board[$0] == mark }
                }
            }
        }
        var checked = 0
        var rng = SplitMix64(seed: 10)
        var frontier: [Board] = [Board()]
        var seen: Set<Board> = []
        while let board = frontier.popLast() {
            guard seen.insert(board).inserted, board.outcome == .ongoing else { continue }
            let mark = board.nextMark
            let threats = winningSquares(board, for: mark.opponent)
            if winningSquares(board, for: mark).isEmpty, threats.count == 1 {
                let position = try #require(BotStrategy.move(on: board, for: mark, level: .hard, using: &rng))
                #expect(position == threats[0], "\(board.wire)")
                checked += 1
            }
            for position in board.emptyPositions { frontier.append(try board.applying(position: position, mark: mark)) }
        }
        #expect(checked > 500)
    }

    @Test func easyAlwaysReturnsALegalEmptySquare() throws {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<300 {
            var board = Board()
            while board.outcome == .ongoing {
                let mark = board.nextMark
                let position = try #require(BotStrategy.move(on: board, for: mark, level: .easy, using: &rng))
                #expect(board.emptyPositions.contains(position))
                #expect(board[position] == nil)
                board = try board.applying(position: position, mark: mark)
            }
        }
    }

    @Test func easyReachesEverySquare() throws {
        var rng = SplitMix64(seed: 11)
        var seen: Set<Int> = []
        for _ in 0..<500 {
            seen.insert(try #require(BotStrategy.move(on: Board(), for: .x, level: .easy, using: &rng)))
        }
        #expect(seen == Set(0..<9))
        // With one square left, that square.
        let lastSquare = try play([0, 1, 2, 4, 3, 5, 7, 6])
        #expect(BotStrategy.move(on: lastSquare, for: .x, level: .easy, using: &rng) == 8)
        #expect(BotStrategy.move(on: lastSquare, for: .x, level: .hard, using: &rng) == 8)
    }

    @Test(arguments: BotStrategy.Level.allCases)
    func nilOnAFinishedBoard(level: BotStrategy.Level) throws {
        let won = try play([0, 3, 1, 4, 2])
        let drawn = try play(BoardTests.drawnGame)
        let oWon = try play([0, 3, 1, 4, 8, 5])
        for finished in [won, drawn, oWon] {
            for mark in Mark.allCases {
                var rng = SplitMix64(seed: 1)
                #expect(BotStrategy.move(on: finished, for: mark, level: level, using: &rng) == nil)
                #expect(BotStrategy.move(on: finished, for: mark, level: level) == nil)
            }
        }
    }

    @Test(arguments: BotStrategy.Level.allCases)
    func systemRandomOverloadPlaysLegalMoves(level: BotStrategy.Level) throws {
        let start = try play([4])
        let position = try #require(BotStrategy.move(on: start, for: .o, level: level))
        #expect(start.emptyPositions.contains(position))
        if level == .hard {
            // Against a centre opening only a corner holds the draw.
            #expect([0, 2, 6, 8].contains(position))
        }
    }
}
