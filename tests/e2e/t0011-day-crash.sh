#!/bin/sh
# A day run killed in the middle (SIGKILL, as a power cut would) loses
# nothing and does nothing twice: the rerun finishes the day, each invoice
# gets its reminder once, its fee once, its letter once, and the ledger holds.
. "$(dirname "$0")/lib.sh"

run init
run tenant add acme --country NO --currency NOK --kid mod10
awk 'BEGIN { print "id,name,country,email"; for (i = 1; i <= 300; i++) printf "K%d,Kunde %d,NO,k%d@example.no\n", i, i, i }' >customers.csv
run import customers customers.csv
awk 'BEGIN {
    print "number,customer,date,due_date,text,quantity,unit_price,vat_rate"
    for (i = 1; i <= 3000; i++) printf "INV-%05d,K%d,2026-01-01,2026-02-16,Strøm,1,%d,25\n", i, 1 + i % 300, 100 + i % 50
}' >invoices.csv
run --today 2026-01-01 import invoices invoices.csv
expect_rc 0 "3000 invoices due on Monday 2026-02-16"

steps() { db_scalar "SELECT COUNT(*) FROM case_steps WHERE kind = '$1'"; }

# The pre-due reminders of 2026-02-13 first; killed after 1024 invoices of
# the first batch of 2048: its transaction is lost whole.
VINN_FAULT_KILL_AFTER_BYTES=1000 run --today 2026-02-13 run
expect_eq "$RC" 137 "the first run is killed (SIGKILL)"
expect_eq "$(steps pre-due)" 0 "the killed batch wrote nothing"
run --today 2026-02-13 run --json
expect_json '"\(.invoices_considered) \(.pre_due) \(.messages)"' "3000 3000 3000" \
    "the rerun does the whole day"

# The reminders of 2026-03-02: killed in the second batch, after the first committed.
VINN_FAULT_KILL_AFTER_BYTES=2100 run --today 2026-03-02 run
expect_eq "$RC" 137 "the reminder run is killed in its second batch"
expect_eq "$(steps reminder)" 2048 "the first batch of 2048 reminders was committed"
run --today 2026-03-02 run --json
expect_json '"\(.invoices_considered) \(.reminders) \(.messages)"' "952 952 952" \
    "the rerun takes only the 952 reminders that were left"
run --today 2026-03-02 run --json
expect_json .invoices_considered 0 "a third run finds nothing to do"

expect_eq "$(steps reminder)" 3000 "each invoice got its reminder once"
expect_eq "$(db_scalar "SELECT COUNT(*) FROM messages")" 9000 \
    "one invoice message, one pre-due letter and one reminder each"
expect_eq "$(db_scalar "SELECT COUNT(*) FROM ledger_txns WHERE kind = 'dunning'")" 3000 \
    "one fee posting per reminder"
expect_eq "$(db_scalar "SELECT SUM(fee_minor) FROM case_steps")" 10500000 "3000 fees of 35,00"
run ledger verify
expect_rc 0 "the ledger holds after the kills"

done_testing
