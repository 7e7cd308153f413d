"""Gateway fuzz: thousands of random and malformed frames from several connections at once.

While the fuzzers run, two other players play real games over the gateway and every move must be
acknowledged; afterwards the server still answers /health and its resident memory has grown only
within a generous bound. Frames that end a connection by design (invalid UTF-8, oversize, flood)
get their own connections, and upgrades without a valid token are refused throughout.

Seed: ARENA_FUZZ_SEED (default fixed, "random" for a fresh one; the seed is in the failure message).
"""

import json
import os
import random
import string
import threading
import time

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect

from conftest import insecure_ssl_context, ws_connect, ws_recv_until, ws_send

SEED = os.environ.get("ARENA_FUZZ_SEED", "9")
SEED = random.randrange(1 << 30) if SEED == "random" else int(SEED)
FRAME_LIMIT = 64 * 1024  # ws_max_frame_bytes, set below
FUZZERS = 6
FRAMES_PER_FUZZER = 1000
FLOOD_LIMIT = 3000  # ws_flood_frames: above what a fuzzer sends, so only the flooder trips it
SETTINGS = {
    "ws_max_frame_bytes": str(FRAME_LIMIT),
    "ws_flood_frames": str(FLOOD_LIMIT),
    "ws_flood_window_seconds": "60",
}
KNOWN = ["join_game", "leave_game", "make_move", "chat_message", "offer_rematch", "answer_rematch", "ping", "authenticate"]
# Generous: the server holds no per-frame state, so growth beyond this means something accumulates.
RSS_GROWTH_LIMIT_KB = 150 * 1024


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS")


def random_text(rng, n):
    alphabet = string.printable + "éü漢字🙂\u200b\u0000\u202e"
    return "".join(rng.choice(alphabet) for _ in range(n))


