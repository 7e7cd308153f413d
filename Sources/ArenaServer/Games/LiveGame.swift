import ArenaKit
import Foundation
import Logging

/// The one owner of a game while it is in memory: it holds the state and version, applies joins,
/// moves, resignations and timeouts one at a time, writes each change through to SQLite before
/// answering, and then tells the game's room. Moves are applied to the in-memory state before the
/// write is awaited, so a second request arriving during the write already sees the new version.
actor LiveGame {
    private(set) var record: GameRecord
    private let deps: GameDependencies

    /// Players whose last gateway connection dropped while this game was active.
    private var absent: Set<String> = []
    /// Grace seconds each absent player has left; spent only while it is their turn.
    private var graceLeft: [String: Double] = [:]
    private var countdown: (userID: String, started: Date, task: Task<Void, Never>)?
    private var rematchOffer: RematchOffer?
    private var rematchGameID: String?

    /// An offer waiting for the opponent; it lapses after `deps.rematchOfferLifetime`.
    private struct RematchOffer {
        let from: String
        let expiresAt: Date
        let expiry: Task<Void, Never>
    }

    init(record: GameRecord, deps: GameDependencies, absentPlayers: Set<String> = []) {
        self.record = record
        self.id = record.id
        self.deps = deps
        self.absent = absentPlayers
    }

    nonisolated let id: String

    func snapshot() -> GameDTO { record.dto(disconnectDeadline: deadline.map(Timestamp.string)) }

    private var deadline: Date? {
        guard let countdown else { return nil }
        return countdown.started.addingTimeInterval(graceLeft[countdown.userID] ?? 0)
    }

    // MARK: joining and leaving

    func join(_ user: UserRecord) async throws -> GameDTO {
        guard record.status == .waiting else {
            throw APIError.conflict("game_not_joinable", "This game is not waiting for a player.")
        }
        guard user.id != record.player1ID else {
            throw APIError.conflict("cannot_join_own_game", "You cannot join your own game.")
        }
        if let invited = record.invitedID, invited != user.id {
            throw APIError.forbidden("This game is an invitation for another player.", code: "not_invited")
        }
        let now = deps.now()
        record.player2ID = user.id
        record.player2Username = user.username
        record.player2Rating = user.eloRating
        record.status = .active
        record.currentPlayerID = record.player1ID
        record.startedAt = now
        return try await commit(move: nil, at: now).game
    }

    /// Cancels a waiting game (its creator) or resigns an active one (either player).
    func cancelOrResign(by userID: String) async throws -> GameDTO {
        guard record.mark(of: userID) != nil || (record.status == .waiting && record.invitedID == userID) else {
            throw APIError.forbidden("Only the game's players may do that.", code: "not_a_player")
        }
        let now = deps.now()
        switch record.status {
        case .waiting:
            record.status = .abandoned
            record.endReason = record.player1ID == userID ? "cancelled" : "declined"
            record.endedAt = now
            record.currentPlayerID = nil
        case .active:
            record.status = .completed
            record.winnerID = record.opponent(of: userID)
            record.endReason = "resign"
            record.endedAt = now
            record.currentPlayerID = nil
        case .completed, .abandoned:
            throw APIError.conflict("game_over", "The game is already over.")
        }
        return try await commit(move: nil, at: now).game
    }

    /// Ends a waiting game nobody joined (housekeeping). False if it was joined or ended meanwhile.
    func expireIfWaiting() async throws -> Bool {
        guard record.status == .waiting else { return false }
        let now = deps.now()
        record.status = .abandoned
        record.endReason = "expired"
        record.endedAt = now
        record.currentPlayerID = nil
        _ = try await commit(move: nil, at: now)
        return true
    }

    // MARK: moves

    func move(by userID: String, position: Int, expectedVersion: Int?) async throws -> GameChange {
        guard Board.positions.contains(position) else { throw MoveError.positionOutOfRange(position) }
        guard let mark = record.mark(of: userID) else { throw MoveError.notAPlayer }
        guard record.status == .active else { throw MoveError.gameNotActive }
        if let expectedVersion, expectedVersion != record.version {
            throw MoveError.staleVersion(expected: record.version, got: expectedVersion)
        }
        guard record.currentPlayerID == userID else { throw MoveError.notYourTurn }
        let board = try record.board.applying(position: position, mark: mark)
        let now = deps.now()
        record.board = board
        switch board.outcome {
        case .won:
            record.status = .completed
            record.winnerID = userID
            record.endReason = "win"
            record.endedAt = now
            record.currentPlayerID = nil
        case .draw:
            record.status = .completed
            record.endReason = "draw"
            record.endedAt = now
            record.currentPlayerID = nil
        case .ongoing:
            record.currentPlayerID = record.opponent(of: userID)
        }
        let move = GameStore.MoveRow(
            number: board.moveCount, playerID: userID, position: position, mark: mark, createdAt: now)
        return try await commit(move: move, at: now)
    }

    /// Persists the current state (with a move), then tells the room, the listeners and the bot.
    private func commit(move: GameStore.MoveRow?, at now: String) async throws -> GameChange {
        record.version += 1
        record.updatedAt = now
        let finished = record.isFinished && !record.neverStarted
        if record.isFinished { stopCountdown(charge: false) } else { rescheduleCountdown() }
        let outcome: GameStore.RatingOutcome?
        do {
            outcome = try await deps.store.save(record, move: move, finishedAt: finished ? now : nil)
        } catch {
            // The write failed: what is on disk is the truth. Reload it and report the failure.
            deps.logger.error("game write failed", metadata: ["game_id": .string(record.id), "error": "\(error)"])
            if let stored = try? await deps.store.load(id: record.id) { record = stored }
            throw APIError(.serviceUnavailable, "storage_unavailable", "The move could not be saved; try again.")
        }
        if let outcome {
            record.player1Rating = outcome.player1After
            record.player2Rating = outcome.player2After
            record.player1RatingChange = outcome.player1After - outcome.player1Before
            record.player2RatingChange = outcome.player2After - outcome.player2Before
        }
        let dto = snapshot()
        let update = WireCodec.encodeServer(.gameUpdate(dto))
        deps.hub.broadcast(frame: update, room: record.id)
        if finished, let p1 = record.player1ID {
            await deps.announce(
                FinishedGame(
                    gameID: record.id, player1ID: p1, player2ID: record.player2ID, winnerID: record.winnerID,
                    rated: record.rated))
        } else if record.status == .active, let bot = record.bot, let current = record.currentPlayerID,
            current == BotAccounts.id(for: bot)
        {
            scheduleBotMove(bot: bot, version: record.version)
        }
        return GameChange(game: dto, updateFrame: update)
    }

    // MARK: the bot

    func scheduleBotMove(bot: BotStrategy.Level, version: Int) {
        Task {
            // A short pause so the bot's answer reads as a move, not an echo.
            try? await Task.sleep(for: deps.botDelay)
            await self.playBot(bot: bot, version: version)
        }
    }

    private func playBot(bot: BotStrategy.Level, version: Int) async {
        let botID = BotAccounts.id(for: bot)
        guard record.version == version, record.status == .active, record.currentPlayerID == botID,
            let mark = record.mark(of: botID), let position = BotStrategy.move(on: record.board, for: mark, level: bot)
        else { return }
        _ = try? await move(by: botID, position: position, expectedVersion: version)
    }

    // MARK: presence and the disconnect grace period

    func presenceChanged(userID: String, online: Bool) async {
        guard !record.isFinished, record.mark(of: userID) != nil else { return }
        if online {
            guard absent.remove(userID) != nil else { return }
        } else {
            guard absent.insert(userID).inserted else { return }
            if graceLeft[userID] == nil { graceLeft[userID] = deps.graceSeconds }
        }
        // A waiting game has no clock yet, but who left is remembered: when someone joins the
        // open game of a creator who has gone, the creator's countdown starts at once (the joiner
        // used to wait for a move that might never come).
        guard record.status == .active else { return }
        rescheduleCountdown()
        deps.hub.broadcast(.gameUpdate(snapshot()), room: record.id)
    }

    /// Starts the countdown for players found absent when the game was loaded after a restart.
    func resumeCountdown() {
        guard !absent.isEmpty else { return }
        rescheduleCountdown()
    }

    private func stopCountdown(charge: Bool) {
        guard let countdown else { return }
        if charge {
            let spent = Date().timeIntervalSince(countdown.started)
            graceLeft[countdown.userID] = max(0, (graceLeft[countdown.userID] ?? 0) - spent)
        }
        countdown.task.cancel()
        self.countdown = nil
    }

    /// The countdown runs only while it is an absent player's turn.
    private func rescheduleCountdown() {
        stopCountdown(charge: true)
        guard record.status == .active, let current = record.currentPlayerID, absent.contains(current) else { return }
        if graceLeft[current] == nil { graceLeft[current] = deps.graceSeconds }
        let left = graceLeft[current] ?? deps.graceSeconds
        let task = Task {
            try? await Task.sleep(for: .milliseconds(Int64(left * 1000)))
            guard !Task.isCancelled else { return }
            await self.expire(userID: current)
        }
        countdown = (current, Date(), task)
    }

    private func expire(userID: String) async {
        guard record.status == .active, absent.contains(userID), record.currentPlayerID == userID else { return }
        countdown = nil
        let now = deps.now()
        record.status = .abandoned
        record.winnerID = record.opponent(of: userID)
        record.endReason = "abandon"
        record.endedAt = now
        record.currentPlayerID = nil
        _ = try? await commit(move: nil, at: now)
    }

    // MARK: rematch

    enum RematchStep: Sendable {
        case offered(to: String)
        case accepted(GameRecord)
        case declined(offerer: String)
    }

    func offerRematch(from userID: String) throws -> RematchStep {
        guard record.mark(of: userID) != nil, let opponent = record.opponent(of: userID) else {
            throw APIError.forbidden("Only the game's players may ask for a rematch.", code: "not_a_player")
        }
        guard record.isFinished, !record.neverStarted else {
            throw APIError.conflict("game_not_finished", "A rematch can be offered once the game is over.")
        }
        guard rematchGameID == nil else {
            throw APIError.conflict("rematch_taken", "This game already had its rematch.")
        }
        if let offer = rematchOffer, offer.from != userID {
            return try acceptRematch()
        }
        if record.bot != nil { return try acceptRematch() }
        if rematchOffer == nil {
            let lifetime = deps.rematchOfferLifetime
            let expiry = Task {
                try? await Task.sleep(for: lifetime)
                guard !Task.isCancelled else { return }
                await self.expireRematchOffer(from: userID)
            }
            rematchOffer = RematchOffer(
                from: userID, expiresAt: Date().addingTimeInterval(lifetime.inSeconds), expiry: expiry)
        }
        return .offered(to: opponent)
    }

    func answerRematch(from userID: String, accept: Bool) throws -> RematchStep {
        guard let offerer = rematchOffer?.from, offerer != userID, record.mark(of: userID) != nil else {
            throw APIError.conflict("no_rematch_offer", "There is no rematch offer to answer.")
        }
        guard accept else {
            withdrawRematchOffer()
            return .declined(offerer: offerer)
        }
        return try acceptRematch()
    }

    /// The offer waiting for `userID`, if any: shown again to a player who comes back.
    func pendingRematchOffer(for userID: String) -> RematchDTO? {
        guard let offer = rematchOffer, offer.from != userID, record.mark(of: userID) != nil else { return nil }
        return RematchDTO(
            gameID: id, from: PlayerRef(id: offer.from, username: record.username(of: offer.from) ?? ""),
            expiresAt: Timestamp.string(offer.expiresAt))
    }

    var hasPendingRematchOffer: Bool { rematchOffer != nil }

    /// The offer as `rematch_offered` carries it to the opponent.
    func rematchOfferNotice(from userID: String) -> RematchDTO {
        RematchDTO(
            gameID: id, from: PlayerRef(id: userID, username: record.username(of: userID) ?? ""),
            expiresAt: rematchOffer.map { Timestamp.string($0.expiresAt) })
    }

    private func withdrawRematchOffer() {
        rematchOffer?.expiry.cancel()
        rematchOffer = nil
    }

    /// Nobody answered: both players hear that the offer lapsed, and either may offer again.
    private func expireRematchOffer(from userID: String) async {
        guard let offer = rematchOffer, offer.from == userID, rematchGameID == nil else { return }
        rematchOffer = nil
        let notice = ServerMessage.rematchExpired(
            RematchDTO(gameID: id, from: PlayerRef(id: userID, username: record.username(of: userID) ?? "")))
        for player in [record.player1ID, record.player2ID].compactMap({ $0 }) {
            await deps.hub.send(notice, toUser: player)
        }
    }

    /// Colours swap: the old O player moves first as X.
    private func acceptRematch() throws -> RematchStep {
        guard let p1 = record.player2ID, let p2 = record.player1ID else {
            throw APIError.conflict("game_not_finished", "This game had no opponent.")
        }
        var next = GameRecord(
            id: GameID.make(), player1ID: p1, player2ID: p2, invitedID: nil, bot: record.bot,
            rated: record.rated, now: deps.now(), player1Username: record.player2Username ?? "",
            player2Username: record.player1Username, player1Rating: record.player2Rating,
            player2Rating: record.player1Rating)
        next.currentPlayerID = p1
        rematchGameID = next.id
        withdrawRematchOffer()
        return .accepted(next)
    }
}
