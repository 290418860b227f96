#!/bin/sh
# The server's writer commits many requests in one transaction. Requests
# that fail there, some before they change anything and some after (a
# duplicate number fails at its insert, after an id was drawn), must undo
# only themselves: every other request of the batch is kept, ids have no
# gaps, each request has its audit row, and the ledger holds.
. "$(dirname "$0")/lib.sh"

run init
run tenant add shop --country NO --currency NOK --account 8601.11.17947
for k in 1 2 3; do
    run --tenant shop customer add "K$k" --name "Kunde $k" --country NO --email "k$k@example.no"
done
expect_rc 0 "a tenant with three customers"
KEY=$("$VINN" --tenant shop key create --scopes read,write 2>/dev/null)
run tenant add other --country NO --currency NOK --account 8601.11.17947
run --tenant other customer add O1 --name "Other" --country NO --email o1@example.no
expect_rc 0 "another tenant with a customer"
KEY2=$("$VINN" --tenant other key create --scopes read,write 2>/dev/null)
run tenant add third --country NO --currency NOK --account 8601.11.17947
run --tenant third customer add T1 --name "Third" --country NO --email t1@example.no
KEY3=$("$VINN" --tenant third key create --scopes read,write 2>/dev/null)

# --log-pages 16: the writer starts SQLite's log again whenever it is past
# 16 pages (32 MiB by default), which these requests pass many times.
# --writers 2: on PostgreSQL, two writers share the three tenants (SQLite
# has one writer whatever it is told).
"$VINN" --today 2026-05-04 serve --listen 127.0.0.1:0 --ready-file s.port --quiet --rate 0 \
    --webhooks-every 0 --log-pages 16 --writers 2 2>server.log &
