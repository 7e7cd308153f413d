import ArenaKit

/// What the gateway connection reports to its owner, in order, from one task.
public enum GatewayEvent: Sendable, Equatable {
    case connecting(attempt: Int)
    case connected
    /// The socket dropped or could not open; another attempt follows after `retryIn`.
    case disconnected(reason: String, retryIn: Duration)
    /// The server said it is restarting (`server_shutdown`): a planned pause, not a failure. The
    /// next attempt follows after `retryIn`; failures while it comes back are reported this way too.
    case serverRestarting(retryIn: Duration)
    /// No further attempts: the session is over (expired or logged out) or the pin failed.
    case stopped(reason: String)
    case message(ServerMessage)
}
