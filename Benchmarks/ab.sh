#!/usr/bin/env bash
# Compares two server builds on this machine, which drifts in speed over an hour: the builds take
# turns, minutes apart, each with a fresh database (2,000 seeded load accounts) and a fresh server
# on Benchmarks/server.conf, under the same arena-load command. One line per run: which build,
# the time, and arena-load's JSON.
#
#   Benchmarks/ab.sh ROUNDS SERVER_A SERVER_B [arena-load arguments...]
#   Benchmarks/ab.sh 2 .build-release/release/arena-server /tmp/old/.build-release/release/arena-server \
#       --games 200 --think-ms 0 --duration 20
#   Benchmarks/ab.sh 1 A B idle --connections 10000 --hold 15 --accounts 20
#   Benchmarks/ab.sh 1 A B ping --connections 400 --duration 15
#
# (Build the older commit in a git worktree with its own --scratch-path.)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=$1 a=$2 b=$3
shift 3
load=${ARENA_LOAD:-.build-release/release/arena-load}
mode=()
case "${1:-}" in idle | ping) mode=("$1"); shift ;; esac
data=/tmp/arena-bench
# A server left listening on the port would answer every run in place of the builds compared.
if ss -Hltn 'sport = :5100' | grep -q .; then
    echo "ab.sh: something already listens on port 5100; stop it first" >&2
    exit 1
fi
pid=
stop() {
    [ -n "$pid" ] || return 0
    kill "$pid" 2> /dev/null || true
    while kill -0 "$pid" 2> /dev/null; do sleep 0.1; done
    pid=
}
trap stop EXIT
for _ in $(seq "$rounds"); do
    for server in "$a" "$b"; do
        rm -rf "$data"
        "$server" admin seed-users --config Benchmarks/server.conf --count 2000 --prefix load > /dev/null
        "$server" --config Benchmarks/server.conf > /tmp/arena-bench.log 2>&1 &
        pid=$!
        for _ in $(seq 100); do grep -q listening /tmp/arena-bench.log && break; sleep 0.2; done
        if ! grep -q listening /tmp/arena-bench.log; then
            echo "ab.sh: $server did not start; see /tmp/arena-bench.log" >&2
            exit 1
        fi
        result=$("$load" "${mode[@]}" --server 127.0.0.1:5100 "$@" --json 2> /dev/null | tail -1)
        echo "$server $(date -u +%FT%TZ) $result"
        stop
    done
done
