import ArenaClient
import ArenaKit

/// Where the friends list sits; shared by drawing and mouse hit-testing.
struct FriendsLayout {
    var box: Rect
    var promptRow: Int

    init(size: Size) {
        box = Rect(x: 1, y: 2, width: size.width - 2, height: size.height - 6)
        promptRow = size.height - 3
    }

    /// Section headers and rows, scrolled to keep the selection in view.
    func list(for friends: FriendsState) -> SectionedList<String> {
        let sections = friends.rows.map { row -> String in
            switch row {
            case .incoming: "Requests for you"
            case .friend: "Friends"
            case .outgoing: "Requests you sent"
            }
        }
        return SectionedList(sections: sections, selection: friends.selection, visibleLines: box.height - 2)
    }

    func rowIndex(at point: Point, friends: FriendsState) -> Int? {
        list(for: friends).entry(at: point, in: box.inset(1))
    }
}

struct FriendsView {
    var state: AppState
    var friends: FriendsState

    func render(into buffer: inout ScreenBuffer) {
        let layout = FriendsLayout(size: buffer.size)
        let b = state.bindings
        if let list = friends.list {
            let online = list.friends.filter(\.online).count
            buffer.put(
                "\(list.friends.count) friend\(list.friends.count == 1 ? "" : "s"), \(online) online. Requests: \(list.incoming.count) for you, \(list.outgoing.count) sent.",
                x: 2, y: 1, style: .text, maxWidth: buffer.width - 4)
        }
        buffer.drawBox(layout.box, title: friends.loading ? "Friends (refreshing…)" : "Friends")
        let inner = layout.box.inset(1)
        if friends.rows.isEmpty {
            let text = friends.list == nil ? "Loading…" : "No friends yet. Press \(b.label(.addFriend)) to ask someone."
            buffer.put(text, x: inner.x + 2, y: inner.y + 1, style: .muted)
        }
        for (y, line) in layout.list(for: friends).visible(in: inner) {
            switch line {
            case .header(let text):
                buffer.put(text, x: inner.x + 1, y: y, style: .accent)
            case .entry(let index):
                let row = friends.rows[index]
                let selected = index == friends.selection
                let style: Style = selected ? .selection : .text
                if selected {
                    buffer.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), with: Cell(" ", style: style))
                }
                buffer.put(selected ? ">" : " ", x: inner.x + 1, y: y, style: style)
                let (left, right, leftStyle) = describe(row, b)
                buffer.put(
                    left, x: inner.x + 3, y: y, style: selected ? style : leftStyle,
                    maxWidth: max(4, inner.width - right.displayWidth - 6))
                buffer.put(right, x: inner.maxX - right.displayWidth - 1, y: y, style: selected ? style : .muted)
            }
        }
        let y = layout.promptRow
        if let name = friends.adding {
            buffer.put("Add friend: ", x: 2, y: y, style: .accent)
            TextFieldView(value: name, width: 24, focused: true).render(at: Point(x: 14, y: y), into: &buffer)
            if let message = friends.message {
                buffer.put(message, x: 40, y: y, style: .error, maxWidth: buffer.width - 41)
            }
        } else if let name = friends.confirmRemove {
            buffer.put("Remove \(name) from your friends? y / n", x: 2, y: y, style: .error)
        } else if let message = friends.message {
            buffer.put(message, x: 2, y: y, style: .notice, maxWidth: buffer.width - 4)
        }
    }

    private func describe(_ row: FriendsState.Row, _ b: KeyBindings) -> (String, String, Style) {
        let g = state.glyphs
        switch row {
        case .incoming(let request):
            return (
                "\(request.user.username) wants to be friends",
                "\(b.label(.accept)) accept  \(b.label(.decline)) decline",
                .text
            )
        case .friend(let friend):
            let mark = friend.online ? String(g.bullet) : (state.unicode ? "○" : "o")
            let status = friend.online ? "online" : "offline"
            return (
                "\(mark) \(friend.user.username)", "\(friend.user.eloRating)  \(status)",
                friend.online ? Style(.notice, bold: true) : .text
            )
        case .outgoing(let request):
            return ("\(request.user.username) (waiting for an answer)", "\(b.label(.remove)) withdraw", .muted)
        }
    }
}
