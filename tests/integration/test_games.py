"""Issue 4: the /games REST API and the WebSocket gateway, with real clients over TLS."""

import json
import threading
import time

import pytest
from websockets.exceptions import ConnectionClosed

from conftest import ws_connect, ws_recv_until, ws_send


def new_game(server, a, b):
    """a creates an open game, b joins it; returns the active game."""
    g = server.post("/games", a["access_token"]).json()
    r = server.post(f"/games/{g['id']}/join", b["access_token"])
    assert r.status_code == 200, r.text
    return r.json()


def is_update(game_id, version=None):
    def pred(f):
        return f["type"] == "game_update" and f["data"]["game"]["id"] == game_id and (
            version is None or f["data"]["game"]["version"] >= version
        )

    return pred


def is_ack(id_):
    return lambda f: f.get("id") == id_ and f["type"] in ("ack", "error")


def ws_request(ws, type_, data, id_):
    ws_send(ws, type_, data, id_)
    return ws_recv_until(ws, is_ack(id_))


def both_in_room(server, a, b, game_id):
    """a's and b's gateway connections, each joined to the game's room."""
    connections = []
    for player in (a, b):
        ws = ws_connect(server, player["access_token"])
        ws_request(ws, "join_game", {"game_id": game_id}, "j")
        connections.append(ws)
    return connections


def test_create_list_get_join(server):
    a, b = server.register(), server.register()
    r = server.post("/games", a["access_token"])
    assert r.status_code == 201
    g = r.json()
    assert g["status"] == "waiting" and g["board"] == [""] * 9 and g["player1_id"] == a["user"]["id"]
    assert g["player2_id"] is None and g["winner_id"] is None and g["moves_count"] == 0
    listed = server.get("/games?status=waiting", b["access_token"]).json()["games"]
    assert g["id"] in [x["id"] for x in listed]
    assert server.get(f"/games/{g['id']}", b["access_token"]).json()["id"] == g["id"]
    joined = server.post(f"/games/{g['id']}/join", b["access_token"]).json()
    assert joined["status"] == "active" and joined["player2_id"] == b["user"]["id"]
    assert joined["current_player_id"] == a["user"]["id"]
    mine = server.get("/games?mine=true", a["access_token"]).json()["games"]
    assert [x["id"] for x in mine] == [g["id"]]


def test_games_need_auth_and_valid_input(server):
    a = server.register()
    assert server.get("/games").status_code == 401
    assert server.get("/games?status=bogus", a["access_token"]).status_code == 400
    assert server.get("/games?mine=maybe", a["access_token"]).status_code == 400
    for bad in ("0", "101", "-1", "abc", "1.5", "99999999999999999999"):
        r = server.get(f"/games?limit={bad}", a["access_token"])
        assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_limit", (bad, r.text)
    for _ in range(3):
        assert server.post("/games", a["access_token"]).status_code == 201
    assert len(server.get("/games?mine=true&limit=2", a["access_token"]).json()["games"]) == 2
    assert server.get("/games/not-a-uuid", a["access_token"]).status_code == 404
    assert server.get("/games/00000000-0000-4000-8000-000000000000", a["access_token"]).status_code == 404
    assert server.post("/games", a["access_token"], json={"opponent": "nobody_here"}).status_code == 404
    assert server.post("/games", a["access_token"], json={"opponent": a["user"]["username"]}).status_code == 400
    assert server.post("/games", a["access_token"], json={"opponent": 5}).status_code == 400
    assert server.post("/games", a["access_token"], data="{nope", headers={"Content-Type": "application/json"}).status_code == 400
    assert server.post("/games", a["access_token"], json={"bot": "medium"}).status_code == 400


