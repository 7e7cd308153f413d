/// Writes JSON text by hand for the frames sent on every move. Foundation's `JSONEncoder` was the
/// largest single cost per move in the server's profile (BENCHMARKS.md); these frames have a fixed
/// shape, so writing them directly is both simple and several times cheaper. The output is what
/// `JSONEncoder` (with `.withoutEscapingSlashes`) gives, up to key order; tests hold the two equal.
public struct JSONTextWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 512) { bytes.reserveCapacity(capacity) }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public mutating func raw(_ ascii: StaticString) {
        if ascii.hasPointerRepresentation {
            bytes.append(contentsOf: UnsafeBufferPointer(start: ascii.utf8Start, count: ascii.utf8CodeUnitCount))
        } else {
            ascii.withUTF8Buffer { bytes.append(contentsOf: $0) }
        }
    }

    /// Appends bytes that are already JSON.
    public mutating func append(_ json: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: json)
    }

    /// Copies the runs between characters that need escaping in one piece each: the ids, names
    /// and timestamps of a game frame have none, and byte by byte this was most of a move's
    /// encoding (BENCHMARKS.md, eighth round).
    public mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                escape(byte)
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): raw("\\\"")
        case UInt8(ascii: "\\"): raw("\\\\")
        case 0x0A: raw("\\n")
        case 0x0D: raw("\\r")
        case 0x09: raw("\\t")
        case 0x08: raw("\\b")
        case 0x0C: raw("\\f")
        default:
            raw("\\u00")
            bytes.append(Self.hexDigit(byte >> 4))
            bytes.append(Self.hexDigit(byte & 0x0F))
        }
    }

    mutating func string(_ value: String?) {
        if let value { string(value) } else { raw("null") }
    }

    /// Digits written straight into the buffer (`String(value)` allocated a string per number).
    mutating func int(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    mutating func int(_ value: Int?) {
        if let value { int(value) } else { raw("null") }
    }

    mutating func bool(_ value: Bool) {
        if value { raw("true") } else { raw("false") }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}

extension GameDTO {
    /// Writes this game as the contract's JSON object, the same fields `encode(to:)` writes. Each
    /// key goes in with its comma and colon as one piece: every append is a call, and a game has
    /// 25 keys.
    func write(to w: inout JSONTextWriter) {
        w.raw(#"{"id":"#)
        w.string(id)
        w.raw(#","player1_id":"#)
        w.string(player1ID)
        w.raw(#","player2_id":"#)
        w.string(player2ID)
        w.raw(#","current_player_id":"#)
        w.string(currentPlayerID)
        w.raw(#","winner_id":"#)
        w.string(winnerID)
        w.raw(#","board":["#)
        for (index, cell) in board.enumerated() {
            if index > 0 { w.raw(",") }
            switch cell {
            case "X": w.raw(#""X""#)
            case "O": w.raw(#""O""#)
            case "": w.raw(#""""#)
            default: w.string(cell)
            }
        }
        w.raw("]")
        w.raw(#","status":"#)
        w.string(status.rawValue)
        w.raw(#","moves_count":"#)
        w.int(movesCount)
        w.raw(#","started_at":"#)
        w.string(startedAt)
        w.raw(#","ended_at":"#)
        w.string(endedAt)
        w.raw(#","created_at":"#)
        w.string(createdAt)
        w.raw(#","updated_at":"#)
        w.string(updatedAt)
        w.raw(#","player1_username":"#)
        w.string(player1Username)
        w.raw(#","player2_username":"#)
        w.string(player2Username)
        w.raw(#","invited_id":"#)
        w.string(invitedID)
        w.raw(#","bot":"#)
        w.string(bot)
        w.raw(#","rated":"#)
        w.bool(rated)
        w.raw(#","version":"#)
        w.int(version)
        w.raw(#","end_reason":"#)
        w.string(endReason)
        w.raw(#","winning_line":"#)
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
        w.raw(#","disconnect_deadline":"#)
        w.string(disconnectDeadline)
        w.raw(#","player1_rating":"#)
        w.int(player1Rating)
        w.raw(#","player2_rating":"#)
        w.int(player2Rating)
        w.raw(#","player1_rating_change":"#)
        w.int(player1RatingChange)
        w.raw(#","player2_rating_change":"#)
        w.int(player2RatingChange)
        w.raw("}")
    }
}
