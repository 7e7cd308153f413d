import ArenaClient
import ArenaHTTP
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

@testable import ArenaServer

/// A real HTTPS/1.1 server on a free loopback port whose paths act out what a client must cope
/// with: keep-alive, `Connection: close`, closing without an answer, never answering, big bodies.
final class TestHTTPServer: Sendable {
    struct Counts: Sendable {
        var accepted = 0
        var open = 0
        var requests = 0
    }

    let port: Int
    let certificate: NIOSSLCertificate
    private let channel: any Channel
    private let record: Record

    /// `gather`: how many `/gather` requests are held until all of them are answered together.
    static func start(gather: Int = 2) async throws -> TestHTTPServer {
        let made = try CertificateStore.makeSelfSigned()
        let store = try CertificateStore(certificatePEM: made.cert, privateKeyPEM: made.key, generated: true)
        let context = try NIOSSLContext(configuration: try store.tlsConfiguration())
        let record = Record(gather: gather)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                record.opened(channel)
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(ScriptedHandler(record: record))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let certificate = try NIOSSLCertificate(bytes: Array(made.cert.utf8), format: .pem)
        return TestHTTPServer(channel: channel, certificate: certificate, record: record)
    }

    private init(channel: any Channel, certificate: NIOSSLCertificate, record: Record) {
        self.channel = channel
        self.port = channel.localAddress?.port ?? 0
        self.certificate = certificate
        self.record = record
    }

    var counts: Counts { record.counts }

    /// A client that trusts this server's certificate the way the arena client pins one.
    func client(_ adjust: (inout HTTP1ClientConfiguration) -> Void = { _ in }) -> HTTP1Client {
        var configuration = HTTP1ClientConfiguration(
            host: "127.0.0.1", port: port, tls: PinnedTLS.configuration(pinning: certificate))
        adjust(&configuration)
        return HTTP1Client(configuration: configuration)
    }

    /// Polls (no fixed sleep) until `condition` holds on the counts, or gives up after 10 s.
    func wait(until condition: (Counts) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if condition(counts) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition(counts)
    }

    func stop() async {
        record.closeAll()
        try? await channel.close()
    }
}

/// What the server saw, shared by every connection's handler.
private final class Record: Sendable {
    private struct State {
        var counts = TestHTTPServer.Counts()
        var children: [ObjectIdentifier: any Channel] = [:]
        var gathered: [any Channel] = []
    }

    let gather: Int
    private let state = Mutex(State())

    init(gather: Int) {
        self.gather = gather
    }

    var counts: TestHTTPServer.Counts { state.withLock { $0.counts } }

    func opened(_ channel: any Channel) {
        let key = ObjectIdentifier(channel)
        state.withLock {
            $0.counts.accepted += 1
            $0.counts.open += 1
            $0.children[key] = channel
        }
        channel.closeFuture.whenComplete { _ in
            self.state.withLock {
                $0.counts.open -= 1
                $0.children[key] = nil
            }
        }
    }

    func requested() {
        state.withLock { $0.counts.requests += 1 }
    }

    /// Holds `channel`'s request; returns every held one once `gather` are held.
    func hold(_ channel: any Channel) -> [any Channel] {
        state.withLock { state in
            state.gathered.append(channel)
            guard state.gathered.count >= gather else { return [] }
            defer { state.gathered = [] }
            return state.gathered
        }
    }

    func closeAll() {
        for channel in state.withLock({ Array($0.children.values) }) { channel.close(promise: nil) }
    }
}

/// Answers each request by its path.
private final class ScriptedHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let record: Record
    private var path = ""
    private var body = ByteBuffer()
    private var served = 0

    init(record: Record) {
        self.record = record
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            path = head.uri
            body.clear()
        case .body(var chunk):
            body.writeBuffer(&chunk)
        case .end:
            record.requested()
            served += 1
            answer(context: context)
        }
    }

    private func answer(context: ChannelHandlerContext) {
        let channel = context.channel
        switch path {
        case "/hello": Self.respond(on: channel, "hello")
        case "/echo": Self.respond(on: channel, String(buffer: body))
        case "/close": Self.respond(on: channel, "bye", close: true)
        case "/big": Self.respond(on: channel, String(repeating: "x", count: 4096))
        case "/first-only":
            // A kept connection the server let go of just as the next request arrived.
            if served == 1 { Self.respond(on: channel, "first") } else { channel.close(promise: nil) }
        case "/drop": channel.close(promise: nil)
        case "/hang": break
        case "/gather":
            for held in record.hold(channel) { Self.respond(on: held, "together") }
        default: Self.respond(on: channel, "no such path", status: .notFound)
        }
    }

    private static func respond(
        on channel: any Channel, _ text: String, status: HTTPResponseStatus = .ok, close: Bool = false
    ) {
        var headers: HTTPHeaders = ["Content-Length": String(text.utf8.count)]
        if close { headers.add(name: "Connection", value: "close") }
        channel.write(
            HTTPServerResponsePart.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))
        )
        .whenComplete { _ in }
        channel.write(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(string: text)))).whenComplete { _ in }
        let sent = channel.writeAndFlush(HTTPServerResponsePart.end(nil))
        if close { sent.whenComplete { _ in channel.close(promise: nil) } }
    }
}
