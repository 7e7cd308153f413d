import ArenaKit
import Foundation
import Hummingbird

/// `/matchmaking`: join and leave the queue, and the caller's status.
struct MatchmakingRoutes {
    let matchmaker: Matchmaker
    let body: RequestBody

    /// `{"preferences": {...}}`: kept as given (a JSON object) for future use.
    struct JoinRequest: Decodable {
        var preferences: [String: PreferenceValue]?
    }

    /// Preference values may be any JSON scalar.
    enum PreferenceValue: Codable {
        case string(String), number(Double), bool(Bool)

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let b = try? c.decode(Bool.self) {
                self = .bool(b)
            } else if let n = try? c.decode(Double.self) {
                self = .number(n)
            } else {
                self = .string(try c.decode(String.self))
            }
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .string(let s): try c.encode(s)
            case .number(let n): try c.encode(n)
            case .bool(let b): try c.encode(b)
            }
        }
    }

    func add(to router: Router<AppRequestContext>) {
        let group = router.group("matchmaking")
        group.post("queue") { request, context -> Response in
            let identity = try context.requireIdentity()
            let input = try await body.decodeIfPresent(JoinRequest.self, from: request)
            let prefs = try input?.preferences.map { String(decoding: try WireCodec.encode($0), as: UTF8.self) } ?? "{}"
            let status = try await matchmaker.join(identity, preferences: prefs)
            return try .json(status, status: .accepted)
        }
        group.delete("queue") { _, context -> Response in
            let identity = try context.requireIdentity()
            try await matchmaker.leave(identity.userID)
            return .noContent
        }
        group.get("status") { _, context -> Response in
            let identity = try context.requireIdentity()
            return try .json(await matchmaker.status(of: identity.userID))
        }
    }
}
