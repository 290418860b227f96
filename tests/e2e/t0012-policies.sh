#!/bin/sh
# Dunning policies and the law: a tenant's own policy is chosen by its
# match rules, a policy that breaks the law is refused with the rule it
# breaks, the law of Sweden, Finland and Denmark gives their fees, and the
# late-interest table can be updated by the tenant.
. "$(dirname "$0")/lib.sh"

run init
run tenant add acme --country NO --currency NOK --kid mod10

run policy list --json
expect_json '[.[] | "\(.name) \(.builtin)"] | join(",")' \
    "default-no-person true,default-no-company true" "every tenant has the lawful defaults of its country"
run policy check default-no-person --json
expect_json '"\(.lawful) \(.violations | length)"' "true 0" "the Norwegian default is lawful"
run policy check default-no-company
expect_rc 0 "and so is the one for companies"

cat >greedy.json <<'EOF'
{"steps": [
  {"kind": "reminder", "days": 7, "fee": 7000, "deadline": 7},
  {"kind": "reminder", "after_previous": 7, "fee": 3500, "deadline": 14},
  {"kind": "notice", "after_previous": 14, "fee": 3500, "deadline": 7},
  {"kind": "collection", "after_previous": 3}
]}
EOF
run policy check --file greedy.json --json
expect_rc 1 "a greedy policy is not lawful"
expect_json '[.violations[] | "\(.step) \(.rule)"] | join(",")' \
    "0 law_fee_cap,0 law_fee_too_early,1 law_fee_gap,1 law_fee_deadline,2 law_fee_deadline,2 law_fee_letters,2 law_notice_deadline,3 law_notice_missing" \
    "each rule it breaks is named on its step"
run policy set greedy --file greedy.json
expect_rc 2 "setting it is refused"
expect_err_contains "fee 7000 is above the cap of 3500" "with the first rule it breaks"
run policy list --json
expect_json 'length' 2 "and nothing was saved"

cat >bad.json <<'EOF'
{"steps": [{"kind": "reminder", "days": 14, "fee": -1}]}
EOF
run policy set bad --file bad.json --json
expect_rc 2 "a negative fee is refused"
expect_json '"\(.error.code) \(.error.field)"' "policy_invalid steps[0].fee" "naming the field"
printf '{"steps": [' >broken.json
run policy set broken --file broken.json --json
expect_json .error.code bad_json "malformed JSON is refused"
printf '{"steps": [{"kind": "reminder", "days": 14}], "colour": "red"}' >extra.json
run policy set extra --file extra.json --json
expect_json '"\(.error.code) \(.error.field)"' "policy_invalid colour" "an unknown member is refused"

cat >gentle.json <<'EOF'
{"priority": 10, "match": {"kind": "person", "tag": "gentle"}, "interest": false,
 "steps": [
  {"kind": "reminder", "days": 10, "tone": "friendly", "deadline": 14},
  {"kind": "reminder", "after_previous": 20, "fee": 3500, "deadline": 14, "channel": "letter"},
  {"kind": "task", "after_previous": 20}
]}
EOF
run policy set gentle --file gentle.json --json
expect_rc 0 "a lawful policy of the tenant's own is saved"
expect_json '[.steps[] | .kind] | join(",")' "reminder,reminder,task" "with its steps"
run customer add G1 --name "Glad Gunn" --country NO --tags gentle --email gunn@example.no
run customer add P1 --name "Plain Per" --country NO --email per@example.no
run --today 2026-01-01 invoice create G-1 --customer G1 --due-days 14 --line "Vare;1;1000,00;25"
run --today 2026-01-01 invoice create P-1 --customer P1 --due-days 14 --line "Vare;1;1000,00;25"
run case show G-1 --json
expect_json '"\(.policy) \(.next_action)"' "gentle 2026-01-26" \
    "the tagged customer gets the gentle policy, first step 10 days after due (a Sunday, so Monday)"
run case show P-1 --json
expect_json .policy default-no-person "the other customer keeps the default"
run --today 2026-03-31 run --json
run case show G-1 --json
expect_json '[.steps[] | "\(.kind) \(.date) \(.fee) \(.interest) \(.channel)"] | join("|")' \
    "reminder 2026-01-26 0 0 email|reminder 2026-02-16 3500 0 letter|task 2026-03-09 0 0 customer" \
    "its steps on their days, no interest, the second reminder on paper"
run tasks list --json
expect_json 'length' 1 "the task step made a task"

