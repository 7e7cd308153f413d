/// The fast path for reading client frames. Every move arrives as a small, flat JSON object such as
/// `{"type":"make_move","id":"m1","data":{"game_id":"…","position":4}}`; `JSONDecoder` spent more
/// time on that than the move itself. This scanner reads exactly that simple shape: one object, an
/// optional `data` object one level down, strings without escapes, integers, `true`, `false` and
/// `null`. Anything else (escapes, floats, arrays, deeper nesting, duplicate or mistyped keys) is
/// declined with nil and the frame goes to `JSONDecoder`, so hostile or unusual input is still
/// judged by the full parser and answered the same way. Tests hold both paths to the same result.
struct ClientFrameScanner {
    /// What the scanner read: the same fields `ClientFrame` decodes.
    struct Fields: Equatable {
        var type: String?
        var id: String?
        var data: ClientPayload?
    }

    private enum Value {
        case string(String)
        case int(Int)
        case bool(Bool)
        case null
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The frame's fields, or nil when the frame is not of the simple shape (or not valid JSON).
    static func scan(_ text: String) -> Fields? {
        var text = text
        return text.withUTF8 { buffer in
            var scanner = ClientFrameScanner(buffer)
            return scanner.frame()
        }
    }

    private mutating func frame() -> Fields? {
        var fields = Fields()
        var seen = SeenKeys()
        let complete = object { key, scanner in
            guard seen.insert(key) else { return false }
            switch key {
            case "data":
                scanner.skipWhitespace()
                if scanner.peek == UInt8(ascii: "{") {
                    guard let payload = scanner.payload() else { return false }
                    fields.data = payload
                    return true
                }
                guard case .null = scanner.value() else { return false }
                return true
            case "type":
                switch scanner.value() {
                case .string(let s): fields.type = s
                case .null: break
                default: return false
                }
            case "id":
                switch scanner.value() {
                case .string(let s): fields.id = s
                case .int(let n): fields.id = String(n)
                case .null: break
                default: return false
                }
            default:
                return scanner.value() != nil
            }
            return true
        }
        guard complete else { return nil }
        skipWhitespace()
        return index == bytes.count ? fields : nil
    }

    private mutating func payload() -> ClientPayload? {
        var payload = ClientPayload()
        var seen = SeenKeys()
        let complete = object { key, scanner in
            guard seen.insert(key), let value = scanner.value() else { return false }
            switch (key, value) {
            case (_, .null): return true
            case ("game_id", .string(let s)): payload.gameID = s
            case ("text", .string(let s)): payload.text = s
            case ("access_token", .string(let s)): payload.accessToken = s
            case ("position", .int(let n)): payload.position = n
            case ("version", .int(let n)): payload.version = n
            case ("accept", .bool(let b)): payload.accept = b
            case ("game_id", _), ("text", _), ("access_token", _), ("position", _), ("version", _), ("accept", _):
                return false
            default: return true
            }
            return true
        }
        return complete ? payload : nil
    }

    /// Reads `{ "key": value, ... }`, handing each key to `member`, which reads the value.
    private mutating func object(_ member: (String, inout ClientFrameScanner) -> Bool) -> Bool {
        skipWhitespace()
        guard take(UInt8(ascii: "{")) else { return false }
        skipWhitespace()
        if take(UInt8(ascii: "}")) { return true }
        while true {
            skipWhitespace()
            guard let key = string() else { return false }
            skipWhitespace()
            guard take(UInt8(ascii: ":")) else { return false }
            guard member(key, &self) else { return false }
            skipWhitespace()
            if take(UInt8(ascii: ",")) { continue }
            return take(UInt8(ascii: "}"))
        }
    }

    private mutating func value() -> Value? {
        skipWhitespace()
        guard let first = peek else { return nil }
        switch first {
        case UInt8(ascii: "\""): return string().map(Value.string)
        case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
        case UInt8(ascii: "n"): return literal("null") ? .null : nil
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return integer().map(Value.int)
        default: return nil
        }
    }

    /// A string without escapes or control characters; those go to the full parser.
    private mutating func string() -> String? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            index += 1
        }
        return nil
    }

    /// An integer as JSON writes it (no leading zeros, no fraction or exponent) that fits an Int.
    private mutating func integer() -> Int? {
        let negative = take(UInt8(ascii: "-"))
        let start = index
        var magnitude = 0
        while let byte = peek, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            magnitude = sum
            index += 1
        }
        let digits = index - start
        guard digits > 0, digits == 1 || bytes[start] != UInt8(ascii: "0") else { return nil }
        if let next = peek, next == UInt8(ascii: ".") || next == UInt8(ascii: "e") || next == UInt8(ascii: "E") {
            return nil
        }
        return negative ? -magnitude : magnitude
    }

    /// The keys of one object so far, to decline duplicates. An object of the simple shape has a
    /// handful of keys: a list searched in place is cheaper than hashing each one into a `Set`.
    private struct SeenKeys {
        private var keys: [String] = []

        /// False when `key` was seen before.
        mutating func insert(_ key: String) -> Bool {
            guard !keys.contains(key) else { return false }
            keys.append(key)
            return true
        }
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
        index += count
        return true
    }

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipWhitespace() {
        while let byte = peek, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }
}
