#!/bin/sh
# Bad input gets a clear error naming the field and the rule, the right exit
# code, and writes nothing.
. "$(dirname "$0")/lib.sh"

run init
run tenant add acme --country NO --currency NOK
run customer add K1 --name "Kari Nordmann" --country NO
run invoice create OK-1 --customer K1 --date 2026-03-02 --line "Vare;1;100;25"
expect_rc 0 "a good invoice"

invoices() { db_scalar "SELECT COUNT(*) FROM invoices"; }
postings() { db_scalar "SELECT COUNT(*) FROM postings"; }
before_i=$(invoices)
before_p=$(postings)

check_bad() { # EXIT CODE FIELD DESCRIPTION -- vinn args...
    want_rc=$1 code=$2 field=$3 what=$4
    shift 4
    run "$@" --json
    expect_rc "$want_rc" "$what: exit $want_rc"
    expect_json .error.code "$code" "$what: code $code"
    expect_json '.error.field // ""' "$field" "$what: field '$field'"
    expect_eq "$(invoices)/$(postings)" "$before_i/$before_p" "$what: nothing written"
}

check_bad 2 amount_must_not_be_negative lines[0].unit_price "negative price" \
    invoice create B-1 --customer K1 --line "Vare;1;-5;25"
check_bad 2 amount_overflow lines[0].unit_price "overflowing price" \
    invoice create B-2 --customer K1 --line "Vare;1;99999999999999999999;25"
check_bad 2 amount_overflow lines[0].unit_price "overflowing line total" \
    invoice create B-3 --customer K1 --line "Vare;1000000000;92233720368547758.07;25"
check_bad 2 currency_unknown currency "unknown currency" \
    invoice create B-4 --customer K1 --currency XYZ --line "Vare;1;100;25"
check_bad 2 date_impossible date "impossible date" \
    invoice create B-5 --customer K1 --date 2026-02-30 --line "Vare;1;100;25"
check_bad 2 date_syntax due_date "malformed due date" \
    invoice create B-6 --customer K1 --due 30.03.2026 --line "Vare;1;100;25"
check_bad 2 due_before_date due_date "due before the invoice date" \
    invoice create B-7 --customer K1 --date 2026-03-02 --due 2026-03-01 --line "Vare;1;100;25"
check_bad 2 vat_rate_invalid lines[0].vat_rate "VAT over 100 %" \
    invoice create B-8 --customer K1 --line "Vare;1;100;101"
check_bad 2 quantity_invalid lines[0].quantity "zero quantity" \
    invoice create B-9 --customer K1 --line "Vare;0;100;25"
check_bad 2 not_a_number lines[0].quantity "quantity not a number" \
    invoice create B-10 --customer K1 --line "Vare;mange;100;25"
check_bad 2 invoice_line_syntax lines[1] "line without fields" \
    invoice create B-11 --customer K1 --line "Vare;1;100;25" --line "Vare uten pris"
check_bad 2 customer_unknown customer "missing customer" \
    invoice create B-12 --customer NOBODY --line "Vare;1;100;25"
check_bad 4 invoice_exists number "duplicate invoice number" \
    invoice create OK-1 --customer K1 --line "Vare;1;100;25"
check_bad 2 invoice_total_not_positive lines "zero total" \
    invoice create B-13 --customer K1 --line "Gratis;1;0;25"
check_bad 2 amount_too_many_decimals lines[0].unit_price "price with too many decimals" \
    invoice create B-14 --customer K1 --line "Vare;1;1,2345;25"

run invoice create B-15 --customer K1 --line "Vare;1;100;25" --due-days 400
expect_rc 2 "due days over a year"
expect_err_contains "due days '400'" "names the value"

run customer add K2 --name "Firma AS" --country NO --kind company --org 988077918 --json
expect_rc 2 "bad organisation number"
expect_json .error.field org "names the org field"
run customer add K1 --name "Kari igjen" --country NO --json
expect_rc 4 "duplicate customer"
expect_json .error.code customer_exists "customer_exists"
run customer add K3 --name "Per" --country NO --national-id 15108695077 --json
expect_rc 2 "bad fødselsnummer"
expect_json .error.field national_id "names national_id"
run customer add K4 --name "Per" --country NO --email "per@" --json
expect_rc 2 "bad e-mail"
expect_json .error.code email_invalid "email_invalid"
expect_eq "$(db_scalar 'SELECT COUNT(*) FROM customers')" 1 "no customer written"

run tenant add other --country NO --currency NOKK --json
expect_rc 2 "unknown tenant currency"
expect_json .error.code currency_unknown "currency_unknown"
run tenant add other --country NO --currency NOK --account 86011117949 --json
expect_rc 2 "bad account number"
expect_json .error.field account "names the account"
run tenant add other --country SE --currency SEK --kid mod11 --json
expect_rc 2 "KID for a Swedish tenant"
expect_json .error.code ref_kind_not_for_country "ref_kind_not_for_country"
run tenant add "bad name" --country NO --currency NOK
expect_rc 2 "tenant name with a space"

run customer show NOBODY
expect_rc 3 "missing customer is not found"
run invoice show NOPE
expect_rc 3 "missing invoice is not found"
expect_err_contains "invoice 'NOPE' does not exist" "and says so"
run invoice frobnicate
expect_rc 2 "unknown subcommand"
run invoice create
expect_rc 2 "missing arguments"
run invoice list --frob
expect_rc 2 "unknown option"
expect_err_contains "unknown option '--frob'" "names the option"
run --today 2026-13-01 invoice list
expect_rc 2 "bad --today"
run ref make kid10 12a4
expect_rc 2 "bad reference base"
run ref check kid10 123456781
expect_rc 1 "a wrong check digit: the check says no"
expect_out_contains "expected 2" "and says what it expected"

run ledger verify
expect_rc 0 "the ledger still holds"
run --json id check no-org "$(printf '98807791\377')"
expect_rc 2 "a command line that is not UTF-8 is refused"
expect_err_contains "argument 5 is not valid UTF-8" "the message names the argument"
done_testing
