#!/bin/sh
# A kill in the middle of an import loses nothing and writes nothing; the
# rerun finishes the work, and a third run does nothing twice.
. "$(dirname "$0")/lib.sh"

run init
run tenant add acme --country NO --currency NOK
awk 'BEGIN { print "id,name,country"; for (i = 1; i <= 500; i++) printf "K%d,Kunde %d,NO\n", i, i }' >customers.csv
run import customers customers.csv
expect_rc 0 "customers"
awk 'BEGIN {
    print "number,customer,date,text,quantity,unit_price,vat_rate"
    for (i = 1; i <= 20000; i++) {
        printf "INV-%05d,K%d,2026-10-%02d,Strøm oktober,1,%d.%02d,25\n", i, 1 + i % 500, 1 + i % 28, 100 + i % 900, i % 100
        if (i % 3 == 0) printf "INV-%05d,K%d,2026-10-%02d,Nettleie,1.5,120.50,25\n", i, 1 + i % 500, 1 + i % 28
    }
}' >invoices.csv

VINN_FAULT_KILL_AFTER_BYTES=1 "$VINN" import invoices invoices.csv >/dev/null 2>&1
RC=$?
expect_rc 137 "the import is killed mid-file (SIGKILL)"
expect_eq "$(db_scalar 'SELECT COUNT(*) FROM invoices')" 0 "no invoice survives the kill"
expect_eq "$(db_scalar 'SELECT COUNT(*) FROM postings')" 0 "no posting survives the kill"
run ledger verify
expect_rc 0 "the ledger holds after the kill"

run import invoices invoices.csv --json
expect_rc 0 "the rerun imports the file"
expect_json .invoices 20000 "every invoice"
expect_json .lines 26666 "every line"
expect_eq "$(db_scalar 'SELECT COUNT(*) FROM ledger_txns')" 20000 "one ledger transaction each"

run import invoices invoices.csv
expect_rc 4 "a third run is refused as a conflict"
expect_eq "$(db_scalar 'SELECT COUNT(*) FROM invoices')" 20000 "nothing twice"
run ledger verify
expect_rc 0 "the ledger holds"
done_testing
