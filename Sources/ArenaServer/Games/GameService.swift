import ArenaKit
import Foundation
import Logging

/// The Games service: creates games, finds the live owner of each one, and is the only way other
/// services (REST routes, the gateway, matchmaking) change a game.
public actor GameService: GameResultListener {
    private let deps: GameDependencies
    private let users: UserStore
    private nonisolated let live = LiveGameRegistry()
    /// Which live games each player is in, so a connection dropping touches only that player's games.
    private var gamesOf: [String: Set<String>] = [:]
    /// Loads in flight, so two requests for a game not yet in memory share one owner.
    private var loading: [String: Task<LiveGame?, any Error>] = [:]

    /// How long a finished game stays in memory: long enough to answer a rematch offer and late
    /// readers from memory; after that it is read from SQLite again if anyone asks.
    private let finishedGameLifetime: Duration

    init(deps: GameDependencies, users: UserStore, finishedGameLifetime: Duration = .seconds(120)) {
        self.deps = deps
        self.users = users
        self.finishedGameLifetime = finishedGameLifetime
    }

    public func addListener(_ listener: any GameResultListener) { deps.listeners.add(listener) }

    // MARK: finding games

    /// The live owner of a game, loading it from the database after a restart. Nil if unknown.
    func liveGame(_ id: String) async throws -> LiveGame? {
        let id = id.lowercased()
        guard UUID(uuidString: id) != nil else { return nil }
        if let game = live[id] { return game }
        if let pending = loading[id] { return try await pending.value }
        let task = Task<LiveGame?, any Error> {
            guard let record = try await deps.store.load(id: id) else { return nil }
            var absent: Set<String> = []
            if record.status == .active {
                // After a restart nobody is connected yet: every player must come back within the grace period.
                for player in [record.player1ID, record.player2ID].compactMap({ $0 }) where !BotAccounts.isBot(player) {
                    if await !deps.hub.isOnline(player) { absent.insert(player) }
                }
            }
            return LiveGame(record: record, deps: deps, absentPlayers: absent)
        }
        loading[id] = task
        defer { loading[id] = nil }
        let game = try await task.value
        if let game, live[id] == nil {
            live[id] = game
            await track(game)
            await game.resumeCountdown()
            // A finished game read back (history, a late rematch) leaves memory again like any other.
            if await game.record.isFinished { scheduleEviction(id) }
        }
        return live[id]
    }

    /// The per-move path: a game already in memory is found without entering this actor.
    nonisolated func requireGame(_ id: String) async throws -> LiveGame {
        if let game = live[id.lowercased()] { return game }
        guard let game = try await liveGame(id) else { throw APIError.notFound("Game") }
        return game
    }

    public nonisolated func snapshot(_ id: String) async throws -> GameDTO {
        try await requireGame(id).snapshot()
    }

    // MARK: creating games

    /// An open game, an invitation to a named player, or a game against the bot.
    public func create(by identity: Identity, opponent: String?, bot: String?) async throws -> GameDTO {
        guard let creator = try await users.user(id: identity.userID) else { throw APIError.unauthorized() }
        if let bot {
            guard opponent == nil else {
                throw APIError.badRequest("invalid_request", "Give either an opponent or a bot level, not both.")
            }
            guard let level = BotStrategy.Level(rawValue: bot) else {
                throw APIError.invalidField("bot", "bot must be \"easy\" or \"hard\".")
            }
            let botID = BotAccounts.id(for: level)
            let record = GameRecord(
                id: newID(), player1ID: creator.id, player2ID: botID, invitedID: nil, bot: level, rated: false,
                now: deps.now(), player1Username: creator.username, player2Username: BotAccounts.username(for: level),
                player1Rating: creator.eloRating, player2Rating: EloRating.initial)
            return try await start(record)
        }
        var invited: UserRecord?
        if let opponent {
            guard let found = try await users.user(username: opponent), !BotAccounts.isBot(found.id) else {
                throw APIError.notFound("Player \"\(opponent.prefix(40))\"", code: "unknown_opponent")
            }
            guard found.id != creator.id else {
                throw APIError.badRequest("invalid_opponent", "You cannot invite yourself.")
            }
            invited = found
        }
        let record = GameRecord(
            id: newID(), player1ID: creator.id, player2ID: nil, invitedID: invited?.id, bot: nil, rated: true,
            now: deps.now(), player1Username: creator.username, player2Username: nil,
            player1Rating: creator.eloRating)
        let dto = try await start(record)
        if let invited { await deps.hub.send(.gameInvite(dto), toUser: invited.id) }
        return dto
    }

    /// A rated game between two matched players, active at once. Used by matchmaking.
    public func createMatch(player1: UserRecord, player2: UserRecord) async throws -> GameDTO {
        let record = GameRecord(
            id: newID(), player1ID: player1.id, player2ID: player2.id, invitedID: nil, bot: nil, rated: true,
            now: deps.now(), player1Username: player1.username, player2Username: player2.username,
            player1Rating: player1.eloRating, player2Rating: player2.eloRating)
        return try await start(record)
    }

    private func start(_ record: GameRecord) async throws -> GameDTO {
        try await deps.store.insert(record)
        let game = LiveGame(record: record, deps: deps)
        live[record.id] = game
        await track(game)
        return await game.snapshot()
    }

    private func track(_ game: LiveGame) async {
        let record = await game.record
        for player in [record.player1ID, record.player2ID].compactMap({ $0 }) {
            gamesOf[player, default: []].insert(record.id)
        }
    }

    private func newID() -> String { GameID.make() }

    // MARK: changing games

    public func join(_ gameID: String, by identity: Identity) async throws -> GameDTO {
        let game = try await requireGame(gameID)
        guard let user = try await users.user(id: identity.userID) else { throw APIError.unauthorized() }
        let dto = try await game.join(user)
        gamesOf[user.id, default: []].insert(dto.id)
        // The creator may be anywhere (the lobby, another game): tell them their game has begun.
        if let host = dto.player1ID { await deps.hub.send(.gameJoined(dto), toUser: host) }
        return dto
    }

    public nonisolated func move(_ gameID: String, by userID: String, position: Int, expectedVersion: Int? = nil)
        async throws
        -> GameChange
    {
        try await requireGame(gameID).move(by: userID, position: position, expectedVersion: expectedVersion)
    }

    public func cancelOrResign(_ gameID: String, by userID: String) async throws -> GameDTO {
        let dto = try await requireGame(gameID).cancelOrResign(by: userID)
        // A cancelled invitation is announced to nobody; finished games arrive through gameFinished.
        if dto.status == .abandoned, dto.endReason != "abandon" { scheduleEviction(dto.id) }
        return dto
    }

    /// Ends the waiting games nobody joined within `age`; returns how many. Housekeeping calls it.
    public func expireWaitingGames(olderThan age: TimeInterval) async throws -> Int {
        let cutoff = Timestamp.string(deps.clock.now().addingTimeInterval(-age))
        var expired = 0
        for id in try await deps.store.waitingGameIDs(createdBefore: cutoff, limit: 500) {
            guard let game = try await liveGame(id), try await game.expireIfWaiting() else { continue }
            expired += 1
            scheduleEviction(id)
        }
        return expired
    }

    /// Forgets a finished game after a while, so memory does not grow with every game ever played.
    private func scheduleEviction(_ id: String) {
        let lifetime = finishedGameLifetime
        Task {
            try? await Task.sleep(for: lifetime)
            await self.evict(id)
        }
    }

    private func evict(_ id: String) async {
        guard let game = live[id] else { return }
        let record = await game.record
        guard record.isFinished else { return }
        // An offer still waiting keeps the game (and the offer) in memory until it is answered or lapses.
        if await game.hasPendingRematchOffer { return scheduleEviction(id) }
        live[id] = nil
        for player in [record.player1ID, record.player2ID].compactMap({ $0 }) {
            gamesOf[player]?.remove(id)
            if gamesOf[player]?.isEmpty == true { gamesOf[player] = nil }
        }
    }

    func offerRematch(_ gameID: String, by identity: Identity) async throws {
        let game = try await requireGame(gameID)
        try await handle(try await game.offerRematch(from: identity.userID), game: gameID, actor: identity)
    }

    func answerRematch(_ gameID: String, by identity: Identity, accept: Bool) async throws {
        let game = try await requireGame(gameID)
        try await handle(
            try await game.answerRematch(from: identity.userID, accept: accept), game: gameID, actor: identity)
    }

    private func handle(_ step: LiveGame.RematchStep, game gameID: String, actor: Identity) async throws {
        let from = PlayerRef(id: actor.userID, username: actor.username)
        switch step {
        case .offered(let opponent):
            let offer = try await requireGame(gameID).rematchOfferNotice(from: actor.userID)
            await deps.hub.send(.rematchOffered(offer), toUser: opponent)
        case .declined(let offerer):
            await deps.hub.send(.rematchDeclined(RematchDTO(gameID: gameID, from: from)), toUser: offerer)
        case .accepted(let record):
            let dto = try await start(record)
            let notice = ServerMessage.rematchStarted(RematchDTO(gameID: gameID, from: from, newGameID: dto.id))
            for player in [record.player1ID, record.player2ID].compactMap({ $0 }) {
                await deps.hub.send(notice, toUser: player)
            }
            if let bot = record.bot, record.currentPlayerID == BotAccounts.id(for: bot), let game = live[dto.id] {
                await game.scheduleBotMove(bot: bot, version: dto.version)
            }
        }
    }

    /// Waits for every game write already queued to be committed (graceful shutdown).
    public nonisolated func flushWrites() async throws { try await deps.store.flush() }

    // MARK: reading

    public func list(status: GameDTO.Status?, viewer: String, mineOnly: Bool, limit: Int) async throws -> [GameDTO] {
        let records = try await deps.store.list(status: status, viewer: viewer, mineOnly: mineOnly, limit: limit)
        var result: [GameDTO] = []
        for record in records {
            // Games in memory are newer than their rows only by a write in flight; prefer the live view.
            if let game = live[record.id] { result.append(await game.snapshot()) } else { result.append(record.dto()) }
        }
        return result
    }

    public func history(_ gameID: String) async throws -> [MoveDTO] {
        _ = try await requireGame(gameID)
        return try await deps.store.history(gameID: gameID.lowercased())
    }

    public func activeGames(of userID: String) async throws -> [GameDTO] {
        try await deps.store.activeGames(of: userID).map { $0.dto() }
    }

    public func isPlaying(_ userID: String) async throws -> Bool {
        try await !deps.store.activeGames(of: userID).isEmpty
    }

    // MARK: chat

    func chat(_ gameID: String, from identity: Identity, text: String) async throws -> ChatMessageDTO {
        let game = try await requireGame(gameID)
        guard await game.record.mark(of: identity.userID) != nil else {
            throw APIError.forbidden("Only the game's two players may chat in it.", code: "not_a_player")
        }
        guard let clean = Validation.sanitizedChat(text) else {
            throw APIError.badRequest("chat_empty", "The message is empty.")
        }
        guard clean.count <= Validation.chatMaxLength else {
            throw APIError.badRequest("chat_too_long", "Messages are at most \(Validation.chatMaxLength) characters.")
        }
        let now = deps.now()
        try await deps.store.insertChat(gameID: game.id, userID: identity.userID, text: clean, at: now)
        let message = ChatMessageDTO(
            gameID: game.id, from: PlayerRef(id: identity.userID, username: identity.username), text: clean,
            createdAt: now)
        deps.hub.broadcast(.chatMessage(message), room: game.id)
        return message
    }

    func recentChat(_ gameID: String) async throws -> [ChatMessageDTO] {
        try await deps.store.recentChat(gameID: gameID.lowercased(), limit: 50)
    }

    public func gameFinished(_ game: FinishedGame) async { scheduleEviction(game.gameID) }

    // MARK: presence

    func presenceChanged(userID: String, online: Bool) async {
        for id in gamesOf[userID] ?? [] {
            guard let game = live[id] else { continue }
            if await game.record.isFinished {
                // A player who comes back is shown the rematch offer that waited for them.
                if online, let offer = await game.pendingRematchOffer(for: userID) {
                    await deps.hub.send(.rematchOffered(offer), toUser: userID)
                }
            } else {
                await game.presenceChanged(userID: userID, online: online)
            }
        }
    }
}
