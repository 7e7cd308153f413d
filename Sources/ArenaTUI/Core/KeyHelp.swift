import Foundation

/// One key binding as the help line and the help overlay show it.
public struct KeyHelp: Sendable, Equatable {
    public var keys: String
    public var action: String
    /// Shown in the bottom help line too, not only in the overlay.
    public var inHelpLine: Bool
    /// The key a click on this help-line item presses.
    public var key: Key?

    init(_ keys: String, _ action: String, line: Bool = true, key: Key? = nil) {
        self.keys = keys
        self.action = action
        inHelpLine = line
        self.key = key
    }
}

extension KeyBindings {
    /// A help entry for actions, labelled from the table so a rebound key shows as rebound.
    func help(_ actions: Action..., text: String, line: Bool = true) -> KeyHelp {
        KeyHelp(label(actions), text, line: line, key: actions.first.flatMap { primaryKey($0) })
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
        let b = bindings
        if playerCard != nil { return [KeyHelp("Esc", "close the card", key: .escape)] }
        switch screen {
        case .login(let login):
            return [
                KeyHelp("Tab/↓", "next field", key: .tab),
                KeyHelp("Shift-Tab/↑", "previous field", line: false),
                KeyHelp("Enter", login.mode == .login ? "log in" : "register", key: .enter),
                KeyHelp("Ctrl-R", login.mode == .login ? "register instead" : "log in instead", key: .control("r")),
                KeyHelp("Ctrl-U", "clear the field", line: false),
                KeyHelp("F1", "help", key: .function(1)),
                KeyHelp("Esc", "quit", key: .escape),
            ]
        case .lobby(let lobby):
            switch lobby.prompt {
            case .invite:
                return [
                    KeyHelp("Enter", "send the invite", key: .enter), KeyHelp("Ctrl-U", "clear", line: false),
                    KeyHelp("Esc", "cancel", key: .escape),
                ]
            case .bot:
                return [
                    b.help(.botEasy, text: "easy bot"), b.help(.botHard, text: "hard bot"),
                    KeyHelp("Esc", "cancel", key: .escape),
                ]
            case nil:
                return [
                    b.help(.moveUp, .moveDown, text: "select", line: false),
                    KeyHelp("Enter", "join", key: .enter),
                    b.help(.newGame, text: "new game"),
                    b.help(.invite, text: "invite"),
                    b.help(.matchmaking, text: "matchmaking"),
                    b.help(.bot, text: "bot"),
                    b.help(.watch, text: "watch a live game", line: false),
                    b.help(.leaderboard, text: "leaderboards", line: false),
                    b.help(.friends, text: "friends", line: false),
                    b.help(.profile, text: "your profile, log out", line: false),
                    b.help(.cancelGame, text: "cancel your waiting game", line: false),
                    b.help(.refresh, text: "refresh", line: false),
                    b.help(.help, text: "help"),
                    b.help(.quit, text: "quit"),
                ]
            }
        case .matchmaking:
            return [b.help(.back, text: "leave the queue"), b.help(.help, text: "help")]
        case .game(let game):
            if game.confirmation != nil { return [b.help(.yes, text: "yes"), b.help(.no, text: "no")] }
            if game.focus == .chat {
                return [
                    KeyHelp("Enter", "send", key: .enter), KeyHelp("Tab/Esc", "back to the board", key: .tab),
                    KeyHelp("Ctrl-U", "clear", line: false),
                ]
            }
            if game.spectating {
                return [b.help(.help, text: "help"), b.help(.back, text: "stop watching")]
            }
            let playing = game.isActive
            var keys = [
                b.help(.moveLeft, .moveUp, .moveDown, .moveRight, text: "move", line: false),
                KeyHelp("1-9", "play square", line: playing),
                KeyHelp(
                    b.label(.select).replacingOccurrences(of: "/Space", with: ""), "place", line: playing, key: .enter),
                b.help(.chat, text: "chat"),
            ]
            if game.isActive { keys.append(b.help(.resign, text: "resign")) }
            if game.isFinished {
                if case .offeredToMe = game.rematch {
                    keys.append(b.help(.rematch, text: "accept rematch"))
                    keys.append(b.help(.declineRematch, text: "decline"))
                } else {
                    keys.append(b.help(.rematch, text: "rematch"))
                }
            }
            keys.append(KeyHelp("mouse", "click a square", line: false))
            keys.append(b.help(.help, text: "help"))
            keys.append(b.help(.quit, text: game.isActive ? "leave" : "lobby"))
            return keys
        case .leaderboard(let board):
            var keys = [
                b.help(.moveUp, .moveDown, text: "select", line: false),
                b.help(.stats, text: "stats"),
                b.help(.nextTab, text: "next board"),
            ]
            if board.tab != .search {
                keys.append(b.help(.nextPage, text: "page"))
                keys.append(b.help(.previousPage, text: "page back", line: false))
                keys.append(b.help(.aroundMe, text: "around me"))
                keys.append(b.help(.search, text: "search"))
            } else {
                keys.append(KeyHelp("type", "a name"))
                keys.append(b.help(.nextPage, text: "page", line: false))
            }
            keys.append(KeyHelp("mouse", "click a tab or a row", line: false))
            if board.tab != .search { keys.append(b.help(.help, text: "help")) }
            keys.append(KeyHelp(board.tab == .search ? "Esc" : b.label(.back), "lobby", key: .escape))
            return keys
        case .friends(let friends):
            if friends.adding != nil {
                return [KeyHelp("Enter", "send the request", key: .enter), KeyHelp("Esc", "cancel", key: .escape)]
            }
            if friends.confirmRemove != nil { return [b.help(.yes, text: "yes"), b.help(.no, text: "no")] }
            return [
                b.help(.moveUp, .moveDown, text: "select", line: false),
                b.help(.addFriend, text: "add"),
                b.help(.accept, text: "accept"),
                b.help(.decline, text: "decline"),
                b.help(.remove, text: "remove/withdraw"),
                b.help(.stats, text: "stats", line: false),
                b.help(.refresh, text: "refresh", line: false),
                b.help(.help, text: "help", line: false),
                b.help(.back, text: "lobby"),
            ]
        case .profile(let profile):
            if profile.confirmLogoutEverywhere || profile.sshKeys?.confirmRemove != nil {
                return [b.help(.yes, text: "yes"), b.help(.no, text: "no")]
            }
            if profile.sshKeys != nil {
                return [
                    KeyHelp("Tab", "list / paste field", key: .tab),
                    KeyHelp("Enter", "link", key: .enter),
                    b.help(.remove, text: "remove"),
                    KeyHelp("Esc", "profile", key: .escape),
                ]
            }
            return [
                KeyHelp("Tab/↓", "next", key: .tab),
                KeyHelp("Shift-Tab/↑", "previous", line: false),
                KeyHelp("Enter", "save / press", key: .enter),
                KeyHelp("Ctrl-U", "clear the field", line: false),
                // Quitting keeps the session remembered; only these buttons forget it.
                KeyHelp("Log out", "end the session, forget it here", line: false),
                KeyHelp("…everywhere", "end every session", line: false),
                KeyHelp("F1", "help", key: .function(1)),
                KeyHelp("Esc", "lobby", key: .escape),
            ]
        }
    }
}
