# tests/e2e/lib.sh - a small harness for end-to-end tests of the real `vinn`
# binary (after git's t/test-lib.sh). Each test script sources this file,
# runs commands in a fresh temporary directory with its own database, and
# asserts exit codes, output and JSON fields. No test sleeps or reads the
# clock: every command gets --today.
set -u

VINN=${VINN:?set VINN to the vinn binary}
SAMPLES=${SAMPLES:-}
T_NAME=$(basename "$0" .sh)
T_SRC=$(cd "$(dirname "$0")" && pwd)
T_DIR=$(mktemp -d "${TMPDIR:-/tmp}/vinn-e2e-$T_NAME.XXXXXX")
T_FAILED=0
T_COUNT=0
export VINN_DB="$T_DIR/vinn.db"
cd "$T_DIR" || exit 1
# at_exit CMD: run CMD when the script ends (servers it started), before
# the directory and databases go.
T_AT_EXIT=:
at_exit() {
    T_AT_EXIT="$T_AT_EXIT; $1"
}
trap 'eval "$T_AT_EXIT"; [ -n "${KEEP:-}" ] || rm -rf "$T_DIR"' EXIT

# VINN_E2E_PG=1: the same script on PostgreSQL, in a fresh database of its
# own on the server VINN_TEST_PG_URL names (tools/pg.sh run starts one),
# dropped at the end. Skipped when there is no server.
T_PG_DB=
T_PG_DBS=
if [ -n "${VINN_E2E_PG:-}" ]; then
    if [ -z "${VINN_TEST_PG_URL:-}" ]; then
        echo "1..0 # SKIP VINN_TEST_PG_URL is not set (tools/pg.sh run sets it)"
        exit 0
    fi
    T_PG_DB="vinn_e2e_$(printf '%s' "$T_NAME" | tr -c 'a-z0-9' '_')_$$"
    trap 'eval "$T_AT_EXIT"; rm -rf "$T_DIR"; for d in $T_PG_DBS; do psql -qX "$VINN_TEST_PG_URL" -c "DROP DATABASE $d WITH (FORCE)" >/dev/null; done' EXIT
fi

# new_db NAME: point VINN_DB at a new, empty database: NAME.db in the
# current directory, or on PostgreSQL a database of its own.
new_db() {
    if [ -z "$T_PG_DB" ]; then
        export VINN_DB="$PWD/$1.db"
        return
    fi
    psql -qX "$VINN_TEST_PG_URL" -c "CREATE DATABASE ${T_PG_DB}_$1" >/dev/null || exit 1
    T_PG_DBS="$T_PG_DBS ${T_PG_DB}_$1"
    export VINN_DB="${VINN_TEST_PG_URL%/*}/${T_PG_DB}_$1"
}
[ -z "$T_PG_DB" ] || new_db main

# run ARGS...: run vinn, keep stdout in $OUT, stderr in $ERR, exit in $RC.
run() {
    OUT=$("$VINN" "$@" 2>"$T_DIR/.stderr")
    RC=$?
    ERR=$(cat "$T_DIR/.stderr")
}

fail() {
    T_FAILED=$((T_FAILED + 1))
    printf 'not ok %d - %s\n' "$T_COUNT" "$1"
    printf '#   command output: %s\n#   stderr: %s\n#   exit: %s\n' "${OUT:-}" "${ERR:-}" "${RC:-}"
}

pass() {
    printf 'ok %d - %s\n' "$T_COUNT" "$1"
}

# expect_rc CODE DESCRIPTION
expect_rc() {
    T_COUNT=$((T_COUNT + 1))
    if [ "$RC" -eq "$1" ]; then pass "$2"; else fail "$2 (wanted exit $1)"; fi
}

# expect_json JQ-FILTER EXPECTED DESCRIPTION: $OUT through jq -r must equal EXPECTED.
expect_json() {
    T_COUNT=$((T_COUNT + 1))
    got=$(printf '%s' "$OUT" | jq -r "$1" 2>&1)
    if [ "$got" = "$2" ]; then pass "$3"; else fail "$3 (jq '$1' gave '$got', wanted '$2')"; fi
}

