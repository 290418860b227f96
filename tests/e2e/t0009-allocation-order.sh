#!/bin/sh
# A payment pays fees, then interest, then principal, or the tenant's own
# order; the invoice's cached outstanding follows. Reminder fees and late
# interest come with the dunning work; here they are posted straight into
# the ledger (a balanced transaction, checked by ledger verify first).
. "$(dirname "$0")/lib.sh"

T="--today 2026-10-20"
run init
run tenant add acme --country NO --currency NOK --kid mod10
run customer add K1 --name "Ola Nordmann" --country NO
run --today 2026-09-01 invoice create INV-1 --customer K1 --line "Strøm;1;100;25" --json
REF=$(printf '%s' "$OUT" | jq -r .reference)
# A 35,00 reminder fee and 10,00 of interest on INV-1.
db_exec "
BEGIN;
INSERT INTO ledger_txns (tenant_id, txn_id, kind, idem_key, day, currency, invoice_id, created_at)
  SELECT 1, value + 1, 'fee', 'test-fee', 20740, 'NOK', 1, 0 FROM counters WHERE tenant_id = 1 AND name = 'txn';
INSERT INTO postings SELECT 1, txn_id, 1, 2, 1, 1, 'NOK', 3500 FROM ledger_txns WHERE idem_key = 'test-fee';
INSERT INTO postings SELECT 1, txn_id, 2, 13, 0, 0, 'NOK', -3500 FROM ledger_txns WHERE idem_key = 'test-fee';
INSERT INTO postings SELECT 1, txn_id, 3, 3, 1, 1, 'NOK', 1000 FROM ledger_txns WHERE idem_key = 'test-fee';
INSERT INTO postings SELECT 1, txn_id, 4, 14, 0, 0, 'NOK', -1000 FROM ledger_txns WHERE idem_key = 'test-fee';
UPDATE counters SET value = value + 1 WHERE tenant_id = 1 AND name = 'txn';
INSERT INTO accounts VALUES (1, 1, 2, 'NOK', 3500), (1, 0, 13, 'NOK', -3500), (1, 1, 3, 'NOK', 1000), (1, 0, 14, 'NOK', -1000);
UPDATE invoices SET outstanding_minor = outstanding_minor + 4500 WHERE invoice_id = 1;
COMMIT;"
run ledger verify
expect_rc 0 "the fee and interest are posted as a balanced transaction"

pay() { # AMOUNT BANKREF
    printf 'date;amount;reference;payer_name;bank_reference\n2026-10-19;%s;%s;Ola Nordmann;%s\n' "$1" "$REF" "$2" >"pay-$2.csv"
    run $T payments import "pay-$2.csv" --json
}
pay 40,00 P1
expect_json .partial 1 "40,00 pays part of INV-1"
run payments show 1 --json
expect_json '.allocations[0] | "\(.fees) \(.interest) \(.principal)"' "3500 500 0" \
    "fees first (35,00), then interest (5,00), principal last"
run invoice show INV-1 --json
expect_json .outstanding 13000 "INV-1 still owes 130,00 (5,00 interest + 125,00 principal)"

run tenant set allocation_order principal,interest,fees
expect_rc 0 "the tenant's own order"
run tenant set allocation_order principal,fees
expect_rc 2 "an order without interest is refused"
expect_err_contains "allocation order 'principal,fees' must name fees, interest and principal once each" "the message names the rule"
run tenant set match_threshold 101
expect_rc 2 "a threshold above 100 is refused"
pay 100,00 P2
run payments show 2 --json
expect_json '.allocations[0] | "\(.fees) \(.interest) \(.principal)"' "0 0 10000" \
    "principal first in the tenant's order"
pay 100,00 P3
expect_json .overpaid 1 "the last payment pays off INV-1 and leaves credit"
run payments show 3 --json
expect_json '.allocations[0] | "\(.fees) \(.interest) \(.principal) \(.amount)"' "0 500 2500 3000" \
    "principal 25,00 then interest 5,00"
expect_json .credit 7000 "70,00 becomes credit"
run invoice show INV-1 --json
expect_json '"\(.status) \(.outstanding)"' "paid 0" "INV-1 is paid"
# Two identical payments without a bank reference are two payments, once.
printf 'date;amount;payer_name;message\n2026-10-19;10,00;Ukjent;gave\n2026-10-19;10,00;Ukjent;gave\n' >same.csv
run $T payments import same.csv --json
expect_json '"\(.new) \(.unmatched)"' "2 2" "identical entries are told apart by their occurrence"
run $T payments import same.csv --json
expect_json '"\(.new) \(.duplicates)"' "0 2" "and each is known the second time"
run ledger verify
expect_rc 0 "the ledger holds"
# Tampering with a payment's parts is caught.
db_exec "UPDATE payments SET credit_minor = credit_minor + 1 WHERE payment_id = 3"
run ledger verify --json
expect_rc 1 "a payment that does not add up fails verify"
expect_json '.tenants[0].payment_mismatches' 1 "one payment mismatch"
expect_json '.tenants[0].problems[0]' "payment 3 of 10000 is accounted for as 10001 (allocations, credit, queue)" \
    "the problem names the payment and both sums"
done_testing
