import ArenaClient
import ArenaKit
import Foundation

/// Says what changed between two states in plain sentences, one line per event: the text a
/// screen reader reads in plain mode ("bob played B2. Your move.").
enum PlainNarrator {
    static func lines(before: AppState, after: AppState, event: AppEvent?) -> [String] {
        var lines: [String] = []
        session(before, after, &lines)
        if let line = connection(before.connection, after.connection, user: after.user) { lines.append(line) }
        if let notice = after.notice, notice != before.notice, !notice.text.hasSuffix("…") {
            lines.append(notice.text)
        }
        matchmaking(before, after, &lines)
        lobby(before, after, &lines)
        game(before, after, &lines)
        if before.gameState != nil, after.gameState == nil, case .lobby = after.screen {
            lines.append("Back in the lobby. Type lobby to list the games.")
        }
        return lines
    }

    private static func session(_ before: AppState, _ after: AppState, _ lines: inout [String]) {
        if before.user == nil, let user = after.user {
            lines.append(
                "Logged in as \(user.username), rating \(user.eloRating). Type lobby to see the games, or help.")
            return
        }
        if case .login(let form) = after.screen {
            if before.user != nil {
                lines.append(form.formError ?? form.info ?? "Logged out.")
                return
            }
            if case .login(let old) = before.screen, old.busy, !form.busy {
                let problems = form.fields.compactMap { form.fieldErrors[$0] }
                lines.append(([form.formError].compactMap { $0 } + problems).joined(separator: " "))
            }
        }
    }

    private static func connection(_ before: ConnectionStatus, _ after: ConnectionStatus, user: UserDTO?) -> String? {
        guard user != nil, before != after else { return nil }
        switch (before, after) {
        case (.online, .reconnecting(let reason, _)): return "Connection lost (\(reason)). Reconnecting…"
        case (.reconnecting, .online), (.restarting, .online): return "Reconnected."
        case (.online, .restarting): return "The server is restarting. Reconnecting…"
        default: return nil
        }
    }

    private static func matchmaking(_ before: AppState, _ after: AppState, _ lines: inout [String]) {
        guard case .matchmaking(let now) = after.screen else { return }
        guard case .matchmaking(let old) = before.screen else {
            lines.append("Looking for an opponent of your level. Type cancel to stop.")
            return
        }
        if let range = now.status?.eloRange, range != old.status?.eloRange {
            let queued = now.status?.playersQueued.map { ", \($0) in the queue" } ?? ""
            lines.append("Searching ratings \(range.min) to \(range.max)\(queued).")
        }
        if let message = now.message, message != old.message { lines.append(message) }
    }

    private static func lobby(_ before: AppState, _ after: AppState, _ lines: inout [String]) {
        guard case .lobby(let now) = after.screen else { return }
        let old: LobbyState? = if case .lobby(let lobby) = before.screen { lobby } else { nil }
        if let message = now.message, message != old?.message, !message.hasSuffix("…") { lines.append(message) }
        guard let old, old.loadedAt != nil else { return }
        let known = Set(old.entries.filter { $0.kind == .invite }.map(\.game.id))
        for (index, entry) in now.entries.enumerated() where entry.kind == .invite && !known.contains(entry.game.id) {
            lines.append("\(entry.game.player1Username ?? "Someone") invites you to a game: type join \(index + 1).")
        }
    }

    // MARK: the game

    private static func game(_ before: AppState, _ after: AppState, _ lines: inout [String]) {
        guard let now = after.gameState else { return }
        let me = after.user?.id
        let old = before.gameState.flatMap { $0.gameID == now.gameID ? $0 : nil }
        if old == nil, let notice = now.matchNotice { lines.append(notice) }
        guard let dto = now.game else { return }
        guard let oldGame = old?.game else {
            lines.append(opening(now, dto, me: me))
            return
        }
        if oldGame.status == .waiting, dto.status == .active, !now.spectating {
            let other = now.opponentFromGame(userID: me).username ?? dto.bot.map { "The \($0) bot" } ?? "Someone"
            lines.append(
                "\(other) joined. You play \(now.myMark(userID: me)?.rawValue ?? "?"). \(turn(now, dto, me: me))")
        } else if dto.version > oldGame.version || dto.board != oldGame.board {
            var sentence: [String] = []
            for position in 0..<9 where oldGame.board[position].isEmpty && !dto.board[position].isEmpty {
                let who = name(of: dto.board[position] == "X" ? dto.player1ID : dto.player2ID, in: dto, me: me)
                sentence.append("\(who) played \(Coordinates.name(position)).")
            }
            let finished = now.isFinished && !(old?.isFinished ?? false)
            if finished {
                sentence.append(result(now, dto, me: me))
            } else if dto.status == .active, !sentence.isEmpty {
                sentence.append(turn(now, dto, me: me))
            }
            if dto.disconnectDeadline != nil, oldGame.disconnectDeadline == nil, dto.status == .active {
                sentence.append("Your opponent disconnected: the game is yours if they do not come back in time.")
            }
            if !sentence.isEmpty { lines.append(sentence.joined(separator: " ")) }
        }
        if let message = now.message, message != old?.message, !message.hasSuffix("…") { lines.append(message) }
        chat(old?.chat ?? [], now.chat, &lines)
        if now.rematch != old?.rematch {
            switch now.rematch {
            case .offeredToMe(let from):
                lines.append("\(from) offers a rematch: type rematch to accept or decline to refuse.")
            case .declined(let by): lines.append("\(by) declined the rematch.")
            case .offeredByMe: lines.append("Rematch offered. Waiting for an answer.")
            case .expired: lines.append("The rematch offer expired.")
            case .none: break
            }
        }
    }

