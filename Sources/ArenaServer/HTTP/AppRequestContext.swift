import Hummingbird
import NIOCore

/// The request context of every route, WebSocket upgrade included. `identity` is set by
/// `AuthMiddleware` from a valid bearer token; handlers ask for it with `requireIdentity()`.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Identity?
    public var requestID = ""
    /// The peer's IP address, the key of per-IP rate limits.
    public let remoteIP: String
    /// Set on a WebSocket upgrade request only: where the `/ws` route leaves its answer.
    var gatewayUpgrade: GatewayUpgrade?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteIP = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    public func requireIdentity() throws -> Identity {
        guard let identity else { throw APIError.unauthorized() }
        return identity
    }

    public func require(role minimum: Identity.Role) throws -> Identity {
        let identity = try requireIdentity()
        let order: [Identity.Role] = [.player, .moderator, .admin]
        guard let have = order.firstIndex(of: identity.role), let need = order.firstIndex(of: minimum), have >= need
        else {
            throw APIError.forbidden("This needs the \(minimum.rawValue) role.")
        }
        return identity
    }
}
