import ArenaClient
import ArenaKit

extension AppState {
    mutating func lobbyKey(_ key: Key) -> [Effect] {
        guard case .lobby(var lobby) = screen else { return [] }
        defer { if case .lobby = screen { screen = .lobby(lobby) } }
        if let prompt = lobby.prompt {
            return lobbyPromptKey(key, prompt: prompt, lobby: &lobby)
        }
        let actions: [Action] = [
            .moveUp, .moveDown, .first, .last, .select, .newGame, .invite, .matchmaking, .bot, .cancelGame,
            .refresh, .leaderboard, .friends, .profile, .watch, .quit,
        ]
        switch bindings.action(for: key, among: actions) {
        case .moveUp:
            lobby.selection = max(0, lobby.selection - 1)
        case .moveDown:
            lobby.selection = min(max(0, lobby.entries.count - 1), lobby.selection + 1)
        case .first:
            lobby.selection = 0
        case .last:
            lobby.selection = max(0, lobby.entries.count - 1)
        case .select:
            guard let entry = lobby.selectedEntry, !lobby.busy else { return [] }
            switch entry.kind {
            case .mine:
                screen = .lobby(lobby)
                return openGame(entry.game.id, game: entry.game)
            case .live:
                screen = .lobby(lobby)
                return openGame(entry.game.id, game: entry.game, spectating: true)
            case .invite, .open:
                lobby.busy = true
                lobby.message = "Joining…"
                return [.joinGame(id: entry.game.id)]
            }
        case .watch:
            if let entry = lobby.selectedEntry, entry.kind == .live {
                screen = .lobby(lobby)
                return openGame(entry.game.id, game: entry.game, spectating: true)
            }
            if let first = lobby.entries.firstIndex(where: { $0.kind == .live }) {
                lobby.selection = first
                lobby.message = "Live games: press Enter to watch the selected one."
            } else {
                lobby.message = "No games are being played right now."
            }
        case .newGame:
            guard !lobby.busy else { return [] }
            lobby.busy = true
            lobby.message = "Opening a game…"
            return [.createGame(opponent: nil, bot: nil)]
        case .invite:
            lobby.prompt = .invite("")
        case .bot:
            lobby.prompt = .bot
        case .matchmaking:
            screen = .matchmaking(MatchmakingState(startedAt: now))
            return [.enqueue]
        case .cancelGame:
            guard let entry = lobby.selectedEntry, entry.kind == .mine, entry.game.status == .waiting else {
                lobby.message = "Select one of your waiting games to cancel it."
                return []
            }
            lobby.message = "Cancelling…"
            return [.deleteGame(id: entry.game.id)]
        case .refresh:
            lobby.loading = true
            return [.loadLobby]
        case .leaderboard:
            return openLeaderboard()
        case .friends:
            return openFriends()
        case .profile:
            return openProfile()
        case .quit:
            shouldQuit = true
            return [.disconnectGateway, .quit]
        default:
            // Esc leaves every other screen for this one: pressed once too often it must not
            // end the session (the lobby quits only on its quit key).
            if key == .escape { lobby.message = "Press \(bindings.label(.quit)) to quit." }
        }
        return []
    }

    private mutating func lobbyPromptKey(_ key: Key, prompt: LobbyState.Prompt, lobby: inout LobbyState) -> [Effect] {
        switch prompt {
        case .bot:
            switch bindings.action(for: key, among: [.botEasy, .botHard, .back]) {
            case .botEasy:
                lobby.prompt = nil
                lobby.busy = true
                lobby.message = "Starting a game against the easy bot…"
                return [.createGame(opponent: nil, bot: "easy")]
            case .botHard:
                lobby.prompt = nil
                lobby.busy = true
                lobby.message = "Starting a game against the hard bot…"
                return [.createGame(opponent: nil, bot: "hard")]
            case .back:
                lobby.prompt = nil
            default:
                break
            }
        case .invite(let name):
            switch UsernamePrompt.handle(
                key, text: name, ownName: user?.username, selfRefusal: "You cannot invite yourself.")
            {
            case .cancelled:
                lobby.prompt = nil
                lobby.message = nil
            case .refused(let problem):
                lobby.message = problem
            case .submitted(let username):
                lobby.prompt = nil
                lobby.busy = true
                lobby.message = "Inviting \(username)…"
                return [.createGame(opponent: username, bot: nil)]
            case .editing(let text):
                lobby.prompt = .invite(text)
                lobby.message = nil
            }
        }
        return []
    }

    mutating func lobbyClick(_ point: Point) -> [Effect] {
        guard case .lobby(var lobby) = screen else { return [] }
        let layout = LobbyLayout(size: size)
        if let pane = layout.friendsPane, pane.contains(point) { return openFriends() }
        if let action = layout.shortcut(at: point, bindings: bindings), let key = bindings.primaryKey(action) {
            return lobbyKey(key)
        }
        guard let row = layout.entryIndex(at: point, lobby: lobby) else { return [] }
        let again = row == lobby.selection
        lobby.selection = row
        screen = .lobby(lobby)
        return again ? lobbyKey(.enter) : []
    }

    mutating func lobbyLoaded(_ result: Result<LobbyData, ArenaClientError>) -> [Effect] {
        guard case .lobby(var lobby) = screen else { return [] }
        lobby.loading = false
        lobby.loadedAt = now
        switch result {
        case .success(let data):
            lobby.adopt(data, userID: user?.id)
            if !lobby.busy, !lobby.messageOutlivesLoad { lobby.message = nil }
            lobby.messageOutlivesLoad = false
        case .failure(let error):
            if error == .sessionExpired { return sessionEnded(error.message) }
            lobby.message = error.message
        }
        screen = .lobby(lobby)
        return []
    }
}
