import ArenaClient
import NIOCore
import NIOPosix
import NIOSSL
import Testing

@testable import ArenaHTTP

/// HTTP1Client against a real TLS server on loopback (`TestHTTPServer`).
@Suite struct HTTP1ClientTests {
    @Test func requestsInARowShareOneKeptConnection() async throws {
        try await withServer { server, client in
            let first = try await client.execute(HTTP1Request(method: .GET, target: "/hello"))
            let echoed = try await client.execute(
                HTTP1Request(method: .POST, target: "/echo", body: ByteBuffer(string: #"{"a":1}"#)))
            #expect(first.status == .ok && String(buffer: first.body) == "hello")
            #expect(String(buffer: echoed.body) == #"{"a":1}"#)
            #expect(server.counts.accepted == 1)
        }
    }

    @Test func aKeptConnectionTheServerDroppedIsRetriedOnAFreshOne() async throws {
        try await withServer { server, client in
            let first = try await client.execute(HTTP1Request(method: .GET, target: "/first-only"))
            let second = try await client.execute(HTTP1Request(method: .POST, target: "/first-only"))
            #expect(String(buffer: first.body) == "first" && String(buffer: second.body) == "first")
            // The second request reached the kept connection (which the server closed without an
            // answer) and then a new one.
            #expect(server.counts.accepted == 2 && server.counts.requests == 3)
        }
    }

    @Test func aNewConnectionClosedWithoutAnAnswerIsAnErrorNotARetry() async throws {
        try await withServer { server, client in
            let error = await failure(of: HTTP1Request(method: .POST, target: "/drop"), on: client)
            #expect(error?.name == "connectionClosed(false)")
            #expect(server.counts.requests == 1 && server.counts.accepted == 1)
        }
    }

    @Test func connectionCloseFromTheServerIsHonoured() async throws {
        try await withServer { server, client in
            for _ in 0..<2 {
                let reply = try await client.execute(HTTP1Request(method: .GET, target: "/close"))
                #expect(String(buffer: reply.body) == "bye")
            }
            #expect(server.counts.accepted == 2 && server.counts.requests == 2)
            #expect(await server.wait { $0.open == 0 })
        }
    }

    @Test func aBodyOverTheLimitIsAnErrorAndTheClientGoesOn() async throws {
        try await withServer(configure: { $0.maxResponseBodyBytes = 1000 }) { server, client in
            let error = await failure(of: HTTP1Request(method: .GET, target: "/big"), on: client)
            #expect(error?.name == "responseTooLarge(1000)")
            let reply = try await client.execute(HTTP1Request(method: .GET, target: "/hello"))
            #expect(String(buffer: reply.body) == "hello")
        }
    }

    @Test func aServerThatNeverAnswersTimesOutAndTheConnectionIsClosed() async throws {
        try await withServer(configure: { $0.requestTimeout = .milliseconds(300) }) { server, client in
            let error = await failure(of: HTTP1Request(method: .GET, target: "/hang"), on: client)
            #expect(error?.name == "requestTimeout")
            #expect(await server.wait { $0.open == 0 })
        }
    }

    @Test func aCancelledRequestEndsAtOnce() async throws {
        // The request timeout is far away: only the cancellation can end this request early.
        try await withServer(configure: { $0.requestTimeout = .seconds(120) }) { server, client in
            let request = Task { try await client.execute(HTTP1Request(method: .GET, target: "/hang")) }
            #expect(await server.wait { $0.requests == 1 })
            request.cancel()
            let error = await request.result.failure as? HTTP1ClientError
            #expect(error?.name == "cancelled")
        }
    }

    @Test func concurrentRequestsGetConnectionsOfTheirOwn() async throws {
        // The server answers /gather only once four are waiting: one shared connection would hang.
        try await withServer(gather: 4, configure: { $0.maxConnections = 4 }) { server, client in
            let bodies = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        String(buffer: try await client.execute(HTTP1Request(method: .GET, target: "/gather")).body)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(bodies == Array(repeating: "together", count: 4))
            #expect(server.counts.accepted == 4)
        }
    }

    @Test func moreRequestsThanTheCapWaitForAConnection() async throws {
        try await withServer(configure: { $0.maxConnections = 2 }) { server, client in
            let count = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        try await client.execute(HTTP1Request(method: .GET, target: "/hello")).status == .ok
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(count == 12)
            #expect(server.counts.accepted <= 2 && server.counts.requests == 12)
        }
    }

    @Test func shutdownClosesKeptConnectionsAndRefusesNewRequests() async throws {
        let server = try await TestHTTPServer.start()
        let client = server.client()
        _ = try await client.execute(HTTP1Request(method: .GET, target: "/hello"))
        #expect(server.counts.open == 1)
        await client.shutdown()
        #expect(await server.wait { $0.open == 0 })
        let error = await failure(of: HTTP1Request(method: .GET, target: "/hello"), on: client)
        #expect(error?.name == "shutDown")
        await server.stop()
    }

    @Test func aCertificateOtherThanThePinnedOneIsRefused() async throws {
        let server = try await TestHTTPServer.start()
        let stranger = try await TestHTTPServer.start()
        var configuration = HTTP1ClientConfiguration(
            host: "127.0.0.1", port: server.port, tls: PinnedTLS.configuration(pinning: stranger.certificate))
        configuration.serverName = "localhost"
        let client = HTTP1Client(configuration: configuration)
        let error = await failure(of: HTTP1Request(method: .GET, target: "/hello"), on: client)
        #expect(error?.name == "connectFailed")
        #expect(ArenaClientError.transport(error ?? .cancelled).code == "certificate_mismatch")
        #expect(server.counts.requests == 0)
        await client.shutdown()
        await server.stop()
        await stranger.stop()
    }

    @Test func aRefusedConnectionIsUnreachable() async throws {
        let server = try await TestHTTPServer.start()
        let client = server.client()
        await server.stop()
        let error = await failure(of: HTTP1Request(method: .GET, target: "/hello"), on: client)
        #expect(error?.name == "connectFailed")
        #expect(ArenaClientError.transport(error ?? .cancelled).code == "unreachable")
        await client.shutdown()
    }

    @Test func aServerThatNeverCompletesTheHandshakeIsAConnectTimeout() async throws {
        // Accepts TCP connections and says nothing.
        let silent = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { $0.eventLoop.makeSucceededVoidFuture() }
            .bind(host: "127.0.0.1", port: 0).get()
        let server = try await TestHTTPServer.start()
        let client = server.client {
            $0.port = silent.localAddress?.port ?? 0
            $0.connectTimeout = .milliseconds(300)
        }
        let error = await failure(of: HTTP1Request(method: .GET, target: "/hello"), on: client)
        #expect(error?.name == "connectTimeout")
        #expect(ArenaClientError.transport(error ?? .cancelled).code == "timeout")
        await client.shutdown()
        await server.stop()
        try await silent.close()
    }

    @Test func aTargetThatIsNotAPathIsRefusedBeforeSending() async throws {
        try await withServer { server, client in
            for target in ["hello", "/a b", "/a\r\nX: y", ""] {
                let error = await failure(of: HTTP1Request(method: .GET, target: target), on: client)
                #expect(error?.name == "invalidRequest")
            }
            #expect(server.counts.accepted == 0)
        }
    }

    @Test func anIPAddressIsNeverSentAsTheServerName() {
        for host in ["127.0.0.1", "::1", "fe80::1%lo"] {
            #expect(
                HTTP1ClientConfiguration(host: host, port: 443, tls: .makeClientConfiguration()).sniServerName == nil)
        }
        let named = HTTP1ClientConfiguration(host: "arena.example", port: 443, tls: .makeClientConfiguration())
        #expect(named.sniServerName == "arena.example")
        #expect(named.hostHeader == "arena.example:443")
        #expect(
            HTTP1ClientConfiguration(host: "::1", port: 8443, tls: .makeClientConfiguration()).hostHeader
                == "[::1]:8443")
    }
}

private func withServer(
    gather: Int = 2, configure: (inout HTTP1ClientConfiguration) -> Void = { _ in },
    _ body: (TestHTTPServer, HTTP1Client) async throws -> Void
) async throws {
    let server = try await TestHTTPServer.start(gather: gather)
    let client = server.client(configure)
    do {
        try await body(server, client)
    } catch {
        await client.shutdown()
        await server.stop()
        throw error
    }
    await client.shutdown()
    await server.stop()
}

private func failure(of request: HTTP1Request, on client: HTTP1Client) async -> HTTP1ClientError? {
    do {
        _ = try await client.execute(request)
        return nil
    } catch {
        return error
    }
}

extension Result {
    fileprivate var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

extension HTTP1ClientError {
    /// The case, with the payloads a test compares.
    fileprivate var name: String {
        switch self {
        case .invalidRequest: "invalidRequest"
        case .tlsConfiguration: "tlsConfiguration"
        case .connectTimeout: "connectTimeout"
        case .connectFailed: "connectFailed"
        case .requestTimeout: "requestTimeout"
        case .connectionClosed(let started): "connectionClosed(\(started))"
        case .invalidResponse: "invalidResponse"
        case .responseTooLarge(let limit): "responseTooLarge(\(limit))"
        case .cancelled: "cancelled"
        case .shutDown: "shutDown"
        }
    }
}
