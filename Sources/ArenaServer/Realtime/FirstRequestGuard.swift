import NIOCore

/// Watches a new connection until its first request begins. Until then no HTTP handler is in the
/// pipeline, so nothing else would close it:
/// - at a graceful shutdown it closes the connection (hummingbird waits for every connection's
///   task, and a client that opened a connection and sent nothing, like a certificate probe or a
///   browser's pre-opened socket, held `arena-server` from exiting on SIGTERM until it went away);
/// - a connection that sends nothing for `firstRequestTimeout` is closed (it costs a socket and a
///   TLS session, and is how slow-connection floods start).
/// Once the first bytes are read it removes itself, so it costs nothing per frame afterwards.
final class FirstRequestGuard: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    static let firstRequestTimeout: TimeAmount = .seconds(30)

    private var timeout: Scheduled<Void>?

    func handlerAdded(context: ChannelHandlerContext) {
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        timeout = context.eventLoop.scheduleTask(in: Self.firstRequestTimeout) { loopBound.value.close(promise: nil) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timeout?.cancel()
        timeout = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.fireChannelRead(data)
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent {
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }
}
