"""Smoke runs of the load tool, so it cannot rot: a few games for a few seconds against a real
server, seeded accounts, the --json contract line, and the idle-connections mode.

The benchmark itself (BENCHMARKS.md) is not part of the suite; these only prove the tool works.
"""

import json
import subprocess

from conftest import BIN_DIR

# Limits a load tool trips by design (one IP, many frames a second), lifted as in Benchmarks/server.conf.
LOAD_SETTINGS = {"ws_flood_frames": "100000", "ws_flood_window_seconds": "1"}
PASSWORD = "smoke-load-Pa55word"


def run_load(server, *args, timeout=180):
    cmd = [str(BIN_DIR / "arena-load"), *args, "--server", f"127.0.0.1:{server.port}",
           "--server-pid", str(server.proc.pid), "--password", PASSWORD, "--json"]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    assert p.returncode == 0, p.stdout + p.stderr
    lines = p.stdout.strip().splitlines()
    assert lines, p.stderr
    return json.loads(lines[-1]), p


def seed(server, prefix, count):
    p = subprocess.run(
        [str(BIN_DIR / "arena-server"), "admin", "seed-users", "--data-dir", server.data_dir,
         "--count", str(count), "--prefix", prefix, "--password", PASSWORD],
        capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stdout + p.stderr
    return p.stdout


def test_play_reports_moves_and_latency(server_factory):
    s = server_factory(LOAD_SETTINGS)
    assert "seeded 6 accounts" in seed(s, "smoke", 6)
    report, _ = run_load(s, "--games", "3", "--duration", "3", "--warmup", "0.5", "--accounts-prefix", "smoke")
    assert report["moves_per_second"] > 0
    assert report["errors"] == 0, report["error_kinds"]
    for key in ("p50", "p95", "p99", "max"):
        assert key in report["latency_ms"]
    assert report["latency_ms"]["count"] > 0
    assert 0 < report["latency_ms"]["p50"] <= report["latency_ms"]["p99"] <= report["latency_ms"]["max"]
    assert report["games_finished"] > 0
    assert report["server_usage"]["rss_mib_max"] > 0
    # The server's own CPU (process_cpu_seconds_total on /metrics) over the window, per move counted.
    assert report["server_cpu_us_per_move"] > 0
    # Seeding twice tops up instead of failing.
    assert "seeded 0 accounts (6 existed)" in seed(s, "smoke", 6)


def test_play_registers_missing_accounts_and_reads_rest(server_factory):
    s = server_factory(LOAD_SETTINGS)
    report, _ = run_load(s, "--games", "1", "--duration", "2", "--warmup", "0.2", "--accounts-prefix", "fresh",
                         "--rest-readers", "1", "--rest-rate", "50")
    assert report["errors"] == 0, report["error_kinds"]
    assert report["moves"] > 0
    assert report["rest"]["errors"] == 0
    assert report["rest"]["leaderboard"]["count"] > 0


def test_idle_reports_memory_per_connection(server_factory):
    # Pings every second: the held connections must answer them, and once released they must
    # close with the closing handshake rather than sit silent until the server cuts them off.
    s = server_factory({**LOAD_SETTINGS, "ws_ping_seconds": "1"})
    report, _ = run_load(s, "idle", "--connections", "20", "--hold", "2", "--accounts", "2",
                         "--accounts-prefix", "idle")
    assert report["opened"] == 20 and report["failed"] == 0
    assert report["server_rss_mib_after"] > 0
    assert "server_kib_per_connection" in report
    assert "gateway connection cut off" not in s.log_text()


def test_ping_reports_round_trips_and_cpu_per_round_trip(server_factory):
    s = server_factory(LOAD_SETTINGS)
    report, _ = run_load(s, "ping", "--connections", "8", "--duration", "2", "--accounts", "2",
                         "--accounts-prefix", "ping")
    assert report["opened"] == 8 and report["failed_connections"] == 0
    assert report["round_trips"] > 0
    assert abs(report["round_trips_per_second"] - report["round_trips"] / 2) <= 0.5
    latency = report["latency_ms"]
    assert latency["count"] == report["round_trips"]
    assert 0 < latency["p50"] <= latency["p99"] <= latency["max"]
    assert report["server_cpu_us_per_round_trip"] > 0
    assert report["client_cpu_us_per_round_trip"] > 0
