"""Issue 6: leaderboards and player stats against the real server over TLS.

Ratings are seeded straight into the SQLite file while the server is stopped (the server caches
boards in memory and only notices its own writes), then the server is started again on the same
data dir. The cache-invalidation test plays a real game over REST instead.
"""

import sqlite3
import uuid

import pytest

T0 = "2026-01-01T00:00:00.000Z"


def ts(minute):
    return f"2026-01-01T00:{minute:02d}:00.000Z"


def db_path(server):
    return f"{server.data_dir}/arena.sqlite"


def seed(server, players=(), profiles=(), results=()):
    """Stops the server, writes rows, starts it again.

    players: dicts inserted as new accounts (no login possible);
    profiles: (user_id, elo, won, lost, drawn, rating_updated_at) updates of existing users;
    results: dicts of game_results rows (a games row is made for each)."""
    server.stop()
    db = sqlite3.connect(db_path(server))
    try:
        for p in players:
            played = p.get("won", 0) + p.get("lost", 0) + p.get("drawn", 0)
            db.execute(
                """INSERT INTO user_profiles (id, username, email, password_hash, elo_rating, games_played,
                   games_won, games_lost, games_drawn, rating_updated_at, created_at, updated_at)
                   VALUES (?, ?, ?, '!', ?, ?, ?, ?, ?, ?, ?, ?)""",
                (p["id"], p["username"], p["username"] + "@example.com", p.get("elo", 1200), played,
                 p.get("won", 0), p.get("lost", 0), p.get("drawn", 0), p.get("at"), T0, T0),
            )
        for user_id, elo, won, lost, drawn, at in profiles:
            db.execute(
                """UPDATE user_profiles SET elo_rating = ?, games_played = ?, games_won = ?, games_lost = ?,
                   games_drawn = ?, rating_updated_at = ? WHERE id = ?""",
                (elo, won + lost + drawn, won, lost, drawn, at, user_id),
            )
        for r in results:
            db.execute(
                """INSERT INTO games (id, player1_id, player2_id, winner_id, status, moves_count, ended_at,
                   created_at, updated_at) VALUES (?, ?, ?, ?, 'completed', 5, ?, ?, ?)""",
                (r["game_id"], r["p1"], r["p2"], r["winner"], r["at"], r["at"], r["at"]),
            )
            db.execute(
                """INSERT INTO game_results (game_id, player1_id, player2_id, winner_id, end_reason,
                   player1_elo_before, player1_elo_after, player1_elo_change,
                   player2_elo_before, player2_elo_after, player2_elo_change, created_at)
                   VALUES (?, ?, ?, ?, 'win', ?, ?, ?, ?, ?, ?, ?)""",
                (r["game_id"], r["p1"], r["p2"], r["winner"], r["p1_before"], r["p1_before"] + r["p1_change"],
                 r["p1_change"], r["p2_before"], r["p2_before"] + r["p2_change"], r["p2_change"], r["at"]),
            )
        db.commit()
    finally:
        db.close()
    server.start()


def player(username, elo=1200, won=0, lost=0, drawn=0, at=None, id=None):
    return {"id": id or str(uuid.uuid4()), "username": username, "elo": elo, "won": won, "lost": lost,
            "drawn": drawn, "at": at}


def names(page):
    return [e["username"] for e in page["entries"]]


def assert_error(r, status, code):
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"}, body
    assert body["error"]["code"] == code, body
    assert body["error"]["message"]


def test_global_order_breaks_ties_by_wins_then_earlier_rating_then_id(server):
    same = sorted([str(uuid.uuid4()), str(uuid.uuid4())])
    seed(server, players=[
        player("late_1500", 1500, won=10, lost=2, at=ts(30)),
        player("early_1500", 1500, won=10, lost=5, at=ts(10)),
        player("wins_1500", 1500, won=12, lost=1, at=ts(50)),
        player("top_1600", 1600, won=1, at=ts(5)),
        player("low_1400", 1400, won=3, lost=1, at=ts(1)),
        player("twin_b", 1300, won=2, at=ts(7), id=same[1]),
        player("twin_a", 1300, won=2, at=ts(7), id=same[0]),
        player("no_games", 2000),
    ])
    r = server.get("/leaderboard/global")
    assert r.status_code == 200, r.text
    page = r.json()
    assert names(page) == ["top_1600", "wins_1500", "early_1500", "late_1500", "low_1400", "twin_a", "twin_b"]
    assert [e["rank"] for e in page["entries"]] == list(range(1, 8))
    assert page["total"] == 7
    top = page["entries"][0]
    assert set(top) >= {"rank", "user_id", "username", "elo_rating", "games_played", "games_won", "games_lost",
                        "games_drawn"}
    assert (top["elo_rating"], top["games_played"], top["games_won"]) == (1600, 1, 1)
    # Repeated reads answer the same (from the cache).
    assert server.get("/leaderboard/global").json() == page


