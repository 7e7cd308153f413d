"""CONTRACT.md "Objects" and format rules, held on real answers: RFC 3339 UTC timestamps, UUID
ids, the user and game keys (null, never missing), email only on the owner's profile, player1
plays X and moves first, winner_id null for a draw or an unfinished game; plus the served spec."""

import datetime
import re
import uuid

import yaml

from conftest import ROOT, ws_connect, ws_recv_until, ws_send

USER_KEYS = {"id", "username", "full_name", "avatar_url", "role", "elo_rating", "games_played", "games_won",
             "games_lost", "games_drawn", "last_active", "created_at"}
GAME_KEYS = {"id", "player1_id", "player2_id", "current_player_id", "winner_id", "board", "status", "moves_count",
             "started_at", "ended_at", "created_at", "updated_at"}
RFC3339_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")


def assert_timestamp(value, nullable=False):
    if value is None and nullable:
        return
    assert isinstance(value, str) and RFC3339_UTC.match(value), value
    datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))


def assert_uuid(value, nullable=False):
    if value is None and nullable:
        return
    assert str(uuid.UUID(value)) == value.lower(), value


def assert_user(user, own):
    assert USER_KEYS <= set(user), USER_KEYS - set(user)
    assert ("email" in user) == own
    assert_uuid(user["id"])
    assert user["role"] in ("player", "moderator", "admin")
    assert_timestamp(user["created_at"])
    assert_timestamp(user["last_active"], nullable=True)


def assert_game(game):
    assert GAME_KEYS <= set(game), GAME_KEYS - set(game)
    assert_uuid(game["id"])
    for key in ("player1_id", "player2_id", "current_player_id", "winner_id"):
        assert_uuid(game[key], nullable=True)
    for key in ("created_at", "updated_at"):
        assert_timestamp(game[key])
    for key in ("started_at", "ended_at"):
        assert_timestamp(game[key], nullable=True)
    assert len(game["board"]) == 9 and set(game["board"]) <= {"X", "O", ""}
    assert game["status"] in ("waiting", "active", "completed", "abandoned")


def test_users_have_every_key_and_email_only_for_the_owner(server):
    a = server.register(full_name=None)
    assert_user(a["user"], own=True)
    assert a["user"]["full_name"] is None and a["user"]["avatar_url"] is None
    assert (a["user"]["role"], a["user"]["elo_rating"]) == ("player", 1200)
    assert_user(server.get("/auth/profile", a["access_token"]).json(), own=True)
    b = server.register()
    # Public views of a: stats, a friend request's user, a match_found opponent (see the gateway tests).
    assert_user(server.get(f"/leaderboard/stats/{a['user']['id']}").json(), own=False)
    sent = server.post("/friends/requests", b["access_token"], json={"username": a["user"]["username"]}).json()
    assert_user(sent["user"], own=False)
    assert_timestamp(sent["created_at"])


def test_games_moves_and_chat_have_contract_formats(server):
    a, b = server.register(), server.register()
    g = server.post("/games", a["access_token"]).json()
    assert_game(g)
    assert g["status"] == "waiting" and g["player2_id"] is None and g["winner_id"] is None
    g = server.post(f"/games/{g['id']}/join", b["access_token"]).json()
    assert_game(g)
    # player1 plays X and moves first.
    assert g["player1_id"] == a["user"]["id"] and g["current_player_id"] == a["user"]["id"]
    g = server.post(f"/games/{g['id']}/move", a["access_token"], json={"position": 4}).json()
    assert g["board"][4] == "X" and g["winner_id"] is None and g["status"] == "active"
    g = server.post(f"/games/{g['id']}/move", b["access_token"], json={"position": 0}).json()
    assert g["board"][0] == "O"
    moves = server.get(f"/games/{g['id']}/history", a["access_token"]).json()["moves"]
    assert [(m["number"], m["player_id"], m["position"], m["mark"]) for m in moves] == [
        (1, a["user"]["id"], 4, "X"),
        (2, b["user"]["id"], 0, "O"),
    ]
    for m in moves:
        assert_timestamp(m["created_at"])
    with ws_connect(server, a["access_token"]) as ws:
        ws_send(ws, "join_game", {"game_id": g["id"]}, "j")
        ws_recv_until(ws, lambda f: f.get("id") == "j")
        ws_send(ws, "chat_message", {"game_id": g["id"], "text": "hi"}, "c")
        chat = ws_recv_until(ws, lambda f: f["type"] == "chat_message")["data"]
    assert chat["from"] == {"id": a["user"]["id"], "username": a["user"]["username"]} and chat["text"] == "hi"
    assert_uuid(chat["game_id"])
    assert_timestamp(chat["created_at"])
    listed = server.get("/games?mine=true", a["access_token"]).json()["games"]
    for game in listed:
        assert_game(game)


def test_draw_has_no_winner(server):
    a, b = server.register(), server.register()
    g = server.post("/games", a["access_token"]).json()
    server.post(f"/games/{g['id']}/join", b["access_token"])
    # X: 0 1 5 6 8 ; O: 2 3 4 7 -> a full board without a line.
    for pos, who in zip([0, 2, 1, 3, 5, 4, 6, 7, 8], [a, b] * 5):
        g = server.post(f"/games/{g['id']}/move", who["access_token"], json={"position": pos}).json()
    assert g["status"] == "completed" and g["winner_id"] is None and g["moves_count"] == 9
    assert_timestamp(g["ended_at"])


def test_matchmaking_status_and_boards_have_contract_shapes(server):
    a = server.register()
    idle = server.get("/matchmaking/status", a["access_token"]).json()
    assert {"status", "queued_at", "wait_seconds", "elo_range", "game_id"} <= set(idle) and idle["status"] == "idle"
    queued = server.post("/matchmaking/queue", a["access_token"], json={"preferences": {}})
    assert queued.status_code == 202 and queued.json()["status"] == "queued"
    assert_timestamp(queued.json()["queued_at"])
    assert set(queued.json()["elo_range"]) == {"min", "max"}
    assert server.delete("/matchmaking/queue", a["access_token"]).status_code == 204
    board = server.get("/leaderboard/global?limit=5&offset=0").json()
    assert set(board) >= {"entries", "total"}


def test_the_served_spec_is_the_repository_openapi_yaml_and_covers_the_contract(server):
    r = server.get("/openapi.yaml")
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("application/yaml")
    assert r.text == (ROOT / "openapi.yaml").read_text()
    spec = yaml.safe_load(r.text)
    assert spec["openapi"].startswith("3.1")
    contract = {
        ("post", "/auth/register"), ("post", "/auth/login"), ("post", "/auth/refresh"), ("post", "/auth/logout"),
        ("get", "/auth/profile"), ("put", "/auth/profile"), ("post", "/auth/password-reset"),
        ("post", "/auth/password-reset/confirm"), ("post", "/games"), ("get", "/games"), ("get", "/games/{id}"),
        ("post", "/games/{id}/join"), ("post", "/games/{id}/move"), ("get", "/games/{id}/history"),
        ("delete", "/games/{id}"), ("post", "/matchmaking/queue"), ("delete", "/matchmaking/queue"),
        ("get", "/matchmaking/status"), ("get", "/leaderboard/global"), ("get", "/leaderboard/friends"),
        ("get", "/leaderboard/search"), ("get", "/leaderboard/stats/{userId}"), ("get", "/health"),
        ("get", "/openapi.yaml"),
    }
    documented = {(m, p) for p, ops in spec["paths"].items() for m in ops if m != "parameters"}
    assert contract <= documented, contract - documented
