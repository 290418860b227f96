#!/bin/sh
# The HTTP API end to end: the real `vinn serve` on a free port, driven with
# curl: every route, the error shape, API keys and scopes, one tenant's
# objects 404 to another's key on every route, idempotency keys, rate
# limits, body and JSON limits, webhooks received by a local endpoint with
# their signature checked, the audit log, graceful shutdown on SIGTERM.
SRC=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.sh"

run init
run tenant add acme --country NO --currency NOK --org "988 077 917" --account 8601.11.17947
run tenant add other --country SE --currency SEK --account 5402-9681
KEY=$("$VINN" --tenant acme key create --scopes read,write --name shop 2>/dev/null)
RKEY=$("$VINN" --tenant acme key create --scopes read 2>/dev/null)
OKEY=$("$VINN" --tenant other key create 2>/dev/null)
GONE=$("$VINN" --tenant acme key create 2>/dev/null)
run --tenant acme key revoke "$GONE"
expect_rc 0 "a key is revoked"
run --tenant acme key list --json
expect_json '[.[] | "\(.scopes):\(.revoked)"] | join(" ")' \
    "read,write:false read:false read,write:true" "the keys are listed by id, never by secret"
T_COUNT=$((T_COUNT + 1))
case "$KEY" in vk_????????????????_*) pass "key create prints the key alone" ;; *) fail "key '$KEY'" ;; esac
pub=${KEY#vk_}
pub=${pub%%_*}
expect_eq "$(db_scalar "SELECT COUNT(*) FROM api_keys WHERE public_id = '$pub'")" 1 \
    "the key's id is stored"
expect_eq "$(db_scalar "SELECT COUNT(*) FROM api_keys WHERE name LIKE '%${KEY#vk_*_}%' OR public_id LIKE '%${KEY#vk_*_}%'")" 0 \
    "the key's secret is not stored"

# ---- a webhook endpoint: records each request with its headers ----
cat >hooks.py <<'EOF'
import http.server, json, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers['Content-Length']))
        with open('hooks.log', 'a') as f:
            f.write(json.dumps({'sig': self.headers['Vinn-Signature'],
                                'type': self.headers['Vinn-Event-Type'],
                                'body': body.decode()}) + '\n')
        self.send_response(204)
        self.end_headers()
    def log_message(self, *a):
        pass
s = http.server.HTTPServer(('127.0.0.1', 0), H)
open('hooks.port', 'w').write(str(s.server_port))
s.serve_forever()
EOF
python3 hooks.py &
HOOKS=$!