def test_illegal_moves_each_have_their_code(server):
    a, b, c = server.register(), server.register(), server.register()
    g = new_game(server, a, b)
    gid = g["id"]

    def move(user, pos):
        return server.post(f"/games/{gid}/move", user["access_token"], json={"position": pos})

    r = move(b, 0)
    assert (r.status_code, r.json()["error"]["code"]) == (422, "not_your_turn")
    r = move(a, 9)
    assert (r.status_code, r.json()["error"]["code"]) == (422, "position_out_of_range")
    r = move(a, -1)
    assert r.json()["error"]["code"] == "position_out_of_range"
    assert move(a, 4).status_code == 200
    r = move(b, 4)
    assert (r.status_code, r.json()["error"]["code"]) == (422, "square_occupied")
    r = move(c, 0)
    assert (r.status_code, r.json()["error"]["code"]) == (403, "not_a_player")
    r = server.post(f"/games/{gid}/move", a["access_token"], json={"position": "4"})
    assert r.status_code == 400
    r = server.post(f"/games/{gid}/move", a["access_token"], json={})
    assert r.status_code == 400
    # finish it, then any move is game_not_active
    for user, pos in [(b, 0), (a, 3), (b, 1), (a, 5)]:
        assert move(user, pos).status_code == 200
    r = move(b, 8)
    assert (r.status_code, r.json()["error"]["code"]) == (422, "game_not_active")
    w = server.post("/games", a["access_token"]).json()
    r = move(a, 0) if False else server.post(f"/games/{w['id']}/move", a["access_token"], json={"position": 0})
    assert r.json()["error"]["code"] == "game_not_active"


def test_full_game_to_a_win_over_the_gateway(server):
    a, b = server.register(), server.register()
    g = new_game(server, a, b)
    gid = g["id"]
    with ws_connect(server, a["access_token"]) as wa, ws_connect(server, b["access_token"]) as wb:
        assert ws_request(wa, "join_game", {"game_id": gid}, "j1")["data"]["game"]["id"] == gid
        assert ws_request(wb, "join_game", {"game_id": gid}, "j2")["type"] == "ack"
        moves = [(wa, 0), (wb, 3), (wa, 1), (wb, 4), (wa, 2)]
        for i, (ws, pos) in enumerate(moves):
            ack = ws_request(ws, "make_move", {"game_id": gid, "position": pos}, f"m{i}")
            assert ack["type"] == "ack", ack
            other = wb if ws is wa else wa
            upd = ws_recv_until(other, is_update(gid, i + 2))
            assert upd["data"]["game"]["board"][pos] in ("X", "O")
        final = upd["data"]["game"]
        assert final["status"] == "completed" and final["winner_id"] == a["user"]["id"]
        assert final["winning_line"] == [0, 1, 2]
        assert final["player1_rating_change"] > 0 > final["player2_rating_change"]
    hist = server.get(f"/games/{gid}/history", a["access_token"]).json()["moves"]
    assert [m["position"] for m in hist] == [0, 3, 1, 4, 2]
    assert [m["mark"] for m in hist] == ["X", "O", "X", "O", "X"]
    assert hist[0]["player_id"] == a["user"]["id"] and hist[0]["number"] == 1
    pa = server.get("/auth/profile", a["access_token"]).json()
    pb = server.get("/auth/profile", b["access_token"]).json()
    assert (pa["games_won"], pa["games_played"], pb["games_lost"]) == (1, 1, 1)
    assert pa["elo_rating"] == 1220 and pb["elo_rating"] == 1180


def test_draw_updates_both_records(server):
    a, b = server.register(), server.register()
    gid = new_game(server, a, b)["id"]
    seq = [(a, 0), (b, 1), (a, 2), (b, 4), (a, 3), (b, 5), (a, 7), (b, 6), (a, 8)]
    for user, pos in seq:
        r = server.post(f"/games/{gid}/move", user["access_token"], json={"position": pos})
        assert r.status_code == 200, r.text
    g = r.json()
    assert g["status"] == "completed" and g["winner_id"] is None and g["end_reason"] == "draw"
    for user in (a, b):
        p = server.get("/auth/profile", user["access_token"]).json()
        assert (p["games_drawn"], p["games_played"], p["elo_rating"]) == (1, 1, 1200)


