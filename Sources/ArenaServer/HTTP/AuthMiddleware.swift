import Hummingbird

/// Proves an access token; implemented by the Auth service.
public protocol TokenVerifier: Sendable {
    /// The identity behind a valid, unrevoked access token; throws a 401 `APIError` otherwise.
    func verify(accessToken: String) async throws -> Identity
}

/// Sets `context.identity` from `Authorization: Bearer` (or `?access_token=` on the gateway, for
/// clients that cannot set headers). A token that is present but bad is a 401 at once; a missing
/// one is left for the route to refuse, so public routes stay public.
public struct AuthMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    let verifier: any TokenVerifier

    public init(verifier: any TokenVerifier) { self.verifier = verifier }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var context = context
        // Endpoints that need no identity answer whatever token comes along: a monitor's stale
        // header must not make a healthy server look down, nor an expired token block a refresh.
        if let token = Self.token(in: request), !Self.publicPaths.contains(request.uri.path) {
            context.identity = try await verifier.verify(accessToken: token)
        }
        return try await next(request, context)
    }

    static let publicPaths: Set<String> = [
        "/health", "/metrics", "/openapi.yaml", "/auth/register", "/auth/login", "/auth/refresh",
        "/auth/password-reset", "/auth/password-reset/confirm",
    ]

    static func token(in request: Request) -> String? {
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return String(parts[1]) }
            return header.isEmpty ? nil : ""
        }
        if request.uri.path == "/ws", let token = request.uri.queryParameters.get("access_token") { return token }
        return nil
    }
}
