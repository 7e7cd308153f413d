import NIOCore
import NIOWebSocket

/// What one ping connection measured in the window.
struct PingResult: Sendable {
    var roundTrips = 0
    /// Ping-to-pong times in microseconds.
    var latencies: [UInt32] = []
    var failed = false
}

/// Bounces WebSocket pings off the server, one in flight, the next sent as each pong arrives.
/// The server answers a ping on its event loop through the same outbound path as its game
/// frames, with no request task, game, JSON or SQLite in between, so a round trip costs exactly
/// what TLS, WebSocket framing, NIO and the kernel cost for one frame each way, on both ends.
final class PingHandler: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    /// Fired through the pipeline when every connection is open: start pinging.
    struct Start: Sendable {}

    private let payload: ByteBuffer
    private let window: RunWindow
    private let done: EventLoopPromise<PingResult>
    private var result = PingResult()
    private var sentAt: UInt64 = 0
    private var reported = false

    init(payload: ByteBuffer, window: RunWindow, done: EventLoopPromise<PingResult>) {
        self.payload = payload
        self.window = window
        self.done = done
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is Start else { return context.fireUserInboundEventTriggered(event) }
        ping(context: context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .pong:
            let now = Now.nanos()
            if window.contains(sentAt), window.contains(now) {
                result.roundTrips += 1
                result.latencies.append(UInt32(clamping: (now &- sentAt) / 1_000))
            }
            if !window.isStopping { ping(context: context) }
        default:
            _ = context.answerControlFrame(frame)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        result.failed = true
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        report()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        report()
    }

    private func report() {
        guard !reported else { return }
        reported = true
        done.succeed(result)
    }

    private func ping(context: ChannelHandlerContext) {
        sentAt = Now.nanos()
        context.writeMasked(WebSocketFrame(fin: true, opcode: .ping, data: payload))
        context.flush()
    }
}
