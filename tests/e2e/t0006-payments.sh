#!/bin/sh
# Payments in, end to end: invoices are created, a camt.054 whose entries
# cover every matching path and every allocation case is imported twice,
# then every invoice, the unmatched queue and the ledger are checked; a
# person assigns and refunds; a credit balance pays the next invoice; bad
# files write nothing.
. "$(dirname "$0")/lib.sh"

T="--today 2026-09-20"
run init
run tenant add fjordkraft --country NO --currency NOK --account 86011117947 --kid mod10
run customer add K1 --name "Åse Søreide" --country NO
run customer add K2 --name "Fjordkraft Bygg AS" --country NO --kind company
run customer add K3 --name "Ola Nordmann" --country NO
run customer add K4 --name "Kari Hansen" --country NO
inv() { # NUMBER CUSTOMER NET
    run --today 2026-09-01 invoice create "$1" --customer "$2" --due-days 14 --line "Strøm;1;$3;25" --json
    expect_rc 0 "invoice $1 created"
    eval "REF$(echo "$1" | tr -d -)=$(printf '%s' "$OUT" | jq -r .reference)"
}
inv INV-1 K1 100     # 125,00
inv INV-2 K1 100     # 125,00
inv INV-3 K2 200     # 250,00
inv INV-4 K3 80      # 100,00
inv INV-5 K3 160     # 200,00
inv INV-6 K3 240     # 300,00
inv INV-7 K4 800     # 1 000,00
inv INV-8 K1 100     # 125,00
expect_eq "$REFINV1" "000000018" "references are the tenant's KID (MOD10 of the invoice id)"

# ntry AMOUNT CCY CRDT|DBIT REVERSAL REF USTRD NAME ACCTSVCRREF
ntry() {
    printf '<Ntry><NtryRef>%s</NtryRef><Amt Ccy="%s">%s</Amt><CdtDbtInd>%s</CdtDbtInd>' "$8" "$2" "$1" "$3"
    [ "$4" = true ] && printf '<RvslInd>true</RvslInd>'
    printf '<Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-09-18</Dt></BookgDt><ValDt><Dt>2026-09-18</Dt></ValDt>'
    printf '<AcctSvcrRef>%s</AcctSvcrRef><NtryDtls><TxDtls><Refs><AcctSvcrRef>%s</AcctSvcrRef></Refs>' "$8" "$8"
    printf '<Amt Ccy="%s">%s</Amt><CdtDbtInd>%s</CdtDbtInd>' "$2" "$1" "$3"
    printf '<RltdPties><Dbtr><Pty><Nm>%s</Nm></Pty></Dbtr><DbtrAcct><Id><Othr><Id>12345678903</Id></Othr></Id></DbtrAcct></RltdPties>' "$7"
    printf '<RmtInf>'
    [ -n "$6" ] && printf '<Ustrd>%s</Ustrd>' "$6"
    [ -n "$5" ] && printf '<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>%s</Ref></CdtrRefInf></Strd>' "$5"
    printf '</RmtInf></TxDtls></NtryDtls></Ntry>\n'
}
camt() { # ENTRIES...
    printf '<?xml version="1.0" encoding="UTF-8"?>\n'
    printf '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"><BkToCstmrDbtCdtNtfctn>'
    printf '<GrpHdr><MsgId>MSG-%s</MsgId><CreDtTm>2026-09-18T12:00:00+02:00</CreDtTm></GrpHdr>\n' "$1"
    printf '<Ntfctn><Id>N1</Id><CreDtTm>2026-09-18T12:00:00+02:00</CreDtTm><Acct><Id><Othr><Id>86011117947</Id></Othr></Id></Acct>\n'
    cat
    printf '</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>\n'
}
{
    ntry 125.00 NOK CRDT false "$REFINV1" "" "Åse Søreide" B01
    ntry 125.00 NOK CRDT false "" "Betaling faktura KID $REFINV2 takk" "ASE SOREIDE" B02
    ntry 250.00 NOK CRDT false "" "" "FJORDKRAFT BYGG" B03
    ntry 500.00 NOK CRDT false "" "" "Nordmann, Ola" B04
    ntry 400.00 NOK CRDT false "$REFINV7" "" "Kari Hansen" B05
    ntry 200.00 NOK CRDT false "$REFINV8" "" "Åse Søreide" B06
    ntry 77.77 NOK CRDT false "" "hilsen" "Ukjent Betaler" B07
    ntry 10.00 EUR CRDT false "$REFINV4" "" "Ola Nordmann" B08
    ntry 1500.00 NOK DBIT false "" "husleie" "Gårdeier AS" B09
    ntry 125.00 NOK DBIT true "" "Betaling faktura KID $REFINV2 takk" "ASE SOREIDE" B10
} | camt 1 >bank.xml