def test_rest_move_is_broadcast_and_resign(server):
    a, b = server.register(), server.register()
    gid = new_game(server, a, b)["id"]
    with ws_connect(server, b["access_token"]) as wb:
        ws_request(wb, "join_game", {"game_id": gid}, "j")
        assert server.post(f"/games/{gid}/move", a["access_token"], json={"position": 8}).status_code == 200
        upd = ws_recv_until(wb, is_update(gid))
        assert upd["data"]["game"]["board"][8] == "X"
        assert server.delete(f"/games/{gid}", a["access_token"]).status_code == 204
        upd = ws_recv_until(wb, lambda f: f["type"] == "game_update" and f["data"]["game"]["status"] == "completed")
        assert upd["data"]["game"]["winner_id"] == b["user"]["id"]
        assert upd["data"]["game"]["end_reason"] == "resign"


def test_cancel_waiting_game(server):
    a, b = server.register(), server.register()
    g = server.post("/games", a["access_token"]).json()
    assert server.delete(f"/games/{g['id']}", b["access_token"]).status_code == 403
    assert server.delete(f"/games/{g['id']}", a["access_token"]).status_code == 204
    assert server.get(f"/games/{g['id']}", a["access_token"]).json()["status"] == "abandoned"
    assert server.post(f"/games/{g['id']}/join", b["access_token"]).status_code == 409


def test_the_creator_hears_that_someone_joined_wherever_they_are(server):
    a, b = server.register(), server.register()
    g = server.post("/games", a["access_token"]).json()
    # a is connected but in no game's room (the lobby): only this notice can tell it.
    with ws_connect(server, a["access_token"]) as wa:
        # Any answer proves the session is registered: a connection's frames are handled in order.
        ws_send(wa, "leave_game", {"game_id": g["id"]}, "hello")
        ws_recv_until(wa, lambda f: f.get("id") == "hello")
        joined = server.post(f"/games/{g['id']}/join", b["access_token"]).json()
        notice = ws_recv_until(wa, lambda f: f["type"] == "game_joined")
    assert notice["data"]["game"]["id"] == g["id"] == joined["id"]
    assert notice["data"]["game"]["status"] == "active"
    assert notice["data"]["game"]["player2_id"] == b["user"]["id"]
    assert notice["data"]["game"]["current_player_id"] == a["user"]["id"]


def test_invite_only_for_the_invited(server):
    a, b, c = server.register(), server.register(), server.register()
    with ws_connect(server, b["access_token"]) as wb:
        g = server.post("/games", a["access_token"], json={"opponent": b["user"]["username"]}).json()
        invite = ws_recv_until(wb, lambda f: f["type"] == "game_invite")
        assert invite["data"]["game"]["id"] == g["id"]
    assert g["invited_id"] == b["user"]["id"]
    assert g["id"] not in [x["id"] for x in server.get("/games", c["access_token"]).json()["games"]]
    r = server.post(f"/games/{g['id']}/join", c["access_token"])
    assert (r.status_code, r.json()["error"]["code"]) == (403, "not_invited")
    assert server.post(f"/games/{g['id']}/join", a["access_token"]).status_code == 409
    assert server.post(f"/games/{g['id']}/join", b["access_token"]).json()["status"] == "active"


def test_third_user_cannot_move_or_chat_but_may_watch(server):
    a, b, c = server.register(), server.register(), server.register()
    gid = new_game(server, a, b)["id"]
    with ws_connect(server, c["access_token"]) as wc:
        assert ws_request(wc, "join_game", {"game_id": gid}, "j")["type"] == "ack"
        err = ws_request(wc, "make_move", {"game_id": gid, "position": 0}, "m")
        assert err["type"] == "error" and err["data"]["code"] == "not_a_player"
        err = ws_request(wc, "chat_message", {"game_id": gid, "text": "hi"}, "c")
        assert err["type"] == "error" and err["data"]["code"] == "not_a_player"
        server.post(f"/games/{gid}/move", a["access_token"], json={"position": 4})
        assert ws_recv_until(wc, is_update(gid))["data"]["game"]["board"][4] == "X"


