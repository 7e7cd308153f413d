extension ScreenBuffer {
    /// The bottom row: the current screen's main keys.
    mutating func drawHelpLine(_ keys: [KeyHelp], y: Int) {
        fill(Rect(x: 0, y: y, width: width, height: 1), with: Cell(" ", style: .help))
        var x = 1
        for key in keys where key.inHelpLine {
            let item = "\(key.keys) \(key.action)"
            guard x + item.count < width else { break }
            put(key.keys, x: x, y: y, style: Style(.help, bold: true))
            put(" " + key.action, x: x + key.keys.count, y: y, style: .help)
            x += item.count + 3
        }
    }

    /// A box in the middle of the screen listing every key of the current screen.
    mutating func drawHelpOverlay(_ keys: [KeyHelp], screenName: String) {
        let keyWidth = min(16, (keys.map(\.keys.count).max() ?? 4))
        let actionWidth = min(40, keys.map(\.action.count).max() ?? 10)
        let boxWidth = min(width - 2, max(34, keyWidth + actionWidth + 7))
        let boxHeight = min(height - 2, keys.count + 4)
        let rect = bounds.centered(width: boxWidth, height: boxHeight)
        drawBox(rect, title: "Keys: \(screenName)")
        for (index, key) in keys.prefix(boxHeight - 4).enumerated() {
            let y = rect.y + 1 + index
            put(key.keys, x: rect.x + 2, y: y, style: .accent, maxWidth: keyWidth)
            put(key.action, x: rect.x + 4 + keyWidth, y: y, style: .text, maxWidth: rect.width - keyWidth - 6)
        }
        putCentered("Press any key to close", in: rect, y: rect.maxY - 2, style: .muted)
        cursor = nil
    }
}
