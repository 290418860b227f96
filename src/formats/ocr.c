/*
 * ocr.c - the reader of Nets OCR giro files: incoming KID payments to a
 * Norwegian account (service code 09), one entry per transaction.
 *
 * Source: Nets "System specification OCR giro", as DOMAIN.md 4.3 gives it;
 * field positions as python-netsgiro netsgiro/records.py reads them, and
 * checked against the sample file. A file is one transmission:
 *
 *     NY000010            start transmission: data transmitter, transmission no.
 *       NY090020          start assignment: agreement, assignment no., payee account
 *         NY09tt30        amount item 1: type tt, transaction no., Nets date, amount, KID
 *         NY09tt31        amount item 2: same transaction, archive ref., bank date, payer
 *         NY09tt32        amount item 3 (types 20 and 21 only): 40 characters of free text
 *       NY090088          end assignment: transactions, records, total amount in øre
 *     NY000089            end transmission: the same for the whole transmission
 *
 * Records are 80 bytes, numeric fields right-aligned and zero-filled, text
 * fields left-aligned and blank-filled. Lines end in LF or CRLF; the last
 * one may have no end, and empty lines may follow the end transmission.
 *
 * Invariants: the reader holds one line and one open transaction, so memory
 * is bounded whatever the size of the file. A transaction is handed out when
 * its items are complete, at the next amount item 1 or the end assignment.
 * The control records are checked as they come, so a wrong total is
 * reported after the entries it covers were handed out (bank.h: the caller
 * imports in one transaction and rolls back).
 */
#include "formats/bank.h"

#include <stdarg.h>
#include <string.h>

#include "base/assert.h"
#include "core/money.h"

enum {
    OCR_RECORD_LEN = VINN_BANK_RECORD_LEN,
};

/* Where the reader is in the record sequence: what may come next. */
enum ocr_state {
    OCR_BEFORE,       /* nothing read: a start transmission must come */
    OCR_TRANSMISSION, /* between assignments: start assignment or end transmission */
    OCR_ASSIGNMENT,   /* in an assignment, no transaction open */
    OCR_ITEM1,        /* amount item 1 read: its item 2 must follow */
    OCR_ITEM2,        /* item 2 read: item 3 (types 20, 21), item 1 or end assignment */
    OCR_ITEM3,        /* item 3 read: item 1 or end assignment */
    OCR_ENDED,        /* end transmission read: only empty lines may follow */
};

/* What the records seen so far add up to, for a control record. */
struct ocr_totals {
    long long transactions;
    long long records;
    int64_t amount_minor;
};

struct ocr_reader {
    const char *name;
    const struct vinn_bank_read_options *options;
    vinn_bank_entry_fn fn;
    void *ctx;
    struct vinn_bank_file_info *info;
    struct vinn_error *error;
    const char *currency;
    enum ocr_state state;
    long line;       /* line of the record being read, 1-based */
    long blank_line; /* first of the empty lines just read, 0 when none */
    long assignment_line;
    char assignment_account[12]; /* payee account of the open assignment */
    struct ocr_totals assignment;
    struct ocr_totals transmission;
    /* The open transaction: type and number from amount item 1. */
    int type;
    char transaction_no[8];
    struct vinn_bank_entry entry;
    struct vinn_bank_lines lines;
};

static vinn_err ocr_fail(struct ocr_reader *r, vinn_err code, const char *field, const char *fmt,
                         ...) VINN_PRINTF(4, 5);

/* Fail with "NAME line N: MESSAGE". */
static vinn_err ocr_fail(struct ocr_reader *r, vinn_err code, const char *field, const char *fmt,
                         ...)
{
    char message[VINN_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof(message), fmt, ap);
    va_end(ap);
    return vinn_fail(r->error, code, field, "%s line %ld: %s", r->name, r->line, message);
}

/* ---- input ---- */

/* ---- fields (pos is 1-based, as in the specification) ---- */

static const char *ocr_at(const struct ocr_reader *r, size_t pos)
{
    VINN_ASSERT(pos >= 1);
    VINN_ASSERT(pos <= OCR_RECORD_LEN);
    return r->lines.rec + pos - 1;
}

