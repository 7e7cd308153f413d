import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// A small HTTP/1.1-over-TLS client for one server: REST calls with small bodies, kept-alive
/// connections reused across requests (up to `maxConnections` at once), and timeouts that always
/// end in an error. Call `shutdown()` when done to close the idle connections at once.
public final class HTTP1Client: Sendable {
    public let configuration: HTTP1ClientConfiguration
    private let eventLoopGroup: any EventLoopGroup
    private let tls: Result<NIOSSLContext, HTTP1ClientError>
    private let pool: ConnectionPool

    public init(
        configuration: HTTP1ClientConfiguration,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
        do {
            tls = .success(try NIOSSLContext(configuration: configuration.tls))
        } catch {
            tls = .failure(.tlsConfiguration(error))
        }
        pool = ConnectionPool(maxConnections: configuration.maxConnections, idleTimeout: configuration.idleTimeout)
    }

    /// Sends `request` and returns the whole response, whatever its status.
    public func execute(_ request: HTTP1Request) async throws(HTTP1ClientError) -> HTTP1Response {
        let deadline = NIODeadline.now() + configuration.requestTimeout
        let head = try head(for: request)
        switch try await pool.acquire(deadline: deadline) {
        case .connect:
            return try await exchangeOnNewConnection(head, request.body, deadline: deadline)
        case .reuse(let kept):
            do {
                return try await exchange(head, request.body, on: kept, deadline: deadline)
            } catch .connectionClosed(responseStarted: false) {
                // The idle-close race: the server closed this kept connection as the request
                // left, so it never read it and sending it again is safe. The slot passes on.
                return try await exchangeOnNewConnection(head, request.body, deadline: deadline)
            } catch {
                await pool.release(kept, reusable: false)
                throw error
            }
        }
    }

    /// Closes the idle connections; requests after this fail with `shutDown`.
    public func shutdown() async {
        await pool.shutdown()
    }

    private func head(for request: HTTP1Request) throws(HTTP1ClientError) -> HTTPRequestHead {
        guard request.target.first == "/", request.target.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw .invalidRequest("the target must be a path of visible ASCII characters")
        }
        var headers = request.headers
        if !headers.contains(name: "Host") { headers.add(name: "Host", value: configuration.hostHeader) }
        headers.remove(name: "Transfer-Encoding")
        if request.body != nil || [.POST, .PUT, .PATCH].contains(request.method) {
            headers.replaceOrAdd(name: "Content-Length", value: String(request.body?.readableBytes ?? 0))
        }
        return HTTPRequestHead(version: .http1_1, method: request.method, uri: request.target, headers: headers)
    }

    /// Opens a connection in the slot the caller holds and sends the request on it; any failure
    /// frees the slot.
    private func exchangeOnNewConnection(
        _ head: HTTPRequestHead, _ body: ByteBuffer?, deadline: NIODeadline
    ) async throws(HTTP1ClientError) -> HTTP1Response {
        let connection: HTTP1Connection
        do {
            let connectDeadline = min(deadline, .now() + configuration.connectTimeout)
            connection = try await HTTP1Connection.open(
                configuration, tls: tls.get(), on: eventLoopGroup.next(), deadline: connectDeadline)
        } catch {
            await pool.connectFailed()
            throw Task.isCancelled ? .cancelled : error
        }
        let pool = self.pool
        Task {
            await connection.run()
            await pool.closed(connection)
        }
        do {
            return try await exchange(head, body, on: connection, deadline: deadline)
        } catch {
            await pool.release(connection, reusable: false)
            throw error
        }
    }

    /// One exchange on a leased connection, which goes back to the pool if it went well. On a
    /// failure the connection is closed and the caller still holds its slot.
    private func exchange(
        _ head: HTTPRequestHead, _ body: ByteBuffer?, on connection: HTTP1Connection, deadline: NIODeadline
    ) async throws(HTTP1ClientError) -> HTTP1Response {
        let outcome: HTTP1Connection.Outcome
        do {
            outcome = try await connection.execute(
                head, body: body, bodyLimit: configuration.maxResponseBodyBytes, deadline: deadline)
        } catch {
            connection.close()
            throw Task.isCancelled ? .cancelled : error
        }
        await pool.release(connection, reusable: outcome.keepAlive)
        return outcome.response
    }
}
