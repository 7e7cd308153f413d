import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import NIOCore
import NIOHTTPTypes
import Synchronization

/// The HTTP/1 + WebSocket child channel of the listener, with the contract's answer to a refused
/// gateway upgrade: "No valid token: the upgrade is refused with 401" and the JSON error body.
///
/// hummingbird-websocket runs the router for an upgrade request and, when the route does not
/// answer 200, drops that response and writes an empty 400 instead (`writeFailedUpgrade`); what
/// the router said is not visible from outside its channel, and the upgrade request itself never
/// reaches the pipeline behind it. So the refusal is carried around it: the router's responder is
/// wrapped to record a refused upgrade's response under its connection (`AppRequestContext`
/// knows the channel it came from), and a handler that hummingbird adds to the failed
/// connection's pipeline (`additionalChannelHandlers`) takes that record when it is added and
/// writes it in place of the empty 400: status, security headers, `X-Request-ID`, error body.
/// Everything else (upgrade, WebSocket configuration, plain HTTP) is hummingbird-websocket's own.
enum GatewayChildChannel {
    static func builder<Router: HTTPResponderBuilder & _HB_SendableMetatype>(
        webSocketRouter: Router, configuration ws: WebSocketServerConfiguration
    ) -> HTTPServerBuilder where Router.Responder.Context == AppRequestContext {
        let refusals = UpgradeRefusals()
        return .http1WebSocketUpgrade(
            webSocketRouter: RefusalRecordingRouter(router: webSocketRouter, refusals: refusals),
            configuration: .init(
                http1: .init(additionalChannelHandlers: [UpgradeRefusalHandler(refusals: refusals)]), ws: ws))
    }
}

/// A refused upgrade's response, kept until its connection writes the refusal.
struct UpgradeRefusal: Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: ByteBuffer
}

/// Refusals by connection. Each is taken as soon as its connection's failed-upgrade pipeline is
/// set up, which hummingbird does right after the router's answer; the cap only guards against
/// a path that records and never sets that pipeline up.
final class UpgradeRefusals: Sendable {
    static let capacity = 4096
    private let byChannel = Mutex<[ObjectIdentifier: UpgradeRefusal]>([:])

    func record(_ refusal: UpgradeRefusal, channel: ObjectIdentifier) {
        byChannel.withLock { map in
            if map.count >= Self.capacity { map.removeAll(keepingCapacity: true) }
            map[channel] = refusal
        }
    }

    func take(channel: ObjectIdentifier) -> UpgradeRefusal? {
        byChannel.withLock { $0.removeValue(forKey: channel) }
    }
}

/// The router as the upgrade sees it, recording every answer other than 200 to an upgrade request.
struct RefusalRecordingRouter<Router: HTTPResponderBuilder>: HTTPResponderBuilder
where Router.Responder.Context == AppRequestContext, Router: _HB_SendableMetatype {
    let router: Router
    let refusals: UpgradeRefusals

    init(router: Router, refusals: UpgradeRefusals) {
        self.router = router
        self.refusals = refusals
    }

    func buildResponder() -> RefusalRecordingResponder<Router.Responder> {
        RefusalRecordingResponder(inner: router.buildResponder(), refusals: refusals)
    }
}

struct RefusalRecordingResponder<Inner: HTTPResponder>: HTTPResponder where Inner.Context == AppRequestContext {
    typealias Context = Inner.Context
    let inner: Inner
    let refusals: UpgradeRefusals

    func respond(to request: Request, context: Context) async throws -> Response {
        let response = try await inner.respond(to: request, context: context)
        guard response.status != .ok else { return response }
        let collected = BodyCollector()
        try await response.body.write(CollectingWriter(collector: collected))
        refusals.record(
            UpgradeRefusal(status: response.status, headers: response.headers, body: collected.buffer),
            channel: context.channelID)
        return Response(status: response.status, headers: response.headers, body: .init(byteBuffer: collected.buffer))
    }
}

/// Gathers a response body's buffers (error bodies are one small buffer).
final class BodyCollector: Sendable {
    private let storage = Mutex(ByteBuffer())
    var buffer: ByteBuffer { storage.withLock { $0 } }
    func append(_ part: ByteBuffer) {
        storage.withLock { buffer in
            var part = part
            buffer.writeBuffer(&part)
        }
    }
}

struct CollectingWriter: ResponseBodyWriter {
    let collector: BodyCollector
    mutating func write(_ buffer: ByteBuffer) async throws { collector.append(buffer) }
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

/// Sits between the HTTP codec and the connection's request handling, on connections that did not
/// upgrade. When the connection's upgrade was refused, it holds the router's answer and writes it
/// in place of the empty 400.
final class UpgradeRefusalHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let refusals: UpgradeRefusals
    private var pending: UpgradeRefusal?
    /// True between a replaced head and its end: the original (empty) body parts are dropped.
    private var replacing = false

    init(refusals: UpgradeRefusals) { self.refusals = refusals }

    func handlerAdded(context: ChannelHandlerContext) {
        pending = refusals.take(channel: ObjectIdentifier(context.channel))
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let part = unwrapOutboundIn(data)
        switch part {
        case .head(let head) where head.status == .badRequest && pending != nil:
            guard let refusal = pending else { return }
            pending = nil
            replacing = true
            var headers = refusal.headers
            headers[.connection] = "close"
            headers[.contentLength] = String(refusal.body.readableBytes)
            context.write(
                wrapOutboundOut(.head(HTTPResponse(status: refusal.status, headerFields: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(refusal.body)), promise: promise)
        case .body where replacing:
            promise?.succeed()
        case .end where replacing:
            replacing = false
            context.write(data, promise: promise)
        default:
            context.write(data, promise: promise)
        }
    }
}
