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
            shouldUpgrade: { request, context in
                _ = try context.requireIdentity()
                guard request.headers[.upgrade]?.lowercased() == "websocket" else {
                    throw APIError(
                        .upgradeRequired, "upgrade_required", "/ws is a WebSocket endpoint; open it with an upgrade.")
                }
                return .upgrade([:])
            },
            onUpgrade: { inbound, outbound, context in
                guard let identity = context.requestContext.identity else { return }
                let connection = GatewayConnection(
                    identity: identity, games: games, hub: hub, verifier: verifier, settings: settings,
                    logger: context.logger)
                let channel = context.requestContext.channel
                let way = GatewayOutbound(channel: channel, writer: outbound, queueLimit: settings.outboundQueue)
                try await GatewayLivenessHandler.install(on: channel, for: way)
                try await connection.run(inbound: inbound, outbound: way)
            })
    }
}
