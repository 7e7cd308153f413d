# Sourced by callgrind.sh and switches.sh: a scratch server of their own (its port, its data dir)
# beside whatever ab.sh may hold on port 5100, and the waits around it.

# bench_prepare WORK PORT SERVER: WORK/server.conf is Benchmarks/server.conf on PORT with its data
# in WORK/data, and that database is fresh, with 2,000 load accounts. Sets $work and $port.
bench_prepare() {
    work=$1 port=$2
    mkdir -p "$work"
    sed -e "s/^port = 5100/port = $port/" -e "s#^data_dir = .*#data_dir = $work/data#" Benchmarks/server.conf \
        > "$work/server.conf"
    rm -rf "$work/data"
    "$3" admin seed-users --config "$work/server.conf" --count 2000 --prefix load > /dev/null
}

# bench_wait_listening LOG TRIES SECONDS: until the server's log says it listens.
bench_wait_listening() {
    for _ in $(seq "$2"); do grep -q listening "$1" && return 0; sleep "$3"; done
}

# bench_count TABLE: rows of TABLE in the scratch database.
bench_count() { sqlite3 "$work/data/arena.sqlite" "select count(*) from $1"; }

# bench_wait_moves N TRIES SECONDS: until more than N moves are stored (logins come first).
bench_wait_moves() {
    for _ in $(seq "$2"); do [ "$(bench_count moves 2> /dev/null || echo 0)" -gt "$1" ] && return 0; sleep "$3"; done
}
