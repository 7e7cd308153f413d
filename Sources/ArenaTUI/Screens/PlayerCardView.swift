import ArenaKit
import Foundation

/// The stats card drawn over the screen that opened it.
struct PlayerCardView {
    var card: PlayerCardState
    var me: String?

    static let recentShown = 6

    func render(into buffer: inout ScreenBuffer) {
        let width = min(buffer.width - 2, 64)
        let recent = min(card.stats?.recentResults.count ?? 0, Self.recentShown)
        let height = min(buffer.height - 2, card.stats == nil ? 7 : 9 + (recent > 0 ? recent + 1 : 0))
        let box = buffer.bounds.centered(width: width, height: height)
        let fullName = card.stats?.user.fullName.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let named = fullName.isEmpty ? card.username : "\(card.username) · \(fullName)"
        buffer.drawBox(box, title: named + (card.userID == me ? " (you)" : ""))
        let x = box.x + 2
        let textWidth = box.width - 4
        var y = box.y + 1
        guard let stats = card.stats else {
            buffer.put(card.message ?? "Loading…", x: x, y: y + 1, style: card.message == nil ? .muted : .error)
            buffer.putCentered("Esc to close", in: box, y: box.maxY - 2, style: .muted)
            return
        }
        let user = stats.user
        let rank = stats.rank.map { "rank #\($0)" } ?? "not ranked yet"
        let provisional = user.provisional == true ? " (provisional)" : ""
        buffer.put("Rating \(user.eloRating)\(provisional), \(rank)", x: x, y: y, style: .accent, maxWidth: textWidth)
        y += 1
        let percent = Int((stats.winRate * 100).rounded())
        buffer.put(
            "Record \(user.gamesWon)W \(user.gamesLost)L \(user.gamesDrawn)D in \(user.gamesPlayed) game\(user.gamesPlayed == 1 ? "" : "s"), win rate \(percent)%",
            x: x, y: y, style: .text, maxWidth: textWidth)
        y += 1
        buffer.put("Best winning streak: \(stats.bestStreak)", x: x, y: y, style: .text, maxWidth: textWidth)
        y += 1
        let history = card.ratingHistory
        if history.count >= 2 {
            let line = Sparkline.render(history, unicode: buffer.glyphs == .unicode)
            buffer.put("Rating trend ", x: x, y: y, style: .text)
            buffer.put(line, x: x + 13, y: y, style: .accent, maxWidth: textWidth - 13)
            let range = " \(history.min() ?? 0)-\(history.max() ?? 0)"
            buffer.put(
                range, x: x + 13 + line.displayWidth, y: y, style: .muted,
                maxWidth: max(0, textWidth - 13 - line.displayWidth))
        } else {
            buffer.put("No rated games yet.", x: x, y: y, style: .muted)
        }
        y += 2
        if !stats.recentResults.isEmpty {
            buffer.put("Recent games", x: x, y: y, style: Style(.muted, underline: true))
            y += 1
            for result in stats.recentResults.prefix(max(0, min(Self.recentShown, box.maxY - 3 - y))) {
                let sign = result.eloChange >= 0 ? "+" : ""
                let opponent = result.opponentUsername ?? "?"
                let outcome = result.result.padding(toLength: 4, withPad: " ", startingAt: 0)
                let day = String(result.endedAt.prefix(10))
                let line = "\(outcome) vs \(opponent)"
                let right =
                    "\(result.eloBefore) \(buffer.glyphs.arrow) \(result.eloAfter) (\(sign)\(result.eloChange))  \(day)"
                let style: Style = result.result == "win" ? Style(.win) : result.result == "loss" ? .text : .muted
                buffer.put(line, x: x, y: y, style: style, maxWidth: max(4, textWidth - right.displayWidth - 1))
                buffer.put(right, x: box.maxX - 2 - right.displayWidth, y: y, style: .muted)
                y += 1
            }
        }
        buffer.putCentered("Esc to close", in: box, y: box.maxY - 2, style: .muted)
    }
}
