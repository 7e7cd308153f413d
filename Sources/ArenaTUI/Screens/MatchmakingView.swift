struct MatchmakingView {
    var state: AppState
    var matchmaking: MatchmakingState

    func render(into buffer: inout ScreenBuffer) {
        let box = buffer.bounds.centered(width: 46, height: 10)
        buffer.drawBox(box, title: "Finding an opponent")
        let waited = matchmaking.waited(at: state.now)
        buffer.put("Waiting", x: box.x + 3, y: box.y + 2, style: .text)
        buffer.put(String(format: "%d:%02d", waited / 60, waited % 60), x: box.x + 20, y: box.y + 2, style: .accent)
        buffer.put("Rating range", x: box.x + 3, y: box.y + 3, style: .text)
        if let range = matchmaking.status?.eloRange {
            buffer.put("\(range.min) to \(range.max)", x: box.x + 20, y: box.y + 3, style: .accent)
        } else {
            buffer.put("…", x: box.x + 20, y: box.y + 3, style: .muted)
        }
        if let queued = matchmaking.status?.playersQueued {
            buffer.put("In the queue", x: box.x + 3, y: box.y + 4, style: .text)
            buffer.put("\(queued)", x: box.x + 20, y: box.y + 4, style: .accent)
        }
        if let message = matchmaking.message {
            buffer.put(message, x: box.x + 3, y: box.y + 6, style: .error, maxWidth: box.width - 6)
        }
        buffer.putCentered("Esc to stop looking", in: box, y: box.maxY - 2, style: .muted)
    }
}
