/// Which leaderboard a page comes from.
public enum LeaderboardBoard: Sendable, Equatable, Hashable {
    case global
    case friends
    /// Players whose name starts with the text.
    case search(String)
    /// The player's row with `radius` ranks either side, with global ranks.
    case around(userID: String, radius: Int)
}
