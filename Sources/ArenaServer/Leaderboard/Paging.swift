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

    /// One integer of a board's query; a bad one is `invalid_paging`.
    static func integer(
        _ query: FlatDictionary<Substring, Substring>, _ name: String, default defaultValue: Int,
        in range: ClosedRange<Int>
    ) throws -> Int {
        try query.integer(name, default: defaultValue, in: range, code: "invalid_paging")
    }
}
