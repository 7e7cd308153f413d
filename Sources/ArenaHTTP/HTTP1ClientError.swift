/// Why a request got no usable response. The causes below HTTP (a refused connection, a TLS
/// failure) are kept so a caller can tell a certificate mismatch from an unreachable server.
public enum HTTP1ClientError: Error, CustomStringConvertible {
    /// The request cannot be sent as given (a target that is not a path, a header NIO refuses).
    case invalidRequest(String)
    /// The TLS configuration cannot make a TLS context.
    case tlsConfiguration(any Error)
    /// No TCP connection and TLS handshake within the connect timeout.
    case connectTimeout
    /// The connection or its TLS handshake failed.
    case connectFailed(any Error)
    /// No complete response within the request timeout.
    case requestTimeout
    /// The connection ended before the response was complete.
    case connectionClosed(responseStarted: Bool)
    /// The server's bytes are not HTTP/1.
    case invalidResponse(any Error)
    /// The response body is longer than the client accepts.
    case responseTooLarge(limit: Int)
    /// The calling task was cancelled.
    case cancelled
    /// The client was shut down.
    case shutDown

    public var description: String {
        switch self {
        case .invalidRequest(let reason): "invalid request: \(reason)"
        case .tlsConfiguration(let cause): "unusable TLS configuration: \(cause)"
        case .connectTimeout: "connect timeout"
        case .connectFailed(let cause): "connect failed: \(cause)"
        case .requestTimeout: "request timeout"
        case .connectionClosed(let started):
            started ? "connection closed during the response" : "connection closed before a response"
        case .invalidResponse(let cause): "invalid HTTP response: \(cause)"
        case .responseTooLarge(let limit): "response body over the limit of \(limit) bytes"
        case .cancelled: "request cancelled"
        case .shutDown: "the HTTP client is shut down"
        }
    }
}
