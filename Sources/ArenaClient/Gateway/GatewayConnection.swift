import ArenaKit
import HTTPTypes
import Logging
import NIOSSL
import Synchronization
import WSClient

/// The live half of the session: one WebSocket to `/ws`, kept open across drops with backoff.
/// It knows the envelope, not the game: the owner decides what to (re)send on `.connected`.
public final class GatewayConnection: Sendable {
    public typealias TokenProvider = @Sendable (_ forceRefresh: Bool) async throws -> String

    private struct State {
        var outbound: AsyncStream<String>.Continuation?
        var task: Task<Void, Never>?
        var stopped = false
    }

    private let server: ServerAddress
    private let tls: TLSConfiguration
    private let token: TokenProvider
    private let onEvent: @Sendable (GatewayEvent) -> Void
    private let state = Mutex(State())
    private let logger: Logger

    public init(
        server: ServerAddress, tls: TLSConfiguration, token: @escaping TokenProvider,
        onEvent: @escaping @Sendable (GatewayEvent) -> Void
    ) {
        self.server = server
        self.tls = tls
        self.token = token
        self.onEvent = onEvent
        var logger = Logger(label: "arena.gateway")
        logger.logLevel = .critical
        self.logger = logger
    }

    public func start() {
        let task = Task { await self.runLoop() }
        state.withLock { state in
            state.task?.cancel()
            state.stopped = false
            state.task = task
        }
    }

    public func stop() {
        let (task, outbound) = state.withLock { state in
            state.stopped = true
            let result = (state.task, state.outbound)
            state.task = nil
            state.outbound = nil
            return result
        }
        outbound?.finish()
        task?.cancel()
    }

    /// Queues a frame for the open socket. Returns false when there is none: the caller shows
    /// the drop and resends what matters after reconnecting.
    @discardableResult
    public func send(_ envelope: ClientEnvelope) -> Bool {
        let text = WireCodec.encodeClient(envelope)
        guard let outbound = state.withLock({ $0.outbound }) else { return false }
        if case .enqueued = outbound.yield(text) { return true }
        return false
    }

    /// Drops the socket without stopping, as a network failure would (used by tests and on wake).
    public func dropConnection() {
        state.withLock { $0.outbound }?.finish()
    }

    /// What a connection's `server_shutdown` asked: wait this long before reconnecting.
    private final class RestartHint: Sendable {
        let value = Mutex<Duration?>(nil)
    }

    /// How long after a `server_shutdown` drops are still taken for the restart, not a failure.
    static let restartWindow: Duration = .seconds(60)

    private func runLoop() async {
        var backoff = Backoff()
        var forceRefresh = false
        var attempt = 0
        var restartingUntil: ContinuousClock.Instant?
        /// Reports a drop: quietly while the server restarts, as a failure otherwise.
        func dropped(_ reason: String, retryIn delay: Duration) {
            if let until = restartingUntil, ContinuousClock.now < until {
                onEvent(.serverRestarting(retryIn: delay))
            } else {
                restartingUntil = nil
                onEvent(.disconnected(reason: reason, retryIn: delay))
            }
        }
        while !Task.isCancelled, !state.withLock({ $0.stopped }) {
            attempt += 1
            onEvent(.connecting(attempt: attempt))
            let accessToken: String
            do {
                accessToken = try await token(forceRefresh)
            } catch let error as ArenaClientError where !error.isTransport {
                onEvent(.stopped(reason: error.message))
                return
            } catch {
                let delay = backoff.nextDelay()
                dropped(ArenaClientError.transport(error).message, retryIn: delay)
                try? await Task.sleep(for: delay)
                continue
            }
            forceRefresh = false
            let reachedServer = Atomic(false)
            let restartHint = RestartHint()
            var reason = "connection closed"
            do {
                try await connectOnce(accessToken: accessToken, restartHint: restartHint) {
                    reachedServer.store(true, ordering: .relaxed)
                }
            } catch {
                let mapped = ArenaClientError.transport(error)
                if mapped.code == "certificate_mismatch" {
                    onEvent(.stopped(reason: mapped.message))
                    return
                }
                if "\(error)".contains("upgrade") {
                    // Usually a refused token: refresh it before the next try.
                    forceRefresh = true
                    reason = "the server refused the connection"
                } else {
                    reason = mapped.message
                }
            }
            if Task.isCancelled || state.withLock({ $0.stopped }) { return }
            if reachedServer.load(ordering: .relaxed) {
                backoff.reset()
                restartingUntil = nil
            }
            var delay = backoff.nextDelay()
            if let hint = restartHint.value.withLock({ $0 }) {
                // Spread the returning clients over a second so they do not all knock at once.
                delay = hint + .milliseconds(Int.random(in: 0...1000))
                restartingUntil = .now + Self.restartWindow
            }
            dropped(reason, retryIn: delay)
            try? await Task.sleep(for: delay)
        }
    }

    private func connectOnce(
        accessToken: String, restartHint: RestartHint, onOpen: @escaping @Sendable () -> Void
    ) async throws {
        var configuration = WebSocketClientConfiguration(
            maxFrameSize: 1 << 20, autoPing: .enabled(timePeriod: .seconds(20)), validateUTF8: true,
            sniHostname: server.isIPAddress ? server.tlsServerName : nil)
        if let authorization = HTTPField.Name("Authorization") {
            configuration.additionalHeaders[authorization] = "Bearer \(accessToken)"
        }
        let onEvent = self.onEvent
        try await WebSocketClient.connect(
            url: server.webSocketURL, configuration: configuration, tlsConfiguration: tls, logger: logger
        ) { inbound, outbound, _ in
            let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingOldest(256))
            self.state.withLock { $0.outbound = continuation }
            onOpen()
            onEvent(.connected)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await text in stream { try await outbound.write(.text(text)) }
                    // The stream ends on stop() or dropConnection(): close the socket with it.
                    try? await outbound.close(.normalClosure, reason: nil)
                }
                group.addTask {
                    defer { continuation.finish() }
                    for try await message in inbound.messages(maxSize: 1 << 20) {
                        guard case .text(let text) = message else { continue }
                        guard let decoded = try? WireCodec.decodeServer(text) else { continue }
                        if case .serverShutdown(let notice) = decoded {
                            let wait = min(max(notice.retryAfterMs, 0), 60_000)
                            restartHint.value.withLock { $0 = .milliseconds(wait) }
                        }
                        onEvent(.message(decoded))
                    }
                }
                try await group.waitForAll()
            }
            self.state.withLock { $0.outbound = nil }
        }
    }
}
