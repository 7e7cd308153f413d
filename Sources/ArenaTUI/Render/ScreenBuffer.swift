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
            cells[y * width + x] = newValue
        }
    }

    /// Writes text from (x, y), clipped to `maxWidth` columns and the screen edge; returns the
    /// number of columns written. Text that does not fit ends with an ellipsis.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .text, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height else { return 0 }
        let limit = min(maxWidth ?? width, width - x)
        guard limit > 0 else { return 0 }
        let characters = Array(text)
        let truncated = characters.count > limit
        var column = 0
        for character in characters {
            if column >= limit { break }
            var shown = DisplayText.cell(for: character)
            if truncated, column == limit - 1 { shown = glyphs.ellipsis }
            self[x + column, y] = Cell(shown, style: style)
            column += 1
        }
        return column
    }

    /// Writes text centred in `rect`'s row `y`.
    public mutating func putCentered(_ text: String, in rect: Rect, y: Int, style: Style = .text) {
        let length = min(text.count, rect.width)
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

    public func row(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        return String(cells[(y * width)..<((y + 1) * width)].map(\.character))
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
    /// buffer of the same size.
    public func changes(since previous: ScreenBuffer?) -> [Span] {
        let comparable = previous.map { $0.width == width && $0.height == height } ?? false
        var spans: [Span] = []
        for y in 0..<height {
            var x = 0
            while x < width {
                let index = y * width + x
                if comparable, let previous, previous.cells[index] == cells[index] {
                    x += 1
                    continue
                }
                let style = cells[index].style
                var text = ""
                var end = x
                while end < width {
                    let cell = cells[y * width + end]
                    guard cell.style == style else { break }
                    if comparable, let previous, previous.cells[y * width + end] == cell { break }
                    text.append(cell.character)
                    end += 1
                }
                spans.append(Span(x: x, y: y, style: style, text: text))
                x = end
            }
        }
        return spans
    }
}
