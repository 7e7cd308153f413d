/// The game's chat: messages wrapped to the pane, newest at the bottom, and the input line.
struct ChatPane {
    var lines: [GameScreenState.ChatLine]
    var draft: String
    var focused: Bool
    var rect: Rect
    /// Watching someone else's game: their chat shows, nothing can be typed.
    var readOnly = false
    var chatKey = "Tab"

    func render(into buffer: inout ScreenBuffer) {
        guard rect.height >= 4, rect.width >= 10 else { return }
        buffer.drawBox(rect, title: readOnly ? "Chat (read-only)" : focused ? "Chat (typing)" : "Chat (\(chatKey))")
        let inner = rect.inset(1)
        let inputRow = inner.maxY - 1
        buffer.drawDivider(in: rect, y: inputRow - 1)
        let historyHeight = max(0, inner.height - 2)
        var rows: [(String, Style)] = []
        for line in lines {
            let prefix = "\(line.from): "
            let style: Style = line.mine ? Style(.chatSelf) : Style(.chatOther)
            // Lines after the first are indented by one column.
            let wrapped = TextWrap.lines(
                prefix + line.text, width: inner.width - 1, continuationWidth: inner.width - 2)
            for (index, text) in wrapped.enumerated() {
                rows.append((index == 0 ? text : " " + text, line.pending ? Style(style.role, bold: false) : style))
            }
        }
        if lines.isEmpty {
            rows.append(("No messages yet.", .muted))
        }
        for (offset, row) in rows.suffix(historyHeight).enumerated() {
            buffer.put(row.0, x: inner.x + 1, y: inner.y + offset, style: row.1, maxWidth: inner.width - 1)
        }
        if readOnly {
            buffer.put("Only the players can chat.", x: inner.x + 1, y: inputRow, style: .muted)
            return
        }
        buffer.put(">", x: inner.x, y: inputRow, style: focused ? .accent : .muted)
        if focused || !draft.isEmpty {
            TextFieldView(value: draft, width: inner.width - 2, focused: focused)
                .render(at: Point(x: inner.x + 2, y: inputRow), into: &buffer)
        } else {
            buffer.put("\(chatKey) to chat", x: inner.x + 2, y: inputRow, style: .muted)
        }
    }
}
