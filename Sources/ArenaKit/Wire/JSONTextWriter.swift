/// Writes JSON text by hand for the frames sent on every move. Foundation's `JSONEncoder` was the
/// largest single cost per move in the server's profile (BENCHMARKS.md); these frames have a fixed
/// shape, so writing them directly is both simple and several times cheaper. The output is what
/// `JSONEncoder` (with `.withoutEscapingSlashes`) gives, up to key order; tests hold the two equal.
public struct JSONTextWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 512) { bytes.reserveCapacity(capacity) }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public mutating func raw(_ ascii: StaticString) {
        ascii.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends bytes that are already JSON.
    public mutating func append(_ json: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: json)
    }

    public mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0x08: raw("\\b")
            case 0x0C: raw("\\f")
            case 0x00..<0x20:
                raw("\\u00")
                bytes.append(Self.hexDigit(byte >> 4))
                bytes.append(Self.hexDigit(byte & 0x0F))
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func string(_ value: String?) {
        if let value { string(value) } else { raw("null") }
    }

    mutating func int(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func int(_ value: Int?) {
        if let value { int(value) } else { raw("null") }
    }

    mutating func bool(_ value: Bool) {
        if value { raw("true") } else { raw("false") }
    }

    /// Writes `"key":` (after a comma unless `first`). Keys are fixed ASCII names.
    mutating func key(_ name: StaticString, first: Bool = false) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        raw(name)
        raw("\":")
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}

extension GameDTO {
    /// Writes this game as the contract's JSON object, the same fields `encode(to:)` writes.
    func write(to w: inout JSONTextWriter) {
        w.raw("{")
        w.key("id", first: true)
        w.string(id)
        w.key("player1_id")
        w.string(player1ID)
        w.key("player2_id")
        w.string(player2ID)
        w.key("current_player_id")
        w.string(currentPlayerID)
        w.key("winner_id")
        w.string(winnerID)
        w.key("board")
        w.raw("[")
        for (index, cell) in board.enumerated() {
            if index > 0 { w.raw(",") }
            w.string(cell)
        }
        w.raw("]")
        w.key("status")
        w.string(status.rawValue)
        w.key("moves_count")
        w.int(movesCount)
        w.key("started_at")
        w.string(startedAt)
        w.key("ended_at")
        w.string(endedAt)
        w.key("created_at")
        w.string(createdAt)
        w.key("updated_at")
        w.string(updatedAt)
        w.key("player1_username")
        w.string(player1Username)
        w.key("player2_username")
        w.string(player2Username)
        w.key("invited_id")
        w.string(invitedID)
        w.key("bot")
        w.string(bot)
        w.key("rated")
        w.bool(rated)
        w.key("version")
        w.int(version)
        w.key("end_reason")
        w.string(endReason)
        w.key("winning_line")
        if let winningLine {
            w.raw("[")
            for (index, position) in winningLine.enumerated() {
                if index > 0 { w.raw(",") }
                w.int(position)
            }
            w.raw("]")
        } else {
            w.raw("null")
        }
        w.key("disconnect_deadline")
        w.string(disconnectDeadline)
        w.key("player1_rating")
        w.int(player1Rating)
        w.key("player2_rating")
        w.int(player2Rating)
        w.key("player1_rating_change")
        w.int(player1RatingChange)
        w.key("player2_rating_change")
        w.int(player2RatingChange)
        w.raw("}")
    }
}