def test_chat_is_sanitised_and_limited(server):
    a, b = server.register(), server.register()
    gid = new_game(server, a, b)["id"]
    with ws_connect(server, a["access_token"]) as wa, ws_connect(server, b["access_token"]) as wb:
        ws_request(wa, "join_game", {"game_id": gid}, "j")
        ws_request(wb, "join_game", {"game_id": gid}, "j")
        assert ws_request(wa, "chat_message", {"game_id": gid, "text": "  good\x1b[31m luck\x07 "}, "c")["type"] == "ack"
        msg = ws_recv_until(wb, lambda f: f["type"] == "chat_message")
        assert msg["data"]["text"] == "good[31m luck"
        assert msg["data"]["from"] == {"id": a["user"]["id"], "username": a["user"]["username"]}
        assert msg["data"]["game_id"] == gid and msg["data"]["created_at"]
        err = ws_request(wa, "chat_message", {"game_id": gid, "text": "x" * 501}, "c2")
        assert err["data"]["code"] == "chat_too_long"
        err = ws_request(wa, "chat_message", {"game_id": gid, "text": "\x00\x01 "}, "c3")
        assert err["data"]["code"] == "chat_empty"
    log = server.get(f"/games/{gid}/chat", b["access_token"]).json()["messages"]
    assert [m["text"] for m in log] == ["good[31m luck"]


def test_query_token_is_accepted(server):
    from websockets.sync.client import connect
    from conftest import insecure_ssl_context

    a = server.register()
    with connect(server.ws_url + "?access_token=" + a["access_token"], ssl=insecure_ssl_context()) as ws:
        assert ws_request(ws, "ping", {}, "p")["type"] == "ack"


def test_malformed_frames_get_errors_and_keep_the_connection(server):
    a = server.register()
    with ws_connect(server, a["access_token"]) as ws:
        for bad, code in [
            ("not json", "bad_json"),
            ("[1,2]", "bad_json"),
            (json.dumps({"type": "dance", "id": "1"}), "unknown_event"),
            (json.dumps({"type": "make_move", "id": "2", "data": {"game_id": "x"}}), "invalid_data"),
            (json.dumps({"type": "make_move", "id": "3", "data": {"game_id": "x", "position": "a"}}), "invalid_data"),
            (json.dumps({"type": "join_game", "id": "4", "data": {"game_id": "nope"}}), "not_found"),
        ]:
            ws.send(bad)
            f = ws_recv_until(ws, lambda f: f["type"] == "error")
            assert f["data"]["code"] == code, (bad, f)
        ws.send(b"\x00\x01binary")
        assert ws_recv_until(ws, lambda f: f["type"] == "error")["data"]["code"] == "binary_not_supported"
        assert ws_request(ws, "ping", {}, "alive")["type"] == "ack"


def test_flood_closes_only_that_connection(server_factory):
    s = server_factory({"ws_flood_frames": "20", "ws_flood_window_seconds": "20"})
    a, b = s.register(), s.register()
    with ws_connect(s, a["access_token"]) as flooder, ws_connect(s, b["access_token"]) as calm:
        with pytest.raises(ConnectionClosed) as e:
            for i in range(200):
                ws_send(flooder, "ping", {}, str(i))
            while True:
                flooder.recv(timeout=10)
        assert e.value.rcvd is not None and e.value.rcvd.code == 1008
        assert ws_request(calm, "ping", {}, "ok")["type"] == "ack"


def test_oversize_frame_is_refused(server):
    a = server.register()
    with ws_connect(server, a["access_token"], max_size=None) as ws:
        ws.send(json.dumps({"type": "chat_message", "data": {"text": "x" * (70 * 1024)}}))
        with pytest.raises(ConnectionClosed):
            while True:
                ws.recv(timeout=10)
    assert server.get("/health").status_code == 200


