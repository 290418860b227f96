#!/bin/sh
# The print batch: the letters of a tenant's day are also one PDF in the
# letter drop, each letter on a recto page (a blank page after a letter of
# an odd number of pages), in message-id order, with a manifest of the
# letters, their pages and the file's SHA-256. A rerun changes nothing, a
# letter of another day goes to that day's batch, a lost batch is made
# again the same, and tenants get batches of their own.
. "$(dirname "$0")/lib.sh"

mkdir drop
D=drop/letter

pages() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'; }
sha() { sha256sum "$1" | cut -d' ' -f1; }
# order TEXT A B C...: "yes" when each needle comes after the one before.
order() {
    text=$1
    shift
    for needle in "$@"; do
        case "$text" in
        *"$needle"*) text=${text#*"$needle"} ;;
        *) echo "no: $needle" && return ;;
        esac
    done
    echo yes
}

run init
run tenant add acme --country NO --currency NOK --kid mod10 --account 86011117947
run customer add L1 --name "Papir Pål" --country NO --address "Storgata 1" --postcode 0155 --city Oslo
run customer add L2 --name "Papir Per" --country NO
run customer add E1 --name "Epost Eva" --country NO --email eva@example.no

run --today 2026-03-02 invoice create A-1 --customer L1 --line "Vare;1;100,00;25"
# shellcheck disable=SC2046
run --today 2026-03-02 invoice create A-2 --customer L2 $(line_args 40 Linje)
run --today 2026-03-02 invoice create A-3 --customer L1 --line "Vare;2;50,00;25"
run --today 2026-03-02 invoice create A-4 --customer E1 --line "Vare;1;10,00;25"

SEND="outbox send --drop $T_DIR/drop"
run --today 2026-03-02 $SEND --json
expect_rc 0 "the outbox runs with a drop only"
expect_json '"\(.sent) \(.skipped) \(.batches)"' "3 1 1" \
    "three letters go, the e-mail waits, and one print batch is made"
B=$D/batch-acme-2026-03-02.pdf
M=$D/batch-acme-2026-03-02.json
expect_eq "$(ls $B $M 2>/dev/null | wc -l)" 2 "the day's batch and its manifest lie in the letter drop"
expect_eq "$(pages $B)" 6 "1 + blank, 2, 1 + blank: six pages"
text=$(pdftotext $B - 2>/dev/null)
expect_eq "$(order "$text" A-1 A-2 A-3)" yes "the letters in message-id order"
case "$text" in *A-4*) ok=no ;; *) ok=yes ;; esac
expect_eq "$ok" yes "the e-mail is not in the print batch"
expect_eq "$(pdftotext -f 2 -l 2 $B - 2>/dev/null | tr -d ' \n\f')" "" "page 2 is the blank verso"
expect_eq "$(pdftotext -f 3 -l 3 $B - 2>/dev/null | grep -c A-2)" 1 "the second letter starts on page 3"
OUT=$(cat $M)
expect_json '"\(.tenant) \(.day) \(.file) \(.pages)"' "acme 2026-03-02 batch-acme-2026-03-02.pdf 6" \
    "the manifest names the tenant, the day, the file and its pages"
expect_json '[.letters[] | "\(.invoice):\(.first_page)+\(.pages)"] | join(",")' "A-1:1+1,A-2:3+2,A-3:5+1" \
    "and each letter with the page it starts on and its pages"
ids=$(db_scalar "SELECT message_id FROM messages WHERE channel = 'letter' AND status = 'sent' AND day = $(db_scalar "SELECT day FROM messages WHERE idem_key LIKE 'invoice:%' LIMIT 1") ORDER BY message_id" | paste -sd, -)
expect_json '[.letters[].message] | map(tostring) | join(",")' "$ids" "the messages are the day's sent letters"
expect_json .sha256 "$(sha $B)" "the manifest's SHA-256 is the file's"
expect_json .bytes "$(wc -c <$B | tr -d ' ')" "and so is its size"
expect_eq "$(ls -a $D | grep -c '^\.batch')" 0 "no temporary file is left"
FIRST=$(sha $B)
FIRST_M=$(sha $M)

