import Foundation

/// RFC 3339 UTC timestamps with milliseconds (`2024-05-01T10:00:00.000Z`), the contract's one time
/// format.
public enum Timestamp {
    /// Written by hand: every move and every log line carries a timestamp, and Foundation's
    /// `ISO8601FormatStyle` cost more than the rest of a log line.
    public static func string(_ date: Date) -> String {
        // Floor division, so a time before 1970 still gets milliseconds in 0...999.
        let (quotient, remainder) = Int64((date.timeIntervalSince1970 * 1000).rounded())
            .quotientAndRemainder(dividingBy: 1000)
        let seconds = remainder < 0 ? quotient - 1 : quotient
        let millis = Int(remainder < 0 ? remainder + 1000 : remainder)
        var time = time_t(seconds)
        var parts = tm()
        // Years outside four digits do not fit the buffer below: Foundation writes those.
        guard gmtime_r(&time, &parts) != nil, (0...9999).contains(Int(parts.tm_year) + 1900) else {
            return date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        }
        // Into one buffer of the final length: building it from `String(Int)` pieces cost more
        // than the rest of a move's encoding (BENCHMARKS.md, eighth round).
        let year = Int(parts.tm_year) + 1900
        return String(unsafeUninitializedCapacity: 24) { text in
            func put(_ value: Int, width: Int, at offset: Int) {
                var value = value
                for index in stride(from: offset + width - 1, through: offset, by: -1) {
                    text[index] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            put(year, width: 4, at: 0)
            text[4] = UInt8(ascii: "-")
            put(Int(parts.tm_mon) + 1, width: 2, at: 5)
            text[7] = UInt8(ascii: "-")
            put(Int(parts.tm_mday), width: 2, at: 8)
            text[10] = UInt8(ascii: "T")
            put(Int(parts.tm_hour), width: 2, at: 11)
            text[13] = UInt8(ascii: ":")
            put(Int(parts.tm_min), width: 2, at: 14)
            text[16] = UInt8(ascii: ":")
            put(Int(parts.tm_sec), width: 2, at: 17)
            text[19] = UInt8(ascii: ".")
            put(millis, width: 3, at: 20)
            text[23] = UInt8(ascii: "Z")
            return 24
        }
    }

    public static func date(_ string: String) -> Date? {
        if let d = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(string) { return d }
        return try? Date.ISO8601FormatStyle().parse(string)
    }
}
