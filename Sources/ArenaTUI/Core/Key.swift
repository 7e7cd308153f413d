/// A key press after decoding, independent of ncurses so update can be tested with plain values.
public enum Key: Sendable, Hashable {
    case character(Character)
    /// Ctrl plus a letter, lower-cased ("r" for Ctrl-R).
    case control(Character)
    case enter
    case tab
    case backTab
    case backspace
    case delete
    case escape
    case up
    case down
    case left
    case right
    case home
    case end
    case pageUp
    case pageDown
    case function(Int)

    /// The character if this is a plain printable key.
    public var printable: Character? {
        if case .character(let c) = self { return c }
        return nil
    }
}
