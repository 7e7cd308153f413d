import NIOCore
import ServiceLifecycle

/// Keeps gateway connections honest: every `ws_ping_seconds` it pings every connection, and closes
/// the ones that have sent nothing (no frame, not even a pong) for one and a half periods, so a
/// player whose network vanished is seen as gone and the disconnect grace period starts. At
/// graceful shutdown it closes every connection with 1001, so clients know to reconnect.
///
/// One loop for the whole server rather than a ping task per connection: that task and its timer
/// cost about 3 KiB of memory per idle connection (BENCHMARKS.md).
struct GatewayPinger: Service {
    let hub: RealtimeHub
    let period: Duration

    func run() async throws {
        let silence = TimeAmount.nanoseconds(Int64(period.components.seconds) * 1_500_000_000)
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: period)
                hub.pingAll(closingIfSilentFor: silence)
            }
        }
        hub.closeAll(retryAfter: Self.reconnectHint)
        // The process exits once every service has returned: stay until the clients have had
        // their 1001 and answered it (their sessions end with the handshake), or `shutdownWait`,
        // or a fast shutdown would drop connections before the close frame is written.
        let deadline = ContinuousClock.now + Self.shutdownWait
        while hub.connectionCount > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    static let shutdownWait: Duration = .seconds(3)
    /// What `server_shutdown` tells clients: a restart of this server takes about a second.
    static let reconnectHint: Duration = .seconds(2)
}
