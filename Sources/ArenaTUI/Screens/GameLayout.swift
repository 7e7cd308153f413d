/// Where the board and the chat go for a terminal size: chat beside the board when there is room,
/// below it when narrow. Shared by drawing and mouse hit-testing.
struct GameLayout {
    static let squareWidth = 7
    static let squareHeight = 3
    static let boardWidth = squareWidth * 3 + 4
    static let boardHeight = squareHeight * 3 + 4
    static let chatBesideMinWidth = 72

    var info: Rect
    var board: Rect
    var below: Rect
    var chat: Rect
    var chatBeside: Bool

    init(size: Size) {
        let contentTop = 1
        let contentHeight = size.height - 3
        chatBeside = size.width >= Self.chatBesideMinWidth
        let left: Rect
        if chatBeside {
            let chatWidth = min(44, max(28, size.width - Self.boardWidth - 20))
            left = Rect(x: 0, y: contentTop, width: size.width - chatWidth, height: contentHeight)
            chat = Rect(x: left.maxX, y: contentTop, width: chatWidth, height: contentHeight)
        } else {
            let leftHeight = min(contentHeight, Self.boardHeight + 5)
            left = Rect(x: 0, y: contentTop, width: size.width, height: leftHeight)
            chat = Rect(x: 0, y: left.maxY, width: size.width, height: max(0, contentHeight - leftHeight))
        }
        info = Rect(x: left.x + 1, y: left.y, width: left.width - 2, height: 2)
        let boardTop = left.y + 2 + max(0, min(1, left.height - Self.boardHeight - 5))
        board = Rect(
            x: left.x + max(0, (left.width - Self.boardWidth) / 2), y: boardTop, width: Self.boardWidth,
            height: Self.boardHeight)
        below = Rect(x: left.x + 1, y: board.maxY, width: left.width - 2, height: max(0, left.maxY - board.maxY))
    }

    /// The top-left of a square's interior.
    func origin(ofSquare square: Int) -> Point {
        Point(
            x: board.x + 1 + (square % 3) * (Self.squareWidth + 1),
            y: board.y + 1 + (square / 3) * (Self.squareHeight + 1))
    }

    func square(at point: Point) -> Int? {
        for square in 0..<9 {
            let origin = origin(ofSquare: square)
            if Rect(x: origin.x, y: origin.y, width: Self.squareWidth, height: Self.squareHeight).contains(point) {
                return square
            }
        }
        return nil
    }
}
