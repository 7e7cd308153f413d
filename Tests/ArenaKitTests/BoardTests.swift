import Testing

@testable import ArenaKit

/// Builds a board by playing `positions` in order, X first.
func play(_ positions: [Int]) throws -> Board {
    var board = Board()
    for position in positions {
        board = try board.applying(position: position, mark: board.nextMark)
    }
    return board
}

/// A board from a 9-character picture: "X", "O" or "." per cell, row-major.
func pictured(_ picture: String) -> Board? {
    Board(wire: picture.map { $0 == "." ? "" : String($0) })
}

/// Every `k`-element subset of `items`, in order.
func combinations(_ items: [Int], _ k: Int) -> [[Int]] {
    if k == 0 { return [[]] }
    guard let first = items.first else { return [] }
    let rest = Array(items.dropFirst())
    return combinations(rest, k - 1).map { [first] + $0 } + combinations(rest, k)
}

@Suite struct BoardTests {
    static let lines: [[Int]] = [
        [0, 1, 2], [3, 4, 5], [6, 7, 8],
        [0, 3, 6], [1, 4, 7], [2, 5, 8],
        [0, 4, 8], [2, 4, 6],
    ]

    /// A finished game without a line: X O X / X O O / O X X.
    static let drawnGame = [0, 1, 2, 4, 3, 5, 7, 6, 8]

    @Test func emptyBoard() {
        let board = Board()
        #expect(board.cells == Array(repeating: nil, count: 9))
        #expect(board.moveCount == 0)
        #expect(board.nextMark == .x)
        #expect(board.outcome == .ongoing)
        #expect(board.emptyPositions == Array(0..<9))
        #expect(board.wire == Array(repeating: "", count: 9))
    }

    @Test func winningLinesAreTheEightLines() {
        #expect(Board.winningLines == Self.lines)
        #expect(Board.positions == 0..<9)
    }

    /// X fills `line`; O plays elsewhere.
    @Test(arguments: lines)
    func xWinsAlongEveryLine(line: [Int]) throws {
        let others = (0..<9).filter { !line.contains($0) }
        var board = Board()
        for (index, position) in line.enumerated() {
            board = try board.applying(position: position, mark: .x)
            #expect(board.outcome == (index == 2 ? .won(.x, line: line) : .ongoing))
            if index < 2 {
                board = try board.applying(position: others[index], mark: .o)
                #expect(board.outcome == .ongoing)
            }
        }
        #expect(board.outcome == .won(.x, line: line))
        #expect(board.moveCount == 5)
    }

