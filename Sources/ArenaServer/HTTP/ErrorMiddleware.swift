import ArenaKit
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Maps every error to the contract's error shape in one place. Unknown errors become a 500 whose
/// body says nothing about the cause; the cause goes to the log with the request id.
public struct ErrorMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            let api = Self.map(error)
            if api.status == .internalServerError {
                context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            }
            return Self.response(for: api)
        }
    }

    static func map(_ error: any Error) -> APIError {
        switch error {
        case let api as APIError: return api
        case let move as MoveError: return APIError.from(move)
        case let http as HTTPError: return fromHTTPError(http)
        case let http as any HTTPResponseError: return fromStatus(http.status)
        default: return APIError(.internalServerError, "internal_error", "Something went wrong on our side.")
        }
    }

    static func fromHTTPError(_ error: HTTPError) -> APIError {
        var api = fromStatus(error.status)
        if let body = error.body, !body.isEmpty, error.status != .internalServerError { api.message = body }
        api.headers = error.headers
        return api
    }

    static func fromStatus(_ status: HTTPResponse.Status) -> APIError {
        switch status.code {
        case 404: APIError(.notFound, "not_found", "No such endpoint.")
        case 405: APIError(.methodNotAllowed, "method_not_allowed", "That method is not allowed here.")
        case 413: APIError(.contentTooLarge, "body_too_large", "The request body is too large.")
        case 400: APIError(.badRequest, "invalid_request", "The request is malformed.")
        case 401: APIError(.unauthorized, "unauthorized", "Sign in first.")
        case 500...: APIError(.internalServerError, "internal_error", "Something went wrong on our side.")
        default: APIError(status, "error", status.reasonPhrase)
        }
    }

    public static func response(for error: APIError) -> Response {
        var headers = error.headers
        headers[.contentType] = "application/json; charset=utf-8"
        let body = (try? WireCodec.encode(ErrorEnvelope(code: error.code, message: error.message))) ?? Data()
        return Response(status: error.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
