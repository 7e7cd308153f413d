import Foundation

/// The servers a player has trusted, like SSH's known_hosts: one `host:port SHA256-FINGERPRINT`
/// a line. The file is the whole truth; deleting a line is how a player resets trust.
public struct KnownServers: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var server: String
        public var fingerprint: Fingerprint
        /// 1-based line in the file, so a warning can say exactly which line to delete.
        public var line: Int
    }

    public enum Verdict: Sendable, Equatable {
        case unknown
        case trusted
        case changed(pinned: Fingerprint, line: Int)
    }

    public private(set) var entries: [Entry] = []
    private var lines: [String] = []

    public init() {}

    public init(parsing text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        for (index, line) in lines.enumerated() {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 2, !fields[0].hasPrefix("#"),
                let fingerprint = Fingerprint(parsing: String(fields[1]))
            else { continue }
            entries.append(Entry(server: String(fields[0]), fingerprint: fingerprint, line: index + 1))
        }
    }

    public static func load(from path: String) -> KnownServers {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return KnownServers() }
        return KnownServers(parsing: text)
    }

    public func pinned(for server: ServerAddress) -> Entry? {
        entries.first { $0.server == server.description }
    }

    public func verdict(for server: ServerAddress, presented: Fingerprint) -> Verdict {
        guard let entry = pinned(for: server) else { return .unknown }
        return entry.fingerprint == presented ? .trusted : .changed(pinned: entry.fingerprint, line: entry.line)
    }

    public mutating func trust(_ server: ServerAddress, fingerprint: Fingerprint) {
        let line = "\(server.description) \(fingerprint)"
        lines.append(line)
        entries.append(Entry(server: server.description, fingerprint: fingerprint, line: lines.count))
    }

    public var text: String { lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n" }

    public func save(to path: String) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
