import ArenaKit
import Foundation
import Logging

/// The one owner of the matchmaking queue. Every join, leave and pairing round runs on this actor,
/// and a pair is taken off the queue before anything is awaited, so two racing joins can never
/// put a player into two games.
public actor Matchmaker {
    private var policy: PairingPolicy
    private let store: MatchmakingStore
    private let games: GameService
    private let users: UserStore
    private let hub: RealtimeHub
    private let clock: any NowProvider
    private let queueGrace: Duration
    private let logger: Logger

    private var queued: [String: PairingPolicy.Entry] = [:]
    private var matched: [String: String] = [:]
    private var dropTimers: [String: Task<Void, Never>] = [:]

    init(
        policy: PairingPolicy, store: MatchmakingStore, games: GameService, users: UserStore, hub: RealtimeHub,
        clock: any NowProvider, queueGrace: Duration, logger: Logger
    ) {
        self.policy = policy
        self.store = store
        self.games = games
        self.users = users
        self.hub = hub
        self.clock = clock
        self.queueGrace = queueGrace
        self.logger = logger
    }

    /// A configuration reload's new range rules; players already queued are judged by them from
    /// the next pairing round on.
    func setPolicy(_ policy: PairingPolicy) { self.policy = policy }

    /// Restores the waiting queue after a restart.
    func load() async throws {
        for row in try await store.all() {
            if row.status == "queued", let at = Timestamp.date(row.queuedAt) {
                queued[row.userID] = .init(userID: row.userID, rating: row.rating, queuedAt: at)
            } else if row.status == "matched", let game = row.gameID {
                matched[row.userID] = game
            }
        }
    }

    // MARK: requests

    func join(_ identity: Identity, preferences: String) async throws -> MatchmakingStatusDTO {
        let userID = identity.userID
        if queued[userID] != nil { return status(of: userID) }
        if BotAccounts.isBot(userID) { throw APIError.forbidden("Bots do not queue.") }
        guard try await !games.isPlaying(userID) else {
            throw APIError.conflict("already_playing", "Finish your current game before queueing.")
        }
        guard let user = try await users.user(id: userID) else { throw APIError.unauthorized() }
        guard queued[userID] == nil else { return status(of: userID) }
        let now = clock.now()
        queued[userID] = .init(userID: userID, rating: user.eloRating, queuedAt: now)
        matched[userID] = nil
        try await store.enqueue(
            userID: userID, rating: user.eloRating, preferences: preferences, at: Timestamp.string(now))
        await pairWaitingPlayers()
        return status(of: userID)
    }

    func leave(_ userID: String) async throws {
        queued[userID] = nil
        matched[userID] = nil
        dropTimers.removeValue(forKey: userID)?.cancel()
        try await store.remove(userID: userID)
    }

    func status(of userID: String) -> MatchmakingStatusDTO {
        let now = clock.now()
        if let entry = queued[userID] {
            let range = policy.range(queuedAt: entry.queuedAt, now: now)
            return MatchmakingStatusDTO(
                status: .queued, queuedAt: Timestamp.string(entry.queuedAt),
                waitSeconds: Int(now.timeIntervalSince(entry.queuedAt)),
                eloRange: .init(min: entry.rating - range, max: entry.rating + range), gameID: nil,
                playersQueued: queued.count)
        }
        if let game = matched[userID] {
            return MatchmakingStatusDTO(status: .matched, gameID: game, playersQueued: queued.count)
        }
        return MatchmakingStatusDTO(status: .idle, playersQueued: queued.count)
    }

    // MARK: pairing

    /// One pairing round; run on every join and on a timer, since ranges widen as players wait.
    func pairWaitingPlayers() async {
        let pairs = policy.pairs(in: Array(queued.values), now: clock.now())
        for (a, b) in pairs {
            // Off the queue before the first await: nobody else can pick these two now.
            queued[a.userID] = nil
            queued[b.userID] = nil
        }
        for (a, b) in pairs { await start(a, b) }
    }

    private func start(_ a: PairingPolicy.Entry, _ b: PairingPolicy.Entry) async {
        do {
            guard let ua = try await users.user(id: a.userID), let ub = try await users.user(id: b.userID) else {
                return
            }
            // The longer-waiting player opens as X.
            let game = try await games.createMatch(player1: ua, player2: ub)
            matched[a.userID] = game.id
            matched[b.userID] = game.id
            try await store.markMatched(a.userID, b.userID, gameID: game.id, at: Timestamp.string(clock.now()))
            await hub.send(.matchFound(MatchFoundDTO(gameID: game.id, opponent: ub.dto(), mark: .x)), toUser: ua.id)
            await hub.send(.matchFound(MatchFoundDTO(gameID: game.id, opponent: ua.dto(), mark: .o)), toUser: ub.id)
        } catch {
            logger.error("match could not start", metadata: ["error": "\(error)"])
            queued[a.userID] = a
            queued[b.userID] = b
        }
    }

    // MARK: presence

    /// A queued player whose last connection drops leaves the queue after the grace period.
    func presenceChanged(userID: String, online: Bool) {
        if online {
            dropTimers.removeValue(forKey: userID)?.cancel()
            return
        }
        guard queued[userID] != nil, dropTimers[userID] == nil else { return }
        let grace = queueGrace
        dropTimers[userID] = Task {
            try? await Task.sleep(for: grace)
            guard !Task.isCancelled else { return }
            await self.dropAfterGrace(userID)
        }
    }

    private func dropAfterGrace(_ userID: String) async {
        dropTimers[userID] = nil
        guard queued[userID] != nil else { return }
        try? await leave(userID)
    }

    var queueSize: Int { queued.count }
}
