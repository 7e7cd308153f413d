import Hummingbird
import Logging
import NIOCore
import Synchronization

/// The WebSocket gateway at `GET /ws`: the route that decides an upgrade (refused with 401 unless
/// AuthMiddleware proved a token, from the header or `?access_token=`), and what an accepted
/// connection becomes: a `GatewayFrameHandler` in its pipeline, feeding a `GatewaySession`.
/// `GatewayServerChannel` runs the route for each upgrade request and calls `attach`.
struct Gateway: Sendable {
    let games: GameService
    let hub: RealtimeHub
    let verifier: any TokenVerifier
    let settings: GatewaySettings

    func add(to router: Router<AppRequestContext>) {
        router.get("/ws") { request, context -> Response in
            let identity = try context.requireIdentity()
            guard request.asksForWebSocket, let upgrade = context.gatewayUpgrade else {
                throw APIError(
                    .upgradeRequired, "upgrade_required", "/ws is a WebSocket endpoint; open it with an upgrade.")
            }
            upgrade.accept(identity)
            return Response(status: .ok)
        }
    }

    /// Sets up an upgraded connection's pipeline; on its event loop.
    func attach(to channel: any Channel, identity: Identity, logger: Logger) throws {
        let outbound = GatewayOutbound(channel: channel, queueLimit: settings.outboundQueue)
        let session = GatewaySession(
            identity: identity, outbound: outbound, channel: channel, gateway: self, logger: logger)
        try channel.pipeline.syncOperations.addHandler(
            GatewayFrameHandler(outbound: outbound, session: session, settings: settings))
    }
}

extension Request {
    /// The request asks to become a WebSocket (`Upgrade: websocket`, any case).
    var asksForWebSocket: Bool { headers[.upgrade]?.lowercased() == "websocket" }
}

/// Carries the identity of an accepted upgrade out of the router: the request context is a value
/// that middleware copies, so the answer is left in this box, which `GatewayServerChannel` puts in
/// the context of each upgrade request (plain requests have none).
final class GatewayUpgrade: Sendable {
    private let accepted = Mutex<Identity?>(nil)

    func accept(_ identity: Identity) { accepted.withLock { $0 = identity } }
    var identity: Identity? { accepted.withLock { $0 } }
}
