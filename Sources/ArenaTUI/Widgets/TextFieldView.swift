/// A one-line input: underlined, scrolled so the end stays visible, masked for passwords.
struct TextFieldView {
    var value: String
    var width: Int
    var focused: Bool
    var masked: Bool = false

    func render(at point: Point, into buffer: inout ScreenBuffer) {
        let shown = masked ? String(repeating: buffer.glyphs == .unicode ? "•" : "*", count: value.count) : value
        let room = max(1, width - 1)
        let visible = DisplayText.suffix(of: shown, columns: room)
        let style = focused ? Style(.input, bold: true, underline: true) : Style(.input, underline: true)
        buffer.put(String(repeating: " ", count: width), x: point.x, y: point.y, style: style)
        buffer.put(String(visible.text), x: point.x, y: point.y, style: style, maxWidth: room)
        if focused { buffer.cursor = Point(x: point.x + visible.width, y: point.y) }
    }
}
