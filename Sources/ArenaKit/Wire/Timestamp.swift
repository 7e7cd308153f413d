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
        guard gmtime_r(&time, &parts) != nil else {
            return date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        }
        var text = ""
        text.reserveCapacity(24)
        append(Int(parts.tm_year) + 1900, width: 4, to: &text)
        text.append("-")
        append(Int(parts.tm_mon) + 1, width: 2, to: &text)
        text.append("-")
        append(Int(parts.tm_mday), width: 2, to: &text)
        text.append("T")
        append(Int(parts.tm_hour), width: 2, to: &text)
        text.append(":")
        append(Int(parts.tm_min), width: 2, to: &text)
        text.append(":")
        append(Int(parts.tm_sec), width: 2, to: &text)
        text.append(".")
        append(millis, width: 3, to: &text)
        text.append("Z")
        return text
    }

    public static func date(_ string: String) -> Date? {
        if let d = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(string) { return d }
        return try? Date.ISO8601FormatStyle().parse(string)
    }

    private static func append(_ value: Int, width: Int, to text: inout String) {
        let digits = String(value)
        if digits.count < width { text.append(String(repeating: "0", count: width - digits.count)) }
        text.append(digits)
    }
}
