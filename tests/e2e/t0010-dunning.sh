#!/bin/sh
# The day over a simulated quarter for a Norwegian merchant: reminders,
# notices and hand-overs on the right days, fees and interest exact to the
# øre, a payment that stops the steps (its late interest waived), a dispute
# paused and resumed, a promise broken, a company's standardkompensasjon, a
# key account's tasks, a write-off; the same day run twice does nothing, and
# one catch-up run after skipped days gives the very same steps.
. "$(dirname "$0")/lib.sh"

setup() {
    run init
    run tenant add acme --country NO --currency NOK --kid mod10
    run tenant set account_owner kam@acme.no
    run customer add K1 --name "Kari Nordmann" --country NO --email kari@example.no
    run customer add K2 --name "Bygg AS" --country NO --kind company --email post@bygg.no
    run customer add K3 --name "Stor Kunde" --country NO --tags key-account --email stor@kunde.no
    run customer add K4 --name "Per Betaler" --country NO --phone 4791234567
    run customer add K5 --name "Uenig Ola" --country NO --email ola@example.no
    run customer add K6 --name "Lover Lise" --country NO --email lise@example.no
    run customer add K7 --name "Borte Bjørn" --country NO
    for i in 1 2 3 4 5 6 7; do
        run --today 2026-01-01 invoice create INV-$i --customer K$i --due-days 14 \
            --line "Vare;1;1000,00;25"
    done
}

days() { # FROM TO: run the day for every day in [FROM, TO]
    d=$1
    while [ "$d" != "$(date -d "$2 + 1 day" +%F)" ]; do
        run --today "$d" run --json
        [ "$RC" -eq 0 ] || { fail "run on $d failed"; return; }
        d=$(date -d "$d + 1 day" +%F)
    done
}

setup
run invoice show INV-1 --json
expect_json .due_date 2026-01-15 "INV-1 is due on Thursday 2026-01-15"
run case show INV-1 --json
expect_json .next_action 2026-01-12 "its first action is the pre-due reminder, 3 days before"
expect_json .policy default-no-person "a person in Norway gets the built-in default policy"

days 2026-01-10 2026-01-19
run --today 2026-01-20 case pause INV-5 --reason dispute
expect_rc 0 "INV-5 is paused for a dispute"
run --today 2026-01-20 case pause INV-5 --reason dispute
expect_rc 4 "pausing it again is a conflict"
expect_err_contains "paused already" "and says why"
days 2026-01-20 2026-01-31

# INV-1: the pre-due reminder and the first reminder, on their days.
run case show INV-1 --json
expect_json '[.steps[] | "\(.kind) \(.date) \(.fee) \(.interest) \(.deadline) \(.channel) \(.tone)"] | join("|")' \
    "pre-due 2026-01-12 0 0 2026-01-15 email friendly|reminder 2026-01-29 3500 599 2026-02-12 email friendly" \
    "pre-due on 01-12; reminder 14 days after due: fee 35,00, interest 1250*12.5%*14/365 = 5,99, pay by 02-12"
run invoice show INV-1 --json
expect_json .outstanding 129099 "INV-1 owes 1250,00 + 35,00 + 5,99"

# INV-3: a key account gets tasks for the account owner, no letters, no fees.
run case show INV-3 --json
expect_json '[.steps[] | "\(.kind) \(.task) \(.fee)"] | join("|")' "pre-due true 0|reminder true 0" \
    "the key account's steps are tasks without fees"
run tasks list --json
expect_json '[.[] | select(.owner == "kam@acme.no")] | length' 2 "two tasks for the account owner"
expect_json '.[1].text' \
    "personal follow-up (reminder step) with customer K3 on invoice INV-3: 125599 NOK owed since 2026-01-15" \
    "the task says what to follow up"
run messages list --invoice INV-3 --json
expect_json '[.[] | .kind] | join(",")' "invoice" "the key account got its invoice, and no form letter since"

# INV-4: the reminder went by SMS (no e-mail); the customer pays what it says on 02-05.
run messages list --invoice INV-4 --json
expect_json '[.[] | "\(.kind) \(.channel) \(.recipient) \(.lang) \(.total)"] | join("|")' \
    "invoice sms 4791234567 nb 125000|pre-due sms 4791234567 nb 125000|reminder sms 4791234567 nb 129099" \
    "the invoice and the letters go by SMS in Norwegian with the amounts they state"
run invoice show INV-4 --json
REF4=$(printf '%s' "$OUT" | jq -r .reference)
printf 'date;amount;reference;payer_name;bank_reference\n2026-02-05;1290,99;%s;Per Betaler;B4\n' "$REF4" >pay4.csv
run --today 2026-02-05 payments import pay4.csv --json
expect_json .partial 1 "the payment leaves 7 days of interest unpaid"
run invoice show INV-4 --json
expect_json .outstanding 300 "interest 1250*12.5%*7/365 = 3,00 was posted on arrival and is left"

# INV-6 promises to pay by 02-10; it does not.
run --today 2026-02-01 case promise INV-6 --until 2026-02-10
expect_rc 0 "INV-6 promised to pay by 2026-02-10"
run --today 2026-02-01 case show INV-6 --json
expect_json '"\(.state) \(.promise_until) \(.next_action)"' "promised 2026-02-10 2026-02-16" \
    "no steps until the promise and 3 days of grace have passed (02-14 is a Saturday)"

