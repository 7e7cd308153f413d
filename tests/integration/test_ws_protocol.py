"""The gateway's WebSocket layer (GatewayFrameHandler, GatewayOutbound): fragmented messages, pings,
the closing handshake from either side, protocol errors, a burst larger than the inbox, and the
1001 every client gets when the server shuts down."""

import json
import signal
import struct

import pytest
from websockets.exceptions import ConnectionClosed

from conftest import ws_connect, ws_recv_until, ws_send
from test_slow_consumer import stalled_gateway_client

LIFTED = {"ws_flood_frames": "100000", "ws_flood_window_seconds": "1"}


def masked_frame(opcode, payload, fin=True):
    header = bytes([(0x80 if fin else 0) | opcode])
    n = len(payload)
    header += bytes([0x80 | n]) if n < 126 else bytes([0x80 | 126]) + struct.pack("!H", n)
    mask = b"\x01\x02\x03\x04"
    return header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


def read_exactly(tls, n):
    data = b""
    while len(data) < n:
        chunk = tls.recv(n - len(data))
        if not chunk:
            raise EOFError("the server closed before a whole frame arrived")
        data += chunk
    return data


def read_frame(tls):
    """One unmasked server frame: (opcode, payload)."""
    first, second = read_exactly(tls, 2)
    n = second & 0x7F
    if n == 126:
        (n,) = struct.unpack("!H", read_exactly(tls, 2))
    elif n == 127:
        (n,) = struct.unpack("!Q", read_exactly(tls, 8))
    return first & 0x0F, read_exactly(tls, n)


def close_code_of(tls):
    """Reads frames until the close frame; returns its code."""
    tls.settimeout(10)
    while True:
        opcode, payload = read_frame(tls)
        if opcode == 0x8:
            return struct.unpack("!H", payload[:2])[0]


def test_a_fragmented_message_is_put_together(server):
    user = server.register()
    with ws_connect(server, user["access_token"]) as ws:
        ws.send(['{"type":"ping",', '"id":"in-pieces",', '"data":{}}'])
        assert ws_recv_until(ws, lambda f: f.get("id") == "in-pieces")["type"] == "ack"


def test_pings_are_answered_with_their_payload(server):
    user = server.register()
    with ws_connect(server, user["access_token"]) as ws:
        assert ws.ping(b"are you there").wait(10)
        ws_send(ws, "ping", id_="after")
        assert ws_recv_until(ws, lambda f: f.get("id") == "after")["type"] == "ack"


def test_a_client_close_is_echoed_with_its_code(server):
    user = server.register()
    ws = ws_connect(server, user["access_token"])
    ws.close(code=4000, reason="bye")
    assert ws.protocol.close_rcvd is not None and ws.protocol.close_rcvd.code == 4000


def test_the_closing_handshake_ends_the_session_at_once(server):
    # TLS then waits up to 5 s for a close_notify most clients never send; the player must not
    # stay in the game's room (and online) until it gives up.
    from test_games import both_in_room, is_update, new_game

    a, b = server.register(), server.register()
    gid = new_game(server, a, b)["id"]
    wa, wb = both_in_room(server, a, b, gid)
    with wa:
        wb.close()
        # The room hears that b left well inside the 5 s TLS shutdown timeout.
        ws_recv_until(wa, is_update(gid), timeout=3)


UNMASKED_PING = b'{"type":"ping","id":"bare","data":{}}'


@pytest.mark.parametrize(
    "frame",
    [
        pytest.param(masked_frame(0x0, b"orphan"), id="continuation-without-a-message"),
        # Clients must mask every frame (RFC 6455 section 5.1).
        pytest.param(bytes([0x81, len(UNMASKED_PING)]) + UNMASKED_PING, id="unmasked-frame"),
    ],
)
def test_a_frame_that_breaks_the_protocol_closes_with_1002(server, frame):
    user = server.register()
    tls = stalled_gateway_client(server, user["access_token"])
    try:
        tls.sendall(frame)
        assert close_code_of(tls) == 1002
    finally:
        tls.close()


def test_a_fragmented_message_over_the_limit_is_refused(server):
    """Each fragment is under ws_max_frame_bytes; the message is not."""
    user = server.register()
    tls = stalled_gateway_client(server, user["access_token"])
    try:
        piece = b"a" * 30000
        tls.sendall(masked_frame(0x1, piece, fin=False))
        for _ in range(3):
            tls.sendall(masked_frame(0x0, piece, fin=False))
        assert close_code_of(tls) == 1009
    finally:
        tls.close()


def test_a_burst_larger_than_the_inbox_is_answered_in_order(server_factory):
    """500 requests at once: the connection stops reading while its backlog is full and resumes,
    and every request is answered, in order."""
    server = server_factory(LIFTED)
    user = server.register()
    with ws_connect(server, user["access_token"]) as ws:
        for n in range(500):
            ws.send(json.dumps({"type": "ping", "id": f"r{n}", "data": {}}))
        seen = []
        while len(seen) < 500:
            frame = json.loads(ws.recv(timeout=20))
            if frame["type"] == "ack":
                seen.append(frame["id"])
        assert seen == [f"r{n}" for n in range(500)]


def test_shutdown_tells_every_client_to_go_away(server_factory):
    server = server_factory()
    user = server.register()
    with ws_connect(server, user["access_token"]) as ws:
        ws_send(ws, "ping", id_="first")
        ws_recv_until(ws, lambda f: f.get("id") == "first")
        server.proc.send_signal(signal.SIGTERM)
        with pytest.raises(ConnectionClosed) as closed:
            while True:
                ws.recv(timeout=20)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 1001
    server.proc.wait(timeout=30)