static bool ocr_is_zeros(const struct ocr_reader *r, size_t pos, size_t len)
{
    const char *s = ocr_at(r, pos);
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '0') {
            return false;
        }
    }
    return true;
}

/* A numeric field of at most 18 digits (so it fits int64_t), all digits. */
static vinn_err ocr_number(struct ocr_reader *r, size_t pos, size_t len, const char *field,
                           int64_t *out)
{
    VINN_ASSERT(len <= 18);
    const char *s = ocr_at(r, pos);
    if (!vinn_bank_is_digits(s, len)) {
        return ocr_fail(r, VINN_E_BANK_RECORD, field, "%s '%s' is not a number", field,
                        vinn_bank_show(s, len).text);
    }
    int64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return VINN_OK;
}

/* A numeric field kept as text (ids, accounts): digits only. */
static vinn_err ocr_digits(struct ocr_reader *r, size_t pos, size_t len, const char *field,
                           char *out, size_t cap)
{
    VINN_ASSERT(cap > len);
    const char *s = ocr_at(r, pos);
    if (!vinn_bank_is_digits(s, len)) {
        return ocr_fail(r, VINN_E_BANK_RECORD, field, "%s '%s' is not a number", field,
                        vinn_bank_show(s, len).text);
    }
    memcpy(out, s, len);
    out[len] = '\0';
    return VINN_OK;
}

/* A date DDMMYY. Nets writes two-digit years: 00-79 are read as 2000-2079
 * and 80-99 as 1980-1999 (OCR giro began in the 1980s; the sample file is
 * from 1992), a window that holds until 2079. */
static vinn_err ocr_date(struct ocr_reader *r, size_t pos, const char *field, vinn_day *out)
{
    const char *s = ocr_at(r, pos);
    if (!vinn_bank_is_digits(s, 6)) {
        return ocr_fail(r, VINN_E_BANK_RECORD, field, "%s '%s' is not a date DDMMYY", field,
                        vinn_bank_show(s, 6).text);
    }
    int32_t day = (s[0] - '0') * 10 + (s[1] - '0');
    int32_t month = (s[2] - '0') * 10 + (s[3] - '0');
    int32_t yy = (s[4] - '0') * 10 + (s[5] - '0');
    int32_t year = yy < 80 ? 2000 + yy : 1900 + yy;
    if (!vinn_date_is_valid(year, month, day)) {
        return ocr_fail(r, VINN_E_BANK_DATE, field, "%s '%.6s' is not a date", field, s);
    }
    *out = vinn_day_from_civil(year, month, day);
    return VINN_OK;
}

/* The KID, positions 50-74: right-aligned and blank-filled digits; a MOD11
 * KID may end in '-' (check digit 10). Spaces are dropped. */
static vinn_err ocr_kid(struct ocr_reader *r, char *out, size_t cap)
{
    const char *s = ocr_at(r, 50);
    size_t n = 0;
    for (size_t i = 0; i < 25; i++) {
        char c = s[i];
        if (c == ' ') {
            continue;
        }
        if (!((c >= '0' && c <= '9') || c == '-')) {
            return ocr_fail(r, VINN_E_BANK_RECORD, "KID",
                            "KID '%s' holds '%s': only digits and '-' are allowed",
                            vinn_bank_show(s, 25).text, vinn_bank_show(&c, 1).text);
        }
        VINN_ASSERT(n + 1 < cap);
        out[n++] = c;
    }
    out[n] = '\0';
    return VINN_OK;
}

/* ISO-8859-1 text to UTF-8, trimmed. Control characters (C0, DEL, and
 * 0x80-0x9F, which ISO-8859-1 leaves to C1 controls) become spaces before
 * the conversion, so that trimming takes them too and none reaches an
 * entry. */
static void ocr_latin1(char *dst, size_t cap, const char *src, size_t len)
{
    char clean[OCR_RECORD_LEN];
    VINN_ASSERT(len <= sizeof(clean));
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)src[i];
        clean[i] = (c < 0x20 || (c >= 0x7F && c <= 0x9F)) ? ' ' : src[i];
    }
    vinn_bank_latin1_copy(dst, cap, clean, len);
}

