import ArenaKit
import Foundation

struct GameView {
    var state: AppState
    var game: GameScreenState

    private var me: String? { state.user?.id }

    func render(into buffer: inout ScreenBuffer) {
        let layout = GameLayout(size: buffer.size)
        drawPlayers(layout: layout, into: &buffer)
        buffer.putCentered(
            turnLine(width: layout.info.width), in: layout.info, y: layout.info.y + 1, style: turnStyle())
        let board = game.game?.board ?? Array(repeating: "", count: 9)
        let showCursor = game.focus == .board && !game.spectating && (game.isActive || game.game == nil)
        BoardView(
            board: board, cursor: showCursor ? game.cursor : nil, winningLine: Set(game.game?.winningLine ?? []),
            pending: game.pendingMove?.position, layout: layout
        ).render(into: &buffer)
        drawBelow(layout: layout, into: &buffer)
        ChatPane(
            lines: game.chat, draft: game.chatDraft, focused: game.focus == .chat, rect: layout.chat,
            readOnly: game.spectating, chatKey: state.bindings.label(.chat)
        ).render(into: &buffer)
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

    /// Name and rating; the game's own rating fields come first because after the end they hold
    /// the new ratings, which a rating fetched earlier does not.
    private func describe(id: String?, name: String?, mark: Mark) -> String {
        guard let id else { return name ?? "(waiting)" }
        let known = game.rating(of: mark)
        if id == me {
            let rating = (known ?? state.user?.eloRating).map { " \($0)" } ?? ""
            return "\(name ?? "you")\(rating) (you)"
        }
        if game.spectating {
            return "\(name ?? "?")\(known.map { " \($0)" } ?? "")"
        }
        let rating = (known ?? game.opponent?.rating).map { " \($0)" } ?? ""
        return "\(name ?? game.opponent?.username ?? "?")\(rating)"
    }

    private var opponentName: String { game.opponent?.username ?? "your opponent" }

    private func name(of playerID: String?, in dto: GameDTO) -> String {
        if playerID == dto.player1ID { return dto.player1Username ?? "X" }
        return dto.player2Username ?? dto.bot.map { "bot (\($0))" } ?? "O"
    }

    /// The line above the board, worded to fit `width` where the long form would be cut.
    private func turnLine(width: Int) -> String {
        guard let dto = game.game else { return "" }
        switch dto.status {
        case .waiting:
            if dto.invitedID != nil { return "Waiting for your invitee to join…" }
            return "Waiting for an opponent to join…"
        case .active:
            if let deadline = dto.disconnectDeadline.flatMap(Timestamp.date), dto.currentPlayerID != nil {
                let seconds = max(0, Int(deadline.timeIntervalSince(state.now).rounded(.up)))
                // The countdown is the point of the line: beside the chat (80 columns) the long form
                // would lose it to the cut.
                return Self.fitting(
                    width,
                    "\(opponentName) disconnected: the game is yours in \(seconds)s unless they return",
                    "\(opponentName) disconnected: you win in \(seconds)s",
                    "\(opponentName) away: you win in \(seconds)s")
            }
            if game.spectating {
                let mark = dto.currentPlayerID == dto.player1ID ? "X" : "O"
                return "Watching: \(name(of: dto.currentPlayerID, in: dto)) (\(mark)) to move"
            }
            if game.pendingMove != nil { return "Sending your move…" }
            if game.isMyTurn(userID: me) {
                return "Your move (\(game.myMark(userID: me)?.rawValue ?? "?"))"
            }
            if game.myMark(userID: me) == nil { return "Watching" }
            return "\(opponentName) to move…"
        case .completed, .abandoned:
            return resultLine(dto, width: width)
        }
    }

    private func turnStyle() -> Style {
        if game.isFinished { return Style(.win, bold: true) }
        return game.isMyTurn(userID: me) ? .accent : .text
    }

    private func resultLine(_ dto: GameDTO, width: Int) -> String {
        let reason = dto.endReason
        guard let winner = dto.winnerID else {
            if reason == "expired" { return "Nobody joined in time: the game has closed." }
            return reason == "abandon" || dto.status == .abandoned ? "Game abandoned." : "Draw."
        }
        // Long names would cut the reason off; each line has a shorter form that fits 42 columns.
        if game.spectating {
            let name = name(of: winner, in: dto)
            guard reason == "resign" else { return "\(name) won." }
            return Self.fitting(width, "\(name) won. The other player resigned.", "\(name) won by resignation.")
        }
        let won = winner == me
        let headline = won ? "You won!" : "\(opponentName) won."
        switch reason {
        case "resign": return headline + (won ? " \(opponentName) resigned." : " You resigned.")
        case "abandon":
            let who = won ? opponentName : "You"
            return Self.fitting(width, "\(headline) \(who) left the game.", "\(headline) \(who) left.")
        default: return headline
        }
    }

    /// The first wording that fits `width` columns, else the last (which the line then cuts).
    private static func fitting(_ width: Int, _ wordings: String...) -> String {
        wordings.first { $0.count <= width } ?? wordings.last ?? ""
    }

    private func drawBelow(layout: GameLayout, into buffer: inout ScreenBuffer) {
        var lines: [(String, Style)] = []
        if let notice = game.matchNotice, !game.isFinished, game.matchNoticeUntil.map({ $0 > state.now }) ?? true {
            lines.append((notice, .notice))
        }
        if game.spectating {
            lines.append(("Watching (read-only) · \(state.bindings.label(.quit)): lobby", .muted))
        } else if game.isFinished, let dto = game.game {
            if let change = game.ratingChange(userID: me) {
                let delta = change.after - change.before
                let sign = delta >= 0 ? "+" : ""
                let arrow = buffer.glyphs.arrow
                lines.append(("Rating \(change.before) \(arrow) \(change.after) (\(sign)\(delta))", .accent))
            } else if dto.rated, let before = game.ratingBefore, let after = game.ratingAfter {
                let change = after - before
                let sign = change >= 0 ? "+" : ""
                lines.append(("Rating \(before) \(buffer.glyphs.arrow) \(after) (\(sign)\(change))", .accent))
            } else if !dto.rated {
                lines.append(("Unrated game.", .muted))
            }
            let b = state.bindings
            switch game.rematch {
            case .none:
                lines.append(("\(b.label(.rematch)): offer a rematch · \(b.label(.quit)): back to the lobby", .muted))
            case .offeredByMe: lines.append(("Rematch offered. Waiting for \(opponentName)…", .notice))
            case .offeredToMe(let from):
                let keys = "\(b.label(.rematch)) accept, \(b.label(.declineRematch)) decline"
                lines.append(("\(from) offers a rematch: \(keys)", .accent))
            case .declined(let by): lines.append(("\(by) declined the rematch.", .muted))
            case .expired:
                lines.append(("The rematch offer expired · \(b.label(.rematch)): offer again", .muted))
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
