/*
 * bgmax.c - the reader of Bankgirot BgMax files (Bankgiro Inbetalningar):
 * incoming payments to a Swedish bankgiro number, one entry per payment
 * and per deduction.
 *
 * Source: DOMAIN.md 4.5 (Bankgirot "Bankgiro Inbetalningar Teknisk manual"
 * record list; positions from Zimpler/bankgiro_inbetalningar, checked
 * against the sample files). Records by transaction code (TK, columns 1-2):
 *
 *     01              start: layout BGMAX, version 01, timestamp, test flag
 *       05            deposit start: recipient bankgiro, currency
 *         20 | 21     payment | deduction: payer bankgiro, reference, amount, BGC serial
 *           22 | 23   extra reference, positive | negative
 *           25        information text
 *           26        name; 27, 28 address; 29 organisation number
 *       15            deposit end: payment date, deposit amount, number of payments
 *     70              end: numbers of payment, deduction, extra reference, deposit records
 *
 * Records are at most 80 bytes of ISO-8859-1; Bankgirot's own examples cut
 * trailing blanks, so a shorter line is read as if blank-filled. Lines end
 * in CRLF or LF; empty lines may follow the end record.
 *
 * The payment date comes only in the deposit end (TK15), after the payments,
 * so the entries of one deposit are held in a growing array of at most
 * VINN_BGMAX_DEPOSIT_MAX entries and handed out at its TK15, once the
 * deposit's count and amount are checked. Memory is bounded by that limit
 * whatever the size of the file; the array is freed when the read returns.
 */
#include "formats/bank.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/assert.h"
#include "base/limits.h"
#include "core/money.h"

enum {
    BGMAX_RECORD_LEN = VINN_BANK_RECORD_LEN,
    /* Held entries of the first allocation of a deposit. */
    BGMAX_HELD_FIRST = 16,
    /* A converted text field: 50 ISO-8859-1 bytes are at most 100 of UTF-8. */
    BGMAX_TEXT_MAX = 2 * 50 + 1,
};

/* Where the reader is in the record sequence: what may come next. */
enum bgmax_state {
    BGMAX_BEFORE,  /* nothing read: the start record (TK01) must come */
    BGMAX_FILE,    /* between deposits: deposit start (TK05) or end (TK70) */
    BGMAX_DEPOSIT, /* in a deposit */
    BGMAX_ENDED,   /* end record read: only empty lines may follow */
};

/* Records counted in the file, for the end record (TK70). */
struct bgmax_counts {
    long long payments;         /* TK20 */
    long long deductions;       /* TK21 */
    long long extra_references; /* TK22 and TK23 */
    long long deposits;         /* TK15 */
};

struct bgmax_reader {
    const char *name;
    const struct vinn_bank_read_options *options;
    vinn_bank_entry_fn fn;
    void *ctx;
    struct vinn_bank_file_info *info;
    struct vinn_error *error;
    enum bgmax_state state;
    long line;       /* line of the record being read, 1-based */
    long blank_line; /* first of the empty lines just read, 0 when none */
    struct bgmax_counts counts;
    /* The open deposit. */
    long deposit_line;
    char bankgiro[11]; /* recipient bankgiro as in TK05, ten digits */
    char currency[4];
    long long deposit_payments; /* TK20 and TK21 */
    int64_t deposit_minor;      /* payments less deductions */
    struct vinn_bank_entry *held;
    size_t held_count;
    size_t held_cap;
    struct vinn_bank_lines lines;
};

static vinn_err bgmax_fail(struct bgmax_reader *r, vinn_err code, const char *field,
                           const char *fmt, ...) VINN_PRINTF(4, 5);

/* Fail with "NAME line N: MESSAGE". */
static vinn_err bgmax_fail(struct bgmax_reader *r, vinn_err code, const char *field,
                           const char *fmt, ...)
{
    char message[VINN_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof(message), fmt, ap);
    va_end(ap);
    return vinn_fail(r->error, code, field, "%s line %ld: %s", r->name, r->line, message);
}

/* ---- input ---- */

/* ---- fields (pos is 1-based, as in the manual) ---- */

