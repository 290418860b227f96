#!/bin/sh
# A kill in the middle of a bank-file import loses nothing and writes
# nothing; the rerun imports the whole file, and a third run adds nothing.
. "$(dirname "$0")/lib.sh"

run init
run tenant add acme --country NO --currency NOK --kid mod10
awk 'BEGIN { print "id,name,country"; for (i = 1; i <= 300; i++) printf "K%d,Kunde %d,NO\n", i, i }' >customers.csv
run import customers customers.csv
awk 'BEGIN {
    print "number,customer,date,text,quantity,unit_price,vat_rate"
    for (i = 1; i <= 3000; i++) printf "INV-%05d,K%d,2026-10-01,Strøm,1,%d,25\n", i, 1 + i % 300, 100 + i % 50
}' >invoices.csv
run import invoices invoices.csv
expect_rc 0 "3000 invoices"
# The KIDs are MOD10 of the zero-padded invoice id; the amounts the gross.
run invoice list --limit 10000 --json
printf '%s' "$OUT" | jq -r '.invoices[] | "\(.reference) \(.amount)"' >refs.txt
expect_eq "$(wc -l <refs.txt)" 3000 "every invoice has a reference"
awk 'BEGIN {
    print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    print "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.04\"><BkToCstmrDbtCdtNtfctn>"
    print "<GrpHdr><MsgId>CRASH-1</MsgId><CreDtTm>2026-10-20T10:00:00</CreDtTm></GrpHdr>"
    print "<Ntfctn><Id>N</Id><CreDtTm>2026-10-20T10:00:00</CreDtTm><Acct><Id><IBAN>NO9386011117947</IBAN></Id></Acct>"
}
{
    i++
    printf "<Ntry><Amt Ccy=\"NOK\">%d.%02d</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>", $2 / 100, $2 % 100
    printf "<BookgDt><Dt>2026-10-20</Dt></BookgDt><ValDt><Dt>2026-10-20</Dt></ValDt><AcctSvcrRef>X%05d</AcctSvcrRef>", i
    printf "<BkTxCd/><NtryDtls><TxDtls><Refs><EndToEndId>E2E-%05d</EndToEndId></Refs>", i
    printf "<Amt Ccy=\"NOK\">%d.%02d</Amt><CdtDbtInd>CRDT</CdtDbtInd>", $2 / 100, $2 % 100
    printf "<RltdPties><Dbtr><Nm>Kunde med et ganske langt navn for at filen skal bli stor %d</Nm></Dbtr></RltdPties>", i
    printf "<RmtInf><Ustrd>Betaling for strøm i oktober, takk for leveransen og ha en fin dag videre</Ustrd>"
    printf "<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>%s</Ref></CdtrRefInf></Strd></RmtInf>", $1
    print "</TxDtls></NtryDtls></Ntry>"
}
END { print "</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>" }' refs.txt >bank.xml
expect_eq "$(test "$(wc -c <bank.xml)" -gt 1200000 && echo big)" big "the file is over 1 MiB, so progress runs mid-file"
txns=$(db_scalar 'SELECT COUNT(*) FROM ledger_txns')

VINN_FAULT_KILL_AFTER_BYTES=1 "$VINN" --today 2026-10-21 payments import bank.xml >/dev/null 2>&1
RC=$?
expect_rc 137 "the import is killed mid-file (SIGKILL)"
expect_eq "$(db_scalar 'SELECT COUNT(*) FROM payments')" 0 "no payment survives the kill"
expect_eq "$(db_scalar 'SELECT COUNT(*) FROM ledger_txns')" "$txns" "no posting survives the kill"
run ledger verify
expect_rc 0 "the ledger holds after the kill"

run --today 2026-10-21 payments import bank.xml --json
expect_rc 0 "the rerun imports the file"
expect_json '"\(.new) \(.matched) \(.unmatched)"' "3000 3000 0" "every payment matched by its KID"
expect_eq "$(db_scalar "SELECT COUNT(*) FROM invoices WHERE status = 'paid'")" 3000 "every invoice paid"
run --today 2026-10-21 payments import bank.xml --json
expect_json '"\(.new) \(.duplicates)"' "0 3000" "a third run adds nothing"
expect_eq "$(db_scalar 'SELECT COUNT(*) FROM payments')" 3000 "nothing twice"
run ledger verify
expect_rc 0 "the ledger holds"
done_testing
