/// Key names as the config file writes them and the help shows them.
enum KeyName {
    static let named: [String: Key] = [
        "up": .up, "down": .down, "left": .left, "right": .right, "enter": .enter, "return": .enter,
        "tab": .tab, "backtab": .backTab, "shift-tab": .backTab, "esc": .escape, "escape": .escape,
        "space": .character(" "), "backspace": .backspace, "delete": .delete, "del": .delete, "home": .home,
        "end": .end, "pageup": .pageUp, "pgup": .pageUp, "pagedown": .pageDown, "pgdn": .pageDown,
    ]

    /// "k", "Up", "Enter", "Space", "Ctrl-R" (or "C-r"), "F1"; nil for anything else.
    static func parse(_ text: String) -> Key? {
        if text.count == 1, let character = text.first { return .character(character) }
        let lowered = text.lowercased()
        if let key = named[lowered] { return key }
        for prefix in ["ctrl-", "ctrl+", "c-", "^"] where lowered.hasPrefix(prefix) {
            let rest = lowered.dropFirst(prefix.count)
            if rest.count == 1, let letter = rest.first, letter.isLetter { return .control(letter) }
        }
        if lowered.hasPrefix("f"), let number = Int(lowered.dropFirst()), (1...12).contains(number) {
            return .function(number)
        }
        return nil
    }

    static func label(_ key: Key) -> String {
        switch key {
        case .character(" "): "Space"
        case .character(let c): String(c)
        case .control(let c): "Ctrl-\(c.uppercased())"
        case .enter: "Enter"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Del"
        case .escape: "Esc"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .function(let n): "F\(n)"
        }
    }
}
