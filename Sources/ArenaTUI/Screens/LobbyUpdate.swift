import ArenaClient
import ArenaKit

extension AppState {
    mutating func lobbyKey(_ key: Key) -> [Effect] {
        guard case .lobby(var lobby) = screen else { return [] }
        defer { if case .lobby = screen { screen = .lobby(lobby) } }
        if let prompt = lobby.prompt {
            return lobbyPromptKey(key, prompt: prompt, lobby: &lobby)
        }
        switch key {
        case .up, .character("k"):
            lobby.selection = max(0, lobby.selection - 1)
        case .down, .character("j"):
            lobby.selection = min(max(0, lobby.entries.count - 1), lobby.selection + 1)
        case .home:
            lobby.selection = 0
        case .end:
            lobby.selection = max(0, lobby.entries.count - 1)
        case .enter:
            guard let entry = lobby.selectedEntry, !lobby.busy else { return [] }
            switch entry.kind {
            case .mine:
                screen = .lobby(lobby)
                return openGame(entry.game.id, game: entry.game)
            case .invite, .open:
                lobby.busy = true
                lobby.message = "Joining…"
                return [.joinGame(id: entry.game.id)]
            }
        case .character("n"):
            guard !lobby.busy else { return [] }
            lobby.busy = true
            lobby.message = "Opening a game…"
            return [.createGame(opponent: nil, bot: nil)]
        case .character("i"):
            lobby.prompt = .invite("")
        case .character("b"):
            lobby.prompt = .bot
        case .character("m"):
            screen = .matchmaking(MatchmakingState(startedAt: now))
            return [.enqueue]
        case .character("x"):
            guard let entry = lobby.selectedEntry, entry.kind == .mine, entry.game.status == .waiting else {
                lobby.message = "Select one of your waiting games to cancel it."
                return []
            }
            lobby.message = "Cancelling…"
            return [.deleteGame(id: entry.game.id)]
        case .character("r"):
            lobby.loading = true
            return [.loadLobby]
        case .character("q"), .escape:
            shouldQuit = true
            return [.disconnectGateway, .quit]
        default:
            break
        }
        return []
    }

    private mutating func lobbyPromptKey(_ key: Key, prompt: LobbyState.Prompt, lobby: inout LobbyState) -> [Effect] {
        switch prompt {
        case .bot:
            switch key {
            case .character("e"), .character("1"):
                lobby.prompt = nil
                lobby.busy = true
                lobby.message = "Starting a game against the easy bot…"
                return [.createGame(opponent: nil, bot: "easy")]
            case .character("h"), .character("2"):
                lobby.prompt = nil
                lobby.busy = true
                lobby.message = "Starting a game against the hard bot…"
                return [.createGame(opponent: nil, bot: "hard")]
            case .escape, .character("q"):
                lobby.prompt = nil
            default:
                break
            }
        case .invite(var name):
            switch key {
            case .escape:
                lobby.prompt = nil
                lobby.message = nil
                return []
            case .backspace:
                if !name.isEmpty { name.removeLast() }
            case .control("u"):
                name = ""
            case .enter:
                let trimmed = name.trimmingCharacters(in: .whitespaces)
                if let problem = Validation.usernameProblem(trimmed) {
                    lobby.message = problem
                    return []
                }
                if trimmed.lowercased() == user?.username.lowercased() {
                    lobby.message = "You cannot invite yourself."
                    return []
                }
                lobby.prompt = nil
                lobby.busy = true
                lobby.message = "Inviting \(trimmed)…"
                return [.createGame(opponent: trimmed, bot: nil)]
            case .character(let character):
                if name.count < Validation.usernameLength.upperBound { name.append(character) }
            default:
                break
            }
            lobby.prompt = .invite(name)
            if lobby.message != nil, key != .enter { lobby.message = nil }
        }
        return []
    }

    mutating func lobbyClick(_ point: Point) -> [Effect] {
        guard case .lobby(var lobby) = screen else { return [] }
        let layout = LobbyLayout(size: size)
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
            if !lobby.busy { lobby.message = nil }
        case .failure(let error):
            if error == .sessionExpired { return sessionEnded(error.message) }
            lobby.message = error.message
        }
        screen = .lobby(lobby)
        return []
    }
}
