"""Issue 4: a client that stops reading is cut off once its outgoing queue is full, so it cannot
grow the server's memory; the players around it are not affected."""

import base64
import json
import os
import socket
import ssl
import struct
import time

from conftest import insecure_ssl_context, ws_connect, ws_recv_until, ws_send


def stalled_gateway_client(server, token):
    """A gateway connection that completes the upgrade, joins a room, and then never reads."""
    raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 2048)
    raw.connect(("127.0.0.1", server.port))
    tls = insecure_ssl_context().wrap_socket(raw, server_hostname="localhost")
    key = base64.b64encode(os.urandom(16)).decode()
    tls.sendall(
        (
            "GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer {token}\r\n\r\n"
        ).encode()
    )
    head = b""
    while b"\r\n\r\n" not in head:
        head += tls.recv(1)  # byte by byte: nothing after the handshake may be read
    assert head.split(b"\r\n")[0].split()[1] == b"101", head
    return tls


def send_text(tls, text):
    payload = text.encode()
    mask = os.urandom(4)
    n = len(payload)
    header = bytes([0x81]) + (bytes([0x80 | n]) if n < 126 else bytes([0x80 | 126]) + struct.pack("!H", n))
    tls.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))


def test_client_that_stops_reading_is_cut_off(server_factory):
    s = server_factory({"ws_outbound_queue": "8", "ws_flood_frames": "1000000", "ws_flood_window_seconds": "1"})
    a, b = s.register(), s.register()
    g = s.post("/games", a["access_token"]).json()
    gid = s.post(f"/games/{g['id']}/join", b["access_token"]).json()["id"]
    stalled = stalled_gateway_client(s, b["access_token"])
    send_text(stalled, json.dumps({"type": "join_game", "data": {"game_id": gid}}))
    # max_queue=None: the reading player must never apply back-pressure itself, or it would be the
    # one cut off; it buffers whatever arrives and the test drains it between bursts.
    with ws_connect(s, a["access_token"], max_queue=None) as wa:
        ws_send(wa, "join_game", {"game_id": gid}, "j")
        ws_recv_until(wa, lambda f: f.get("id") == "j")
        text = "x" * 480
        cut_off = None
        deadline = time.monotonic() + 120
        sent = 0
        # Each chat is broadcast to the room, b included. b never reads: once the kernel buffers and
        # b's queue of 8 are full, the server drops b, and the room is told b went away. a reads its
        # own echoes after every small burst, so a's queue never fills.
        while cut_off is None:
            assert time.monotonic() < deadline, f"b was never cut off after {sent} messages"
            for _ in range(4):
                ws_send(wa, "chat_message", {"game_id": gid, "text": text})
                sent += 1
            echoes = 0
            while echoes < 4:
                frame = json.loads(wa.recv(timeout=10))
                if frame["type"] == "chat_message":
                    echoes += 1
                elif frame["type"] == "game_update":
                    cut_off = frame
        assert cut_off["data"]["game"]["id"] == gid
        # the player who kept reading is unaffected
        ws_send(wa, "ping", {}, "still-here")
        assert ws_recv_until(wa, lambda f: f.get("id") == "still-here")["type"] == "ack"
    assert s.get("/health").status_code == 200
    stalled.close()


def test_client_that_stops_answering_pings_is_dropped(server_factory):
    """The server pings every connection each ws_ping_seconds and closes one that has sent nothing,
    not even a pong, for one and a half periods; a client that answers pings stays."""
    s = server_factory({"ws_ping_seconds": "1"})
    a, b = s.register(), s.register()
    # The live client connects first: had its pongs not counted, it would be dropped first.
    with ws_connect(s, a["access_token"]) as live:
        silent = stalled_gateway_client(s, b["access_token"])
        silent.settimeout(20)
        start = time.monotonic()
        received = b""
        while True:
            try:
                chunk = silent.recv(4096)
            except (ssl.SSLError, ConnectionError):
                break  # closed without a TLS goodbye
            if not chunk:
                break
            received += chunk
        assert time.monotonic() - start < 15, "the silent client was never dropped"
        assert received.startswith(b"\x89"), "the server should have pinged before giving up"
        ws_send(live, "ping", {}, "still-here")
        assert ws_recv_until(live, lambda f: f.get("id") == "still-here")["type"] == "ack"
    assert s.get("/health").status_code == 200
