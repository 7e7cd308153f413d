"""CONTRACT.md's error rule, one request per status it names: every error is
`{"error": {"code": "<snake_case>", "message": "<sentence>"}}` in JSON (never HTML, never a stack
trace), with X-Request-ID and the security headers; 429 carries Retry-After; 413 is answered."""

import re

import pytest
import requests

HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def assert_error(r, status, code=None):
    assert r.status_code == status, (r.status_code, r.text)
    assert r.headers["Content-Type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert re.fullmatch(r"[a-z][a-z0-9_]*", body["error"]["code"]), body
    assert body["error"]["message"] and "Traceback" not in r.text and "<html" not in r.text.lower()
    if code:
        assert body["error"]["code"] == code, body
    for name, value in HEADERS.items():
        assert r.headers.get(name) == value, name
    assert "Strict-Transport-Security" in r.headers and "Content-Security-Policy" in r.headers
    assert r.headers.get("X-Request-ID")


@pytest.fixture
def limited(server_factory):
    return server_factory({"rate_limit_per_minute": "5", "max_body_bytes": "1024"})


def test_each_error_status_has_the_contract_shape(server):
    a, b, c = server.register(), server.register(), server.register()
    t = a["access_token"]
    assert_error(server.post("/auth/register", json={"email": "x"}), 400, "missing_field")
    assert_error(server.post("/games", t, data="{nope", headers={"Content-Type": "application/json"}), 400, "invalid_json")
    assert_error(server.get("/auth/profile"), 401, "unauthorized")
    assert_error(server.get("/auth/profile", "not-a-token"), 401, "invalid_token")
    g = server.post("/games", t).json()
    server.post(f"/games/{g['id']}/join", b["access_token"])
    assert_error(server.post(f"/games/{g['id']}/move", c["access_token"], json={"position": 0}), 403, "not_a_player")
    assert_error(server.get("/games/00000000-0000-4000-8000-000000000000", t), 404, "not_found")
    assert_error(server.request("PATCH", "/games", t), 405, "method_not_allowed")
    assert_error(server.post(f"/games/{g['id']}/join", c["access_token"]), 409, "game_not_joinable")
    assert_error(server.post("/auth/register", json={"email": a["user"]["email"], "username": "someone_new", "password": "correct horse battery"}), 409, "email_taken")
    assert_error(server.post(f"/games/{g['id']}/move", b["access_token"], json={"position": 0}), 422, "not_your_turn")


def test_405_names_the_allowed_methods(server):
    r = server.request("PUT", "/health")
    assert_error(r, 405, "method_not_allowed")
    assert r.headers["Allow"] == "GET"


def test_413_is_answered_and_429_says_when_to_retry(limited):
    r = requests.post(
        limited.base + "/auth/login", data=b"{" + b" " * 4096 + b"}", headers={"Content-Type": "application/json"},
        verify=False, timeout=10,
    )
    assert_error(r, 413, "body_too_large")
    codes = [limited.get("/leaderboard/global") for _ in range(8)]
    refused = [r for r in codes if r.status_code == 429]
    assert refused, [r.status_code for r in codes]
    assert_error(refused[0], 429, "rate_limited")
    assert int(refused[0].headers["Retry-After"]) >= 1
    # /health is never rate limited.
    assert limited.get("/health").status_code == 200
