"""Issue 6: friend requests, the friends list with online flags, and every way they can go wrong."""

import pytest

from conftest import ws_connect, ws_recv_until, ws_send


def assert_error(r, status, code):
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"}, body
    assert body["error"]["code"] == code, body
    assert body["error"]["message"]


def name(u):
    return u["user"]["username"]


def friends_of(server, u):
    r = server.get("/friends", u["access_token"])
    assert r.status_code == 200, r.text
    return r.json()


@pytest.fixture
def pair(server):
    return server.register(), server.register()


def test_request_then_accept(server, pair):
    alice, bob = pair
    r = server.post("/friends/requests", alice["access_token"], json={"username": name(bob)})
    assert r.status_code == 201, r.text
    sent = r.json()
    assert sent["status"] == "pending" and sent["user"]["id"] == bob["user"]["id"] and sent["created_at"]
    assert "email" not in sent["user"]

    mine, theirs = friends_of(server, alice), friends_of(server, bob)
    assert mine["friends"] == [] and mine["incoming"] == []
    assert [o["user"]["username"] for o in mine["outgoing"]] == [name(bob)]
    assert [i["user"]["username"] for i in theirs["incoming"]] == [name(alice)]
    assert theirs["incoming"][0]["created_at"] == sent["created_at"]

    r = server.post(f"/friends/requests/{name(alice)}/accept", bob["access_token"])
    assert r.status_code == 200, r.text
    assert r.json()["username"] == name(alice) and r.json()["since"]

    for me, other in ((alice, bob), (bob, alice)):
        listing = friends_of(server, me)
        assert listing["incoming"] == [] and listing["outgoing"] == []
        [friend] = listing["friends"]
        assert friend["id"] == other["user"]["id"] and friend["username"] == name(other)
        assert friend["online"] is False and friend["since"]
        assert "elo_rating" in friend and "email" not in friend


def test_asking_someone_who_already_asked_you_makes_you_friends(server, pair):
    alice, bob = pair
    assert server.post("/friends/requests", alice["access_token"], json={"username": name(bob)}).status_code == 201
    r = server.post("/friends/requests", bob["access_token"], json={"username": name(alice)})
    assert r.status_code == 201, r.text
    assert r.json()["status"] == "accepted"
    assert [f["id"] for f in friends_of(server, alice)["friends"]] == [bob["user"]["id"]]
    assert [f["id"] for f in friends_of(server, bob)["friends"]] == [alice["user"]["id"]]


def test_request_errors(server, pair):
    alice, bob = pair
    token = alice["access_token"]
    assert_error(server.post("/friends/requests", token, json={"username": "nobody_here"}), 404, "user_not_found")
    assert_error(server.post("/friends/requests", token, json={"username": name(alice)}), 400, "cannot_befriend_self")
    # Usernames are case-insensitive, so this is still yourself.
    assert_error(
        server.post("/friends/requests", token, json={"username": name(alice).upper()}), 400, "cannot_befriend_self")
    assert_error(server.post("/friends/requests", token, json={"username": ""}), 400, "invalid_username")
    assert_error(server.post("/friends/requests", token, json={"username": "x" * 500}), 400, "invalid_username")
    assert server.post("/friends/requests", token, json={}).status_code == 400
    assert server.post("/friends/requests", token, json={"username": 5}).status_code == 400
    assert server.post("/friends/requests", token, data="not json").status_code == 400
    assert server.post("/friends/requests", token).status_code == 400

    assert server.post("/friends/requests", token, json={"username": name(bob).upper()}).status_code == 201
    assert_error(server.post("/friends/requests", token, json={"username": name(bob)}), 409, "request_pending")
    server.post(f"/friends/requests/{name(alice)}/accept", bob["access_token"])
    assert_error(server.post("/friends/requests", token, json={"username": name(bob)}), 409, "already_friends")
    assert_error(
        server.post("/friends/requests", bob["access_token"], json={"username": name(alice)}), 409, "already_friends")
    assert_error(server.post(f"/friends/requests/{name(alice)}/accept", bob["access_token"]), 409, "already_friends")


