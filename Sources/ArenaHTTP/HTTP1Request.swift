import NIOCore
import NIOHTTP1

/// One request as the caller states it; `HTTP1Client` adds Host and Content-Length.
public struct HTTP1Request: Sendable {
    public var method: HTTPMethod
    /// Path and query, starting with "/", already percent-encoded.
    public var target: String
    public var headers: HTTPHeaders
    public var body: ByteBuffer?

    public init(method: HTTPMethod, target: String, headers: HTTPHeaders = [:], body: ByteBuffer? = nil) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }
}
