import Testing

@testable import ArenaKit

/// The scanner is only a shortcut: for every frame it accepts, the answer must be exactly what
/// `JSONDecoder` gives, and the frames every game sends must take the shortcut.
@Suite struct ClientFrameScannerTests {
    static let gameID = "0f8fad5b-d9cb-469f-a165-70867728950e"

    static let everyday = [
        #"{"type":"make_move","id":"m12","data":{"game_id":"\#(gameID)","position":4}}"#,
        #"{"type":"make_move","data":{"game_id":"\#(gameID)","position":0,"version":7}}"#,
        #"{"type":"join_game","id":"j","data":{"game_id":"\#(gameID)"}}"#,
        #"{"type":"leave_game","data":{"game_id":"\#(gameID)"}}"#,
        #"{"type":"chat_message","id":"c1","data":{"game_id":"\#(gameID)","text":"gg ✓ 🎮"}}"#,
        #"{"type":"offer_rematch","data":{"game_id":"\#(gameID)"}}"#,
        #"{"type":"answer_rematch","data":{"game_id":"\#(gameID)","accept":true}}"#,
        #"{"type":"ping","id":42}"#,
        #"{"type":"authenticate","data":{"access_token":"aaa.bbb.ccc"}}"#,
    ]

    /// Shapes at and past the scanner's edge: each must end the same way on both paths.
    static let awkward = [
        "", " ", "{", "}", "[]", "null", "42", #""make_move""#, "{}", #"{"type":null}"#, #"{"type":5,"id":"x"}"#,
        #"{"type":"ping","id":true}"#, #"{"type":"ping","id":null}"#, #"{"type":"ping","id":-3}"#,
        #"{"type":"ping","id":99999999999999999999999}"#, #"{"type":"ping","id":1.5}"#,
        #"{"type":"ping","id":01}"#, #"{"type":"ping","data":null}"#, #"{"type":"ping","data":5}"#,
        #"{"type":"ping","data":[]}"#, #"{"type":"ping"} "#, #" {"type":"ping"}"#, #"{"type":"ping"}x"#,
        #"{"type":"ping",}"#, #"{"type" : "ping" , "id" : "a" }"#, "{\"type\":\"ping\",\n\t\"id\":\"a\"}",
        #"{"type":"ping","type":"make_move"}"#, #"{"type":"pi\u006eg"}"#, #"{"type":"ping","id":"a\"b"}"#,
        #"{"type":"make_move","data":{"game_id":"g","position":"4"}}"#,
        #"{"type":"make_move","data":{"game_id":"g","position":4.0}}"#,
        #"{"type":"make_move","data":{"game_id":"g","position":4e0}}"#,
        #"{"type":"make_move","data":{"game_id":"g","position":-1}}"#,
        #"{"type":"make_move","data":{"game_id":"g","position":9}}"#,
        #"{"type":"make_move","data":{"game_id":"g"}}"#, #"{"type":"make_move","data":{"position":3}}"#,
        #"{"type":"make_move","data":{"game_id":"","position":3}}"#,
        #"{"type":"make_move","data":{"game_id":null,"position":3}}"#,
        #"{"type":"make_move","data":{"game_id":"g","position":3,"extra":{"deep":[1,2]}}}"#,
        #"{"type":"make_move","data":{"game_id":"g","position":3,"extra":"x","more":false,"n":null}}"#,
        #"{"type":"make_move","data":{"game_id":"g","game_id":"h","position":3}}"#,
        #"{"type":"answer_rematch","data":{"game_id":"g","accept":1}}"#,
        #"{"type":"answer_rematch","data":{"game_id":"g","accept":"yes"}}"#,
        #"{"type":"chat_message","data":{"game_id":"g","text":"line\nbreak"}}"#,
        "{\"type\":\"chat_message\",\"data\":{\"game_id\":\"g\",\"text\":\"raw\u{01}control\"}}",
        #"{"type":"fly","id":"f","data":{"game_id":"g"}}"#, #"{"type":"","id":"e"}"#,
        #"{"type":"make_move","data":{"game_id":"g","position":3}"#, #"{"type":"ping" "id":"a"}"#,
        #"{"type":tru}"#, #"{"type":"ping","data":{"x":nul}}"#, #"{'type':'ping'}"#,
    ]

    static func outcome(_ text: String, scanning: Bool) -> Result<ClientEnvelope, FrameError> {
        do {
            return .success(try WireCodec.decodeClient(text, scanning: scanning))
        } catch {
            return .failure(error)
        }
    }

    @Test(arguments: everyday + awkward)
    func bothPathsGiveTheSameAnswer(_ text: String) {
        #expect(Self.outcome(text, scanning: true) == Self.outcome(text, scanning: false))
    }

    @Test(arguments: everyday)
    func everydayFramesTakeTheFastPath(_ text: String) {
        #expect(ClientFrameScanner.scan(text) != nil)
    }

    @Test func escapesAndFloatsAreLeftToTheFullParser() {
        #expect(ClientFrameScanner.scan(#"{"type":"pi\u006eg"}"#) == nil)
        #expect(ClientFrameScanner.scan(#"{"type":"make_move","data":{"position":4.0}}"#) == nil)
        #expect(ClientFrameScanner.scan(#"{"type":"ping","type":"ping"}"#) == nil)
    }
}