SERVER=$!
at_exit 'kill $SERVER 2>/dev/null'
i=0
while [ ! -s s.port ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
URL="http://127.0.0.1:$(cat s.port)/v1/invoices"

LINE='"lines": [{"text": "Vare", "quantity": 1, "unit_price": 10000, "vat_rate": 25}]'
RC=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $KEY" \
    -H 'Content-Type: application/json' -d "{\"number\": \"D-1\", \"customer\": \"K1\", $LINE}" "$URL")
expect_eq "$RC" 201 "invoice D-1 exists"

# 120 requests, 16 at a time: a duplicate number (409, after an id was
# drawn), an unknown customer (422), an invoice without lines (422) and,
# for the rest, a new invoice (201).
export KEY URL LINE
for n in $(seq 1 120); do
    if [ $((n % 3)) -eq 0 ]; then
        echo "$n 409 {\"number\": \"D-1\", \"customer\": \"K2\", $LINE}"
    elif [ $((n % 5)) -eq 0 ]; then
        echo "$n 422 {\"number\": \"U-$n\", \"customer\": \"NOPE\", $LINE}"
    elif [ $((n % 7)) -eq 0 ]; then
        echo "$n 422 {\"number\": \"E-$n\", \"customer\": \"K3\", \"lines\": []}"
    else
        echo "$n 201 {\"number\": \"B-$n\", \"customer\": \"K$((n % 3 + 1))\", $LINE}"
    fi
done >requests.txt
# one line per request: "n expected got"
xargs -P 16 -d '\n' -n 1 sh -c 'n=${0%% *}; rest=${0#* }; want=${rest%% *}; body=${rest#* }
    got=$(curl -s -o /dev/null -w "%{http_code}" -X POST -H "Authorization: Bearer $KEY" \
        -H "Content-Type: application/json" -d "$body" "$URL")
    echo "$n $want $got"' <requests.txt >codes.txt
expect_eq "$(wc -l <codes.txt | tr -d ' ')" 120 "120 answers"
expect_eq "$(awk '$2 != $3' codes.txt | sort -n | head -5)" "" "each request has the answer its kind calls for"
created=$(awk '$3 == 201' codes.txt | wc -l | tr -d ' ')
expect_eq "$created" 54 "54 invoices created"
expect_eq "$(db_scalar "SELECT COUNT(*) FROM invoices")" 55 "they and D-1 are all there is"
expect_eq "$(db_scalar "SELECT COUNT(*) FROM invoices WHERE number LIKE 'B-%'")" 54 \
    "each created one is kept"
expect_eq "$(db_scalar "SELECT MAX(invoice_id) - COUNT(*) FROM invoices")" 0 \
    "the invoice ids have no gaps: an id a failed request drew is drawn again"
expect_eq "$(db_scalar "SELECT COUNT(*) FROM messages")" 55 "one invoice message each, no more"
expect_eq "$(db_scalar "SELECT COUNT(*) FROM audit_log WHERE route = '/v1/invoices'")" 121 \
    "an audit row for every request, failed ones too"
expect_eq "$(db_scalar "SELECT COUNT(*) FROM audit_log WHERE route = '/v1/invoices' AND status = 409")" 40 \
    "forty of them conflicts"

# SQLite: the server's checkpoint thread copies the log into the database
# file while the server runs (its writer's commits never do), so the file
# alone, read without the log, already holds them.
if [ -z "$T_PG_DB" ]; then
    i=0
    while [ "$(sqlite3 "file:$VINN_DB?immutable=1" "SELECT COUNT(*) FROM invoices")" != 55 ] &&
        [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
    expect_eq "$(sqlite3 "file:$VINN_DB?immutable=1" "SELECT COUNT(*) FROM invoices")" 55 \
        "the database file holds them without its log: checkpointed while serving"
fi

# SQLite: while writes go on, the checkpoint thread never copies all of
# the log before the writer's next transaction begins, and only such a
# transaction starts the log again. 400 invoices from one curl, 16 at a
# time, so that the writes never pause: without the writer's own
# checkpoint past --log-pages, the log grows with every commit (5.5 to
# 7.4 MB, and without end under steady load); with it, the log's file
# stays at 16 pages and what a checkpoint round lets pass (100 to 400 KB).
awk -v url="$URL" -v key="$KEY" -v line="$LINE" 'BEGIN {
    gsub(/"/, "\\\"", line)
    for (n = 1; n <= 400; n++) {
        if (n > 1) print "next"
        printf "url = \"%s\"\nheader = \"Authorization: Bearer %s\"\n", url, key
        print "header = \"Content-Type: application/json\"\noutput = \"/dev/null\""
        print "write-out = \"%{http_code}\\n\""
        printf "data = \"{\\\"number\\\": \\\"L-%d\\\", \\\"customer\\\": \\\"K1\\\", %s}\"\n", n, line
    }
}' >requests.curl
curl -s --no-progress-meter -Z --parallel-max 16 -K requests.curl >logged.txt
expect_eq "$(sort logged.txt | uniq -c | awk '{print $2 "x" $1}')" "201x400" "400 more invoices"
if [ -z "$T_PG_DB" ]; then
    wal=$(stat -c %s "$VINN_DB-wal")
    echo "# the log: $wal bytes"
    expect_eq "$((wal < 256 * 4120))" 1 "the log stays under 256 pages: it starts again past 16"
fi

# The same Idempotency-Key sent twelve times at once: one invoice.
seq 1 12 | xargs -P 12 -I{} sh -c 'curl -s -o /dev/null -w "%{http_code}\n" -X POST \
    -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" \
    -H "Idempotency-Key: same-key" \
    -d "{\"number\": \"IK-1\", \"customer\": \"K1\", $LINE}" "$URL"' >same.txt
expect_eq "$(sort same.txt | uniq -c | awk '{print $2 "x" $1}')" "201x12" \
    "twelve at once with one key: each answered 201"
expect_eq "$(db_scalar "SELECT COUNT(*) FROM invoices WHERE number = 'IK-1'")" 1 "one invoice"

# Three tenants at once, 40 invoices each from one curl: on PostgreSQL two
# writers commit side by side. Every one is created, each tenant's ids
# have no gaps, and each tenant's ledger holds.
BEFORE=$(db_scalar "SELECT COUNT(*) FROM invoices")
for n in $(seq 1 40); do
    echo "MS-$n $KEY K$((n % 3 + 1))"
    echo "MO-$n $KEY2 O1"
    echo "MT-$n $KEY3 T1"
done | awk -v url="$URL" -v line="$LINE" 'BEGIN { gsub(/"/, "\\\"", line) } {
    if (NR > 1) print "next"
    printf "url = \"%s\"\nheader = \"Authorization: Bearer %s\"\n", url, $2
    print "header = \"Content-Type: application/json\"\noutput = \"/dev/null\""
    print "write-out = \"%{http_code}\\n\""
    printf "data = \"{\\\"number\\\": \\\"%s\\\", \\\"customer\\\": \\\"%s\\\", %s}\"\n", $1, $3, line
}' >tenants.curl
curl -s --no-progress-meter -Z --parallel-max 24 -K tenants.curl >tenants.txt
expect_eq "$(sort tenants.txt | uniq -c | awk '{print $2 "x" $1}')" "201x120" \
    "120 invoices of three tenants at once, all created"
