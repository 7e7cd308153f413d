"""Issue 5: matchmaking by rating over the real server: queue, status, pairing, races, restart."""

import concurrent.futures
import sqlite3

from conftest import ws_connect, ws_recv_until


def queue(server, user, **kw):
    return server.post("/matchmaking/queue", user["access_token"], **kw)


def test_two_players_are_matched_and_told_over_the_gateway(server):
    a, b = server.register(), server.register()
    with ws_connect(server, a["access_token"]) as wa, ws_connect(server, b["access_token"]) as wb:
        r = queue(server, a)
        assert r.status_code == 202
        st = r.json()
        assert st["status"] == "queued" and st["elo_range"] == {"min": 1100, "max": 1300}
        assert st["wait_seconds"] == 0 and st["queued_at"] and st["game_id"] is None
        st = queue(server, b, json={"preferences": {}}).json()
        fa = ws_recv_until(wa, lambda f: f["type"] == "match_found")["data"]
        fb = ws_recv_until(wb, lambda f: f["type"] == "match_found")["data"]
    assert fa["game_id"] == fb["game_id"]
    assert {fa["mark"], fb["mark"]} == {"X", "O"}
    assert fa["opponent"]["id"] == b["user"]["id"] and fb["opponent"]["id"] == a["user"]["id"]
    assert "email" not in fa["opponent"]
    for u in (a, b):
        s = server.get("/matchmaking/status", u["access_token"]).json()
        assert s["status"] == "matched" and s["game_id"] == fa["game_id"]
    g = server.get(f"/games/{fa['game_id']}", a["access_token"]).json()
    assert g["status"] == "active" and g["rated"] is True


def test_status_idle_leave_and_auth(server):
    a = server.register()
    assert server.get("/matchmaking/status").status_code == 401
    assert server.get("/matchmaking/status", a["access_token"]).json()["status"] == "idle"
    assert queue(server, a).json()["status"] == "queued"
    assert queue(server, a).json()["status"] == "queued", "queueing twice is harmless"
    assert server.delete("/matchmaking/queue", a["access_token"]).status_code == 204
    assert server.get("/matchmaking/status", a["access_token"]).json()["status"] == "idle"
    r = queue(server, a, data="[1", headers={"Content-Type": "application/json"})
    assert r.status_code == 400


def test_far_ratings_wait(server):
    a, b = server.register(), server.register()
    db = sqlite3.connect(server.data_dir + "/arena.sqlite")
    db.execute("UPDATE user_profiles SET elo_rating = 1700 WHERE id = ?", (b["user"]["id"],))
    db.commit()
    db.close()
    queue(server, a)
    st = queue(server, b).json()
    assert st["status"] == "queued" and st["elo_range"] == {"min": 1600, "max": 1800}
    assert server.get("/matchmaking/status", a["access_token"]).json()["status"] == "queued"


def test_player_in_active_game_cannot_queue(server):
    a, b = server.register(), server.register()
    g = server.post("/games", a["access_token"]).json()
    server.post(f"/games/{g['id']}/join", b["access_token"])
    r = queue(server, a)
    assert (r.status_code, r.json()["error"]["code"]) == (409, "already_playing")


def test_many_concurrent_joins_match_everyone_exactly_once(server):
    with concurrent.futures.ThreadPoolExecutor(32) as pool:
        users = list(pool.map(lambda _: server.register(), range(200)))
        codes = list(pool.map(lambda u: queue(server, u).status_code, users))
    assert codes == [202] * 200
    games = {}
    for u in users:
        s = server.get("/matchmaking/status", u["access_token"]).json()
        assert s["status"] == "matched", s
        games.setdefault(s["game_id"], []).append(u["user"]["id"])
    assert len(games) == 100
    for gid, players in games.items():
        g = server.get(f"/games/{gid}", users[0]["access_token"]).json()
        assert sorted(players) == sorted([g["player1_id"], g["player2_id"]])
        assert g["player1_id"] != g["player2_id"]


def test_queue_survives_restart(server_factory):
    s = server_factory()
    a, b = s.register(), s.register()
    db = sqlite3.connect(s.data_dir + "/arena.sqlite")
    db.execute("UPDATE user_profiles SET elo_rating = 1500 WHERE id = ?", (b["user"]["id"],))
    db.commit()
    db.close()
    queue(s, a)
    s.restart()
    st = s.get("/matchmaking/status", a["access_token"]).json()
    assert st["status"] == "queued" and st["elo_range"]["min"] == 1100
    c = s.register()
    queue(s, c)
    assert s.get("/matchmaking/status", a["access_token"]).json()["status"] == "matched"


def test_dropped_player_leaves_queue_after_grace(server_factory):
    s = server_factory({"match_queue_grace_seconds": "1"})
    a = s.register()
    ws = ws_connect(s, a["access_token"])
    queue(s, a)
    ws.close()
    import time

    deadline = time.monotonic() + 10
    while s.get("/matchmaking/status", a["access_token"]).json()["status"] == "queued":
        assert time.monotonic() < deadline, "still queued long after the grace period"
        time.sleep(0.2)
    assert s.get("/matchmaking/status", a["access_token"]).json()["status"] == "idle"