run --today 2026-03-02 $SEND --json
expect_json '"\(.considered) \(.batches)"' "1 0" "a rerun sends nothing again and makes no batch"
expect_eq "$(sha $B) $(sha $M)" "$FIRST $FIRST_M" "the batch and its manifest are exactly the same"

# ---- a letter of another day goes to that day's batch ----
run --today 2026-03-05 invoice create B-1 --customer L2 --line "Vare;1;200,00;25"
run --today 2026-03-05 $SEND --json
expect_json '"\(.sent) \(.batches)"' "1 1" "a letter of another day makes that day's batch"
B5=$D/batch-acme-2026-03-05.pdf
expect_eq "$(pages $B5)" 2 "one letter and its blank verso"
text=$(pdftotext $B5 - 2>/dev/null)
case "$text" in *B-1*) ok=yes ;; *) ok=no ;; esac
expect_eq "$ok" yes "holding B-1"
case "$text" in *A-1*) ok=no ;; *) ok=yes ;; esac
expect_eq "$ok" yes "and not the letters of 2 March"
expect_eq "$(sha $B)" "$FIRST" "2 March's batch is untouched"

# ---- a batch that is lost or spoilt is made again, the same ----
rm $B
run --today 2026-03-05 $SEND --json
expect_json .batches 1 "a lost batch is made again on the next run"
expect_eq "$(sha $B)" "$FIRST" "to the same bytes"
printf 'x' >>$B
run --today 2026-03-05 $SEND --json
expect_json .batches 1 "a spoilt batch (its checksum is not the manifest's) too"
expect_eq "$(sha $B)" "$FIRST" "again the same bytes"
# A run stopped after recording a letter and before its batch left a
# manifest without it: the next run makes the batch again.
jq 'del(.letters[-1])' $M >m.json && mv m.json $M
run --today 2026-03-05 $SEND --json
expect_json .batches 1 "a manifest that lacks a sent letter is made again"
expect_eq "$(sha $M) $(sha $B)" "$FIRST_M $FIRST" "to the same manifest and batch"

# ---- the reminders on paper go in the batch of their day ----
run --today 2026-04-20 run
run --today 2026-04-20 $SEND --json
expect_rc 0 "the day's reminders are sent"
all=""
even=yes
for f in $D/batch-acme-*.pdf; do
    all="$all$(pdftotext "$f" - 2>/dev/null)"
    [ $(($(pages "$f") % 2)) -eq 0 ] || even=no
    m=${f%.pdf}.json
    [ "$(jq -r .pages "$m")" = "$(pages "$f")" ] || even=no
    [ "$(jq -r .sha256 "$m")" = "$(sha "$f")" ] || even=no
done
case "$all" in *Purring*) ok=yes ;; *) ok=no ;; esac
expect_eq "$ok" yes "a reminder letter is printed in a batch"
expect_eq "$even" yes "every batch has an even page count that its manifest states, with its checksum"
expect_eq "$(ls $D/batch-acme-*.json | wc -l)" "$(db_scalar "SELECT COUNT(DISTINCT day) FROM messages WHERE channel = 'letter' AND status = 'sent'")" \
    "one batch for each day with letters"

# ---- tenants apart ----
run tenant add bygg --country NO --currency NOK --kid mod10 --account 86011117947
run --tenant bygg customer add Q1 --name "Papir Qvist" --country NO
run --tenant bygg --today 2026-03-02 invoice create Q-1 --customer Q1 --line "Vare;1;100,00;25"
run --tenant bygg --today 2026-03-02 $SEND --json
expect_json .batches 1 "another tenant's letter of the same day"
expect_eq "$(pdftotext $D/batch-bygg-2026-03-02.pdf - 2>/dev/null | grep -c Q-1)" 1 \
    "goes to a batch of its own"
expect_eq "$(sha $B)" "$FIRST" "and acme's is untouched"

done_testing
