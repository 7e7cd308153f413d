import Foundation
import Testing

@testable import ArenaTUI

/// CJK and emoji: two columns each, measured by display width, never split at an edge.
@Suite struct WideCharacterTests {
    @Test func widthsFollowTheCLibraryPerGraphemeCluster() {
        #expect(DisplayText.width(of: Character("a")) == 1)
        #expect(DisplayText.width(of: Character("山")) == 2)
        #expect(DisplayText.width(of: Character("😀")) == 2)
        #expect(DisplayText.width(of: Character("e\u{301}")) == 1)  // a combining mark adds nothing
        #expect(DisplayText.width(of: Character("\u{2764}\u{FE0F}")) == 2)  // emoji presentation
        #expect(DisplayText.width(of: Character("\u{2764}")) == 1)
        #expect(DisplayText.width(of: Character("👋🏽")) == 2)
        #expect(DisplayText.width(of: Character("👨‍👩‍👧")) == 2)
        #expect(DisplayText.width(of: Character("🇯🇵")) == 2)
        #expect("こんにちは 👋 gg".displayWidth == 16)
        #expect("a\u{7}b".displayWidth == 3)  // the bell is drawn as `?`
        #expect(DisplayText.cell(for: "\u{7}") == "?")
        #expect(DisplayText.cell(for: "\u{200B}") == "?")
    }

    @Test func aWideCharacterTakesALeadAndATrailCell() {
        var buffer = ScreenBuffer(width: 8, height: 1)
        #expect(buffer.put("山田b", x: 1, y: 0) == 5)
        #expect(buffer[1, 0] == Cell("山", part: .lead))
        #expect(buffer[2, 0].part == .trail)
        #expect(buffer[3, 0] == Cell("田", part: .lead))
        #expect(buffer[5, 0] == Cell("b"))
        #expect(buffer.row(0) == " 山田b  ")
    }

    @Test func truncationNeverSplitsAWideCharacter() {
        var buffer = ScreenBuffer(width: 6, height: 2)
        // Five columns of room: 山田 take four, 太 would straddle the edge.
        #expect(buffer.put("山田太郎", x: 0, y: 0, maxWidth: 5) == 5)
        #expect(buffer.row(0) == "山田… ")
        #expect(buffer[5, 0].character == " " && buffer[5, 0].part == .whole)
        // At the screen's edge too: the last column is never half a character.
        buffer.put("ab山", x: 3, y: 1)
        #expect(buffer.row(1) == "   ab…")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var buffer = ScreenBuffer(width: 6, height: 3)
        buffer.put("山田", x: 0, y: 1)
        buffer[1, 1] = Cell("|")  // the trail of 山
        buffer[2, 1] = Cell("-")  // the lead of 田
        #expect(buffer.row(1) == " |-   ")
        #expect(buffer[3, 1].part == .whole)
        // A box drawn over text that runs under its border.
        buffer.put("x漢字", x: 2, y: 0)
        buffer.drawBox(Rect(x: 0, y: 0, width: 4, height: 3))
        // 字 would straddle the screen's edge (an ellipsis instead); the border takes 漢's lead.
        #expect(buffer.row(0) == "┌──┐ …")
        #expect(buffer[4, 0] == Cell(" "))
    }

    @Test func theASCIIFallbackKeepsTheWidth() {
        var buffer = ScreenBuffer(width: 6, height: 1, glyphs: .ascii)
        buffer.put("山a😀", x: 0, y: 0)
        #expect(buffer.row(0) == "??a?? ")
        // Nothing past ASCII reaches such a terminal: it would drop it and shift the row.
        buffer.put("é·…z", x: 0, y: 0)
        #expect(buffer.row(0) == "?-.z? ")
    }

    @Test func theTerminalIsSentEachWideCharacterOnceForItsTwoColumns() {
        var first = ScreenBuffer(width: 6, height: 1)
        first.put("a山b", x: 0, y: 0)
        #expect(first.changes(since: nil).map(\.text) == ["a山b  "])
        var second = first
        second.put("田", x: 1, y: 0)
        #expect(second.changes(since: first) == [.init(x: 1, y: 0, style: .text, text: "田")])
        // A heart the terminal draws one column wide is padded to the two the buffer gives it.
        var heart = ScreenBuffer(width: 3, height: 1)
        heart.put("\u{2764}\u{FE0F}x", x: 0, y: 0)
        #expect(heart.changes(since: nil).map(\.text) == ["\u{2764}\u{FE0F} x"])
        // A family emoji: only the first person reaches the terminal, so it stays two columns.
        #expect(DisplayText.terminalText(for: "👨‍👩‍👧", columns: 2) == "👨")
    }

    @Test func wrappingMeasuresColumns() {
        #expect(TextWrap.lines("山田太郎 こんにちは", width: 6) == ["山田太", "郎 こ", "んにち", "は"])
        // A word too long for any line fills the rest of the current one first.
        #expect(TextWrap.lines("yamada: 山田です山田です", width: 12) == ["yamada: 山田", "です山田です"])
        #expect(TextWrap.lines("hi 👋 there", width: 5) == ["hi 👋", "there"])
        for line in TextWrap.lines("こんにちは 👋 gg and more words", width: 9) { #expect(line.displayWidth <= 9) }
    }

    @Test func theChatPaneKeepsItsBorderInPlaceAroundEmojiAndCJK() {
        var buffer = ScreenBuffer(width: 24, height: 8)
        let lines = [
            GameScreenState.ChatLine(from: "kate", text: "こんにちは 👋 gg", mine: false, pending: false),
            GameScreenState.ChatLine(from: "yamada", text: "山田太郎です", mine: true, pending: false),
        ]
        ChatPane(lines: lines, draft: "", focused: false, rect: Rect(x: 0, y: 0, width: 24, height: 8))
            .render(into: &buffer)
        let text = buffer.lines.joined(separator: "\n")
        #expect(text.contains("kate: こんにちは 👋"), "\(text)")
        #expect(text.contains("gg"))
        #expect(text.contains("山田太郎です"))
        for y in 0..<8 {
            #expect(
                buffer[23, y].part == .whole && "│┐┘┤".contains(buffer[23, y].character), "row \(y): \(buffer.row(y))")
            #expect(buffer.row(y).displayWidth == 24, "row \(y): \(buffer.row(y))")
        }
    }
}