    private static func chat(
        _ old: [GameScreenState.ChatLine], _ now: [GameScreenState.ChatLine], _ lines: inout [String]
    ) {
        var seen: [String: Int] = [:]
        for line in old { seen["\(line.from)\u{0}\(line.text)", default: 0] += 1 }
        for line in now {
            let key = "\(line.from)\u{0}\(line.text)"
            if let count = seen[key], count > 0 {
                seen[key] = count - 1
                continue
            }
            if !line.mine { lines.append("\(line.from) says: \(line.text)") }
        }
    }

    private static func opening(_ game: GameScreenState, _ dto: GameDTO, me: String?) -> String {
        let x = dto.player1Username ?? "?"
        let o = dto.player2Username ?? dto.bot.map { "the \($0) bot" } ?? "nobody yet"
        let marks = dto.board.enumerated().filter { !$0.element.isEmpty }
            .map { "\($0.element) on \(Coordinates.name($0.offset))" }
        let position = marks.isEmpty ? "" : " Board: " + marks.joined(separator: ", ") + "."
        if game.spectating {
            let state = game.isFinished ? result(game, dto, me: me) : turn(game, dto, me: me)
            return "Watching \(x) (X) against \(o) (O).\(position) \(state) Type leave to stop watching."
        }
        switch dto.status {
        case .waiting:
            return dto.invitedID != nil
                ? "Invite sent. Waiting for your opponent to join." : "Game open. Waiting for an opponent to join."
        case .active:
            let other = game.opponentFromGame(userID: me).username ?? dto.bot.map { "the \($0) bot" } ?? "?"
            let mark = game.myMark(userID: me)?.rawValue ?? "?"
            return "Game against \(other): you play \(mark).\(position) \(turn(game, dto, me: me))"
        case .completed, .abandoned:
            return "This game is over.\(position) \(result(game, dto, me: me))"
        }
    }

    private static func turn(_ game: GameScreenState, _ dto: GameDTO, me: String?) -> String {
        if game.isMyTurn(userID: me), !game.spectating { return "Your move." }
        return "\(name(of: dto.currentPlayerID, in: dto, me: me)) to move."
    }

    private static func result(_ game: GameScreenState, _ dto: GameDTO, me: String?) -> String {
        var text: String
        if let winner = dto.winnerID {
            text = winner == me ? "You won!" : "\(name(of: winner, in: dto, me: me)) won."
            if dto.endReason == "resign" { text += winner == me ? " Your opponent resigned." : " By resignation." }
            if dto.endReason == "abandon" { text += " The other player left." }
        } else {
            text =
                dto.endReason == "expired"
                ? "Nobody joined in time: the game has closed."
                : dto.status == .abandoned ? "Game abandoned." : "Draw."
        }
        if let change = game.ratingChange(userID: me) {
            let delta = change.after - change.before
            text += " Rating \(change.before) to \(change.after) (\(delta >= 0 ? "+" : "")\(delta))."
        } else if !dto.rated, !game.spectating {
            text += " Unrated game."
        }
        if !game.spectating { text += " Type rematch, or leave." }
        return text
    }

    static func name(of playerID: String?, in dto: GameDTO, me: String?) -> String {
        guard let playerID else { return dto.bot.map { "The \($0) bot" } ?? "?" }
        if playerID == me { return "You" }
        if playerID == dto.player1ID { return dto.player1Username ?? "X" }
        return dto.player2Username ?? dto.bot.map { "The \($0) bot" } ?? "O"
    }

    // MARK: listings

    static func boardLines(_ game: GameScreenState, me: String?) -> [String] {
        guard let dto = game.game else { return ["The game is loading."] }
        var lines: [String] = []
        for row in 0..<3 {
            let cells = (0..<3).map { column -> String in
                let position = row * 3 + column
                let mark = dto.board.indices.contains(position) ? dto.board[position] : ""
                return "\(Coordinates.name(position)) \(mark.isEmpty ? "empty" : mark)"
            }
            lines.append("Row \(row + 1): " + cells.joined(separator: ", ") + ".")
        }
        if game.isFinished {
            lines.append(result(game, dto, me: me))
        } else if dto.status == .active {
            lines.append(turn(game, dto, me: me))
        }
        return lines
    }

