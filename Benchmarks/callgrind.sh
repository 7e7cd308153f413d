#!/usr/bin/env bash
# Instructions per move of one server build, counted by callgrind (repeatable where wall-clock
# figures on this shared machine drift by 15%; BENCHMARKS.md, eighth round). The server runs under
# valgrind with instrumentation off; once moves flow, instrumentation is on for WINDOW seconds
# and the moves committed meanwhile are counted in SQLite. Valgrind runs the server ~50x slower,
# on one thread at a time: the write batches are smaller and the 10 ms WAL checkpoints cover
# fewer moves than at full speed, so read the checkpointer's share with that in mind.
#
#   Benchmarks/callgrind.sh SERVER OUT [GAMES] [WINDOW]
#   callgrind_annotate --inclusive=yes OUT.cg.1     # divide by the moves in OUT.moves
#
# valgrind 3.19 cannot read the DWARF 5 of a Swift 6 build (copy the binary with
# `objcopy --strip-debug`; the symbol table stays) and crashes on libdispatch's read-only
# sigsuspend mask (the shim below hands it a writable copy).
set -euo pipefail
cd "$(dirname "$0")/.."
server=$1 out=$2 games=${3:-10} window=${4:-25}
load=${ARENA_LOAD:-.build-release/release/arena-load}
source Benchmarks/bench-lib.sh
bench_prepare /tmp/arena-callgrind 5173 "$server"
cc -O2 -shared -fPIC -o $work/sigsuspend-shim.so Benchmarks/sigsuspend-shim.c
LD_PRELOAD=$work/sigsuspend-shim.so valgrind --tool=callgrind --separate-threads=no --instr-atstart=no \
    --callgrind-out-file="$out.cg" "$server" --config $work/server.conf > "$out.server.log" 2>&1 &
vg=$!
trap 'kill $vg 2> /dev/null || true' EXIT
bench_wait_listening "$out.server.log" 600 0.5
"$load" --server 127.0.0.1:$port --games "$games" --think-ms 0 --duration $((window + 60)) --warmup 20 \
    > /dev/null 2>&1 &
ld=$!
trap 'kill $vg $ld 2> /dev/null || true' EXIT
bench_wait_moves 200 600 1
m0=$(bench_count moves) g0=$(bench_count game_results)
callgrind_control -i on $vg > /dev/null
sleep "$window"
callgrind_control -i off $vg > /dev/null
m1=$(bench_count moves) g1=$(bench_count game_results)
callgrind_control -d $vg > /dev/null
echo "moves=$((m1 - m0)) games_finished=$((g1 - g0))" | tee "$out.moves"
