public struct Cell: Sendable, Hashable {
    public var character: Character
    public var style: Style

    public init(_ character: Character = " ", style: Style = .text) {
        self.character = character
        self.style = style
    }

    public static let blank = Cell()
}