run $T payments import bank.xml --json
expect_rc 0 "the camt.054 imports"
expect_json .format camt054 "format detected from the content"
expect_json .entries 10 "ten entries"
expect_json .new 9 "nine new (the debit is not a receivable)"
expect_json .skipped 1 "the outgoing debit is skipped"
expect_json .matched 4 "reference, text reference, amount+name and subset match in full"
expect_json .partial 1 "an under-payment leaves the rest outstanding"
expect_json .overpaid 1 "an over-payment becomes credit"
expect_json .unmatched 2 "an unknown payer and a foreign currency wait in the queue"
expect_json .reversals 1 "a reversal undoes its original"
expect_json .amount 167777 "new money in, in øre (NOK entries, reversal excluded)"
expect_json .currency NOK "the tenant's currency"

status() { run invoice show "$1" --json; printf '%s %s' "$(printf '%s' "$OUT" | jq -r .status)" "$(printf '%s' "$OUT" | jq -r .outstanding)"; }
expect_eq "$(status INV-1)" "paid 0" "INV-1 paid by its structured KID"
expect_eq "$(status INV-2)" "open 12500" "INV-2 paid by the KID in the text, then reopened by the reversal"
expect_eq "$(status INV-3)" "paid 0" "INV-3 paid by exact amount and a similar payer name"
expect_eq "$(status INV-4)" "open 10000" "INV-4 untouched by a payment in another currency"
expect_eq "$(status INV-5)" "paid 0" "INV-5 paid as part of a subset"
expect_eq "$(status INV-6)" "paid 0" "INV-6 paid as part of a subset"
expect_eq "$(status INV-7)" "open 60000" "INV-7 under-paid: 600,00 left"
expect_eq "$(status INV-8)" "paid 0" "INV-8 over-paid"

run payments list --json
expect_json '[.payments[] | .method] | join(",")' "reference,text_reference,amount_name,subset,reference,reference,none,none,none" "each payment's method"
expect_json '[.payments[] | .status] | join(",")' "matched,reversed,matched,matched,partial,overpaid,unmatched,unmatched,reversal" "each payment's status"
expect_json '.payments[5].credit' 7500 "75,00 of the over-payment went to the credit balance"
expect_json '.payments[1].related' 9 "the reversed payment points to its reversal"
run payments show 4 --json
expect_json '[.allocations[] | .invoice] | join(",")' "INV-5,INV-6" "the subset paid INV-5 and INV-6, oldest due first"
expect_json '.confidence' 85 "subset confidence with a matching name"
run payments list --unmatched --json
expect_json '.payments | length' 2 "two payments in the unmatched queue"
run payments list --status overpaid --json
expect_json '[.payments[] | .id] | join(",")' "6" "the list by status"
run payments list --customer K3 --json
expect_json '[.payments[] | .id] | join(",")' "4" "the list by customer (K3 paid by a subset)"
run payments list --status paid
expect_rc 2 "an unknown payment status is refused"
expect_err_contains "payment status 'paid' is not known" "the message names the value"
run ledger balance --customer K1 --json
expect_json '[.balances[] | select(.account == "credit") | .balance] | .[0]' -7500 "K1 has 75,00 credit"
run ledger verify
expect_rc 0 "the ledger holds after the import"

run $T payments import bank.xml --json
expect_rc 0 "the same file again"
expect_json .new 0 "nothing new the second time"
expect_json .duplicates 9 "every entry is a duplicate"
expect_json .amount 0 "no money counted twice"
expect_eq "$(db_scalar 'SELECT COUNT(*) FROM payments')" 9 "no payment twice"
{
    ntry 77.77 NOK CRDT false "" "hilsen" "Ukjent Betaler" B07
    ntry 100.00 NOK CRDT false "$REFINV4" "" "Ola Nordmann" B11
} | camt 2 >overlap.xml
run $T payments import overlap.xml --json
expect_json '"\(.new) \(.duplicates) \(.matched)"' "1 1 1" "an overlapping file adds only its new entry"
expect_eq "$(status INV-4)" "paid 0" "INV-4 paid by the overlapping file"
run ledger verify
expect_rc 0 "the ledger holds after the overlapping file"

