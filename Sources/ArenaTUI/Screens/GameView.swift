import ArenaKit
import Foundation

struct GameView {
    var state: AppState
    var game: GameScreenState

    private var me: String? { state.user?.id }

    func render(into buffer: inout ScreenBuffer) {
        let layout = GameLayout(size: buffer.size)
        drawPlayers(layout: layout, into: &buffer)
        buffer.putCentered(turnLine(), in: layout.info, y: layout.info.y + 1, style: turnStyle())
        let board = game.game?.board ?? Array(repeating: "", count: 9)
        let showCursor = game.focus == .board && (game.isActive || game.game == nil)
        BoardView(
            board: board, cursor: showCursor ? game.cursor : nil, winningLine: Set(game.game?.winningLine ?? []),
            pending: game.pendingMove?.position, layout: layout
        ).render(into: &buffer)
        drawBelow(layout: layout, into: &buffer)
        ChatPane(lines: game.chat, draft: game.chatDraft, focused: game.focus == .chat, rect: layout.chat)
            .render(into: &buffer)
    }

    private func drawPlayers(layout: GameLayout, into buffer: inout ScreenBuffer) {
        guard let dto = game.game else {
            buffer.putCentered("Loading the game…", in: layout.info, y: layout.info.y, style: .muted)
            return
        }
        let x = describe(id: dto.player1ID, name: dto.player1Username, mark: .x)
        let o = describe(id: dto.player2ID, name: dto.player2Username ?? dto.bot.map { "bot (\($0))" }, mark: .o)
        let line = "X \(x)   vs   O \(o)"
        let start = layout.info.x + max(0, (layout.info.width - line.count) / 2)
        buffer.put(line, x: start, y: layout.info.y, style: .text, maxWidth: layout.info.width)
        buffer.put("X", x: start, y: layout.info.y, style: Style(.markX, bold: true))
        let oIndex = start + 2 + x.count + 8
        if oIndex < layout.info.maxX { buffer.put("O", x: oIndex, y: layout.info.y, style: Style(.markO, bold: true)) }
    }

    private func describe(id: String?, name: String?, mark: Mark) -> String {
        guard let id else { return name ?? "(waiting)" }
        if id == me {
            let rating = state.user.map { " \($0.eloRating)" } ?? ""
            return "\(name ?? "you")\(rating) (you)"
        }
        let rating = game.opponent?.rating.map { " \($0)" } ?? ""
        return "\(name ?? game.opponent?.username ?? "?")\(rating)"
    }

    private var opponentName: String { game.opponent?.username ?? "your opponent" }

    private func turnLine() -> String {
        guard let dto = game.game else { return "" }
        switch dto.status {
        case .waiting:
            if dto.invitedID != nil { return "Waiting for your invitee to join…" }
            return "Waiting for an opponent to join…"
        case .active:
            if let deadline = dto.disconnectDeadline.flatMap(Timestamp.date), dto.currentPlayerID != nil {
                let seconds = max(0, Int(deadline.timeIntervalSince(state.now).rounded(.up)))
                return "\(opponentName) disconnected: the game is yours in \(seconds)s unless they return"
            }
            if game.pendingMove != nil { return "Sending your move…" }
            if game.isMyTurn(userID: me) {
                return "Your move (\(game.myMark(userID: me)?.rawValue ?? "?"))"
            }
            if game.myMark(userID: me) == nil { return "Watching" }
            return "\(opponentName) to move…"
        case .completed, .abandoned:
            return resultLine(dto)
        }
    }

    private func turnStyle() -> Style {
        if game.isFinished { return Style(.win, bold: true) }
        return game.isMyTurn(userID: me) ? .accent : .text
    }

    private func resultLine(_ dto: GameDTO) -> String {
        let reason = dto.endReason
        guard let winner = dto.winnerID else {
            return reason == "abandon" || dto.status == .abandoned ? "Game abandoned." : "Draw."
        }
        let won = winner == me
        var suffix = ""
        switch reason {
        case "resign": suffix = won ? " \(opponentName) resigned." : " You resigned."
        case "abandon": suffix = won ? " \(opponentName) left the game." : " You left the game."
        default: break
        }
        return (won ? "You won!" : "\(opponentName) won.") + suffix
    }

    private func drawBelow(layout: GameLayout, into buffer: inout ScreenBuffer) {
        var lines: [(String, Style)] = []
        if let notice = game.matchNotice, !game.isFinished { lines.append((notice, .notice)) }
        if game.isFinished, let dto = game.game {
            if dto.rated, let before = game.ratingBefore, let after = game.ratingAfter {
                let change = after - before
                let sign = change >= 0 ? "+" : ""
                lines.append(("Rating \(before) \(buffer.glyphs.arrow) \(after) (\(sign)\(change))", .accent))
            } else if !dto.rated {
                lines.append(("Unrated game.", .muted))
            }
            switch game.rematch {
            case .none: lines.append(("m: offer a rematch · q: back to the lobby", .muted))
            case .offeredByMe: lines.append(("Rematch offered. Waiting for \(opponentName)…", .notice))
            case .offeredToMe(let from): lines.append(("\(from) offers a rematch: m accept, n decline", .accent))
            case .declined(let by): lines.append(("\(by) declined the rematch.", .muted))
            }
        }
        switch game.confirmation {
        case .resign: lines.append(("Resign this game? y / n", .error))
        case .leave: lines.append(("Leave? The game keeps running. y / n", .error))
        case nil: if let message = game.message { lines.append((message, .error)) }
        }
        for (offset, line) in lines.prefix(layout.below.height).enumerated() {
            buffer.putCentered(line.0, in: layout.below, y: layout.below.y + offset, style: line.1)
        }
    }
}
