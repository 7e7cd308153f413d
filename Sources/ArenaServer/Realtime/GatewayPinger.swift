import NIOCore
import NIOWebSocket
import ServiceLifecycle

/// Keeps gateway connections honest: every `ws_ping_seconds` it pings every connection, and closes
/// the ones that have sent nothing (no frame, not even a pong) for one and a half periods, so a
/// player whose network vanished is seen as gone and the disconnect grace period starts.
///
/// One loop for the whole server rather than hummingbird's ping task per connection: that task
/// and its timer cost about 3 KiB of memory per idle connection (BENCHMARKS.md).
struct GatewayPinger: Service {
    let hub: RealtimeHub
    let period: Duration

    func run() async throws {
        let silence = TimeAmount.nanoseconds(Int64(period.components.seconds) * 1_500_000_000)
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: period)
                hub.pingAll(closingIfSilentFor: silence)
            }
        }
    }
}

/// Sits right after the WebSocket frame decoder of a gateway connection and tells its
/// `GatewayOutbound` whenever a frame arrives (pongs included, which the WebSocket layer consumes
/// before the gateway sees them).
final class GatewayLivenessHandler: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias InboundOut = WebSocketFrame

    private let outbound: GatewayOutbound

    init(outbound: GatewayOutbound) { self.outbound = outbound }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        outbound.heard()
        context.fireChannelRead(data)
    }

    /// Adds the handler to an upgraded gateway connection.
    static func install(on channel: any Channel, for outbound: GatewayOutbound) async throws {
        try await channel.eventLoop.submit {
            let pipeline = channel.pipeline.syncOperations
            let decoder = try pipeline.handler(type: ByteToMessageHandler<WebSocketFrameDecoder>.self)
            try pipeline.addHandler(GatewayLivenessHandler(outbound: outbound), position: .after(decoder))
        }.get()
    }
}
