import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// One kept-alive TLS connection. Its requests run one at a time on the connection's own task
/// (`run`), which holds the channel's two halves for the connection's whole life: NIOAsyncChannel
/// hands them out only inside `executeThenClose`, so callers post exchanges to that task.
final class HTTP1Connection: Sendable {
    typealias AsyncChannel = NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>

    /// What a finished exchange tells the pool besides the response.
    struct Outcome: Sendable {
        var response: HTTP1Response
        var keepAlive: Bool
    }

    private struct Exchange: Sendable {
        var id: UInt64
        var head: HTTPRequestHead
        var body: ByteBuffer?
        var bodyLimit: Int
        var deadline: NIODeadline
        var reply: CheckedContinuation<Outcome, any Error>
    }

    /// Fired into the pipeline to end an exchange at once: the inbound stream fails with it
    /// now, while closing the channel may wait up to NIOSSL's shutdown timeout for the server's
    /// close_notify.
    private struct Abort: Error {
        var exchange: UInt64
        var reason: HTTP1ClientError
    }

    private let channel: AsyncChannel
    private let exchanges: AsyncStream<Exchange>
    private let mailbox: AsyncStream<Exchange>.Continuation
    private let lastExchangeID = Atomic<UInt64>(0)

    private init(channel: AsyncChannel) {
        self.channel = channel
        (exchanges, mailbox) = AsyncStream.makeStream()
        // Wakes the task when the server (or the idle timer) closes a connection nobody is using.
        channel.channel.closeFuture.whenComplete { [mailbox] _ in mailbox.finish() }
    }

    var isActive: Bool { channel.channel.isActive }
    var eventLoop: any EventLoop { channel.channel.eventLoop }
    var closeFuture: EventLoopFuture<Void> { channel.channel.closeFuture }

    func close() {
        channel.channel.close(promise: nil)
    }

