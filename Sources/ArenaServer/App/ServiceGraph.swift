import Foundation
import Hummingbird
import ServiceLifecycle

/// The composition root: builds each service once, wires them through their narrow protocols,
/// and hands the HTTP layer its routes and background services.
public struct ServiceGraph: Sendable {
    public let context: ServerContext
    public let tokenVerifier: any TokenVerifier
    public let hub: RealtimeHub
    public let games: GameService
    public let auth: AuthService
    /// Register with Games' listeners: it empties its cache when a game finishes.
    public let leaderboard: LeaderboardService
    public let matchmaker: Matchmaker
    let gateway: Gateway

    static func make(context: ServerContext) async throws -> ServiceGraph {
        let config = context.config
        let users = UserStore(database: context.database)
        let hub = RealtimeHub()
        let games = GameService(
            deps: GameDependencies(
                store: GameStore(database: context.database), hub: hub, logger: context.logger, clock: context.clock,
                graceSeconds: Double(config.disconnectGraceSeconds), botDelay: .milliseconds(350),
                rematchOfferLifetime: .seconds(config.rematchOfferSeconds), listeners: GameListeners()),
            users: users)
        let auth = try await AuthService(context: context, notifier: hub)
        let leaderboard = LeaderboardService(database: context.database)
        await games.addListener(leaderboard)
        await games.addListener(games)
        let matchmaker = Matchmaker(
            policy: PairingPolicy(config: config),
            store: MatchmakingStore(database: context.database), games: games, users: users, hub: hub,
            clock: context.clock, queueGrace: .seconds(config.matchQueueGraceSeconds), logger: context.logger)
        try await matchmaker.load()
        hub.onPresenceChange { userID, online in await games.presenceChanged(userID: userID, online: online) }
        hub.onPresenceChange { userID, online in await matchmaker.presenceChanged(userID: userID, online: online) }
        let gateway = Gateway(
            games: games, hub: hub, verifier: auth.tokens,
            settings: GatewaySettings(
                maxMessageBytes: config.wsMaxFrameBytes, floodFrames: config.wsFloodFrames,
                floodWindow: .seconds(config.wsFloodWindowSeconds), outboundQueue: config.wsOutboundQueue))
        return ServiceGraph(
            context: context, tokenVerifier: auth.tokens, hub: hub, games: games, auth: auth, leaderboard: leaderboard,
            matchmaker: matchmaker, gateway: gateway)
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        AuthRoutes(service: auth, body: context.body).add(to: router)
        GameRoutes(games: games, body: context.body).add(to: router)
        MatchmakingRoutes(matchmaker: matchmaker, body: context.body).add(to: router)
        LeaderboardRoutes(service: leaderboard).add(to: router)
        FriendsRoutes(context: context, notifier: hub, leaderboard: leaderboard).add(to: router)
        SSHKeyRoutes(store: SSHKeyStore(database: context.database), context: context).add(to: router)
        gateway.add(to: router)
    }

    var backgroundServices: [any Service] {
        // Stopped in reverse order at shutdown, after the gateway has closed (`gatewayPinger`):
        // ShutdownDrain goes last.
        [
            ShutdownDrain(games: games, logger: context.logger),
            AuthCleanup(context: context), WaitingGameExpiry(games: games, context: context),
            MatchmakerService(matchmaker: matchmaker),
        ]
    }

    /// Run outside the HTTP listener's service group and stopped before it (`ArenaServerApp.Built.run`):
    /// its goodbye to gateway clients must not wait for the listener's quiesce.
    var gatewayPinger: GatewayPinger {
        GatewayPinger(hub: hub, period: .seconds(context.config.wsPingSeconds))
    }
}
