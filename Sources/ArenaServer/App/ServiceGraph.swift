import Hummingbird
import ServiceLifecycle

/// The composition root: builds each service once, wires them through their narrow protocols,
/// and hands the HTTP layer its routes and background services.
public struct ServiceGraph: Sendable {
    public let context: ServerContext
    public let tokenVerifier: any TokenVerifier

    static func make(context: ServerContext) async throws -> ServiceGraph {
        ServiceGraph(context: context, tokenVerifier: PendingAuth())
    }

    func addRoutes(to router: Router<AppRequestContext>) {}

    var backgroundServices: [any Service] { [] }
}

/// Until the Auth service lands every token is refused.
struct PendingAuth: TokenVerifier {
    func verify(accessToken: String) async throws -> Identity { throw APIError.unauthorized("invalid_token", "Invalid token.") }
}