start_server() { # start_server NAME ARGS...: the server's port in $PORT
    name=$1
    shift
    rm -f "$name.port"
    "$VINN" --today 2026-05-03 serve --listen 127.0.0.1:0 --ready-file "$name.port" \
        --webhooks-every 100 "$@" 2>"$name.log" &
    SERVER=$!
    i=0
    while [ ! -s "$name.port" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
    PORT=$(cat "$name.port")
}
start_server api --body-max 1 --rate 1000
API=$SERVER
at_exit 'kill $API $HOOKS 2>/dev/null' 
while [ ! -s hooks.port ]; do sleep 0.05; done

# api METHOD PATH [BODY] [CURL ARGS...]: the body in $OUT, the status in $RC,
# the headers in headers.txt. $AUTH is the key (default $KEY).
api() {
    a_method=$1
    a_path=$2
    shift 2
    a_body=""
    if [ $# -gt 0 ]; then
        a_body=$1
        shift
    fi
    if [ -n "$a_body" ]; then
        RC=$(curl -s -o out.txt -D headers.txt -w '%{http_code}' -X "$a_method" \
            -H "Authorization: Bearer ${AUTH:-$KEY}" -H "Content-Type: ${CT:-application/json}" \
            --data-binary "$a_body" "$@" "http://127.0.0.1:$PORT$a_path")
    else
        RC=$(curl -s -o out.txt -D headers.txt -w '%{http_code}' -X "$a_method" \
            -H "Authorization: Bearer ${AUTH:-$KEY}" "$@" "http://127.0.0.1:$PORT$a_path")
    fi
    OUT=$(cat out.txt)
    ERR=""
}
expect_status() { # expect_status CODE DESCRIPTION
    T_COUNT=$((T_COUNT + 1))
    if [ "$RC" = "$1" ]; then pass "$2"; else fail "$2 (wanted HTTP $1)"; fi
}
expect_header() { # expect_header TEXT DESCRIPTION
    T_COUNT=$((T_COUNT + 1))
    if grep -qi "^$1" headers.txt; then pass "$2"; else fail "$2 (no header '$1')"; fi
}

# ---- health, the document, routes ----
AUTH=none api GET /v1/health
expect_status 200 "health answers without a key"
expect_json '"\(.status) \(.schema)"' "ok 7" "with the schema version"
AUTH=none api GET /v1/openapi.json
expect_status 200 "the OpenAPI document is public"
expect_json .openapi 3.1.0 "it is OpenAPI 3.1"
cp out.txt openapi.json
documented=$(jq -r '.paths | to_entries[] | .key as $p | .value | keys[] | "\(ascii_upcase) \($p)"' openapi.json | sort)
routed=$(sed -n 's/^ *{"\(GET\|POST\|PUT\|DELETE\)", "\(\/v1[^"]*\)".*/\1 \2/p' "$SRC/src/http/routes.c" | sort)
expect_eq "$documented" "$routed" "the document lists exactly the routes of the route table"
expect_eq "$(jq '[.paths[][] | select(.responses.default == null)] | length' openapi.json)" 0 \
    "every operation documents its error shape"
api GET /v1/nothing
expect_status 404 "an unknown route is 404"
expect_json .error.code route_not_found "with its code"
api DELETE /v1/invoices
expect_status 405 "a known route with another method is 405"
expect_header "Allow: POST, GET" "naming the methods it has"

# ---- keys and scopes ----
AUTH=none api GET /v1/customers
expect_status 401 "no valid key: 401"
expect_json '"\(.error.code) \(.error.field)"' "unauthorized Authorization" "in the one error shape"
expect_header "WWW-Authenticate: Bearer" "with the scheme"
AUTH="$GONE" api GET /v1/customers
expect_status 401 "a revoked key: 401"
AUTH="vk_0000000000000000_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" api GET /v1/customers
expect_status 401 "an unknown key: 401"
AUTH="$RKEY" api POST /v1/customers '{"id": "K9", "name": "X", "country": "NO"}'
expect_status 403 "a read key cannot write"
expect_json .error.code forbidden "forbidden"
expect_eq "$(db_scalar 'SELECT COUNT(*) FROM customers')" 0 "and nothing was written"

# ---- customers ----
api POST /v1/customers '{"id": "K1", "name": "Åse Søreide", "country": "NO", "email": "ase@example.no", "national_id": "01010012356"}'
expect_status 201 "a customer is added"
expect_json '"\(.id) \(.name) \(.lang)"' "K1 Åse Søreide nb" "in the CLI's JSON shape"
api POST /v1/customers '{"id": "K2", "name": "Fjord AS", "country": "NO", "kind": "company", "email": "ap@fjord.example"}'
expect_status 201 "a company is added"
api POST /v1/customers '{"id": "K1", "name": "Again", "country": "NO"}'
expect_status 409 "the same id twice is 409"
expect_json .error.code customer_exists "customer_exists"
api POST /v1/customers '{"id": "K3", "name": "X", "country": "NO", "email": "not-an-address"}'
expect_status 422 "a bad e-mail is 422"
expect_json '"\(.error.code) \(.error.field)"' "email_invalid email" "naming the field"
api POST /v1/customers '{"id": "K3", "name": "X", "country": "NO", "colour": "red"}'
expect_status 400 "an unknown member is refused"
expect_json .error.field colour "naming it"
api POST /v1/customers '{"id": "K3", "name": 7, "country": "NO"}'
expect_json '"\(.error.code) \(.error.field)"' "usage name" "a number where text belongs is refused"
api POST /v1/customers '{"id": "K3",'
expect_status 400 "malformed JSON is 400"
expect_json .error.code bad_json "bad_json"
CT=application/x-www-form-urlencoded api POST /v1/customers 'id=K3'
expect_status 415 "a body that is not JSON is 415"
deep=$(printf '%0.s[' $(seq 1 40))
api POST /v1/customers "{\"id\": $deep"
expect_status 400 "JSON nested too deep is refused"
expect_json .error.code json_too_deep "json_too_deep"
head -c 1100000 /dev/zero | tr '\0' 'a' >big.txt
RC=$(curl -s -o out.txt -w '%{http_code}' -X POST -H "Authorization: Bearer $KEY" \
    -H 'Content-Type: application/json' --data-binary @big.txt "http://127.0.0.1:$PORT/v1/customers")
OUT=$(cat out.txt)
expect_status 413 "a body over --body-max is 413"
expect_json .error.code body_too_large "body_too_large"
api POST /v1/customers '{"id": "K5", "name": "Papir", "country": "NO", "channel": "letter", "direct_debit": true}'
expect_json '"\(.error.code) \(.error.field)"' "channel_paper_refused channel" \
    "a customer on direct debit cannot ask for paper"
api POST /v1/customers '{"id": "K5", "name": "Papir", "country": "NO", "direct_debit": "yes"}'
expect_json .error.field direct_debit "direct_debit is true or false"
api GET /v1/customers/K1
expect_status 200 "a customer is read back"
T_COUNT=$((T_COUNT + 1))
case "$OUT" in *01010012356*) fail "the personal id is not shown" ;; *) pass "the personal id is not shown" ;; esac
api GET "/v1/customers?limit=1"
expect_json '"\(.data | length) \(.next)"' "1 K1" "a page of one, with its cursor"
api GET "/v1/customers?limit=1&after=K1"
expect_json '"\([.data[].id] | join(",")) \(.next)"' "K2 K2" "the next page"
api GET "/v1/customers?limit=0"
expect_status 400 "a page size of 0 is refused"
expect_json .error.field limit "naming limit"

