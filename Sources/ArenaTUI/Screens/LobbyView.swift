import ArenaKit

/// Where the lobby's list sits; shared by drawing and mouse hit-testing.
struct LobbyLayout {
    var list: Rect
    /// Friends online, beside the games when the terminal is wide enough.
    var friendsPane: Rect?
    var promptRow: Int
    var shortcutsRow: Int
    var width: Int

    static let paneWidth = 24
    static let shortcuts: [(Action, String)] = [
        (.leaderboard, "leaders"), (.friends, "friends"), (.profile, "profile"),
    ]

    init(size: Size) {
        width = size.width
        let height = size.height - 6
        if size.width >= 70 {
            list = Rect(x: 1, y: 2, width: size.width - 2 - Self.paneWidth, height: height)
            friendsPane = Rect(x: list.maxX, y: 2, width: Self.paneWidth, height: height)
        } else {
            list = Rect(x: 1, y: 2, width: size.width - 2, height: height)
        }
        promptRow = size.height - 3
        shortcutsRow = 1
    }

    /// The lobby's other screens, named at the top right ("l leaders  f friends  p profile"),
    /// so they are found without the help overlay and can be clicked.
    func shortcutItems(bindings: KeyBindings) -> [(Action, String, Int)] {
        let texts = Self.shortcuts.map { "\(bindings.label($0.0)) \($0.1)" }
        var x = width - 1 - texts.reduce(0) { $0 + $1.displayWidth + 2 } + 2
        var items: [(Action, String, Int)] = []
        for (index, text) in texts.enumerated() {
            items.append((Self.shortcuts[index].0, text, x))
            x += text.displayWidth + 2
        }
        return items
    }

    func shortcut(at point: Point, bindings: KeyBindings) -> Action? {
        guard point.y == shortcutsRow else { return nil }
        return shortcutItems(bindings: bindings).first { point.x >= $0.2 && point.x < $0.2 + $0.1.displayWidth }?.0
    }

    /// The rows of the list, one per entry or section header, scrolled to keep the selection in view.
    func rows(for lobby: LobbyState) -> SectionedList<LobbyState.EntryKind> {
        SectionedList(sections: lobby.entries.map(\.kind), selection: lobby.selection, visibleLines: list.height - 2)
    }

    func entryIndex(at point: Point, lobby: LobbyState) -> Int? {
        rows(for: lobby).entry(at: point, in: list.inset(1))
    }
}

struct LobbyView {
    var state: AppState
    var lobby: LobbyState

    func render(into buffer: inout ScreenBuffer) {
        let layout = LobbyLayout(size: buffer.size)
        let shortcuts = layout.shortcutItems(bindings: state.bindings)
        if let user = state.user {
            buffer.put(
                "Welcome, \(user.username). Rating \(user.eloRating), \(user.gamesWon)W \(user.gamesLost)L \(user.gamesDrawn)D.",
                x: 2, y: 1, style: .text, maxWidth: max(10, (shortcuts.first?.2 ?? buffer.width) - 4))
        }
        for (_, text, x) in shortcuts where x > 2 {
            buffer.put(text, x: x, y: layout.shortcutsRow, style: .muted)
        }
        if let pane = layout.friendsPane { drawFriends(in: pane, into: &buffer) }
        let title = lobby.loading ? "Games (refreshing…)" : "Games"
        buffer.drawBox(layout.list, title: title)
        let inner = layout.list.inset(1)
        if lobby.entries.isEmpty {
            let b = state.bindings
            let lines = [
                lobby.loading && lobby.loadedAt == nil ? "Loading games…" : "No games waiting right now.",
                "",
                "\(b.label(.newGame))  open a game anyone can join",
                "\(b.label(.invite))  invite a player by name",
                "\(b.label(.matchmaking))  find an opponent of your level",
                "\(b.label(.bot))  play against the bot",
                "\(b.label(.leaderboard))  leaderboards, \(b.label(.friends))  friends, \(b.label(.profile))  profile",
            ]
            for (offset, line) in lines.enumerated() {
                buffer.put(line, x: inner.x + 2, y: inner.y + 1 + offset, style: offset == 0 ? .muted : .text)
            }
        } else {
            for (y, row) in layout.rows(for: lobby).visible(in: inner) {
                switch row {
                case .header(let kind):
                    buffer.put(Self.header(kind), x: inner.x + 1, y: y, style: .accent)
                case .entry(let index):
                    let entry = lobby.entries[index]
                    let selected = index == lobby.selection
                    let style: Style = selected ? .selection : .text
                    if selected {
                        buffer.fill(
                            Rect(x: inner.x, y: y, width: inner.width, height: 1), with: Cell(" ", style: style))
                    }
                    buffer.put(selected ? ">" : " ", x: inner.x + 1, y: y, style: style)
                    let (left, right) = describe(entry)
                    buffer.put(left, x: inner.x + 3, y: y, style: style, maxWidth: inner.width - right.displayWidth - 6)
                    buffer.put(right, x: inner.maxX - right.displayWidth - 1, y: y, style: selected ? style : .muted)
                }
            }
        }
        drawPrompt(layout: layout, into: &buffer)
    }