    /// O fills `line`; X plays three squares off it that make no line.
    @Test(arguments: lines)
    func oWinsAlongEveryLine(line: [Int]) throws {
        let others = (0..<9).filter { !line.contains($0) }
        let xSquares = try #require(
            combinations(others, 3).first { squares in
                !Self.lines.contains { l in l.allSatisfy(squares.contains) }
            })
        var board = Board()
        for index in 0..<3 {
            board = try board.applying(position: xSquares[index], mark: .x)
            #expect(board.outcome == .ongoing)
            board = try board.applying(position: line[index], mark: .o)
            #expect(board.outcome == (index == 2 ? .won(.o, line: line) : .ongoing))
        }
        #expect(board.moveCount == 6)
        #expect(board.nextMark == .x)
    }

    @Test(arguments: lines, Mark.allCases)
    func aFullLineOnAWireBoardIsWon(line: [Int], mark: Mark) throws {
        var wire = Array(repeating: "", count: 9)
        for position in line { wire[position] = mark.rawValue }
        let board = try #require(Board(wire: wire))
        #expect(board.outcome == .won(mark, line: line))
    }

    @Test func drawOnAFullBoardWithoutALine() throws {
        let board = try play(Self.drawnGame)
        #expect(board.wire == ["X", "O", "X", "X", "O", "O", "O", "X", "X"])
        #expect(board.moveCount == 9)
        #expect(board.emptyPositions.isEmpty)
        #expect(board.outcome == .draw)
    }

    @Test(arguments: ["XOXXOOOXX", "XXOOOXXOX", "OXXXOOXOX", "OXOXXOXOX"])
    func drawPictures(picture: String) throws {
        let board = try #require(pictured(picture))
        #expect(board.outcome == .draw)
        #expect(board.moveCount == 9)
    }

    @Test func winOnTheLastSquareIsAWinNotADraw() throws {
        // X O X / O X O / O X X: X completes 0-4-8 with the ninth move.
        let board = try play([0, 1, 2, 3, 4, 6, 7, 5, 8])
        #expect(board.moveCount == 9)
        #expect(board.outcome == .won(.x, line: [0, 4, 8]))
    }

    @Test func ongoingWhileSquaresRemainAndNoLine() throws {
        for count in 0..<9 {
            let board = try play(Array(Self.drawnGame.prefix(count)))
            #expect(board.outcome == .ongoing)
            #expect(board.moveCount == count)
            #expect(board.emptyPositions.count == 9 - count)
        }
    }

    @Test func nextMarkAlternates() throws {
        var board = Board()
        for (index, position) in [4, 0, 8, 2, 1, 7, 6, 3, 5].enumerated() {
            let expected: Mark = index.isMultiple(of: 2) ? .x : .o
            #expect(board.nextMark == expected)
            board = try board.applying(position: position, mark: expected)
            #expect(board[position] == expected)
        }
        #expect(board.outcome == .draw)
    }

    @Test func applyingReturnsANewBoardAndLeavesTheOldOne() throws {
        let before = Board()
        let after = try before.applying(position: 4, mark: .x)
        #expect(before[4] == nil)
        #expect(after[4] == .x)
        #expect(before != after)
        #expect(after.emptyPositions == [0, 1, 2, 3, 5, 6, 7, 8])
    }

    @Test func markOpponentAndRawValues() {
        #expect(Mark.x.opponent == .o)
        #expect(Mark.o.opponent == .x)
        #expect(Mark.x.rawValue == "X")
        #expect(Mark.o.rawValue == "O")
    }

    // MARK: illegal moves

    @Test(arguments: [-1, 9, 10, Int.max, Int.min])
    func positionOutOfRange(position: Int) throws {
        let board = try play([4])
        #expect(throws: MoveError.positionOutOfRange(position)) {
            try board.applying(position: position, mark: .o)
        }
        #expect(throws: MoveError.positionOutOfRange(position)) {
            try board.validate(position: position, mark: .o)
        }
        #expect(throws: MoveError.positionOutOfRange(position)) {
            try Board().applying(position: position, mark: .x)
        }
    }

    @Test(arguments: [0, 4, 8])
    func occupiedSquare(position: Int) throws {
        let board = try play([0, 4, 8].filter { $0 != position } + [position])
        #expect(board.nextMark == .o)
        #expect(throws: MoveError.squareOccupied(position)) {
            try board.applying(position: position, mark: .o)
        }
    }

    @Test func occupiedByOwnMark() throws {
        let board = try play([0, 4])
        #expect(throws: MoveError.squareOccupied(0)) { try board.applying(position: 0, mark: .x) }
        #expect(throws: MoveError.squareOccupied(4)) { try board.applying(position: 4, mark: .x) }
    }

    @Test func wrongMarkIsNotYourTurn() throws {
        #expect(throws: MoveError.notYourTurn) { try Board().applying(position: 0, mark: .o) }
        let afterX = try play([4])
        #expect(throws: MoveError.notYourTurn) { try afterX.applying(position: 0, mark: .x) }
        let afterXO = try play([4, 0])
        #expect(throws: MoveError.notYourTurn) { try afterXO.applying(position: 1, mark: .o) }
    }

    @Test func moveAfterTheGameIsWon() throws {
        // X wins the top row; neither mark may move on.
        let won = try play([0, 3, 1, 4, 2])
        #expect(won.outcome == .won(.x, line: [0, 1, 2]))
        #expect(throws: MoveError.gameNotActive) { try won.applying(position: 5, mark: .o) }
        #expect(throws: MoveError.gameNotActive) { try won.applying(position: 5, mark: .x) }
        #expect(throws: MoveError.gameNotActive) { try won.validate(position: 8, mark: .o) }
        // Even an occupied square reports the game being over.
        #expect(throws: MoveError.gameNotActive) { try won.applying(position: 0, mark: .o) }
    }

    @Test func moveAfterOWins() throws {
        let won = try play([0, 3, 1, 4, 8, 5])
        #expect(won.outcome == .won(.o, line: [3, 4, 5]))
        #expect(throws: MoveError.gameNotActive) { try won.applying(position: 2, mark: .x) }
    }

    @Test func moveAfterADraw() throws {
        let drawn = try play(Self.drawnGame)
        #expect(drawn.outcome == .draw)
        #expect(throws: MoveError.gameNotActive) { try drawn.applying(position: 0, mark: .o) }
    }

    @Test func validateDoesNotChangeTheBoard() throws {
        let board = try play([4])
        try board.validate(position: 0, mark: .o)
        #expect(board == (try play([4])))
    }

    @Test func moveErrorCodesAreDistinct() {
        let errors: [MoveError] = [
            .positionOutOfRange(9), .squareOccupied(1), .notYourTurn, .gameNotActive, .notAPlayer,
            .staleVersion(expected: 3, got: 2),
        ]
        #expect(
            errors.map(\.code) == [
                "position_out_of_range", "square_occupied", "not_your_turn", "game_not_active", "not_a_player",
                "stale_version",
            ])
        #expect(Set(errors.map(\.message)).count == errors.count)
        #expect(MoveError.positionOutOfRange(12).message.contains("12"))
        #expect(MoveError.squareOccupied(7).message.contains("7"))
        #expect(MoveError.staleVersion(expected: 5, got: 4).message.contains("5"))
    }

    // MARK: wire form

    @Test func wireRoundTrip() throws {
        let board = try play([4, 0, 8, 2])
        #expect(board.wire == ["O", "", "O", "", "X", "", "", "", "X"])
        #expect(Board(wire: board.wire) == board)
        #expect(Board(wire: Board().wire) == Board())
        let full = try play(Self.drawnGame)
        #expect(Board(wire: full.wire) == full)
    }

    @Test func wireBoardKeepsNextMarkAndOutcome() throws {
        let board = try #require(Board(wire: ["X", "X", "", "O", "O", "", "", "", ""]))
        #expect(board.nextMark == .x)
        #expect(board.outcome == .ongoing)
        let won = try board.applying(position: 2, mark: .x)
        #expect(won.wire == ["X", "X", "X", "O", "O", "", "", "", ""])
        #expect(won.outcome == .won(.x, line: [0, 1, 2]))
    }

    @Test(arguments: [0, 1, 8, 10, 18])
    func wireRejectsWrongCounts(count: Int) {
        #expect(Board(wire: Array(repeating: "", count: count)) == nil)
        #expect(Board(wire: Array(repeating: "X", count: count)) == nil)
    }

    @Test(arguments: ["x", "o", "XO", " ", "0", "-", "X ", " X", "null", "Ｘ"])
    func wireRejectsBadStrings(bad: String) {
        for position in 0..<9 {
            var wire = Array(repeating: "", count: 9)
            wire[position] = bad
            #expect(Board(wire: wire) == nil)
        }
    }
}
