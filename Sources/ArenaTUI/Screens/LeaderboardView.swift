import ArenaKit

/// Where the leaderboard's tabs and rows sit; shared by drawing and mouse hit-testing.
struct LeaderboardLayout {
    var tabsRow: Int
    var tabRanges: [(LeaderboardState.Tab, Range<Int>)]
    var box: Rect
    var headerRow: Int
    var firstRow: Int
    var pageSize: Int
    var messageRow: Int

    init(size: Size) {
        tabsRow = 1
        var x = 2
        var ranges: [(LeaderboardState.Tab, Range<Int>)] = []
        for tab in LeaderboardState.Tab.allCases {
            let width = tab.rawValue.count + 2
            ranges.append((tab, x..<(x + width)))
            x += width + 1
        }
        tabRanges = ranges
        box = Rect(x: 1, y: 2, width: size.width - 2, height: size.height - 5)
        headerRow = box.y + 1
        firstRow = box.y + 2
        pageSize = max(1, box.height - 3)
        messageRow = size.height - 3
    }

    func tab(at point: Point) -> LeaderboardState.Tab? {
        guard point.y == tabsRow else { return nil }
        return tabRanges.first { $0.1.contains(point.x) }?.0
    }

    func entryIndex(at point: Point) -> Int? {
        guard point.x > box.x, point.x < box.maxX - 1, point.y >= firstRow, point.y < firstRow + pageSize else {
            return nil
        }
        return point.y - firstRow
    }
}

struct LeaderboardView {
    var state: AppState
    var board: LeaderboardState

    func render(into buffer: inout ScreenBuffer) {
        let layout = LeaderboardLayout(size: buffer.size)
        for (tab, range) in layout.tabRanges {
            let current = tab == board.tab
            buffer.put(
                current ? "[\(tab.rawValue)]" : " \(tab.rawValue) ", x: range.lowerBound, y: layout.tabsRow,
                style: current ? .accent : .muted)
        }
        if board.tab == .search {
            let x = (layout.tabRanges.last?.1.upperBound ?? 30) + 3
            buffer.put("Name starts with:", x: x, y: layout.tabsRow, style: .text)
            TextFieldView(value: board.query, width: 22, focused: state.playerCard == nil && !state.showHelp)
                .render(at: Point(x: x + 18, y: layout.tabsRow), into: &buffer)
        }
        var title = "\(board.tab.rawValue) leaderboard"
        if board.loading {
            title += " (loading…)"
        } else if !board.rangeText.isEmpty {
            title += " · \(board.rangeText)"
        }
        buffer.drawBox(layout.box, title: title)
        let inner = layout.box.inset(1)
        let columns = Columns(inner: inner)
        columns.draw(
            rank: "Rank", name: "Player", rating: "Rating", played: "Games", record: "W-L-D", y: layout.headerRow,
            style: Style(.muted, underline: true), into: &buffer)
        for (index, entry) in board.entries.prefix(layout.pageSize).enumerated() {
            let y = layout.firstRow + index
            let mine = entry.userID == state.user?.id
            let selected = index == board.selection
            var style: Style = mine ? Style(.accent, bold: true) : .text
            if selected {
                style = Style(.selection, bold: mine, reverse: true)
                buffer.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), with: Cell(" ", style: style))
            }
            buffer.put(selected ? ">" : " ", x: inner.x, y: y, style: style)
            columns.draw(
                rank: "#\(entry.rank)", name: entry.username + (mine ? " (you)" : ""), rating: "\(entry.eloRating)",
                played: "\(entry.gamesPlayed)", record: "\(entry.gamesWon)-\(entry.gamesLost)-\(entry.gamesDrawn)",
                y: y, style: style, into: &buffer)
        }
        if let message = board.message {
            buffer.putCentered(message, in: inner, y: layout.firstRow + 1, style: .muted)
        } else if board.entries.isEmpty, board.tab == .search, board.query.isEmpty {
            buffer.putCentered("Type the start of a name.", in: inner, y: layout.firstRow + 1, style: .muted)
        }
    }

    /// The table's columns, so the header and every row line up.
    struct Columns {
        var inner: Rect

        func draw(
            rank: String, name: String, rating: String, played: String, record: String, y: Int, style: Style,
            into buffer: inout ScreenBuffer
        ) {
            let right = inner.maxX - 1
            buffer.put(rank, x: inner.x + 2, y: y, style: style, maxWidth: 7)
            buffer.put(name, x: inner.x + 10, y: y, style: style, maxWidth: max(4, inner.width - 40))
            buffer.put(rating, x: right - 27 - rating.displayWidth, y: y, style: style)
            buffer.put(played, x: right - 16 - played.displayWidth, y: y, style: style)
            buffer.put(record, x: right - record.displayWidth, y: y, style: style)
        }
    }
}
