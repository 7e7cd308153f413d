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

    enum Line: Equatable {
        case header(String)
        case row(Int)
    }

    /// Section headers and rows, scrolled to keep the selection in view.
    func lines(for friends: FriendsState) -> (lines: [Line], first: Int) {
        var lines: [Line] = []
        var lastHeader: String?
        for (index, row) in friends.rows.enumerated() {
            let header: String
            switch row {
            case .incoming: header = "Requests for you"
            case .friend: header = "Friends"
            case .outgoing: header = "Requests you sent"
            }
            if header != lastHeader {
                lines.append(.header(header))
                lastHeader = header
            }
            lines.append(.row(index))
        }
        let visible = max(1, box.height - 2)
        let selected = lines.firstIndex(of: .row(friends.selection)) ?? 0
        return (lines, selected < visible ? 0 : selected - visible + 1)
    }

    func rowIndex(at point: Point, friends: FriendsState) -> Int? {
        let inner = box.inset(1)
        guard inner.contains(point) else { return nil }
        let (lines, first) = lines(for: friends)
        let index = first + point.y - inner.y
        guard lines.indices.contains(index), case .row(let row) = lines[index] else { return nil }
        return row
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
                "\(list.friends.count) friends, \(online) online. Requests: \(list.incoming.count) for you, \(list.outgoing.count) sent.",
                x: 2, y: 1, style: .text, maxWidth: buffer.width - 4)
        }
        buffer.drawBox(layout.box, title: friends.loading ? "Friends (refreshing…)" : "Friends")
        let inner = layout.box.inset(1)
        if friends.rows.isEmpty {
            let text = friends.list == nil ? "Loading…" : "No friends yet. Press \(b.label(.addFriend)) to ask someone."
            buffer.put(text, x: inner.x + 2, y: inner.y + 1, style: .muted)
        }
        let (lines, first) = layout.lines(for: friends)
        for (offset, line) in lines.dropFirst(first).prefix(inner.height).enumerated() {
            let y = inner.y + offset
            switch line {
            case .header(let text):
                buffer.put(text, x: inner.x + 1, y: y, style: .accent)
            case .row(let index):
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
                    maxWidth: max(4, inner.width - right.count - 6))
                buffer.put(right, x: inner.maxX - right.count - 1, y: y, style: selected ? style : .muted)
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
