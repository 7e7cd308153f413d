"""CONTRACT.md "Transport" and "Command line" points not held elsewhere: plain HTTP only with an
explicit `tls = off`, the default listen address, `./server.conf` read when no flags are given,
and the data dir holding the database and the generated certificate."""

import pathlib
import signal
import socket
import subprocess
import threading

import pytest
import requests

from conftest import BIN_DIR, RELAXED, ROOT, Server, free_port


def start_bare(args, cwd, timeout=60):
    """Starts arena-server with exactly `args` (no test flags); returns (process, log lines) once listening."""
    proc = subprocess.Popen([str(BIN_DIR / "arena-server"), *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines, listening = [], threading.Event()

    def pump():
        for line in proc.stdout:
            lines.append(line)
            if '"listening"' in line:
                listening.set()

    threading.Thread(target=pump, daemon=True).start()
    if not listening.wait(timeout):
        proc.kill()
        proc.wait()
        raise AssertionError("server did not start:\n" + "".join(lines[-30:]))
    return proc, lines


def stop(proc):
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(30) == 0


def test_plain_http_only_when_tls_is_off_explicitly(server_factory):
    plain = server_factory({"tls": "off"})
    r = requests.get(f"http://127.0.0.1:{plain.port}/health", timeout=10)
    assert r.status_code == 200 and r.json()["status"] == "ok"
    assert r.headers["X-Frame-Options"] == "DENY"
    # Without the setting the same request is not answered in plain HTTP.
    tls = server_factory()
    with socket.create_connection(("127.0.0.1", tls.port), timeout=5) as s:
        s.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        assert not s.recv(100).startswith(b"HTTP/1.1 200")


def test_no_flags_reads_server_conf_in_the_working_directory(tmp_path):
    port = free_port()
    settings = "\n".join(f"{k} = {v}" for k, v in RELAXED.items())
    (tmp_path / "server.conf").write_text(f"host = 127.0.0.1\nport = {port}\ndata_dir = ./d\n{settings}\n")
    proc, lines = start_bare([], cwd=tmp_path)
    try:
        r = requests.get(f"https://127.0.0.1:{port}/health", verify=False, timeout=10)
        assert r.status_code == 200
        # The data dir holds the SQLite database and the generated certificate.
        names = {p.name for p in (tmp_path / "d").iterdir()}
        assert {"arena.sqlite", "cert.pem", "key.pem"} <= names, names
        assert any("fingerprint" in line.lower() for line in lines)
    finally:
        stop(proc)


def test_default_listen_address_is_all_interfaces_port_5000(tmp_path):
    with socket.socket() as probe:
        try:
            probe.bind(("0.0.0.0", 5000))
        except OSError:
            pytest.skip("port 5000 is in use on this machine")
    args = ["--data-dir", str(tmp_path / "d")]
    for k, v in RELAXED.items():
        args += ["--set", f"{k}={v}"]
    proc, lines = start_bare(args, cwd=tmp_path)
    try:
        listening = next(line for line in lines if '"listening"' in line)
        assert "0.0.0.0" in listening and "5000" in listening, listening
        assert requests.get("https://127.0.0.1:5000/health", verify=False, timeout=10).status_code == 200
    finally:
        stop(proc)
    conf = (ROOT / "server.conf").read_text()
    assert "host = 0.0.0.0" in conf and "port = 5000" in conf


def test_refresh_reuse_grace_cannot_exceed_the_contracts_five_seconds(tmp_path):
    """A spent refresh token presented more than 5 s later must revoke its family, so the
    configurable grace (tested at 0 s in test_auth.py) may not be set above 5."""
    p = subprocess.run(
        [str(BIN_DIR / "arena-server"), "--data-dir", str(tmp_path), "--port", str(free_port()),
         "--set", "refresh_reuse_grace_seconds=6"],
        capture_output=True, text=True, timeout=30,
    )
    assert p.returncode != 0 and "refresh_reuse_grace_seconds" in p.stderr
