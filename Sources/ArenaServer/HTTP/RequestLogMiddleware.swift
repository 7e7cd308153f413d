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
        let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        context.logger.info(
            "request",
            metadata: [
                "method": .string(request.method.rawValue),
                "path": .string(request.uri.path),
                "status": .stringConvertible(response.status.code),
                "duration_ms": .string(Self.milliseconds(micros)),
                "remote": .string(context.remoteIP),
                "user_id": context.identity.map { .string($0.userID) } ?? .string("-"),
            ])
        return response
    }

    /// `1234` µs as "1.23": `String(format:)` is slow on Linux and this runs on every request.
    static func milliseconds(_ micros: Int64) -> String {
        let hundredths = max(micros, 0) / 10
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