# ---- invoices ----
INV1='{"number": "2026-0001", "customer": "K1", "date": "2026-05-03", "due_days": 14, "lines": [{"text": "Elektrikertime", "quantity": 1.5, "unit_price": 85000, "vat_rate": 25}, {"text": "Frakt", "quantity": 1, "unit_price": 9900, "vat_rate": 25}]}'
api POST /v1/invoices "$INV1" -H 'Idempotency-Key: inv-1'
expect_status 201 "an invoice is created"
expect_json '"\(.amount) \(.vat) \(.reference) \(.due_date) \(.lines | length)"' \
    "171750 34350 000000018 2026-05-18 2" "with VAT, KID and a due date on a bank day"
first=$OUT
api POST /v1/invoices "$INV1" -H 'Idempotency-Key: inv-1'
expect_status 201 "the same key and body again"
expect_eq "$OUT" "$first" "give the stored answer"
expect_header "Idempotent-Replayed: true" "marked as replayed"
expect_eq "$(db_scalar "SELECT COUNT(*) FROM invoices")" 1 "and create nothing"
api POST /v1/invoices '{"number": "2026-0009", "customer": "K1", "lines": [{"text": "x", "quantity": 1, "unit_price": 100, "vat_rate": 25}]}' -H 'Idempotency-Key: inv-1'
expect_status 409 "the same key with another body is 409"
expect_json .error.code idempotency_key_reused "idempotency_key_reused"
expect_eq "$(db_scalar "SELECT COUNT(*) FROM invoices")" 1 "nothing is written"
api POST /v1/invoices '{"number": "2026-0002", "customer": "K1", "lines": [{"text": "x", "quantity": 1, "unit_price": -100, "vat_rate": 25}]}'
expect_status 422 "a negative price is refused"
expect_json '"\(.error.code) \(.error.field)"' "amount_must_not_be_negative lines[0].unit_price" \
    "naming the line's field"
