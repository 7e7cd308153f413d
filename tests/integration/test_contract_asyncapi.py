"""Holds asyncapi.yaml against the real gateway: every frame the server sends in a session that
produces each documented event must match the schema of its type (no undocumented event types),
and every client frame used here must match the client schemas. The schemas of Game, User etc.
are referenced from openapi.yaml, so both documents are checked together."""

import json
import pathlib
import signal
import time

import jsonschema
import pytest
import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from conftest import ROOT, ws_connect

SERVER_SCHEMAS = {
    "ack": "AckFrame",
    "error": "ErrorFrame",
    "game_update": "GameUpdateFrame",
    "game_invite": "GameUpdateFrame",
    "game_joined": "GameUpdateFrame",
    "chat_message": "ChatMessageEvent",
    "match_found": "MatchFoundFrame",
    "rematch_offered": "RematchFrame",
    "rematch_declined": "RematchFrame",
    "rematch_started": "RematchFrame",
    "rematch_expired": "RematchFrame",
    "server_shutdown": "ServerShutdownFrame",
}
CLIENT_SCHEMAS = {
    "join_game": "JoinGameFrame",
    "leave_game": "LeaveGameFrame",
    "make_move": "MakeMoveFrame",
    "chat_message": "ChatMessageFrame",
    "offer_rematch": "GameRefFrame",
    "answer_rematch": "AnswerRematchFrame",
    "ping": "PingFrame",
    "authenticate": "AuthenticateFrame",
}


@pytest.fixture(scope="module")
def validators():
    docs = {name: yaml.safe_load((ROOT / name).read_text()) for name in ("asyncapi.yaml", "openapi.yaml")}
    registry = Registry().with_resources(
        (f"file:///spec/{name}", Resource.from_contents(doc, default_specification=DRAFT202012)) for name, doc in docs.items()
    )

    def validator(name):
        return jsonschema.Draft202012Validator(
            {"$ref": f"file:///spec/asyncapi.yaml#/components/schemas/{name}"}, registry=registry
        )

    # Every message of the document points at a schema that exists.
    for message in docs["asyncapi.yaml"]["components"]["messages"].values():
        ref = message["payload"]["$ref"]
        assert ref.rsplit("/", 1)[1] in docs["asyncapi.yaml"]["components"]["schemas"], ref
    return {name: validator(name) for name in set(SERVER_SCHEMAS.values()) | set(CLIENT_SCHEMAS.values())}


class Checked:
    """A gateway connection whose every frame, both ways, is validated against asyncapi.yaml."""

    def __init__(self, ws, validators):
        self.ws, self.v, self.seen = ws, validators, set()
        self.backlog = []  # frames read while waiting for another one, in order

    def send(self, type_, data=None, id_=None, raw=None):
        if raw is not None:
            self.ws.send(raw)
            return
        frame = {"type": type_, "data": data if data is not None else {}}
        if id_ is not None:
            frame["id"] = id_
        self.v[CLIENT_SCHEMAS[type_]].validate(frame)
        self.ws.send(json.dumps(frame))

    def recv_until(self, predicate, timeout=15):
        for i, frame in enumerate(self.backlog):
            if predicate(frame):
                return self.backlog.pop(i)
        deadline = time.monotonic() + timeout
        while True:
            frame = json.loads(self.ws.recv(timeout=max(0.01, deadline - time.monotonic())))
            assert frame.get("type") in SERVER_SCHEMAS, f"undocumented event: {frame}"
            self.v[SERVER_SCHEMAS[frame["type"]]].validate(frame)
            self.seen.add(frame["type"])
            if predicate(frame):
                return frame
            self.backlog.append(frame)

    def request(self, type_, data, id_):
        self.send(type_, data, id_)
        return self.recv_until(lambda f: f.get("id") == id_ and f["type"] in ("ack", "error"))