static const char *bgmax_at(const struct bgmax_reader *r, size_t pos)
{
    VINN_ASSERT(pos >= 1);
    VINN_ASSERT(pos <= BGMAX_RECORD_LEN);
    return r->lines.rec + pos - 1;
}

/* A numeric field of at most 18 digits (so it fits int64_t), all digits. */
static vinn_err bgmax_number(struct bgmax_reader *r, size_t pos, size_t len, const char *field,
                             int64_t *out)
{
    VINN_ASSERT(len <= 18);
    const char *s = bgmax_at(r, pos);
    if (!vinn_bank_is_digits(s, len)) {
        return bgmax_fail(r, VINN_E_BANK_RECORD, field, "%s '%s' is not a number", field,
                          vinn_bank_show(s, len).text);
    }
    int64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return VINN_OK;
}

/* A numeric field kept as text (ids, bankgiro numbers): digits only. */
static vinn_err bgmax_digits(struct bgmax_reader *r, size_t pos, size_t len, const char *field,
                             char *out, size_t cap)
{
    VINN_ASSERT(cap > len);
    const char *s = bgmax_at(r, pos);
    if (!vinn_bank_is_digits(s, len)) {
        return bgmax_fail(r, VINN_E_BANK_RECORD, field, "%s '%s' is not a number", field,
                          vinn_bank_show(s, len).text);
    }
    memcpy(out, s, len);
    out[len] = '\0';
    return VINN_OK;
}

/* A bankgiro number without its leading zeros; "" for zero (no number). */
static void bgmax_strip_zeros(char *dst, size_t cap, const char *digits)
{
    while (*digits == '0') {
        digits++;
    }
    snprintf(dst, cap, "%s", digits);
}

/* Append piece (UTF-8, trimmed) to the message, a space between, cut at a
 * character boundary when the message is full. */
static void bgmax_append(char *message, size_t cap, const char *piece)
{
    size_t len = strlen(message);
    if (piece[0] == '\0' || len + 2 >= cap) {
        return;
    }
    if (len > 0) {
        message[len++] = ' ';
    }
    vinn_bank_text_copy(message + len, cap - len, piece, strlen(piece));
    if (message[len] == '\0' && len > 0) {
        message[len - 1] = '\0'; /* nothing of the piece fit: no trailing space */
    }
}

/* ISO-8859-1 text to UTF-8, trimmed. Control characters (C0, DEL, and
 * 0x80-0x9F, which ISO-8859-1 leaves to C1 controls) become spaces before
 * the conversion, so that trimming takes them too and none reaches an
 * entry. */
static void bgmax_latin1(char *dst, size_t cap, const char *src, size_t len)
{
    char clean[BGMAX_RECORD_LEN];
    VINN_ASSERT(len <= sizeof(clean));
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)src[i];
        clean[i] = (c < 0x20 || (c >= 0x7F && c <= 0x9F)) ? ' ' : src[i];
    }
    vinn_bank_latin1_copy(dst, cap, clean, len);
}

/* ---- deposits ---- */

static const char *bgmax_record_name(int tk)
{
    switch (tk) {
    case 1:
        return "start record (TK01)";
    case 5:
        return "deposit start (TK05)";
    case 15:
        return "deposit end (TK15)";
    case 20:
        return "payment (TK20)";
    case 21:
        return "deduction (TK21)";
    case 22:
        return "extra reference (TK22)";
    case 23:
        return "negative extra reference (TK23)";
    case 25:
        return "information record (TK25)";
    case 26:
        return "name record (TK26)";
    case 27:
        return "address record (TK27)";
    case 28:
        return "address record (TK28)";
    case 29:
        return "organisation number record (TK29)";
    case 70:
        return "end record (TK70)";
    default:
        return NULL;
    }
}

