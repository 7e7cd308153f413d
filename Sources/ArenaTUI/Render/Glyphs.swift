/// The characters boxes and marks are drawn with: Unicode box drawing, or plain ASCII when the
/// locale cannot show it.
public struct Glyphs: Sendable, Equatable {
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    public var cross: Character
    public var teeDown: Character
    public var teeUp: Character
    public var teeRight: Character
    public var teeLeft: Character
    public var bullet: Character
    public var separator: String
    public var ellipsis: Character
    public var arrow: String

    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        cross: "┼", teeDown: "┬", teeUp: "┴", teeRight: "├", teeLeft: "┤", bullet: "●", separator: " · ",
        ellipsis: "…", arrow: "→")

    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        cross: "+", teeDown: "+", teeUp: "+", teeRight: "+", teeLeft: "+", bullet: "*", separator: " | ",
        ellipsis: "~", arrow: "->")
}
