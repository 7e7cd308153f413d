extension ScreenBuffer {
    /// A frame around `rect` with an optional title in its top edge; the inside is cleared.
    public mutating func drawBox(_ rect: Rect, title: String? = nil, style: Style = .border, titleStyle: Style = .title)
    {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let g = glyphs
        fill(rect.inset(1))
        for x in (rect.x + 1)..<(rect.maxX - 1) {
            self[x, rect.y] = Cell(g.horizontal, style: style)
            self[x, rect.maxY - 1] = Cell(g.horizontal, style: style)
        }
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            self[rect.x, y] = Cell(g.vertical, style: style)
            self[rect.maxX - 1, y] = Cell(g.vertical, style: style)
        }
        self[rect.x, rect.y] = Cell(g.topLeft, style: style)
        self[rect.maxX - 1, rect.y] = Cell(g.topRight, style: style)
        self[rect.x, rect.maxY - 1] = Cell(g.bottomLeft, style: style)
        self[rect.maxX - 1, rect.maxY - 1] = Cell(g.bottomRight, style: style)
        if let title, rect.width > 6 {
            put(" \(title) ", x: rect.x + 2, y: rect.y, style: titleStyle, maxWidth: rect.width - 4)
        }
    }

    public mutating func drawHorizontalRule(y: Int, from x: Int, width: Int, style: Style = .border) {
        for column in x..<(x + max(0, width)) { self[column, y] = Cell(glyphs.horizontal, style: style) }
    }

    /// Joins a rule to a box's sides so it reads as one divided box.
    public mutating func drawDivider(in rect: Rect, y: Int, style: Style = .border) {
        self[rect.x, y] = Cell(glyphs.teeRight, style: style)
        drawHorizontalRule(y: y, from: rect.x + 1, width: rect.width - 2, style: style)
        self[rect.maxX - 1, y] = Cell(glyphs.teeLeft, style: style)
    }
}
