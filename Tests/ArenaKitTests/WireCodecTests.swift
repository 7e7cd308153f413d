import Foundation
import Testing

@testable import ArenaKit

/// Decodes a client frame, expecting failure, and returns the frame error.
func frameError(_ text: String) -> FrameError? {
    do {
        _ = try WireCodec.decodeClient(text)
        return nil
    } catch {
        return error
    }
}

/// Reads an encoded frame back as a plain JSON object.
func frameObject(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

@Suite struct WireCodecTests {
    // MARK: decoding client frames

    static let clientFrames: [(text: String, message: ClientMessage)] = [
        (#"{"type":"join_game","id":"r1","data":{"game_id":"g1"}}"#, .joinGame(gameID: "g1")),
        (#"{"type":"leave_game","id":"r1","data":{"game_id":"g1"}}"#, .leaveGame(gameID: "g1")),
        (
            #"{"type":"make_move","id":"r1","data":{"game_id":"g1","position":4}}"#,
            .makeMove(gameID: "g1", position: 4, expectedVersion: nil)
        ),
        (
            #"{"type":"make_move","id":"r1","data":{"game_id":"g1","position":0,"version":7}}"#,
            .makeMove(gameID: "g1", position: 0, expectedVersion: 7)
        ),
        (
            #"{"type":"make_move","id":"r1","data":{"game_id":"g1","position":8,"version":null}}"#,
            .makeMove(gameID: "g1", position: 8, expectedVersion: nil)
        ),
        (
            #"{"type":"chat_message","id":"r1","data":{"game_id":"g1","text":"good luck \"friend\" 👋"}}"#,
            .chatMessage(gameID: "g1", text: "good luck \"friend\" 👋")
        ),
        (#"{"type":"offer_rematch","id":"r1","data":{"game_id":"g1"}}"#, .offerRematch(gameID: "g1")),
        (
            #"{"type":"answer_rematch","id":"r1","data":{"game_id":"g1","accept":true}}"#,
            .answerRematch(gameID: "g1", accept: true)
        ),
        (
            #"{"type":"answer_rematch","id":"r1","data":{"game_id":"g1","accept":false}}"#,
            .answerRematch(gameID: "g1", accept: false)
        ),
        (#"{"type":"ping","id":"r1","data":{}}"#, .ping),
        (
            #"{"type":"authenticate","id":"r1","data":{"access_token":"eyJ.abc.def"}}"#,
            .authenticate(accessToken: "eyJ.abc.def")
        ),
    ]

    @Test(arguments: clientFrames)
    func decodesEveryClientEvent(text: String, message: ClientMessage) throws {
        let envelope = try WireCodec.decodeClient(text)
        #expect(envelope == ClientEnvelope(id: "r1", message: message))
        #expect(envelope.message.type == (try frameObject(text))["type"] as? String)
    }

    @Test func pingNeedsNoData() throws {
        #expect(try WireCodec.decodeClient(#"{"type":"ping"}"#) == ClientEnvelope(message: .ping))
        #expect(try WireCodec.decodeClient(#"{"type":"ping","data":null}"#) == ClientEnvelope(message: .ping))
        #expect(try WireCodec.decodeClient(#"{"type":"ping","id":"p"}"#) == ClientEnvelope(id: "p", message: .ping))
    }

    @Test func idAsStringNumberOrAbsent() throws {
        let join = #""type":"join_game","data":{"game_id":"g"}"#
        #expect(try WireCodec.decodeClient("{\(join),\"id\":\"abc-1\"}").id == "abc-1")
        #expect(try WireCodec.decodeClient("{\(join),\"id\":42}").id == "42")
        #expect(try WireCodec.decodeClient("{\(join),\"id\":0}").id == "0")
        #expect(try WireCodec.decodeClient("{\(join),\"id\":-3}").id == "-3")
        #expect(try WireCodec.decodeClient("{\(join)}").id == nil)
        #expect(try WireCodec.decodeClient("{\(join),\"id\":null}").id == nil)
        // An id that is neither string nor integer is ignored, not an error.
        #expect(try WireCodec.decodeClient("{\(join),\"id\":{\"x\":1}}").id == nil)
    }

    @Test func unknownKeysAreIgnored() throws {
        let text = #"{"type":"join_game","id":"1","data":{"game_id":"g","extra":[1,2]},"trace":"t"}"#
        #expect(try WireCodec.decodeClient(text) == ClientEnvelope(id: "1", message: .joinGame(gameID: "g")))
    }

    @Test(arguments: [-1, 9, 100, Int.max])
    func outOfRangePositionsDecodeForTheRulesToRefuse(position: Int) throws {
        let text = #"{"type":"make_move","data":{"game_id":"g","position":\#(position)}}"#
        #expect(
            try WireCodec.decodeClient(text).message == .makeMove(gameID: "g", position: position, expectedVersion: nil)
        )
    }

    // MARK: client frame errors

    @Test(arguments: [
        "not json", "", "   ", "{", "[1,2]", "[]", "\"join_game\"", "42", "null", "true", "{}",
        #"{"data":{"game_id":"g"}}"#, #"{"type":null}"#, #"{"type":5}"#, #"{"type":["join_game"]}"#,
    ])
    func badJSON(text: String) throws {
        let error = try #require(frameError(text))
        #expect(error.code == "bad_json")
        #expect(error.id == nil)
        #expect(!error.message.isEmpty)
    }

    @Test func badJSONKeepsAReadableID() throws {
        let missing = try #require(frameError(#"{"id":"m1","data":{}}"#))
        #expect(missing.code == "bad_json")
        #expect(missing.id == "m1")
        let wrongType = try #require(frameError(#"{"type":7,"id":12}"#))
        #expect(wrongType.code == "bad_json")
        #expect(wrongType.id == "12")
    }

    @Test func unknownEvent() throws {
        let error = try #require(frameError(#"{"type":"dance","id":"1","data":{}}"#))
        #expect(error.code == "unknown_event")
        #expect(error.id == "1")
        #expect(error.message.contains("dance"))
        let numbered = try #require(frameError(#"{"type":"game_update","id":5}"#))
        #expect(numbered.code == "unknown_event")
        #expect(numbered.id == "5")
        // A huge type name is not echoed in full.
        let long = String(repeating: "z", count: 5000)
        let huge = try #require(frameError(#"{"type":"\#(long)"}"#))
        #expect(huge.code == "unknown_event")
        #expect(huge.message.count < 200)
        // Event names are case-sensitive.
        #expect(frameError(#"{"type":"JOIN_GAME","data":{"game_id":"g"}}"#)?.code == "unknown_event")
    }

    @Test(arguments: [
        #"{"type":"join_game","id":"d1"}"#,
        #"{"type":"join_game","id":"d1","data":{}}"#,
        #"{"type":"join_game","id":"d1","data":null}"#,
        #"{"type":"join_game","id":"d1","data":{"game_id":""}}"#,
        #"{"type":"join_game","id":"d1","data":{"game_id":5}}"#,
        #"{"type":"join_game","id":"d1","data":"g1"}"#,
        #"{"type":"join_game","id":"d1","data":["g1"]}"#,
        #"{"type":"leave_game","id":"d1","data":{}}"#,
        #"{"type":"offer_rematch","id":"d1","data":{}}"#,
        #"{"type":"make_move","id":"d1","data":{"position":4}}"#,
        #"{"type":"make_move","id":"d1","data":{"game_id":"g"}}"#,
        #"{"type":"make_move","id":"d1","data":{"game_id":"g","position":"4"}}"#,
        #"{"type":"make_move","id":"d1","data":{"game_id":"g","position":4.5}}"#,
        #"{"type":"make_move","id":"d1","data":{"game_id":"g","position":null}}"#,
        #"{"type":"make_move","id":"d1","data":{"game_id":"g","position":true}}"#,
        #"{"type":"make_move","id":"d1","data":{"game_id":"g","position":1e30}}"#,
        #"{"type":"make_move","id":"d1","data":{"game_id":"g","position":4,"version":"3"}}"#,
        #"{"type":"chat_message","id":"d1","data":{"game_id":"g"}}"#,
        #"{"type":"chat_message","id":"d1","data":{"text":"hi"}}"#,
        #"{"type":"chat_message","id":"d1","data":{"game_id":"g","text":7}}"#,
        #"{"type":"answer_rematch","id":"d1","data":{"game_id":"g"}}"#,
        #"{"type":"answer_rematch","id":"d1","data":{"game_id":"g","accept":"yes"}}"#,
        #"{"type":"answer_rematch","id":"d1","data":{"accept":true}}"#,
        #"{"type":"authenticate","id":"d1","data":{}}"#,
        #"{"type":"authenticate","id":"d1","data":{"access_token":""}}"#,
        #"{"type":"authenticate","id":"d1","data":{"access_token":123}}"#,
    ])
    func invalidDataKeepsTheID(text: String) throws {
        let error = try #require(frameError(text))
        #expect(error.code == "invalid_data")
        #expect(error.id == "d1")
        #expect(!error.message.isEmpty)
    }

    @Test func invalidDataWithNumericOrNoID() throws {
        let numeric = try #require(frameError(#"{"type":"make_move","id":77,"data":{"game_id":"g","position":"x"}}"#))
        #expect(numeric.code == "invalid_data")
        #expect(numeric.id == "77")
        let anonymous = try #require(frameError(#"{"type":"join_game","data":{}}"#))
        #expect(anonymous.code == "invalid_data")
        #expect(anonymous.id == nil)
    }

    @Test func invalidDataMessagesNameTheMissingField() throws {
        #expect(frameError(#"{"type":"join_game","data":{}}"#)?.message.contains("game_id") == true)
        #expect(frameError(#"{"type":"make_move","data":{"game_id":"g"}}"#)?.message.contains("position") == true)
        #expect(frameError(#"{"type":"chat_message","data":{"game_id":"g"}}"#)?.message.contains("text") == true)
        #expect(frameError(#"{"type":"answer_rematch","data":{"game_id":"g"}}"#)?.message.contains("accept") == true)
        #expect(frameError(#"{"type":"authenticate","data":{}}"#)?.message.contains("access_token") == true)
    }

    // MARK: client round trip

    static let allClientMessages: [ClientMessage] = [
        .joinGame(gameID: "0b9a7e3c-1111-4222-8333-444455556666"),
        .leaveGame(gameID: "g/with/slashes"),
        .makeMove(gameID: "g", position: 4, expectedVersion: nil),
        .makeMove(gameID: "g", position: 0, expectedVersion: 12),
        .chatMessage(gameID: "g", text: "quotes \" backslash \\ newline \n unicode é 😀 </script>"),
        .offerRematch(gameID: "g"),
        .answerRematch(gameID: "g", accept: true),
        .answerRematch(gameID: "g", accept: false),
        .ping,
        .authenticate(accessToken: "header.payload.signature"),
    ]

    @Test(arguments: allClientMessages, [nil, "req-1", "🙂 id"] as [String?])
    func clientRoundTrip(message: ClientMessage, id: String?) throws {
        let envelope = ClientEnvelope(id: id, message: message)
        let text = WireCodec.encodeClient(envelope)
        #expect(try WireCodec.decodeClient(text) == envelope)
        let json = try frameObject(text)
        #expect(json["type"] as? String == message.type)
        #expect(json["data"] is [String: Any])
        #expect(json["id"] as? String == id)
        #expect(Set(json.keys) == (id == nil ? ["type", "data"] : ["type", "id", "data"]))
    }

    @Test func encodedClientDataUsesContractKeys() throws {
        func data(_ message: ClientMessage) throws -> [String: Any] {
            try #require(
                try frameObject(WireCodec.encodeClient(ClientEnvelope(message: message)))["data"] as? [String: Any])
        }
        let move = try data(.makeMove(gameID: "g", position: 3, expectedVersion: nil))
        #expect(Set(move.keys) == ["game_id", "position"])
        #expect(move["position"] as? Int == 3)
        #expect(
            Set(try data(.makeMove(gameID: "g", position: 3, expectedVersion: 2)).keys) == [
                "game_id", "position", "version",
            ])
        #expect(Set(try data(.chatMessage(gameID: "g", text: "t")).keys) == ["game_id", "text"])
        #expect(Set(try data(.joinGame(gameID: "g")).keys) == ["game_id"])
        #expect(Set(try data(.leaveGame(gameID: "g")).keys) == ["game_id"])
        #expect(Set(try data(.offerRematch(gameID: "g")).keys) == ["game_id"])
        #expect(try data(.answerRematch(gameID: "g", accept: true))["accept"] as? Bool == true)
        #expect(Set(try data(.authenticate(accessToken: "a")).keys) == ["access_token"])
        #expect(try data(.ping).isEmpty)
        #expect(WireCodec.encodeClient(ClientEnvelope(message: .leaveGame(gameID: "a/b"))).contains("a/b"))
    }

    @Test func clientMessageTypes() {
        #expect(
            Self.allClientMessages.map(\.type) == [
                "join_game", "leave_game", "make_move", "make_move", "chat_message", "offer_rematch", "answer_rematch",
                "answer_rematch", "ping", "authenticate",
            ])
    }

    // MARK: server frames

    static let chat = ChatMessageDTO(
        gameID: "g-2", from: PlayerRef(id: "p-1", username: "alice"), text: "gg \"well played\" 🎉",
        createdAt: "2024-05-01T10:01:01.000Z")
    static let match = MatchFoundDTO(gameID: "g-3", opponent: Fixtures.fullUser, mark: .o)
    static let rematch = RematchDTO(gameID: "g-2", from: PlayerRef(id: "p-2", username: "bob_99"))
    static let rematchStarted = RematchDTO(
        gameID: "g-2", from: PlayerRef(id: "p-2", username: "bob_99"), newGameID: "g-4")

    static let allServerMessages: [ServerMessage] = [
        .ack(id: "r1", game: nil),
        .ack(id: "r2", game: Fixtures.finishedGame),
        .error(id: "r3", code: "square_occupied", message: "Square 4 is already taken."),
        .error(id: nil, code: "bad_json", message: "The frame is not a JSON object with a \"type\"."),
        .gameUpdate(Fixtures.waitingGame),
        .gameUpdate(Fixtures.finishedGame),
        .chatMessage(chat),
        .matchFound(match),
        .matchFound(MatchFoundDTO(gameID: "g-3", opponent: Fixtures.user(), mark: .x)),
        .rematchOffered(rematch),
        .rematchDeclined(rematch),
        .rematchStarted(rematchStarted),
        .gameInvite(Fixtures.waitingGame),
        .gameJoined(Fixtures.waitingGame),
    ]

    @Test(arguments: allServerMessages)
    func serverRoundTrip(message: ServerMessage) throws {
        let text = WireCodec.encodeServer(message)
        #expect(try WireCodec.decodeServer(text) == message)
        // The Data form carries the same frame (key order may differ between encodings).
        let data = WireCodec.encodeServerData(message)
        #expect(try WireCodec.decodeServer(String(decoding: data, as: UTF8.self)) == message)
        let json = try frameObject(text)
        #expect(json["type"] as? String == message.type)
        #expect(json["data"] is [String: Any])
    }

    @Test func serverMessageTypes() {
        #expect(
            Self.allServerMessages.map(\.type) == [
                "ack", "ack", "error", "error", "game_update", "game_update", "chat_message", "match_found",
                "match_found", "rematch_offered", "rematch_declined", "rematch_started", "game_invite",
                "game_joined",
            ])
    }

    @Test func ackFrameShape() throws {
        let bare = try frameObject(WireCodec.encodeServer(.ack(id: "r1", game: nil)))
        #expect(Set(bare.keys) == ["type", "id", "data"])
        #expect(bare["id"] as? String == "r1")
        let withGame = try frameObject(WireCodec.encodeServer(.ack(id: "r2", game: Fixtures.finishedGame)))
        let game = try #require((withGame["data"] as? [String: Any])?["game"] as? [String: Any])
        #expect(game["id"] as? String == "g-2")
        #expect(Set(game.keys).isSuperset(of: Fixtures.gameContractKeys))
    }

    @Test func errorFrameShape() throws {
        let json = try frameObject(WireCodec.encodeServer(.error(id: "r3", code: "not_your_turn", message: "Wait.")))
        #expect(Set(json.keys) == ["type", "id", "data"])
        #expect(json["type"] as? String == "error")
        #expect(json["id"] as? String == "r3")
        let data = try #require(json["data"] as? [String: Any])
        #expect(Set(data.keys) == ["code", "message"])
        #expect(data["code"] as? String == "not_your_turn")
        #expect(data["message"] as? String == "Wait.")
        let anonymous = try frameObject(WireCodec.encodeServer(.error(id: nil, code: "bad_json", message: "x")))
        #expect(Set(anonymous.keys) == ["type", "data"])
    }

    @Test func gameUpdateFrameShape() throws {
        let json = try frameObject(WireCodec.encodeServer(.gameUpdate(Fixtures.waitingGame)))
        #expect(Set(json.keys) == ["type", "data"])
        let data = try #require(json["data"] as? [String: Any])
        #expect(Set(data.keys) == ["game"])
        let game = try #require(data["game"] as? [String: Any])
        #expect(Set(game.keys) == Fixtures.gameContractKeys.union(Fixtures.gameAddedKeys))
        #expect(game["winner_id"] is NSNull)
        #expect(game["board"] as? [String] == Array(repeating: "", count: 9))
    }

    @Test func chatFrameShape() throws {
        let json = try frameObject(WireCodec.encodeServer(.chatMessage(Self.chat)))
        #expect(json["type"] as? String == "chat_message")
        let data = try #require(json["data"] as? [String: Any])
        #expect(Set(data.keys) == ["game_id", "from", "text", "created_at"])
        #expect(data["from"] as? [String: String] == ["id": "p-1", "username": "alice"])
        #expect(data["text"] as? String == "gg \"well played\" 🎉")
    }

    @Test func matchFoundFrameShape() throws {
        let json = try frameObject(WireCodec.encodeServer(.matchFound(Self.match)))
        let data = try #require(json["data"] as? [String: Any])
        #expect(Set(data.keys) == ["game_id", "opponent", "mark"])
        #expect(data["mark"] as? String == "O")
        let opponent = try #require(data["opponent"] as? [String: Any])
        #expect(Set(opponent.keys).isSuperset(of: Fixtures.userKeys))
        #expect(opponent["username"] as? String == "bob_99")
    }

    @Test func rematchFrameShape() throws {
        let offered = try frameObject(WireCodec.encodeServer(.rematchOffered(Self.rematch)))
        let data = try #require(offered["data"] as? [String: Any])
        #expect(data["game_id"] as? String == "g-2")
        #expect(data["new_game_id"] == nil)
        let started = try frameObject(WireCodec.encodeServer(.rematchStarted(Self.rematchStarted)))
        #expect((started["data"] as? [String: Any])?["new_game_id"] as? String == "g-4")
    }

    @Test func decodeServerSkipsUnknownEvents() throws {
        #expect(try WireCodec.decodeServer(#"{"type":"server_news","data":{"anything":1}}"#) == nil)
        #expect(try WireCodec.decodeServer(#"{"type":"presence"}"#) == nil)
    }

    @Test func decodeServerAcceptsAckWithoutData() throws {
        #expect(try WireCodec.decodeServer(#"{"type":"ack","id":"r1"}"#) == .ack(id: "r1", game: nil))
        #expect(try WireCodec.decodeServer(#"{"type":"ack","id":"r1","data":{}}"#) == .ack(id: "r1", game: nil))
    }

    @Test(arguments: [
        "not json", "[]", "{}", #"{"type":5}"#, #"{"type":"error","data":{"code":"x"}}"#,
        #"{"type":"game_update","data":{}}"#, #"{"type":"chat_message","data":{"game_id":"g"}}"#,
        #"{"type":"match_found","data":{"game_id":"g","opponent":{},"mark":"X"}}"#,
        #"{"type":"match_found","data":{"game_id":"g","opponent":null,"mark":"Z"}}"#,
    ])
    func decodeServerThrowsOnMalformedFrames(text: String) {
        #expect(throws: (any Error).self) { try WireCodec.decodeServer(text) }
    }
}
