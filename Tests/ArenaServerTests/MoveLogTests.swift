import ArenaKit
import Testing

@testable import ArenaServer

@Suite struct MoveLogTests {
    @Test func linesReadBackAsTheMovesWritten() {
        let moves = [
            GameStore.MoveRow(
                number: 1, playerID: "0190e3c2-aaaa-7bbb-8ccc-000000000001", position: 4, mark: .x,
                createdAt: "2026-12-03T07:00:00.123Z"),
            GameStore.MoveRow(
                number: 2, playerID: "bot-hard", position: 0, mark: .o, createdAt: "2026-12-03T07:00:01.456Z"),
        ]
        let log = moves.map(MoveLog.line).joined()
        let read = MoveLog.moves(in: log)
        #expect(read.map(\.number) == [1, 2])
        #expect(read.map(\.playerID) == moves.map(\.playerID))
        #expect(read.map(\.position) == [4, 0])
        #expect(read.map(\.mark) == [.x, .o])
        #expect(read.map(\.createdAt) == moves.map(\.createdAt))
    }

    @Test func anEmptyLogHasNoMovesAndABrokenLineIsSkipped() {
        #expect(MoveLog.moves(in: "").isEmpty)
        let log = "x\tp\t1\tX\tt\n" + "3\tp\t9\tQ\tt\n" + "2\tp\t1\tO\t2026-12-03T07:00:00.000Z\n"
        #expect(MoveLog.moves(in: log).map(\.number) == [2])
    }
}
