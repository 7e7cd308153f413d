import ArenaKit
import HTTPTypes
import Hummingbird

/// A wire value already encoded to JSON. Caches keep these, so a repeated read costs neither a
/// query nor an encode: the bytes go straight into the response.
struct JSONPayload: Sendable {
    let bytes: ByteBuffer

    init<T: Encodable>(_ value: T) throws {
        bytes = ByteBuffer(bytes: try WireCodec.encode(value))
    }

    func response(status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: bytes))
    }
}