    private func drawPrompt(layout: LobbyLayout, into buffer: inout ScreenBuffer) {
        let y = layout.promptRow
        switch lobby.prompt {
        case .invite(let name):
            buffer.put("Invite who? ", x: 2, y: y, style: .accent)
            TextFieldView(value: name, width: 24, focused: true).render(at: Point(x: 14, y: y), into: &buffer)
            if let message = lobby.message {
                buffer.put(message, x: 40, y: y, style: .error, maxWidth: buffer.width - 41)
            }
        case .bot:
            buffer.put("Play the bot: e easy, h hard, Esc cancel", x: 2, y: y, style: .accent)
        case nil:
            if let message = lobby.message {
                buffer.put(message, x: 2, y: y, style: .notice, maxWidth: buffer.width - 4)
            }
        }
    }

    /// Online friends by name, then how many are offline and how many requests wait.
    private func drawFriends(in pane: Rect, into buffer: inout ScreenBuffer) {
        let key = state.bindings.label(.friends)
        buffer.drawBox(pane, title: "Friends (\(key))")
        let inner = pane.inset(1)
        guard let list = lobby.friends else {
            buffer.put("…", x: inner.x + 1, y: inner.y, style: .muted)
            return
        }
        let online = list.friends.filter(\.online)
        var rows: [(String, String, Style)] = online.map {
            ("\(buffer.glyphs.bullet) \($0.user.username)", "\($0.user.eloRating)", Style(.notice, bold: true))
        }
        if online.isEmpty { rows.append((list.friends.isEmpty ? "No friends yet." : "Nobody online.", "", .muted)) }
        let offline = list.friends.count - online.count
        var footer: [(String, Style)] = []
        if offline > 0 { footer.append(("\(offline) offline", .muted)) }
        if !list.incoming.isEmpty {
            let count = list.incoming.count
            footer.append(("\(count) request\(count == 1 ? "" : "s") for you", .accent))
        }
        let room = max(0, inner.height - footer.count - (footer.isEmpty ? 0 : 1))
        for (offset, row) in rows.prefix(room).enumerated() {
            buffer.put(row.0, x: inner.x + 1, y: inner.y + offset, style: row.2, maxWidth: inner.width - 7)
            buffer.put(row.1, x: inner.maxX - 1 - row.1.displayWidth, y: inner.y + offset, style: .muted)
        }
        for (offset, line) in footer.enumerated() {
            buffer.put(
                line.0, x: inner.x + 1, y: inner.maxY - footer.count + offset, style: line.1, maxWidth: inner.width - 2)
        }
    }

    static func header(_ kind: LobbyState.EntryKind) -> String {
        switch kind {
        case .mine: "Your games"
        case .invite: "Invitations for you"
        case .open: "Open games"
        case .live: "Live games (Enter to watch)"
        }
    }

    private func describe(_ entry: LobbyState.Entry) -> (String, String) {
        let game = entry.game
        let me = state.user?.id
        switch entry.kind {
        case .mine:
            let (opponent, _) = opponentName(game, me: me)
            switch game.status {
            case .waiting:
                if game.invitedID != nil { return ("Invite sent\(opponent.map { " to \($0)" } ?? "")", "waiting") }
                return ("Open game", "waiting for an opponent")
            case .active:
                let turn = game.currentPlayerID == me ? "your turn" : "their turn"
                let name = opponent ?? game.bot.map { "bot (\($0))" } ?? "?"
                return ("vs \(name)", "\(turn), move \(game.movesCount + 1)")
            case .completed, .abandoned:
                return ("vs \(opponent ?? "?")", "finished")
            }
        case .invite:
            return ("\(game.player1Username ?? "someone") invites you", "Enter to accept")
        case .open:
            return ("\(game.player1Username ?? "someone")'s open game", "Enter to join")
        case .live:
            let x = game.player1Username ?? "?"
            let o = game.player2Username ?? game.bot.map { "bot (\($0))" } ?? "?"
            return ("\(x) vs \(o)", "move \(game.movesCount + 1)")
        }
    }

    private func opponentName(_ game: GameDTO, me: String?) -> (String?, String?) {
        if game.player1ID == me { return (game.player2Username, game.player2ID) }
        return (game.player1Username, game.player1ID)
    }
}
