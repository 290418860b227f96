#!/bin/sh
# tools/demo-bank.sh VINN TENANT FORMAT OUT TODAY - write the bank file a
# tenant's bank would send for its open invoices, as customers really pay:
# most on time with the reference, some without it (by amount and name),
# some with the reference only in the message, some too little or too much,
# a few strangers (the unmatched queue), and some not at all (for the
# reminders to come). FORMAT: ocr (Nets OCR giro: KID payments only), bgmax,
# camt054 or csv. Deterministic: the same database gives the same file.
set -eu
vinn=$1 tenant=$2 format=$3 out=$4 today=$5
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$vinn" --tenant "$tenant" customer list --limit 10000 --json >"$tmp/customers.json"
"$vinn" --tenant "$tenant" --today "$today" invoice list --status open --limit 10000 --json \
    >"$tmp/invoices.json"
# number|reference|outstanding (minor units)|due date|currency|customer name
jq -r --slurpfile c "$tmp/customers.json" '
    ($c[0].customers | map({(.id): .name}) | add) as $names
    | .invoices[] | [.number, .reference, .outstanding, .due_date, .currency, $names[.customer]]
    | join("|")' "$tmp/invoices.json" >"$tmp/open.txt"

# Decide who pays what: kind|reference|amount|name|message|date
awk -F'|' -v today="$today" -v fmt="$format" '
function h(s,   i, v) { v = 0; for (i = 1; i <= length(s); i++) v = (v * 31 + index("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-", substr(s, i, 1))) % 1000003; return v }
{
    r = h($1) % 100
    due = $4; paid_day = (due < today) ? due : today
    if (due >= today && r >= 30) next          # not due yet: 30 % pay early
    if (r >= 92) next                           # 8 % do not pay (reminders to come)
    if (fmt == "ocr" && r >= 80 && r < 88) next # OCR carries KID payments only
    amount = $3
    if (r < 80) kind = "ref"
    else if (r < 84) kind = "name"
    else if (r < 87) kind = "text"
    else if (r < 90) { kind = "ref"; amount = int(amount * 0.6) }
    else { kind = "ref"; amount = amount + 10000 }
    ref = (kind == "ref") ? $2 : ""
    msg = (kind == "text") ? "Betaling " $1 " ref " $2 : ""
    printf "%s|%s|%d|%s|%s|%s\n", kind, ref, amount, $6, msg, paid_day
    n++
}
END {
    if (fmt == "ocr") exit
    split("Ukjent Giver|Firma Feil AS|M. Hansen|Bo Ek|Pia Virtanen", who, "|")
    for (i = 1; i <= 5; i++) printf "stranger||%d|%s|gave %d|%s\n", 12345 * i, who[i], i, today
}' "$tmp/open.txt" | sort -t'|' -k6,6 -s >"$tmp/pay.txt"

ymd() { echo "$1" | tr -d -; }
case "$format" in
csv)
    awk -F'|' 'BEGIN { print "date;amount;reference;payer_name;message;bank_reference" }
        { printf "%s;%d,%02d;%s;%s;%s;DEMO-%06d\n", $6, $3 / 100, $3 % 100, $2, $4, $5, NR }' \
        "$tmp/pay.txt" >"$out"
    ;;
