#if SSH
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSH

/// One ssh session channel: takes the pty and shell requests, runs the real `arena` client in a
/// pseudo-terminal of its own, and pumps bytes between the two (the pty side is a NIO pipe
/// channel on the same event loop, `PtyOutputHandler`). Everything but a terminal with the game
/// is refused: commands (exec), subsystems (sftp), other environment variables.
final class SSHSessionHandler: ChannelInboundHandler {
    typealias InboundIn = SSHChannelData
    typealias OutboundOut = SSHChannelData

    private struct Terminal {
        var term: String
        var columns: Int
        var rows: Int
    }

    private enum Phase {
        case waiting
        case starting
        case running(process: PtyProcess, io: any Channel, launch: ClientLaunch)
        case ended
    }

    private let settings: SSHSessionSettings
    private let connection: SSHConnectionState
    private var terminal: Terminal?
    private var environment: [String: String] = [:]
    private var phase = Phase.waiting
    private var holdsSessionSlot = false
    private var lastInput = NIODeadline.now()
    private var idleCheck: Scheduled<Void>?
    private var context: ChannelHandlerContext?

    init(settings: SSHSessionSettings, connection: SSHConnectionState) {
        self.settings = settings
        self.connection = connection
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    // MARK: Requests

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case let request as SSHChannelRequestEvent.PseudoTerminalRequest:
            // Some clients send 0 x 0 when they do not know; a terminal needs a size.
            terminal = Terminal(
                term: Self.sanitisedTerm(request.term),
                columns: request.terminalCharacterWidth > 0 ? request.terminalCharacterWidth : 80,
                rows: request.terminalRowHeight > 0 ? request.terminalRowHeight : 24)
            reply(request.wantReply, true, context)
        case let request as SSHChannelRequestEvent.EnvironmentRequest:
            let accepted =
                ClientLaunch.acceptsEnvironment(request.name) && request.value.utf8.count <= 64
                && request.value.allSatisfy { $0.isASCII && !$0.isNewline && $0 != "\0" }
            if accepted { environment[request.name] = request.value }
            reply(request.wantReply, accepted, context)
        case let request as SSHChannelRequestEvent.ShellRequest:
            startShell(wantReply: request.wantReply, context: context)
        case let request as SSHChannelRequestEvent.WindowChangeRequest:
            terminal?.columns = request.terminalCharacterWidth
            terminal?.rows = request.terminalRowHeight
            if case .running(let process, _, _) = phase {
                process.resize(columns: request.terminalCharacterWidth, rows: request.terminalRowHeight)
            }
        case let request as SSHChannelRequestEvent.ExecRequest:
            refuse(
                "This server runs only the TicTacToe Arena game; commands are not available. Connect without one: ssh -p PORT NAME@HOST",
                wantReply: request.wantReply, context: context)
        case let request as SSHChannelRequestEvent.SubsystemRequest:
            settings.logger.info(
                "ssh subsystem refused", metadata: ["subsystem": .string(String(request.subsystem.prefix(32)))])
            reply(request.wantReply, false, context)
            context.close(promise: nil)
        case let event as ChannelEvent where event == .inputClosed:
            // The ssh client closed its input (stdin ended): nothing more can be typed.
            context.close(promise: nil)
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    private func reply(_ wantReply: Bool, _ success: Bool, _ context: ChannelHandlerContext) {
        guard wantReply else { return }
        let event: Any = success ? ChannelSuccessEvent() : ChannelFailureEvent()
        context.triggerUserOutboundEvent(event, promise: nil)
    }

    /// Accepts the request only to say no on stderr and end with status 1: `ssh host ls` then
    /// prints why and exits non-zero, where a bare failure reply tells the player nothing.
    private func refuse(_ message: String, wantReply: Bool, context: ChannelHandlerContext) {
        guard case .waiting = phase else {
            reply(wantReply, false, context)
            return
        }
        phase = .ended
        reply(wantReply, true, context)
        write(message + "\r\n", type: .stdErr, context: context)
        finish(status: 1, context: context)
    }

    // MARK: The client

    private func startShell(wantReply: Bool, context: ChannelHandlerContext) {
        guard case .waiting = phase else {
            reply(wantReply, false, context)
            return
        }
        guard let terminal else {
            refuse(
                "TicTacToe Arena needs a terminal: connect with `ssh -t -p PORT NAME@HOST`.", wantReply: wantReply,
                context: context)
            return
        }
        guard settings.limits.startSession() else {
            settings.logger.notice(
                "ssh session refused: server full", metadata: ["remote": .string(connection.remoteIP)])
            phase = .ended
            reply(wantReply, true, context)
            write(settings.limits.fullMessage + "\r\n", type: .channel, context: context)
            finish(status: 1, context: context)
            return
        }
        holdsSessionSlot = true
        connection.clientStarted = true
        phase = .starting
        reply(wantReply, true, context)

        let (auth, userID, server) = (settings.auth, connection.userID, settings.loopback.address)
        let remembered = context.eventLoop.makePromise(of: ClientLaunch.RememberedSession?.self)
        remembered.completeWithTask {
            guard let userID, let issued = try await auth.issueSession(userID: userID) else { return nil }
            return ClientLaunch.RememberedSession(username: issued.username, refreshToken: issued.refreshToken)
        }
        remembered.futureResult.assumeIsolated().whenComplete { result in
            let session = (try? result.get()) ?? nil
            self.spawn(terminal: terminal, session: session, server: server, context: context)
        }
    }

    private func spawn(
        terminal: Terminal, session: ClientLaunch.RememberedSession?, server: String, context: ChannelHandlerContext
    ) {
        guard case .starting = phase else {
            releaseSlot()
            return
        }
        let launch: ClientLaunch
        let spawned: (process: PtyProcess, ioFD: CInt)
        do {
            launch = try ClientLaunch.prepare(
                clientPath: settings.clientPath, server: server, fingerprint: settings.loopback.fingerprint,
                term: terminal.term, sentEnvironment: environment, session: session,
                directories: settings.directories)
            do {
                spawned = try PtyProcess.spawn(
                    path: launch.path, arguments: launch.arguments, environment: launch.environment,
                    directory: launch.directory, columns: terminal.columns, rows: terminal.rows)
            } catch {
                launch.cleanUp()
                throw error
            }
        } catch {
            settings.logger.error("ssh session could not start the client", metadata: ["error": "\(error)"])
            phase = .ended
            releaseSlot()
            write(
                "The game could not be started here; please tell the server's operator.\r\n", type: .stdErr,
                context: context)
            finish(status: 1, context: context)
            return
        }
        settings.logger.info(
            "ssh session started",
            metadata: [
                "pid": .stringConvertible(spawned.process.pid), "remote": .string(connection.remoteIP),
                "key_login": .stringConvertible(session != nil),
            ])
        let output = NIOLoopBound(PtyOutputHandler(session: self), eventLoop: context.eventLoop)
        let bootstrap = NIOPipeBootstrap(group: context.eventLoop)
            .channelOption(ChannelOptions.allowRemoteHalfClosure, value: false)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(output.value)
                }
            }
        bootstrap.takingOwnershipOfDescriptor(inputOutput: spawned.ioFD).assumeIsolated().whenComplete { result in
            switch result {
            case .success(let io):
                guard case .starting = self.phase else {
                    // The ssh side went away while the pipe was being set up.
                    io.close(promise: nil)
                    self.endClient(spawned.process, launch: launch, eventLoop: context.eventLoop)
                    return
                }
                self.phase = .running(process: spawned.process, io: io, launch: launch)
                self.lastInput = .now()
                self.scheduleIdleCheck(context: context)
            case .failure(let error):
                close(spawned.ioFD)
                self.settings.logger.error("ssh session pty setup failed", metadata: ["error": "\(error)"])
                self.phase = .ended
                self.endClient(spawned.process, launch: launch, eventLoop: context.eventLoop)
                context.close(promise: nil)
            }
        }
    }

    /// Hangs up on the client and waits for it; then lets go of what it held.
    @discardableResult
    private func endClient(_ process: PtyProcess, launch: ClientLaunch, eventLoop: any EventLoop)
        -> EventLoopFuture<Int32>
    {
        let release = releaser(launch)
        return process.terminate(on: eventLoop).always { _ in release() }
    }

    /// What to do once the client has exited, whichever way it ended: end the login it held,
    /// remove its dir, free its slot. The login (by key, or a password typed in this session)
    /// lived only in that dir and nobody could use it again, so it is revoked rather than left
    /// valid until it expires.
    private func releaser(_ launch: ClientLaunch) -> @Sendable () -> Void {
        let (limits, auth, logger) = (settings.limits, settings.auth, settings.logger)
        let releaseSlot = holdsSessionSlot
        holdsSessionSlot = false
        return {
            let tokens = SSHSessionDirectories.empty(launch.directory)
            if releaseSlot { limits.endSession() }
            guard !tokens.isEmpty else { return }
            Task {
                if await SSHSessionDirectories.endLogins(tokens, auth: auth) < tokens.count {
                    logger.debug("the ssh session's login had already ended")
                }
            }
        }
    }

    // MARK: Bytes

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let message = unwrapInboundIn(data)
        guard case .channel = message.type, case .byteBuffer(let bytes) = message.data else { return }
        lastInput = .now()
        if case .running(_, let io, _) = phase { io.writeAndFlush(bytes, promise: nil) }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        // Stop reading the client's screen output while ssh cannot send it on.
        if case .running(_, let io, _) = phase {
            io.setOption(ChannelOptions.autoRead, value: context.channel.isWritable).whenFailure { _ in }
        }
        context.fireChannelWritabilityChanged()
    }

    /// The client drew something: on to the ssh client.
    func clientOutput(_ bytes: ByteBuffer) {
        guard let context else { return }
        context.write(wrapOutboundOut(SSHChannelData(type: .channel, data: .byteBuffer(bytes))), promise: nil)
    }

    func clientOutputFlushed() { context?.flush() }

    /// The client closed its terminal (it quit or crashed): report its status and end the channel.
    func clientEnded() {
        guard case .running(let process, _, let launch) = phase, let context else { return }
        phase = .ended
        let release = releaser(launch)
        process.waitForExit(on: context.eventLoop, killAt: .now() + .seconds(2)).assumeIsolated().whenComplete {
            result in
            release()
            self.finish(status: (try? result.get()) ?? 255, context: context)
        }
    }

    private func write(_ text: String, type: SSHChannelData.DataType, context: ChannelHandlerContext) {
        let buffer = context.channel.allocator.buffer(string: text)
        context.writeAndFlush(wrapOutboundOut(SSHChannelData(type: type, data: .byteBuffer(buffer))), promise: nil)
    }

    private func finish(status: Int32, context: ChannelHandlerContext) {
        context.triggerUserOutboundEvent(SSHChannelRequestEvent.ExitStatus(exitStatus: Int(status)))
            .assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }

    // MARK: Idle and teardown

    private func scheduleIdleCheck(context: ChannelHandlerContext) {
        let timeout = settings.idleTimeout
        let period = min(timeout, .seconds(15))
        idleCheck = context.eventLoop.assumeIsolated().scheduleTask(in: period) {
            guard case .running = self.phase else { return }
            if NIODeadline.now() - self.lastInput >= timeout {
                self.settings.logger.info(
                    "ssh session idle; closing", metadata: ["remote": .string(self.connection.remoteIP)])
                self.write(
                    "\r\nDisconnected: no key pressed for \(timeout.nanoseconds / 60_000_000_000) minutes.\r\n",
                    type: .stdErr, context: context)
                context.close(promise: nil)
            } else {
                self.scheduleIdleCheck(context: context)
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        idleCheck?.cancel()
        idleCheck = nil
        if case .running(let process, let io, let launch) = phase {
            io.close(promise: nil)
            endClient(process, launch: launch, eventLoop: context.eventLoop)
            settings.logger.info("ssh session ended", metadata: ["remote": .string(connection.remoteIP)])
        }
        // While starting, spawn() sees the phase change and ends what it started.
        phase = .ended
        context.fireChannelInactive()
    }

    private func releaseSlot() {
        if holdsSessionSlot { settings.limits.endSession() }
        holdsSessionSlot = false
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    /// A TERM name is passed to the client's environment and to ncurses: letters, digits and
    /// `-+._` only, or the safe default.
    static func sanitisedTerm(_ term: String) -> String {
        let allowed = term.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-+._".contains($0)) }
        return allowed && !term.isEmpty && term.count <= 64 ? term : "xterm"
    }
}
#endif