    static func describe(_ entry: LobbyState.Entry, me: String?) -> String {
        let game = entry.game
        switch entry.kind {
        case .mine:
            let other = game.player1ID == me ? game.player2Username : game.player1Username
            switch game.status {
            case .waiting:
                return game.invitedID != nil
                    ? "Your invite\(other.map { " to \($0)" } ?? ""), waiting"
                    : "Your open game, waiting for an opponent"
            case .active:
                let name = other ?? game.bot.map { "the \($0) bot" } ?? "?"
                return "Your game against \(name), \(game.currentPlayerID == me ? "your move" : "their move")"
            case .completed, .abandoned:
                return "Your finished game against \(other ?? "?")"
            }
        case .invite:
            return "\(game.player1Username ?? "Someone") invites you"
        case .open:
            return "\(game.player1Username ?? "Someone")'s open game"
        case .live:
            let o = game.player2Username ?? game.bot.map { "the \($0) bot" } ?? "?"
            return "Live: \(game.player1Username ?? "?") against \(o), move \(game.movesCount + 1)"
        }
    }

    static func lobbyLines(_ lobby: LobbyState, me: String?) -> [String] {
        var lines: [String] = []
        if lobby.entries.isEmpty {
            lines.append("No games right now. Type new, invite NAME, queue, or bot easy.")
        } else {
            lines.append("\(lobby.entries.count) game\(lobby.entries.count == 1 ? "" : "s"):")
            for (index, entry) in lobby.entries.enumerated() {
                let verb = entry.kind == .live ? "watch" : "join"
                lines.append("\(index + 1). \(describe(entry, me: me)). Type \(verb) \(index + 1).")
            }
        }
        if let friends = lobby.friends {
            let online = friends.friends.filter(\.online).map(\.user.username)
            if !online.isEmpty { lines.append("Friends online: \(online.joined(separator: ", ")).") }
            if !friends.incoming.isEmpty {
                let names = friends.incoming.map(\.user.username).joined(separator: ", ")
                lines.append("Friend requests from \(names): type friend accept NAME.")
            }
        }
        return lines
    }

    static func leaderboardLines(_ page: LeaderboardPageDTO, board: LeaderboardBoard, me: String?) -> [String] {
        let title: String
        switch board {
        case .global: title = "Leaderboard"
        case .friends: title = "Friends leaderboard"
        case .search(let text): title = "Players starting with \(text)"
        case .around: title = "Leaderboard around you"
        }
        guard !page.entries.isEmpty else { return ["\(title): nobody here."] }
        let first = page.entries.first?.rank ?? 1
        let last = page.entries.last?.rank ?? first
        var lines = ["\(title), \(first) to \(last) of \(page.total):"]
        for entry in page.entries {
            let you = entry.userID == me ? " (you)" : ""
            lines.append(
                "\(entry.rank). \(entry.username)\(you), rating \(entry.eloRating), \(entry.gamesWon) won, \(entry.gamesLost) lost, \(entry.gamesDrawn) drawn."
            )
        }
        return lines
    }

    static func statsLines(_ stats: PlayerStatsDTO) -> [String] {
        let user = stats.user
        let rank = stats.rank.map { "rank \($0)" } ?? "not ranked yet"
        var lines = [
            "\(user.username): rating \(user.eloRating), \(rank). \(user.gamesWon) won, \(user.gamesLost) lost, \(user.gamesDrawn) drawn, win rate \(Int((stats.winRate * 100).rounded())) percent, best streak \(stats.bestStreak)."
        ]
        for result in stats.recentResults.prefix(5) {
            let sign = result.eloChange >= 0 ? "+" : ""
            lines.append(
                "\(result.result) against \(result.opponentUsername ?? "?"), rating \(result.eloBefore) to \(result.eloAfter) (\(sign)\(result.eloChange))."
            )
        }
        return lines
    }

    static func friendLines(_ list: FriendListDTO) -> [String] {
        var lines: [String] = []
        if list.friends.isEmpty { lines.append("No friends yet. Type friend add NAME.") }
        for friend in list.friends {
            lines.append(
                "\(friend.user.username), rating \(friend.user.eloRating), \(friend.online ? "online" : "offline").")
        }
        for request in list.incoming {
            lines.append(
                "\(request.user.username) asks to be friends: friend accept \(request.user.username) or friend decline \(request.user.username)."
            )
        }
        for request in list.outgoing {
            lines.append("You asked \(request.user.username); waiting for an answer.")
        }
        return lines
    }

    static func profileLines(_ user: UserDTO) -> [String] {
        [
            "\(user.username), \(user.role), rating \(user.eloRating), \(user.gamesPlayed) games.",
            "Full name: \(user.fullName.flatMap { $0.isEmpty ? nil : $0 } ?? "not set"). Email: \(user.email ?? "not set"). Avatar: \(user.avatarURL.flatMap { $0.isEmpty ? nil : $0 } ?? "not set").",
        ]
    }
}
