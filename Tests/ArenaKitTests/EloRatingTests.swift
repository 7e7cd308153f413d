import Testing

@testable import ArenaKit

@Suite struct EloRatingTests {
    @Test func startingRatingAndProvisionalSpan() {
        #expect(EloRating.initial == 1200)
        #expect(EloRating.provisionalGames == 30)
    }

    @Test(arguments: [(1200, 1200), (1200, 1400), (1000, 1800), (1500, 1499), (2400, 800), (0, 3000)])
    func expectedScoresOfBothSidesSumToOne(a: Int, b: Int) {
        let ea = EloRating.expectedScore(rating: a, opponent: b)
        let eb = EloRating.expectedScore(rating: b, opponent: a)
        #expect(abs(ea + eb - 1) < 1e-12)
        #expect(ea > 0 && ea < 1)
        // The stronger player is expected to score more.
        if a > b { #expect(ea > eb) }
        if a < b { #expect(ea < eb) }
        if a == b { #expect(ea == 0.5) }
    }

    @Test func expectedScoreKnownValues() {
        #expect(EloRating.expectedScore(rating: 1200, opponent: 1200) == 0.5)
        // 400 points ahead: odds of 10 to 1.
        #expect(abs(EloRating.expectedScore(rating: 1600, opponent: 1200) - 10.0 / 11.0) < 1e-12)
        #expect(abs(EloRating.expectedScore(rating: 1200, opponent: 1600) - 1.0 / 11.0) < 1e-12)
        // 200 points: 1 / (1 + 10^0.5).
        #expect(abs(EloRating.expectedScore(rating: 1200, opponent: 1400) - 0.240253) < 1e-6)
    }

    @Test func kFactorSwitchesExactlyAtThirtyGames() {
        for games in 0..<30 {
            #expect(EloRating.kFactor(gamesPlayed: games) == 40)
            #expect(EloRating.isProvisional(gamesPlayed: games))
        }
        for games in [30, 31, 50, 1000] {
            #expect(EloRating.kFactor(gamesPlayed: games) == 20)
            #expect(!EloRating.isProvisional(gamesPlayed: games))
        }
    }

    @Test func winBetweenEqualsInTheFirstThirtyGames() {
        #expect(EloRating.updated(rating: 1200, opponent: 1200, score: 1, gamesPlayed: 0) == 1220)
        #expect(EloRating.updated(rating: 1200, opponent: 1200, score: 1, gamesPlayed: 29) == 1220)
        #expect(EloRating.updated(rating: 1200, opponent: 1200, score: 0, gamesPlayed: 0) == 1180)
        #expect(EloRating.updated(rating: 1200, opponent: 1200, score: 0, gamesPlayed: 29) == 1180)
    }

    @Test func winBetweenEqualsAfterThirtyGames() {
        #expect(EloRating.updated(rating: 1200, opponent: 1200, score: 1, gamesPlayed: 30) == 1210)
        #expect(EloRating.updated(rating: 1200, opponent: 1200, score: 1, gamesPlayed: 200) == 1210)
        #expect(EloRating.updated(rating: 1200, opponent: 1200, score: 0, gamesPlayed: 30) == 1190)
    }

    @Test(arguments: [0, 29, 30, 100])
    func drawBetweenEqualsChangesNothing(gamesPlayed: Int) {
        for rating in [800, 1200, 2000] {
            #expect(EloRating.updated(rating: rating, opponent: rating, score: 0.5, gamesPlayed: gamesPlayed) == rating)
        }
    }

    @Test func drawAgainstAStrongerPlayerGains() {
        // 40 * (0.5 - 0.2403) = 10.39 -> +10; the stronger side loses the same.
        #expect(EloRating.updated(rating: 1200, opponent: 1400, score: 0.5, gamesPlayed: 0) == 1210)
        #expect(EloRating.updated(rating: 1400, opponent: 1200, score: 0.5, gamesPlayed: 0) == 1390)
        // With K = 20: 5.19 -> +5.
        #expect(EloRating.updated(rating: 1200, opponent: 1400, score: 0.5, gamesPlayed: 30) == 1205)
    }

    @Test func upsetsMoveMoreThanExpectedResults() {
        let upset = EloRating.updated(rating: 1000, opponent: 1400, score: 1, gamesPlayed: 0) - 1000
        let expected = EloRating.updated(rating: 1400, opponent: 1000, score: 1, gamesPlayed: 0) - 1400
        #expect(upset == 36)  // 40 * (1 - 1/11)
        #expect(expected == 4)  // 40 * (1 - 10/11)
        #expect(EloRating.updated(rating: 1400, opponent: 1000, score: 0, gamesPlayed: 0) == 1364)
    }

    @Test func resultGivesBothSides() {
        let p1Wins = EloRating.result(
            player1: (rating: 1200, gamesPlayed: 0), player2: (rating: 1200, gamesPlayed: 0), player1Score: 1)
        #expect(p1Wins.player1 == 1220)
        #expect(p1Wins.player2 == 1180)

        let p2Wins = EloRating.result(
            player1: (rating: 1200, gamesPlayed: 0), player2: (rating: 1200, gamesPlayed: 0), player1Score: 0)
        #expect(p2Wins.player1 == 1180)
        #expect(p2Wins.player2 == 1220)

        let draw = EloRating.result(
            player1: (rating: 1200, gamesPlayed: 5), player2: (rating: 1200, gamesPlayed: 50), player1Score: 0.5)
        #expect(draw.player1 == 1200)
        #expect(draw.player2 == 1200)
    }

    @Test func resultUsesEachPlayersOwnK() {
        // Player 1 is provisional (K = 40), player 2 established (K = 20).
        let r = EloRating.result(
            player1: (rating: 1200, gamesPlayed: 3), player2: (rating: 1200, gamesPlayed: 30), player1Score: 1)
        #expect(r.player1 == 1220)
        #expect(r.player2 == 1190)
        let reversed = EloRating.result(
            player1: (rating: 1200, gamesPlayed: 30), player2: (rating: 1200, gamesPlayed: 3), player1Score: 1)
        #expect(reversed.player1 == 1210)
        #expect(reversed.player2 == 1180)
    }

    @Test func resultAgreesWithUpdated() {
        for (r1, r2) in [(1200, 1400), (1530, 1170), (900, 905)] {
            for score in [0.0, 0.5, 1.0] {
                let r = EloRating.result(
                    player1: (rating: r1, gamesPlayed: 10), player2: (rating: r2, gamesPlayed: 40), player1Score: score)
                #expect(r.player1 == EloRating.updated(rating: r1, opponent: r2, score: score, gamesPlayed: 10))
                #expect(r.player2 == EloRating.updated(rating: r2, opponent: r1, score: 1 - score, gamesPlayed: 40))
            }
        }
    }

    @Test func equalKIsZeroSum() {
        for (r1, r2) in [(1200, 1400), (1530, 1170), (900, 905), (1200, 1200), (1000, 2000)] {
            for score in [0.0, 0.5, 1.0] {
                let r = EloRating.result(
                    player1: (rating: r1, gamesPlayed: 0), player2: (rating: r2, gamesPlayed: 0), player1Score: score)
                #expect(r.player1 + r.player2 == r1 + r2, "\(r1) vs \(r2), score \(score)")
            }
        }
    }

    @Test func winnerNeverLosesPoints() {
        for r1 in stride(from: 400, through: 2800, by: 200) {
            for r2 in stride(from: 400, through: 2800, by: 200) {
                let r = EloRating.result(
                    player1: (rating: r1, gamesPlayed: 0), player2: (rating: r2, gamesPlayed: 40), player1Score: 1)
                #expect(r.player1 >= r1)
                #expect(r.player2 <= r2)
            }
        }
    }
}
