/// Pulls the few fields a player needs out of a server frame without decoding it.
///
/// The load tool receives two frames per move (both players' game_update: its moves go without an
/// id, so no ack) and runs on the same two cores as the server it measures; a full Foundation JSON
/// decode of every GameDTO would make the tool, not the server, the bottleneck. The server's frames are flat JSON
/// (the game object holds no nested objects), so finding `"key":` is unambiguous within a region.
/// Keys arrive in no fixed order (the server's encoder hashes them), so nothing here assumes one.
struct FrameScanner {
    let bytes: UnsafeBufferPointer<UInt8>

    /// The frame's event type (`"type":"..."`).
    func type() -> String? { string(after: #""type":""#, in: 0..<bytes.count) }

    /// The byte range of the `"game":{...}` object, if the frame carries one.
    func gameRange() -> Range<Int>? {
        guard let start = find(#""game":{"#, in: 0..<bytes.count) else { return nil }
        var end = start
        // No nested objects in a game and no braces in its strings (ids, usernames, timestamps).
        while end < bytes.count, bytes[end] != UInt8(ascii: "}") { end += 1 }
        return start..<end
    }

    func string(after key: String, in range: Range<Int>) -> String? {
        guard let start = find(key, in: range) else { return nil }
        var end = start
        while end < range.upperBound, bytes[end] != UInt8(ascii: "\"") { end += 1 }
        guard end < range.upperBound else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    func int(after key: String, in range: Range<Int>) -> Int? {
        guard var i = find(key, in: range) else { return nil }
        var value = 0
        var digits = 0
        while i < range.upperBound, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
            value = value &* 10 &+ Int(bytes[i] &- UInt8(ascii: "0"))
            digits += 1
            i += 1
        }
        return digits > 0 ? value : nil
    }

    /// The board as 9 marks: 0 empty, 1 X, 2 O. Nil unless exactly nine cells were read.
    func board(in range: Range<Int>) -> [UInt8]? {
        guard var i = find(#""board":["#, in: range) else { return nil }
        var cells: [UInt8] = []
        cells.reserveCapacity(9)
        while i < range.upperBound, cells.count < 9 {
            guard bytes[i] == UInt8(ascii: "\""), i + 1 < range.upperBound else { return nil }
            switch bytes[i + 1] {
            case UInt8(ascii: "\""):
                cells.append(0)
                i += 2
            case UInt8(ascii: "X"):
                cells.append(1)
                i += 3
            case UInt8(ascii: "O"):
                cells.append(2)
                i += 3
            default: return nil
            }
            if i < range.upperBound, bytes[i] == UInt8(ascii: ",") { i += 1 }
        }
        return cells.count == 9 ? cells : nil
    }

    /// The index just past the first occurrence of `key` within `range`.
    func find(_ key: String, in range: Range<Int>) -> Int? {
        var key = key
        return key.withUTF8 { pattern -> Int? in
            guard let first = pattern.first, range.count >= pattern.count else { return nil }
            var i = range.lowerBound
            let last = range.upperBound - pattern.count
            outer: while i <= last {
                if bytes[i] != first {
                    i += 1
                    continue
                }
                for j in 1..<pattern.count where bytes[i + j] != pattern[j] {
                    i += 1
                    continue outer
                }
                return i + pattern.count
            }
            return nil
        }
    }
}

/// The parts of a game the players act on.
struct GameView: Equatable {
    var id: String
    var version: Int
    var status: String
    var currentPlayerID: String?
    var board: [UInt8]

    init?(_ scanner: FrameScanner) {
        guard let range = scanner.gameRange(),
            let id = scanner.string(after: #""id":""#, in: range),
            let version = scanner.int(after: #""version":"#, in: range),
            let status = scanner.string(after: #""status":""#, in: range),
            let board = scanner.board(in: range)
        else { return nil }
        self.id = String(id)
        self.version = version
        self.status = status
        // null when the game is over or not started: then no string follows the key.
        currentPlayerID = scanner.string(after: #""current_player_id":""#, in: range)
        self.board = board
    }
}