/* A fresh held entry for a payment of the open deposit. */
static vinn_err bgmax_hold(struct bgmax_reader *r, struct vinn_bank_entry **out)
{
    if (r->held_count == r->held_cap) {
        if (r->held_cap >= VINN_BGMAX_DEPOSIT_MAX) {
            return bgmax_fail(r, VINN_E_LIMIT_EXCEEDED, "deposit",
                              "the deposit of line %ld has more than %d payments", r->deposit_line,
                              VINN_BGMAX_DEPOSIT_MAX);
        }
        size_t cap = r->held_cap == 0 ? BGMAX_HELD_FIRST : r->held_cap * 2;
        if (cap > VINN_BGMAX_DEPOSIT_MAX) {
            cap = VINN_BGMAX_DEPOSIT_MAX;
        }
        struct vinn_bank_entry *held = realloc(r->held, cap * sizeof(*held));
        if (held == NULL) {
            return bgmax_fail(r, VINN_E_NO_MEMORY, "deposit",
                              "no memory for the payments of the deposit of line %ld",
                              r->deposit_line);
        }
        r->held = held;
        r->held_cap = cap;
    }
    struct vinn_bank_entry *e = &r->held[r->held_count++];
    memset(e, 0, sizeof(*e));
    *out = e;
    return VINN_OK;
}

/* The payment that records TK22 to TK29 belong to. */
static struct vinn_bank_entry *bgmax_current(struct bgmax_reader *r)
{
    VINN_ASSERT(r->held_count > 0);
    return &r->held[r->held_count - 1];
}

/* ---- records ---- */

static vinn_err bgmax_start(struct bgmax_reader *r)
{
    const char *layout = bgmax_at(r, 3);
    if (memcmp(layout, "BGMAX               ", 20) != 0) {
        size_t len = 20;
        while (len > 0 && layout[len - 1] == ' ') {
            len--;
        }
        return bgmax_fail(r, VINN_E_BANK_VERSION, "layout",
                          "layout '%s' is not BGMAX: not a BgMax file",
                          vinn_bank_show(layout, len).text);
    }
    if (memcmp(bgmax_at(r, 23), "01", 2) != 0) {
        return bgmax_fail(r, VINN_E_BANK_VERSION, "version",
                          "BgMax version '%s' is not supported: vinn reads version 01",
                          vinn_bank_show(bgmax_at(r, 23), 2).text);
    }
    char timestamp[21];
    vinn_err rc = bgmax_digits(r, 25, 20, "timestamp", timestamp, sizeof(timestamp));
    if (rc != VINN_OK) {
        return rc;
    }
    /* T marks a test file, P a production one. bank.h has no field for it:
     * the caller sees the file_id and decides. */
    char flag = *bgmax_at(r, 45);
    if (flag != 'T' && flag != 'P') {
        return bgmax_fail(r, VINN_E_BANK_RECORD, "test flag",
                          "test flag '%s' is neither 'T' nor 'P'", vinn_bank_show(&flag, 1).text);
    }
    snprintf(r->info->file_id, sizeof(r->info->file_id), "%s", timestamp);
    r->info->version = 1;
    r->state = BGMAX_FILE;
    return VINN_OK;
}

static vinn_err bgmax_deposit_start(struct bgmax_reader *r)
{
    char bankgiro[11];
    vinn_err rc = bgmax_digits(r, 3, 10, "bankgiro", bankgiro, sizeof(bankgiro));
    if (rc != VINN_OK) {
        return rc;
    }
    char currency[4];
    memcpy(currency, bgmax_at(r, 23), 3);
    currency[3] = '\0';
    if (vinn_currency_find(currency) == NULL) {
        return bgmax_fail(r, VINN_E_BANK_RECORD, "currency",
                          "currency '%s' is not a known ISO 4217 code",
                          vinn_bank_show(currency, 3).text);
    }
    if (r->info->account[0] == '\0') {
        bgmax_strip_zeros(r->info->account, sizeof(r->info->account), bankgiro);
    }
    memcpy(r->bankgiro, bankgiro, sizeof(r->bankgiro));
    memcpy(r->currency, currency, sizeof(r->currency));
    r->deposit_line = r->line;
    r->deposit_payments = 0;
    r->deposit_minor = 0;
    r->held_count = 0;
    r->state = BGMAX_DEPOSIT;
    return VINN_OK;
}

