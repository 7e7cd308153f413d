import ArenaClient
import ArenaKit
import Foundation

/// The client's one update function: a pure step from state and event to the next state and the
/// effects the runtime should perform.
public func update(_ state: AppState, _ event: AppEvent) -> (AppState, [Effect]) {
    var next = state
    let effects = next.apply(event)
    return (next, effects)
}

extension AppState {
    static let noticeDuration: TimeInterval = 4

    public mutating func apply(_ event: AppEvent) -> [Effect] {
        switch event {
        case .key(let key): return handleKey(key)
        case .click(let point): return handleClick(point)
        case .resized(let newSize):
            size = newSize
            return []
        case .tick(let date):
            now = date
            return handleTick()
        case .gateway(let gatewayEvent): return handleGateway(gatewayEvent)
        case .response(let response): return handleResponse(response)
        case .terminate:
            shouldQuit = true
            return [.disconnectGateway, .quit]
        }
    }

    /// When the loop must wake without input: the earliest timer that is visible or due.
    public func nextWake() -> Date? {
        var candidates: [Date] = []
        if let notice { candidates.append(notice.expiresAt) }
        let nextSecond = Date(timeIntervalSince1970: (now.timeIntervalSince1970 + 1).rounded(.down))
        if case .reconnecting = connection { candidates.append(nextSecond) }
        if case .restarting = connection { candidates.append(nextSecond) }
        switch screen {
        case .lobby(let lobby):
            if !lobby.loading, user != nil, let due = lobby.refreshDue { candidates.append(due) }
        case .matchmaking:
            candidates.append(nextSecond)
        case .game(let game):
            if game.isActive, game.game?.disconnectDeadline != nil { candidates.append(nextSecond) }
            if let until = game.matchNoticeUntil, until > now { candidates.append(until) }
        case .leaderboard(let board):
            if let due = board.searchDueAt { candidates.append(due) }
        case .friends(let friends):
            if !friends.loading, let due = friends.refreshDue { candidates.append(due) }
        case .login, .profile:
            break
        }
        return candidates.min()
    }

    mutating func showNotice(_ text: String, isError: Bool = false) {
        notice = Notice(text: text, isError: isError, expiresAt: now.addingTimeInterval(Self.noticeDuration))
    }

    /// True while keys are text: `?` and `q` then type themselves instead of acting.
    public var isTyping: Bool {
        switch screen {
        case .login: return true
        case .lobby(let lobby):
            if case .invite = lobby.prompt { return true }
            return false
        case .matchmaking: return false
        case .game(let game): return game.focus == .chat && game.confirmation == nil
        case .leaderboard(let board): return board.tab == .search && playerCard == nil
        case .friends(let friends): return friends.adding != nil
        case .profile(let profile):
            if let panel = profile.sshKeys { return panel.focus == .field && panel.confirmRemove == nil }
            if case .field = profile.focus { return !profile.confirmLogoutEverywhere }
            return false
        }
    }

    // MARK: keys

    private mutating func handleKey(_ key: Key) -> [Effect] {
        if showHelp {
            showHelp = false
            return []
        }
        if key == .function(1) || (bindings.matches(key, .help) && (key.printable == nil || !isTyping)) {
            showHelp = true
            return []
        }
        if playerCard != nil { return playerCardKey(key) }
        switch screen {
        case .login: return loginKey(key)
        case .lobby: return lobbyKey(key)
        case .matchmaking: return matchmakingKey(key)
        case .game: return gameKey(key)
        case .leaderboard: return leaderboardKey(key)
        case .friends: return friendsKey(key)
        case .profile: return profileKey(key)
        }
    }

    private mutating func handleClick(_ point: Point) -> [Effect] {
        if showHelp {
            showHelp = false
            return []
        }
        if point.y == size.height - 1 {
            // The help line's items are buttons: a click presses the item's key.
            guard let key = HelpLineLayout.key(at: point.x, keys: keyHelp, width: size.width) else { return [] }
            return handleKey(key)
        }
        if playerCard != nil {
            playerCard = nil
            return []
        }
        switch screen {
        case .game: return gameClick(point)
        case .lobby: return lobbyClick(point)
        case .login: return loginClick(point)
        case .matchmaking: return []
        case .leaderboard: return leaderboardClick(point)
        case .friends: return friendsClick(point)
        case .profile: return profileClick(point)
        }
    }

    // MARK: timers

    private mutating func handleTick() -> [Effect] {
        if let notice, notice.expiresAt <= now { self.notice = nil }
        var effects: [Effect] = []
        switch screen {
        case .lobby(var lobby):
            // The same due time `nextWake` wakes for, so the wake always finds the refresh due.
            if !lobby.loading, user != nil, let due = lobby.refreshDue, now >= due {
                lobby.loading = true
                screen = .lobby(lobby)
                effects.append(.loadLobby)
            }
        case .matchmaking(var matchmaking):
            let due = matchmaking.lastPoll.map { now.timeIntervalSince($0) >= MatchmakingState.pollInterval } ?? true
            if due, !matchmaking.leaving {
                matchmaking.lastPoll = now
                screen = .matchmaking(matchmaking)
                effects.append(.pollQueue)
            }
        case .leaderboard:
            effects += leaderboardTick()
        case .friends(var friends):
            // Not while an action is on its way: its answer reloads the list anyway.
            if !friends.loading, !friends.busy, let due = friends.refreshDue, now >= due {
                friends.loading = true
                screen = .friends(friends)
                effects.append(.loadFriends)
            }
        case .login, .game, .profile:
            break
        }
        return effects
    }

    // MARK: gateway

