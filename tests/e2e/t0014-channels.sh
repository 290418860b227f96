#!/bin/sh
# Channels and documents: each message goes by the channel the rule chooses
# (the step's, the customer's stated, the sale's, e-mail, SMS, paper) and a
# customer on e-invoice or direct debit never gets paper; a reminder's and a
# notice's PDF state the original invoice, the fee, the interest, the total
# and the deadline in the customer's language, and go with the e-mail and
# the letter; an invoice of 40 lines flows onto a second page.
. "$(dirname "$0")/lib.sh"

mkdir drop
start_sinks

# pdf_text FILE: the PDF's text with U+00A0 as a space.
pdf_text() {
    pdftotext "$1" - 2>/dev/null | sed 's/\xc2\xa0/ /g'
}
# flat TEXT: the text on one line, as the reader reads a wrapped paragraph.
flat() {
    printf '%s' "$1" | tr '\n' ' ' | tr -s ' '
}
# has TEXT NEEDLE DESCRIPTION
has() {
    T_COUNT=$((T_COUNT + 1))
    case "$1" in *"$2"*) pass "$3" ;; *) fail "$3 (the text lacks '$2')" ;; esac
}

run init
run tenant add acme --country NO --currency NOK --kid mod10 --account 86011117947

# ---- the channel rule, customer by customer ----
run customer add C1 --name "Epost Eva" --country NO --email eva@example.no --phone 91000001
run customer add C2 --name "Sms Siri" --country NO --email siri@example.no --phone 91000002 \
    --channel sms --json
expect_json '"\(.channel) \(.direct_debit)"' "sms false" "a stated channel is kept and shown"
run customer add C3 --name "Kasse Kari" --country NO --email kari@example.no --phone 91000003
run customer add C4 --name "App Anne" --country NO --email anne@example.no
run customer add C5 --name "Papir Pål" --country NO --address "Storgata 1" --postcode 0155 --city Oslo
run customer add C6 --name "Efaktura Erik" --country NO --channel einvoice
run customer add C7 --name "Trekk Trine" --country NO --email trine@example.no --direct-debit --json
expect_json '"\(.channel) \(.direct_debit)"' " true" "direct debit is kept and shown"
run customer add C8 --name "Trekk Uten" --country NO --direct-debit
run customer add C9 --name "Trekk AS" --country NO --kind company --org 988077917 --direct-debit
run customer add C10 --name "Mobil Mona" --country NO --phone 91000010
run customer add C11 --name "Peppol AS" --country NO --kind company --org 923609016 \
    --email post@peppol.no
run customer show C9
expect_out_contains "channel    - (direct debit: no paper)" "customer show says she takes no paper"

create() { # NUMBER CUSTOMER [SALE]
    if [ -n "${3:-}" ]; then
        run --today 2026-01-01 invoice create "$1" --customer "$2" --due-days 14 \
            --sale-channel "$3" --line "Vare;1;1000,00;25" --json
    else
        run --today 2026-01-01 invoice create "$1" --customer "$2" --due-days 14 \
            --line "Vare;1;1000,00;25" --json
    fi
}
create I1 C1
create I2 C2 web
create I3 C3 pos
expect_json .sale_channel pos "the invoice keeps the channel it was sold by"
create I4 C4 app
create I5 C5
create I6 C6 mail
create I7 C7 mail
create I8 C8
create I9 C9
create I10 C10 web
create I11 C11 einvoice
run messages list --json
expect_json '[.[] | "\(.invoice):\(.channel)"] | join(",")' \
    "1:email,2:sms,3:sms,4:email,5:letter,6:einvoice,7:email,8:customer,9:einvoice,10:sms,11:einvoice" \
    "each invoice goes by the channel the rule chooses"
expect_json '[.[] | select(.invoice == 8) | "\(.status) \(.error)"] | .[0]' \
    "failed a customer on direct debit gets no paper, and this one has no e-mail address, phone or e-invoice address" \
    "a customer on direct debit whom nothing else reaches gets no letter: failed, with the reason"
expect_eq "$(db_scalar "SELECT COUNT(*) FROM messages m JOIN customers c ON c.tenant_id = m.tenant_id AND c.customer_id = m.customer_id WHERE (c.direct_debit = 1 OR c.channel = 'einvoice') AND m.channel = 'letter'")" 0 \
    "no letter to a customer on direct debit or e-invoice"

# ---- bad input names the field and the rule ----
run customer add X1 --name X --country NO --channel email --json
expect_rc 2 "channel email without an address is refused"
expect_json '"\(.error.code) \(.error.field)"' "channel_needs_address channel" "naming the field and the rule"
run customer add X2 --name X --country NO --phone 91000099 --direct-debit --channel letter --json
expect_json '"\(.error.code) \(.error.field)"' "channel_paper_refused channel" \
    "paper for a customer on direct debit is refused"
