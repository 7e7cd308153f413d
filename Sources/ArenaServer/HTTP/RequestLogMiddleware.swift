import Foundation
import Hummingbird
import Logging

/// One log line per request: method, path without its query (a query may carry a token), status, time.
public struct RequestLogMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        let ms = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        context.logger.info(
            "request",
            metadata: [
                "method": .string(request.method.rawValue),
                "path": .string(request.uri.path),
                "status": .stringConvertible(response.status.code),
                "duration_ms": .string(String(format: "%.2f", ms)),
                "remote": .string(context.remoteIP),
                "user_id": context.identity.map { .string($0.userID) } ?? .string("-"),
            ])
        return response
    }
}
