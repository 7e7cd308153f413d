"""Black-box fixtures: start the real arena-server binary over TLS on a free port with a temp data dir.

Tests talk to it with plain HTTPS (requests) and WSS (websockets); nothing is mocked.
"""

import json
import os
import pathlib
import signal
import socket
import ssl
import subprocess
import tempfile
import threading
import uuid

import pytest
import requests
import urllib3

urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN_DIR = pathlib.Path(os.environ.get("ARENA_BIN_DIR", ROOT / ".build" / "debug"))

# Generous limits so tests that are not about limits never trip them.
RELAXED = {"rate_limit_per_minute": "1000000", "login_rate_limit_per_minute": "1000000"}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One arena-server process. `start()` returns once it logged `listening`."""

    def __init__(self, data_dir, settings=None, port=None, config=None):
        self.config = config
        self.data_dir = str(data_dir)
        self.settings = dict(RELAXED)
        self.settings.update(settings or {})
        self.port = port or free_port()
        self.proc = None
        self.lines = []
        self._listening = threading.Event()
        self.fingerprint = None

    @property
    def base(self):
        return f"https://127.0.0.1:{self.port}"

    @property
    def ws_url(self):
        return f"wss://127.0.0.1:{self.port}/ws"

    def args(self):
        args = [str(BIN_DIR / "arena-server"), "--host", "127.0.0.1", "--port", str(self.port), "--data-dir", self.data_dir]
        if self.config:
            args += ["--config", str(self.config)]
        for k, v in self.settings.items():
            args += ["--set", f"{k}={v}"]
        return args

    def start(self, timeout=60):
        self._listening.clear()
        self.proc = subprocess.Popen(self.args(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=self.data_dir)
        threading.Thread(target=self._pump, args=(self.proc,), daemon=True).start()
        if not self._listening.wait(timeout):
            self.stop()
            raise RuntimeError("server did not start:\n" + "".join(self.lines[-50:]))
        return self

    def _pump(self, proc):
        for line in proc.stdout:
            self.lines.append(line)
            if "fingerprint" in line.lower() and "SHA-256" in line:
                self.fingerprint = line.strip().split()[-1]
            if '"listening"' in line:
                self._listening.set()

    def stop(self, sig=signal.SIGTERM, timeout=30):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode if self.proc else None

    def kill(self):
        return self.stop(signal.SIGKILL)

    def restart(self):
        self.stop()
        return self.start()

    def log_text(self):
        return "".join(self.lines)

    # REST helpers -------------------------------------------------------
    def request(self, method, path, token=None, **kw):
        headers = kw.pop("headers", {}) or {}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return requests.request(method, self.base + path, headers=headers, verify=False, timeout=30, **kw)

    def get(self, path, token=None, **kw):
        return self.request("GET", path, token, **kw)

    def post(self, path, token=None, **kw):
        return self.request("POST", path, token, **kw)

    def put(self, path, token=None, **kw):
        return self.request("PUT", path, token, **kw)

    def delete(self, path, token=None, **kw):
        return self.request("DELETE", path, token, **kw)

    def register(self, username=None, password="correct horse battery", email=None, **extra):
        """Registers a fresh user; returns the auth response JSON (user, access_token, refresh_token)."""
        username = username or ("u" + uuid.uuid4().hex[:10])
        body = {"email": email or f"{username}@example.com", "username": username, "password": password}
        body.update(extra)
        r = self.post("/auth/register", json=body)
        assert r.status_code == 201, r.text
        data = r.json()
        data["password"] = password
        return data


def insecure_ssl_context():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def ws_connect(server, token, **kw):
    """An authenticated gateway connection (websockets' sync client)."""
    from websockets.sync.client import connect

    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return connect(server.ws_url, ssl=insecure_ssl_context(), additional_headers=headers, open_timeout=10, **kw)


def ws_send(ws, type_, data=None, id_=None):
    msg = {"type": type_, "data": data or {}}
    if id_ is not None:
        msg["id"] = id_
    ws.send(json.dumps(msg))


def ws_recv_until(ws, predicate, timeout=10):
    """Reads frames until one satisfies `predicate`; returns it. Raises TimeoutError otherwise."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("no matching frame")
        frame = json.loads(ws.recv(timeout=left))
        if predicate(frame):
            return frame


@pytest.fixture
def tmp_data_dir():
    with tempfile.TemporaryDirectory(prefix="arena-test-") as d:
        yield pathlib.Path(d)


@pytest.fixture
def server(tmp_data_dir):
    s = Server(tmp_data_dir).start()
    yield s
    s.stop()


@pytest.fixture
def server_factory(tmp_path_factory):
    started = []

    def make(settings=None, data_dir=None):
        d = data_dir or tmp_path_factory.mktemp("arena-data")
        s = Server(d, settings=settings).start()
        started.append(s)
        return s

    yield make
    for s in started:
        s.stop()
