import ArenaClient
import ArenaKit
import Foundation

/// The leaderboards: global (paged), friends, and a search that runs as the player types.
public struct LeaderboardState: Sendable, Equatable {
    public enum Tab: String, CaseIterable, Sendable, Equatable {
        case global = "Global"
        case friends = "Friends"
        case search = "Search"
    }

    public var tab: Tab = .global
    public var entries: [LeaderboardEntryDTO] = []
    public var total = 0
    /// How many rows come before the first one shown (paging).
    public var offset = 0
    public var selection = 0
    public var loading = false
    public var query = ""
    /// When the typed search goes out: a pause in typing, so each key does not cost a request.
    public var searchDueAt: Date?
    public var message: String?
    /// The request whose answer is awaited; older answers are dropped.
    public var requested: Request?

    public struct Request: Sendable, Equatable {
        public var board: LeaderboardBoard
        public var offset: Int
    }

    public init(tab: Tab = .global) { self.tab = tab }

    static let searchDelay: TimeInterval = 0.3

    public var selectedEntry: LeaderboardEntryDTO? {
        entries.indices.contains(selection) ? entries[selection] : nil
    }

    /// The range shown, as people count: "1-16 of 42".
    public var rangeText: String {
        guard !entries.isEmpty else { return total > 0 ? "\(offset + 1)- of \(total)" : "" }
        let first = entries.first?.rank ?? offset + 1
        let last = entries.last?.rank ?? offset + entries.count
        return "\(first)-\(last) of \(total)"
    }
}
