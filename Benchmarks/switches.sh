#!/usr/bin/env bash
# Context switches, CPU migrations and CPU time per move of one server build, counted by
# `perf stat` on the server's process while `arena-load` plays (BENCHMARKS.md, ninth round).
# A thread crossing to a sleeping thread costs a wake-up and a switch in the kernel, time that
# callgrind's user-space counts do not see; the switch count is steadier than the time.
#
#   Benchmarks/switches.sh SERVER [GAMES] [THINK_MS] [WINDOW]
#
# Prints one line: moves, moves/s, context switches a move, migrations a move, CPU us a move, and
# of it user and kernel time (/proc/PID/stat, 10 ms ticks).
set -euo pipefail
cd "$(dirname "$0")/.."
server=$1 games=${2:-200} think=${3:-0} window=${4:-10}
load=${ARENA_LOAD:-.build-release/release/arena-load}
source Benchmarks/bench-lib.sh
bench_prepare /tmp/arena-switches 5174 "$server"
"$server" --config $work/server.conf > $work/server.log 2>&1 &
srv=$!
trap 'kill $srv $ld 2> /dev/null || true' EXIT
ld=
bench_wait_listening $work/server.log 100 0.2
"$load" --server 127.0.0.1:$port --games "$games" --think-ms "$think" --duration $((window + 20)) \
    > /dev/null 2>&1 &
ld=$!
bench_wait_moves 2000 600 0.5
m0=$(bench_count moves)
ticks() { awk '{print $14, $15}' /proc/$srv/stat; }
read -r u0 s0 <<< "$(ticks)"
perf stat -x, -e context-switches,cpu-migrations,task-clock -p $srv -o $work/perf.txt -- sleep "$window"
read -r u1 s1 <<< "$(ticks)"
m1=$(bench_count moves)
moves=$((m1 - m0))
awk -F, -v moves=$moves -v window=$window -v user=$((u1 - u0)) -v sys=$((s1 - s0)) '
    $3 == "context-switches" { cs = $1 } $3 == "cpu-migrations" { mig = $1 } $3 == "task-clock" { ms = $1 }
    END { printf "moves=%d moves_per_s=%.0f switches_per_move=%.2f migrations_per_move=%.3f cpu_us_per_move=%.1f user_us=%.1f kernel_us=%.1f\n",
          moves, moves / window, cs / moves, mig / moves, ms * 1000 / moves, user * 10000 / moves, sys * 10000 / moves }' $work/perf.txt