def test_paging_windows_and_bounds(server):
    seed(server, players=[player(f"pg{i:03d}", 1000 + i, won=1, at=T0) for i in range(130)])
    full = []
    for offset in range(0, 130, 50):
        r = server.get(f"/leaderboard/global?limit=50&offset={offset}")
        assert r.status_code == 200, r.text
        page = r.json()
        assert page["total"] == 130
        assert [e["rank"] for e in page["entries"]] == list(range(offset + 1, offset + 1 + len(page["entries"])))
        full += names(page)
    assert full == [f"pg{i:03d}" for i in range(129, -1, -1)]
    assert len(server.get("/leaderboard/global").json()["entries"]) == 20
    assert len(server.get("/leaderboard/global?limit=100").json()["entries"]) == 100
    assert len(server.get("/leaderboard/global?limit=1").json()["entries"]) == 1
    tail = server.get("/leaderboard/global?limit=100&offset=125").json()
    assert names(tail) == ["pg004", "pg003", "pg002", "pg001", "pg000"] and tail["entries"][0]["rank"] == 126
    past = server.get("/leaderboard/global?offset=130").json()
    assert past == {"entries": [], "total": 130}


BAD_PAGING = [
    "limit=0", "limit=101", "limit=-1", "limit=abc", "limit=1.5", "limit=", "limit=99999999999999999999",
    "offset=-1", "offset=x", "offset=", "offset=1e3", "limit=10&offset=-5", "limit=%00",
]


def test_bad_paging_is_400(server):
    token = server.register()["access_token"]
    for query in BAD_PAGING:
        assert_error(server.get(f"/leaderboard/global?{query}"), 400, "invalid_paging")
        assert_error(server.get(f"/leaderboard/search?q=a&{query}"), 400, "invalid_paging")
        assert_error(server.get(f"/leaderboard/friends?{query}", token), 400, "invalid_paging")


def test_search_is_a_case_insensitive_literal_prefix(server):
    seed(server, players=[
        player("ab_cd", 1300, won=1, at=T0),
        player("AB_zz", 1350, won=2, at=T0),
        player("abxcd", 1400, won=1, at=T0),
        player("abc", 1000),
        player("zab_q", 1500, won=1, at=T0),
    ])
    r = server.get("/leaderboard/search", params={"q": "ab_"})
    assert r.status_code == 200, r.text
    page = r.json()
    # "_" is a plain character, not "any one character"; case is ignored; rank is the position here.
    assert names(page) == ["AB_zz", "ab_cd"]
    assert [e["rank"] for e in page["entries"]] == [1, 2] and page["total"] == 2
    # Players without games are found too, after the rated ones.
    assert names(server.get("/leaderboard/search", params={"q": "AB"}).json()) == ["abxcd", "AB_zz", "ab_cd", "abc"]
    paged = server.get("/leaderboard/search", params={"q": "ab", "limit": 2, "offset": 1}).json()
    assert names(paged) == ["AB_zz", "ab_cd"] and [e["rank"] for e in paged["entries"]] == [2, 3]
    assert paged["total"] == 4
    for literal in ["%", "a%", "ab%", "_", "'", "ab'", "\"", "\\", "a\\", "' OR '1'='1", "%_%", "ab_%"]:
        r = server.get("/leaderboard/search", params={"q": literal})
        assert r.status_code == 200, (literal, r.text)
        assert r.json() == {"entries": [], "total": 0}, literal


def test_search_needs_a_query_of_1_to_20_characters(server):
    assert_error(server.get("/leaderboard/search"), 400, "invalid_query")
    assert_error(server.get("/leaderboard/search?q="), 400, "invalid_query")
    assert_error(server.get("/leaderboard/search", params={"q": "x" * 21}), 400, "invalid_query")
    assert server.get("/leaderboard/search", params={"q": "x" * 20}).status_code == 200


