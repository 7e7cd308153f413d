import Testing

@testable import ArenaServer

@Suite struct RequestLogTests {
    @Test func durationsAreMillisecondsWithTwoDecimals() {
        #expect(RequestLogMiddleware.milliseconds(0) == "0.00")
        #expect(RequestLogMiddleware.milliseconds(1234) == "1.23")
        #expect(RequestLogMiddleware.milliseconds(50) == "0.05")
        #expect(RequestLogMiddleware.milliseconds(120_000) == "120.00")
        #expect(RequestLogMiddleware.milliseconds(-5) == "0.00")
    }
}
