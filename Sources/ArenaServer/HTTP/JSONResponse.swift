import ArenaKit
import HTTPTypes
import Hummingbird

extension Response {
    /// A JSON response from any Encodable wire value.
    public static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        try JSONPayload(value).response(status: status)
    }

    public static var noContent: Response { Response(status: .noContent) }
}
