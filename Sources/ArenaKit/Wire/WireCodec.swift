import Foundation

/// Turns gateway frames into messages and back. Both sides use this one codec, so the envelope
/// `{"type", "id"?, "data"}` is written down once.
public enum WireCodec {
    // JSONDecoder/JSONEncoder are thread-safe for concurrent use once configured.
    private static let decoder = JSONDecoder()
    private static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.withoutEscapingSlashes]
        return e
    }()

    public static func encode<T: Encodable>(_ value: T) throws -> Data { try encoder.encode(value) }
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try decoder.decode(type, from: data)
    }

    // MARK: client -> server

    /// Decodes a client frame in one pass: the lenient `type` and `id` first, then `data`, so a frame
    /// whose data is wrong is still answered with its id.
    public static func decodeClient(_ text: String) throws(FrameError) -> ClientEnvelope {
        try decodeClient(text, scanning: true)
    }

    /// `scanning: false` skips the fast path; tests use it to hold both paths to one answer.
    static func decodeClient(_ text: String, scanning: Bool) throws(FrameError) -> ClientEnvelope {
        let frame: ClientFrame
        if scanning, let fields = ClientFrameScanner.scan(text) {
            frame = ClientFrame(fields)
        } else {
            do {
                frame = try decoder.decode(ClientFrame.self, from: Data(text.utf8))
            } catch {
                throw FrameError.badJSON()
            }
        }
        guard let type = frame.type else {
            var error = FrameError.badJSON()
            error.id = frame.id
            throw error
        }
        guard let body = frame.body else {
            throw FrameError(
                code: "invalid_data",
                message: "The \"data\" of a \(type.prefix(40)) event is missing or has wrong types.",
                id: frame.id)
        }
        do {
            return ClientEnvelope(id: frame.id, message: try body.message(type: type))
        } catch {
            throw FrameError(code: error.code, message: error.message, id: frame.id)
        }
    }

    public static func encodeClient(_ envelope: ClientEnvelope) -> String {
        var data: [String: JSONValue] = [:]
        switch envelope.message {
        case .joinGame(let g), .leaveGame(let g), .offerRematch(let g):
            data["game_id"] = .string(g)
        case .makeMove(let g, let p, let v):
            data["game_id"] = .string(g)
            data["position"] = .int(p)
            if let v { data["version"] = .int(v) }
        case .chatMessage(let g, let t):
            data["game_id"] = .string(g)
            data["text"] = .string(t)
        case .answerRematch(let g, let accept):
            data["game_id"] = .string(g)
            data["accept"] = .bool(accept)
        case .authenticate(let token):
            data["access_token"] = .string(token)
        case .ping:
            break
        }
        var object: [String: JSONValue] = ["type": .string(envelope.message.type), "data": .object(data)]
        if let id = envelope.id { object["id"] = .string(id) }
        return (try? String(decoding: encoder.encode(JSONValue.object(object)), as: UTF8.self)) ?? "{}"
    }

    // MARK: server -> client

    public static func encodeServer(_ message: ServerMessage) -> String {
        if let fast = writeFrame(message) { return fast.text }
        return String(decoding: encodePlain(message), as: UTF8.self)
    }

    public static func encodeServerData(_ message: ServerMessage) -> Data {
        if let fast = writeFrame(message) { return Data(fast.bytes) }
        return encodePlain(message)
    }

    /// The frames `writeFrame` leaves to `JSONEncoder`.
    private static func encodePlain(_ message: ServerMessage) -> Data {
        let data: Data?
        switch message {
        case .chatMessage(let chat): data = try? encoder.encode(PlainFrame(type: message.type, data: chat))
        case .matchFound(let match): data = try? encoder.encode(PlainFrame(type: message.type, data: match))
        case .serverShutdown(let notice): data = try? encoder.encode(PlainFrame(type: message.type, data: notice))
        default: data = nil
        }
        return data ?? Data("{}".utf8)
    }

    /// The ack of a request whose change was just broadcast, made from that `game_update` frame
    /// without encoding the game again; nil if `frame` is not a `game_update` this codec wrote.
    public static func ackFrame(id: String, reusing frame: String) -> String? {
        let prefix = #"{"type":"game_update","#
        guard frame.hasPrefix(prefix) else { return nil }
        var w = JSONTextWriter(capacity: frame.utf8.count + id.utf8.count + 16)
        w.raw("{\"type\":\"ack\",\"id\":")
        w.string(id)
        w.raw(",")
        var frame = frame
        frame.withUTF8 { w.append(UnsafeBufferPointer(rebasing: $0[prefix.utf8.count...])) }
        return w.text
    }

    /// The frames sent on every move and every finished game, written by hand (see
    /// `JSONTextWriter`); nil for chat and match notices, which are rare enough for `JSONEncoder`.
    private static func writeFrame(_ message: ServerMessage) -> JSONTextWriter? {
        var w = JSONTextWriter()
        switch message {
        case .gameUpdate(let game), .gameInvite(let game), .gameJoined(let game):
            w.raw("{\"type\":")
            w.string(message.type)
            w.raw(",\"data\":{\"game\":")
            game.write(to: &w)
            w.raw("}}")
        case .ack(let id, let game):
            w.raw("{\"type\":\"ack\",\"id\":")
            w.string(id)
            w.raw(",\"data\":{")
            if let game {
                w.raw("\"game\":")
                game.write(to: &w)
            }
            w.raw("}}")
        case .error(let id, let code, let text):
            w.raw("{\"type\":\"error\"")
            if let id {
                w.raw(",\"id\":")
                w.string(id)
            }
            w.raw(",\"data\":{\"code\":")
            w.string(code)
            w.raw(",\"message\":")
            w.string(text)
            w.raw("}}")
        case .rematchOffered(let r), .rematchDeclined(let r), .rematchStarted(let r), .rematchExpired(let r):
            // Every finished game under load ends in an offer and a start.
            w.raw("{\"type\":")
            w.string(message.type)
            w.raw(",\"data\":{\"game_id\":")
            w.string(r.gameID)
            w.raw(",\"from\":{\"id\":")
            w.string(r.from.id)
            w.raw(",\"username\":")
            w.string(r.from.username)
            w.raw("}")
            if let next = r.newGameID {
                w.raw(",\"new_game_id\":")
                w.string(next)
            }
            if let expiresAt = r.expiresAt {
                w.raw(",\"expires_at\":")
                w.string(expiresAt)
            }
            w.raw("}}")
        case .chatMessage, .matchFound, .serverShutdown:
            return nil
        }
        return w
    }

    /// Decodes a server frame; nil for an event type this client does not know (newer server).
    public static func decodeServer(_ text: String) throws -> ServerMessage? {
        try decoder.decode(ServerFrameIn.self, from: Data(text.utf8)).message
    }
}