api POST /v1/invoices '{"number": "2026-0002", "customer": "K1", "lines": [{"text": "x", "quantity": 1.2345, "unit_price": 100, "vat_rate": 25}]}'
expect_json '"\(.error.code) \(.error.field)"' "not_a_number lines[0].quantity" \
    "a quantity with 4 decimals is refused"
api POST /v1/invoices '{"number": "2026-0002", "customer": "K1", "lines": [{"text": "x", "quantity": 1, "unit_price": 100.5, "vat_rate": 25}]}'
expect_json '"\(.error.code) \(.error.field)"' "not_a_number lines[0].unit_price" \
    "a price that is not in minor units is refused"
api POST /v1/invoices '{"number": "2026-0002", "customer": "K1", "lines": [{"text": "x", "quantity": 1, "unit_price": 100, "vat_rate": 25}, {"text": "y", "quantity": 1, "unit_price": 100, "vat_rate": 125}]}'
expect_status 400 "a VAT rate over 100 % is refused"
expect_json '"\(.error.code) \(.error.field) \(.error.message)"' \
    "number_out_of_range lines[1].vat_rate lines[1].vat_rate must be 0 to 100 (percent)" \
    "naming the second line's field"
api POST /v1/invoices '{"number": "2026-0002", "customer": "K1", "lines": [{"text": "x", "quantity": 1, "unit_price": 100, "vat_rate": 25}, {"text": "y", "quantity": 1, "vat_rate": 25}]}'
expect_json '"\(.error.code) \(.error.field) \(.error.message)"' \
    "field_required lines[1].unit_price lines[1].unit_price is required" \
    "a line without a price is refused, naming it"
api POST /v1/invoices '{"number": "2026-0002", "customer": "K1", "lines": [{"text": "x", "quantity": 1, "unit_price": 100, "vat_rate": 25}, {"text": "two\nlines", "quantity": 1, "unit_price": 100, "vat_rate": 25}]}'
expect_json '"\(.error.code) \(.error.field)"' "invalid_characters lines[1].text" \
    "a line text of two lines is refused, naming it"
api POST /v1/invoices '{"number": "2026-0002", "customer": "K1", "lines": [{"text": "x", "quantity": 1, "unit_price": 9223372036854775807, "vat_rate": 25}, {"text": "y", "quantity": 1, "unit_price": 9223372036854775807, "vat_rate": 25}]}'
expect_status 422 "an overflowing total is refused"
api POST /v1/invoices '{"number": "2026-0002", "customer": "K1", "currency": "XYZ", "lines": [{"text": "x", "quantity": 1, "unit_price": 100, "vat_rate": 25}]}'
expect_json .error.field currency "an unknown currency is refused"
api POST /v1/invoices '{"number": "2026-0002", "customer": "K1", "date": "2026-02-30", "lines": [{"text": "x", "quantity": 1, "unit_price": 100, "vat_rate": 25}]}'
expect_json .error.field date "an impossible date is refused"
api POST /v1/invoices '{"number": "2026-0002", "customer": "NOPE", "lines": [{"text": "x", "quantity": 1, "unit_price": 100, "vat_rate": 25}]}'
expect_json '"\(.error.code) \(.error.field)"' "customer_unknown customer" "an unknown customer is refused"
api POST /v1/invoices '{"number": "2026-0002", "customer": "K1", "lines": []}'
expect_json .error.code invoice_no_lines "an invoice needs lines"
expect_eq "$(db_scalar "SELECT COUNT(*) FROM invoices")" 1 "no refused invoice was written"
api POST /v1/invoices '{"number": "2026-0002", "customer": "K2", "date": "2026-05-03", "due_date": "2026-05-20", "lines": [{"text": "Konsulent", "quantity": 10, "unit_price": 120000, "vat_rate": 25}]}'
expect_status 201 "a second invoice"
api POST /v1/invoices '{"number": "2026-0003", "customer": "K1", "date": "2026-05-03", "lines": [{"text": "Lampe", "quantity": 1, "unit_price": 40000, "vat_rate": 25}]}'
expect_status 201 "a third invoice"
api GET /v1/invoices/2026-0002
expect_json '"\(.amount) \(.due_date) \(.customer)"' "1500000 2026-05-20 K2" "an invoice is read back"
api GET "/v1/invoices?limit=2"
expect_json '"\([.data[].number] | join(",")) \(.next)"' "2026-0001,2026-0002 2026-0002" \
    "invoices page by number"
