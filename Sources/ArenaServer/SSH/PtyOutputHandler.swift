#if SSH
import NIOCore

/// The pty master side of a session, as a NIO pipe channel: what the client writes to its
/// terminal goes to the ssh channel; the terminal closing (read fails with EIO once the client
/// and its children have exited) ends the session.
final class PtyOutputHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private weak var session: SSHSessionHandler?

    init(session: SSHSessionHandler) { self.session = session }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        session?.clientOutput(unwrapInboundIn(data))
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        session?.clientOutputFlushed()
    }

    func channelInactive(context: ChannelHandlerContext) {
        session?.clientEnded()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // EIO is how a pty master reports that the terminal's other side is gone.
        context.close(promise: nil)
    }
}
#endif