/* ---- control totals ---- */

static vinn_err ocr_add_amount(struct ocr_reader *r, struct ocr_totals *t, int64_t amount_minor)
{
    int64_t sum = 0;
    if (vinn_money_add(t->amount_minor, amount_minor, &sum) != VINN_OK) {
        return ocr_fail(r, VINN_E_BANK_AMOUNT, "amount",
                        "the amounts add up to more than vinn can hold");
    }
    t->amount_minor = sum;
    return VINN_OK;
}

/* Compare a control record (transactions at 9, records at 17, amount at
 * 25) with what was counted. what names the record in messages. */
static vinn_err ocr_check_totals(struct ocr_reader *r, const char *what, const char *scope,
                                 const struct ocr_totals *found)
{
    int64_t transactions = 0;
    int64_t records = 0;
    int64_t amount = 0;
    vinn_err rc = ocr_number(r, 9, 8, "number of transactions", &transactions);
    if (rc == VINN_OK) {
        rc = ocr_number(r, 17, 8, "number of records", &records);
    }
    if (rc == VINN_OK) {
        rc = ocr_number(r, 25, 17, "total amount", &amount);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    if (transactions != found->transactions) {
        return ocr_fail(r, VINN_E_BANK_CONTROL_TOTAL, "number of transactions",
                        "%s says %lld transactions, the %s has %lld", what, (long long)transactions,
                        scope, found->transactions);
    }
    if (records != found->records) {
        return ocr_fail(r, VINN_E_BANK_CONTROL_TOTAL, "number of records",
                        "%s says %lld records, the %s has %lld", what, (long long)records, scope,
                        found->records);
    }
    if (amount != found->amount_minor) {
        return ocr_fail(r, VINN_E_BANK_CONTROL_TOTAL, "total amount",
                        "%s says a total of %lld øre, the %s has %lld øre", what, (long long)amount,
                        scope, (long long)found->amount_minor);
    }
    return VINN_OK;
}

/* ---- records ---- */

/* Hand out the open transaction, if any. A zero amount breaks the entry
 * invariant (amount_minor > 0): such a transaction is counted as skipped. */
static vinn_err ocr_flush(struct ocr_reader *r)
{
    if (r->state != OCR_ITEM2 && r->state != OCR_ITEM3) {
        return VINN_OK;
    }
    r->state = OCR_ASSIGNMENT;
    if (r->entry.amount_minor == 0) {
        r->info->skipped++;
        return VINN_OK;
    }
    r->info->entries++;
    r->entry.record = (long)r->info->entries;
    return r->fn(r->ctx, &r->entry, r->error);
}

static vinn_err ocr_start_transmission(struct ocr_reader *r)
{
    if (r->state != OCR_BEFORE) {
        return ocr_fail(r, VINN_E_BANK_STRUCTURE, "record type", "%s",
                        r->state == OCR_ENDED
                            ? "start transmission after the end transmission: a file holds one"
                            : "start transmission inside a transmission");
    }
    char transmitter[9];
    char number[8];
    char recipient[9];
    vinn_err rc = ocr_digits(r, 9, 8, "data transmitter", transmitter, sizeof(transmitter));
    if (rc == VINN_OK) {
        rc = ocr_digits(r, 17, 7, "transmission number", number, sizeof(number));
    }
    if (rc == VINN_OK) {
        rc = ocr_digits(r, 24, 8, "data recipient", recipient, sizeof(recipient));
    }
    if (rc != VINN_OK) {
        return rc;
    }
    snprintf(r->info->file_id, sizeof(r->info->file_id), "%s%s", transmitter, number);
    r->state = OCR_TRANSMISSION;
    return VINN_OK;
}

static vinn_err ocr_start_assignment(struct ocr_reader *r)
{
    if (r->state != OCR_TRANSMISSION) {
        return ocr_fail(r, VINN_E_BANK_STRUCTURE, "record type", "%s",
                        r->state == OCR_BEFORE  ? "start assignment before the start transmission"
                        : r->state == OCR_ENDED ? "start assignment after the end transmission"
                                                : "start assignment inside an assignment");
    }
    char agreement[10];
    char number[8];
    char account[12];
    vinn_err rc = ocr_digits(r, 9, 9, "agreement id", agreement, sizeof(agreement));
    if (rc == VINN_OK) {
        rc = ocr_digits(r, 18, 7, "assignment number", number, sizeof(number));
    }
    if (rc == VINN_OK) {
        rc = ocr_digits(r, 25, 11, "assignment account", account, sizeof(account));
    }
    if (rc != VINN_OK) {
        return rc;
    }
    if (r->info->account[0] == '\0') {
        snprintf(r->info->account, sizeof(r->info->account), "%s", account);
    }
    memcpy(r->assignment_account, account, sizeof(r->assignment_account));
    memset(&r->assignment, 0, sizeof(r->assignment));
    r->assignment.records = 1;
    r->assignment_line = r->line;
    r->state = OCR_ASSIGNMENT;
    return VINN_OK;
}

/* The fields of amount item 1 into a fresh entry. */
static vinn_err ocr_item1_fields(struct ocr_reader *r, struct vinn_bank_entry *e)
{
    int64_t number = 0;
    vinn_err rc = ocr_number(r, 9, 7, "transaction number", &number);
    if (rc == VINN_OK) {
        rc = ocr_date(r, 16, "Nets date", &e->booking_date);
    }
    /* Centre id, day code, partial settlement no. and serial no. */
    if (rc == VINN_OK && !vinn_bank_is_digits(ocr_at(r, 22), 10)) {
        rc = ocr_fail(r, VINN_E_BANK_RECORD, "settlement",
                      "centre, day code, partial settlement and serial '%s' are not a number",
                      vinn_bank_show(ocr_at(r, 22), 10).text);
    }
    char sign = *ocr_at(r, 32);
    if (rc == VINN_OK && sign != '0' && sign != '-') {
        rc = ocr_fail(r, VINN_E_BANK_RECORD, "sign", "sign '%s' is neither '0' nor '-'",
                      vinn_bank_show(&sign, 1).text);
    }
    if (rc == VINN_OK) {
        rc = ocr_number(r, 33, 17, "amount", &e->amount_minor);
    }
    if (rc == VINN_OK) {
        rc = ocr_kid(r, e->reference, sizeof(e->reference));
    }
    if (rc != VINN_OK) {
        return rc;
    }
    e->value_date = e->booking_date;
    /* Types 18 and 20 reverse an earlier payment; the specification
     * documents a '-' sign without saying what it does to the totals, so
     * it marks a reversal too and its amount is added like theirs. */
    e->reversal = r->type == 18 || r->type == 20 || sign == '-';
    /* The Nets date, centre id, day code, partial settlement number and
     * serial number name a settlement batch at Nets; the transaction number
     * tells the transactions of an assignment apart (the sample has two
     * equal payments in one batch), and the assignment account the
     * assignments, whose transaction numbers each start at 1. All fixed
     * width, so plain concatenation is unambiguous. */
    snprintf(e->entry_id, sizeof(e->entry_id), "ocr:%s%.6s%.10s%.7s", r->assignment_account,
             ocr_at(r, 16), ocr_at(r, 22), ocr_at(r, 9));
    return VINN_OK;
}

static vinn_err ocr_item1(struct ocr_reader *r)
{
    if (r->state == OCR_ITEM1) {
        return ocr_fail(r, VINN_E_BANK_STRUCTURE, "record type",
                        "amount item 1 follows amount item 1 of transaction %s without its "
                        "amount item 2",
                        r->transaction_no);
    }
    if (r->state != OCR_ASSIGNMENT && r->state != OCR_ITEM2 && r->state != OCR_ITEM3) {
        return ocr_fail(r, VINN_E_BANK_STRUCTURE, "record type",
                        "amount item 1 without a preceding start assignment");
    }
    vinn_err rc = ocr_flush(r);
    if (rc != VINN_OK) {
        return rc;
    }
    struct vinn_bank_entry *e = &r->entry;
    memset(e, 0, sizeof(*e));
    rc = ocr_item1_fields(r, e);
    if (rc == VINN_OK) {
        rc = ocr_add_amount(r, &r->assignment, e->amount_minor);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    e->line = r->line;
    e->credit = true;
    snprintf(e->currency, sizeof(e->currency), "%s", r->currency);
    memcpy(r->transaction_no, ocr_at(r, 9), 7);
    r->transaction_no[7] = '\0';
    r->assignment.transactions++;
    r->state = OCR_ITEM1;
    return VINN_OK;
}

/* Items 2 and 3 belong to the transaction of the item 1 before them. */
static vinn_err ocr_same_transaction(struct ocr_reader *r, const char *what)
{
    if (memcmp(ocr_at(r, 9), r->transaction_no, 7) != 0) {
        return ocr_fail(r, VINN_E_BANK_STRUCTURE, "transaction number",
                        "%s has transaction number '%s', its amount item 1 has '%s'", what,
                        vinn_bank_show(ocr_at(r, 9), 7).text, r->transaction_no);
    }
    return VINN_OK;
}

static vinn_err ocr_item2(struct ocr_reader *r)
{
    if (r->state != OCR_ITEM1) {
        return ocr_fail(r, VINN_E_BANK_STRUCTURE, "record type",
                        "amount item 2 without its amount item 1");
    }
    vinn_err rc = ocr_same_transaction(r, "amount item 2");
    char archive[10];
    char account[12];
    vinn_day bank_date = 0;
    if (rc == VINN_OK) {
        rc = ocr_digits(r, 26, 9, "archive reference", archive, sizeof(archive));
    }
    if (rc == VINN_OK && !ocr_is_zeros(r, 42, 6)) {
        rc = ocr_date(r, 42, "bank date", &bank_date);
    }
    if (rc == VINN_OK) {
        rc = ocr_digits(r, 48, 11, "debit account", account, sizeof(account));
    }
    if (rc != VINN_OK) {
        return rc;
    }
    /* Form number (16-25) and the filler 35-41 are not used; the sample
     * has digits in the filler, so neither is checked. */
    struct vinn_bank_entry *e = &r->entry;
    if (!ocr_is_zeros(r, 26, 9)) {
        snprintf(e->bank_ref, sizeof(e->bank_ref), "%s", archive);
    }
    if (!ocr_is_zeros(r, 48, 11)) {
        snprintf(e->payer_account, sizeof(e->payer_account), "%s", account);
    }
    /* The Nets date is when Nets settled the payment to the payee (the
     * booking); the bank date, when given, is when the payer's bank took
     * it, which is the date the payer paid. */
    if (bank_date != 0) {
        e->value_date = bank_date;
    }
    r->state = OCR_ITEM2;
    return VINN_OK;
}

static vinn_err ocr_item3(struct ocr_reader *r)
{
    if (r->state != OCR_ITEM2) {
        return ocr_fail(r, VINN_E_BANK_STRUCTURE, "record type",
                        "amount item 3 without its amount items 1 and 2");
    }
    vinn_err rc = ocr_same_transaction(r, "amount item 3");
    if (rc != VINN_OK) {
        return rc;
    }
    if (r->type != 20 && r->type != 21) {
        return ocr_fail(r, VINN_E_BANK_STRUCTURE, "transaction type",
                        "amount item 3 for transaction type %02d: only types 20 and 21 have one",
                        r->type);
    }
    /* Nets files are ISO-8859-1 (AvtaleGiro specification §1; OCR giro
     * shares the record layout). */
    ocr_latin1(r->entry.message, sizeof(r->entry.message), ocr_at(r, 16), 40);
    r->state = OCR_ITEM3;
    return VINN_OK;
}

static vinn_err ocr_end_assignment(struct ocr_reader *r)
{
    if (r->state == OCR_ITEM1) {
        return ocr_fail(r, VINN_E_BANK_STRUCTURE, "record type",
                        "end assignment before amount item 2 of transaction %s", r->transaction_no);
    }
    if (r->state != OCR_ASSIGNMENT && r->state != OCR_ITEM2 && r->state != OCR_ITEM3) {
        return ocr_fail(r, VINN_E_BANK_STRUCTURE, "record type",
                        "end assignment without a start assignment");
    }
    vinn_err rc = ocr_flush(r);
    if (rc != VINN_OK) {
        return rc;
    }
    rc = ocr_check_totals(r, "end assignment", "assignment", &r->assignment);
    vinn_day day = 0;
    /* The Nets date and the earliest and latest Nets date of the
     * transactions: checked as dates, not used. */
    static const struct {
        size_t pos;
        const char *field;
    } dates[] = {{42, "Nets date"}, {48, "earliest Nets date"}, {54, "latest Nets date"}};
    for (size_t i = 0; rc == VINN_OK && i < sizeof(dates) / sizeof(dates[0]); i++) {
        if (!ocr_is_zeros(r, dates[i].pos, 6)) {
            rc = ocr_date(r, dates[i].pos, dates[i].field, &day);
        }
    }
    if (rc == VINN_OK) {
        rc = ocr_add_amount(r, &r->transmission, r->assignment.amount_minor);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    r->transmission.transactions += r->assignment.transactions;
    r->state = OCR_TRANSMISSION;
    return VINN_OK;
}

static vinn_err ocr_end_transmission(struct ocr_reader *r)
{
    if (r->state == OCR_BEFORE || r->state == OCR_ENDED) {
        return ocr_fail(r, VINN_E_BANK_STRUCTURE, "record type", "%s",
                        r->state == OCR_BEFORE
                            ? "end transmission before the start transmission"
                            : "second end transmission: a file holds one transmission");
    }
    if (r->state != OCR_TRANSMISSION) {
        return ocr_fail(r, VINN_E_BANK_STRUCTURE, "record type",
                        "end transmission inside the assignment of line %ld: it has no end "
                        "assignment",
                        r->assignment_line);
    }
    vinn_err rc = ocr_check_totals(r, "end transmission", "transmission", &r->transmission);
    vinn_day day = 0;
    if (rc == VINN_OK && !ocr_is_zeros(r, 42, 6)) {
        rc = ocr_date(r, 42, "Nets date", &day);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    r->state = OCR_ENDED;
    return VINN_OK;
}

/* Amount items: NY09tt30, 31, 32 with a transaction type tt of 10 to 21. */
static vinn_err ocr_item(struct ocr_reader *r, int type, int kind)
{
    if (type < 10 || type > 21) {
        return ocr_fail(r, VINN_E_BANK_RECORD, "transaction type",
                        "transaction type %02d is not an OCR giro type (10 to 21)", type);
    }
    if (kind == 30) {
        r->type = type;
        return ocr_item1(r);
    }
    if (r->state == OCR_ITEM1 || r->state == OCR_ITEM2) {
        if (type != r->type) {
            return ocr_fail(r, VINN_E_BANK_STRUCTURE, "transaction type",
                            "amount item %d has transaction type %02d, its amount item 1 has %02d",
                            kind - 29, type, r->type);
        }
    }
    return kind == 31 ? ocr_item2(r) : ocr_item3(r);
}

static int ocr_two(const char *s)
{
    return (s[0] - '0') * 10 + (s[1] - '0');
}

/* One 80-byte record: "NY", service code, type, record type. */
static vinn_err ocr_record(struct ocr_reader *r)
{
    if (memcmp(r->lines.rec, "NY", 2) != 0) {
        return ocr_fail(r, VINN_E_BANK_RECORD, "format code",
                        "record starts with '%s', not 'NY': not an OCR giro record",
                        vinn_bank_show(r->lines.rec, 2).text);
    }
    if (!vinn_bank_is_digits(r->lines.rec + 2, 6)) {
        return ocr_fail(r, VINN_E_BANK_RECORD, "record type",
                        "record 'NY%s' is not an OCR giro record",
                        vinn_bank_show(r->lines.rec + 2, 6).text);
    }
    int service = ocr_two(r->lines.rec + 2);
    int type = ocr_two(r->lines.rec + 4);
    int kind = ocr_two(r->lines.rec + 6);
    r->transmission.records++;
    if (r->state == OCR_ASSIGNMENT || r->state == OCR_ITEM1 || r->state == OCR_ITEM2 ||
        r->state == OCR_ITEM3) {
        r->assignment.records++;
    }
    if (service == 0 && type == 0 && kind == 10) {
        return ocr_start_transmission(r);
    }
    if (service == 0 && type == 0 && kind == 89) {
        return ocr_end_transmission(r);
    }
    if (service != 0 && service != 9) {
        return ocr_fail(r, VINN_E_BANK_VERSION, "service code",
                        "service code %02d%s is not an OCR giro payment file", service,
                        service == 21 ? " (AvtaleGiro)" : "");
    }
    if (service == 9 && type == 0 && kind == 20) {
        return ocr_start_assignment(r);
    }
    if (service == 9 && type == 0 && kind == 88) {
        return ocr_end_assignment(r);
    }
    if (service == 9 && kind >= 30 && kind <= 32) {
        return ocr_item(r, type, kind);
    }
    return ocr_fail(r, VINN_E_BANK_RECORD, "record type", "record 'NY%s' is not an OCR giro record",
                    vinn_bank_show(r->lines.rec + 2, 6).text);
}

/* One line: empty lines are allowed only at the end of the file, so one is
 * remembered and reported when a record follows it. */
static vinn_err ocr_line(struct ocr_reader *r, size_t len)
{
    if (len == 0) {
        if (r->blank_line == 0) {
            r->blank_line = r->line;
        }
        return VINN_OK;
    }
    if (r->blank_line != 0) {
        r->line = r->blank_line;
        return ocr_fail(r, VINN_E_BANK_RECORD, "record", "empty line inside the file");
    }
    if (len != OCR_RECORD_LEN) {
        return ocr_fail(r, VINN_E_BANK_RECORD, "record", "record is %zu characters long, not %d",
                        len, OCR_RECORD_LEN);
    }
    if (r->state == OCR_ENDED) {
        return ocr_fail(r, VINN_E_BANK_STRUCTURE, "record",
                        "record after the end transmission: a file holds one transmission");
    }
    return ocr_record(r);
}

static vinn_err ocr_line_fn(void *ctx, size_t len)
{
    return ocr_line(ctx, len);
}

static vinn_err ocr_run(struct ocr_reader *r)
{
    vinn_err rc = vinn_bank_lines_each(&r->lines, &r->line, r->options, ocr_line_fn, r, r->error);
    if (rc != VINN_OK) {
        return rc;
    }
    if (r->state == OCR_BEFORE) {
        return vinn_fail(r->error, VINN_E_BANK_EMPTY, "file", "%s is empty", r->name);
    }
    if (r->state != OCR_ENDED) {
        return ocr_fail(r, VINN_E_BANK_STRUCTURE, "record",
                        "file ends without its end transmission (NY000089)");
    }
    if (r->options->progress != NULL) {
        r->options->progress(r->options->progress_ctx, r->lines.bytes_read);
    }
    return VINN_OK;
}

vinn_err vinn_ocr_read(FILE *fp, const struct vinn_bank_read_options *options,
                       vinn_bank_entry_fn fn, void *ctx, struct vinn_bank_file_info *info,
                       struct vinn_error *error)
{
    VINN_ASSERT(fp != NULL);
    VINN_ASSERT(options != NULL);
    VINN_ASSERT(fn != NULL);
    const struct vinn_currency *currency = NULL;
    vinn_err rc = vinn_currency_parse(options->currency != NULL ? options->currency : "NOK",
                                      "currency", &currency, error);
    if (rc != VINN_OK) {
        return rc;
    }
    struct vinn_bank_file_info local_info;
    if (info == NULL) {
        info = &local_info;
    }
    memset(info, 0, sizeof(*info));
    info->format = VINN_BANK_OCR;
    struct ocr_reader reader;
    memset(&reader, 0, sizeof(reader));
    struct ocr_reader *r = &reader;
    r->name = options->name != NULL ? options->name : "input";
    vinn_bank_lines_init(&r->lines, fp, r->name);
    r->options = options;
    r->fn = fn;
    r->ctx = ctx;
    r->info = info;
    r->error = error;
    r->currency = currency->code;
    r->state = OCR_BEFORE;
    return ocr_run(r);
}
