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
trap '[ -n "${KEEP:-}" ] || rm -rf "$T_DIR"' EXIT

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

# db_count SQL: a number from the database (read-only).
db_scalar() {
    sqlite3 -readonly "$VINN_DB" "$1"
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
