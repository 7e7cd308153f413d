import HTTPTypes
import Hummingbird
import Logging

/// Gives every request an id, echoing a sane `X-Request-ID` from the client, and tags the logger with it.
public struct RequestIDMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var context = context
        let id = Self.sanitized(request.headers[.requestID]) ?? RequestID().description
        context.requestID = id
        context.logger[metadataKey: "request_id"] = .string(id)
        var response = try await next(request, context)
        response.headers[.requestID] = id
        return response
    }

    /// Client ids are echoed only when short and made of safe characters, so they cannot inject log lines.
    static func sanitized(_ value: String?) -> String? {
        guard let value, (1...128).contains(value.count),
            value.unicodeScalars.allSatisfy({
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.:".unicodeScalars.contains($0))
            })
        else { return nil }
        return value
    }
}

extension HTTPField.Name {
    public static let requestID = Self("X-Request-ID")!
}
