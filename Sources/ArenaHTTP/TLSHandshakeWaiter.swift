import NIOCore
import NIOTLS

/// Completes its promise when the TLS handshake does, so a connection is handed out only once
/// the server is trusted, and a refused certificate fails the connect with NIOSSL's own error.
final class TLSHandshakeWaiter: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private let promise: EventLoopPromise<Void>

    init(promise: EventLoopPromise<Void>) {
        self.promise = promise
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let tlsEvent = event as? TLSUserEvent, case .handshakeCompleted = tlsEvent {
            promise.succeed()
            context.pipeline.syncOperations.removeHandler(self, promise: nil)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise.fail(error)
        context.fireErrorCaught(error)
    }

    // A promise completes once: after success these failures are no-ops.
    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(HTTP1ClientError.connectionClosed(responseStarted: false))
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        promise.fail(HTTP1ClientError.connectionClosed(responseStarted: false))
    }
}