def test_every_server_event_matches_asyncapi(server_factory, validators):
    server = server_factory({"match_widen_every_seconds": "1", "rematch_offer_seconds": "5"})
    a, b = server.register(), server.register()
    with ws_connect(server, a["access_token"]) as wa, ws_connect(server, b["access_token"]) as wb:
        ca, cb = Checked(wa, validators), Checked(wb, validators)

        # An invitation reaches b as game_invite.
        game = server.post("/games", a["access_token"], json={"opponent": b["user"]["username"]}).json()
        cb.recv_until(lambda f: f["type"] == "game_invite" and f["data"]["game"]["id"] == game["id"])
        assert server.post(f"/games/{game['id']}/join", b["access_token"]).status_code == 200
        # ... and its creator hears that it began.
        ca.recv_until(lambda f: f["type"] == "game_joined" and f["data"]["game"]["id"] == game["id"])
        gid = game["id"]
        assert ca.request("join_game", {"game_id": gid}, "j1")["type"] == "ack"
        assert cb.request("join_game", {"game_id": gid}, "j2")["type"] == "ack"

        # Errors of each kind, every one with the documented shape.
        assert cb.request("make_move", {"game_id": gid, "position": 4}, "early")["data"]["code"] == "not_your_turn"
        ca.send(None, raw="{not json")
        assert ca.recv_until(lambda f: f["type"] == "error")["data"]["code"] == "bad_json"
        ca.send(None, raw=json.dumps({"type": "dance", "id": "u1", "data": {}}))
        assert ca.recv_until(lambda f: f.get("id") == "u1")["data"]["code"] == "unknown_event"
        ca.send(None, raw=json.dumps({"type": "make_move", "id": "d1", "data": {"game_id": gid, "position": "four"}}))
        assert ca.recv_until(lambda f: f.get("id") == "d1")["data"]["code"] == "invalid_data"
        wa.send(b"\x00\x01")
        assert ca.recv_until(lambda f: f["type"] == "error")["data"]["code"] == "binary_not_supported"
        assert ca.request("ping", {}, "p1")["type"] == "ack"
        assert ca.request("authenticate", {"access_token": a["access_token"]}, "auth")["type"] == "ack"

        # Chat and a whole game: a wins with the top row.
        ca.request("chat_message", {"game_id": gid, "text": "good luck"}, "c1")
        cb.recv_until(lambda f: f["type"] == "chat_message" and f["data"]["text"] == "good luck")
        for pos, c, n in ((0, ca, 1), (3, cb, 2), (1, ca, 3), (4, cb, 4), (2, ca, 5)):
            assert c.request("make_move", {"game_id": gid, "position": pos}, f"m{n}")["type"] == "ack"
        cb.recv_until(lambda f: f["type"] == "game_update" and f["data"]["game"]["status"] == "completed")

        # Rematch: offered, declined, offered again and accepted.
        ca.request("offer_rematch", {"game_id": gid}, "r1")
        cb.recv_until(lambda f: f["type"] == "rematch_offered")
        cb.request("answer_rematch", {"game_id": gid, "accept": False}, "r2")
        ca.recv_until(lambda f: f["type"] == "rematch_declined")
        ca.request("offer_rematch", {"game_id": gid}, "r3")
        cb.recv_until(lambda f: f["type"] == "rematch_offered")
        cb.request("answer_rematch", {"game_id": gid, "accept": True}, "r4")
        started = ca.recv_until(lambda f: f["type"] == "rematch_started")
        assert started["data"]["new_game_id"]
        cb.recv_until(lambda f: f["type"] == "rematch_started")
        # Resign the rematch so both can queue, then leave the first game's room.
        assert server.delete(f"/games/{started['data']['new_game_id']}", a["access_token"]).status_code == 204
        assert ca.request("leave_game", {"game_id": gid}, "l1")["type"] == "ack"

        # Matchmaking pairs them: match_found to both.
        for user in (a, b):
            r = server.post("/matchmaking/queue", user["access_token"])
            assert r.status_code == 202, r.text
        found = ca.recv_until(lambda f: f["type"] == "match_found", timeout=30)
        cb.recv_until(lambda f: f["type"] == "match_found", timeout=30)

        # An offer nobody answers lapses: rematch_expired to both.
        mid = found["data"]["game_id"]
        assert server.delete(f"/games/{mid}", a["access_token"]).status_code == 204
        assert ca.request("offer_rematch", {"game_id": mid}, "r5")["type"] == "ack"
        cb.recv_until(lambda f: f["type"] == "rematch_offered" and f["data"]["game_id"] == mid)
        for c in (ca, cb):
            c.recv_until(lambda f: f["type"] == "rematch_expired" and f["data"]["game_id"] == mid)

        # A restart: server_shutdown to both before their connections close.
        server.proc.send_signal(signal.SIGTERM)
        for c in (ca, cb):
            c.recv_until(lambda f: f["type"] == "server_shutdown")

    assert set(SERVER_SCHEMAS) <= ca.seen | cb.seen, set(SERVER_SCHEMAS) - (ca.seen | cb.seen)