camt054)
    awk -F'|' -v today="$today" '
    BEGIN {
        print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        print "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.08\"><BkToCstmrDbtCdtNtfctn>"
        printf "<GrpHdr><MsgId>DEMO-%s</MsgId><CreDtTm>%sT06:00:00+02:00</CreDtTm></GrpHdr>\n", today, today
        printf "<Ntfctn><Id>DEMO-%s</Id><CreDtTm>%sT06:00:00+02:00</CreDtTm><Acct><Id><IBAN>FI2112345600000785</IBAN></Id></Acct>\n", today, today
    }
    {
        gsub(/&/, "&amp;", $4); gsub(/</, "&lt;", $4)
        printf "<Ntry><Amt Ccy=\"EUR\">%d.%02d</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>", $3 / 100, $3 % 100
        printf "<BookgDt><Dt>%s</Dt></BookgDt><ValDt><Dt>%s</Dt></ValDt><AcctSvcrRef>DEMO-%06d</AcctSvcrRef>", $6, $6, NR
        printf "<NtryDtls><TxDtls><Amt Ccy=\"EUR\">%d.%02d</Amt><CdtDbtInd>CRDT</CdtDbtInd>", $3 / 100, $3 % 100
        printf "<RltdPties><Dbtr><Pty><Nm>%s</Nm></Pty></Dbtr></RltdPties><RmtInf>", $4
        if ($5 != "") printf "<Ustrd>%s</Ustrd>", $5
        if ($2 != "") printf "<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>%s</Ref></CdtrRefInf></Strd>", $2
        print "</RmtInf></TxDtls></NtryDtls></Ntry>"
    }
    END { print "</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>" }' "$tmp/pay.txt" >"$out"
    ;;
ocr)
    # Nets OCR giro (DOMAIN.md 4.3): 80-character records, amounts in øre,
    # control records with counts and totals.
    awk -F'|' -v today="$(ymd "$today")" '
    function nets(d) { return substr(d, 9, 2) substr(d, 6, 2) substr(d, 3, 2) }
    function zeros(n,   s) { s = ""; while (n-- > 0) s = s "0"; return s }
    BEGIN {
        printf "NY00001000008080%07d00010200%s\n", 1, zeros(49)
        printf "NY090020001008566%07d86011117947%s\n", 1, zeros(45)
    }
    {
        t++; total += $3
        d = nets($6); if (min == "" || $6 < mind) { mind = $6; min = d }; if ($6 > maxd) { maxd = $6; max = d }
        printf "NY091030%07d%s01%02d1%05d0%017d%25s000000\n", t, d, 20, t % 100000, $3, $2
        printf "NY091031%07d%010d%09d%07d%s%011d%s\n", t, 0, t, 0, d, 12345678903, zeros(22)
    }
    END {
        printf "NY090088%08d%08d%017d%s%s%s%s\n", t, 2 * t + 2, total, nets(today_iso()), min, max, zeros(21)
        printf "NY000089%08d%08d%017d%s%s\n", t, 2 * t + 4, total, nets(today_iso()), zeros(33)
    }
    function today_iso() { return substr(today, 1, 4) "-" substr(today, 5, 2) "-" substr(today, 7, 2) }
    ' "$tmp/pay.txt" >"$out"
    ;;
bgmax)
    # Bankgirot BgMax (DOMAIN.md 4.5): ISO-8859-1, 80-character records.
    iconv -f UTF-8 -t ISO-8859-1//TRANSLIT "$tmp/pay.txt" >"$tmp/pay.l1"
    awk -F'|' -v today="$(ymd "$today")" '
    BEGIN {
        printf "01%-20s01%-20sP%35s\r\n", "BGMAX", today "060000000000", ""
        printf "05%010d%010d%-3s%55s\r\n", 54029681, 0, "SEK", ""
    }
    {
        n++; total += $3
        printf "20%010d%-25s%018d%s%s%012d%s%10s\r\n", 0, $2, $3, ($2 != "" ? "2" : "0"), "1", n, "0", ""
        printf "26%-35s%-35s%8s\r\n", substr($4, 1, 35), "", ""
        if ($5 != "") printf "25%-50s%28s\r\n", substr($5, 1, 50), ""
    }
    END {
        printf "15%-35s%s%05d%018d%-3s%08d%s\r\n", "99999999999", today, 1, total, "SEK", n, "K"
        printf "70%08d%08d%08d%08d%46s\r\n", n, 0, 0, 1, ""
    }' "$tmp/pay.l1" >"$out"
    ;;
*)
    echo "demo-bank.sh: unknown format '$format'" >&2
    exit 2
    ;;
esac
