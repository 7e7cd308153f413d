import Hummingbird
import HummingbirdWebSocket

/// `GET /ws`: the upgrade is refused with 401 unless AuthMiddleware proved a token (header or
/// `?access_token=`); each accepted socket becomes a `GatewayConnection`.
struct GatewayRoutes {
    let games: GameService
    let hub: RealtimeHub
    let verifier: any TokenVerifier
    let settings: GatewaySettings

    func add(to router: Router<AppRequestContext>) {
        router.ws(
            "/ws",
            shouldUpgrade: { _, context in
                _ = try context.requireIdentity()
                return .upgrade([:])
            },
            onUpgrade: { inbound, outbound, context in
                guard let identity = context.requestContext.identity else { return }
                let connection = GatewayConnection(
                    identity: identity, games: games, hub: hub, verifier: verifier, settings: settings,
                    logger: context.logger)
                await connection.run(inbound: inbound, outbound: outbound)
            })
    }
}
