"""The gateway's upgrade: "No valid token: the upgrade is refused with 401" with the contract's error body."""

import json

import pytest

from conftest import insecure_ssl_context, ws_connect, ws_recv_until, ws_send

SECURITY_HEADERS = {
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}


def _refusal(server, token, headers=None):
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    headers = dict(headers or {})
    if token:
        headers["Authorization"] = f"Bearer {token}"
    with pytest.raises(InvalidStatus) as e:
        connect(server.ws_url, ssl=insecure_ssl_context(), additional_headers=headers, open_timeout=10)
    return e.value.response


def _assert_error_body(response, status, codes):
    assert response.status_code == status
    body = json.loads(bytes(response.body))
    assert set(body) == {"error"}
    assert body["error"]["code"] in codes
    assert body["error"]["message"]
    headers = {k.lower(): v for k, v in response.headers.raw_items()}
    assert headers["content-type"].startswith("application/json")
    for name, value in SECURITY_HEADERS.items():
        assert headers[name] == value
    assert "strict-transport-security" in headers and "content-security-policy" in headers
    assert headers.get("x-request-id")


def test_gateway_refuses_upgrade_without_token(server):
    from websockets.exceptions import InvalidStatus

    with pytest.raises(InvalidStatus) as e:
        ws_connect(server, None)
    assert e.value.response.status_code == 401
    with pytest.raises(InvalidStatus) as e:
        ws_connect(server, "garbage.token.here")
    assert e.value.response.status_code == 401


def test_refused_upgrade_carries_the_contract_error_body(server):
    _assert_error_body(_refusal(server, None), 401, {"unauthorized"})
    _assert_error_body(_refusal(server, "garbage.token.here"), 401, {"invalid_token"})


def test_query_token_is_accepted_and_a_bad_one_refused(server):
    from websockets.sync.client import connect

    user = server.register()
    with connect(f"{server.ws_url}?access_token={user['access_token']}", ssl=insecure_ssl_context(), open_timeout=10) as ws:
        ws_send(ws, "ping", id_="p1")
        assert ws_recv_until(ws, lambda f: f.get("id") == "p1")["type"] == "ack"
    from websockets.exceptions import InvalidStatus

    with pytest.raises(InvalidStatus) as e:
        connect(f"{server.ws_url}?access_token=nope", ssl=insecure_ssl_context(), open_timeout=10)
    _assert_error_body(e.value.response, 401, {"invalid_token"})


def test_logged_out_token_is_refused(server):
    user = server.register()
    assert server.post("/auth/logout", user["access_token"]).status_code == 204
    _assert_error_body(_refusal(server, user["access_token"]), 401, {"session_revoked", "invalid_token"})


def test_refusals_of_concurrent_upgrades_do_not_mix(server):
    """Many refused upgrades at once each get their own answer: the request id of their own request."""
    from concurrent.futures import ThreadPoolExecutor

    def refused(i):
        return i, _refusal(server, None, headers={"X-Request-ID": f"refused-{i}"})

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(refused, range(40)))
    for i, response in results:
        assert response.status_code == 401
        assert response.headers["X-Request-ID"] == f"refused-{i}"


def test_upgrade_to_an_unknown_path_is_404(server):
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    user = server.register()
    with pytest.raises(InvalidStatus) as e:
        connect(
            f"wss://127.0.0.1:{server.port}/nowhere",
            ssl=insecure_ssl_context(),
            additional_headers={"Authorization": f"Bearer {user['access_token']}"},
            open_timeout=10,
        )
    _assert_error_body(e.value.response, 404, {"not_found"})


def test_valid_token_still_upgrades(server):
    user = server.register()
    with ws_connect(server, user["access_token"]) as ws:
        ws_send(ws, "ping", id_="p")
        assert ws_recv_until(ws, lambda f: f.get("id") == "p")["type"] == "ack"


def test_plain_get_on_the_gateway_asks_for_an_upgrade(server):
    user = server.register()
    r = server.get("/ws", user["access_token"])
    assert r.status_code == 426
    assert r.json()["error"]["code"] == "upgrade_required"


def test_operations_endpoints_ignore_a_stale_token(server):
    for path in ("/health", "/metrics", "/openapi.yaml"):
        assert server.get(path, "stale.or.garbage").status_code == 200, path


def test_a_stale_token_does_not_block_login_or_refresh(server):
    user = server.register()
    r = server.post("/auth/refresh", "stale.or.garbage", json={"refresh_token": user["refresh_token"]})
    assert r.status_code == 200, r.text
    r = server.post("/auth/login", "stale.or.garbage", json={"username": user["user"]["username"], "password": user["password"]})
    assert r.status_code == 200, r.text