expect_eq "$(db_scalar "SELECT COUNT(*) FROM invoices")" "$((BEFORE + 120))" "all 120 are there"
expect_eq "$(db_scalar "SELECT COUNT(*) FROM (SELECT tenant_id FROM invoices GROUP BY tenant_id
    HAVING MAX(invoice_id) <> COUNT(*)) AS t")" 0 "each tenant's invoice ids have no gaps"
for t in other third; do
    run --tenant $t ledger verify
    expect_rc 0 "the ledger of $t holds"
done

# An audit row that cannot be written (another row holds the id it would
# take) fails its request, whether the store writes it at once (SQLite)
# or holds it back to go with the next statement and the commit
# (PostgreSQL; the writer then runs the batch again with savepoints):
# nothing of the request stays, the other tenant's requests sent with it
# (audit ids are per tenant) are kept, and the server goes on serving.
db_exec "INSERT INTO audit_log (tenant_id, audit_id, at, key_id, method, route, object, status)
    SELECT tenant_id, MAX(audit_id) + 1, 0, 0, 'GET', '/planted', '', 200 FROM audit_log
    WHERE tenant_id = (SELECT tenant_id FROM tenants WHERE name = 'shop') GROUP BY tenant_id"
BEFORE=$(db_scalar "SELECT COUNT(*) FROM invoices")
# One curl, all at once, the failing one last: the writer takes the first
# alone and the rest as one batch, which PostgreSQL's held audit row
# fails only at its commit.
{
    for n in $(seq 1 10); do echo "OT-$n $KEY2 O1"; done
    echo "AU-1 $KEY K1"
} | awk -v url="$URL" -v line="$LINE" 'BEGIN { gsub(/"/, "\\\"", line) } {
    if (NR > 1) print "next"
    printf "url = \"%s\"\nheader = \"Authorization: Bearer %s\"\n", url, $2
    printf "header = \"Content-Type: application/json\"\noutput = \"%s.json\"\n", $1
    printf "write-out = \"%s %%{http_code}\\n\"\n", $1
    printf "data = \"{\\\"number\\\": \\\"%s\\\", \\\"customer\\\": \\\"%s\\\", %s}\"\n", $1, $3, line
}' >audit.curl
curl -s --no-progress-meter -Z --parallel-immediate --parallel-max 11 -K audit.curl | sort >audit.txt
expect_eq "$(grep '^AU-1' audit.txt | cut -c6) $(jq -r '.error.code != null' AU-1.json)" \
    "$([ -n "$T_PG_DB" ] && echo 5 || echo 4) true" "an invoice whose audit row cannot be written fails"
expect_eq "$(grep -c '^OT-[0-9]* 201$' audit.txt)" 10 "the other tenant's ten sent with it are created"
expect_eq "$(db_scalar "SELECT COUNT(*) FROM invoices")" "$((BEFORE + 10))" \
    "and nothing of the failed one is written"
db_exec "DELETE FROM audit_log WHERE route = '/planted'"
RC=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $KEY" \
    -H 'Content-Type: application/json' -d "{\"number\": \"AU-1\", \"customer\": \"K1\", $LINE}" "$URL")
expect_eq "$RC" 201 "with the id free again, the same invoice is created"
expect_eq "$(db_scalar "SELECT object FROM audit_log WHERE tenant_id = (SELECT tenant_id FROM tenants
    WHERE name = 'shop') ORDER BY audit_id DESC LIMIT 1")" "invoice AU-1" \
    "its audit row is the last"

