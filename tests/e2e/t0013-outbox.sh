#!/bin/sh
# The outbox delivers: invoices by e-mail to a real SMTP server, by SMS to an
# HTTP gateway and on paper as a file drop, each in the customer's language;
# a busy mailbox is retried later, a rejected one fails with its reason, and
# a second run sends nothing twice.
. "$(dirname "$0")/lib.sh"

mkdir drop
start_sinks

run init
run tenant add acme --country NO --currency NOK --kid mod10 --account 86011117947
run customer add K1 --name "Kari Nordmann" --country NO --email kari@example.no
run customer add K2 --name "Per Mobil" --country NO --phone 91234567
run customer add K3 --name "Papir Pål" --country NO
run customer add K4 --name "Feil Adresse" --country NO --email reject@example.no
run customer add K5 --name "Full Postkasse" --country NO --email busy@example.no
run customer add K6 --name "Sven Svensson" --country SE --email sven@example.se
for i in 1 2 3 4 5 6; do
    run --today 2026-01-01 invoice create INV-$i --customer K$i --due-days 14 \
        --line "Vare;1;1000,00;25"
done
run messages list --json
expect_json '[.[] | "\(.kind) \(.channel) \(.lang)"] | join(",")' \
    "invoice email nb,invoice sms nb,invoice letter nb,invoice email nb,invoice email nb,invoice email sv" \
    "each invoice is queued on its customer's channel and in her language"

# The tenant's own text for Norwegian invoices, checked before it is saved.
printf '{"subject": "Faktura {{invoice_number}} fra oss", "body": "Hei {{customer_name}}! Betal {{amount}} innen {{due_date}} med KID {{reference}}.", "sms": "Betal {{amount}}, KID {{reference}}"}' >own.json
run template set invoice --lang nb --file own.json
expect_rc 0 "the tenant saves its own invoice text"
printf '{"subject": "Faktura", "body": "Betal {{amuont}}", "sms": "x"}' >typo.json
run template set invoice --lang nb --file typo.json --json
expect_rc 2 "a typo in a placeholder is refused"
expect_json '.error.code' template_placeholder_unknown "naming the rule"
expect_json '.error.field | test("body") and test("amuont")' true "and the text and the placeholder"
run template show invoice --lang sv --json
expect_json '"\(.own) \(.subject | test("{{invoice_number}}"))"' "false true" \
    "Swedish invoices keep the built-in text"

SEND="outbox send --smtp smtp://127.0.0.1:$SMTP_PORT --sms-url http://127.0.0.1:$HTTP_PORT/sms --drop $T_DIR/drop --from Acme<faktura@acme.no>"
run --today 2026-01-01 $SEND --json
expect_rc 0 "the outbox runs"
expect_json '"\(.considered) \(.sent) \(.retried) \(.failed) \(.skipped)"' "6 4 1 1 0" \
    "four delivered, the busy mailbox to retry, the rejected address failed"

expect_eq "$(ls smtp/*.json | wc -l)" 2 "two e-mails arrived (the others were refused at RCPT)"
REF1=$(db_scalar "SELECT reference FROM invoices WHERE number = 'INV-1'")
OUT=$(cat smtp/1.json)
expect_json '.rcpt_tos | join(",")' "kari@example.no" "the first went to Kari"
expect_json '.subject' "Faktura INV-1 fra oss" "with the tenant's own subject"
expect_json '.content_language' nb "in Norwegian"
expect_json "[.parts[] | select(.content_type == \"text/plain\") | .text | test(\"Hei Kari Nordmann! Betal .* med KID $REF1\")] | any" true \
    "and its own text, filled in"
expect_json '[.parts[] | select(.content_type == "application/pdf") | .filename] | join(",")' "INV-1.pdf" \
    "with the invoice as a PDF attached"
OUT=$(cat smtp/2.json)
expect_json '.rcpt_tos | join(",")' "sven@example.se" "the second went to Sven"
expect_json '.content_language' sv "in Swedish"
OUT=$(cat http/1.json)
expect_json '.body | fromjson | .to' "+4791234567" "the SMS went to the Norwegian number in E.164"
REF2=$(db_scalar "SELECT reference FROM invoices WHERE number = 'INV-2'")
expect_json ".body | fromjson | .text | test(\"$REF2\")" true "with the KID in the text"
expect_eq "$(ls drop/letter | grep -c '\.txt$')" 1 "the paper invoice is a file for the print batch"
expect_eq "$(grep -c 'Papir Pål' drop/letter/*.txt)" 1 "addressed to its customer"
expect_eq "$(ls drop/letter | grep -v '^batch-' | grep -c '\.pdf$')" 1 "with its PDF beside it for the printer"
expect_eq "$(ls drop/letter | grep -c '^batch-acme-2026-01-01\.')" 2 "and in the day's print batch, with its manifest"

