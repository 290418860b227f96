#!/bin/sh
# bench/bench_api.sh VINN [SECONDS] [sqlite|postgres] - the HTTP API under wrk,
# against the real server on a fresh database: SQLite (durable: WAL,
# synchronous=FULL) or, with postgres, a database on the server
# VINN_TEST_PG_URL names (tools/pg.sh run starts one; VINN_PG_DURABLE=1 for
# fsync and synchronous commit).
#
#   api_invoice_create: POST /v1/invoices as fast as 512 connections go,
#       ratio = our time per request over GET /v1/health's on the same
#       server at the same connections in the same run (the bare HTTP
#       path). Fewer connections do not keep a group-committing server
#       busy: a batch waits for its sync while the next one gathers, and
#       their answers travel back, so on SQLite 64 connections left a
#       third of the CPU idle and 256 still 9 to 12% (plus 3 to 4% iowait;
#       512: 7% and 3%). In five alternating rounds on the same build, 512
#       made 19,977 invoices a second on average and 256 18,655, with
#       ratios 2.78 and 3.15 (before wrk's timers went, below): the
#       writer's batches are bigger, and so cheaper per invoice;
#   api_invoice_p99: p99 latency at about 5,000 requests a second: 256
#       connections, each waiting a random 0 to 96 ms (48 on average)
#       after an answer before its next request: 256 / (48 ms + the
#       answer's time). wrk has no fixed rate; the line says the rate
#       reached. The wait is random because a fixed one is not a fixed
#       rate here: the answers of one group commit come back together,
#       so their connections ask again together, and the load turns into
#       bursts of a whole batch that only the client made. ratio = its p99
#       over GET /v1/health's p99 at the same rate. On PostgreSQL, whose
#       writer does about 2,000 a second here, the same load would measure
#       only its queue: there each connection waits 0 to 500 ms (about
#       1,000 requests a second, half of what it can do).
# Each prints one line "bench NAME: N items, X items/s, ratio R vs BASELINE".
set -eu
[ -n "${BENCH_DEBUG:-}" ] && set -x
vinn=$(readlink -f "$1")
secs=${2:-10}
backend=${3:-sqlite}
dir=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; [ -n "${BENCH_DEBUG:-}" ] && cat "$dir/wrk.log" >&2; rm -rf "$dir"' EXIT INT TERM
export VINN_DB="$dir/bench.db"
if [ "$backend" = postgres ]; then
    db="vinn_bench_$$"
    psql -qX "$VINN_TEST_PG_URL" -c "CREATE DATABASE $db" >/dev/null
    export VINN_DB="${VINN_TEST_PG_URL%/*}/$db"
fi
"$vinn" init >/dev/null
"$vinn" tenant add bench --country NO --currency NOK --account 8601.11.17947 >/dev/null
for i in $(seq 1 50); do
    echo "C$i,Kunde $i,NO,,person,c$i@example.no,,,,Gate $i,0150,Oslo,"
done | { echo "id,name,country,lang,kind,email,phone,org_no,national_id,address,postcode,city,tags"; cat; } \
    >"$dir/customers.csv"
