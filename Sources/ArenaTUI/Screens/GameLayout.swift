/// Where the board and the chat go for a terminal size: chat beside the board when there is room,
/// below it when narrow; the squares grow with the terminal. Shared by drawing and hit-testing.
struct GameLayout {
    /// Square sizes from largest to smallest (columns, rows); the first that fits is used.
    static let squareSizes: [(width: Int, height: Int)] = [(19, 9), (15, 7), (11, 5), (7, 3)]
    static let chatBesideMinWidth = 72
    /// Rows the player line, turn line and the lines under the board need around the board.
    static let rowsAroundBoard = 5

    var squareWidth: Int
    var squareHeight: Int
    var info: Rect
    var board: Rect
    var below: Rect
    var chat: Rect
    var chatBeside: Bool

    var boardWidth: Int { squareWidth * 3 + 4 }
    var boardHeight: Int { squareHeight * 3 + 4 }

    init(size: Size) {
        let contentTop = 1
        let contentHeight = size.height - 3
        chatBeside = size.width >= Self.chatBesideMinWidth
        var chosen = Self.squareSizes[Self.squareSizes.count - 1]
        for candidate in Self.squareSizes {
            let width = candidate.width * 3 + 4
            let height = candidate.height * 3 + 4
            let room = chatBeside ? size.width - 28 - 2 : size.width - 2
            let chatRows = chatBeside ? 0 : 6
            if width <= room, height + Self.rowsAroundBoard + chatRows <= contentHeight {
                chosen = candidate
                break
            }
        }
        squareWidth = chosen.width
        squareHeight = chosen.height
        let boardWidth = chosen.width * 3 + 4
        let boardHeight = chosen.height * 3 + 4
        let left: Rect
        if chatBeside {
            let chatWidth = min(44, max(28, size.width - boardWidth - 20))
            left = Rect(x: 0, y: contentTop, width: size.width - chatWidth, height: contentHeight)
            chat = Rect(x: left.maxX, y: contentTop, width: chatWidth, height: contentHeight)
        } else {
            let leftHeight = min(contentHeight, boardHeight + Self.rowsAroundBoard)
            left = Rect(x: 0, y: contentTop, width: size.width, height: leftHeight)
            chat = Rect(x: 0, y: left.maxY, width: size.width, height: max(0, contentHeight - leftHeight))
        }
        info = Rect(x: left.x + 1, y: left.y, width: left.width - 2, height: 2)
        let spare = left.height - boardHeight - Self.rowsAroundBoard
        let boardTop = left.y + 2 + max(0, min(spare / 2, spare > 0 ? max(1, spare / 3) : 0))
        board = Rect(
            x: left.x + max(0, (left.width - boardWidth) / 2), y: boardTop, width: boardWidth, height: boardHeight)
        below = Rect(x: left.x + 1, y: board.maxY, width: left.width - 2, height: max(0, left.maxY - board.maxY))
    }

    /// The top-left of a square's interior.
    func origin(ofSquare square: Int) -> Point {
        Point(
            x: board.x + 1 + (square % 3) * (squareWidth + 1),
            y: board.y + 1 + (square / 3) * (squareHeight + 1))
    }

    func square(at point: Point) -> Int? {
        for square in 0..<9 {
            let origin = origin(ofSquare: square)
            if Rect(x: origin.x, y: origin.y, width: squareWidth, height: squareHeight).contains(point) {
                return square
            }
        }
        return nil
    }
}
