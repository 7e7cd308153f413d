import ArenaClient
import ArenaKit
import Foundation

extension AppState {
    /// Opens the leaderboard on its global page from the top.
    mutating func openLeaderboard() -> [Effect] {
        var board = LeaderboardState()
        let effects = loadBoard(.global, offset: 0, into: &board)
        screen = .leaderboard(board)
        return effects
    }

    private var leaderboardPageSize: Int { LeaderboardLayout(size: size).pageSize }

    private mutating func loadBoard(_ board: LeaderboardBoard, offset: Int, into state: inout LeaderboardState)
        -> [Effect]
    {
        state.loading = true
        state.requested = .init(board: board, offset: offset)
        return [.loadLeaderboard(board, limit: leaderboardPageSize, offset: offset)]
    }

    private func board(for tab: LeaderboardState.Tab, query: String) -> LeaderboardBoard? {
        switch tab {
        case .global: return .global
        case .friends: return .friends
        case .search:
            let text = query.trimmingCharacters(in: .whitespaces)
            return text.isEmpty ? nil : .search(text)
        }
    }

    mutating func leaderboardKey(_ key: Key) -> [Effect] {
        guard case .leaderboard(var board) = screen else { return [] }
        defer { if case .leaderboard = screen { screen = .leaderboard(board) } }
        if board.tab == .search, let effects = searchTyping(key, &board) { return effects }
        let actions: [Action] = [
            .back, .moveUp, .moveDown, .first, .last, .nextPage, .previousPage, .nextTab, .previousTab, .stats,
            .aroundMe, .search, .refresh,
        ]
        switch bindings.action(for: key, among: actions) {
        case .back:
            return backToLobby()
        case .moveUp:
            board.selection = max(0, board.selection - 1)
        case .moveDown:
            board.selection = min(max(0, board.entries.count - 1), board.selection + 1)
        case .first:
            board.selection = 0
        case .last:
            board.selection = max(0, board.entries.count - 1)
        case .nextPage:
            let next = board.offset + leaderboardPageSize
            guard next < board.total, let kind = self.board(for: board.tab, query: board.query) else { return [] }
            return loadBoard(kind, offset: next, into: &board)
        case .previousPage:
            guard board.offset > 0, let kind = self.board(for: board.tab, query: board.query) else { return [] }
            return loadBoard(kind, offset: max(0, board.offset - leaderboardPageSize), into: &board)
        case .nextTab, .previousTab:
            let tabs = LeaderboardState.Tab.allCases
            let index = tabs.firstIndex(of: board.tab) ?? 0
            let step = bindings.matches(key, .nextTab) ? 1 : tabs.count - 1
            return switchTab(to: tabs[(index + step) % tabs.count], &board)
        case .stats:
            guard let entry = board.selectedEntry else { return [] }
            return openPlayerCard(userID: entry.userID, username: entry.username)
        case .aroundMe:
            guard let me = user else { return [] }
            board.tab = .global
            board.message = nil
            let radius = max(1, (leaderboardPageSize - 1) / 2)
            return loadBoard(.around(userID: me.id, radius: radius), offset: 0, into: &board)
        case .search:
            return switchTab(to: .search, &board)
        case .refresh:
            guard let kind = self.board(for: board.tab, query: board.query) else { return [] }
            return loadBoard(kind, offset: board.offset, into: &board)
        default:
            return []
        }
        return []
    }

    private mutating func switchTab(to tab: LeaderboardState.Tab, _ board: inout LeaderboardState) -> [Effect] {
        board.tab = tab
        board.entries = []
        board.total = 0
        board.offset = 0
        board.selection = 0
        board.message = nil
        board.searchDueAt = nil
        guard let kind = self.board(for: tab, query: board.query) else {
            board.loading = false
            board.requested = nil
            return []
        }
        return loadBoard(kind, offset: 0, into: &board)
    }

    /// Text keys on the search tab; nil when the key is not text and navigation should have it.
    private mutating func searchTyping(_ key: Key, _ board: inout LeaderboardState) -> [Effect]? {
        switch key {
        case .character(let character) where character != " " || !board.query.isEmpty:
            guard board.query.count < 20 else { return [] }
            board.query.append(character)
        case .backspace:
            guard !board.query.isEmpty else { return [] }
            board.query.removeLast()
        case .control("u"):
            board.query = ""
        default:
            return nil
        }
        board.searchDueAt = now.addingTimeInterval(LeaderboardState.searchDelay)
        if board.query.trimmingCharacters(in: .whitespaces).isEmpty {
            board.searchDueAt = nil
            board.entries = []
            board.total = 0
            board.requested = nil
            board.loading = false
        }
        return []
    }

    /// The debounced search: sent once typing has paused.
    mutating func leaderboardTick() -> [Effect] {
        guard case .leaderboard(var board) = screen, let due = board.searchDueAt, due <= now else { return [] }
        board.searchDueAt = nil
        board.offset = 0
        board.selection = 0
        var effects: [Effect] = []
        if let kind = self.board(for: .search, query: board.query) {
            effects = loadBoard(kind, offset: 0, into: &board)
        }
        screen = .leaderboard(board)
        return effects
    }

    mutating func leaderboardLoaded(
        _ kind: LeaderboardBoard, offset: Int, _ result: Result<LeaderboardPageDTO, ArenaClientError>
    ) -> [Effect] {
        guard case .leaderboard(var board) = screen, board.requested == .init(board: kind, offset: offset) else {
            return []
        }
        board.loading = false
        board.requested = nil
        switch result {
        case .success(let page):
            board.entries = page.entries
            board.total = page.total
            if case .around = kind {
                board.offset = max(0, (page.entries.first?.rank ?? 1) - 1)
                board.selection = page.entries.firstIndex { $0.userID == user?.id } ?? 0
            } else {
                board.offset = offset
                board.selection = min(board.selection, max(0, page.entries.count - 1))
            }
            board.message = page.entries.isEmpty ? emptyBoardText(board) : nil
        case .failure(let error):
            if error == .sessionExpired { return sessionEnded(error.message) }
            board.message =
                error.code == "not_ranked" ? "You have no rated game yet: play one to get a rank." : error.message
        }
        screen = .leaderboard(board)
        return []
    }

    private func emptyBoardText(_ board: LeaderboardState) -> String {
        switch board.tab {
        case .global: "Nobody has played a rated game yet."
        case .friends: "No friends yet: add some from the friends screen (f in the lobby)."
        case .search: "No player's name starts with \"\(board.query)\"."
        }
    }

    mutating func leaderboardClick(_ point: Point) -> [Effect] {
        guard case .leaderboard(var board) = screen else { return [] }
        let layout = LeaderboardLayout(size: size)
        if let tab = layout.tab(at: point) {
            let effects = switchTab(to: tab, &board)
            screen = .leaderboard(board)
            return effects
        }
        guard let row = layout.entryIndex(at: point), board.entries.indices.contains(row) else { return [] }
        let again = row == board.selection
        board.selection = row
        screen = .leaderboard(board)
        guard again, let entry = board.selectedEntry else { return [] }
        return openPlayerCard(userID: entry.userID, username: entry.username)
    }

    /// Back to a fresh lobby, loading at once.
    mutating func backToLobby(message: String? = nil) -> [Effect] {
        var lobby = LobbyState()
        lobby.loading = true
        if let message { lobby.report(message) }
        screen = .lobby(lobby)
        return [.loadLobby]
    }
}
