import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOWebSocket

/// One player's authenticated gateway connection, driven entirely on its NIO event loop: each
/// server frame is read, decided (`Player`) and answered there, with no task, queue or actor
/// between the socket and the decision. The tool shares the server's two cores, so every
/// microsecond it spends per move is taken from the server it measures: with a task-based
/// WebSocket client the tool needed about 0.15 ms of CPU per move.
enum PlayerConnection {
    /// Connects, waits for every other player at `gate`, then plays until the task is cancelled.
    static func run(
        _ setup: Player.Setup, address: ServerAddress, tls: NIOSSLContext, window: RunWindow,
        connected: @escaping @Sendable (Bool) -> Void, gate: Gate
    ) async -> PlayerResult {
        let channel: any Channel
        let finished: EventLoopFuture<PlayerResult>
        do {
            (channel, finished) = try await GatewayDialer.connect(address: address, tls: tls, token: setup.token) {
                channel in
                let done = channel.eventLoop.makePromise(of: PlayerResult.self)
                try channel.pipeline.syncOperations.addHandler(
                    PlayerHandler(player: Player(setup: setup, window: window), done: done))
                return done.futureResult
            }
        } catch {
            connected(false)
            var failed = PlayerResult()
            failed.errors.add("connect_failed")
            return failed
        }
        connected(true)
        await gate.wait()
        channel.pipeline.fireUserInboundEventTriggered(PlayerHandler.Start())
        return await withTaskCancellationHandler {
            do {
                return try await finished.get()
            } catch {
                var failed = PlayerResult()
                failed.errors.add("connection_error")
                return failed
            }
        } onCancel: {
            channel.close(promise: nil)
        }
    }

}

/// The player on its connection's event loop. Every frame it writes is masked, as a client's
/// must be; it answers pings and the server's close, and reports the player's result when the
/// connection ends.
final class PlayerHandler: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    /// Fired through the pipeline when every player is connected: start playing.
    struct Start: Sendable {}

    private var player: Player
    private let done: EventLoopPromise<PlayerResult>
    private var steps: [Player.Step] = []
    private var failed = false
    private var reported = false

    init(player: Player, done: EventLoopPromise<PlayerResult>) {
        self.player = player
        self.done = done
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is Start else { return context.fireUserInboundEventTriggered(event) }
        perform(player.start(), context: context)
        context.flush()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text:
            frame.data.withUnsafeReadableBytes { raw in
                player.handle(raw.bindMemory(to: UInt8.self), into: &steps)
            }
            let taken = steps
            steps.removeAll(keepingCapacity: true)
            for step in taken { perform(step, context: context) }
        default:
            _ = context.answerControlFrame(frame)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        failed = true
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        report()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        report()
    }

    /// Once, when the connection ends (or the handler leaves a pipeline that stays open).
    private func report() {
        guard !reported else { return }
        reported = true
        player.connectionEnded(byError: failed)
        done.succeed(player.result)
    }

    private func perform(_ step: Player.Step, context: ChannelHandlerContext) {
        switch step {
        case .send(let text):
            write(text, context: context)
        case .think(let game):
            let think = player.setup.thinkMilliseconds
            if think == 0 {
                move(game, context: context)
            } else {
                context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(think))) {
                    self.move(game, context: context)
                    context.flush()
                }
            }
        }
    }

    private func move(_ game: GameView, context: ChannelHandlerContext) {
        switch player.move(game) {
        case .send(let text):
            write(text, context: context)
        case .waitForOpponent:
            context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(1)) {
                self.move(game, context: context)
                context.flush()
            }
        case .none:
            break
        }
    }

    private func write(_ text: String, context: ChannelHandlerContext) {
        let buffer = context.channel.allocator.buffer(string: text)
        context.writeMasked(WebSocketFrame(fin: true, opcode: .text, data: buffer))
    }
}