api GET "/v1/invoices?limit=2&after=2026-0002"
expect_json '"\([.data[].number] | join(",")) \(.next)"' "2026-0003 null" "to the last page"
api GET "/v1/invoices?customer=K2"
expect_json '[.data[].number] | join(",")' "2026-0002" "filtered by customer"
api GET "/v1/invoices?status=bogus"
expect_status 400 "an unknown status is refused"
api POST /v1/invoices/2026-0003/credit '{"amount": 10000}'
expect_status 201 "a partial credit note"
expect_json '"\(.credit_note.amount) \(.invoice.outstanding)"' "10000 40000" \
    "lowers what is owed"
api GET /v1/invoices/2026-0001/pdf
expect_status 200 "the invoice as PDF"
expect_header "Content-Type: application/pdf" "of type application/pdf"
pdftotext out.txt - >pdf.txt 2>/dev/null
expect_eq "$(grep -c -m1 '000000018' pdf.txt)" 1 "with its KID"
api GET /v1/invoices/2026-0002/ehf
expect_status 200 "the invoice as EHF"
xmllint --noout --schema "$SAMPLES/ubl/xsd/maindoc/UBL-Invoice-2.1.xsd" out.txt 2>/dev/null
RC=$?
expect_rc 0 "the EHF validates against the UBL 2.1 XSD"

# ---- webhooks ----
HPORT=$(cat hooks.port)
api POST /v1/webhooks "{\"url\": \"http://127.0.0.1:$HPORT/vinn\", \"events\": [\"invoice.created\", \"invoice.paid\", \"payment.unmatched\", \"dunning.step\"]}"
expect_status 201 "a webhook is registered"
SECRET=$(printf '%s' "$OUT" | jq -r .secret)
HOOK=$(printf '%s' "$OUT" | jq -r .id)
T_COUNT=$((T_COUNT + 1))
case "$SECRET" in whsec_*) pass "its signing secret is given once" ;; *) fail "secret '$SECRET'" ;; esac
api POST /v1/webhooks '{"url": "ftp://x", "events": ["invoice.created"]}'
expect_json '"\(.error.code) \(.error.field)"' "url_invalid url" "a URL that is not http(s) is refused"
api POST /v1/webhooks '{"url": "http://127.0.0.1:1/x", "events": ["invoice.eaten"]}'
expect_json '"\(.error.code) \(.error.field)"' "event_type_unknown events" "an unknown event type is refused"
api POST /v1/invoices '{"number": "2026-0004", "customer": "K1", "date": "2026-05-03", "lines": [{"text": "Pære", "quantity": 2, "unit_price": 5000, "vat_rate": 25}]}'
expect_status 201 "an invoice the webhook hears of"

# ---- payments ----
cat >pay.csv <<'EOF'
date;amount;currency;reference;payer_name;message;bank_reference
2026-05-10;1717,50;NOK;000000018;Åse Søreide;;B1
2026-05-10;99,00;NOK;;Ukjent Person;hva er dette;B2
EOF
RC=$(curl -s -o out.txt -w '%{http_code}' -X POST -H "Authorization: Bearer $KEY" \
    --data-binary @pay.csv "http://127.0.0.1:$PORT/v1/payments/imports?format=csv&name=pay.csv")
