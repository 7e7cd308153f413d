import NIOCore
import NIOWebSocket

/// What every connection handler of the tool does with frames besides its own traffic.
extension ChannelHandlerContext {
    /// Writes a frame masked, as a client's frames must be (RFC 6455, 5.3).
    func writeMasked(_ frame: WebSocketFrame) {
        var frame = frame
        frame.maskKey = .random()
        write(NIOAny(frame), promise: nil)
    }

    /// Answers the server's ping, and echoes its close and then closes; false for any other frame.
    func answerControlFrame(_ frame: WebSocketFrame) -> Bool {
        switch frame.opcode {
        case .ping:
            writeMasked(WebSocketFrame(fin: true, opcode: .pong, data: frame.data))
            flush()
            return true
        case .connectionClose:
            writeMasked(WebSocketFrame(fin: true, opcode: .connectionClose, data: frame.data))
            flush()
            close(promise: nil)
            return true
        default:
            return false
        }
    }
}
