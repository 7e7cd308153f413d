import Hummingbird

/// Refuses a declared oversize body before reading it, with a 413 answer rather than a reset.
/// Bodies without a length are capped while they are read (`RequestBody`).
public struct BodyLimitMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    let limit: Int

    public init(limit: Int) { self.limit = limit }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw APIError.tooLarge(limit: limit)
        }
        return try await next(request, context)
    }
}