def random_json_value(rng, depth=0):
    kinds = ["null", "bool", "int", "float", "str", "list", "dict"] if depth < 3 else ["null", "int", "str"]
    kind = rng.choice(kinds)
    if kind == "null":
        return None
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "int":
        return rng.choice([0, -1, 8, 9, 2**31, -(2**63), 2**64, rng.randint(-1000, 1000)])
    if kind == "float":
        return rng.choice([0.5, -1e308, 1e308, 3.0, rng.random()])
    if kind == "str":
        return random_text(rng, rng.randint(0, 40))
    if kind == "list":
        return [random_json_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {random_text(rng, rng.randint(0, 8)): random_json_value(rng, depth + 1) for _ in range(rng.randint(0, 4))}


def fuzz_frame(rng, n):
    """One text frame, and the request id the answer must carry (None when it has none)."""
    rid = f"f{n}"
    kind = rng.randrange(12)
    if kind == 0:  # not JSON at all
        return random_text(rng, rng.randint(0, 200)), None
    if kind == 1:  # JSON, but not an object
        return json.dumps(rng.choice([[1, 2], 3, "x", None, True, []])), None
    if kind == 2:  # object without a usable type
        obj = {"id": rid, "data": {}}
        if rng.random() < 0.5:
            obj["type"] = random_json_value(rng)
            if isinstance(obj["type"], str):
                obj["type"] = 12345
        return json.dumps(obj), rid
    if kind == 3:  # unknown event
        return json.dumps({"type": "x_" + random_text(rng, rng.randint(0, 60)), "id": rid, "data": {}}), rid
    if kind == 4:  # known event, data of the wrong types
        return json.dumps({"type": rng.choice(KNOWN[:-2] + ["authenticate"]), "id": rid, "data": random_json_value(rng)}), rid
    if kind == 5:  # known event, fields of the wrong types
        data = {"game_id": random_json_value(rng), "position": random_json_value(rng), "text": random_json_value(rng), "accept": random_json_value(rng)}
        return json.dumps({"type": rng.choice(KNOWN), "id": rid, "data": data}), rid
    if kind == 6:  # plausible requests about games that do not exist
        gid = rng.choice(["00000000-0000-4000-8000-000000000000", "not-a-uuid", "", "../../etc/passwd", "x" * 500])
        t = rng.choice(["join_game", "make_move", "chat_message", "offer_rematch", "answer_rematch"])
        return json.dumps({"type": t, "id": rid, "data": {"game_id": gid, "position": rng.randint(-5, 15), "text": "hi", "accept": True}}), rid
    if kind == 7:  # a huge string, just under the frame limit
        overhead = len(json.dumps({"type": "chat_message", "id": rid, "data": {"game_id": "g", "text": ""}}))
        text = rng.choice(["a", "é", "漢"]) * 1
        unit = len(text.encode())
        text = text * ((FRAME_LIMIT - overhead - 16) // unit)
        return json.dumps({"type": "chat_message", "id": rid, "data": {"game_id": "g", "text": text}}, ensure_ascii=False), rid
    if kind == 8:  # deep nesting
        depth = rng.choice([100, 1000, 20000])
        return '{"type":"ping","id":"' + rid + '","data":' + "[" * depth + "]" * depth + "}", None
    if kind == 9:  # an id of the wrong type (read as no id) or an extra-large one; data missing
        return json.dumps({"type": "join_game", "id": rng.choice([{"a": 1}, [1], None, 1.5, "i" * 5000]), "data": {}}), "any"
    if kind == 10:  # truncated JSON
        full = json.dumps({"type": rng.choice(KNOWN), "id": rid, "data": {"game_id": "x"}})
        return full[: rng.randint(1, len(full) - 1)], None
    return json.dumps({"type": "authenticate", "id": rid, "data": {"access_token": random_text(rng, rng.randint(1, 300))}}), rid


def fuzzer(server, token, seed, results, errors):
    rng = random.Random(seed)
    answered = 0
    try:
        with ws_connect(server, token, max_size=None) as ws:
            for n in range(FRAMES_PER_FUZZER):
                if rng.random() < 0.05:  # binary frames are refused, not fatal
                    ws.send(bytes(rng.randrange(256) for _ in range(rng.randint(0, 64))))
                    reply = json.loads(ws.recv(timeout=15))
                    assert (reply["type"], reply["data"]["code"]) == ("error", "binary_not_supported"), reply
                    answered += 1
                    continue
                text, rid = fuzz_frame(rng, n)
                ws.send(text)
                reply = json.loads(ws.recv(timeout=15))
                assert reply["type"] in ("error", "ack"), reply
                if reply["type"] == "error":
                    assert set(reply["data"]) == {"code", "message"} and reply["data"]["code"], reply
                if rid not in (None, "any"):
                    assert reply.get("id") == rid, (text[:200], reply)
                answered += 1
    except Exception as e:  # reported by the main thread with the seed
        errors.append(f"fuzzer seed {seed}: {type(e).__name__}: {e}")
    results.append(answered)


def player_pair(server, a, b, stop, stats, errors):
    """a and b play whole games over the gateway until told to stop; every move must be acked."""
    try:
        with ws_connect(server, a["access_token"]) as wa, ws_connect(server, b["access_token"]) as wb:
            n = 0
            while not stop.is_set() or stats["games"] == 0:
                g = server.post("/games", a["access_token"]).json()
                assert server.post(f"/games/{g['id']}/join", b["access_token"]).status_code == 200
                for ws, who in ((wa, "a"), (wb, "b")):
                    n += 1
                    ws_send(ws, "join_game", {"game_id": g["id"]}, f"j{n}")
                    assert ws_recv_until(ws, lambda f, i=f"j{n}": f.get("id") == i)["type"] == "ack"
                # X plays 0, 1, 2 (a win in the top row); O plays 3, 4.
                for pos, ws in ((0, wa), (3, wb), (1, wa), (4, wb), (2, wa)):
                    n += 1
                    start = time.monotonic()
                    ws_send(ws, "make_move", {"game_id": g["id"], "position": pos}, f"m{n}")
                    reply = ws_recv_until(ws, lambda f, i=f"m{n}": f.get("id") == i, timeout=10)
                    assert reply["type"] == "ack", reply
                    stats["moves"] += 1
                    stats["max_ack_s"] = max(stats["max_ack_s"], time.monotonic() - start)
                    other = wb if ws is wa else wa
                    ws_recv_until(other, lambda f, gid=g["id"], m=reply["data"]["game"]["moves_count"]: f["type"] == "game_update" and f["data"]["game"]["id"] == gid and f["data"]["game"]["moves_count"] >= m)
                assert reply["data"]["game"]["status"] == "completed" and reply["data"]["game"]["winner_id"] == a["user"]["id"]
                stats["games"] += 1
    except Exception as e:
        errors.append(f"players: {type(e).__name__}: {e}")


def unauthenticated(server, stop, stats, errors):
    """Upgrades before auth keep being refused with 401 while the fuzz runs."""
    try:
        while not stop.is_set():
            for token in (None, "garbage.token.here"):
                with pytest.raises(InvalidStatus) as e:
                    ws_connect(server, token)
                assert e.value.response.status_code == 401
                stats["refused"] += 1
    except BaseException as e:  # pytest.raises failing raises outside Exception
        errors.append(f"unauthenticated: {type(e).__name__}: {e}")


def test_gateway_survives_fuzz_and_keeps_games_going(server_factory):
    server = server_factory(SETTINGS)
    pid = server.proc.pid
    fuzz_users = [server.register() for _ in range(FUZZERS)]
    a, b = server.register(), server.register()

    # Warm up (allocator arenas, caches, TLS) before taking the memory baseline.
    warm_errors = []
    fuzzer(server, fuzz_users[0]["access_token"], SEED ^ 0xABC, [], warm_errors)
    assert not warm_errors, warm_errors
    before = rss_kb(pid)

    stop = threading.Event()
    errors, results = [], []
    stats = {"moves": 0, "games": 0, "max_ack_s": 0.0, "refused": 0}
    side = [
        threading.Thread(target=player_pair, args=(server, a, b, stop, stats, errors)),
        threading.Thread(target=unauthenticated, args=(server, stop, stats, errors)),
    ]
    fuzzers = [
        threading.Thread(target=fuzzer, args=(server, u["access_token"], SEED + i, results, errors))
        for i, u in enumerate(fuzz_users)
    ]
    for t in side + fuzzers:
        t.start()
    for t in fuzzers:
        t.join(timeout=240)
    stop.set()
    for t in side:
        t.join(timeout=60)

    assert not errors, f"seed {SEED}:\n" + "\n".join(errors)
    assert sum(results) == FUZZERS * FRAMES_PER_FUZZER, results
    assert stats["games"] >= 1 and stats["moves"] >= 5, stats
    assert stats["max_ack_s"] < 5, stats
    assert stats["refused"] >= 2, stats
    assert server.get("/health").status_code == 200
    growth = rss_kb(pid) - before
    assert growth < RSS_GROWTH_LIMIT_KB, f"server RSS grew by {growth} KiB during the fuzz"
    assert server.proc.poll() is None


def close_code_after(ws, send):
    """Runs `send`, then reads until the server closes; returns the close code it sent."""
    with pytest.raises(ConnectionClosed) as e:
        send()
        while True:
            ws.recv(timeout=10)
    assert e.value.rcvd is not None, "the connection ended without a close frame"
    return e.value.rcvd.code


def invalid_utf8(ws):
    ws.send(b'{"type":"ping","id":"\xff\xfe"}', text=True)


def oversize(ws):
    ws.send(json.dumps({"type": "chat_message", "id": "big", "data": {"game_id": "g", "text": "a" * FRAME_LIMIT}}))


def test_frames_that_end_a_connection_end_only_that_one(server_factory):
    """Invalid UTF-8, an oversize frame (1009) and a flood (1008) each close their own connection;
    a bystander's connection keeps working and the server stays up."""
    server = server_factory(SETTINGS)
    bystander = server.register()
    user = server.register()
    with ws_connect(server, bystander["access_token"]) as calm:
        with ws_connect(server, user["access_token"]) as ws:
            assert close_code_after(ws, lambda: invalid_utf8(ws)) == 1007
        with ws_connect(server, user["access_token"]) as ws:
            assert close_code_after(ws, lambda: oversize(ws)) == 1009  # frames > ws_max_frame_bytes

        with ws_connect(server, user["access_token"]) as ws:
            # Pings without an id get no answer, so only the flood guard can react.
            frame = json.dumps({"type": "ping", "data": {}})

            def flood():
                for _ in range(FLOOD_LIMIT * 2):
                    ws.send(frame)

            assert close_code_after(ws, flood) == 1008

        ws_send(calm, "ping", id_="still-here")
        assert ws_recv_until(calm, lambda f: f.get("id") == "still-here")["type"] == "ack"
    assert server.get("/health").status_code == 200


def test_invalid_utf8_closes_with_1007(server_factory):
    server = server_factory(SETTINGS)
    user = server.register()
    with ws_connect(server, user["access_token"]) as ws:
        assert close_code_after(ws, lambda: invalid_utf8(ws)) == 1007