OUT=$(cat out.txt)
expect_status 201 "a bank file is imported"
expect_json '"\(.entries) \(.matched) \(.unmatched) \(.amount)"' "2 1 1 181650" \
    "one matched by KID, one waits"
RC=$(curl -s -o out.txt -w '%{http_code}' -X POST -H "Authorization: Bearer $KEY" \
    --data-binary @pay.csv "http://127.0.0.1:$PORT/v1/payments/imports?format=csv&name=pay.csv")
OUT=$(cat out.txt)
expect_json '"\(.new) \(.duplicates)"' "0 2" "the same file again adds nothing"
printf 'date;amount\n2026-05-10;abc\n' >bad.csv
RC=$(curl -s -o out.txt -w '%{http_code}' -X POST -H "Authorization: Bearer $KEY" \
    --data-binary @bad.csv "http://127.0.0.1:$PORT/v1/payments/imports?format=csv")
OUT=$(cat out.txt)
expect_status 400 "a bad bank file is refused"
api GET /v1/invoices/2026-0001
expect_json '"\(.status) \(.outstanding)"' "paid 0" "the invoice is paid"
api GET "/v1/payments?status=unmatched"
expect_json '.data | length' 1 "one payment waits for a person"
UNMATCHED=$(printf '%s' "$OUT" | jq -r '.data[0].id')
api POST "/v1/payments/$UNMATCHED/assign" '{"invoices": ["2026-0004"]}'
expect_status 200 "a person assigns it"
expect_json '"\(.status) \(.allocations | length)"' "partial 1" "it pays part of 2026-0004"
api GET "/v1/payments/$UNMATCHED"
expect_json .allocations[0].invoice 2026-0004 "the payment shows its allocation"

# ---- the day and cases ----
api POST /v1/runs '{"date": "2026-06-20"}'
expect_status 200 "the day runs"
expect_json '"\(.date) \(.pre_due) \(.reminders) \(.closed)"' "2026-06-20 2 2 1" "reminders for the late invoices of persons; the paid one's case closes"
api POST /v1/runs '{"date": "2026-06-20"}'
expect_json .reminders 0 "the same day again does nothing"
api GET /v1/cases/2026-0003
expect_status 200 "a case is shown"
expect_json '"\(.state) \(.steps | length) \(.steps[-1].kind)"' "active 2 reminder" "with its steps"
api POST /v1/cases/2026-0003/pause '{"reason": "dispute"}'
expect_json '"\(.state) \(.pause_reason)"' "paused dispute" "a case is paused"
api POST /v1/cases/2026-0003/pause '{"reason": "dispute"}'
expect_status 409 "paused twice is a conflict"
api POST /v1/cases/2026-0003/resume
expect_json .state active "and resumed"
api POST /v1/cases/2026-0003/promise '{"until": "2026-07-01"}'
expect_json '"\(.state) \(.promise_until)"' "promised 2026-07-01" "a promise to pay"
api POST /v1/cases/2026-0003/promise '{}'
expect_json .error.field until "a promise needs its day"
api POST /v1/cases/2026-0002/writeoff
expect_json '"\(.state) \(.status)"' "written_off written_off" "a claim is written off"
api GET "/v1/messages?invoice=2026-0003"
expect_json '[.data[].kind] | join(",")' "invoice,pre-due,reminder" "the outbox holds its letters"
api GET /v1/tasks
expect_status 200 "tasks are listed"

# ---- policies ----
api PUT /v1/policies/gentle '{"priority": 10, "steps": [{"kind": "reminder", "days": 10, "deadline": 14}, {"kind": "reminder", "after_previous": 20, "fee": 3500, "deadline": 14}]}'
expect_status 200 "a lawful policy is saved"
expect_json .name gentle "under its name"
api PUT /v1/policies/greedy '{"steps": [{"kind": "reminder", "days": 7, "fee": 7000, "deadline": 7}]}'
expect_status 422 "a policy that breaks the law is refused"
expect_json '"\(.error.code) \([.error.violations[].rule] | join(","))"' \
    "policy_breaks_law law_fee_cap,law_fee_too_early" "with every rule it breaks"