def test_accept_decline_and_remove_need_something_to_act_on(server, pair):
    alice, bob = pair
    a, b = alice["access_token"], bob["access_token"]
    assert_error(server.post(f"/friends/requests/{name(bob)}/accept", a), 404, "request_not_found")
    assert_error(server.post(f"/friends/requests/{name(bob)}/decline", a), 404, "request_not_found")
    assert_error(server.post("/friends/requests/nobody_here/accept", a), 404, "user_not_found")
    assert_error(server.delete(f"/friends/{name(bob)}", a), 404, "not_friends")
    assert_error(server.delete("/friends/nobody_here", a), 404, "user_not_found")

    server.post("/friends/requests", a, json={"username": name(bob)})
    # The one who asked cannot accept their own request.
    assert_error(server.post(f"/friends/requests/{name(bob)}/accept", a), 404, "request_not_found")
    # A pending request is no friendship to remove.
    assert_error(server.delete(f"/friends/{name(bob)}", a), 404, "not_friends")


def test_decline_and_withdraw(server, pair):
    alice, bob = pair
    a, b = alice["access_token"], bob["access_token"]
    server.post("/friends/requests", a, json={"username": name(bob)})
    r = server.post(f"/friends/requests/{name(alice)}/decline", b)
    assert r.status_code == 204 and r.content == b""
    assert friends_of(server, alice)["outgoing"] == [] and friends_of(server, bob)["incoming"] == []
    # Declined is not final: one may ask again, and withdraw that request.
    assert server.post("/friends/requests", a, json={"username": name(bob)}).status_code == 201
    assert server.delete(f"/friends/requests/{name(bob)}", a).status_code == 204
    assert friends_of(server, bob)["incoming"] == []
    assert_error(server.delete(f"/friends/requests/{name(bob)}", a), 404, "request_not_found")


def test_remove_a_friend_from_either_side(server, pair):
    alice, bob = pair
    server.post("/friends/requests", alice["access_token"], json={"username": name(bob)})
    server.post(f"/friends/requests/{name(alice)}/accept", bob["access_token"])
    r = server.delete(f"/friends/{name(alice)}", bob["access_token"])
    assert r.status_code == 204
    assert friends_of(server, alice)["friends"] == [] and friends_of(server, bob)["friends"] == []
    assert server.post("/friends/requests", alice["access_token"], json={"username": name(bob)}).status_code == 201


def test_friends_see_each_other_online(server, pair):
    alice, bob = pair
    server.post("/friends/requests", alice["access_token"], json={"username": name(bob)})
    server.post(f"/friends/requests/{name(alice)}/accept", bob["access_token"])
    assert friends_of(server, alice)["friends"][0]["online"] is False
    with ws_connect(server, bob["access_token"]) as ws:
        # Any answer proves the gateway has taken the connection in.
        ws_send(ws, "join_game", {"game_id": "00000000-0000-4000-8000-000000000000"}, id_="probe")
        ws_recv_until(ws, lambda f: f.get("id") == "probe")
        assert friends_of(server, alice)["friends"][0]["online"] is True


def test_friends_routes_need_a_signed_in_user(server, pair):
    alice, bob = pair
    assert_error(server.get("/friends"), 401, "unauthorized")
    assert_error(server.post("/friends/requests", json={"username": name(bob)}), 401, "unauthorized")
    assert_error(server.post(f"/friends/requests/{name(bob)}/accept"), 401, "unauthorized")
    assert_error(server.post(f"/friends/requests/{name(bob)}/decline"), 401, "unauthorized")
    assert_error(server.delete(f"/friends/{name(bob)}"), 401, "unauthorized")
    assert_error(server.get("/friends", "not-a-token"), 401, "invalid_token")


def test_bots_take_no_friend_requests(server):
    me = server.register()
    assert_error(server.post("/friends/requests", me["access_token"], json={"username": "bot-easy"}), 400,
                 "cannot_befriend_bot")
