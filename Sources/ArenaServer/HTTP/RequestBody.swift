import ArenaKit
import Foundation
import Hummingbird

/// Reads and decodes JSON bodies with the body-size limit, turning every way a body can be wrong
/// into a 400 (or 413) with a message that names the field.
public struct RequestBody: Sendable {
    public let limit: Int

    public init(limit: Int) { self.limit = limit }

    public func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        let data = try await bytes(of: request)
        guard !data.isEmpty else { throw APIError.badRequest("invalid_body", "A JSON body is required.") }
        return try Self.decode(type, from: data)
    }

    /// For endpoints whose body is optional: an empty body decodes as nil.
    public func decodeIfPresent<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T? {
        let data = try await bytes(of: request)
        if data.isEmpty || data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return nil }
        return try Self.decode(type, from: data)
    }

    func bytes(of request: Request) async throws -> Data {
        var request = request
        do {
            let buffer = try await request.collectBody(upTo: limit)
            return Data(buffer: buffer)
        } catch {
            throw APIError.tooLarge(limit: limit)
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        do {
            return try WireCodec.decode(type, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
            throw APIError.badRequest("missing_field", "The field \"\(key.stringValue)\" is required.")
        } catch let DecodingError.typeMismatch(_, context) {
            throw APIError.badRequest("invalid_type", "The field \"\(Self.path(context))\" has the wrong type.")
        } catch let DecodingError.valueNotFound(_, context) {
            throw APIError.badRequest("invalid_type", "The field \"\(Self.path(context))\" must not be null.")
        } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
            throw APIError.badRequest("invalid_type", "The field \"\(Self.path(context))\" has an invalid value.")
        } catch {
            throw APIError.badRequest("invalid_json", "The body is not valid JSON.")
        }
    }

    static func path(_ context: DecodingError.Context) -> String {
        context.codingPath.map(\.stringValue).joined(separator: ".")
    }
}
