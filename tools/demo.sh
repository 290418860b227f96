#!/bin/sh
# tools/demo.sh VINN - the main job on the embedded SQLite default: one
# merchant per Nordic country, a few thousand customers with Nordic names and
# invoices over six months, imported from the files a merchant's ERP would
# export; a few credit notes; the ledger verified; a readable summary.
set -eu
vinn=$(realpath "$1")
gen=$(dirname "$vinn")/../../bench/vinn-gen
top=$(cd "$(dirname "$0")/.." && pwd)
out="$top/demo"
today=${DEMO_TODAY:-2026-11-22}
rm -rf "$out"
mkdir -p "$out"
export VINN_DB="$out/vinn.db"
v() { "$vinn" --today "$today" "$@"; }

v init >/dev/null
v tenant add fjordkraft-no --country NO --currency NOK --org 988077917 --account 86011117947 --kid mod10 >/dev/null
v tenant add sjobris-se --country SE --currency SEK --org 5560360793 --account 5402-9681 >/dev/null
v tenant add revontuli-fi --country FI --currency EUR --org 2077474-0 --iban "FI21 1234 5600 0007 85" >/dev/null
v tenant add kystlys-dk --country DK --currency DKK --org 13585628 --iban "DK50 0040 0440 1162 43" >/dev/null

