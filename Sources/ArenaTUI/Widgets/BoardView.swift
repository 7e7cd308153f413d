import ArenaKit

/// The 3x3 board drawn large: squares sized by the layout, marks drawn as shapes.
struct BoardView {
    var board: [String]
    var cursor: Int?
    var winningLine: Set<Int>
    var pending: Int?
    var layout: GameLayout

    func render(into buffer: inout ScreenBuffer) {
        let g = buffer.glyphs
        let rect = layout.board
        let border = Style.border
        for row in 0...3 {
            let y = rect.y + row * (layout.squareHeight + 1)
            for x in rect.x..<rect.maxX { buffer[x, y] = Cell(g.horizontal, style: border) }
        }
        for column in 0...3 {
            let x = rect.x + column * (layout.squareWidth + 1)
            for y in rect.y..<rect.maxY { buffer[x, y] = Cell(g.vertical, style: border) }
        }
        for row in 0...3 {
            for column in 0...3 {
                let x = rect.x + column * (layout.squareWidth + 1)
                let y = rect.y + row * (layout.squareHeight + 1)
                buffer[x, y] = Cell(junction(row: row, column: column, g), style: border)
            }
        }
        for square in 0..<9 { drawSquare(square, into: &buffer) }
    }

    private func junction(row: Int, column: Int, _ g: Glyphs) -> Character {
        switch (row, column) {
        case (0, 0): g.topLeft
        case (0, 3): g.topRight
        case (3, 0): g.bottomLeft
        case (3, 3): g.bottomRight
        case (0, _): g.teeDown
        case (3, _): g.teeUp
        case (_, 0): g.teeRight
        case (_, 3): g.teeLeft
        default: g.cross
        }
    }

    private func drawSquare(_ square: Int, into buffer: inout ScreenBuffer) {
        let origin = layout.origin(ofSquare: square)
        let mark = board.indices.contains(square) ? Mark(rawValue: board[square]) : nil
        let highlighted = cursor == square
        let winning = winningLine.contains(square)
        var style: Style
        switch mark {
        case .x: style = Style(.markX, bold: true)
        case .o: style = Style(.markO, bold: true)
        case nil: style = .muted
        }
        if winning { style = Style(.win, bold: true) }
        if highlighted { style = Style(.cursor, bold: mark != nil, reverse: true) }
        let w = layout.squareWidth
        let h = layout.squareHeight
        var art: [String]
        if let mark {
            art = MarkArt.lines(mark, width: w, height: h, unicode: buffer.glyphs == .unicode)
        } else {
            let label = pending == square ? String(buffer.glyphs.ellipsis) : "\(square + 1)"
            let blank = String(repeating: " ", count: w)
            art = Array(repeating: blank, count: h)
            art[h / 2] =
                String(repeating: " ", count: (w - 1) / 2) + label + String(repeating: " ", count: w - 1 - (w - 1) / 2)
        }
        for (offset, line) in art.enumerated() {
            buffer.put(line, x: origin.x, y: origin.y + offset, style: style, maxWidth: layout.squareWidth)
        }
    }
}