def test_friends_board_shows_only_you_and_your_friends(server):
    alice, bob, carol = server.register(), server.register(), server.register()
    ids = {u["user"]["username"]: u["user"]["id"] for u in (alice, bob, carol)}
    a, b, c = (u["user"]["username"] for u in (alice, bob, carol))
    assert server.post("/friends/requests", alice["access_token"], json={"username": b}).status_code == 201
    assert server.post(f"/friends/requests/{a}/accept", bob["access_token"]).status_code == 200
    # carol asked alice, still pending: not a friend yet.
    assert server.post("/friends/requests", carol["access_token"], json={"username": a}).status_code == 201
    stranger = player("stranger", 2500, won=9, at=T0)
    seed(server, players=[stranger], profiles=[(ids[b], 1300, 3, 1, 0, T0), (ids[c], 1900, 5, 0, 0, T0)])

    board = server.get("/leaderboard/friends", alice["access_token"]).json()
    # alice has no games yet and is still on her own board.
    assert names(board) == [b, a] and board["total"] == 2
    assert [e["rank"] for e in board["entries"]] == [1, 2]
    assert names(server.get("/leaderboard/friends", carol["access_token"]).json()) == [c]
    assert names(server.get("/leaderboard/global").json()) == ["stranger", c, b]
    assert_error(server.get("/leaderboard/friends"), 401, "unauthorized")
    assert_error(server.get("/leaderboard/friends?limit=0", alice["access_token"]), 400, "invalid_paging")


def test_friends_board_follows_friend_changes_at_once(server):
    alice, bob = server.register(), server.register()
    a, b = alice["user"]["username"], bob["user"]["username"]
    assert names(server.get("/leaderboard/friends", alice["access_token"]).json()) == [a]
    server.post("/friends/requests", alice["access_token"], json={"username": b})
    server.post(f"/friends/requests/{a}/accept", bob["access_token"])
    assert sorted(names(server.get("/leaderboard/friends", alice["access_token"]).json())) == sorted([a, b])
    assert server.delete(f"/friends/{b}", alice["access_token"]).status_code == 204
    assert names(server.get("/leaderboard/friends", bob["access_token"]).json()) == [b]


def test_stats_of_a_player(server):
    me, rival = server.register(), server.register()
    mid, rid = me["user"]["id"], rival["user"]["id"]
    games = []
    # Oldest first: win, win, loss, win, win, win, draw (as player2 in some).
    outcomes = ["win", "win", "loss", "win", "win", "win", "draw"]
    elo = 1200
    for i, outcome in enumerate(outcomes):
        change = {"win": 16, "loss": -16, "draw": 0}[outcome]
        winner = {"win": mid, "loss": rid, "draw": None}[outcome]
        as_p1 = i % 2 == 0
        games.append({
            "game_id": str(uuid.uuid4()), "p1": mid if as_p1 else rid, "p2": rid if as_p1 else mid,
            "winner": winner, "at": ts(i + 1),
            "p1_before": elo if as_p1 else 1200, "p1_change": change if as_p1 else -change,
            "p2_before": 1200 if as_p1 else elo, "p2_change": -change if as_p1 else change,
        })
        elo += change
    seed(server, profiles=[(mid, elo, 5, 1, 1, ts(7)), (rid, 1200 - (elo - 1200), 1, 5, 1, ts(7))], results=games)

    r = server.get(f"/leaderboard/stats/{mid}")
    assert r.status_code == 200, r.text
    stats = r.json()
    assert stats["id"] == mid and stats["username"] == me["user"]["username"]
    assert "email" not in stats and "password_hash" not in stats
    assert (stats["elo_rating"], stats["games_played"], stats["games_won"]) == (elo, 7, 5)
    assert stats["rank"] == 1 and stats["best_streak"] == 3
    assert stats["win_rate"] == pytest.approx(5 / 7, abs=1e-3)
    recent = stats["recent_results"]
    assert [x["result"] for x in recent] == list(reversed(outcomes))
    newest = recent[0]
    assert newest["game_id"] == games[-1]["game_id"] and newest["opponent_id"] == rid
    assert newest["opponent_username"] == rival["user"]["username"]
    assert newest["ended_at"] == ts(7)
    oldest = recent[-1]
    assert (oldest["elo_before"], oldest["elo_after"], oldest["elo_change"]) == (1200, 1216, 16)
    assert server.get(f"/leaderboard/stats/{rid}").json()["rank"] == 2

    fresh = server.register()
    stats = server.get(f"/leaderboard/stats/{fresh['user']['id']}").json()
    assert stats["rank"] is None and stats["recent_results"] == [] and stats["win_rate"] == 0

    assert_error(server.get(f"/leaderboard/stats/{uuid.uuid4()}"), 404, "not_found")
    assert_error(server.get("/leaderboard/stats/not-a-uuid'%20OR%201=1"), 404, "not_found")
    assert_error(server.get("/leaderboard/stats/" + "a" * 300), 404, "not_found")