for t in fjordkraft-no:NO:1500:5000 sjobris-se:SE:1200:4000 revontuli-fi:FI:900:3000 kystlys-dk:DK:800:2500; do
    name=${t%%:*}; rest=${t#*:}; cc=${rest%%:*}; rest=${rest#*:}
    customers=${rest%%:*}; invoices=${rest#*:}
    mkdir -p "$out/$name"
    "$gen" --country "$cc" --customers "$customers" --invoices "$invoices" --today "$today" \
        --months 6 --out "$out/$name"
    v --tenant "$name" import customers "$out/$name/customers.csv"
    v --tenant "$name" import invoices "$out/$name/invoices.csv"
done

# A merchant credits a few invoices: one in full, one in part.
v --tenant fjordkraft-no invoice credit NO-0000007 >/dev/null
v --tenant fjordkraft-no invoice credit NO-0000011 --amount 100 >/dev/null
v --tenant sjobris-se invoice credit SE-0000003 >/dev/null

# Half a year of days: customers pay on time, late, after a reminder or
# never (a fixed model), their payments come in through the real bank import,
# and each day runs the reminders, notices, hand-overs and interest that the
# law of each country allows.
from=$(date -d "$today - 183 days" +%F)
echo
echo "== half a year of days, $from to $today =="
v simulate --from "$from" --to "$today"
echo
echo "== a case: the first invoice of fjordkraft-no handed over to collection =="
first=$(sqlite3 -readonly "$VINN_DB" "SELECT i.number FROM handovers h JOIN invoices i USING (tenant_id, invoice_id) \
    JOIN tenants t USING (tenant_id) WHERE t.name = 'fjordkraft-no' ORDER BY h.day, i.number LIMIT 1")
[ -n "$first" ] && v --tenant fjordkraft-no case show "$first"

# Documents: EHF / Peppol BIS Billing 3.0 for the Norwegian and Swedish
# merchants (their organisation numbers are Peppol endpoints); the letters
# the day queued for customers without e-mail or phone, dropped for print.
mkdir -p "$out/documents" "$out/outbox"
for t in fjordkraft-no:NO-0000042 sjobris-se:SE-0000042; do
    v --tenant "${t%%:*}" invoice ehf "${t#*:}" -o "$out/documents/${t#*:}.xml"
done
# One PDF invoice per language: nb, sv, fi (with the virtual bank barcode
# and the EPC QR code), da.
for t in fjordkraft-no:NO-0000042 sjobris-se:SE-0000042 revontuli-fi:FI-0000042 kystlys-dk:DK-0000042; do
    v --tenant "${t%%:*}" invoice pdf "${t#*:}" -o "$out/documents/${t#*:}.pdf" >/dev/null
done
# The inkassovarsel of the first case handed over, as the print batch got it.
if [ -n "$first" ]; then
    step=$(sqlite3 -readonly "$VINN_DB" "SELECT s.seq FROM case_steps s JOIN invoices i USING \
        (tenant_id, invoice_id) JOIN tenants t USING (tenant_id) WHERE t.name = 'fjordkraft-no' \
        AND i.number = '$first' AND s.kind = 'notice' AND s.task = 0 ORDER BY s.seq LIMIT 1")
    if [ -n "$step" ]; then
        v --tenant fjordkraft-no invoice pdf "$first" --step "$step" \
            -o "$out/documents/$first-notice.pdf" >/dev/null
    fi
fi
echo
echo "== documents =="
echo "EHF and PDF invoices in $out/documents: $(ls "$out/documents" | tr '\n' ' ')"
v --tenant kystlys-dk outbox send --drop "$out/outbox" --limit 200
echo "letters for print in $out/outbox/letter (e-mail and SMS wait for --smtp and --sms-url)"

# The banks report what came in: Nets OCR giro (NO), BgMax (SE), camt.054
# (FI) and a CSV export (DK); each file is matched, applied and posted.
bank=$(dirname "$0")/demo-bank.sh
echo
echo "== payments in =="
for t in fjordkraft-no:ocr:txt sjobris-se:bgmax:txt revontuli-fi:camt054:xml kystlys-dk:csv:csv; do
    name=${t%%:*}; rest=${t#*:}; fmt=${rest%%:*}; ext=${rest#*:}
    sh "$bank" "$vinn" "$name" "$fmt" "$out/$name/bank-$fmt.$ext" "$today"
    v --tenant "$name" payments import "$out/$name/bank-$fmt.$ext"
done

echo
echo "== vinn demo, $today, database $VINN_DB =="
for name in fjordkraft-no sjobris-se revontuli-fi kystlys-dk; do
    echo
    v --tenant "$name" tenant show
done
echo
echo "== one invoice =="
v --tenant fjordkraft-no invoice show NO-0000042
echo
echo "== the unmatched queue of sjobris-se =="
v --tenant sjobris-se payments list --unmatched
echo
echo "== the ledger =="
v ledger verify
echo
echo "Try: VINN_DB=$VINN_DB $vinn --tenant fjordkraft-no invoice list --status overdue"

# The HTTP API on the same database: a demo key, and one request that makes
# an invoice, answered by the real server and stopped again.
key=$(v --tenant fjordkraft-no key create --scopes read,write --name demo 2>/dev/null)
echo "$key" >"$out/api-key.txt"
"$vinn" --today "$today" serve --listen 127.0.0.1:0 --ready-file "$out/api.port" --quiet &
server=$!
i=0
while [ ! -s "$out/api.port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
port=$(cat "$out/api.port")
body='{"number": "API-0001", "customer": "10001", "due_days": 14, "lines": [{"text": "Servicebesøk", "quantity": 1.5, "unit_price": 85000, "vat_rate": 25}]}'
echo
echo "== the HTTP API =="
curl -s -X POST "http://127.0.0.1:$port/v1/invoices" -H "Authorization: Bearer $key" \
    -H 'Content-Type: application/json' -H 'Idempotency-Key: demo-api-0001' -d "$body" |
    jq -c '{number, customer, amount, due_date, reference, status}'
kill -TERM "$server"
wait "$server" || true
echo "Start it:  VINN_DB=$VINN_DB $vinn serve --listen 127.0.0.1:8080"
echo "Then:      curl -s -X POST http://127.0.0.1:8080/v1/invoices -H \"Authorization: Bearer \$(cat $out/api-key.txt)\" -H 'Content-Type: application/json' -d '$(printf '%s' "$body" | sed 's/API-0001/API-0002/')'"
echo "The API:   docs/api.md, or GET /v1/openapi.json"
