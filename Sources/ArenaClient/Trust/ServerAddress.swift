/// A server as the player names it: `host:port`, `[v6]:port`, or a bare host on the default port.
public struct ServerAddress: Sendable, Hashable, CustomStringConvertible {
    public static let defaultPort = 5000

    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, !trimmed.contains(where: { $0.isWhitespace || $0 == "/" }) else { return nil }
        var host = trimmed
        var portText: Substring?
        if trimmed.hasPrefix("[") {
            guard let close = trimmed.firstIndex(of: "]") else { return nil }
            host = String(trimmed[trimmed.index(after: trimmed.startIndex)..<close])
            let rest = trimmed[trimmed.index(after: close)...]
            if rest.hasPrefix(":") { portText = rest.dropFirst() } else if !rest.isEmpty { return nil }
        } else if let colon = trimmed.lastIndex(of: ":") {
            // More than one colon without brackets is a bare IPv6 address, not host:port.
            if trimmed.firstIndex(of: ":") == colon {
                host = String(trimmed[..<colon])
                portText = trimmed[trimmed.index(after: colon)...]
            }
        }
        var port = Self.defaultPort
        if let portText {
            guard let parsed = Int(portText), (1...65535).contains(parsed) else { return nil }
            port = parsed
        }
        guard !host.isEmpty else { return nil }
        self.host = host
        self.port = port
    }

    public var isIPAddress: Bool {
        if host.contains(":") { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { UInt8($0) != nil }
    }

    /// NIOSSL refuses an IP address as the TLS server name; the pinned certificate, not the name,
    /// is what we trust, so any name the server's certificate carries will do.
    public var tlsServerName: String { isIPAddress ? "localhost" : host }

    /// The host as it goes into a URL (IPv6 in brackets).
    public var urlHost: String { host.contains(":") ? "[\(host)]" : host }

    /// The key in known_servers and the config file.
    public var description: String { "\(urlHost):\(port)" }

    public var webSocketURL: String { "wss://\(urlHost):\(port)/ws" }
}
