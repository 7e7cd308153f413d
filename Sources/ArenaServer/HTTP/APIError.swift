import ArenaKit
import Foundation
import HTTPTypes
import Hummingbird

/// The one error type routes throw. `ErrorMiddleware` turns it, and every other error, into the
/// contract's `{"error": {"code", "message"}}` body.
public struct APIError: Error, Sendable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public static func badRequest(_ code: String = "invalid_request", _ message: String) -> APIError {
        APIError(.badRequest, code, message)
    }
    public static func unauthorized(_ code: String = "unauthorized", _ message: String = "Sign in first.") -> APIError {
        APIError(.unauthorized, code, message)
    }
    public static func forbidden(_ message: String, code: String = "forbidden") -> APIError {
        APIError(.forbidden, code, message)
    }
    public static func notFound(_ what: String, code: String = "not_found") -> APIError {
        APIError(.notFound, code, "\(what) was not found.")
    }
    public static func conflict(_ code: String, _ message: String) -> APIError { APIError(.conflict, code, message) }
    public static func rule(_ code: String, _ message: String) -> APIError {
        APIError(.unprocessableContent, code, message)
    }
    public static func rateLimited(retryAfter seconds: Int, _ message: String = "Too many requests; slow down.")
        -> APIError
    {
        var error = APIError(.tooManyRequests, "rate_limited", message)
        error.headers[.retryAfter] = String(max(1, seconds))
        return error
    }
    public static func tooLarge(limit: Int) -> APIError {
        APIError(.contentTooLarge, "body_too_large", "The request body is larger than \(limit) bytes.")
    }
    public static func invalidField(_ field: String, _ message: String) -> APIError {
        APIError(.badRequest, "invalid_\(field)", message)
    }

    public static func from(_ error: MoveError) -> APIError {
        switch error {
        case .notAPlayer: APIError(.forbidden, error.code, error.message)
        case .staleVersion: APIError(.conflict, error.code, error.message)
        default: APIError(.unprocessableContent, error.code, error.message)
        }
    }
}