# Another process changes the dunning policies while the server runs: the
# server's next invoice follows the new policy (what the writer keeps in
# memory is read again when another connection has committed).
one() { # one NUMBER: create an invoice for K1 through the server
    curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $KEY" \
        -H 'Content-Type: application/json' \
        -d "{\"number\": \"$1\", \"customer\": \"K1\", \"due_days\": 14, $LINE}" "$URL"
}
expect_eq "$(one P-1)" 201 "an invoice under the default policy"
run --tenant shop case show P-1 --json
expect_json '"\(.policy) \(.next_action)"' "default-no-person 2026-05-15" \
    "its first action is the pre-due reminder, 3 days before 2026-05-18"
cat >gentle.json <<'EOF2'
{"priority": 10, "match": {"kind": "person"}, "interest": false,
 "steps": [{"kind": "reminder", "days": 10, "tone": "friendly", "deadline": 14}]}
EOF2
run --tenant shop policy set gentle --file gentle.json
expect_rc 0 "another process sets a policy of the tenant's own"
expect_eq "$(one P-2)" 201 "the next invoice through the server"
run --tenant shop case show P-2 --json
expect_json '"\(.policy) \(.next_action)"' "gentle 2026-05-28" \
    "follows it: the first step 10 days after due"
# The writer keeps each tenant's rules apart: the other tenant's invoices,
# sent between shop's, keep the default policy, and shop's the new one.
other() { # other NUMBER: an invoice for the other tenant's O1
    curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $KEY2" \
        -H 'Content-Type: application/json' \
        -d "{\"number\": \"$1\", \"customer\": \"O1\", \"due_days\": 14, $LINE}" "$URL"
}
expect_eq "$(other PO-1) $(one P-3) $(other PO-2) $(one P-4)" "201 201 201 201" \
    "two tenants' invoices in turn"
for n in PO-1 PO-2; do
    run --tenant other case show $n --json
    expect_json '"\(.policy) \(.next_action)"' "default-no-person 2026-05-15" \
        "$n follows the other tenant's own (the default)"
done
for n in P-3 P-4; do
    run --tenant shop case show $n --json
    expect_json '.policy' "gentle" "$n follows shop's"
done

# PostgreSQL: another connection locks shop's id counters in the other
# order from the writer's (txn, then invoice) while an invoice is being
# made. PostgreSQL ends the deadlock by failing the one that waited first,
# the writer; the writer runs its batch again, which then waits its turn:
# the invoice is created, and the other connection's transaction commits.
if [ -n "$T_PG_DB" ]; then
    TID=$(db_scalar "SELECT tenant_id FROM tenants WHERE name = 'shop'")
    pg_lock_two "SELECT name FROM counters WHERE tenant_id = $TID AND name = 'txn' FOR UPDATE" \
        "SELECT name FROM counters WHERE tenant_id = $TID AND name = 'invoice' FOR UPDATE"
    sleep 0.2
    expect_eq "$(one DL-1)" 201 "an invoice whose transaction lost a deadlock is created"
    wait $LOCKER
    expect_eq "$? $(tr '\n' ' ' <locker.out)" "0 txn  invoice " \
        "and the other connection's transaction commits"
fi

# --request-timeout covers waiting for the database. Another connection
# holds SQLite's write lock, or on PostgreSQL shop's id counters, for 3 s;
# a server whose requests may take 1 s answers 503 timeout while the lock
# is still held (waiting for it, the invoice would be created) and writes
# nothing; once the lock is gone, the same request creates the invoice.
"$VINN" --today 2026-05-04 serve --listen 127.0.0.1:0 --ready-file t.port --quiet --rate 0 \
    --webhooks-every 0 --request-timeout 1 2>timeout.log &
TSERVER=$!
at_exit 'kill $TSERVER 2>/dev/null'
i=0
while [ ! -s t.port ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
TURL="http://127.0.0.1:$(cat t.port)/v1/invoices"
late() {
    curl -s -o late.json -w '%{http_code}' -X POST -H "Authorization: Bearer $KEY" \
        -H 'Content-Type: application/json' \
        -d "{\"number\": \"TO-1\", \"customer\": \"K1\", $LINE}" "$TURL"
}
if [ -n "$T_PG_DB" ]; then
    printf 'BEGIN;\nSELECT name FROM counters WHERE tenant_id = %s FOR UPDATE;\nSELECT pg_sleep(3);\nCOMMIT;\n' \
        "$(db_scalar "SELECT tenant_id FROM tenants WHERE name = 'shop'")" |
        psql -qXAt "$VINN_DB" >holder.out 2>&1 &
else
    { echo "BEGIN IMMEDIATE;"; sleep 3; echo "COMMIT;"; } | sqlite3 "$VINN_DB" &
fi
HOLDER=$!
sleep 0.5
expect_eq "$(late) $(jq -r .error.code late.json)" "503 timeout" \
    "a request waiting for the database past --request-timeout is answered 503 timeout"
wait $HOLDER
expect_eq "$(db_scalar "SELECT COUNT(*) FROM invoices WHERE number = 'TO-1'")" 0 "and writes nothing"
expect_eq "$(late)" 201 "the same request, once the lock is gone, creates the invoice"
kill $TSERVER
wait $TSERVER

kill $SERVER
wait $SERVER
RC=$?
expect_rc 0 "the server stops cleanly"
run --tenant shop ledger verify
expect_rc 0 "the ledger holds"

done_testing