def test_abandonment_after_grace_only_on_absent_players_turn(server_factory):
    s = server_factory({"disconnect_grace_seconds": "2"})
    a, b = s.register(), s.register()
    gid = new_game(s, a, b)["id"]
    wa, wb = both_in_room(s, a, b, gid)
    with wa:
        wb.close()  # b drops while it is a's turn: no countdown yet
        seen = ws_recv_until(wa, is_update(gid))  # the room is told b left
        assert seen["data"]["game"]["disconnect_deadline"] is None
        ack = ws_request(wa, "make_move", {"game_id": gid, "position": 0}, "m")
        assert ack["type"] == "ack"
        assert ack["data"]["game"]["disconnect_deadline"]
        assert ack["data"]["game"]["current_player_id"] == b["user"]["id"]
        end = ws_recv_until(wa, lambda f: f["type"] == "game_update" and f["data"]["game"]["status"] == "abandoned", timeout=15)
        g = end["data"]["game"]
        assert g["winner_id"] == a["user"]["id"] and g["end_reason"] == "abandon"
    pb = s.get("/auth/profile", b["access_token"]).json()
    assert pb["games_lost"] == 1


def test_joining_the_open_game_of_a_creator_who_left_starts_their_countdown(server_factory):
    s = server_factory({"disconnect_grace_seconds": "2"})
    a, b = s.register(), s.register()
    # Friends, so that b can see when the server has a offline.
    s.post("/friends/requests", a["access_token"], json={"username": b["user"]["username"]})
    s.post(f"/friends/requests/{a['user']['username']}/accept", b["access_token"])
    with ws_connect(s, a["access_token"]) as wa:
        ws_send(wa, "leave_game", {"game_id": "00000000-0000-4000-8000-000000000000"}, "hello")
        ws_recv_until(wa, lambda f: f.get("id") == "hello")
        gid = s.post("/games", a["access_token"]).json()["id"]
    deadline = time.monotonic() + 10
    while s.get("/friends", b["access_token"]).json()["friends"][0]["online"]:
        assert time.monotonic() < deadline, "a should be seen offline once its connection closed"
        time.sleep(0.05)
    # a left while its game waited; b joins it: it is a's move, and a's countdown runs at once
    # (b used to wait for a move that might never come).
    joined = s.post(f"/games/{gid}/join", b["access_token"]).json()
    assert joined["status"] == "active" and joined["current_player_id"] == a["user"]["id"]
    assert joined["disconnect_deadline"]
    deadline = time.monotonic() + 15
    while (g := s.get(f"/games/{gid}", b["access_token"]).json())["status"] == "active":
        assert time.monotonic() < deadline, g
        time.sleep(0.1)
    assert g["status"] == "abandoned" and g["winner_id"] == b["user"]["id"] and g["end_reason"] == "abandon"


def test_returning_player_stops_the_countdown(server_factory):
    s = server_factory({"disconnect_grace_seconds": "3"})
    a, b = s.register(), s.register()
    gid = new_game(s, a, b)["id"]
    with ws_connect(s, a["access_token"]) as wa:
        ws_request(wa, "join_game", {"game_id": gid}, "j")
        wb = ws_connect(s, b["access_token"])
        wb.close()
        ws_recv_until(wa, is_update(gid))
        assert ws_request(wa, "make_move", {"game_id": gid, "position": 0}, "m")["data"]["game"]["disconnect_deadline"]
        with ws_connect(s, b["access_token"]) as wb2:
            upd = ws_recv_until(wa, lambda f: f["type"] == "game_update" and not f["data"]["game"]["disconnect_deadline"])
            assert upd["data"]["game"]["status"] == "active"
            ws_request(wb2, "join_game", {"game_id": gid}, "j")
            assert ws_request(wb2, "make_move", {"game_id": gid, "position": 4}, "m")["type"] == "ack"


