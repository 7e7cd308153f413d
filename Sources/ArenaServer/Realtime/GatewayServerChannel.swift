import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1
import NIOWebSocket
import Synchronization

/// Each accepted connection of the listener: HTTP/1 for the REST API, or, for an upgrade request
/// the `/ws` route accepts, the WebSocket gateway.
///
/// Modelled on hummingbird-websocket's `HTTP1WebSocketUpgradeChannel`, with two differences the
/// gateway needs. An upgraded connection is handed to NIO handlers (`Gateway.attach`) and its
/// task ends there, instead of a task per connection reading an async stream for the
/// connection's whole life: that task was most of an idle connection's memory and two thread hops
/// per frame. And a refused upgrade is answered with the router's own response (the contract's
/// 401 with its JSON error body, 404 for another path), where hummingbird writes an empty 400.
struct GatewayServerChannel<UpgradeResponder: HTTPResponder>: ServerChildChannel, HTTPChannelHandler
where UpgradeResponder.Context == AppRequestContext {
    typealias HTTPChannel = NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>

    enum UpgradeResult: Sendable {
        /// The connection is the gateway's now, in its pipeline.
        case gateway
        case notUpgraded(HTTPChannel)
        case refused(HTTPChannel, Refusal)
    }

    struct Value: ServerChildChannelValue {
        let upgradeResult: EventLoopFuture<UpgradeResult>
        let channel: any Channel
    }

    /// A refused upgrade's response, written in place of the upgrade.
    struct Refusal: Sendable {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: ByteBuffer
    }

    /// How the upgrade request of a connection was answered.
    private enum Decision: Sendable {
        case none
        case accepted(Identity)
        case refused(Refusal)
    }

    let responder: HTTPChannelHandler.Responder
    let upgradeResponder: UpgradeResponder
    let gateway: Gateway
    let maxFrameSize: Int

    init(
        responder: @escaping HTTPChannelHandler.Responder, upgradeResponder: UpgradeResponder, gateway: Gateway,
        maxFrameSize: Int
    ) {
        self.responder = Self.redirectingUpgrades(responder)
        self.upgradeResponder = upgradeResponder
        self.gateway = gateway
        self.maxFrameSize = maxFrameSize
    }

    static func builder<Router: HTTPResponderBuilder>(router: Router, gateway: Gateway, maxFrameSize: Int)
        -> HTTPServerBuilder where Router.Responder == UpgradeResponder
    {
        let upgradeResponder = router.buildResponder()
        return HTTPServerBuilder { responder in
            GatewayServerChannel(
                responder: responder, upgradeResponder: upgradeResponder, gateway: gateway, maxFrameSize: maxFrameSize)
        }
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            let decision = NIOLoopBoundBox(Decision.none, eventLoop: channel.eventLoop)
            let upgrader = NIOTypedWebSocketServerUpgrader<UpgradeResult>(
                maxFrameSize: maxFrameSize,
                shouldUpgrade: { channel, head in
                    let promise = channel.eventLoop.makePromise(of: Decision.self)
                    promise.completeWithTask { await self.decide(head, channel: channel, logger: logger) }
                    return promise.futureResult.map { answer -> HTTPHeaders? in
                        decision.value = answer
                        guard case .accepted = answer else { return nil }
                        return [:]
                    }
                },
                upgradePipelineHandler: { channel, _ in
                    channel.eventLoop.makeCompletedFuture {
                        guard case .accepted(let identity) = decision.value else {
                            throw NIOWebSocketUpgradeError.unsupportedWebSocketTarget
                        }
                        try gateway.attach(to: channel, identity: identity, logger: logger)
                        return UpgradeResult.gateway
                    }
                })
            let upgrade = NIOTypedHTTPServerUpgradeConfiguration(
                upgraders: [upgrader],
                notUpgradingCompletionHandler: { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(HTTP1ToHTTPServerCodec(secure: false))
                        try channel.pipeline.syncOperations.addHandler(
                            HTTPConnectionStateHandler(idleTimeout: nil, logger: logger))
                        let http = try HTTPChannel(
                            wrappingChannelSynchronously: channel,
                            configuration: .init(isOutboundHalfClosureEnabled: true))
                        if case .refused(let refusal) = decision.value { return .refused(http, refusal) }
                        return .notUpgraded(http)
                    }
                })
            var configuration = NIOUpgradableHTTPServerPipelineConfiguration(upgradeConfiguration: upgrade)
            configuration.enablePipelining = false  // NIOAsyncChannel answers requests in order
            configuration.enableErrorHandling = false  // hummingbird's request loop does
            configuration.enableResponseHeaderValidation = false  // HTTPTypes validated them
            try channel.pipeline.syncOperations.addHandler(FirstRequestGuard())
            let result = try channel.pipeline.syncOperations.configureUpgradableHTTPServerPipeline(
                configuration: configuration)
            return Value(upgradeResult: result, channel: channel)
        }
    }

    func handle(value: Value, logger: Logger) async {
        do {
            switch try await value.upgradeResult.get() {
            case .gateway:
                // The pipeline serves the connection from here on; this task has nothing to wait for.
                return
            case .notUpgraded(let http):
                await handleHTTP(asyncChannel: http, logger: logger)
            case .refused(let http, let refusal):
                try await http.executeThenClose { _, outbound in
                    var headers = refusal.headers
                    headers[.connection] = "close"
                    headers[.contentLength] = String(refusal.body.readableBytes)
                    try await outbound.write(
                        contentsOf: [
                            .head(HTTPResponse(status: refusal.status, headerFields: headers)),
                            .body(refusal.body), .end(nil),
                        ])
                }
            }
        } catch let error as ChannelError where error == .inputClosed {
            logger.trace("connection closed during the upgrade")
        } catch {
            logger.debug("connection ended during the upgrade", metadata: ["error": "\(error)"])
        }
    }

    /// Runs the upgrade request through the router: a 200 from the `/ws` route with an identity
    /// accepts it; any other answer is the refusal to write.
    private func decide(_ head: HTTPRequestHead, channel: any Channel, logger: Logger) async -> Decision {
        let upgrade = GatewayUpgrade()
        var context = AppRequestContext(source: .init(channel: channel, logger: logger))
        context.gatewayUpgrade = upgrade
        do {
            let request = Request(
                head: try HTTPRequest(head, secure: false, splitCookie: false), body: .init(buffer: ByteBuffer()))
            let response = try await upgradeResponder.respond(to: request, context: context)
            if response.status == .ok, let identity = upgrade.identity { return .accepted(identity) }
            let body = BodyCollector()
            try await response.body.write(body)
            return .refused(Refusal(status: response.status, headers: response.headers, body: body.buffer))
        } catch {
            // ErrorMiddleware turns every error of a route into a response; this is a request
            // that could not even be read.
            return .refused(Refusal(status: .badRequest, headers: [:], body: ByteBuffer()))
        }
    }

    /// An upgrade request on a connection that already served a plain request can no longer be
    /// upgraded (NIO's upgrader only looks at the first): send it back to reconnect, as
    /// hummingbird-websocket does.
    private static func redirectingUpgrades(_ responder: @escaping HTTPChannelHandler.Responder)
        -> HTTPChannelHandler.Responder
    {
        return { request, writer, channel in
            guard request.asksForWebSocket else {
                return try await responder(request, writer, channel)
            }
            var location = request.uri.path
            if let query = request.uri.query { location += "?\(query)" }
            try await writer.writeResponse(
                HTTPResponse(status: .temporaryRedirect, headerFields: [.connection: "close", .location: location]))
            throw GatewayRedirectedUpgrade()
        }
    }
}

/// Ends a connection whose upgrade request was sent back to reconnect.
struct GatewayRedirectedUpgrade: Error {}

/// Gathers a response body's buffers (error bodies are one small buffer).
final class BodyCollector: ResponseBodyWriter, Sendable {
    private let storage = Mutex(ByteBuffer())
    var buffer: ByteBuffer { storage.withLock { $0 } }

    func write(_ buffer: ByteBuffer) async throws {
        storage.withLock { stored in
            var part = buffer
            stored.writeBuffer(&part)
        }
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
