#!/bin/sh
# Reference numbers, identifiers and calendars on the command line.
. "$(dirname "$0")/lib.sh"

ref() { # TYPE BASE WANT
    run ref make "$1" "$2"
    expect_eq "$OUT" "$3" "ref make $1 $2"
}
ref kid10 12345678 123456782
ref kid11 12345678 123456785
ref kid11 40 40-
ref ocr 1234567890 12345678903
ref ocr-len 1234567890 123456789023
ref fi 12345 123453
ref rf 11112 RF9811112
run ref make rf 123ABCZ --json
expect_json .printed "RF35 123A BCZ" "RF printed in groups of four"

for r in "kid 40-" "kid 123456782" "ocr 12351" "fi 1234561" "rf RF18539007547034" "rf 'RF18 5390 0754 7034'"; do
    eval "run ref check $r"
    expect_rc 0 "ref check $r"
done
for r in "kid10 40-" "ocr-len 12369" "fi 1071110" "rf RF17539007547034" "kid10 12a"; do
    eval "run ref check $r"
    expect_rc 1 "ref check $r says no"
done
run ref check kid10 123456781 --json
expect_json .valid false "json: not valid"
expect_json .reason "reference '123456781' check digit is wrong for kid10: expected 2" "json: reason"
run ref check frob 1
expect_rc 2 "unknown reference type"

for v in "iban 'NO93 8601 1117 947'" "iban SE4550000000058398257466" "no-account 86011117947" \
         "no-org 988077917" "se-org 1234567897" "fi-business 2077474-0" "dk-cvr 13585628" \
         "no-person 26111593816" "se-person 880320-0016" "fi-person 131052-308T"; do
    eval "run id check $v"
    expect_rc 0 "id check $v"
done
for v in "iban DK5000400440116342" "no-account 86011117949" "no-org 988077918" \
         "dk-cvr 13585627" "no-person 26111593817" "se-person 8899200425" "fi-person 131052-308U"; do
    eval "run id check $v"
    expect_rc 1 "id check $v says no"
done

run calendar NO 2026 --json
expect_json '[.holidays[].date] | join(" ")' \
    "2026-01-01 2026-04-02 2026-04-03 2026-04-05 2026-04-06 2026-05-01 2026-05-14 2026-05-17 2026-05-24 2026-05-25 2026-12-24 2026-12-25 2026-12-26" \
    "Norway's bank holidays 2026"
run calendar DK 2026 --json
expect_json '[.holidays[] | select(.bank_only) | .date] | join(" ")' \
    "2026-05-15 2026-06-05 2026-12-24 2026-12-31" "Danish bank closing days 2026"
run calendar SE 1899
expect_rc 2 "year out of range"
run calendar XX1 2026
expect_rc 2 "bad country"

run help
expect_rc 0 "help"
expect_out_contains "invoice create" "help lists commands"
run invoice create --help
expect_out_contains "text;quantity;unit price" "command help"
done_testing