run customer add X3 --name X --country NO --channel fax --json
expect_json '"\(.error.code) \(.error.field)"' "unknown_value channel" "an unknown channel is refused"
run --today 2026-01-01 invoice create X-1 --customer C1 --sale-channel fax --line "Vare;1;1,00;25" --json
expect_json '"\(.error.code) \(.error.field)"' "unknown_value sale_channel" "an unknown sale channel is refused"
expect_eq "$(db_scalar "SELECT COUNT(*) FROM customers WHERE ext_id LIKE 'X%'") $(db_scalar "SELECT COUNT(*) FROM invoices WHERE number = 'X-1'")" "0 0" \
    "and nothing is written"

# ---- the CSV imports carry the same columns ----
printf 'id;name;country;email;phone;channel;direct_debit\nM1;Import Ida;NO;ida@example.no;91000020;sms;0\nM2;Import Ivar;NO;ivar@example.no;;;yes\n' >customers.csv
run import customers customers.csv
expect_rc 0 "customers import with channel and direct_debit"
run customer show M2 --json
expect_json '"\(.channel) \(.direct_debit)"' " true" "direct_debit from the file"
printf 'number,customer,sale_channel,text,quantity,unit_price,vat_rate\nM-1,M2,mail,Vare,1,100,25\n' >invoices.csv
run --today 2026-01-01 import invoices invoices.csv
expect_rc 0 "invoices import with sale_channel"
run invoice show M-1 --json
expect_json .sale_channel mail "sale_channel from the file"
run messages list --invoice M-1 --json
expect_json '.[0].channel' email "a sale on paper to a customer on direct debit goes by e-mail"
printf 'id;name;country;direct_debit\nM3;Feil;NO;kanskje\n' >bad.csv
run import customers bad.csv --json
expect_json '"\(.error.code) \(.error.field)"' "unknown_value direct_debit" "a bad direct_debit names its column"

# ---- a policy that asks for paper does not get it for direct debit ----
cat >paper.json <<'EOF'
{"match": {"tag": "paper"}, "steps": [
  {"kind": "reminder", "days": 14, "fee": 3500, "deadline": 14, "channel": "letter"}
]}
EOF
run policy set paper --file paper.json
run customer add P1 --name "Papir Petter" --country NO --email petter@example.no --tags paper
run customer add P2 --name "Trekk Tove" --country NO --email tove@example.no --tags paper --direct-debit
create PI1 P1
create PI2 P2

# ---- the day: reminders and notices ----
run --today 2026-03-01 run --json
expect_rc 0 "the day runs"
run case show PI1 --json
expect_json '[.steps[] | .channel] | join(",")' letter "the policy's letter step goes on paper"
run case show PI2 --json
expect_json '[.steps[] | .channel] | join(",")' email "but by e-mail to a customer on direct debit"
run case show I8 --json
expect_json '[.steps[] | .channel] | unique | join(",")' customer "no step of I8's case went on paper"
expect_eq "$(db_scalar "SELECT COUNT(*) FROM messages m JOIN customers c ON c.tenant_id = m.tenant_id AND c.customer_id = m.customer_id WHERE (c.direct_debit = 1 OR c.channel = 'einvoice') AND m.channel = 'letter'")" 0 \
    "still no letter to a customer on direct debit or e-invoice after the day"

run case show I1 --json
expect_json '[.steps[] | "\(.seq) \(.kind) \(.channel)"] | join(",")' \
    "1 pre-due email,2 reminder email,3 notice email" "I1 had a pre-due note, a reminder and a notice"
R_DEADLINE=$(printf '%s' "$OUT" | jq -r '.steps[1].deadline')
N_DEADLINE=$(printf '%s' "$OUT" | jq -r '.steps[2].deadline')
expect_eq "$R_DEADLINE $N_DEADLINE" "2026-02-12 2026-03-05" "each with the deadline the law asks"
run messages list --invoice I1 --json
R_FEES=$(printf '%s' "$OUT" | jq -r '.[2].fees')
R_INTEREST=$(printf '%s' "$OUT" | jq -r '.[2].interest')
R_TOTAL=$(printf '%s' "$OUT" | jq -r '.[2].total')
N_FEES=$(printf '%s' "$OUT" | jq -r '.[3].fees')
N_INTEREST=$(printf '%s' "$OUT" | jq -r '.[3].interest')
N_TOTAL=$(printf '%s' "$OUT" | jq -r '.[3].total')
expect_eq "$R_FEES $R_INTEREST $R_TOTAL" "3500 599 129099" "the reminder's fee, interest and total"
expect_eq "$N_FEES $N_INTEREST $N_TOTAL" "7000 1498 133498" "the notice's"

# ---- the reminder's and the notice's PDF ----
run invoice pdf I1 --step 2 -o reminder.pdf
expect_rc 0 "the reminder is written as a PDF"
text=$(pdf_text reminder.pdf)
has "$text" "Purring" "it is a purring, in Norwegian"
has "$text" "Fakturanummer" "naming the original invoice"
has "$text" "01.01.2026" "with its date"
has "$text" "15.01.2026" "and its due date"
has "$text" "Purregebyr" "the fee"
has "$text" "35,00" "of 35,00"
has "$text" "Forsinkelsesrente" "the interest"
has "$text" "5,99" "of 5,99"
has "$text" "1 290,99 NOK" "the total to pay"
has "$text" "Betalingsfrist: 12.02.2026" "and the deadline"
has "$(flat "$text")" "Vennligst betal 1 290,99 NOK innen 12.02.2026" "its text says what to pay by when"
case "$text" in *inkasso*) ok=no ;; *) ok=yes ;; esac
expect_eq "$ok" yes "a reminder does not threaten collection"

