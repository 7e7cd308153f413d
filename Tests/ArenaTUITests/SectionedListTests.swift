import Testing

@testable import ArenaTUI

@Suite struct SectionedListTests {
    @Test func aHeaderStartsEachSection() {
        let list = SectionedList(sections: ["a", "a", "b", "a"], selection: 0, visibleLines: 10)
        #expect(
            list.lines == [.header("a"), .entry(0), .entry(1), .header("b"), .entry(2), .header("a"), .entry(3)])
        #expect(list.first == 0)
    }

    @Test func itScrollsJustEnoughToShowTheSelection() {
        // Lines: header, 0, 1, 2, 3, 4 with three visible: entry 4 (line 5) is the last shown.
        let list = SectionedList(sections: Array(repeating: "s", count: 5), selection: 4, visibleLines: 3)
        #expect(list.first == 3)
        let inner = Rect(x: 2, y: 5, width: 20, height: 3)
        #expect(list.visible(in: inner).map(\.y) == [5, 6, 7])
        #expect(list.visible(in: inner).map(\.line) == [.entry(2), .entry(3), .entry(4)])
    }

    @Test func aClickFindsTheEntryDrawnThereAndNotAHeader() {
        let list = SectionedList(sections: ["a", "b"], selection: 0, visibleLines: 10)
        let inner = Rect(x: 2, y: 5, width: 20, height: 4)
        #expect(list.entry(at: Point(x: 3, y: 5), in: inner) == nil)  // header "a"
        #expect(list.entry(at: Point(x: 3, y: 6), in: inner) == 0)
        #expect(list.entry(at: Point(x: 3, y: 8), in: inner) == 1)
        #expect(list.entry(at: Point(x: 3, y: 9), in: inner) == nil)  // below the box
        #expect(list.entry(at: Point(x: 0, y: 6), in: inner) == nil)  // left of it
    }
}