"$vinn" import customers "$dir/customers.csv" >/dev/null
key=$("$vinn" key create --scopes read,write 2>/dev/null)
"$vinn" serve --listen 127.0.0.1:0 --ready-file "$dir/port" --rate 0 --quiet &
pid=$!
i=0
while [ ! -s "$dir/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
url="http://127.0.0.1:$(cat "$dir/port")"

# Each request has its own number; the requests go to the tenants of
# `keys` in turn. The request's text is put together from parts made once
# (wrk.format walks its header table each time; this takes about 2 us a
# request less of the client's CPU, which shares the two cores with the
# server).
cat >"$dir/invoice.lua" <<'LUA'
local counter = 0
local heads, start
local rest = '","date":"2026-05-04","due_days":14,"lines":[{"text":"Vare","quantity":2,' ..
    '"unit_price":12500,"vat_rate":25},{"text":"Frakt","quantity":1,"unit_price":9900,' ..
    '"vat_rate":25}]}'
function request()
    if opening > 0 then
        opening = opening - 1
        return wrk.format("GET", "/v1/health")
    end
    if heads == nil then
        heads = {}
        for i, k in ipairs(keys) do
            heads[i] = "POST /v1/invoices HTTP/1.1\r\nHost: " .. wrk.host .. ":" .. wrk.port ..
                "\r\nContent-Type: application/json\r\nAuthorization: Bearer " .. k ..
                "\r\nContent-Length: "
        end
        start = '{"number":"B' .. run .. "-" .. tid .. "-"
    end
    counter = counter + 1
    local body = start .. counter .. '","customer":"C' .. (counter % 50 + 1) .. rest
    return heads[counter % #keys + 1] .. #body .. "\r\n\r\n" .. body
end
LUA
# what both scripts share: each thread's number (tid), the delay per
# connection and the one result line
cat >"$dir/common.lua" <<'LUA'
local ntid = 0
function setup(thread)
    ntid = ntid + 1
    thread:set("tid", ntid)
end
function init(args)
    delay_ms = tonumber(args[1] or "0")
    opening = tonumber(args[2] or "0")
    math.randomseed(os.time() * 100 + tid)
    -- wrk looks for delay() after init: without one it sends the next
    -- request at once, with one every request waits on a timer of its own,
    -- even of 0 ms (wrk's CPU a health check: about 6 us more, on the
    -- cores the server shares)
    if delay_ms == 0 then
        delay = nil
    end
end
function delay()
    if delay_ms == 0 then
        return 0
    end
    return math.random(0, 2 * delay_ms)
end
function done(summary, latency, requests)
    local bad = summary.errors.status + summary.errors.connect + summary.errors.read +
        summary.errors.write + summary.errors.timeout
    io.write(string.format("RESULT %d %d %.3f %d\n", summary.requests, summary.duration,
        latency:percentile(99) / 1000, bad))
end
LUA
: >"$dir/health.lua"

# run NAME SCRIPT CONNECTIONS DELAY PATH [OPENING] -> "requests duration_us p99_ms
# errors". OPENING: the first request of each connection is a GET /v1/health
# (the p99 runs). wrk sends every connection's first request at once, with
# no wait: 256 invoices at the same instant, a burst no fixed rate has,
# whose queue (15 ms on SQLite, 130 ms on PostgreSQL) was up to a quarter
# of the slowest 1 % of a 10 s run. The 256 answers of health still count
# in the histogram: its 99th percentile is the invoices' 98.995th at 50,000
# of them. They are taken off the count of items (wrk spends one of the
# 256 before it connects: 255 are sent).
keys="\"$key\""
run() {
    { echo "run = \"$1\"; keys = {$keys}"; cat "$dir/common.lua" "$2"; } >"$dir/run.lua"
    wrk -t2 -c"$3" -d"${secs}s" --timeout 10s -s "$dir/run.lua" "$url$5" -- "$4" "${6:-0}" 2>&1 |
        tee -a "$dir/wrk.log" | sed -n "s/^RESULT //p"
}

conns=512
set -- $(run h1 "$dir/health.lua" $conns 0 /v1/health)
h_n=$1 h_us=$2
set -- $(run i1 "$dir/invoice.lua" $conns 0 /v1/invoices)
i_n=$1 i_us=$2 i_err=$4
delay=48
[ "$backend" = postgres ] && delay=250
set -- $(run h2 "$dir/health.lua" 256 $delay /v1/health)
hp_n=$1 hp_us=$2 hp_p99=$3
set -- $(run i2 "$dir/invoice.lua" 256 $delay /v1/invoices 128)
ip_n=$(($1 - 256)) ip_us=$2 ip_p99=$3 ip_err=$4

awk -v be="$backend" -v hn="$h_n" -v hus="$h_us" -v n="$i_n" -v us="$i_us" -v err="$i_err" -v c="$conns" 'BEGIN {
    rate = n / (us / 1e6); base = hn / (hus / 1e6)
    printf "bench api_invoice_create_%s: %d items, %.0f items/s, ratio %.2f vs GET /v1/health (%.0f/s; durable, %d connections, %d errors)\n", be, n, rate, base / rate, base, c, err
}'
awk -v be="$backend" -v n="$ip_n" -v us="$ip_us" -v p="$ip_p99" -v hp="$hp_p99" -v err="$ip_err" 'BEGIN {
    printf "bench api_invoice_p99_%s: %d items, %.0f items/s, ratio %.2f vs GET /v1/health p99 at the same rate (p99 %.2f ms vs %.2f ms, %d errors)\n", be, n, n / (us / 1e6), p / hp, p, hp, err
}'

# PostgreSQL: four tenants at once, which its four writers (--writers,
# each tenant's writes to one of them) commit side by side.
if [ "$backend" = postgres ]; then
    for t in 2 3 4; do
        "$vinn" tenant add "bench$t" --country NO --currency NOK --account 8601.11.17947 >/dev/null
        "$vinn" --tenant "bench$t" import customers "$dir/customers.csv" >/dev/null
        keys="$keys, \"$("$vinn" --tenant "bench$t" key create --scopes read,write 2>/dev/null)\""
    done
    set -- $(run t1 "$dir/invoice.lua" $conns 0 /v1/invoices)
    awk -v hn="$h_n" -v hus="$h_us" -v n="$1" -v us="$2" -v err="$4" -v c="$conns" 'BEGIN {
        rate = n / (us / 1e6); base = hn / (hus / 1e6)
        printf "bench api_invoice_create_postgres_4_tenants: %d items, %.0f items/s, ratio %.2f vs GET /v1/health (%.0f/s; durable, %d connections, 4 writers, %d errors)\n", n, rate, base / rate, base, c, err
    }'
    for t in 2 3 4; do "$vinn" --tenant "bench$t" ledger verify >/dev/null; done
fi
"$vinn" --tenant bench ledger verify >/dev/null