api GET /v1/policies
expect_json '[.data[] | select(.builtin == false) | .name] | join(",")' gentle \
    "the tenant's policies, then the built-in ones"
api GET /v1/policies/gentle
expect_json .steps[1].fee 3500 "a policy is read back"
api DELETE /v1/policies/gentle
expect_json .deleted true "and deleted"
api DELETE /v1/policies/gentle
expect_status 404 "deleting it twice is 404"

# ---- webhooks delivered, signed ----
i=0
while [ "$(grep -c '"invoice.paid"' hooks.log 2>/dev/null)" != 1 ] && [ $i -lt 100 ]; do
    sleep 0.05
    i=$((i + 1))
done
expect_eq "$(jq -r .type hooks.log | sort | uniq -c | awk '{print $2 "=" $1}' | tr '\n' ' ')" \
    "dunning.step=4 invoice.created=1 invoice.paid=1 payment.unmatched=1 " \
    "the endpoint got each event it asked for, once"
cat >verify.py <<'EOF'
import hashlib, hmac, json, sys
secret = sys.argv[1].encode()
bad = 0
for line in open('hooks.log'):
    r = json.loads(line)
    parts = dict(p.split('=', 1) for p in r['sig'].split(','))
    mac = hmac.new(secret, (parts['t'] + '.' + r['body']).encode(), hashlib.sha256).hexdigest()
    bad += mac != parts['v1']
print(bad)
EOF
expect_eq "$(python3 verify.py "$SECRET")" 0 "every delivery carries a valid HMAC-SHA256 signature"
expect_eq "$(python3 verify.py whsec_wrong)" "$(wc -l <hooks.log)" "which another secret does not make"
expect_eq "$(grep '"invoice.created"' hooks.log | jq -r .body | jq -r .data.number)" 2026-0004 \
    "the event carries its invoice"
api GET /v1/events
expect_json '.data | length' 7 "the events are listed"
api DELETE "/v1/webhooks/$HOOK"
expect_json .deleted true "a webhook is deleted"
api GET /v1/webhooks
expect_json '.data | length' 0 "and gone"