    private mutating func handleGateway(_ event: GatewayEvent) -> [Effect] {
        guard user != nil else { return [] }
        switch event {
        case .connecting:
            if case .reconnecting = connection { return [] }
            if case .restarting = connection { return [] }
            if connection != .online { connection = .connecting }
            return []
        case .connected:
            connection = .online
            switch screen {
            case .game(let game):
                // Resume: the join's ack carries the full snapshot, whatever was missed, and the
                // chat history brings back messages sent while the socket was down.
                return [
                    .send(ClientEnvelope(id: nextRequestID("j"), message: .joinGame(gameID: game.gameID))),
                    .loadChat(gameID: game.gameID),
                ]
            case .matchmaking:
                return [.pollQueue]
            case .lobby(var lobby):
                lobby.loading = true
                screen = .lobby(lobby)
                return [.loadLobby]
            case .login, .leaderboard, .friends, .profile:
                return []
            }
        case .serverRestarting(let retryIn):
            connection = .restarting(retryAt: now.addingTimeInterval(retryIn.timeInterval))
            if var game = gameState, game.pendingMove != nil {
                game.pendingMove = nil
                game.message = "The server restarted before the move was confirmed."
                gameState = game
            }
            return []
        case .disconnected(let reason, let retryIn):
            connection = .reconnecting(reason: reason, retryAt: now.addingTimeInterval(retryIn.timeInterval))
            if var game = gameState, game.pendingMove != nil {
                game.pendingMove = nil
                game.message = "Connection lost before the move was confirmed."
                gameState = game
            }
            return []
        case .stopped(let reason):
            connection = .stopped(reason: reason)
            user = nil
            playerCard = nil
            var login = LoginState()
            login.formError = reason
            screen = .login(login)
            return []
        case .message(let message):
            return handleServer(message)
        }
    }

    var gameState: GameScreenState? {
        get {
            if case .game(let game) = screen { return game }
            return nil
        }
        set {
            if let newValue, case .game = screen { screen = .game(newValue) }
        }
    }

    // MARK: responses

    private mutating func handleResponse(_ response: Response) -> [Effect] {
        switch response {
        case .authenticated(let result): return loginFinished(result)
        case .resumed(let result): return sessionResumed(result)
        case .lobbyLoaded(let result): return lobbyLoaded(result)
        case .gameCreated(let result), .gameJoined(let result):
            switch result {
            case .success(let game): return openGame(game.id, game: game)
            case .failure(let error):
                if error == .sessionExpired { return sessionEnded(error.message) }
                if case .lobby(var lobby) = screen {
                    lobby.busy = false
                    lobby.report(error.message)
                    lobby.loading = true
                    screen = .lobby(lobby)
                    return [.loadLobby]
                }
                showNotice(error.message, isError: true)
                return []
            }
        case .gameFetched(let result):
            if case .success(let game) = result { return applyGame(game) }
            return []
        case .gameDeleted(let gameID, let result):
            if case .failure(let error) = result {
                if var game = gameState, game.gameID == gameID {
                    game.message = error.message
                    gameState = game
                } else {
                    showNotice(error.message, isError: true)
                }
            }
            if case .lobby(var lobby) = screen {
                lobby.loading = true
                screen = .lobby(lobby)
                return [.loadLobby]
            }
            return []
        case .queued(let result), .queueStatus(let result):
            return matchmakingStatus(result)
        case .queueLeft:
            return []
        case .playerLoaded(let result):
            guard case .success(let player) = result, var game = gameState, game.opponent?.id == player.id else {
                return []
            }
            game.opponent?.rating = player.eloRating
            gameState = game
            return []
        case .profileLoaded(let result):
            guard case .success(let profile) = result else { return [] }
            user = profile
            if var game = gameState, game.isFinished {
                game.ratingAfter = profile.eloRating
                gameState = game
            }
            if case .profile(var form) = screen, !form.loaded {
                form.adopt(profile)
                screen = .profile(form)
            }
            return []
        case .loggedOut:
            user = nil
            connection = .offline
            playerCard = nil
            var login = LoginState()
            login.info = "Logged out."
            screen = .login(login)
            return []
        case .profileSaved(let result):
            return profileSaved(result, passwordChange: false)
        case .sshKeysLoaded(let result):
            return sshKeysLoaded(result)
        case .sshKeyLinked(let result):
            return sshKeyLinked(result)
        case .sshKeyUnlinked(let id, let result):
            return sshKeyUnlinked(id: id, result)
        case .passwordChanged(let result):
            return profileSaved(result, passwordChange: true)
        case .leaderboardLoaded(let board, let offset, let result):
            return leaderboardLoaded(board, offset: offset, result)
        case .statsLoaded(let userID, let result):
            return statsLoaded(userID: userID, result)
        case .friendsLoaded(let result):
            return friendsLoaded(result)
        case .friendDone(let action, let result):
            return friendDone(action, result)
        case .chatLoaded(let gameID, let result):
            return chatLoaded(gameID: gameID, result)
        case .notSent(let requestID):
            // The move is the one request sent without an id.
            if var game = gameState, game.pendingMove != nil, requestID == nil {
                game.pendingMove = nil
                game.message = "Not connected: the move was not sent."
                gameState = game
            } else {
                showNotice("Not connected: wait for the reconnect.", isError: true)
            }
            return []
        }
    }

    mutating func sessionEnded(_ reason: String) -> [Effect] {
        user = nil
        playerCard = nil
        connection = .offline
        var login = LoginState()
        login.formError = reason
        screen = .login(login)
        return [.disconnectGateway]
    }
}

extension Duration {
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
