/// The whole screen as cells. Every frame is drawn into a fresh buffer; the terminal flushes only
/// the cells that differ from the previous frame. Tests read it back as rows of text.
public struct ScreenBuffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal's cursor should sit (a text field being typed in), or nil to hide it.
    public var cursor: Point?
    public var glyphs: Glyphs

    public init(width: Int, height: Int, glyphs: Glyphs = .unicode) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.glyphs = glyphs
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public var size: Size { Size(width: width, height: height) }
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get {
            guard x >= 0, y >= 0, x < width, y < height else { return .blank }
            return cells[y * width + x]
        }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            let index = y * width + x
            // Writing over one half of a wide character blanks its other half: a box border or
            // a fill never leaves half a character behind.
            let old = cells[index].part
            if old == .lead, newValue.part != .lead, x + 1 < width, cells[index + 1].part == .trail {
                cells[index + 1] = Cell(" ", style: cells[index + 1].style)
            }
            if old == .trail, newValue.part != .trail, x > 0, cells[index - 1].part == .lead {
                cells[index - 1] = Cell(" ", style: cells[index - 1].style)
            }
            cells[index] = newValue
        }
    }

    /// False on a terminal whose locale cannot show Unicode: wide characters become `??`.
    var unicode: Bool { glyphs == .unicode }

    /// Puts one character at (x, y): two cells for a wide one. Returns the columns taken.
    @discardableResult
    mutating func putCharacter(_ character: Character, x: Int, y: Int, style: Style) -> Int {
        let shown = DisplayText.cell(for: character)
        guard DisplayText.width(of: shown) == 2 else {
            self[x, y] = Cell(unicode ? shown : DisplayText.ascii(shown), style: style)
            return 1
        }
        if unicode {
            self[x, y] = Cell(shown, style: style, part: .lead)
            self[x + 1, y] = Cell(" ", style: style, part: .trail)
        } else {
            // The ASCII fallback keeps the width, so layouts do not change with the locale.
            self[x, y] = Cell("?", style: style)
            self[x + 1, y] = Cell("?", style: style)
        }
        return 2
    }

    /// Writes text from (x, y), clipped to `maxWidth` columns and the screen edge; returns the
    /// number of columns written. Widths are display columns (a CJK character takes two). Text
    /// that does not fit ends with an ellipsis; a wide character that would straddle the edge is
    /// never split: the ellipsis comes first and a space fills the last column.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .text, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height else { return 0 }
        let limit = min(maxWidth ?? width, width - x)
        guard limit > 0 else { return 0 }
        let whole = DisplayText.width(of: text)
        let room = whole > limit ? limit - 1 : limit
        var column = 0
        for character in DisplayText.prefix(of: text, columns: room).text {
            column += putCharacter(character, x: x + column, y: y, style: style)
        }
        if whole > limit {
            self[x + column, y] = Cell(glyphs.ellipsis, style: style)
            column += 1
            while column < limit {
                self[x + column, y] = Cell(" ", style: style)
                column += 1
            }
        }
        return column
    }

    /// Writes text centred in `rect`'s row `y`.
    public mutating func putCentered(_ text: String, in rect: Rect, y: Int, style: Style = .text) {
        let length = min(DisplayText.width(of: text), rect.width)
        put(text, x: rect.x + max(0, (rect.width - length) / 2), y: y, style: style, maxWidth: rect.width)
    }

    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) { self[x, y] = cell }
        }
    }

    /// Restyles a row span without changing its characters (selection bars, highlights).
    public mutating func restyle(_ rect: Rect, style: Style) {
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) { self[x, y].style = style }
        }
    }

    /// A row as the terminal shows it: a wide character once, for its two columns.
    public func row(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        return String(cells[(y * width)..<((y + 1) * width)].filter { $0.part != .trail }.map(\.character))
    }

    /// All rows with trailing spaces removed: the form tests compare against.
    public var lines: [String] {
        (0..<height).map { y in
            var line = row(y)
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// The whole screen as one string, for test failure messages.
    public var text: String { lines.joined(separator: "\n") }
}

extension ScreenBuffer {
    /// A run of changed cells on one row sharing one style: one terminal write each.
    public struct Span: Sendable, Equatable {
        public var x: Int
        public var y: Int
        public var style: Style
        public var text: String
    }

    /// The spans that turn `previous` into this buffer; everything when there is no previous
    /// buffer of the same size. A wide character and the cell it covers change together, and
    /// its text is what the terminal must be sent to fill exactly those two columns.
    public func changes(since previous: ScreenBuffer?) -> [Span] {
        let old = previous.flatMap { $0.width == width && $0.height == height ? $0.cells : nil }
        var spans: [Span] = []
        for y in 0..<height {
            var open: Span?
            var x = 0
            while x < width {
                let index = y * width + x
                let cell = cells[index]
                let columns = cell.part == .lead && x + 1 < width && cells[index + 1].part == .trail ? 2 : 1
                let changed = old.map { $0[index..<(index + columns)] != cells[index..<(index + columns)] } ?? true
                if changed {
                    let text =
                        cell.part == .trail ? " " : DisplayText.terminalText(for: cell.character, columns: columns)
                    if var span = open, span.style == cell.style {
                        span.text += text
                        open = span
                    } else {
                        if let span = open { spans.append(span) }
                        open = Span(x: x, y: y, style: cell.style, text: text)
                    }
                } else if let span = open {
                    spans.append(span)
                    open = nil
                }
                x += columns
            }
            if let span = open { spans.append(span) }
        }
        return spans
    }
}
