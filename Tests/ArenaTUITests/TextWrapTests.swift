import Testing

@testable import ArenaTUI

@Suite struct TextWrapTests {
    @Test func wordsWrapAtTheWidth() {
        #expect(TextWrap.lines("the quick brown fox", width: 9) == ["the quick", "brown fox"])
        #expect(TextWrap.lines("", width: 5) == [""])
        #expect(TextWrap.lines("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
    }

    @Test func linesAfterTheFirstKeepToTheirOwnWidth() {
        // A hanging indent: the first line has 10 columns, the others 9.
        let lines = TextWrap.lines("alice: one two three four five", width: 10, continuationWidth: 9)
        #expect(lines == ["alice: one", "two three", "four five"])
        #expect(lines.dropFirst().allSatisfy { $0.count <= 9 })
        #expect(TextWrap.lines("abcdefghijkl", width: 5, continuationWidth: 3) == ["abcde", "fgh", "ijk", "l"])
    }
}
