import ArenaKit
import HTTPTypes
import Hummingbird

extension Response {
    /// A JSON response from any Encodable wire value.
    public static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try WireCodec.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    public static var noContent: Response { Response(status: .noContent) }
}
