public struct Cell: Sendable, Hashable {
    /// Which part of a character a cell holds. A wide character (CJK, most emoji) takes two
    /// cells: the `.lead` holds it, the `.trail` right of it is covered by it and never drawn.
    public enum Part: Sendable, Hashable {
        case whole
        case lead
        case trail
    }

    public var character: Character
    public var style: Style
    public var part: Part

    public init(_ character: Character = " ", style: Style = .text, part: Part = .whole) {
        self.character = character
        self.style = style
        self.part = part
    }

    public static let blank = Cell()
}
