import Foundation

/// Draws the whole screen for a state. Pure: the same state always gives the same cells.
public func render(_ state: AppState, into buffer: inout ScreenBuffer) {
    buffer.cursor = nil
    buffer.fill(buffer.bounds)
    guard buffer.width >= 20, buffer.height >= 6 else {
        buffer.put("Window too small", x: 0, y: 0, style: .error)
        return
    }
    drawTitleBar(state, into: &buffer)
    switch state.screen {
    case .login(let login): LoginView(state: state, login: login).render(into: &buffer)
    case .lobby(let lobby): LobbyView(state: state, lobby: lobby).render(into: &buffer)
    case .matchmaking(let matchmaking): MatchmakingView(state: state, matchmaking: matchmaking).render(into: &buffer)
    case .game(let game): GameView(state: state, game: game).render(into: &buffer)
    case .leaderboard(let board): LeaderboardView(state: state, board: board).render(into: &buffer)
    case .friends(let friends): FriendsView(state: state, friends: friends).render(into: &buffer)
    case .profile(let profile): ProfileView(state: state, profile: profile).render(into: &buffer)
    }
    if let card = state.playerCard {
        buffer.cursor = nil
        PlayerCardView(card: card, me: state.user?.id).render(into: &buffer)
    }
    drawStatusLine(state, into: &buffer)
    buffer.drawHelpLine(state.keyHelp, y: buffer.height - 1)
    if state.showHelp { buffer.drawHelpOverlay(state.keyHelp, screenName: state.screen.name) }
}

/// Renders into a fresh buffer of the state's size.
public func render(_ state: AppState) -> ScreenBuffer {
    var buffer = ScreenBuffer(width: state.size.width, height: state.size.height, glyphs: state.glyphs)
    render(state, into: &buffer)
    return buffer
}

private func drawTitleBar(_ state: AppState, into buffer: inout ScreenBuffer) {
    buffer.fill(Rect(x: 0, y: 0, width: buffer.width, height: 1), with: Cell(" ", style: .title))
    buffer.put(" TicTacToe Arena\(buffer.glyphs.separator)\(state.screen.name)", x: 0, y: 0, style: .title)
    var right = ""
    if let user = state.user {
        right = "\(user.username) (\(user.eloRating))  "
        switch state.connection {
        case .online: right += "\(buffer.glyphs.bullet) online"
        case .connecting: right += "connecting…"
        case .reconnecting: right += "offline"
        case .restarting: right += "reconnecting…"
        case .stopped: right += "disconnected"
        case .offline: right += ""
        }
    } else {
        right = state.serverName
    }
    let x = max(0, buffer.width - right.count - 1)
    buffer.put(right, x: x, y: 0, style: Style(.title, bold: state.connection.isOnline))
}

private func drawStatusLine(_ state: AppState, into buffer: inout ScreenBuffer) {
    let y = buffer.height - 2
    let area = Rect(x: 0, y: y, width: buffer.width, height: 1)
    if state.user != nil {
        switch state.connection {
        case .reconnecting(let reason, let retryAt):
            let seconds = max(0, Int(retryAt.timeIntervalSince(state.now).rounded(.up)))
            let retry = seconds > 0 ? "reconnecting in \(seconds)s" : "reconnecting…"
            buffer.fill(area, with: Cell(" ", style: .error))
            buffer.putCentered("Connection lost (\(reason)): \(retry)", in: area, y: y, style: .error)
            return
        case .stopped(let reason):
            buffer.fill(area, with: Cell(" ", style: .error))
            buffer.putCentered(reason, in: area, y: y, style: .error)
            return
        case .restarting:
            buffer.putCentered("The server is restarting: back in a moment…", in: area, y: y, style: .notice)
            return
        case .online, .connecting, .offline:
            break
        }
    }
    if let notice = state.notice {
        buffer.putCentered(notice.text, in: area, y: y, style: notice.isError ? .error : .notice)
    }
}