    /// TCP connect, TLS handshake and the HTTP/1 codec, all before `deadline`.
    static func open(
        _ configuration: HTTP1ClientConfiguration, tls: NIOSSLContext, on eventLoop: any EventLoop,
        deadline: NIODeadline
    ) async throws(HTTP1ClientError) -> HTTP1Connection {
        let serverName = configuration.sniServerName
        let connected: (AsyncChannel, EventLoopFuture<Void>)
        do {
            connected = try await ClientBootstrap(group: eventLoop)
                .connectTimeout(deadline - .now())
                .connect(host: configuration.host, port: configuration.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let pipeline = channel.pipeline.syncOperations
                        try pipeline.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverName))
                        let handshake = channel.eventLoop.makePromise(of: Void.self)
                        try pipeline.addHandler(TLSHandshakeWaiter(promise: handshake))
                        try pipeline.addHTTPClientHandlers()
                        return (try AsyncChannel(wrappingChannelSynchronously: channel), handshake.futureResult)
                    }
                }
        } catch {
            throw connectFailure(error, deadline: deadline)
        }
        let (channel, handshake) = connected
        let timer = channel.channel.eventLoop.scheduleTask(deadline: deadline) { channel.channel.close(promise: nil) }
        defer { timer.cancel() }
        do {
            try await handshake.get()
        } catch {
            // Closes the channel and finishes its writer, which must not be dropped unfinished.
            try? await channel.executeThenClose { _, _ in }
            throw connectFailure(error, deadline: deadline)
        }
        return HTTP1Connection(channel: channel)
    }

    private static func connectFailure(_ error: any Error, deadline: NIODeadline) -> HTTP1ClientError {
        if case ChannelError.connectTimeout = error { return .connectTimeout }
        return NIODeadline.now() >= deadline ? .connectTimeout : .connectFailed(error)
    }

    /// Sends one request and waits for its whole response. The deadline and a cancelled caller
    /// both end the wait by aborting the exchange, which also closes the connection.
    func execute(
        _ head: HTTPRequestHead, body: ByteBuffer?, bodyLimit: Int, deadline: NIODeadline
    ) async throws(HTTP1ClientError) -> Outcome {
        let channel = self.channel.channel
        let id = lastExchangeID.add(1, ordering: .relaxed).newValue
        let timer = channel.eventLoop.scheduleTask(deadline: deadline) {
            Self.abort(channel, Abort(exchange: id, reason: .requestTimeout))
        }
        defer { timer.cancel() }
        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { reply in
                    let exchange = Exchange(
                        id: id, head: head, body: body, bodyLimit: bodyLimit, deadline: deadline, reply: reply)
                    if case .terminated = mailbox.yield(exchange) {
                        reply.resume(throwing: HTTP1ClientError.connectionClosed(responseStarted: false))
                    }
                }
            } onCancel: {
                Self.abort(channel, Abort(exchange: id, reason: .cancelled))
            }
        } catch let error as HTTP1ClientError {
            throw error
        } catch {
            throw .connectionClosed(responseStarted: false)
        }
    }

    private static func abort(_ channel: any Channel, _ abort: Abort) {
        channel.pipeline.fireErrorCaught(abort)
        channel.close(promise: nil)
    }

    /// The connection's task: runs exchanges until one fails, keep-alive ends, or the channel
    /// closes; returns with the channel closed and every posted exchange answered.
    func run() async {
        var pending = exchanges.makeAsyncIterator()
        // The body catches its own errors, so executeThenClose has none to rethrow.
        try? await channel.executeThenClose { inbound, outbound in
            var responses = inbound.makeAsyncIterator()
            while let exchange = await pending.next() {
                do {
                    let outcome = try await Self.perform(exchange, responses: &responses, outbound: outbound)
                    exchange.reply.resume(returning: outcome)
                    if !outcome.keepAlive { return }
                } catch {
                    exchange.reply.resume(throwing: error)
                    return
                }
            }
        }
        mailbox.finish()
        while let late = await pending.next() {
            late.reply.resume(throwing: HTTP1ClientError.connectionClosed(responseStarted: false))
        }
    }

    private static func perform(
        _ exchange: Exchange,
        responses: inout NIOAsyncChannelInboundStream<HTTPClientResponsePart>.AsyncIterator,
        outbound: NIOAsyncChannelOutboundWriter<HTTPClientRequestPart>
    ) async throws(HTTP1ClientError) -> Outcome {
        var parts: [HTTPClientRequestPart] = [.head(exchange.head)]
        if let body = exchange.body { parts.append(.body(.byteBuffer(body))) }
        parts.append(.end(nil))
        do {
            try await outbound.write(contentsOf: parts)
        } catch {
            if error is HTTPParserError { throw .invalidRequest(String(describing: error)) }
            throw brokenOff(responseStarted: false, deadline: exchange.deadline)
        }
        var head: HTTPResponseHead?
        var body = ByteBuffer()
        do {
            while let part = try await responses.next() {
                switch part {
                case .head(let received):
                    head = received
                case .body(var chunk):
                    guard body.readableBytes + chunk.readableBytes <= exchange.bodyLimit else {
                        throw HTTP1ClientError.responseTooLarge(limit: exchange.bodyLimit)
                    }
                    body.writeBuffer(&chunk)
                case .end:
                    guard let head else { throw HTTP1ClientError.connectionClosed(responseStarted: false) }
                    let response = HTTP1Response(status: head.status, headers: head.headers, body: body)
                    return Outcome(response: response, keepAlive: head.isKeepAlive && exchange.head.isKeepAlive)
                }
            }
        } catch let error as HTTP1ClientError {
            throw error
        } catch let abort as Abort {
            // One that reaches a later exchange came too late for its own; the channel is closing.
            throw abort.exchange == exchange.id ? abort.reason : .connectionClosed(responseStarted: false)
        } catch {
            if error is HTTPParserError { throw .invalidResponse(error) }
            throw brokenOff(responseStarted: head != nil, deadline: exchange.deadline)
        }
        throw brokenOff(responseStarted: head != nil, deadline: exchange.deadline)
    }

    /// An exchange whose channel closed under it: by the deadline's timer, or by the server.
    private static func brokenOff(responseStarted: Bool, deadline: NIODeadline) -> HTTP1ClientError {
        NIODeadline.now() >= deadline ? .requestTimeout : .connectionClosed(responseStarted: responseStarted)
    }
}
