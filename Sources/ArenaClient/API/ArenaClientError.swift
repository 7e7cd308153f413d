import ArenaHTTP

/// What went wrong talking to the server, in a form a screen can show: the server's own error code
/// and sentence when it answered, or a transport problem when it did not.
public struct ArenaClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The HTTP status, nil when no answer arrived.
    public var status: Int?
    public var code: String
    public var message: String

    public init(status: Int? = nil, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public var description: String { message }

    public var isTransport: Bool { status == nil }

    public static let notLoggedIn = ArenaClientError(
        code: "not_logged_in", message: "You are not logged in.")
    public static let sessionExpired = ArenaClientError(
        status: 401, code: "session_expired", message: "Your session has ended: please log in again.")

    /// Maps a failure below HTTP (refused connection, TLS, timeout) to one sentence.
    public static func transport(_ error: any Error) -> ArenaClientError {
        if let known = error as? ArenaClientError { return known }
        switch error as? HTTP1ClientError {
        case .connectTimeout, .requestTimeout: return timeout
        case .connectFailed(let cause): return isCertificateFailure(cause) ? certificateMismatch : unreachable
        default: break
        }
        let text = String(describing: error)
        if isCertificateFailure(error) { return certificateMismatch }
        if text.contains("connectTimeout") || text.contains("deadlineExceeded") || text.contains("timeout") {
            return timeout
        }
        if text.contains("connectionRefused") || text.contains("Connection refused") || text.contains("connect(") {
            return unreachable
        }
        return ArenaClientError(code: "network", message: "Network problem: \(text.prefix(120))")
    }

    private static func isCertificateFailure(_ error: any Error) -> Bool {
        String(describing: error).contains("CERTIFICATE_VERIFY_FAILED")
    }

    private static let certificateMismatch = ArenaClientError(
        code: "certificate_mismatch",
        message: "The server's certificate no longer matches the pinned one. Refusing to talk to it.")
    private static let timeout = ArenaClientError(code: "timeout", message: "The server did not answer in time.")
    private static let unreachable = ArenaClientError(code: "unreachable", message: "Cannot reach the server.")
}
