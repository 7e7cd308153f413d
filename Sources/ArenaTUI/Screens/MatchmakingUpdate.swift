import ArenaClient
import ArenaKit

extension AppState {
    mutating func matchmakingKey(_ key: Key) -> [Effect] {
        guard case .matchmaking = screen else { return [] }
        guard bindings.matches(key, .back) else { return [] }
        return [.leaveQueue] + backToLobby(message: "Left the queue.")
    }

    mutating func matchmakingStatus(_ result: Result<MatchmakingStatusDTO, ArenaClientError>) -> [Effect] {
        guard case .matchmaking(var matchmaking) = screen else { return [] }
        switch result {
        case .success(let status):
            if status.status == .matched, let gameID = status.gameID {
                return openGame(gameID, game: nil, notice: "Match found!")
            }
            matchmaking.status = status
            matchmaking.message = nil
            screen = .matchmaking(matchmaking)
        case .failure(let error):
            if error == .sessionExpired { return sessionEnded(error.message) }
            if matchmaking.status == nil {
                var lobby = LobbyState()
                lobby.loading = true
                lobby.report(error.message)
                screen = .lobby(lobby)
                return [.loadLobby]
            }
            matchmaking.message = error.message
            screen = .matchmaking(matchmaking)
        }
        return []
    }
}