# A person works the queue.
run --today 2026-09-21 payments assign 7 INV-7 --json
expect_rc 0 "assign the unknown payer's money to INV-7"
expect_json '"\(.status) \(.method) \(.customer)"' "partial manual K4" "assigned by a person"
expect_json '.events[-1].kind' assigned "the decision is in the payment's history"
expect_eq "$(status INV-7)" "open 52223" "INV-7 now owes 522,23"
run payments assign 7 INV-7
expect_rc 4 "a payment cannot be assigned twice"
expect_err_contains "payment 7 is partial, not waiting to be assigned" "the message says why"
run payments assign 8 INV-1
expect_rc 4 "an invoice with nothing outstanding cannot take a payment"
expect_err_contains "invoice 'INV-1' has nothing outstanding" "the message names the invoice"
run payments assign 8 INV-7
expect_rc 2 "a payment in EUR cannot pay a NOK invoice"
expect_err_contains "invoice 'INV-7' is in NOK, the payment in EUR" "the message names both currencies"
run payments assign 8 NOPE
expect_rc 3 "an unknown invoice is not found"
run --today 2026-09-21 payments refund 8 --json
expect_rc 0 "the foreign payment goes back to its payer"
expect_json '"\(.amount) \(.currency) \(.payee_account)"' "1000 EUR 12345678903" "the payment order line"
run payments show 8 --json
expect_json .status refunded "the refunded payment leaves the queue"
run --today 2026-09-21 payments refund 6
expect_rc 0 "K1's credit balance is refunded"
expect_out_contains ";7500;NOK;Åse Søreide;12345678903;" "75,00 NOK back to Åse"
run payments refund 6
expect_rc 4 "nothing is refunded twice"
expect_err_contains "left no credit balance to refund" "the message says why"
run payments list --unmatched --json
expect_json '.payments | length' 0 "the queue is empty"
run ledger verify
expect_rc 0 "the ledger holds after assignments and refunds"

# A credit balance pays the next invoice at once.
{ ntry 300.00 NOK CRDT false "$REFINV4" "" "Ola Nordmann" B12; } | camt 3 >over.xml
run $T payments import over.xml --json
expect_json .overpaid 1 "INV-4 is paid already: all of it is credit"
run --today 2026-09-22 invoice create INV-9 --customer K3 --line "Strøm;1;400;25" --json
expect_json '"\(.status) \(.outstanding)"' "open 20000" "the 300,00 credit pays 300 of 500"
run ledger verify
expect_rc 0 "the ledger holds after the credit is used"

# CSV with the documented header.
cat >pay.csv <<'EOF'
date;amount;currency;reference;payer_name;message;bank_reference
2026-09-19;200,00;NOK;;Ola Nordmann;faktura INV-9;C1
2026-09-19;12,5x;NOK;;X;;C2
EOF
before=$(db_scalar 'SELECT COUNT(*) FROM payments')
run $T payments import pay.csv
expect_rc 2 "a bad amount refuses the file"
expect_err_contains "pay.csv line 3: amount '12,5x' is not a number" "the error names file, line and the rule"
expect_eq "$(db_scalar 'SELECT COUNT(*) FROM payments')" "$before" "nothing of the bad file is written"
sed -i '$d' pay.csv
run $T payments import pay.csv --json
expect_json '"\(.format) \(.matched)"' "csv 1" "the CSV payment pays INV-9 by amount and name"

# A bank file from a pipe: the format is still detected from its content.
{ ntry 50.00 NOK CRDT false "" "" "Kari Hansen" B13; } | camt 4 >pipe.xml
OUT=$(cat pipe.xml | "$VINN" $T payments import - --json 2>"$T_DIR/.stderr"); RC=$?
expect_rc 0 "a camt.054 on standard input"
expect_json '"\(.file) \(.format) \(.new)"' "stdin camt054 1" "read from the pipe, detected as camt.054"

# Bad files write nothing.
head -c 1500 bank.xml >cut.xml
run $T payments import cut.xml
expect_rc 2 "a truncated camt file is refused"
expect_err_contains "cut.xml" "the error names the file"
printf 'hello\n' >what.txt
run $T payments import what.txt
expect_rc 2 "an unknown format is refused"
expect_err_contains "use --format" "the error says what to do"
run $T payments import bank.xml --format ocr
expect_rc 2 "the wrong reader for a file is refused"
run $T payments import bank.xml --format nonsense
expect_rc 2 "an unknown format name is a usage error"
expect_err_contains "format 'nonsense' is not known" "the message names the value"
run payments import missing.xml
expect_rc 2 "a missing file is a usage error"
expect_eq "$(db_scalar 'SELECT COUNT(*) FROM payments')" "$((before + 2))" "no bad file wrote a payment"
run ledger verify
expect_rc 0 "the ledger holds at the end"
done_testing
