import ArenaClient
import ArenaKit

extension AppState {
    /// Shows a game and subscribes to it; the join's ack brings the snapshot.
    mutating func openGame(
        _ gameID: String, game: GameDTO?, opponent: GameScreenState.Opponent? = nil, notice: String? = nil,
        keepingChatFrom previous: GameScreenState? = nil, spectating: Bool = false
    ) -> [Effect] {
        var state = GameScreenState(gameID: gameID)
        state.ratingBefore = user?.eloRating
        state.opponent = opponent
        state.matchNotice = notice
        state.matchNoticeUntil = notice.map { _ in now.addingTimeInterval(GameScreenState.matchNoticeDuration) }
        state.spectating = spectating
        if let previous { state.chat = previous.chat }
        screen = .game(state)
        var effects: [Effect] = [
            .send(ClientEnvelope(id: nextRequestID("j"), message: .joinGame(gameID: gameID)))
        ]
        if previous == nil { effects.append(.loadChat(gameID: gameID)) }
        if let game { effects += applyGame(game) }
        if let id = opponent?.id, opponent?.rating == nil { effects.append(.loadPlayer(userID: id)) }
        return effects
    }

    /// Takes a snapshot from the server unless it is older than the one shown.
    mutating func applyGame(_ game: GameDTO) -> [Effect] {
        guard var state = gameState, state.gameID == game.id else {
            if case .lobby(var lobby) = screen, let index = lobby.entries.firstIndex(where: { $0.game.id == game.id }) {
                lobby.entries[index].game = game
                screen = .lobby(lobby)
            }
            return []
        }
        if let current = state.game, game.version < current.version { return [] }
        let wasFinished = state.isFinished
        let wasMyTurn = state.isMyTurn(userID: user?.id)
        state.game = game
        var effects: [Effect] = []
        if let pending = state.pendingMove, game.board.indices.contains(pending.position),
            !game.board[pending.position].isEmpty
        {
            state.pendingMove = nil
        }
        if state.isActive, state.message == "Waiting for an opponent to join." { state.message = nil }
        let other = state.opponentFromGame(userID: user?.id)
        if !state.spectating, let name = other.username ?? game.bot.map({ "bot (\($0))" }),
            state.opponent?.username != name
        {
            state.opponent = GameScreenState.Opponent(id: other.id, username: name, rating: nil)
            if let id = other.id, game.bot == nil { effects.append(.loadPlayer(userID: id)) }
        }
        if game.board.indices.contains(state.cursor), !game.board[state.cursor].isEmpty,
            let free = game.board.firstIndex(where: \.isEmpty)
        {
            state.cursor = free
        }
        if !wasFinished, state.isFinished {
            state.confirmation = nil
            state.message = nil
            if game.rated, !state.spectating {
                effects.append(.loadProfile)
                if let id = state.opponent?.id { effects.append(.loadPlayer(userID: id)) }
            }
        }
        if !wasMyTurn, state.isMyTurn(userID: user?.id), game.movesCount > 0 { effects.append(.ringBell) }
        gameState = state
        return effects
    }

    mutating func gameKey(_ key: Key) -> [Effect] {
        guard var state = gameState else { return [] }
        if let confirmation = state.confirmation {
            state.confirmation = nil
            gameState = state
            guard bindings.matches(key, .yes) else { return [] }
            switch confirmation {
            case .resign:
                state.message = "Resigning…"
                gameState = state
                return [.deleteGame(id: state.gameID)]
            case .leave:
                return leaveGame(state)
            }
        }
        if state.focus == .chat { return chatKey(key, &state) }
        state.message = nil
        var effects: [Effect] = []
        if case .character(let c) = key, ("1"..."9").contains(c), let digit = c.wholeNumberValue {
            state.cursor = digit - 1
            effects = place(at: digit - 1, &state)
            gameState = state
            return effects
        }
        let actions: [Action] = [
            .moveUp, .moveDown, .moveLeft, .moveRight, .select, .chat, .resign, .rematch, .declineRematch, .back,
        ]
        switch bindings.action(for: key, among: actions) {
        case .moveUp: state.cursor = state.cursor >= 3 ? state.cursor - 3 : state.cursor
        case .moveDown: state.cursor = state.cursor < 6 ? state.cursor + 3 : state.cursor
        case .moveLeft: state.cursor = state.cursor % 3 > 0 ? state.cursor - 1 : state.cursor
        case .moveRight: state.cursor = state.cursor % 3 < 2 ? state.cursor + 1 : state.cursor
        case .select:
            effects = place(at: state.cursor, &state)
        case .chat:
            if state.spectating {
                state.message = "Watching: only the players can chat."
            } else {
                state.focus = .chat
            }
        case .resign:
            if state.isActive, !state.spectating { state.confirmation = .resign }
        case .rematch:
            if !state.spectating { effects = rematch(accept: true, &state) }
        case .declineRematch:
            if case .offeredToMe = state.rematch { effects = rematch(accept: false, &state) }
        case .back:
            if state.isActive, !state.spectating {
                state.confirmation = .leave
            } else {
                return leaveGame(state)
            }
        default:
            break
        }
        gameState = state
        return effects
    }

