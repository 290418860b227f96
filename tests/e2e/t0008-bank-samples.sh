#!/bin/sh
# Every real bank sample in ../shared/samples goes through `vinn payments
# import` with the format detected from its content: the readable ones are
# taken in (to the unmatched queue: no invoice of this tenant matches them),
# the ones that are not payment files, or not whole, are refused and write
# nothing; a second import adds nothing; the ledger holds throughout.
. "$(dirname "$0")/lib.sh"

run init
run tenant add bank --country SE --currency SEK
S=$SAMPLES
# FILE RC FORMAT ENTRIES NEW SKIPPED. The v08 notification reports the same
# payments (the same bank references) as the v04 one: nothing new.
while read -r file rc format entries new skipped; do
    run --today 2026-11-01 payments import "$S/$file" --json
    expect_rc "$rc" "$file: exit $rc"
    if [ "$rc" -eq 0 ]; then
        expect_json '"\(.format) \(.entries) \(.new) \(.skipped)"' "$format $entries $new $skipped" \
            "$file: $entries entries, $new new, $skipped skipped"
        run --today 2026-11-01 payments import "$S/$file" --json
        expect_json '"\(.new) \(.duplicates)"' "0 $((entries - skipped))" \
            "$file: the second import adds nothing"
    fi
done <<'EOF'
camt/camt053.v2.minimal.xml 0 camt053 1 1 0
camt/camt053.viafintech.xml 0 camt053 5 1 4
camt/camt054.v2.xml 0 camt054 1 0 1
camt/camt054.v4.xml 0 camt054 3 3 0
camt/camt054.v8.xml 0 camt054 3 0 0
camt/camt054.viafintech.xml 0 camt054 5 5 0
nets/ocr_giro_transactions.txt 0 ocr 20 20 0
bgmax/BgMaxfil4.txt 0 bgmax 9 9 0
bgmax/minimal.txt 0 bgmax 1 1 0
camt/camt053.v8.xml 2 - - - -
nets/avtalegiro_agreements.txt 2 - - - -
nets/avtalegiro_payment_request.txt 2 - - - -
bgmax/isolated_deposit.txt 2 - - - -
bgmax/isolated_payment.txt 2 - - - -
EOF
run --today 2026-11-01 payments import "$S/nets/avtalegiro_payment_request.txt"
expect_err_contains "AvtaleGiro" "an AvtaleGiro file is named for what it is"
expect_eq "$(db_scalar 'SELECT COUNT(*) FROM payments')" 40 "40 payments in all"
expect_eq "$(db_scalar "SELECT COUNT(*) FROM payments WHERE status <> 'unmatched'")" 0 \
    "none matched: the tenant has no invoices"
run ledger verify
expect_rc 0 "the ledger holds: the queue equals the unmatched account in every currency"
done_testing