/*
 * The reference of a TK20 to TK23 (columns 13-37) by its reference code
 * (column 56). Code 2 is an OCR reference: the first one of a payment is
 * its reference, spaces removed. The code table is UNVERIFIED (DOMAIN.md
 * 4.5, open item 5), so the text under any other code, and every further
 * reference, goes to the message where a person or the matcher can read
 * it. A negative extra reference (TK23) names what the payer deducted, not
 * what was paid: it is never the reference and goes to the message with a
 * '-' before it.
 */
static void bgmax_reference(struct bgmax_reader *r, struct vinn_bank_entry *e, bool negative)
{
    char text[BGMAX_TEXT_MAX];
    bgmax_latin1(text, sizeof(text), bgmax_at(r, 13), 25);
    if (text[0] == '\0') {
        return;
    }
    char code = *bgmax_at(r, 56);
    if (code == '2' && !negative && e->reference[0] == '\0') {
        char squeezed[BGMAX_TEXT_MAX];
        size_t n = 0;
        for (size_t i = 0; text[i] != '\0'; i++) {
            if (text[i] != ' ') {
                squeezed[n++] = text[i];
            }
        }
        vinn_bank_text_copy(e->reference, sizeof(e->reference), squeezed, n);
        return;
    }
    char piece[BGMAX_TEXT_MAX + 1];
    snprintf(piece, sizeof(piece), "%s%s", negative ? "-" : "", text);
    bgmax_append(e->message, sizeof(e->message), piece);
}

/* Fields shared by TK20 to TK23: payer bankgiro, amount, reference code. */
static vinn_err bgmax_payment_fields(struct bgmax_reader *r, char *bankgiro, int64_t *amount_minor)
{
    vinn_err rc = bgmax_digits(r, 3, 10, "payer bankgiro", bankgiro, 11);
    if (rc == VINN_OK) {
        rc = bgmax_number(r, 38, 18, "amount", amount_minor);
    }
    if (rc == VINN_OK && !vinn_bank_is_digits(bgmax_at(r, 56), 1)) {
        rc = bgmax_fail(r, VINN_E_BANK_RECORD, "reference code",
                        "reference code '%s' is not a digit",
                        vinn_bank_show(bgmax_at(r, 56), 1).text);
    }
    return rc;
}

/* TK20 (payment) and TK21 (deduction). A deduction ("avdrag") is a credit
 * the payer takes off what the deposit brings, e.g. against a credit note:
 * it is handed out as its own entry with credit = false and its amount
 * counts negatively in the deposit amount. */
