import Hummingbird

/// Per-IP limit on every request, and a tighter one on login.
public struct RateLimitMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    let general: RateLimiter
    let login: RateLimiter

    public init(general: RateLimiter, login: RateLimiter) {
        self.general = general
        self.login = login
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        if request.uri.path == "/health" || request.uri.path == "/metrics" { return try await next(request, context) }
        if let wait = general.take(context.remoteIP) { throw APIError.rateLimited(retryAfter: wait) }
        if request.method == .post, request.uri.path == "/auth/login", let wait = login.take(context.remoteIP) {
            throw APIError.rateLimited(retryAfter: wait, "Too many login attempts; wait a moment.")
        }
        return try await next(request, context)
    }
}
