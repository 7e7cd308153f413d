/// A 3x3 TicTacToe board, positions 0...8 row-major. A pure value: applying a move returns a new board.
public struct Board: Sendable, Equatable, Hashable {
    public static let positions = 0..<9

    /// The eight lines that win: three rows, three columns, two diagonals.
    public static let winningLines: [[Int]] = [
        [0, 1, 2], [3, 4, 5], [6, 7, 8],
        [0, 3, 6], [1, 4, 7], [2, 5, 8],
        [0, 4, 8], [2, 4, 6],
    ]

    public private(set) var cells: [Mark?]

    public init() { cells = Array(repeating: nil, count: 9) }

    /// Builds a board from its wire form: nine strings, each "X", "O" or "".
    /// Returns nil for anything else, so a corrupt row can never become a board.
    public init?(wire: [String]) {
        guard wire.count == 9 else { return nil }
        var cells: [Mark?] = []
        for cell in wire {
            if cell.isEmpty {
                cells.append(nil)
            } else if let mark = Mark(rawValue: cell) {
                cells.append(mark)
            } else {
                return nil
            }
        }
        self.cells = cells
    }

    public var wire: [String] { cells.map { $0?.rawValue ?? "" } }

    public subscript(position: Int) -> Mark? { cells[position] }

    public var moveCount: Int { cells.lazy.filter { $0 != nil }.count }

    /// X moves when both have made the same number of moves.
    public var nextMark: Mark {
        let xs = cells.lazy.filter { $0 == .x }.count
        let os = cells.lazy.filter { $0 == .o }.count
        return xs == os ? .x : .o
    }

    public var emptyPositions: [Int] { Self.positions.filter { cells[$0] == nil } }

    /// Checks a move without applying it.
    public func validate(position: Int, mark: Mark) throws(MoveError) {
        guard Self.positions.contains(position) else { throw .positionOutOfRange(position) }
        guard outcome == .ongoing else { throw .gameNotActive }
        guard mark == nextMark else { throw .notYourTurn }
        guard cells[position] == nil else { throw .squareOccupied(position) }
    }

    public func applying(position: Int, mark: Mark) throws(MoveError) -> Board {
        try validate(position: position, mark: mark)
        var next = self
        next.cells[position] = mark
        return next
    }

    public var outcome: Outcome {
        for line in Self.winningLines {
            if let mark = cells[line[0]], cells[line[1]] == mark, cells[line[2]] == mark {
                return .won(mark, line: line)
            }
        }
        return cells.contains(where: { $0 == nil }) ? .ongoing : .draw
    }
}

/// How a board stands: still going, won by a mark along a line, or drawn.
public enum Outcome: Sendable, Equatable, Hashable {
    case ongoing
    case won(Mark, line: [Int])
    case draw
}
