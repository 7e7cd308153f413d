import Foundation
import Testing

@testable import ArenaServer

@Suite struct GameIDTests {
    @Test func anIdIsALowercaseVersion7UUID() throws {
        let id = GameID.make()
        let uuid = try #require(UUID(uuidString: id))
        #expect(id == id.lowercased())
        #expect(uuid.uuid.6 >> 4 == 7)
        #expect(uuid.uuid.8 >> 6 == 0b10)
    }

    @Test func theFirst48BitsAreTheCreationTimeInMilliseconds() throws {
        let now = Date(timeIntervalSince1970: 1_790_000_000.123)
        let uuid = try #require(UUID(uuidString: GameID.make(now: now)))
        let bytes = [uuid.uuid.0, uuid.uuid.1, uuid.uuid.2, uuid.uuid.3, uuid.uuid.4, uuid.uuid.5]
        let millis = bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect(millis == 1_790_000_000_123)
    }

    @Test func laterIdsSortLaterAsText() {
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        let ids = (0..<50).map { GameID.make(now: start.addingTimeInterval(Double($0) * 0.002)) }
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
    }
}
