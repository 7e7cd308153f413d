/// Where each item of the bottom help line sits, so drawing and clicking agree.
enum HelpLineLayout {
    static func items(_ keys: [KeyHelp], width: Int) -> [(help: KeyHelp, x: Int, width: Int)] {
        var items: [(KeyHelp, Int, Int)] = []
        var x = 1
        for key in keys where key.inHelpLine {
            let length = key.keys.displayWidth + 1 + key.action.displayWidth
            guard x + length < width else { break }
            items.append((key, x, length))
            x += length + 3
        }
        return items
    }

    static func key(at x: Int, keys: [KeyHelp], width: Int) -> Key? {
        items(keys, width: width).first { x >= $0.x && x < $0.x + $0.width }?.help.key
    }
}

extension ScreenBuffer {
    /// The bottom row: the current screen's main keys.
    mutating func drawHelpLine(_ keys: [KeyHelp], y: Int) {
        fill(Rect(x: 0, y: y, width: width, height: 1), with: Cell(" ", style: .help))
        for item in HelpLineLayout.items(keys, width: width) {
            put(item.help.keys, x: item.x, y: y, style: Style(.help, bold: true))
            put(" " + item.help.action, x: item.x + item.help.keys.displayWidth, y: y, style: .help)
        }
    }

    /// A box in the middle of the screen listing every key of the current screen.
    mutating func drawHelpOverlay(_ keys: [KeyHelp], screenName: String) {
        let keyWidth = min(16, (keys.map(\.keys.displayWidth).max() ?? 4))
        let actionWidth = min(40, keys.map(\.action.displayWidth).max() ?? 10)
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
