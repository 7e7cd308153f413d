/// A one-line input: underlined, scrolled so the end stays visible, masked for passwords.
struct TextFieldView {
    var value: String
    var width: Int
    var focused: Bool
    var masked: Bool = false

    func render(at point: Point, into buffer: inout ScreenBuffer) {
        let shown = masked ? String(repeating: buffer.glyphs == .unicode ? "•" : "*", count: value.count) : value
        let room = max(1, width - 1)
        let visible = shown.count > room ? String(shown.suffix(room)) : shown
        let style = focused ? Style(.input, bold: true, underline: true) : Style(.input, underline: true)
        buffer.put(String(repeating: " ", count: width), x: point.x, y: point.y, style: style)
        for (offset, character) in visible.enumerated() {
            buffer[point.x + offset, point.y] = Cell(DisplayText.cell(for: character), style: style)
        }
        if focused { buffer.cursor = Point(x: point.x + visible.count, y: point.y) }
    }
}
