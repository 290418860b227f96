#!/bin/sh
# A tenant, a customer, an invoice with a KID and a business-day due date,
# partial and full credit notes, and the ledger holding throughout.
. "$(dirname "$0")/lib.sh"

run init
expect_rc 0 "init creates the database"
expect_out_contains "initialised" "init says it initialised"
run init
expect_out_contains "up to date" "init again is safe"

run tenant add acme --country NO --currency NOK --org "988 077 917" --account 8601.11.17947 --json
expect_rc 0 "tenant add"
expect_json .reference_kind kid10 "a Norwegian tenant gets MOD10 KIDs by default"
expect_json .org 988077917 "the organisation number is stored in machine form"
expect_json .account 86011117947 "the account number is stored in machine form"

run customer add K1 --name "Åse Søreide" --country NO --email ase@example.no --json
expect_rc 0 "customer add"
expect_json .lang nb "a Norwegian customer speaks nb by default"
expect_json .name "Åse Søreide" "names keep their letters"

# 2026-05-03 + 14 days is Sunday 17 May (Constitution Day): due Monday 18 May.
run invoice create INV-1 --customer K1 --date 2026-05-03 --due-days 14 \
    --line "Elektrikertime;1,5;850,00;25" --line "Frakt;1;99;25" --today 2026-05-03 --json
expect_rc 0 "invoice create"
expect_json .number INV-1 "number"
expect_json .customer K1 "customer"
expect_json .currency NOK "currency from the tenant"
expect_json .net 137400 "net: 1.5 x 850.00 + 99.00"
expect_json .vat 34350 "VAT 25 % of 1 374.00"
expect_json .amount 171750 "amount incl. VAT"
expect_json .date 2026-05-03 "invoice date"
expect_json .due_date 2026-05-18 "due date moved past 17 May (Sunday) to Monday"
expect_json .reference 000000018 "KID MOD10 of the invoice id"
expect_json .outstanding 171750 "all outstanding"
expect_json .status open "open"
expect_json '.lines | length' 2 "two lines"
expect_json '.lines[0].quantity' 1.5 "quantity with decimals"
expect_json '.lines[0].unit_price' 85000 "unit price in minor units"
expect_json '.lines[0].vat_rate' 25 "VAT rate in percent"
expect_json '.lines[0].net' 127500 "line net"

run ref check kid10 000000018
expect_rc 0 "the invoice's KID checks"

run invoice show INV-1 --today 2026-05-19 --json
expect_json .overdue true "overdue the day after the due date"
run invoice show INV-1 --today 2026-05-18 --json
expect_json .overdue false "not overdue on the due date"

run invoice list --status overdue --today 2026-06-01 --json
expect_json '.invoices | length' 1 "listed as overdue"
expect_json '.invoices[0].number' INV-1 "the overdue invoice"

run invoice credit INV-1 --amount "500,00" --today 2026-05-20 --json
expect_rc 0 "partial credit"
expect_json .credit_note.number INV-1-K1 "credit note number"
expect_json .credit_note.kind credit_note "kind"
expect_json .credit_note.amount 50000 "credit amount"
expect_json .credit_note.vat 10000 "credit VAT: the invoice's VAT share (25/125)"
expect_json .credit_note.net 40000 "credit net"
expect_json .invoice.outstanding 121750 "outstanding after the credit"
expect_json .invoice.credited 50000 "credited so far"
expect_json .invoice.status open "still open"

run invoice credit INV-1 --amount "2000" --today 2026-05-20 --json
expect_rc 2 "a credit above what is left is refused"
expect_json .error.code credit_exceeds_invoice "error code names the rule"
expect_json .error.field amount "error names the field"

run invoice credit INV-1 --today 2026-05-21 --json
expect_rc 0 "credit the rest"
expect_json .credit_note.number INV-1-K2 "second credit note number"
expect_json .credit_note.amount 121750 "the rest"
expect_json '.credit_note.vat + 10000' 34350 "all VAT reversed exactly"
expect_json .invoice.outstanding 0 "nothing outstanding"
expect_json .invoice.status credited "credited"

run invoice credit INV-1 --today 2026-05-22
expect_rc 4 "crediting a credited invoice is a conflict"
expect_err_contains "already credited in full" "and says why"

run invoice show INV-1-K2 --json
expect_json .status issued "a credit note is issued"
expect_json '.lines[0].text' "Credit of invoice INV-1" "credit line text"

run ledger verify --json
expect_rc 0 "the ledger holds"
expect_json .ok true "verify ok"
expect_json '.tenants[0].transactions' 3 "three ledger transactions"

run ledger balance --json
expect_json '.balances | length' 0 "every balance is back at zero"

run customer show K1
expect_out_contains "Åse Søreide" "customer show"

done_testing