    mutating func gameClick(_ point: Point) -> [Effect] {
        guard var state = gameState else { return [] }
        let layout = GameLayout(size: size)
        if let square = layout.square(at: point) {
            state.focus = .board
            state.cursor = square
            let effects = place(at: square, &state)
            gameState = state
            return effects
        }
        if layout.chat.contains(point), !state.spectating {
            state.focus = .chat
            gameState = state
        }
        return []
    }

    private mutating func place(at position: Int, _ state: inout GameScreenState) -> [Effect] {
        guard let game = state.game else { return [] }
        switch game.status {
        case .waiting:
            state.message = "Waiting for an opponent to join."
            return []
        case .completed, .abandoned:
            state.message = "The game is over."
            return []
        case .active:
            break
        }
        guard !state.spectating, state.myMark(userID: user?.id) != nil else {
            state.message = "You are watching this game."
            return []
        }
        guard state.isMyTurn(userID: user?.id) else {
            state.message = "Wait for your turn."
            return []
        }
        guard state.pendingMove == nil else { return [] }
        guard game.board.indices.contains(position), game.board[position].isEmpty else {
            state.message = "That square is taken."
            return []
        }
        guard connection.isOnline else {
            state.message = "Not connected: wait for the reconnect."
            return []
        }
        // Sent without an id: the server then writes no ack, and the room's `game_update` of this
        // move is the answer (one frame less per move; CONTRACT.md). A refusal comes back as an
        // `error` without an id, the only request this screen leaves unnumbered.
        state.pendingMove = GameScreenState.PendingMove(position: position)
        return [
            .send(
                ClientEnvelope(id: nil, message: .makeMove(gameID: game.id, position: position, expectedVersion: nil)))
        ]
    }

    private mutating func chatKey(_ key: Key, _ state: inout GameScreenState) -> [Effect] {
        var effects: [Effect] = []
        switch key {
        case .tab, .escape:
            state.focus = .board
        case .backspace:
            if !state.chatDraft.isEmpty { state.chatDraft.removeLast() }
        case .control("u"):
            state.chatDraft = ""
        case .enter:
            guard let text = Validation.sanitizedChat(state.chatDraft) else {
                state.chatDraft = ""
                break
            }
            guard connection.isOnline else {
                state.message = "Not connected: the message was not sent."
                break
            }
            let id = nextRequestID("c")
            effects.append(.send(ClientEnvelope(id: id, message: .chatMessage(gameID: state.gameID, text: text))))
            state.chat.append(
                GameScreenState.ChatLine(from: user?.username ?? "me", text: text, mine: true, pending: true))
            trimChat(&state)
            state.chatDraft = ""
        case .character(let character):
            if state.chatDraft.count < Validation.chatMaxLength { state.chatDraft.append(character) }
        default:
            break
        }
        gameState = state
        return effects
    }

    private mutating func rematch(accept: Bool, _ state: inout GameScreenState) -> [Effect] {
        guard state.isFinished, state.game?.bot == nil || accept else { return [] }
        switch state.rematch {
        case .offeredToMe:
            state.rematch = .none
            if !accept { state.message = "Rematch declined." }
            return [
                .send(
                    ClientEnvelope(
                        id: nextRequestID("r"), message: .answerRematch(gameID: state.gameID, accept: accept)))
            ]
        case .none, .declined, .expired:
            guard accept else { return [] }
            state.rematch = .offeredByMe
            return [.send(ClientEnvelope(id: nextRequestID("r"), message: .offerRematch(gameID: state.gameID)))]
        case .offeredByMe:
            return []
        }
    }

    private mutating func leaveGame(_ state: GameScreenState) -> [Effect] {
        var lobby = LobbyState()
        lobby.loading = true
        screen = .lobby(lobby)
        return [.send(ClientEnvelope(message: .leaveGame(gameID: state.gameID))), .loadLobby]
    }

    private func trimChat(_ state: inout GameScreenState) {
        if state.chat.count > GameScreenState.chatHistoryLimit {
            state.chat.removeFirst(state.chat.count - GameScreenState.chatHistoryLimit)
        }
    }

    // MARK: server messages

