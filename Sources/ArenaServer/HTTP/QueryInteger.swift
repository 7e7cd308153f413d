import Hummingbird
import HummingbirdCore

extension FlatDictionary<Substring, Substring> {
    /// An integer query parameter: absent means `defaultValue`; anything else must be a whole
    /// number inside `range`, or the request fails with a 400 carrying `code` (never a clamp).
    func integer(_ name: String, default defaultValue: Int, in range: ClosedRange<Int>, code: String) throws -> Int {
        guard let raw = self[Substring(name)] else { return defaultValue }
        guard raw.utf8.count <= 12, let value = Int(raw), range.contains(value) else {
            throw APIError.badRequest(
                code, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound).")
        }
        return value
    }
}
