import ArenaKit
import Foundation
import Testing

@testable import ArenaClient

/// The client's reading of the friends and chat answers, and what it puts in paths and queries.
@Suite struct SocialDTOTests {
    @Test func friendsListDecodesFlattenedUsers() throws {
        let json = """
            {"friends": [{"id": "u1", "username": "bob", "full_name": null, "avatar_url": null, "role": "player",
              "elo_rating": 1216, "games_played": 2, "games_won": 1, "games_lost": 1, "games_drawn": 0,
              "last_active": null, "created_at": "2027-01-15T08:00:00Z", "online": true,
              "since": "2027-01-16T08:00:00Z"}],
             "incoming": [{"user": {"id": "u2", "username": "carol", "full_name": null, "avatar_url": null,
              "role": "player", "elo_rating": 1200, "games_played": 0, "games_won": 0, "games_lost": 0,
              "games_drawn": 0, "last_active": null, "created_at": "2027-01-15T08:00:00Z"},
              "created_at": "2027-01-17T08:00:00Z"}],
             "outgoing": []}
            """
        let list = try WireCodec.decode(FriendListDTO.self, from: Data(json.utf8))
        #expect(list.friends.first?.user.username == "bob")
        #expect(list.friends.first?.online == true)
        #expect(list.friends.first?.user.eloRating == 1216)
        #expect(list.incoming.first?.user.username == "carol")
        #expect(list.outgoing.isEmpty)
    }

    @Test func chatLogDecodes() throws {
        let json = """
            {"messages": [{"game_id": "g1", "from": {"id": "u1", "username": "bob"}, "text": "hi",
              "created_at": "2027-01-15T08:00:00Z"}]}
            """
        let log = try WireCodec.decode(ChatLogDTO.self, from: Data(json.utf8))
        #expect(log.messages.map(\.text) == ["hi"])
    }

    @Test func typedNamesCannotEscapeTheirPathSegmentOrQuery() {
        #expect(APIClient.pathName("bob") == "bob")
        #expect(APIClient.pathName("../admin") == "%2E%2E%2Fadmin")
        #expect(APIClient.queryValue("a&limit=1") == "a%26limit%3D1")
        #expect(APIClient.queryValue("b%_") == "b%25%5F")
    }
}