run invoice pdf I1 --step 3 -o notice.pdf
text=$(pdf_text notice.pdf)
has "$text" "Inkassovarsel" "the notice names itself"
has "$text" "70,00" "with the fees so far"
has "$text" "14,98" "the interest so far"
has "$text" "1 334,98 NOK" "the total"
has "$text" "Betalingsfrist: 05.03.2026" "the deadline"
has "$(flat "$text")" "blir kravet sendt til inkasso" "and says the claim goes to collection"
has "$(flat "$text")" "Er du uenig i kravet" "and how to object"

run customer add S1 --name "Sven Svensson" --country SE --email sven@example.se
run --today 2026-01-01 invoice create S-1 --customer S1 --due-days 14 --line "Vara;1;1000,00;25"
run --today 2026-03-01 run
run case show S-1 --json
S_STEP=$(printf '%s' "$OUT" | jq -r '[.steps[] | select(.kind == "reminder")][0].seq')
run invoice pdf S-1 --step "$S_STEP" -o se.pdf
text=$(pdf_text se.pdf)
has "$text" "Betalningspåminnelse" "a Swedish customer's reminder is in Swedish"
has "$text" "Sista betalningsdag" "with its deadline"

run invoice pdf I1 --step 9 --json
expect_rc 3 "a step the case does not have"
expect_json '"\(.error.code) \(.error.field)"' "step_not_found step" "is named"
run invoice pdf I1 --step 0 --json
expect_json '.error.field' step "step 0 is refused"

# ---- the outbox sends the step's PDF with the e-mail and the letter ----
SEND="outbox send --smtp smtp://127.0.0.1:$SMTP_PORT --sms-url http://127.0.0.1:$HTTP_PORT/sms --drop $T_DIR/drop --from Acme<faktura@acme.no>"
run --today 2026-03-01 $SEND --json
expect_rc 0 "the outbox runs"
expect_json '.failed' 0 "nothing fails (the failed one was failed before)"
found=""
for f in smtp/*.json; do
    if jq -e '.parts[] | select(.filename == "I1-2.pdf")' "$f" >/dev/null 2>&1; then found=$f; fi
done
expect_eq "$(jq -r '.rcpt_tos[0]' "$found" 2>/dev/null)" eva@example.no \
    "Eva's reminder e-mail carries the reminder as I1-2.pdf"
jq -r '.parts[] | select(.filename == "I1-2.pdf") | .data_hex' "$found" | xxd -r -p >mailed.pdf
has "$(pdf_text mailed.pdf)" "Purregebyr" "and the attachment is the reminder"
for f in smtp/*.json; do
    if jq -e '.parts[] | select(.filename == "I1-3.pdf")' "$f" >/dev/null 2>&1; then found=$f; fi
done
jq -r '.parts[] | select(.filename == "I1-3.pdf") | .data_hex' "$found" | xxd -r -p >mailed3.pdf
has "$(pdf_text mailed3.pdf)" "Inkassovarsel" "the notice's e-mail carries the notice"
letters=""
for f in drop/letter/*.pdf; do letters="$letters$(pdf_text "$f" | head -3 | tr '\n' ' ')|"; done
has "$letters" "Purring" "the paper reminder lies in the print drop with its PDF"
has "$letters" "Faktura" "beside the paper invoice"
expect_eq "$(ls drop/letter/*.pdf | grep -vc '/batch-')" "$(ls drop/letter/*.txt | wc -l)" \
    "every letter has its PDF"
expect_eq "$(ls drop/einvoice/*.txt | wc -l)" "$(db_scalar "SELECT COUNT(*) FROM messages WHERE channel = 'einvoice'")" \
    "the e-invoices went to the e-invoice drop"

# ---- 40 lines flow onto a second page ----
# shellcheck disable=SC2046
run --today 2026-01-01 invoice create LONG --customer C1 $(line_args 40 Linje-nummer)
expect_rc 0 "an invoice of 40 lines"
run invoice pdf LONG -o long.pdf
expect_rc 0 "is written as a PDF"
expect_eq "$(pdfinfo long.pdf | sed -n 's/^Pages: *//p')" 2 "on two pages"
text=$(pdf_text long.pdf)
missing=0
i=1
while [ $i -le 40 ]; do
    printf '%s\n' "$text" | grep -qx "Linje-nummer-$i" || missing=$((missing + 1))
    i=$((i + 1))
done
expect_eq "$missing" 0 "with every one of the 40 lines"
has "$text" "Side 2 av 2" "the pages are numbered"
has "$text" "1 025,00 NOK" "and the total is on the last"

done_testing
