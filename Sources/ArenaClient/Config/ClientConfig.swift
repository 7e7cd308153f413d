import Foundation

/// The client's remembered settings, a small `key = value` file so a person can read and edit it.
public struct ClientConfig: Sendable, Equatable {
    public var server: String?
    public var theme: String?
    /// Keys this version does not know, kept so saving never drops what a newer version wrote.
    public var other: [(key: String, value: String)] = []

    public init(server: String? = nil, theme: String? = nil) {
        self.server = server
        self.theme = theme
    }

    public static func == (lhs: ClientConfig, rhs: ClientConfig) -> Bool {
        lhs.server == rhs.server && lhs.theme == rhs.theme
            && lhs.other.map { "\($0.key)=\($0.value)" } == rhs.other.map { "\($0.key)=\($0.value)" }
    }

    public init(parsing text: String) {
        for (key, value) in KeyValueFile.parse(text) {
            switch key {
            case "server": server = value
            case "theme": theme = value
            default: other.append((key, value))
            }
        }
    }

    public var text: String {
        var lines = ["# arena client settings (key = value)"]
        if let server { lines.append("server = \(server)") }
        if let theme { lines.append("theme = \(theme)") }
        for entry in other { lines.append("\(entry.key) = \(entry.value)") }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func load(from path: String) -> ClientConfig {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return ClientConfig() }
        return ClientConfig(parsing: text)
    }

    public func save(to path: String) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}

/// Parsing of the `key = value` format shared by the config file and theme files.
public enum KeyValueFile {
    /// Pairs in file order; blank lines and `#` comments are skipped, keys are lower-cased.
    public static func parse(_ text: String) -> [(key: String, value: String)] {
        var pairs: [(key: String, value: String)] = []
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if !key.isEmpty { pairs.append((key, value)) }
        }
        return pairs
    }
}
