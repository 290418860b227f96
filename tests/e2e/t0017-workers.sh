#!/bin/sh
# `vinn run --worker`: several workers on one database split the day by
# tenant (FOR UPDATE SKIP LOCKED on PostgreSQL), never the same tenant's day
# twice, and a claim left by a dead worker is taken over after its lease.
. "$(dirname "$0")/lib.sh"

run init
for n in 1 2 3 4 5 6; do
    run tenant add "t$n" --country NO --currency NOK --account 8601.11.17947
    run --tenant "t$n" customer add K1 --name "Kari Nordmann" --country NO --email k@example.no
    run --tenant "t$n" customer add K2 --name "Ola Nordmann" --country NO --email o@example.no
    for k in 1 2; do
        run --tenant "t$n" --today 2026-03-02 invoice create "I$k" --customer "K$k" \
            --due-days 14 --line "Vare;1;1000;25"
    done
done
expect_rc 0 "six tenants with two invoices each"

"$VINN" --today 2026-04-20 run --worker --worker-id A --json >a.json 2>a.err &
A=$!
"$VINN" --today 2026-04-20 run --worker --worker-id B --json >b.json 2>b.err &
B=$!
wait $A
RC=$?
expect_rc 0 "worker A finishes"
wait $B
RC=$?
expect_rc 0 "worker B finishes"
expect_eq "$(( $(jq .tenants a.json) + $(jq .tenants b.json) ))" 6 "between them they did the six tenants"
expect_eq "$(( $(jq .reminders a.json) + $(jq .reminders b.json) ))" 12 "twelve reminders in all"
expect_eq "$(db_scalar "SELECT COUNT(*) FROM day_claims WHERE finished_at <> 0")" 6 \
    "each tenant's day claimed once and finished"
expect_eq "$(db_scalar "SELECT COUNT(*) FROM day_claims WHERE worker NOT IN ('A', 'B')")" 0 \
    "by the two workers"
expect_eq "$(db_scalar "SELECT COUNT(*) FROM (SELECT tenant_id, invoice_id, kind FROM case_steps GROUP BY tenant_id, invoice_id, kind HAVING COUNT(*) > 1) x")" 0 \
    "no step was taken twice"
expect_eq "$(db_scalar "SELECT COUNT(*) FROM case_steps")" 36 "pre-due, reminder and notice for each of the twelve"

run --today 2026-04-20 run --worker --json
expect_json .tenants 0 "a third worker finds every tenant's day done"
run --today 2026-04-20 run --json
expect_json .reminders 0 "and the day run again does nothing"

# A worker that died: its claim is older than the lease and unfinished.
may8=$(( $(db_scalar "SELECT MIN(issue_date) FROM invoices") + 67 )) # 2026-03-02 + 67 days
db_exec "INSERT INTO day_claims (tenant_id, day, worker, claimed_at) SELECT tenant_id, $may8, 'dead', 1 FROM tenants WHERE name = 't3'"
run --today 2026-05-08 run --worker --worker-id C --lease 60 --json
expect_json .tenants 6 "a claim past its lease is taken over with the rest"
expect_eq "$(db_scalar "SELECT worker FROM day_claims WHERE day = $may8 AND tenant_id = (SELECT tenant_id FROM tenants WHERE name = 't3')")" C \
    "by the worker that took it"
run --today 2026-05-08 run --worker --lease 60 --json
expect_json .tenants 0 "and then there is nothing left to claim"

# Two servers on the one database serve the same tenant.
KEY=$("$VINN" --tenant t1 key create 2>/dev/null)
for n in 1 2; do
    "$VINN" --today 2026-05-08 serve --listen 127.0.0.1:0 --ready-file "s$n.port" --quiet \
        --rate 0 --webhooks-every 0 &
    eval "S$n=\$!"
done
at_exit 'kill $S1 $S2 2>/dev/null'
i=0
while { [ ! -s s1.port ] || [ ! -s s2.port ]; } && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
P1=$(cat s1.port)
P2=$(cat s2.port)
for n in $(seq 1 40); do
    port=$P1
    [ $((n % 2)) -eq 0 ] && port=$P2
    printf '%s %s\n' "$port" "$n"
done | xargs -P 8 -n 2 sh -c 'curl -s -o /dev/null -w "%{http_code}\n" -X POST \
    -H "Authorization: Bearer $0" -H "Content-Type: application/json" \
    -H "Idempotency-Key: two-$2" \
    -d "{\"number\": \"API-$2\", \"customer\": \"K1\", \"lines\": [{\"text\": \"x\", \"quantity\": 1, \"unit_price\": 10000, \"vat_rate\": 25}]}" \
    "http://127.0.0.1:$1/v1/invoices"' "$KEY" >codes.txt
expect_eq "$(sort codes.txt | uniq -c | awk '{print $2 "x" $1}')" "201x40" \
    "forty invoices through two servers at once, each created"
# the same idempotency key on the other server gives the same invoice back
RC=$(curl -s -o again.json -w '%{http_code}' -X POST -H "Authorization: Bearer $KEY" \
    -H 'Content-Type: application/json' -H 'Idempotency-Key: two-1' \
    -d '{"number": "API-1", "customer": "K1", "lines": [{"text": "x", "quantity": 1, "unit_price": 10000, "vat_rate": 25}]}' \
    "http://127.0.0.1:$P2/v1/invoices")
expect_eq "$RC $(jq -r .number again.json)" "201 API-1" "a key used on one server is honoured by the other"
expect_eq "$(db_scalar "SELECT COUNT(*) FROM invoices i JOIN tenants t ON t.tenant_id = i.tenant_id WHERE t.name = 't1' AND i.number LIKE 'API-%'")" 40 \
    "and nothing twice"
run --tenant t1 ledger verify
expect_rc 0 "the ledger holds"

# PostgreSQL: another connection (an API writer, say) locks invoice D2 and
# then the tenant's message counter, while the day run, in one batch, has
# queued D1's reminder (taking that counter) and waits for D2. PostgreSQL
# ends the deadlock by failing the day run's batch, which waited first;
# the batch runs again and waits its turn: both reminders are sent, once.
if [ -n "$T_PG_DB" ]; then
    run tenant add dl --country NO --currency NOK --account 8601.11.17947
    run --tenant dl customer add K1 --name "Kari Nordmann" --country NO --email k@example.no
    for k in 1 2; do
        run --tenant dl --today 2026-03-02 invoice create "D$k" --customer K1 --due-days 14 \
            --line "Vare;1;1000;25"
    done
    TID=$(db_scalar "SELECT tenant_id FROM tenants WHERE name = 'dl'")
    pg_lock_two "SELECT number FROM invoices WHERE tenant_id = $TID AND number = 'D2' FOR UPDATE" \
        "SELECT name FROM counters WHERE tenant_id = $TID AND name = 'message' FOR UPDATE"
    sleep 0.2
    run --tenant dl --today 2026-03-13 run --json
    expect_rc 0 "a day run whose batch lost a deadlock finishes"
    expect_json .pre_due 2 "with both invoices' pre-due reminders"
    wait $LOCKER
    expect_eq "$? $(tr '\n' ' ' <locker.out)" "0 D2  message " \
        "and the other connection's transaction commits"
    expect_eq "$(db_scalar "SELECT COUNT(*) FROM case_steps WHERE tenant_id = $TID")" 2 \
        "one step each"
fi

done_testing
