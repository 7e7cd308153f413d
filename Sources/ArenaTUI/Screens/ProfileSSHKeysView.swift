/// The profile's ssh keys panel, drawn in the profile's box: the linked keys (fingerprint,
/// comment, date), then the field a public key line is pasted into.
struct SSHKeysView {
    var panel: SSHKeysPanel
    var typing: Bool

    func render(in box: Rect, into buffer: inout ScreenBuffer) {
        buffer.drawBox(box, title: "SSH keys")
        let x = box.x + 3
        let width = box.width - 6
        buffer.put(
            "A linked key logs you in when you ssh to a server's ssh port.", x: x, y: box.y + 1, style: .muted,
            maxWidth: width)
        let listTop = box.y + 3
        let listRows = max(1, box.height - 10)
        if !panel.loaded {
            buffer.put("Loading your keys…", x: x, y: listTop, style: .muted)
        } else if panel.keys.isEmpty {
            buffer.put("No keys linked yet.", x: x, y: listTop, style: .muted)
        }
        // Two rows a key: what the player named it and when, then the fingerprint ssh shows.
        let shown = max(1, listRows / 2)
        let first = max(0, min(panel.selected - shown + 1, panel.keys.count - shown))
        for (slot, key) in panel.keys.dropFirst(first).prefix(shown).enumerated() {
            let selected = first + slot == panel.selected && panel.focus == .list
            let y = listTop + slot * 2
            let name = key.comment.isEmpty ? "(no comment)" : key.comment
            buffer.put(
                "\(name) · linked \(key.createdAt.prefix(10))", x: x, y: y, style: selected ? .selection : .accent,
                maxWidth: width)
            buffer.put(key.fingerprint, x: x + 2, y: y + 1, style: .text, maxWidth: width - 2)
        }
        let fieldRow = box.maxY - 5
        buffer.put(
            "Paste a public key (ssh-ed25519 AAAA... comment), Enter to link:", x: x, y: fieldRow - 1,
            style: panel.focus == .field ? .accent : .text, maxWidth: width)
        TextFieldView(value: panel.draft, width: width, focused: typing && panel.focus == .field && !panel.busy)
            .render(at: Point(x: x, y: fieldRow), into: &buffer)
        let messageRow = box.maxY - 3
        if let doomed = panel.confirmRemove {
            buffer.putCentered(
                "Remove \(doomed.comment.isEmpty ? doomed.fingerprint : doomed.comment)? y / n", in: box.inset(1),
                y: messageRow, style: .error)
        } else if let message = panel.message {
            buffer.putCentered(message, in: box.inset(1), y: messageRow, style: panel.messageIsError ? .error : .notice)
        }
    }
}