run messages list --json
expect_json '[.[] | .status] | join(",")' "sent,sent,sent,failed,queued,sent" "each message's status"
failed_error=$(db_scalar "SELECT last_error FROM messages WHERE recipient = 'reject@example.no'")
case "$failed_error" in *"550 5.1.1 Recipient address rejected"*) ok=yes ;; *) ok=no ;; esac
expect_eq "$ok" yes "the failure keeps the server's reason"
busy=$(db_scalar "SELECT attempts, CASE WHEN next_attempt_at > created_at THEN 1 ELSE 0 END FROM messages WHERE recipient = 'busy@example.no'")
expect_eq "$busy" "1|1" "the busy mailbox is tried again later, not now"

run --today 2026-01-01 $SEND --json
expect_json '"\(.considered) \(.sent)"' "0 0" "a second run sends nothing twice"
expect_eq "$(ls smtp/*.json | wc -l)" 2 "no e-mail arrived twice"

run --today 2026-01-01 outbox send --json
expect_json '"\(.considered) \(.skipped)"' "0 0" "nothing is due"

# The same invoices as EHF (Peppol BIS Billing 3.0), valid UBL 2.1.
run tenant add bygg --country NO --currency NOK --org 988077917 --account 86011117947 --kid mod10
run --tenant bygg customer add B1 --name "Bygg AS" --kind company --org 988077917 --country NO \
    --address "Storgata 1" --postcode 0150 --city Oslo
run --tenant bygg --today 2026-01-01 invoice create E-1 --customer B1 \
    --line "Tjeneste;2;500,00;25" --line "Bok;1;100,00;0"
run --tenant bygg invoice credit E-1 --amount 100
run --tenant bygg invoice ehf E-1 -o e1.xml
expect_rc 0 "the invoice is written as EHF"
xmllint --noout --schema "$SAMPLES/ubl/xsd/maindoc/UBL-Invoice-2.1.xsd" e1.xml 2>/dev/null
expect_eq "$?" 0 "it validates against the UBL 2.1 invoice schema"
KID=$(db_scalar "SELECT reference FROM invoices WHERE number = 'E-1'")
expect_eq "$(xmllint --xpath 'string(//*[local-name()="PaymentID"])' e1.xml)" "$KID" "with the KID in PaymentID"
expect_eq "$(xmllint --xpath 'string(//*[local-name()="AccountingSupplierParty"]//*[local-name()="PartyTaxScheme"]/*[local-name()="CompanyID"])' e1.xml)" \
    NO988077917MVA "and the seller's VAT id as NO-R-001 asks"
run --tenant bygg invoice ehf E-1-K1 -o e1k.xml
xmllint --noout --schema "$SAMPLES/ubl/xsd/maindoc/UBL-CreditNote-2.1.xsd" e1k.xml 2>/dev/null
expect_eq "$?" 0 "the credit note validates against the UBL 2.1 credit note schema"
# ... and as a PDF a person reads: the amount, the due date, the KID.
run --tenant bygg invoice pdf E-1 -o e1.pdf
expect_rc 0 "the invoice is written as a PDF"
text=$(pdftotext e1.pdf - 2>/dev/null)
case "$text" in *"$KID"*"86011117947"*|*"86011117947"*"$KID"*) ok=yes ;; *) ok=no ;; esac
expect_eq "$ok" yes "the PDF states the KID and the account"
case "$text" in *"Bygg AS"*) ok=yes ;; *) ok=no ;; esac
expect_eq "$ok" yes "and the customer"

run --tenant acme invoice ehf INV-1 -o none.xml
expect_rc 2 "a seller without an organisation number has no Peppol endpoint"
expect_err_contains "seller.org_no" "and the error names the field"
expect_eq "$(ls none.xml none.xml.tmp 2>/dev/null | wc -l)" 0 "and no file is left"

done_testing
