"""Issue 22, operators: online backups, housekeeping of waiting games, SIGHUP reloads, draining
restarts that lose nothing, and rematch offers that lapse and wait for a returning player. The real
server over TLS, real SQLite files, real gateway clients."""

import json
import os
import signal
import socket
import sqlite3
import ssl
import subprocess
import threading
import time

import pytest
from websockets.exceptions import ConnectionClosed

from conftest import BIN_DIR, Server, insecure_ssl_context, ws_connect, ws_recv_until, ws_send
from test_games import both_in_room, is_update, new_game, ws_request
from test_slow_consumer import send_text, stalled_gateway_client

# X takes the top row: a (X) wins with its third move.
WINNING_LINE = [0, 3, 1, 4, 2]


def play_rest(server, a, b, game, positions):
    """Plays `positions` in turn over REST (X first); returns the game after the last move."""
    for n, position in enumerate(positions):
        mover = a if n % 2 == 0 else b
        r = server.post(f"/games/{game['id']}/move", mover["access_token"], json={"position": position})
        assert r.status_code == 200, r.text
        game = r.json()
    return game


def admin(server, *args, cwd):
    return subprocess.run(
        [str(BIN_DIR / "arena-server"), "admin", *args, "--data-dir", server.data_dir],
        capture_output=True, text=True, timeout=120, cwd=cwd,
    )


def wait_for_log(server, predicate, timeout=10):
    """The first JSON log line (parsed) after which `predicate` holds; fails after `timeout`."""
    deadline = time.monotonic() + timeout
    seen = 0
    while time.monotonic() < deadline:
        lines = server.lines[seen:]
        seen += len(lines)
        for line in lines:
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if predicate(entry):
                return entry
        time.sleep(0.05)
    raise AssertionError("no such log line:\n" + server.log_text()[-3000:])


# --- backup ------------------------------------------------------------------------------------


def test_backup_while_games_are_played_holds_a_game_finished_a_moment_before(server, tmp_path):
    stop = threading.Event()
    churned = []

    def churn():
        # Other games keep writing while the backup runs.
        c, d = server.register(), server.register()
        while not stop.is_set():
            game = new_game(server, c, d)
            play_rest(server, c, d, game, WINNING_LINE)
            churned.append(game["id"])

    worker = threading.Thread(target=churn, daemon=True)
    worker.start()
    a, b = server.register(), server.register()
    finished = play_rest(server, a, b, new_game(server, a, b), WINNING_LINE)
    assert finished["status"] == "completed"

    deadline = time.monotonic() + 30
    while not churned and time.monotonic() < deadline:
        time.sleep(0.05)
    assert churned, "the other games never got going"

    backup = tmp_path / "arena-backup.sqlite"
    result = admin(server, "backup", str(backup), cwd=tmp_path)
    stop.set()
    worker.join(timeout=60)
    assert result.returncode == 0, result.stderr
    assert "backed up" in result.stdout

    assert os.stat(backup).st_mode & 0o777 == 0o600
    with sqlite3.connect(backup) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        row = copy.execute("SELECT status, winner_id FROM games WHERE id = ?", (finished["id"],)).fetchone()
        assert row == ("completed", a["user"]["id"])
        assert copy.execute("SELECT COUNT(*) FROM moves WHERE game_id = ?", (finished["id"],)).fetchone()[0] == 5
        assert copy.execute("SELECT COUNT(*) FROM game_results WHERE game_id = ?", (finished["id"],)).fetchone()[0] == 1
        # A standalone file: not in WAL mode, so it needs no -wal or -shm beside it.
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert not (tmp_path / "arena-backup.sqlite-wal").exists()


def test_a_backup_that_cannot_be_written_says_why_and_leaves_nothing(server, tmp_path):
    result = admin(server, "backup", str(tmp_path / "missing" / "x.sqlite"), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().startswith("arena-server: backup failed:")
    assert "does not exist" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "missing").exists()


def test_a_restored_backup_serves_the_games_it_holds(server_factory, tmp_path):
    server = server_factory()
    a, b = server.register(), server.register()
    finished = play_rest(server, a, b, new_game(server, a, b), WINNING_LINE)
    backup = tmp_path / "b.sqlite"
    assert admin(server, "backup", str(backup), cwd=tmp_path).returncode == 0
    restored_dir = tmp_path / "restored"
    restored_dir.mkdir()
    # The README's restore: the backup becomes arena.sqlite of a data folder (here a new one).
    (restored_dir / "arena.sqlite").write_bytes(backup.read_bytes())
    restored = server_factory(data_dir=restored_dir)
    token = restored.post("/auth/login", json={"username": a["user"]["username"], "password": a["password"]}).json()
    game = restored.get(f"/games/{finished['id']}", token["access_token"]).json()
    assert game["status"] == "completed" and game["winner_id"] == a["user"]["id"]


# --- housekeeping --------------------------------------------------------------------------------


