import Foundation

/// One key binding as the help line and the help overlay show it.
public struct KeyHelp: Sendable, Equatable {
    public var keys: String
    public var action: String
    /// Shown in the bottom help line too, not only in the overlay.
    public var inHelpLine: Bool

    init(_ keys: String, _ action: String, line: Bool = true) {
        self.keys = keys
        self.action = action
        inHelpLine = line
    }
}

extension AppState {
    /// Every key the current screen answers to, in the order the overlay lists them.
    public var keyHelp: [KeyHelp] {
        guard unicode else {
            return unicodeKeyHelp.map { help in
                var help = help
                help.keys = help.keys.replacingOccurrences(of: "←↑↓→", with: "arrows")
                    .replacingOccurrences(of: "↑↓", with: "Up/Down").replacingOccurrences(of: "↑", with: "Up")
                    .replacingOccurrences(of: "↓", with: "Down")
                return help
            }
        }
        return unicodeKeyHelp
    }

    private var unicodeKeyHelp: [KeyHelp] {
        switch screen {
        case .login(let login):
            return [
                KeyHelp("Tab/↓", "next field"),
                KeyHelp("Shift-Tab/↑", "previous field", line: false),
                KeyHelp("Enter", login.mode == .login ? "log in" : "register"),
                KeyHelp("Ctrl-R", login.mode == .login ? "register instead" : "log in instead"),
                KeyHelp("Ctrl-U", "clear the field", line: false),
                KeyHelp("F1", "help"),
                KeyHelp("Esc", "quit"),
            ]
        case .lobby(let lobby):
            switch lobby.prompt {
            case .invite:
                return [
                    KeyHelp("Enter", "send the invite"), KeyHelp("Ctrl-U", "clear", line: false),
                    KeyHelp("Esc", "cancel"),
                ]
            case .bot:
                return [KeyHelp("e", "easy bot"), KeyHelp("h", "hard bot"), KeyHelp("Esc", "cancel")]
            case nil:
                return [
                    KeyHelp("↑↓/jk", "select", line: false),
                    KeyHelp("Enter", "join"),
                    KeyHelp("n", "new game"),
                    KeyHelp("i", "invite"),
                    KeyHelp("m", "matchmaking"),
                    KeyHelp("b", "bot"),
                    KeyHelp("x", "cancel your waiting game", line: false),
                    KeyHelp("r", "refresh", line: false),
                    KeyHelp("?", "help"),
                    KeyHelp("q", "quit"),
                ]
            }
        case .matchmaking:
            return [KeyHelp("Esc/q", "leave the queue"), KeyHelp("?", "help")]
        case .game(let game):
            if game.confirmation != nil { return [KeyHelp("y", "yes"), KeyHelp("n/Esc", "no")] }
            if game.focus == .chat {
                return [
                    KeyHelp("Enter", "send"), KeyHelp("Tab/Esc", "back to the board"),
                    KeyHelp("Ctrl-U", "clear", line: false),
                ]
            }
            let playing = game.isActive
            var keys = [
                KeyHelp("←↑↓→/hjkl", "move", line: false),
                KeyHelp("1-9", "play square", line: playing),
                KeyHelp("Enter", "place", line: playing),
                KeyHelp("Tab", "chat"),
            ]
            if game.isActive { keys.append(KeyHelp("r", "resign")) }
            if game.isFinished {
                if case .offeredToMe = game.rematch {
                    keys.append(KeyHelp("m", "accept rematch"))
                    keys.append(KeyHelp("n", "decline"))
                } else {
                    keys.append(KeyHelp("m", "rematch"))
                }
            }
            keys.append(KeyHelp("mouse", "click a square", line: false))
            keys.append(KeyHelp("?", "help"))
            keys.append(KeyHelp("q", game.isActive ? "leave" : "lobby"))
            return keys
        }
    }
}
