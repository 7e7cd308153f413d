"""Issue 2: the server core over TLS: health, headers, error shape, certificate reuse, config."""

import socket
import ssl
import subprocess

from conftest import BIN_DIR, ROOT, Server, free_port

SECURITY_HEADERS = {
    "Strict-Transport-Security",
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
}


def test_health_over_tls_with_headers(server):
    r = server.get("/health")
    assert r.status_code == 200
    assert r.json()["status"] == "ok"
    for h in SECURITY_HEADERS:
        assert h in r.headers, h
    assert r.headers["X-Frame-Options"] == "DENY"
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Referrer-Policy"] == "no-referrer"
    assert r.headers["Cache-Control"] == "no-store"
    assert r.headers["X-Request-ID"]


def test_request_id_is_echoed(server):
    r = server.get("/health", headers={"X-Request-ID": "abc-123"})
    assert r.headers["X-Request-ID"] == "abc-123"


def test_unknown_route_gets_error_shape(server):
    r = server.get("/no/such/thing")
    assert r.status_code == 404
    body = r.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == "not_found"
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    for h in SECURITY_HEADERS:
        assert h in r.headers, h


def test_plain_http_is_not_served_on_tls_port(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
        s.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        data = s.recv(100)
    assert not data.startswith(b"HTTP/1.1 200")


def test_second_start_reuses_certificate(tmp_data_dir):
    first = Server(tmp_data_dir).start()
    fp1 = first.fingerprint
    cert1 = (tmp_data_dir / "cert.pem").read_text()
    first.stop()
    second = Server(tmp_data_dir).start()
    try:
        assert fp1 and second.fingerprint == fp1
        assert (tmp_data_dir / "cert.pem").read_text() == cert1
        pem = ssl.get_server_certificate(("127.0.0.1", second.port))
        assert pem.strip() == cert1.strip()
    finally:
        second.stop()


def test_database_is_created_in_wal_mode(server, tmp_data_dir):
    import sqlite3

    db = sqlite3.connect(tmp_data_dir / "arena.sqlite")
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"user_profiles", "games", "game_results", "matchmaking_queue"} <= tables
    finally:
        db.close()


def test_sigterm_exits_zero(tmp_data_dir):
    s = Server(tmp_data_dir).start()
    assert s.stop() == 0


def test_bad_config_value_names_the_key(tmp_data_dir):
    conf = tmp_data_dir / "bad.conf"
    conf.write_text("port = 5000\nrate_limit_per_minute = lots\n")
    p = subprocess.run(
        [str(BIN_DIR / "arena-server"), "--config", str(conf), "--data-dir", str(tmp_data_dir)],
        capture_output=True, text=True, timeout=30,
    )
    assert p.returncode != 0
    assert "rate_limit_per_minute" in p.stderr


def test_a_taken_port_is_explained_and_exits_nonzero(server, tmp_path):
    p = subprocess.run(
        [str(BIN_DIR / "arena-server"), "--data-dir", str(tmp_path), "--host", "127.0.0.1", "--port", str(server.port)],
        capture_output=True, text=True, timeout=30,
    )
    assert p.returncode == 1
    assert f"cannot listen on 127.0.0.1:{server.port}: the address is in use" in p.stderr, p.stderr
    assert "errno" not in p.stderr
    # The server that holds the port is unharmed.
    assert server.get("/health").status_code == 200


def test_unknown_config_key_is_refused(tmp_data_dir):
    p = subprocess.run(
        [str(BIN_DIR / "arena-server"), "--data-dir", str(tmp_data_dir), "--port", str(free_port()), "--set", "no_such_key=1"],
        capture_output=True, text=True, timeout=30,
    )
    assert p.returncode != 0
    assert "no_such_key" in p.stderr


def test_rate_limit_answers_429_with_retry_after(server_factory):
    s = server_factory({"rate_limit_per_minute": "5"})
    codes = [s.get("/games").status_code for _ in range(8)]
    assert 429 in codes
    r = s.get("/games")
    assert r.status_code == 429
    assert int(r.headers["Retry-After"]) >= 1
    assert r.json()["error"]["code"] == "rate_limited"


def test_oversize_body_gets_413(server):
    r = server.post("/auth/login", data=b"{" + b" " * (200 * 1024) + b"}", headers={"Content-Type": "application/json"})
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "body_too_large"


def test_shipped_server_conf_starts_a_server(tmp_data_dir):
    s = Server(tmp_data_dir, config=ROOT / "server.conf").start()
    try:
        assert s.get("/health").status_code == 200
    finally:
        assert s.stop() == 0


def test_every_setting_is_documented_in_server_conf():
    import re

    documented = set(re.findall(r"^([a-z0-9_]+) =", (ROOT / "server.conf").read_text(), re.M))
    source = (ROOT / "Sources/ArenaServer/Config/ConfigLoader.swift").read_text()
    known = set(re.findall(r'case "([a-z0-9_]+)":', source))
    assert known and known == documented