/// A client frame as read: `type` and `id` leniently (a wrong type there is treated as absent),
/// and `body` nil when `data` is present but not the expected shape.
private struct ClientFrame: Decodable {
    var type: String?
    var id: String?
    var body: ClientBody?

    enum CodingKeys: String, CodingKey { case type, id, data }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        type = try? c.decodeIfPresent(String.self, forKey: .type)
        if let s = try? c.decodeIfPresent(String.self, forKey: .id) {
            id = s
        } else if let n = try? c.decodeIfPresent(Int.self, forKey: .id) {
            id = String(n)
        }
        body = try? ClientBody(data: c.decodeIfPresent(ClientPayload.self, forKey: .data))
    }

    init(_ fields: ClientFrameScanner.Fields) {
        type = fields.type
        id = fields.id
        body = ClientBody(data: fields.data)
    }
}

/// The `data` of a client frame: every field any event uses, each checked by the event that needs it.
struct ClientPayload: Decodable, Equatable {
    var gameID: String?
    var position: Int?
    var text: String?
    var version: Int?
    var accept: Bool?
    var accessToken: String?

    enum CodingKeys: String, CodingKey {
        case position, text, version, accept
        case gameID = "game_id"
        case accessToken = "access_token"
    }
}

private struct ClientBody {
    var data: ClientPayload?

