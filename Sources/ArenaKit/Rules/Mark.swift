/// A player's mark. X always belongs to player 1 and moves first.
public enum Mark: String, Sendable, Codable, CaseIterable {
    case x = "X"
    case o = "O"

    public var opponent: Mark { self == .x ? .o : .x }
}