# The late-interest table: the tenant adds the rate of 2026-07-01.
run rates list --json
expect_json '.rates[-1] | "\(.from) \(.rate_bp)"' "2025-01-01 1250" "the last verified Norwegian rate"
run rates set NO 2026-07-01 11.75
expect_rc 0 "a tenant adds a new half-year's rate"
run rates list --json
expect_json '.rates[-1] | "\(.from) \(.rate_bp)"' "2026-07-01 1175" "the table has it"
run rates set XX 2026-07-01 5
expect_rc 2 "an unknown country is refused"
run rates set SE 2026-07-01 1001
expect_rc 2 "a rate above 1000 % is refused"
expect_err_contains "rate" "naming the rate"

# Sweden: no reminder fee unless agreed; inkassokrav 180 kr at most.
run tenant add sverige --country SE --currency SEK
run --tenant sverige policy check default-se-person
expect_rc 0 "the Swedish default is lawful"
cat >sefee.json <<'EOF'
{"steps": [{"kind": "reminder", "days": 7, "fee": 6000, "deadline": 10},
           {"kind": "notice", "after_previous": 14, "fee": 18000, "deadline": 10},
           {"kind": "collection", "after_previous": 14}]}
EOF
run --tenant sverige policy check --file sefee.json --json
expect_json '[.violations[] | "\(.step) \(.rule)"] | join(",")' "0 law_fee_not_agreed" \
    "a Swedish reminder fee needs the customer's agreement (the inkassokrav fee does not)"
run --tenant sverige tenant set reminder_fee_agreed yes
run --tenant sverige policy set sefee --file sefee.json
expect_rc 0 "with the agreement on record it is lawful"
run --tenant sverige customer add S1 --name "Sven Svensson" --country SE --email sven@example.se
run --tenant sverige --today 2026-01-01 invoice create S-1 --customer S1 --due-days 30 --line "Vara;1;800,00;25"
run --tenant sverige --today 2026-04-30 run
run --tenant sverige case show S-1 --json
expect_json '[.steps[] | "\(.kind) \(.fee) \(.deadline)"] | join("|")' \
    "reminder 6000 2026-02-19|notice 18000 2026-03-05|collection 0 null" \
    "due 01-31 moves to Monday 02-02: 60 kr reminder on 02-09, 180 kr inkassokrav with 10 days, the hand-over"

# Finland: a 5 euro reminder for consumers; Denmark: at most three 100 kr rykkere.
run tenant add suomi --country FI --currency EUR
run --tenant suomi customer add F1 --name "Matti Meikäläinen" --country FI
run --tenant suomi --today 2026-01-01 invoice create F-1 --customer F1 --due-days 14 --line "Tuote;1;100,00;25.5"
run --tenant suomi --today 2026-04-30 run
run --tenant suomi case show F-1 --json
expect_json '[.steps[] | "\(.kind) \(.fee) \(.channel)"] | join("|")' \
    "pre-due 0 letter|reminder 500 letter|notice 500 letter|collection 0 customer" \
    "Finland: 5 euro for each fee-bearing letter, by post without an e-mail"
run tenant add danmark --country DK --currency DKK
cat >dk4.json <<'EOF'
{"steps": [{"kind": "reminder", "days": 1, "fee": 10000, "deadline": 10},
           {"kind": "reminder", "after_previous": 10, "fee": 10000, "deadline": 10},
           {"kind": "reminder", "after_previous": 10, "fee": 10000, "deadline": 10},
           {"kind": "notice", "after_previous": 10, "fee": 10000, "deadline": 10}]}
EOF
run --tenant danmark policy check --file dk4.json --json
expect_json '[.violations[] | "\(.step) \(.rule)"] | join(",")' "3 law_fee_letters" \
    "a fourth fee-bearing rykker breaks the Danish law"

# What is not law is configuration: the Norwegian inkassosats after 2021.
printf '{"steps": [{"kind": "reminder", "days": 14, "fee": 3750, "deadline": 14}]}' >sats.json
run --tenant acme policy check --file sats.json --json
expect_json '[.violations[] | .rule] | join(",")' "law_fee_cap" "37,50 is above 1/20 of 700 kr"
run --tenant acme tenant set law.no.inkassosats 750
expect_rc 0 "the tenant sets the inkassosats it knows to be in force"
run --tenant acme policy check --file sats.json
expect_rc 0 "and 37,50 is 1/20 of it"
run --tenant acme tenant set law.se.notice_deadline_days 5
expect_rc 2 "the Swedish eight days are law, not configuration"
run --tenant acme tenant set law.dk.notice_deadline_days 0
expect_rc 2 "a deadline of 0 days is refused"

run ledger verify
expect_rc 0 "the ledgers hold"
done_testing
