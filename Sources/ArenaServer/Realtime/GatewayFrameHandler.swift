import NIOCore
import NIOWebSocket

/// The WebSocket protocol of one gateway connection, on its event loop: it answers pings, takes
/// part in the closing handshake, puts fragmented messages together, enforces the message size,
/// UTF-8 and flood limits, and hands each whole message to the connection's `GatewaySession`.
///
/// A NIO handler rather than a task per connection reading an async stream: an idle connection
/// then costs no task, no stack slab and no async-stream machinery (BENCHMARKS.md), and a frame
/// reaches the session without first waking a reader task. NIO's frame decoder (added by the
/// upgrade, with `ws_max_frame_bytes`) sits before this handler and answers malformed frames and
/// oversize frames (1002, 1009) itself.
final class GatewayFrameHandler: ChannelDuplexHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private let outbound: GatewayOutbound
    private let session: GatewaySession
    private let maxMessageBytes: Int
    private var flood: FloodGuard
    /// A message whose first frames have arrived without the final one.
    private var partial: (opcode: WebSocketOpcode, data: ByteBuffer)?

    init(outbound: GatewayOutbound, session: GatewaySession, settings: GatewaySettings) {
        self.outbound = outbound
        self.session = session
        self.maxMessageBytes = settings.maxMessageBytes
        self.flood = FloodGuard(limit: settings.floodFrames, window: settings.floodWindow)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        session.open()
    }

    func channelInactive(context: ChannelHandlerContext) {
        session.closed()
        context.fireChannelInactive()
    }

    /// The peer's end of the stream: it is gone, whatever TLS still waits for. (The server allows
    /// half-closed connections, so NIO does not close on its own.)
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event {
            session.closed()
            context.close(promise: nil)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // TLS or socket trouble: nothing more can be said on this connection.
        context.close(promise: nil)
    }

    /// Holds further reads while the session has a backlog of requests to carry out, so a client
    /// that sends faster than its requests are answered is slowed down, not buffered.
    func read(context: ChannelHandlerContext) {
        if session.holdReads() { return }
        context.read()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        outbound.heard()
        // RFC 6455 section 5.1: a server must close the connection on an unmasked client frame.
        guard frame.maskKey != nil else { return fail(.protocolError, "Unmasked frame") }
        switch frame.opcode {
        case .connectionClose:
            receivedClose(frame, context: context)
        case .ping:
            guard admitted() else { return }
            outbound.pong(frame.unmaskedData)
        case .pong:
            break
        case .text, .binary, .continuation:
            receivedData(frame)
        default:
            fail(.protocolError, "Unknown opcode")
        }
    }

    private func receivedData(_ frame: WebSocketFrame) {
        guard !outbound.isClosing else { return }
        guard frame.reservedBits.isEmpty else { return fail(.protocolError, "Reserved bits set") }
        var data = frame.unmaskedData
        var message: (opcode: WebSocketOpcode, data: ByteBuffer)
        switch (frame.opcode, partial) {
        case (.continuation, .some(let started)):
            message = started
            guard message.data.readableBytes + data.readableBytes <= maxMessageBytes else {
                partial = nil
                return fail(.messageTooLarge, "Message too large")
            }
            message.data.writeBuffer(&data)
        case (.continuation, nil):
            return fail(.protocolError, "Continuation without a message")
        case (_, .some):
            return fail(.protocolError, "New message inside a fragmented one")
        default:
            message = (frame.opcode, data)
        }
        guard frame.fin else {
            partial = message
            return
        }
        partial = nil
        guard admitted() else { return }
        if message.opcode == .binary {
            session.receive(.binary)
        } else if let text = String(validating: message.data.readableBytesView, as: UTF8.self) {
            session.receive(.text(text))
        } else {
            fail(.dataInconsistentWithMessage, "Invalid UTF-8")
        }
    }

    /// Counts a frame against the flood limit; a flood ends the connection (1008).
    private func admitted() -> Bool {
        guard flood.admit() else {
            outbound.end(.flood)
            return false
        }
        return true
    }

    /// The peer's close frame: the answer to ours ends the connection; otherwise it is echoed
    /// (its code when valid) and the socket closed once the echo is written.
    /// The session ends with the closing handshake, not when the socket does: TLS then waits up to
    /// its shutdown timeout (5 s) for a close_notify many clients never send, and the player would
    /// stay online, and in the hub, until it gave up.
    private func receivedClose(_ frame: WebSocketFrame, context: ChannelHandlerContext) {
        session.closed()
        if outbound.isClosing {
            context.close(promise: nil)
            return
        }
        var data = frame.unmaskedData
        var code = WebSocketErrorCode.normalClosure
        if data.readableBytes > 0 {
            if let received = data.readWebSocketErrorCode(), Self.isValidCloseCode(received),
                String(validating: data.readableBytesView, as: UTF8.self) != nil
            {
                code = received
            } else {
                code = .protocolError
            }
        }
        outbound.close(code: code, disconnect: true)
    }

    private func fail(_ code: WebSocketErrorCode, _ reason: String) {
        outbound.close(code: code, reason: reason)
    }

    /// Codes a peer may send (RFC 6455 section 7.4): the defined ones that are not reserved for
    /// local use, and the registered and private ranges.
    static func isValidCloseCode(_ code: WebSocketErrorCode) -> Bool {
        let raw = UInt16(webSocketErrorCode: code)
        switch raw {
        case 1000...1003, 1007...1011: return true
        case 3000...4999: return true
        default: return false
        }
    }
}
