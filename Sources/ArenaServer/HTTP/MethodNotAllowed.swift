import HTTPTypes
import Hummingbird
import Synchronization

/// The router's paths and the methods each one answers, loaded once every route is added.
/// Hummingbird's router answers a known path with an unknown method as if the path did not
/// exist (404); HTTP (RFC 9110 §15.5.6) and outside API checkers expect 405 with `Allow`.
public final class RouteTable: Sendable {
    private struct Entry: Sendable {
        var path: RouterPath
        var methods: Set<HTTPRequest.Method>
    }

    private let entries = Mutex<[Entry]>([])

    public init() {}

    /// Takes the router's routes; call it after the last route is added.
    public func load(_ routes: [(path: RouterPath, method: HTTPRequest.Method)]) {
        var byPath: [String: Entry] = [:]
        for route in routes {
            byPath[route.path.description, default: Entry(path: route.path, methods: [])].methods.insert(route.method)
        }
        entries.withLock { $0 = Array(byPath.values) }
    }

    /// The methods allowed on `path`, sorted; nil when no route has this path. Like the router's
    /// trie, a literal segment wins over a capture (`/friends/requests` is not `/friends/:username`),
    /// so `Allow` names only what the router would really dispatch.
    func methods(for path: String) -> [String]? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        let best = entries.withLock { entries -> Entry? in
            var best: (entry: Entry, literals: [Bool])?
            for entry in entries where entry.path.components.count == segments.count {
                guard zip(entry.path.components, segments).allSatisfy({ $0 ~= $1 }) else { continue }
                // A capture or wildcard describes itself with `{name}` or `*`; a literal is plain text.
                let literals = entry.path.components.map {
                    !$0.description.contains("{") && !$0.description.contains("*")
                }
                if let current = best, !Self.isMoreSpecific(literals, than: current.literals) { continue }
                best = (entry, literals)
            }
            return best?.entry
        }
        guard let best else { return nil }
        return best.methods.map(\.rawValue).sorted()
    }

    /// Compares segment by segment from the left: the first literal facing a capture decides.
    private static func isMoreSpecific(_ lhs: [Bool], than rhs: [Bool]) -> Bool {
        for (l, r) in zip(lhs, rhs) where l != r { return l }
        return false
    }
}

/// Turns the router's "no route" into 405 `method_not_allowed` with `Allow` when the path exists
/// under other methods. Sits inside `ErrorMiddleware`, which renders the contract's error body.
public struct MethodNotAllowedMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    let routes: RouteTable

    public init(routes: RouteTable) { self.routes = routes }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            guard let allowed = routes.methods(for: request.uri.path), !allowed.contains(request.method.rawValue)
            else { throw error }
            var api = APIError(
                .methodNotAllowed, "method_not_allowed",
                "This endpoint does not answer \(request.method.rawValue); it answers \(allowed.joined(separator: ", "))."
            )
            api.headers[.allow] = allowed.joined(separator: ", ")
            throw api
        }
    }
}