def test_waiting_games_nobody_joins_expire_and_the_creator_hears_it(server_factory):
    server = server_factory({"waiting_game_expiry_seconds": "2"})
    a, b = server.register(), server.register()
    lonely = server.post("/games", a["access_token"]).json()
    with ws_connect(server, a["access_token"]) as ws:
        ws_request(ws, "join_game", {"game_id": lonely["id"]}, "j")
        joined = new_game(server, a, b)
        update = ws_recv_until(ws, lambda f: is_update(lonely["id"])(f) and f["data"]["game"]["status"] != "waiting", timeout=15)
    game = update["data"]["game"]
    assert (game["status"], game["end_reason"], game["winner_id"]) == ("abandoned", "expired", None)
    assert server.get(f"/games/{lonely['id']}", a["access_token"]).json()["end_reason"] == "expired"
    # A game someone joined in time is not touched.
    assert server.get(f"/games/{joined['id']}", a["access_token"]).json()["status"] == "active"
    waiting = server.get("/games?status=waiting", b["access_token"]).json()["games"]
    assert lonely["id"] not in [g["id"] for g in waiting]


# --- SIGHUP ---------------------------------------------------------------------------------------


def test_sighup_reloads_safe_settings_without_dropping_a_connection(tmp_data_dir):
    config = tmp_data_dir / "server.conf"
    config.write_text("rate_limit_per_minute = 100000\nlogin_rate_limit_per_minute = 100000\nlog_level = info\n")
    server = Server(tmp_data_dir, config=config)
    server.settings = {}  # only the file: its rate limits are what the reload changes
    server.start()
    try:
        user = server.register()
        with ws_connect(server, user["access_token"]) as ws:
            ws_request(ws, "ping", {}, "before")
            config.write_text(
                "rate_limit_per_minute = 3\nlogin_rate_limit_per_minute = 100000\nlog_level = info\naccess_token_seconds = 600\n"
            )
            server.proc.send_signal(signal.SIGHUP)
            entry = wait_for_log(server, lambda e: e.get("message") == "configuration reloaded")
            assert "rate_limit_per_minute" in entry["applied"]
            assert "access_token_seconds" in entry["needs_restart"]
            wait_for_log(server, lambda e: e.get("setting") == "access_token_seconds" and "restart" in e.get("message", ""))
            statuses = [server.get("/leaderboard/global").status_code for _ in range(6)]
            assert 429 in statuses, statuses
            # Still the same connection, still answered.
            assert ws_request(ws, "ping", {}, "after")["type"] == "ack"

            # A file that no longer parses changes nothing and stops nothing.
            config.write_text("rate_limit_per_minute = zero\n")
            server.proc.send_signal(signal.SIGHUP)
            refused = wait_for_log(server, lambda e: e.get("message", "").startswith("configuration reload refused"))
            assert "rate_limit_per_minute" in refused["reason"]
            assert ws_request(ws, "ping", {}, "still")["type"] == "ack"
        assert server.proc.poll() is None
    finally:
        assert server.stop() == 0


# --- draining restarts -----------------------------------------------------------------------------


def recv_until_closed(ws, timeout=20):
    """Every frame until the server closes the connection; returns (frames, close code)."""
    frames = []
    with pytest.raises(ConnectionClosed) as closed:
        while True:
            frames.append(json.loads(ws.recv(timeout=timeout)))
    return frames, closed.value.rcvd.code if closed.value.rcvd else None


def test_a_game_goes_on_across_a_restart_and_loses_nothing(server_factory):
    server = server_factory()
    a, b = server.register(), server.register()
    game = new_game(server, a, b)
    gid = game["id"]
    wa, wb = both_in_room(server, a, b, gid)
    assert ws_request(wa, "make_move", {"game_id": gid, "position": 0}, "m1")["type"] == "ack"
    assert ws_request(wb, "make_move", {"game_id": gid, "position": 3}, "m2")["type"] == "ack"
    # A move sent as the server begins to stop: if it was acknowledged, it must survive.
    ws_send(wa, "make_move", {"game_id": gid, "position": 1}, "m3")
    server.proc.send_signal(signal.SIGTERM)
    frames_a, code_a = recv_until_closed(wa)
    frames_b, code_b = recv_until_closed(wb)
    for frames, code in ((frames_a, code_a), (frames_b, code_b)):
        notices = [f for f in frames if f["type"] == "server_shutdown"]
        assert len(notices) == 1 and notices[0]["data"]["retry_after_ms"] > 0, frames
        assert frames[-1]["type"] == "server_shutdown"  # nothing after it
        assert code == 1001
    assert server.proc.wait(timeout=30) == 0
    assert "every queued write is committed" in server.log_text()
    third_acked = any(f.get("id") == "m3" and f["type"] == "ack" for f in frames_a)

    server.start()  # same port, same data folder
    history = server.get(f"/games/{gid}/history", a["access_token"]).json()["moves"]
    assert [m["position"] for m in history][:2] == [0, 3]
    if third_acked:
        assert [m["position"] for m in history] == [0, 3, 1]
    # Both come back with the tokens they had and finish the game where it stopped.
    wa, wb = both_in_room(server, a, b, gid)
    moves_left = WINNING_LINE[len(history):]
    for n, position in enumerate(moves_left, start=len(history)):
        mover = wa if n % 2 == 0 else wb
        assert ws_request(mover, "make_move", {"game_id": gid, "position": position}, f"x{n}")["type"] == "ack"
    final = server.get(f"/games/{gid}", a["access_token"]).json()
    assert final["status"] == "completed" and final["winner_id"] == a["user"]["id"]
    assert len(server.get(f"/games/{gid}/history", a["access_token"]).json()["moves"]) == 5
    wa.close()
    wb.close()