# INV-7 is written off.
run --today 2026-02-02 case writeoff INV-7 --json
expect_json .loss 129099 "the write-off posts what is owed as a loss"
run invoice show INV-7 --json
expect_json '"\(.status) \(.outstanding)"' "written_off 0" "INV-7 is written off"
run --today 2026-02-02 case pause INV-7 --reason x
expect_rc 4 "a written-off invoice has no case to pause"

days 2026-02-01 2026-02-28
run case show INV-6 --json
expect_json '[.events[] | .kind] | join(",")' "promised,promise_broken" "the broken promise is recorded"
expect_json '[.steps[] | "\(.kind) \(.date)"] | join("|")' \
    "pre-due 2026-01-12|reminder 2026-01-29|notice 2026-02-19" \
    "after the broken promise the notice comes on its own day"
run invoice show INV-4 --json
expect_json '"\(.status) \(.outstanding)"' "paid 0" "INV-4's 3,00 of interest was waived at its next step"
run case show INV-4 --json
expect_json '"\(.state) \(.events[0].kind)"' "closed waived" "and its case is closed"

run --today 2026-03-01 case resume INV-5
expect_rc 0 "INV-5 is resumed on Sunday 2026-03-01"
run case show INV-5 --json
expect_json '"\(.state) \(.next_action)"' "active 2026-03-02" "its steps go on from Monday"

days 2026-03-01 2026-04-30

run case show INV-1 --json
expect_json '[.steps[] | "\(.kind) \(.date) \(.fee) \(.interest) \(.deadline)"] | join("|")' \
    "pre-due 2026-01-12 0 0 2026-01-15|reminder 2026-01-29 3500 599 2026-02-12|notice 2026-02-19 3500 899 2026-03-05|collection 2026-03-12 0 899 null" \
    "INV-1: notice 21 days after the reminder (fee 35,00, 21 days interest 8,99, pay by 03-05), hand-over 03-12"
expect_json '"\(.state) \(.fees) \(.interest) \(.next_action)"' "collection 7000 2397 null" \
    "the case is with collection: 70,00 fees, 23,97 interest, no next action"

run case show INV-2 --json
expect_json '[.steps[] | "\(.kind) \(.fee) \(.compensation) \(.law | join("+"))"] | join("|")' \
    "pre-due 0 0 |reminder 3500 0 |notice 0 47000 |collection 0 0 " \
    "the company pays the reminder fee, then 470 kr standardkompensasjon instead of a notice fee"

run case show INV-5 --json
expect_json '[.steps[] | "\(.kind) \(.date) \(.fee)"] | join("|")' \
    "pre-due 2026-01-12 0|reminder 2026-03-02 3500|notice 2026-03-23 3500|collection 2026-04-13 0" \
    "INV-5 takes its reminder the day it is resumed, the rest after it"

run --today 2026-03-12 collection export --format json
expect_json '[.claims[] | .invoice] | join(",")' "INV-1,INV-2,INV-6" \
    "three claims were handed over on 03-12 (the key account's hand-over is a task)"
expect_json '.claims[0] | "\(.principal) \(.fees) \(.interest) \(.total) \(.letters) \(.first_letter) \(.last_letter) \(.debtor.name) \(.debtor.email)"' \
    "125000 7000 2397 134397 3 2026-01-12 2026-02-19 Kari Nordmann kari@example.no" \
    "INV-1's claim: principal, fees, interest, letters sent, the debtor"
run --today 2026-03-12 collection export
expect_out_contains "INV-1,${OUT#*INV-1,}" "the CSV export has the same claims"
expect_eq "$(printf '%s\n' "$OUT" | head -1 | cut -d, -f1-5)" "invoice,reference,currency,issue_date,due_date" \
    "the CSV starts with its header"

run --today 2026-04-30 run --json
expect_json '"\(.invoices_considered) \(.reminders) \(.messages)"' "0 0 0" "running the same day again does nothing"
run ledger verify
expect_rc 0 "the ledger holds after a quarter of days"

# One run after all the skipped days gives the same steps as the daily runs.
db_scalar "SELECT invoice_id, seq, day, kind, task, fee_minor, compensation_minor, interest_minor,
    deadline, tone, channel, law, total_minor FROM case_steps WHERE invoice_id IN (1, 2, 3)
    ORDER BY 1, 2" >daily.txt
mkdir catchup && cd catchup && new_db catchup
setup
run --today 2026-04-30 run --json
expect_json '"\(.pre_due) \(.reminders) \(.notices) \(.collections) \(.tasks)"' "6 6 6 6 4" \
    "one catch-up run takes every step of the quarter (the key account's four as tasks)"
db_scalar "SELECT invoice_id, seq, day, kind, task, fee_minor, compensation_minor, interest_minor,
    deadline, tone, channel, law, total_minor FROM case_steps WHERE invoice_id IN (1, 2, 3)
    ORDER BY 1, 2" >catchup.txt
expect_eq "$(cmp -s ../daily.txt catchup.txt && echo same)" same \
    "the catch-up run took the same steps on the same days with the same amounts"
run ledger verify
expect_rc 0 "the ledger holds after the catch-up"

done_testing
