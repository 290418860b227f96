#!/bin/sh
# tools/pg.sh run COMMAND [ARG...] - run COMMAND beside a throw-away
# PostgreSQL 15 server that this script starts and stops itself.
#
# The server gets a fresh cluster (initdb) in a temporary directory, listens
# on 127.0.0.1 at a free port only (no Unix socket), trusts local
# connections, and skips fsync (its data dies with the run). PostgreSQL
# refuses to run as root, so under root the server runs as the unprivileged
# user `nobody`, owning only the temporary directory. COMMAND sees
#
#   VINN_TEST_PG_URL   postgresql://vinn@127.0.0.1:PORT/postgres, the
#                      superuser's URL; tests CREATE DATABASE their own
#
# and the server is stopped (and its directory removed) when COMMAND ends,
# whatever way it ends. The exit status is COMMAND's. Debian's packages:
# postgresql-15 (tools/deps.sh check installs it).
set -eu

[ "${1:-}" = run ] && [ $# -ge 2 ] || { echo "usage: tools/pg.sh run COMMAND [ARG...]" >&2; exit 2; }
shift

bin=/usr/lib/postgresql/15/bin
[ -x "$bin/postgres" ] || { echo "pg.sh: PostgreSQL 15 is not installed (apt-get install postgresql-15)" >&2; exit 1; }

dir=$(mktemp -d "${TMPDIR:-/tmp}/vinn-pg.XXXXXX")
# VINN_PG_DURABLE=1 (benchmarks): fsync and synchronous commit as in
# production; by default the tests' data dies with the run and needs neither.
durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
[ "${VINN_PG_DURABLE:-0}" = 1 ] && durability="-c fsync=on -c synchronous_commit=on"
# The server's tools run in the temporary directory: the caller's own
# directory may be closed to nobody (a checkout under /root).
as_server() { (cd "$dir" && "$@"); }
if [ "$(id -u)" -eq 0 ]; then
    chown nobody "$dir"
    as_server() { (cd "$dir" && runuser -u nobody -- "$@"); }
fi

# A free port: bind port 0 and take what the kernel gave. Another process
# may take it before the server does; the start then fails and is retried.
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

stop() {
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_server "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT TERM

as_server "$bin/initdb" -D "$dir/data" -U vinn -A trust -E UTF8 --locale=C -N >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }

started=no
for attempt in 1 2 3 4 5; do
    port=$(free_port)
    if as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories= $durability -c max_connections=200" \
        start >/dev/null 2>&1; then
        started=yes
        break
    fi
done
[ "$started" = yes ] || { echo "pg.sh: the server did not start:" >&2; cat "$dir/server.log" >&2; exit 1; }

export VINN_TEST_PG_URL="postgresql://vinn@127.0.0.1:$port/postgres"
set +e
"$@"
rc=$?
set -e
exit "$rc"