    mutating func handleServer(_ message: ServerMessage) -> [Effect] {
        switch message {
        case .gameUpdate(let game):
            return applyGame(game)
        case .ack(_, let game):
            if let game { return applyGame(game) }
            return []
        case .error(let id, let code, let text):
            if var state = gameState {
                if id == nil, state.pendingMove != nil {
                    state.pendingMove = nil
                    state.message = text
                    gameState = state
                    // A refused move may mean the shown board is stale: take a fresh one.
                    return [.fetchGame(id: state.gameID)]
                }
                if let id, id.hasPrefix("c"), let index = state.chat.lastIndex(where: { $0.mine && $0.pending }) {
                    state.chat.remove(at: index)
                }
                state.message = text
                gameState = state
                return []
            }
            if code == "token_expired" || code == "unauthorized" { return [] }
            showNotice(text, isError: true)
            return []
        case .chatMessage(let chat):
            guard var state = gameState, state.gameID == chat.gameID else { return [] }
            if chat.from.id == user?.id,
                let index = state.chat.firstIndex(where: { $0.mine && $0.pending && $0.text == chat.text })
            {
                state.chat[index].pending = false
            } else {
                state.chat.append(
                    GameScreenState.ChatLine(
                        from: chat.from.username, text: chat.text, mine: chat.from.id == user?.id, pending: false))
                trimChat(&state)
            }
            gameState = state
            return []
        case .matchFound(let match):
            let opponent = GameScreenState.Opponent(
                id: match.opponent.id, username: match.opponent.username, rating: match.opponent.eloRating)
            let notice = "Match found: you play \(match.mark.rawValue) against \(match.opponent.username)."
            if var state = gameState, state.gameID == match.gameID {
                state.opponent = opponent
                state.matchNotice = notice
                state.matchNoticeUntil = now.addingTimeInterval(GameScreenState.matchNoticeDuration)
                gameState = state
                return []
            }
            return openGame(match.gameID, game: nil, opponent: opponent, notice: notice) + [.ringBell]
        case .gameInvite(let invite):
            showNotice("\(invite.player1Username ?? "Someone") invites you to a game: see the lobby.")
            if case .lobby(var lobby) = screen {
                lobby.loading = true
                screen = .lobby(lobby)
                return [.loadLobby, .ringBell]
            }
            return [.ringBell]
        case .gameJoined(let game):
            // On that game's screen its game_update says it all.
            if gameState?.gameID == game.id { return [] }
            let joiner = game.player2Username ?? "Someone"
            // Waiting in the lobby is waiting for this: go to the board. Anywhere else (another
            // game, a form, the queue) the player is busy: tell them, and the lobby lists the game.
            if case .lobby = screen {
                let opponent = GameScreenState.Opponent(
                    id: game.player2ID, username: joiner, rating: game.player2Rating)
                return openGame(
                    game.id, game: game, opponent: opponent, notice: "\(joiner) joined your game: you play X.")
                    + [.ringBell]
            }
            showNotice("\(joiner) joined your open game: find it in the lobby.")
            return [.ringBell]
        case .rematchOffered(let offer):
            guard offer.from.id != user?.id else { return [] }
            guard var state = gameState, state.gameID == offer.gameID else {
                // An offer that waited while this player was away. From the lobby, go to the
                // finished game to answer it; anywhere else the player is busy: say so.
                guard case .lobby = screen else {
                    showNotice("\(offer.from.username) offers you a rematch.")
                    return [.ringBell]
                }
                let effects = openGame(offer.gameID, game: nil)
                if var opened = gameState {
                    opened.rematch = .offeredToMe(from: offer.from.username)
                    gameState = opened
                }
                return effects + [.ringBell]
            }
            state.rematch = .offeredToMe(from: offer.from.username)
            gameState = state
            return [.ringBell]
        case .rematchExpired(let lapsed):
            guard var state = gameState, state.gameID == lapsed.gameID else { return [] }
            state.rematch = .expired
            gameState = state
            return []
        case .serverShutdown:
            // The gateway connection reconnects after the server's hint and reports it.
            return []
        case .rematchDeclined(let answer):
            guard var state = gameState, state.gameID == answer.gameID, answer.from.id != user?.id else { return [] }
            state.rematch = .declined(by: answer.from.username)
            gameState = state
            return []
        case .rematchStarted(let started):
            guard let state = gameState, state.gameID == started.gameID, let newID = started.newGameID else {
                return []
            }
            var opponent = state.opponent
            opponent?.rating = nil
            return openGame(
                newID, game: nil, opponent: opponent, notice: "Rematch: colours swapped.", keepingChatFrom: state)
                + [.loadProfile]
        }
    }
}

extension AppState {
    mutating func chatLoaded(gameID: String, _ result: Result<[ChatMessageDTO], ArenaClientError>) -> [Effect] {
        guard var state = gameState, state.gameID == gameID, case .success(let messages) = result else { return [] }
        state.restoreChat(messages, userID: user?.id)
        gameState = state
        return []
    }
}