# ---- another tenant's key sees none of it, on every route ----
api PUT /v1/policies/acme-own '{"steps": [{"kind": "reminder", "days": 14, "deadline": 14}]}'
expect_status 200 "a policy of acme's own"
PAYMENT=$UNMATCHED
while read -r method path; do
    p=$(printf '%s' "$path" | sed -e 's/{number}/2026-0001/' -e "s/{id}/$PAYMENT/" -e 's/{name}/acme-own/')
    case "$path" in
    /v1/customers/*) p=/v1/customers/K1 ;;
    /v1/webhooks/*) p=/v1/webhooks/$HOOK ;;
    esac
    case "$method $path" in
    "GET /v1/health" | "GET /v1/openapi.json") continue ;;
    "POST /v1/runs") body='{"date": "2026-06-20"}' ;;
    "POST /v1/payments/imports") continue ;; # another tenant's file is its own
    "POST /v1/customers" | "POST /v1/invoices" | "POST /v1/webhooks" | "PUT "*) continue ;;
    *"/assign") body='{"invoices": ["2026-0001"]}' ;;
    *"/pause") body='{"reason": "x"}' ;;
    *"/promise") body='{"until": "2026-07-01"}' ;;
    *) body="" ;;
    esac
    AUTH=$OKEY api "$method" "$p" "$body"
    case "$path" in
    *"{"*)
        T_COUNT=$((T_COUNT + 1))
        if [ "$RC" = 404 ]; then pass "$method $p is 404 to another tenant"; else fail "$method $p is 404 to another tenant (HTTP $RC)"; fi
        ;;
    *)
        T_COUNT=$((T_COUNT + 1))
        if printf '%s' "$OUT" | grep -q -e 2026-0001 -e '"K1"' -e acme; then
            fail "$method $p shows none of acme's objects"
        else
            pass "$method $p shows none of acme's objects"
        fi
        ;;
    esac
done <<EOF
$routed
EOF
run --tenant other payments refund "$PAYMENT"
expect_rc 3 "the command line refuses another tenant's payment too"
expect_err_contains "payment $PAYMENT does not exist" "saying so"
AUTH=$OKEY api POST /v1/invoices '{"number": "2026-0001", "customer": "K1", "lines": [{"text": "x", "quantity": 1, "unit_price": 100, "vat_rate": 25}]}'
expect_json .error.code customer_unknown "another tenant's customer does not exist for it"

# ---- bodies sent in chunks: no Content-Length, longer than the first 4 KiB ----
PAD=$(head -c 6000 /dev/zero | tr '\0' ' ')
AUTH=$OKEY api POST /v1/customers "{\"id\": \"O1\",$PAD \"name\": \"Bit for bit\", \"country\": \"NO\"}" \
    -H 'Transfer-Encoding: chunked'
expect_json '"\(.id) \(.name)"' "O1 Bit for bit" "a chunked body of 6 KB is read whole"
AUTH=$OKEY api POST /v1/invoices "{\"number\": \"O-1\", \"customer\": \"O1\",$PAD \"lines\": [{\"text\": \"Bit\", \"quantity\": 3, \"unit_price\": 1000, \"vat_rate\": 25}]}" \
    -H 'Transfer-Encoding: chunked'
expect_status 201 "so is a new invoice's"
expect_json '"\(.number) \(.customer) \(.lines[0].text) \(.amount)"' "O-1 O1 Bit 3750" \
    "with its number, customer, line and amount"

# ---- the audit log; no secret or personal id in the server's log ----
api GET "/v1/audit?limit=1000"
expect_json '[.data[] | select(.route == "/v1/invoices" and .status == 201) | .object] | join(",")' \
    "invoice 2026-0001,invoice 2026-0002,invoice 2026-0003,invoice 2026-0004" \
    "every write is in the audit log, with its object"
expect_json '[.data[] | select(.status >= 400)] | length > 5' true "refused writes too"
secret_part=${KEY#vk_*_}
expect_eq "$(grep -c -e "$secret_part" -e 01010012356 -e "$SECRET" api.log)" 0 \
    "the log holds no key, secret or personal id"

# ---- rate limits ----
API_PORT=$PORT
start_server slow --rate 1 --burst 2
SLOW=$SERVER
api GET /v1/customers
api GET /v1/customers
api GET /v1/customers
expect_status 429 "past its rate a key gets 429"
expect_header "Retry-After: 1" "with Retry-After"
expect_json .error.code rate_limited "rate_limited"
AUTH=$RKEY api GET /v1/customers
expect_status 200 "another key has its own bucket"

# ---- graceful shutdown: the request in flight finishes ----
{ printf '{"id": "K7", "name": "Slow", "country": "NO"'; head -c 3000 /dev/zero | tr '\0' ' '; printf '}'; } >k7.json
curl -s -o slow.out -w '%{http_code}' --limit-rate 1000 -X POST -H "Authorization: Bearer $KEY" \
    -H 'Content-Type: application/json' --data-binary @k7.json \
    "http://127.0.0.1:$API_PORT/v1/customers" >slow.code &
CURL=$!
sleep 0.8
kill -TERM $SLOW $API
wait $CURL
expect_eq "$(cat slow.code)" 201 "a request in flight at SIGTERM is answered"
wait $API
RC=$?
expect_rc 0 "the server exits 0 after SIGTERM"
wait $SLOW
run --tenant acme ledger verify
expect_rc 0 "the ledger holds after everything the API did"

done_testing