# expect_out_contains TEXT DESCRIPTION / expect_err_contains TEXT DESCRIPTION
expect_out_contains() {
    T_COUNT=$((T_COUNT + 1))
    case "$OUT" in *"$1"*) pass "$2" ;; *) fail "$2 (stdout lacks '$1')" ;; esac
}
expect_err_contains() {
    T_COUNT=$((T_COUNT + 1))
    case "$ERR" in *"$1"*) pass "$2" ;; *) fail "$2 (stderr lacks '$1')" ;; esac
}

# expect_eq GOT WANT DESCRIPTION
expect_eq() {
    T_COUNT=$((T_COUNT + 1))
    if [ "$1" = "$2" ]; then pass "$3"; else fail "$3 (got '$1', wanted '$2')"; fi
}

# db_scalar SQL: values from the database (read-only), a row a line, the
# columns separated by '|'. SQL both databases read alike.
db_scalar() {
    if [ -n "$T_PG_DB" ]; then
        psql -qXAt "$VINN_DB" -c "$1"
    else
        sqlite3 -readonly "$VINN_DB" "$1"
    fi
}

# pg_lock_two FIRST SECOND (PostgreSQL): in the background, one
# transaction of another connection that runs the query FIRST, waits 0.6 s,
# runs SECOND and commits (row locks taken in an order of the test's
# choosing); what it printed goes to locker.out, its pid to LOCKER.
pg_lock_two() {
    printf 'BEGIN;\n%s;\nSELECT pg_sleep(0.6);\n%s;\nCOMMIT;\n' "$1" "$2" |
        psql -qXAt -v ON_ERROR_STOP=1 "$VINN_DB" >locker.out 2>&1 &
    LOCKER=$!
}

# db_exec SQL: change the database behind vinn's back (tests of verify).
db_exec() {
    if [ -n "$T_PG_DB" ]; then
        psql -qX -v ON_ERROR_STOP=1 "$VINN_DB" -c "$1" >/dev/null
    else
        sqlite3 "$VINN_DB" "$1"
    fi
}

# start_sinks: a real SMTP server and an SMS gateway (the sinks of
# tests/unit/channels) on ports the kernel picks, keeping what they receive
# in ./smtp and ./http; sets SMTP_PORT and HTTP_PORT, checks they listen, and
# stops them when the test ends.
start_sinks() {
    sinks="$T_SRC/../unit/channels"
    mkdir -p smtp http
    /usr/bin/python3 "$sinks/smtp_sink.py" "$T_DIR/smtp" >smtp.port 2>smtp.err &
    SMTP_PID=$!
    /usr/bin/python3 "$sinks/http_sink.py" "$T_DIR/http" >http.port 2>http.err &
    HTTP_PID=$!
    trap 'kill $SMTP_PID $HTTP_PID 2>/dev/null; rm -rf "$T_DIR"' EXIT
    for _ in $(seq 1 100); do
        [ -s smtp.port ] && [ -s http.port ] && break
        sleep 0.1
    done
    SMTP_PORT=$(head -1 smtp.port)
    HTTP_PORT=$(head -1 http.port)
    expect_eq "$( [ -n "$SMTP_PORT" ] && [ -n "$HTTP_PORT" ] && echo up)" up \
        "the SMTP server and the SMS gateway listen"
}

# line_args COUNT TEXT: "--line TEXT-1;1;1,00;25 ... --line TEXT-COUNT;1;COUNT,00;25",
# the lines of a long invoice (unquoted in use: the texts hold no spaces).
line_args() {
    args=""
    i=1
    while [ "$i" -le "$1" ]; do
        args="$args --line $2-$i;1;$i,00;25"
        i=$((i + 1))
    done
    printf '%s' "$args"
}

done_testing() {
    printf '1..%d\n' "$T_COUNT"
    [ "$T_FAILED" -eq 0 ]
    exit $?
}
