import Hummingbird
import HummingbirdCore

/// `?limit=&offset=` of a board, validated: a bad value is a 400 `invalid_paging`, never a clamp.
struct Paging: Sendable, Hashable {
    static let defaultLimit = 20
    static let limitRange = 1...100

    var limit: Int
    var offset: Int

    init(limit: Int = Paging.defaultLimit, offset: Int = 0) {
        self.limit = limit
        self.offset = offset
    }

    init(query: FlatDictionary<Substring, Substring>) throws {
        limit = try Self.integer(query, "limit", default: Self.defaultLimit, in: Self.limitRange)
        offset = try Self.integer(query, "offset", default: 0, in: 0...Int(Int32.max))
    }

    var cacheKey: String { "\(limit):\(offset)" }

    /// Reads one integer parameter; absent means `defaultValue`, anything else must be a whole
    /// number inside `range`.
    static func integer(
        _ query: FlatDictionary<Substring, Substring>, _ name: String, default defaultValue: Int,
        in range: ClosedRange<Int>
    ) throws -> Int {
        guard let raw = query[Substring(name)] else { return defaultValue }
        guard raw.utf8.count <= 12, let value = Int(raw), range.contains(value) else {
            throw APIError.badRequest(
                "invalid_paging", "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound).")
        }
        return value
    }
}