def test_restart_mid_game_keeps_every_acknowledged_move(server_factory):
    s = server_factory({"disconnect_grace_seconds": "60"})
    a, b = s.register(), s.register()
    gid = new_game(s, a, b)["id"]
    with ws_connect(s, a["access_token"]) as wa, ws_connect(s, b["access_token"]) as wb:
        ws_request(wa, "join_game", {"game_id": gid}, "j")
        ws_request(wb, "join_game", {"game_id": gid}, "j")
        assert ws_request(wa, "make_move", {"game_id": gid, "position": 0}, "1")["type"] == "ack"
        assert ws_request(wb, "make_move", {"game_id": gid, "position": 4}, "2")["type"] == "ack"
        assert ws_request(wa, "make_move", {"game_id": gid, "position": 8}, "3")["type"] == "ack"
        s.kill()
    s.start()
    g = s.get(f"/games/{gid}", a["access_token"]).json()
    assert g["board"] == ["X", "", "", "", "O", "", "", "", "X"] and g["status"] == "active"
    assert g["current_player_id"] == b["user"]["id"]
    with ws_connect(s, b["access_token"]) as wb:
        ws_request(wb, "join_game", {"game_id": gid}, "j")
        assert ws_request(wb, "make_move", {"game_id": gid, "position": 2}, "4")["type"] == "ack"
    assert len(s.get(f"/games/{gid}/history", a["access_token"]).json()["moves"]) == 4


def test_rematch_swaps_colours(server):
    a, b = server.register(), server.register()
    gid = new_game(server, a, b)["id"]
    with ws_connect(server, a["access_token"]) as wa, ws_connect(server, b["access_token"]) as wb:
        assert ws_request(wa, "offer_rematch", {"game_id": gid}, "early")["data"]["code"] == "game_not_finished"
        server.delete(f"/games/{gid}", b["access_token"])
        assert ws_request(wa, "offer_rematch", {"game_id": gid}, "r")["type"] == "ack"
        offer = ws_recv_until(wb, lambda f: f["type"] == "rematch_offered")
        assert offer["data"]["from"]["id"] == a["user"]["id"]
        assert ws_request(wb, "answer_rematch", {"game_id": gid, "accept": True}, "y")["type"] == "ack"
        started = ws_recv_until(wa, lambda f: f["type"] == "rematch_started")
        new_id = started["data"]["new_game_id"]
    g = server.get(f"/games/{new_id}", a["access_token"]).json()
    assert g["player1_id"] == b["user"]["id"] and g["player2_id"] == a["user"]["id"] and g["status"] == "active"


@pytest.mark.parametrize("level", ["easy", "hard"])
def test_bot_games_answer_over_the_gateway(server, level):
    a = server.register()
    g = server.post("/games", a["access_token"], json={"bot": level})
    assert g.status_code == 201
    g = g.json()
    assert g["bot"] == level and g["rated"] is False and g["status"] == "active"
    gid = g["id"]
    with ws_connect(server, a["access_token"]) as wa:
        ws_request(wa, "join_game", {"game_id": gid}, "j")
        game = g
        for i in range(5):
            if game["status"] != "active":
                break
            pos = game["board"].index("")
            ack = ws_request(wa, "make_move", {"game_id": gid, "position": pos}, f"m{i}")
            assert ack["type"] == "ack", ack
            game = ack["data"]["game"]
            if game["status"] != "active":
                break
            game = ws_recv_until(wa, lambda f: f["type"] == "game_update" and f["data"]["game"]["current_player_id"] != game["player2_id"] and f["data"]["game"]["version"] > game["version"])["data"]["game"]
        assert game["status"] == "completed"
        if level == "hard":
            assert game["winner_id"] != a["user"]["id"]
    p = server.get("/auth/profile", a["access_token"]).json()
    assert p["games_played"] == 0 and p["elo_rating"] == 1200