# --- rematch offers ----------------------------------------------------------------------------------


def test_a_rematch_offer_waits_for_a_returning_player_then_lapses(server_factory):
    server = server_factory({"rematch_offer_seconds": "5"})
    a, b = server.register(), server.register()
    game = play_rest(server, a, b, new_game(server, a, b), WINNING_LINE)
    with ws_connect(server, a["access_token"]) as wa:
        # b is not connected: the offer waits for them.
        assert ws_request(wa, "offer_rematch", {"game_id": game["id"]}, "r1")["type"] == "ack"
        with ws_connect(server, b["access_token"]) as wb:
            offer = ws_recv_until(wb, lambda f: f["type"] == "rematch_offered", timeout=5)
            assert offer["data"]["game_id"] == game["id"]
            assert offer["data"]["from"]["id"] == a["user"]["id"]
            assert offer["data"]["expires_at"].endswith("Z")
            # Nobody answers: both hear that it lapsed.
            for ws in (wa, wb):
                lapsed = ws_recv_until(ws, lambda f: f["type"] == "rematch_expired", timeout=15)
                assert lapsed["data"]["game_id"] == game["id"]
            answer = ws_request(wb, "answer_rematch", {"game_id": game["id"], "accept": True}, "late")
            assert answer["type"] == "error" and answer["data"]["code"] == "no_rematch_offer"
            # Either may offer again.
            assert ws_request(wb, "offer_rematch", {"game_id": game["id"]}, "r2")["type"] == "ack"
            again = ws_recv_until(wa, lambda f: f["type"] == "rematch_offered", timeout=5)
            assert again["data"]["from"]["id"] == b["user"]["id"]


def test_sigterm_is_not_held_up_by_a_connection_that_never_sent_a_request(server_factory):
    """A client that opens a TLS connection and sends nothing (the client's certificate probe
    did) used to keep the server from exiting until it went away."""
    import socket
    import ssl

    server = server_factory()
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with socket.create_connection(("127.0.0.1", server.port)) as raw:
        with context.wrap_socket(raw, server_hostname="localhost"):
            server.proc.send_signal(signal.SIGTERM)
            # The connection stays open on this side: the server must not wait for it.
            assert server.proc.wait(timeout=15) == 0


def read_server_frame(tls):
    """One unmasked frame from the server: (opcode, payload)."""

    def exactly(n):
        data = b""
        while len(data) < n:
            chunk = tls.recv(n - len(data))
            assert chunk, "the server closed the connection mid-frame"
            data += chunk
        return data

    first, second = exactly(2)
    length = second & 0x7F
    if length == 126:
        length = int.from_bytes(exactly(2), "big")
    elif length == 127:
        length = int.from_bytes(exactly(8), "big")
    return first & 0x0F, exactly(length)


def test_gateway_clients_hear_of_a_restart_before_idle_http_connections_are_let_go(server_factory):
    """The goodbye must not wait behind the HTTP listener's quiesce, which waits seconds for a TLS
    peer that never answers close_notify: here an idle keep-alive connection that never does. A
    gateway client that never answers the closing handshake keeps the goodbye in progress, so the
    order is observable: the notice arrives while the idle connection has been sent nothing yet."""
    server = server_factory()
    a = server.register()
    idle = insecure_ssl_context().wrap_socket(
        socket.create_connection(("127.0.0.1", server.port), timeout=10), server_hostname="localhost")
    idle.sendall(b"GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n")
    response = b""
    while b"\r\n\r\n" not in response:
        response += idle.recv(4096)
    head, _, body = response.partition(b"\r\n\r\n")
    length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length"))
    while len(body) < length:
        body += idle.recv(4096)
    assert head.startswith(b"HTTP/1.1 200"), head

    gateway = stalled_gateway_client(server, a["access_token"])
    gateway.settimeout(20)
    # Answered only once the connection's session has started, so it is one the server knows.
    send_text(gateway, json.dumps({"type": "no_such_request", "id": "probe"}))
    opcode, payload = read_server_frame(gateway)
    assert opcode == 1 and json.loads(payload)["type"] == "error", payload
    server.proc.send_signal(signal.SIGTERM)
    while True:
        opcode, payload = read_server_frame(gateway)
        if opcode == 1 and json.loads(payload)["type"] == "server_shutdown":
            break
    idle.setblocking(False)
    with pytest.raises(ssl.SSLWantReadError):
        idle.recv(1)  # nothing yet: neither close_notify nor a closed socket
    idle.close()
    gateway.close()
    assert server.proc.wait(timeout=30) == 0
