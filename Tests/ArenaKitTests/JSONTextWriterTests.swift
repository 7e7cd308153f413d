import Foundation
import Testing

@testable import ArenaKit

/// The hand-written frames must say exactly what `JSONEncoder` says, or clients would see two
/// different servers depending on the event.
@Suite struct JSONTextWriterTests {
    /// Names and ids a player could choose, including every character JSON must escape.
    static let awkward = [
        "plain", "quote\"d", "back\\slash", "new\nline", "tab\tand\r", "bell\u{07}\u{00}\u{1F}", "slash/ok",
        "ünïcödé ✓ 🎮", "\u{2028}sep", "",
    ]

    static func game(named name: String, line: [Int]?) -> GameDTO {
        GameDTO(
            id: "g-\(name)", player1ID: "p-1", player2ID: name, currentPlayerID: nil, winnerID: name,
            board: ["X", "O", "", "X", "O", "", "X", "", ""], status: .completed, movesCount: 5,
            startedAt: "2024-05-01T10:00:01.000Z", endedAt: nil, createdAt: "2024-05-01T10:00:00.000Z",
            updatedAt: "2024-05-01T10:01:00.000Z", player1Username: name, player2Username: nil, invitedID: nil,
            bot: "easy", rated: false, version: 12, endReason: "win", winningLine: line, disconnectDeadline: name,
            player1Rating: -5, player2Rating: 1_234_567, player1RatingChange: 0, player2RatingChange: nil)
    }

    static var messages: [ServerMessage] {
        awkward.flatMap { name -> [ServerMessage] in
            let game = game(named: name, line: name.isEmpty ? nil : [0, 3, 6])
            return [
                .gameUpdate(game), .gameInvite(game), .gameJoined(game), .ack(id: name, game: game),
                .ack(id: name, game: nil),
                .error(id: name, code: "code_\(name)", message: name), .error(id: nil, code: "c", message: name),
                .rematchOffered(RematchDTO(gameID: name, from: PlayerRef(id: name, username: name))),
                .rematchDeclined(RematchDTO(gameID: "g", from: PlayerRef(id: "p", username: name))),
                .rematchStarted(RematchDTO(gameID: "g", from: PlayerRef(id: "p", username: name), newGameID: name)),
            ]
        }
    }

    /// What `JSONEncoder` alone writes for a frame.
    static func referenceFrame(_ message: ServerMessage) throws -> Any {
        var frame: [String: Any] = ["type": message.type]
        switch message {
        case .gameUpdate(let game), .gameInvite(let game), .gameJoined(let game):
            frame["data"] = ["game": try JSONSerialization.jsonObject(with: JSONEncoder().encode(game))]
        case .ack(let id, let game):
            frame["id"] = id
            frame["data"] =
                try game.map { ["game": try JSONSerialization.jsonObject(with: JSONEncoder().encode($0))] } ?? [:]
        case .error(let id, let code, let text):
            if let id { frame["id"] = id }
            frame["data"] = ["code": code, "message": text]
        case .rematchOffered(let r), .rematchDeclined(let r), .rematchStarted(let r):
            frame["data"] = try JSONSerialization.jsonObject(with: JSONEncoder().encode(r))
        default:
            Issue.record("no reference for \(message.type)")
        }
        return frame
    }

    @Test(arguments: messages)
    func handWrittenFrameMatchesJSONEncoder(_ message: ServerMessage) throws {
        let text = WireCodec.encodeServer(message)
        let written = try JSONSerialization.jsonObject(with: Data(text.utf8))
        let reference = try Self.referenceFrame(message)
        #expect(NSDictionary(dictionary: try #require(written as? [String: Any])) == reference as? NSDictionary)
        #expect(try WireCodec.decodeServer(text) == message)
    }

    @Test(arguments: awkward)
    func ackMadeFromTheUpdateFrameEqualsAFreshlyEncodedAck(_ id: String) throws {
        let game = Self.game(named: id, line: [2, 4, 6])
        let ack = try #require(WireCodec.ackFrame(id: id, reusing: WireCodec.encodeServer(.gameUpdate(game))))
        #expect(try WireCodec.decodeServer(ack) == .ack(id: id, game: game))
        let fresh = try Self.referenceFrame(.ack(id: id, game: game))
        let made = try JSONSerialization.jsonObject(with: Data(ack.utf8))
        #expect(NSDictionary(dictionary: try #require(made as? [String: Any])) == fresh as? NSDictionary)
    }

    @Test func ackIsNotMadeFromOtherFrames() {
        let invite = WireCodec.encodeServer(.gameInvite(Self.game(named: "x", line: nil)))
        #expect(WireCodec.ackFrame(id: "1", reusing: invite) == nil)
        #expect(WireCodec.ackFrame(id: "1", reusing: "") == nil)
    }

    @Test func controlCharactersAreEscapedAsJSONRequires() {
        var w = JSONTextWriter()
        w.string("a\u{01}\u{1F}\"\\\n/")
        #expect(w.text == #""a\u0001\u001f\"\\\n/""#)
    }
}
