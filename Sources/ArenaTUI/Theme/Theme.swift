import ArenaClient

/// Colours per role, read from a small `role = colour [on colour] [attributes]` text file.
public struct Theme: Sendable, Equatable {
    public enum Color: Sendable, Hashable {
        case terminalDefault
        case index(Int)

        static let names: [String: Int] = [
            "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        ]

        init?(name: String) {
            let lowered = name.lowercased()
            if lowered == "default" || lowered == "none" {
                self = .terminalDefault
            } else if let index = Self.names[lowered] {
                self = .index(index)
            } else if lowered.hasPrefix("bright-"), let index = Self.names[String(lowered.dropFirst(7))] {
                self = .index(index + 8)
            } else if let number = Int(lowered), (0...255).contains(number) {
                self = .index(number)
            } else {
                return nil
            }
        }
    }

    public struct Entry: Sendable, Equatable {
        public var foreground: Color = .terminalDefault
        public var background: Color = .terminalDefault
        public var bold = false
        public var underline = false
        public var reverse = false
        public var dim = false

        public init() {}

        public var usesColor: Bool { foreground != .terminalDefault || background != .terminalDefault }
    }

    public var name: String
    public var entries: [Role: Entry]
    /// Lines that could not be read, so `--theme` can say what was ignored.
    public var problems: [String] = []

    public init(name: String, entries: [Role: Entry]) {
        self.name = name
        self.entries = entries
    }

    public init(name: String, parsing text: String) {
        self.name = name
        entries = [:]
        for (key, value) in KeyValueFile.parse(text) {
            guard let role = Role(rawValue: key) else {
                problems.append("unknown role \"\(key)\"")
                continue
            }
            if let entry = Self.entry(from: value) {
                entries[role] = entry
            } else {
                problems.append("cannot read \"\(key) = \(value)\"")
            }
        }
    }

    public func entry(for role: Role) -> Entry { entries[role] ?? Entry() }

    static func entry(from value: String) -> Entry? {
        var entry = Entry()
        var words = value.split(separator: " ").map { String($0) }[...]
        var sawForeground = false
        while let word = words.popFirst() {
            switch word.lowercased() {
            case "bold": entry.bold = true
            case "underline": entry.underline = true
            case "reverse": entry.reverse = true
            case "dim": entry.dim = true
            case "on":
                guard let next = words.popFirst(), let color = Color(name: next) else { return nil }
                entry.background = color
            default:
                guard !sawForeground, let color = Color(name: word) else { return nil }
                entry.foreground = color
                sawForeground = true
            }
        }
        return entry
    }

    /// No colours at all: roles differ by bold, reverse, underline and dim only.
    public static let monochrome: Theme = {
        func entry(bold: Bool = false, underline: Bool = false, reverse: Bool = false, dim: Bool = false) -> Entry {
            var e = Entry()
            e.bold = bold
            e.underline = underline
            e.reverse = reverse
            e.dim = dim
            return e
        }
        return Theme(
            name: "mono",
            entries: [
                .title: entry(reverse: true), .accent: entry(bold: true), .muted: entry(dim: true),
                .markX: entry(bold: true), .markO: entry(bold: true), .cursor: entry(reverse: true),
                .win: entry(bold: true, underline: true), .error: entry(bold: true), .help: entry(reverse: true),
                .selection: entry(reverse: true), .input: entry(underline: true),
            ])
    }()

    /// The classic theme compiled in, for when no theme file can be found.
    public static let classic = Theme(
        name: "classic",
        parsing: """
            text = default
            title = black on cyan
            border = blue
            accent = yellow bold
            muted = white dim
            x = red bold
            o = cyan bold
            cursor = black on yellow
            win = green bold
            error = red bold
            notice = green
            help = black on white
            selection = black on cyan
            chat_self = green
            chat_other = default
            input = default underline
            """)
}
