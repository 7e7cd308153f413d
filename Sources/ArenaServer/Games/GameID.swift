import Foundation

/// Game ids are UUID version 7 (RFC 9562): the first 48 bits are the creation time in
/// milliseconds, so ids made later sort later, as text too. Games, their moves and their indexes
/// are keyed by this id; with random ids every live game sat on its own page of each B-tree and
/// every move dirtied two pages of its own (each copied to the WAL and checkpointed back). Time
/// ordered ids keep the live games together at the right edge of those trees.
enum GameID {
    static func make(now: Date = Date()) -> String {
        var bytes = UUID().uuid
        let millis = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        bytes.0 = UInt8(truncatingIfNeeded: millis >> 40)
        bytes.1 = UInt8(truncatingIfNeeded: millis >> 32)
        bytes.2 = UInt8(truncatingIfNeeded: millis >> 24)
        bytes.3 = UInt8(truncatingIfNeeded: millis >> 16)
        bytes.4 = UInt8(truncatingIfNeeded: millis >> 8)
        bytes.5 = UInt8(truncatingIfNeeded: millis)
        bytes.6 = 0x70 | (bytes.6 & 0x0F)  // version 7
        bytes.8 = 0x80 | (bytes.8 & 0x3F)  // RFC 9562 variant
        return UUID(uuid: bytes).uuidString.lowercased()
    }
}