static vinn_err bgmax_payment(struct bgmax_reader *r, bool deduction)
{
    char bankgiro[11];
    char serial[13];
    int64_t amount_minor = 0;
    vinn_err rc = bgmax_payment_fields(r, bankgiro, &amount_minor);
    if (rc == VINN_OK) {
        rc = bgmax_digits(r, 58, 12, "BGC serial number", serial, sizeof(serial));
    }
    int64_t net = 0;
    if (rc == VINN_OK) {
        rc = deduction ? vinn_money_sub(r->deposit_minor, amount_minor, &net)
                       : vinn_money_add(r->deposit_minor, amount_minor, &net);
        if (rc != VINN_OK) {
            rc = bgmax_fail(r, VINN_E_BANK_AMOUNT, "amount",
                            "the amounts of the deposit add up to more than vinn can hold");
        }
    }
    struct vinn_bank_entry *e = NULL;
    if (rc == VINN_OK) {
        rc = bgmax_hold(r, &e);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    r->deposit_minor = net;
    r->deposit_payments++;
    if (deduction) {
        r->counts.deductions++;
    } else {
        r->counts.payments++;
    }
    e->line = r->line;
    e->credit = !deduction;
    e->amount_minor = amount_minor;
    bgmax_strip_zeros(e->payer_account, sizeof(e->payer_account), bankgiro);
    snprintf(e->bank_ref, sizeof(e->bank_ref), "%s", serial);
    bgmax_reference(r, e, false);
    return VINN_OK;
}

/* TK22 and TK23. Their amounts spread the payment over its references and
 * are not part of the deposit amount; they are checked, not used. */
static vinn_err bgmax_extra_reference(struct bgmax_reader *r, bool negative)
{
    char bankgiro[11];
    int64_t amount_minor = 0;
    vinn_err rc = bgmax_payment_fields(r, bankgiro, &amount_minor);
    if (rc != VINN_OK) {
        return rc;
    }
    r->counts.extra_references++;
    bgmax_reference(r, bgmax_current(r), negative);
    return VINN_OK;
}

static void bgmax_information(struct bgmax_reader *r)
{
    char text[BGMAX_TEXT_MAX];
    bgmax_latin1(text, sizeof(text), bgmax_at(r, 3), 50);
    struct vinn_bank_entry *e = bgmax_current(r);
    bgmax_append(e->message, sizeof(e->message), text);
}

/* TK26: name (3-37) and extra name (38-72), joined by a space. */
static void bgmax_name(struct bgmax_reader *r)
{
    char name[BGMAX_TEXT_MAX];
    char extra[BGMAX_TEXT_MAX];
    bgmax_latin1(name, sizeof(name), bgmax_at(r, 3), 35);
    bgmax_latin1(extra, sizeof(extra), bgmax_at(r, 38), 35);
    struct vinn_bank_entry *e = bgmax_current(r);
    e->payer_name[0] = '\0';
    bgmax_append(e->payer_name, sizeof(e->payer_name), name);
    bgmax_append(e->payer_name, sizeof(e->payer_name), extra);
}

/* Hand out the held entries of the deposit with its date. A zero amount
 * breaks the entry invariant (amount_minor > 0): such a payment is counted
 * as skipped. */
static vinn_err bgmax_emit(struct bgmax_reader *r, vinn_day date, const char *date_text,
                           const char *deposit_serial)
{
    for (size_t i = 0; i < r->held_count; i++) {
        struct vinn_bank_entry *e = &r->held[i];
        if (e->amount_minor == 0) {
            r->info->skipped++;
            continue;
        }
        e->booking_date = date;
        e->value_date = date;
        memcpy(e->currency, r->currency, sizeof(e->currency));
        /* The BGC serial number alone repeats within a file (the sample
         * BgMaxfil4.txt has serials 18 and 19 in two deposits of one day),
         * so the id also names the recipient bankgiro, the payment date
         * and the deposit serial number. All fixed width. */
        snprintf(e->entry_id, sizeof(e->entry_id), "bgmax:%s:%s:%s:%s", r->bankgiro, date_text,
                 deposit_serial, e->bank_ref);
        r->info->entries++;
        e->record = (long)r->info->entries;
        vinn_err rc = r->fn(r->ctx, e, r->error);
        if (rc != VINN_OK) {
            return rc;
        }
    }
    r->held_count = 0;
    return VINN_OK;
}

/* TK15: the payment date, deposit serial, amount and number of payments. */
static vinn_err bgmax_deposit_end(struct bgmax_reader *r)
{
    char date_text[9];
    char serial[6];
    int64_t amount_minor = 0;
    int64_t payments = 0;
    vinn_err rc = bgmax_digits(r, 38, 8, "payment date", date_text, sizeof(date_text));
    if (rc == VINN_OK) {
        rc = bgmax_digits(r, 46, 5, "deposit serial number", serial, sizeof(serial));
    }
    if (rc == VINN_OK) {
        rc = bgmax_number(r, 51, 18, "deposit amount", &amount_minor);
    }
    if (rc == VINN_OK) {
        rc = bgmax_number(r, 72, 8, "number of payments", &payments);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    int32_t year = 0;
    for (size_t i = 0; i < 4; i++) {
        year = year * 10 + (date_text[i] - '0');
    }
    int32_t month = (date_text[4] - '0') * 10 + (date_text[5] - '0');
    int32_t day = (date_text[6] - '0') * 10 + (date_text[7] - '0');
    if (!vinn_date_is_valid(year, month, day)) {
        return bgmax_fail(r, VINN_E_BANK_DATE, "payment date", "payment date '%s' is not a date",
                          date_text);
    }
    if (memcmp(bgmax_at(r, 69), r->currency, 3) != 0) {
        return bgmax_fail(r, VINN_E_BANK_RECORD, "currency",
                          "deposit end currency '%s' is not '%s' of its deposit start (line %ld)",
                          vinn_bank_show(bgmax_at(r, 69), 3).text, r->currency, r->deposit_line);
    }
    if (payments != r->deposit_payments) {
        return bgmax_fail(r, VINN_E_BANK_CONTROL_TOTAL, "number of payments",
                          "deposit end says %lld payments, the deposit has %lld",
                          (long long)payments, r->deposit_payments);
    }
    if (amount_minor != r->deposit_minor) {
        return bgmax_fail(r, VINN_E_BANK_CONTROL_TOTAL, "deposit amount",
                          "deposit end says %lld öre, the payments less deductions are %lld öre",
                          (long long)amount_minor, (long long)r->deposit_minor);
    }
    r->counts.deposits++;
    r->state = BGMAX_FILE;
    return bgmax_emit(r, vinn_day_from_civil(year, month, day), date_text, serial);
}

static vinn_err bgmax_check_count(struct bgmax_reader *r, size_t pos, const char *what,
                                  long long found)
{
    int64_t said = 0;
    vinn_err rc = bgmax_number(r, pos, 8, what, &said);
    if (rc != VINN_OK) {
        return rc;
    }
    if (said != found) {
        return bgmax_fail(r, VINN_E_BANK_CONTROL_TOTAL, what,
                          "end record says %lld %s, the file has %lld", (long long)said, what,
                          found);
    }
    return VINN_OK;
}

/* TK70: the numbers of payment, deduction, extra reference and deposit
 * records of the whole file. */
static vinn_err bgmax_end(struct bgmax_reader *r)
{
    vinn_err rc = bgmax_check_count(r, 3, "payment records", r->counts.payments);
    if (rc == VINN_OK) {
        rc = bgmax_check_count(r, 11, "deduction records", r->counts.deductions);
    }
    if (rc == VINN_OK) {
        rc = bgmax_check_count(r, 19, "extra reference records", r->counts.extra_references);
    }
    if (rc == VINN_OK) {
        rc = bgmax_check_count(r, 27, "deposit records", r->counts.deposits);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    r->state = BGMAX_ENDED;
    return VINN_OK;
}

/* Is record tk allowed where the reader is? A structure error if not. */
static vinn_err bgmax_check_order(struct bgmax_reader *r, int tk, const char *what)
{
    switch (r->state) {
    case BGMAX_BEFORE:
        if (tk == 1) {
            return VINN_OK;
        }
        return bgmax_fail(r, VINN_E_BANK_STRUCTURE, "record type",
                          "%s before the start record (TK01): not a whole BgMax file", what);
    case BGMAX_FILE:
        if (tk == 5 || tk == 70) {
            return VINN_OK;
        }
        return bgmax_fail(r, VINN_E_BANK_STRUCTURE, "record type", "%s %s", what,
                          tk == 1 ? "after the start record: a file holds one"
                                  : "outside a deposit: no deposit start (TK05) before it");
    case BGMAX_DEPOSIT:
        if (tk == 1 || tk == 5 || tk == 70) {
            return bgmax_fail(r, VINN_E_BANK_STRUCTURE, "record type",
                              "%s inside the deposit of line %ld: no deposit end (TK15) before it",
                              what, r->deposit_line);
        }
        if (tk >= 22 && r->held_count == 0) {
            return bgmax_fail(r, VINN_E_BANK_STRUCTURE, "record type",
                              "%s without a payment (TK20) before it", what);
        }
        return VINN_OK;
    case BGMAX_ENDED:
        break;
    }
    return bgmax_fail(r, VINN_E_BANK_STRUCTURE, "record type",
                      "%s after the end record (TK70): a file holds one", what);
}

/* One record, padded to 80 bytes. */
static vinn_err bgmax_record(struct bgmax_reader *r)
{
    const char *s = r->lines.rec;
    int tk = vinn_bank_is_digits(s, 2) ? (s[0] - '0') * 10 + (s[1] - '0') : -1;
    const char *what = tk >= 0 ? bgmax_record_name(tk) : NULL;
    if (what == NULL) {
        return bgmax_fail(r, VINN_E_BANK_RECORD, "record type",
                          "record type '%s' is not a BgMax record", vinn_bank_show(s, 2).text);
    }
    vinn_err rc = bgmax_check_order(r, tk, what);
    if (rc != VINN_OK) {
        return rc;
    }
    switch (tk) {
    case 1:
        return bgmax_start(r);
    case 5:
        return bgmax_deposit_start(r);
    case 15:
        return bgmax_deposit_end(r);
    case 20:
    case 21:
        return bgmax_payment(r, tk == 21);
    case 22:
    case 23:
        return bgmax_extra_reference(r, tk == 23);
    case 25:
        bgmax_information(r);
        return VINN_OK;
    case 26:
        bgmax_name(r);
        return VINN_OK;
    case 70:
        return bgmax_end(r);
    default:
        /* TK27, 28 (address) and 29 (organisation number): bank.h has no
         * field for them. */
        return VINN_OK;
    }
}

/* One line: empty lines are allowed only at the end of the file, so one is
 * remembered and reported when a record follows it. */
static vinn_err bgmax_line(struct bgmax_reader *r, size_t len)
{
    if (len == 0) {
        if (r->blank_line == 0) {
            r->blank_line = r->line;
        }
        return VINN_OK;
    }
    if (r->blank_line != 0) {
        r->line = r->blank_line;
        return bgmax_fail(r, VINN_E_BANK_RECORD, "record", "empty line inside the file");
    }
    if (len > BGMAX_RECORD_LEN) {
        return bgmax_fail(r, VINN_E_BANK_RECORD, "record",
                          "record is %zu characters long, more than %d", len, BGMAX_RECORD_LEN);
    }
    memset(r->lines.rec + len, ' ', BGMAX_RECORD_LEN - len);
    r->lines.rec[BGMAX_RECORD_LEN] = '\0';
    return bgmax_record(r);
}

static vinn_err bgmax_line_fn(void *ctx, size_t len)
{
    return bgmax_line(ctx, len);
}

static vinn_err bgmax_run(struct bgmax_reader *r)
{
    vinn_err rc = vinn_bank_lines_each(&r->lines, &r->line, r->options, bgmax_line_fn, r, r->error);
    if (rc != VINN_OK) {
        return rc;
    }
    if (r->state == BGMAX_BEFORE) {
        return vinn_fail(r->error, VINN_E_BANK_EMPTY, "file", "%s is empty", r->name);
    }
    if (r->state != BGMAX_ENDED) {
        return bgmax_fail(r, VINN_E_BANK_STRUCTURE, "record",
                          "file ends without its end record (TK70)");
    }
    if (r->options->progress != NULL) {
        r->options->progress(r->options->progress_ctx, r->lines.bytes_read);
    }
    return VINN_OK;
}

vinn_err vinn_bgmax_read(FILE *fp, const struct vinn_bank_read_options *options,
                         vinn_bank_entry_fn fn, void *ctx, struct vinn_bank_file_info *info,
                         struct vinn_error *error)
{
    VINN_ASSERT(fp != NULL);
    VINN_ASSERT(options != NULL);
    VINN_ASSERT(fn != NULL);
    struct vinn_bank_file_info local_info;
    if (info == NULL) {
        info = &local_info;
    }
    memset(info, 0, sizeof(*info));
    info->format = VINN_BANK_BGMAX;
    /* BgMax states the currency per deposit (TK05): options->currency is
     * not used. */
    struct bgmax_reader reader;
    memset(&reader, 0, sizeof(reader));
    struct bgmax_reader *r = &reader;
    r->name = options->name != NULL ? options->name : "input";
    vinn_bank_lines_init(&r->lines, fp, r->name);
    r->options = options;
    r->fn = fn;
    r->ctx = ctx;
    r->info = info;
    r->error = error;
    r->state = BGMAX_BEFORE;
    vinn_err rc = bgmax_run(r);
    free(r->held);
    return rc;
}