    func message(type: String) throws(FrameError) -> ClientMessage {
        func gameID() throws(FrameError) -> String {
            guard let id = data?.gameID, !id.isEmpty else {
                throw FrameError(code: "invalid_data", message: "\(type) needs data.game_id.")
            }
            return id
        }
        switch type {
        case "join_game": return .joinGame(gameID: try gameID())
        case "leave_game": return .leaveGame(gameID: try gameID())
        case "make_move":
            guard let position = data?.position else {
                throw FrameError(code: "invalid_data", message: "make_move needs data.position (0 to 8).")
            }
            return .makeMove(gameID: try gameID(), position: position, expectedVersion: data?.version)
        case "chat_message":
            guard let text = data?.text else {
                throw FrameError(code: "invalid_data", message: "chat_message needs data.text.")
            }
            return .chatMessage(gameID: try gameID(), text: text)
        case "offer_rematch": return .offerRematch(gameID: try gameID())
        case "answer_rematch":
            guard let accept = data?.accept else {
                throw FrameError(code: "invalid_data", message: "answer_rematch needs data.accept (true or false).")
            }
            return .answerRematch(gameID: try gameID(), accept: accept)
        case "ping": return .ping
        case "authenticate":
            guard let token = data?.accessToken, !token.isEmpty else {
                throw FrameError(code: "invalid_data", message: "authenticate needs data.access_token.")
            }
            return .authenticate(accessToken: token)
        default:
            throw FrameError(code: "unknown_event", message: "Unknown event type \"\(type.prefix(40))\".")
        }
    }
}

/// A frame with only a type and a `data` object: the server frames rare enough for `JSONEncoder`
/// (the frequent ones are written by hand in `WireCodec.writeFrame`).
private struct PlainFrame<Payload: Encodable>: Encodable {
    let type: String
    let data: Payload
}

private struct ServerFrameIn: Decodable {
    let message: ServerMessage?

    enum CodingKeys: String, CodingKey { case type, id, data }
    struct ErrorData: Decodable {
        let code: String
        let message: String
    }
    struct AckData: Decodable { let game: GameDTO? }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let type = try c.decode(String.self, forKey: .type)
        let id = try c.decodeIfPresent(String.self, forKey: .id)
        switch type {
        case "ack":
            message = .ack(id: id ?? "", game: try c.decodeIfPresent(AckData.self, forKey: .data)?.game)
        case "error":
            let e = try c.decode(ErrorData.self, forKey: .data)
            message = .error(id: id, code: e.code, message: e.message)
        case "game_update": message = .gameUpdate(try c.decode(GameUpdateDTO.self, forKey: .data).game)
        case "chat_message": message = .chatMessage(try c.decode(ChatMessageDTO.self, forKey: .data))
        case "match_found": message = .matchFound(try c.decode(MatchFoundDTO.self, forKey: .data))
        case "rematch_offered": message = .rematchOffered(try c.decode(RematchDTO.self, forKey: .data))
        case "rematch_declined": message = .rematchDeclined(try c.decode(RematchDTO.self, forKey: .data))
        case "rematch_started": message = .rematchStarted(try c.decode(RematchDTO.self, forKey: .data))
        case "game_invite": message = .gameInvite(try c.decode(GameUpdateDTO.self, forKey: .data).game)
        case "game_joined": message = .gameJoined(try c.decode(GameUpdateDTO.self, forKey: .data).game)
        case "rematch_expired": message = .rematchExpired(try c.decode(RematchDTO.self, forKey: .data))
        case "server_shutdown": message = .serverShutdown(try c.decode(ServerShutdownDTO.self, forKey: .data))
        default: message = nil
        }
    }
}

/// A small JSON value for building frames without a type per frame.
enum JSONValue: Encodable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case object([String: JSONValue])

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .int(let i): try c.encode(i)
        case .bool(let b): try c.encode(b)
        case .object(let o): try c.encode(o)
        }
    }
}
