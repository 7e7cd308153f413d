/// What a cell is for. The theme turns roles into colours, so screens never name a colour.
public enum Role: String, CaseIterable, Sendable, Hashable {
    case text
    case title
    case border
    case accent
    case muted
    case markX = "x"
    case markO = "o"
    case cursor
    case win
    case error
    case notice
    case help
    case selection
    case chatSelf = "chat_self"
    case chatOther = "chat_other"
    case input
}

/// A cell's look: its role plus emphasis that does not depend on colour (so monochrome works).
public struct Style: Sendable, Hashable {
    public var role: Role
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(_ role: Role = .text, bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.role = role
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
    }

    public static let text = Style(.text)
    public static let title = Style(.title, bold: true)
    public static let border = Style(.border)
    public static let muted = Style(.muted)
    public static let accent = Style(.accent, bold: true)
    public static let error = Style(.error, bold: true)
    public static let notice = Style(.notice)
    public static let help = Style(.help)
    public static let selection = Style(.selection, reverse: true)
    public static let input = Style(.input, underline: true)
}