def test_stats_lists_at_most_20_recent_results(server):
    me, rival = server.register(), server.register()
    mid, rid = me["user"]["id"], rival["user"]["id"]
    games = [{
        "game_id": str(uuid.uuid4()), "p1": mid, "p2": rid, "winner": mid, "at": ts(i),
        "p1_before": 1200 + i, "p1_change": 1, "p2_before": 1200 - i, "p2_change": -1,
    } for i in range(25)]
    seed(server, profiles=[(mid, 1225, 25, 0, 0, ts(24))], results=games)
    stats = server.get(f"/leaderboard/stats/{mid}").json()
    assert len(stats["recent_results"]) == 20
    assert stats["recent_results"][0]["ended_at"] == ts(24)
    assert stats["best_streak"] == 25 and stats["win_rate"] == 1


def test_around_a_player(server):
    ps = [player(f"ar{i:02d}", 2000 - 10 * i, won=1, at=T0) for i in range(15)]
    unranked = player("ar_new")
    seed(server, players=ps + [unranked])
    r = server.get(f"/leaderboard/around/{ps[7]['id']}?radius=2")
    assert r.status_code == 200, r.text
    page = r.json()
    assert names(page) == ["ar05", "ar06", "ar07", "ar08", "ar09"]
    assert [e["rank"] for e in page["entries"]] == [6, 7, 8, 9, 10] and page["total"] == 15
    default = server.get(f"/leaderboard/around/{ps[7]['id']}").json()
    assert [e["rank"] for e in default["entries"]] == list(range(3, 14))
    top = server.get(f"/leaderboard/around/{ps[0]['id']}").json()
    assert [e["rank"] for e in top["entries"]] == list(range(1, 7))
    bottom = server.get(f"/leaderboard/around/{ps[14]['id']}?radius=3").json()
    assert [e["rank"] for e in bottom["entries"]] == [12, 13, 14, 15]
    alone = server.get(f"/leaderboard/around/{ps[3]['id']}?radius=0").json()
    assert names(alone) == ["ar03"] and alone["entries"][0]["rank"] == 4

    assert_error(server.get(f"/leaderboard/around/{unranked['id']}"), 404, "not_ranked")
    assert_error(server.get(f"/leaderboard/around/{uuid.uuid4()}"), 404, "not_found")
    for bad in ["-1", "x", "", "51"]:
        assert_error(server.get(f"/leaderboard/around/{ps[0]['id']}?radius={bad}"), 400, "invalid_paging")


def play_game(server, x, o, moves=(0, 3, 1, 4, 2)):
    """x creates, o joins, they alternate moves over REST; default moves win the top row for x."""
    r = server.post("/games", x["access_token"], json={})
    assert r.status_code == 201, r.text
    game_id = r.json()["id"]
    r = server.post(f"/games/{game_id}/join", o["access_token"])
    assert r.status_code == 200, r.text
    players = [x, o]
    for i, position in enumerate(moves):
        r = server.post(f"/games/{game_id}/move", players[i % 2]["access_token"], json={"position": position})
        assert r.status_code == 200, r.text
    assert r.json()["status"] == "completed"
    return r.json()


def test_a_finished_game_shows_on_the_boards_at_once(server):
    x, o = server.register(), server.register()
    xid, oid = x["user"]["id"], o["user"]["id"]
    # Prime every cache that the game will change.
    assert server.get("/leaderboard/global").json() == {"entries": [], "total": 0}
    assert server.get(f"/leaderboard/stats/{xid}").json()["games_played"] == 0
    assert_error(server.get(f"/leaderboard/around/{xid}"), 404, "not_ranked")
    before_friends = server.get("/leaderboard/friends", x["access_token"]).json()
    assert before_friends["entries"][0]["games_played"] == 0

    game = play_game(server, x, o)
    assert game["winner_id"] == xid

    board = server.get("/leaderboard/global").json()
    assert [e["user_id"] for e in board["entries"]] == [xid, oid] and board["total"] == 2
    winner = board["entries"][0]
    assert winner["games_played"] == 1 and winner["games_won"] == 1 and winner["elo_rating"] > 1200
    stats = server.get(f"/leaderboard/stats/{xid}").json()
    assert stats["rank"] == 1 and stats["best_streak"] == 1
    assert [(r["game_id"], r["result"]) for r in stats["recent_results"]] == [(game["id"], "win")]
    assert stats["recent_results"][0]["opponent_id"] == oid
    assert [e["rank"] for e in server.get(f"/leaderboard/around/{oid}").json()["entries"]] == [1, 2]
    assert server.get("/leaderboard/friends", x["access_token"]).json()["entries"][0]["games_won"] == 1


def test_bot_games_do_not_rank(server):
    me = server.register()
    r = server.post("/games", me["access_token"], json={"bot": "easy"})
    assert r.status_code == 201, r.text
    assert server.get("/leaderboard/global").json()["total"] == 0
    assert server.get("/leaderboard/search?q=bot").json() == {"entries": [], "total": 0}
