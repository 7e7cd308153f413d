"""CONTRACT.md "WebSocket gateway": game_update goes to everyone in the game's room (players and
watchers) after every change, whether made over REST or the gateway, and only to them; leave_game
leaves the room; requests with an id are acked in order."""

import json
import weakref

from conftest import ws_connect, ws_send


# Frames read while waiting for another one, per connection, in order. Keyed by the connection
# itself, weakly: keyed by id(), a later test's connection could inherit a dead one's frames.
BACKLOG = weakref.WeakKeyDictionary()


def recv_until(ws, predicate, timeout=10):
    backlog = BACKLOG.setdefault(ws, [])
    for i, frame in enumerate(backlog):
        if predicate(frame):
            return backlog.pop(i)
    while True:
        frame = json.loads(ws.recv(timeout=timeout))
        if predicate(frame):
            return frame
        backlog.append(frame)


def request(ws, type_, data, id_):
    ws_send(ws, type_, data, id_)
    return recv_until(ws, lambda f: f.get("id") == id_ and f["type"] in ("ack", "error"))


def frames_until_ack(ws, id_):
    """Sends a ping and returns every frame that arrived before its ack (the server answers in order)."""
    ws_send(ws, "ping", {}, id_)
    seen = BACKLOG.pop(ws, [])
    while True:
        frame = json.loads(ws.recv(timeout=10))
        if frame.get("id") == id_:
            assert frame["type"] == "ack"
            return seen
        seen.append(frame)


def update_of(game_id, version):
    """The update that carries at least `version` (every change bumps it; presence may too)."""
    return lambda f: f["type"] == "game_update" and f["data"]["game"]["id"] == game_id and f["data"]["game"]["version"] >= version


def test_game_update_reaches_the_room_after_every_change_and_only_the_room(server):
    a, b, watcher = server.register(), server.register(), server.register()
    g = server.post("/games", a["access_token"]).json()
    gid, version = g["id"], g["version"]
    with ws_connect(server, a["access_token"]) as wa, ws_connect(server, b["access_token"]) as wb, ws_connect(
        server, watcher["access_token"]
    ) as ww:
        assert request(wa, "join_game", {"game_id": gid}, "ja")["type"] == "ack"
        assert request(ww, "join_game", {"game_id": gid}, "jw")["type"] == "ack"

        # A change over REST (b joins) reaches the room; b, not in the room yet, gets nothing.
        assert server.post(f"/games/{gid}/join", b["access_token"]).status_code == 200
        version += 1
        for ws in (wa, ww):
            assert recv_until(ws, update_of(gid, version))["data"]["game"]["status"] == "active"
        assert not [f for f in frames_until_ack(wb, "p0") if f["type"] == "game_update"]

        # A move over the gateway reaches everyone in the room, the mover included.
        assert request(wb, "join_game", {"game_id": gid}, "jb")["type"] == "ack"
        assert request(wa, "make_move", {"game_id": gid, "position": 0}, "m1")["type"] == "ack"
        version += 1
        for ws in (wa, wb, ww):
            assert recv_until(ws, update_of(gid, version))["data"]["game"]["board"][0] == "X"

        # After leave_game the watcher hears nothing more; a REST move still reaches the players.
        assert request(ww, "leave_game", {"game_id": gid}, "lw")["type"] == "ack"
        assert server.post(f"/games/{gid}/move", b["access_token"], json={"position": 4}).status_code == 200
        version += 1
        for ws in (wa, wb):
            update = recv_until(ws, update_of(gid, version))["data"]["game"]
            assert update["board"][4] == "O", update
            version = update["version"]
        assert not [f for f in frames_until_ack(ww, "p1") if f["type"] == "game_update"]

        # Resigning over REST is a change too.
        assert server.delete(f"/games/{gid}", a["access_token"]).status_code == 204
        version += 1
        for ws in (wa, wb):
            final = recv_until(ws, update_of(gid, version))["data"]["game"]
            assert final["status"] == "completed" and final["winner_id"] == b["user"]["id"]


def test_answers_come_in_request_order(server):
    a = server.register()
    with ws_connect(server, a["access_token"]) as ws:
        ids = [f"r{i}" for i in range(30)]
        for i, id_ in enumerate(ids):
            if i % 3 == 0:
                ws_send(ws, "join_game", {"game_id": "00000000-0000-4000-8000-000000000000"}, id_)
            else:
                ws_send(ws, "ping", {}, id_)
        answered = [json.loads(ws.recv(timeout=10)) for _ in ids]
    assert [f["id"] for f in answered] == ids
    assert [f["type"] for f in answered] == ["error" if i % 3 == 0 else "ack" for i in range(30)]


def test_a_move_without_an_id_is_answered_by_the_room_update_alone(server):
    """A request without an id gets no ack: the mover takes the room's game_update as its answer
    (arena-load plays this way). A refused one is answered by an error without an id."""
    a, b = server.register(), server.register()
    g = server.post("/games", a["access_token"]).json()
    gid = g["id"]
    assert server.post(f"/games/{gid}/join", b["access_token"]).status_code == 200
    with ws_connect(server, a["access_token"]) as wa, ws_connect(server, b["access_token"]) as wb:
        assert request(wa, "join_game", {"game_id": gid}, "ja")["type"] == "ack"
        version = request(wb, "join_game", {"game_id": gid}, "jb")["data"]["game"]["version"]

        ws_send(wa, "make_move", {"game_id": gid, "position": 0})
        for ws in (wa, wb):
            update = recv_until(ws, update_of(gid, version + 1))
            assert update["data"]["game"]["board"][0] == "X" and "id" not in update
        # Nothing else came for the move: no ack, no error.
        assert not [f for f in frames_until_ack(wa, "p1") if f["type"] != "game_update"]

        # Not a's turn: an error without an id, and nothing else.
        ws_send(wa, "make_move", {"game_id": gid, "position": 1})
        seen = frames_until_ack(wa, "p2")
        assert [f["type"] for f in seen] == ["error"], seen
        assert "id" not in seen[0] and seen[0]["data"]["code"] == "not_your_turn", seen
