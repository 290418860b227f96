/*
 * camt.c - the ISO 20022 camt.054 (BankToCustomerDebitCreditNotification)
 * and camt.053 (BankToCustomerStatement) reader, versions 001.02, 001.04 and
 * 001.08 (element paths: docs/DOMAIN.md 4.1, checked against the XSDs).
 *
 * libxml2's SAX2 push parser reads the file in fixed chunks and calls back
 * per element; no tree is built. A state machine keeps the path of open
 * element names and, per Ntry, the entry's own fields and one transaction
 * (TxDtls) that waits to be handed out, so memory is bounded per entry
 * whatever the file size. libxml2's own bounds (no XML_PARSE_HUGE) cap a
 * text, a name, the lookahead and the depth.
 *
 * SAX rather than xmlTextReader: the reader's parser line runs up to a
 * 512-byte chunk ahead of the node it returns and its node lines stop at
 * 65535, while a SAX callback sees the exact line of the tag it reports.
 *
 * Hostile files: no network (XML_PARSE_NONET), no entity substitution (no
 * XML_PARSE_NOENT), no DTD loading, and a DOCTYPE is refused the moment it
 * is seen, before its internal subset is parsed, so no entity is ever
 * declared. libxml2 reports through a structured handler on the context
 * and never prints.
 *
 * Entries: one per TxDtls, or one per Ntry without TxDtls. A transaction's
 * amount is its Amt (v04+), else AmtDtls/TxAmt/Amt, else
 * AmtDtls/InstdAmt/Amt (v02), else the Ntry's Amt when it is the Ntry's
 * only transaction. A batch whose transactions state no amount cannot be
 * split: it is one entry for the whole Ntry, without the transactions'
 * texts, which are not the whole's; a batch where only some state one is an
 * error. Entries whose Sts is not BOOK are counted as skipped, one per
 * transaction; debits are handed out with credit false.
 *
 * A transaction waits because whether an Ntry holds one TxDtls or a batch
 * is only known when the next TxDtls starts or the Ntry ends: a single one
 * may take the Ntry's amount and reference, a batch member may not. The
 * Ntry's own fields (Amt, CdtDbtInd, Sts, dates, AcctSvcrRef) precede
 * NtryDtls in every version's schema; they are checked when the first
 * transaction is handed out. Otherwise element order is not checked, so
 * files that break the schema's order only inside a group (NtryRef after
 * Amt) read as if they kept it.
 */
#include "formats/bank.h"

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/assert.h"
#include "base/limits.h"
#include "base/text.h"
#include "core/money.h"

enum {
    /* Bytes handed to the parser at a time. */
    CAMT_READ_SIZE = 64 * 1024,
    /* Progress is reported at most this often. */
    CAMT_PROGRESS_STEP = 1024 * 1024,
    /* File names in messages; longer ones are cut. */
    CAMT_NAME_MAX = 128,
    /* The path of open elements ("Document/BkToCstmrStmt/Stmt/Ntry/..."):
     * the deepest path read (TxDtls/RltdPties/UltmtDbtr/Pty/Nm) is about 100
     * bytes; deeper or longer paths are followed by depth only. */
    CAMT_PATH_MAX = 256,
    CAMT_DEPTH_MAX = 24,
    /* Text kept of one element: every text read is Max140Text or shorter
     * (140 characters, 560 bytes at most in UTF-8); longer text is cut. */
    CAMT_TEXT_MAX = 600,
    /* An amount is at most 18 digits with a point (ISO 20022
     * ActiveOrHistoricCurrencyAndAmount); leading zeros get some room. */
    CAMT_AMOUNT_TEXT_MAX = 40,
    /* Entries without a bank reference are told apart by a digest of their
     * contents and their occurrence among identical entries (bank.h). The
     * table of digests seen is open addressing at most three quarters full:
     * 1 MiB, 49152 distinct entries without a reference in one file; past
     * that the importer counts (bank.h). */
    CAMT_DIGEST_SLOTS = 1 << 16,
    CAMT_DIGEST_LOAD_MAX = CAMT_DIGEST_SLOTS / 4 * 3,
    /* Namespaces quoted in messages are cut here. */
    CAMT_QUOTE_MAX = 100,
};

static const char camt_ns_prefix[] = "urn:iso:std:iso:20022:tech:xsd:camt.";

enum camt_indicator { CAMT_IND_NONE, CAMT_IND_CRDT, CAMT_IND_DBIT };

/* Where an element sits: the scope is the innermost of the message
 * (BkToCstmr...), the report (Ntfctn or Stmt), the Ntry and the TxDtls. */
enum camt_scope { CAMT_IN_MESSAGE, CAMT_IN_REPORT, CAMT_IN_NTRY, CAMT_IN_TX };

enum camt_field {
    CAMT_F_FILE_ID,
    CAMT_F_ACCOUNT,
    CAMT_F_NTRY_AMT,
    CAMT_F_NTRY_CDTDBT,
    CAMT_F_NTRY_RVSL,
    CAMT_F_NTRY_STS,
    CAMT_F_NTRY_BOOKG,
    CAMT_F_NTRY_VAL,
    CAMT_F_NTRY_REF,
    CAMT_F_TX_REF,
    CAMT_F_TX_END_TO_END,
    CAMT_F_TX_AMT,
    CAMT_F_TX_TXAMT,
    CAMT_F_TX_INSTDAMT,
    CAMT_F_TX_CDTDBT,
    CAMT_F_TX_DEBTOR,
    CAMT_F_TX_ULTIMATE,
    CAMT_F_TX_ACCOUNT,
    CAMT_F_TX_USTRD,
    CAMT_F_TX_CDTR_REF,
    CAMT_F_TX_RETURN,
};

/* The elements read, by scope and path below the scope's element. */
struct camt_leaf {
    enum camt_scope scope;
    const char *path;
    enum camt_field field;
};

static const struct camt_leaf camt_leaves[] = {
    {CAMT_IN_MESSAGE, "GrpHdr/MsgId", CAMT_F_FILE_ID},
    {CAMT_IN_REPORT, "Acct/Id/IBAN", CAMT_F_ACCOUNT},
    {CAMT_IN_REPORT, "Acct/Id/Othr/Id", CAMT_F_ACCOUNT},
    {CAMT_IN_NTRY, "Amt", CAMT_F_NTRY_AMT},
    {CAMT_IN_NTRY, "CdtDbtInd", CAMT_F_NTRY_CDTDBT},
    {CAMT_IN_NTRY, "RvslInd", CAMT_F_NTRY_RVSL},
    /* EntryStatus2Code text in v02 and v04, EntryStatus1Choice in v08;
     * either form is taken in any version. */
    {CAMT_IN_NTRY, "Sts", CAMT_F_NTRY_STS},
    {CAMT_IN_NTRY, "Sts/Cd", CAMT_F_NTRY_STS},
    {CAMT_IN_NTRY, "Sts/Prtry", CAMT_F_NTRY_STS},
    {CAMT_IN_NTRY, "BookgDt/Dt", CAMT_F_NTRY_BOOKG},
    {CAMT_IN_NTRY, "BookgDt/DtTm", CAMT_F_NTRY_BOOKG},
    {CAMT_IN_NTRY, "ValDt/Dt", CAMT_F_NTRY_VAL},
    {CAMT_IN_NTRY, "ValDt/DtTm", CAMT_F_NTRY_VAL},
    {CAMT_IN_NTRY, "AcctSvcrRef", CAMT_F_NTRY_REF},
    {CAMT_IN_TX, "Refs/AcctSvcrRef", CAMT_F_TX_REF},
    {CAMT_IN_TX, "Refs/EndToEndId", CAMT_F_TX_END_TO_END},
    /* Amt and CdtDbtInd exist from v04 on; v02 has AmtDtls only. */
    {CAMT_IN_TX, "Amt", CAMT_F_TX_AMT},
    {CAMT_IN_TX, "AmtDtls/TxAmt/Amt", CAMT_F_TX_TXAMT},
    {CAMT_IN_TX, "AmtDtls/InstdAmt/Amt", CAMT_F_TX_INSTDAMT},
    {CAMT_IN_TX, "CdtDbtInd", CAMT_F_TX_CDTDBT},
    /* PartyIdentification32/43 in v02 and v04; Party40Choice in v08. */
    {CAMT_IN_TX, "RltdPties/Dbtr/Nm", CAMT_F_TX_DEBTOR},
    {CAMT_IN_TX, "RltdPties/Dbtr/Pty/Nm", CAMT_F_TX_DEBTOR},
    {CAMT_IN_TX, "RltdPties/UltmtDbtr/Nm", CAMT_F_TX_ULTIMATE},
    {CAMT_IN_TX, "RltdPties/UltmtDbtr/Pty/Nm", CAMT_F_TX_ULTIMATE},
    {CAMT_IN_TX, "RltdPties/DbtrAcct/Id/IBAN", CAMT_F_TX_ACCOUNT},
    {CAMT_IN_TX, "RltdPties/DbtrAcct/Id/Othr/Id", CAMT_F_TX_ACCOUNT},
    {CAMT_IN_TX, "RmtInf/Ustrd", CAMT_F_TX_USTRD},
    {CAMT_IN_TX, "RmtInf/Strd/CdtrRefInf/Ref", CAMT_F_TX_CDTR_REF},
    {CAMT_IN_TX, "RtrInf/Rsn/Cd", CAMT_F_TX_RETURN},
};

enum { CAMT_LEAVES_COUNT = sizeof(camt_leaves) / sizeof(camt_leaves[0]) };

/* An amount as in the file, parsed only when it is the one used. */
struct camt_amount {
    bool seen;  /* the element started */
    bool ended; /* and its text was kept */
    long line;
    char currency[8]; /* the Ccy attribute, cut */
    char text[CAMT_AMOUNT_TEXT_MAX + 1];
    bool too_long;
};

/* The fields of one Ntry read so far. */
struct camt_ntry {
    long line;
    struct camt_amount amount;
    enum camt_indicator indicator;
    bool reversal;
    bool status_seen;
    bool booked; /* Sts is BOOK */
    bool booking_seen;
    bool value_seen;
    vinn_day booking_date;
    vinn_day value_date;
    char bank_ref[VINN_BANK_ID_MAX + 1];
    long tx_count; /* TxDtls started so far */
    bool checked;  /* the fields above were checked and the amount parsed */
    int64_t amount_minor;
    char currency[4];
    bool whole; /* a batch without transaction amounts: one entry for the Ntry */
};

/* The fields of one TxDtls. */
struct camt_tx {
    long line;
    struct camt_amount amount;     /* Amt */
    struct camt_amount tx_amount;  /* AmtDtls/TxAmt/Amt */
    struct camt_amount instructed; /* AmtDtls/InstdAmt/Amt */
    enum camt_indicator indicator;
    char reference[VINN_BANK_REF_MAX + 1];
    char message[VINN_BANK_MESSAGE_MAX + 1];
    char debtor[VINN_BANK_NAME_MAX + 1];
    char ultimate[VINN_BANK_NAME_MAX + 1];
    char account[VINN_BANK_ACCOUNT_MAX + 1];
    char bank_ref[VINN_BANK_ID_MAX + 1];
    char end_to_end[VINN_BANK_ID_MAX + 1];
    char return_reason[8];
};

struct camt_digest_slot {
    uint64_t key;
    uint32_t count; /* 0: free */
};

struct camt_state {
    xmlParserCtxtPtr ctxt;
    char name[CAMT_NAME_MAX];
    vinn_bank_entry_fn fn;
    void *fn_ctx;
    struct vinn_bank_file_info *info;
    struct vinn_error *error;
    bool failed; /* sticky: every callback is a no-op once set */
    bool root_seen;
    vinn_err result;

    /* The path of open elements. */
    char path[CAMT_PATH_MAX];
    size_t path_len;
    size_t path_at[CAMT_DEPTH_MAX + 1]; /* path_len before each depth's name */
    int depth;                          /* open elements */
    int lost_depth;                     /* first depth not in path; 0 when none */
    const char *report_name;            /* "Ntfctn" or "Stmt" */
    size_t message_at;                  /* offsets where scopes' children start */
    size_t report_at;
    size_t ntry_at;
    size_t tx_at;
    int report_depth; /* depth of the open Ntfctn/Stmt, Ntry, TxDtls; 0 when none */
    int ntry_depth;
    int tx_depth;

    /* The innermost open element, while it has no child element. */
    bool leaf_open;
    const struct camt_leaf *leaf;
    long leaf_line;
    char text[CAMT_TEXT_MAX];
    size_t text_len;

    struct camt_ntry ntry;
    struct camt_tx tx;      /* the TxDtls being read */
    struct camt_tx waiting; /* the last TxDtls read, not handed out yet */
    bool has_waiting;
    struct vinn_bank_entry entry;

    struct camt_digest_slot *digests;
    size_t digests_count;

    long long bytes_read;
    long long progress_next;
    unsigned char in[CAMT_READ_SIZE];
};

/* ---- errors ---- */

static void camt_stop(struct camt_state *st, vinn_err code)
{
    VINN_ASSERT(code != VINN_OK);
    if (!st->failed) {
        st->failed = true;
        st->result = code;
    }
    xmlStopParser(st->ctxt);
}

/* Make s valid UTF-8 without control characters, in place: a byte that
 * does not start a whole, valid sequence becomes '?' (so a text cut inside
 * a character ends in '?'), a control character a space. Messages quote
 * file names, element names and libxml2's words. */
static void camt_utf8_fix(char *s)
{
    size_t len = strlen(s);
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            s[i] = (c < ' ' || c == 0x7F) ? ' ' : s[i];
            i++;
            continue;
        }
        size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        if (c >= 0xC2 && c <= 0xF4 && n <= len - i && vinn_utf8_is_valid(s + i, n)) {
            i += n;
            continue;
        }
        s[i++] = '?';
    }
}

/* "NAME line N (field): rule"; field "file" leaves the parentheses out. */
VINN_PRINTF(5, 6)
static vinn_err camt_fail(struct camt_state *st, vinn_err code, const char *field, long line,
                          const char *fmt, ...)
{
    char rule[VINN_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(rule, sizeof(rule), fmt, ap);
    va_end(ap);
    char message[VINN_ERROR_MESSAGE_MAX];
    if (strcmp(field, "file") == 0) {
        snprintf(message, sizeof(message), "%s line %ld: %s", st->name, line, rule);
    } else {
        snprintf(message, sizeof(message), "%s line %ld (%s): %s", st->name, line, field, rule);
    }
    camt_utf8_fix(message);
    size_t len = strlen(message);
    while (len > 0 && message[len - 1] == ' ') {
        message[--len] = '\0'; /* a message cut after a space */
    }
    return vinn_fail(st->error, code, field, "%s", message);
}

static long camt_line(const struct camt_state *st)
{
    return xmlSAX2GetLineNumber(st->ctxt);
}

/* ---- small text helpers ---- */

static void camt_text_trimmed(const char *s, size_t len, const char **out, size_t *out_len)
{
    while (len > 0 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n')) {
        s++;
        len--;
    }
    while (len > 0 &&
           (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r' || s[len - 1] == '\n')) {
        len--;
    }
    *out = s;
    *out_len = len;
}

static bool camt_text_is(const char *s, size_t len, const char *word)
{
    const char *t = NULL;
    size_t n = 0;
    camt_text_trimmed(s, len, &t, &n);
    return n == strlen(word) && memcmp(t, word, n) == 0;
}

/* vinn_bank_text_copy, and no space left at the end where a cut fell
 * (bank.h: every text trimmed). */
static void camt_copy(char *dst, size_t cap, const char *src, size_t len)
{
    vinn_bank_text_copy(dst, cap, src, len);
    size_t n = strlen(dst);
    while (n > 0 && dst[n - 1] == ' ') {
        dst[--n] = '\0';
    }
}

/* Copy into an empty field only: the first occurrence wins. */
static void camt_set_once(char *dst, size_t cap, const char *src, size_t len)
{
    if (dst[0] == '\0') {
        camt_copy(dst, cap, src, len);
    }
}

/* The leaf's text, cleaned, for messages. */
static void camt_quote(const struct camt_state *st, char *out, size_t cap)
{
    camt_copy(out, cap, st->text, st->text_len);
}

/* ---- amounts and dates ---- */

enum camt_amount_rule {
    CAMT_AMOUNT_OK,
    CAMT_AMOUNT_SYNTAX,
    CAMT_AMOUNT_NEGATIVE,
    CAMT_AMOUNT_ZERO,
    CAMT_AMOUNT_DECIMALS,
    CAMT_AMOUNT_OVERFLOW,
};

/* value = value * 10 + digit, checked. */
static bool camt_digit_add(int64_t *value, int digit)
{
    return !__builtin_mul_overflow(*value, 10, value) &&
           !__builtin_add_overflow(*value, digit, value);
}

/* An ISO 20022 amount (ActiveOrHistoricCurrencyAndAmount: xs:decimal,
 * minInclusive 0): digits with an optional '.' and fraction, exact in minor
 * units of cur. Fraction digits past the exponent must be zeros. */
static enum camt_amount_rule camt_amount_parse(const char *text, const struct vinn_currency *cur,
                                               int64_t *out)
{
    const char *p = text;
    if (*p == '-') {
        return CAMT_AMOUNT_NEGATIVE;
    }
    if (*p == '+') {
        p++;
    }
    int64_t value = 0;
    size_t digits = 0;
    for (; *p >= '0' && *p <= '9'; p++, digits++) {
        if (!camt_digit_add(&value, *p - '0')) {
            return CAMT_AMOUNT_OVERFLOW;
        }
    }
    unsigned decimals = 0;
    if (*p == '.') {
        for (p++; *p >= '0' && *p <= '9'; p++, digits++) {
            if (decimals >= cur->exponent) {
                if (*p != '0') {
                    return CAMT_AMOUNT_DECIMALS;
                }
                continue;
            }
            decimals++;
            if (!camt_digit_add(&value, *p - '0')) {
                return CAMT_AMOUNT_OVERFLOW;
            }
        }
    }
    if (*p != '\0' || digits == 0) {
        return CAMT_AMOUNT_SYNTAX;
    }
    for (; decimals < cur->exponent; decimals++) {
        if (!camt_digit_add(&value, 0)) {
            return CAMT_AMOUNT_OVERFLOW;
        }
    }
    if (value == 0) {
        return CAMT_AMOUNT_ZERO;
    }
    *out = value;
    return CAMT_AMOUNT_OK;
}

static vinn_err camt_amount_take(struct camt_state *st, const struct camt_amount *a,
                                 const char *field, int64_t *amount_minor, char currency[4])
{
    if (a->too_long) {
        return camt_fail(st, VINN_E_BANK_AMOUNT, field, a->line,
                         "amount '%.20s...' is longer than %d characters", a->text,
                         CAMT_AMOUNT_TEXT_MAX);
    }
    if (a->currency[0] == '\0') {
        return camt_fail(st, VINN_E_BANK_AMOUNT, field, a->line, "amount '%s' has no Ccy", a->text);
    }
    const struct vinn_currency *cur = vinn_currency_find(a->currency);
    if (cur == NULL) {
        return camt_fail(st, VINN_E_BANK_AMOUNT, field, a->line,
                         "currency '%s' is not a known ISO 4217 code", a->currency);
    }
    int64_t value = 0;
    switch (camt_amount_parse(a->text, cur, &value)) {
    case CAMT_AMOUNT_OK:
        *amount_minor = value;
        memcpy(currency, cur->code, 4);
        return VINN_OK;
    case CAMT_AMOUNT_SYNTAX:
        return camt_fail(st, VINN_E_BANK_AMOUNT, field, a->line, "amount '%s' is not a number",
                         a->text);
    case CAMT_AMOUNT_NEGATIVE:
        return camt_fail(st, VINN_E_BANK_AMOUNT, field, a->line,
                         "amount '%s' is negative: a debit is CdtDbtInd DBIT", a->text);
    case CAMT_AMOUNT_ZERO:
        return camt_fail(st, VINN_E_BANK_AMOUNT, field, a->line, "amount '%s' is zero", a->text);
    case CAMT_AMOUNT_DECIMALS:
        return camt_fail(st, VINN_E_BANK_AMOUNT, field, a->line,
                         "amount '%s' has more decimals than %s allows", a->text, cur->code);
    case CAMT_AMOUNT_OVERFLOW:
        break;
    }
    return camt_fail(st, VINN_E_BANK_AMOUNT, field, a->line, "amount '%s' is too large", a->text);
}

/* Dt is xs:date ("2024-05-31", maybe with a zone), DtTm xs:dateTime: the
 * date is the first ten characters, as the bank wrote it (no zone shift). */
static vinn_err camt_date(struct camt_state *st, const char *field, bool *seen, vinn_day *out)
{
    const char *t = NULL;
    size_t n = 0;
    camt_text_trimmed(st->text, st->text_len, &t, &n);
    char quoted[48];
    camt_quote(st, quoted, sizeof(quoted));
    if (n < 10 || (n > 10 && strchr("T+-Z", t[10]) == NULL)) {
        return camt_fail(st, VINN_E_BANK_DATE, field, st->leaf_line, "date '%s' is not YYYY-MM-DD",
                         quoted);
    }
    char iso[VINN_DATE_ISO_SIZE];
    memcpy(iso, t, 10);
    iso[10] = '\0';
    vinn_day day = 0;
    struct vinn_error date_error;
    vinn_error_clear(&date_error);
    if (vinn_day_parse(iso, "date", &day, &date_error) != VINN_OK) {
        return camt_fail(st, VINN_E_BANK_DATE, field, st->leaf_line, "%s", date_error.message);
    }
    if (!*seen) {
        *seen = true;
        *out = day;
    }
    return VINN_OK;
}

static vinn_err camt_indicator(struct camt_state *st, const char *field, enum camt_indicator *out)
{
    enum camt_indicator ind = CAMT_IND_NONE;
    if (camt_text_is(st->text, st->text_len, "CRDT")) {
        ind = CAMT_IND_CRDT;
    } else if (camt_text_is(st->text, st->text_len, "DBIT")) {
        ind = CAMT_IND_DBIT;
    } else {
        char quoted[48];
        camt_quote(st, quoted, sizeof(quoted));
        return camt_fail(st, VINN_E_BANK_RECORD, field, st->leaf_line,
                         "'%s' is neither CRDT nor DBIT", quoted);
    }
    if (*out == CAMT_IND_NONE) {
        *out = ind;
    }
    return VINN_OK;
}

/* ---- entries ---- */

/* The occurrence of an entry's digest among the entries of the file so far. */
static vinn_err camt_digest_occurrence(struct camt_state *st, uint64_t key, long *occurrence)
{
    if (st->digests == NULL) {
        st->digests = calloc(CAMT_DIGEST_SLOTS, sizeof(*st->digests));
        if (st->digests == NULL) {
            return vinn_fail(st->error, VINN_E_NO_MEMORY, "file", "%s: out of memory", st->name);
        }
    }
    size_t i = (size_t)(key ^ (key >> 32)) & (CAMT_DIGEST_SLOTS - 1);
    while (st->digests[i].count != 0 && st->digests[i].key != key) {
        i = (i + 1) & (CAMT_DIGEST_SLOTS - 1);
    }
    if (st->digests[i].count == 0) {
        if (st->digests_count >= CAMT_DIGEST_LOAD_MAX) {
            /* Full: the entry keeps occurrence 1, and the importer, which
             * counts identical ids within one import too (bank.h), tells
             * it from an earlier identical one. */
            *occurrence = 1;
            return VINN_OK;
        }
        st->digests[i].key = key;
        st->digests_count++;
    }
    st->digests[i].count++;
    *occurrence = (long)st->digests[i].count;
    return VINN_OK;
}

static vinn_err camt_entry_id(struct camt_state *st, struct vinn_bank_entry *e)
{
    static const char prefix[] = "camt:";
    size_t ref_len = strlen(e->bank_ref);
    if (ref_len > 0 && sizeof(prefix) - 1 + ref_len <= VINN_BANK_ID_MAX) {
        memcpy(e->entry_id, prefix, sizeof(prefix) - 1);
        memcpy(e->entry_id + sizeof(prefix) - 1, e->bank_ref, ref_len + 1);
        return VINN_OK;
    }
    vinn_bank_entry_digest_id(e, 1);
    uint64_t key = strtoull(e->entry_id + 2, NULL, 16);
    long occurrence = 1;
    vinn_err rc = camt_digest_occurrence(st, key, &occurrence);
    if (rc != VINN_OK) {
        return rc;
    }
    if (occurrence > 1) {
        vinn_bank_entry_digest_id(e, occurrence);
    }
    return VINN_OK;
}

static vinn_err camt_emit(struct camt_state *st)
{
    struct vinn_bank_entry *e = &st->entry;
    VINN_ASSERT(e->amount_minor > 0);
    VINN_ASSERT(vinn_currency_find(e->currency) != NULL);
    if (st->info->entries >= VINN_IMPORT_ROWS_MAX) {
        return camt_fail(st, VINN_E_FILE_TOO_LARGE, "file", e->line,
                         "more than %d entries in one file", VINN_IMPORT_ROWS_MAX);
    }
    vinn_err rc = camt_entry_id(st, e);
    if (rc != VINN_OK) {
        return rc;
    }
    VINN_ASSERT(e->entry_id[0] != '\0');
    st->info->entries++;
    e->record = (long)st->info->entries;
    return st->fn(st->fn_ctx, e, st->error);
}

/* Check the Ntry's own fields once, before its first entry. */
static vinn_err camt_ntry_check(struct camt_state *st)
{
    struct camt_ntry *n = &st->ntry;
    if (n->checked) {
        return VINN_OK;
    }
    if (!n->amount.seen) {
        return camt_fail(st, VINN_E_BANK_RECORD, "Ntry/Amt", n->line, "entry has no Amt");
    }
    if (n->indicator == CAMT_IND_NONE) {
        return camt_fail(st, VINN_E_BANK_RECORD, "Ntry/CdtDbtInd", n->line,
                         "entry has no CdtDbtInd");
    }
    if (!n->status_seen) {
        return camt_fail(st, VINN_E_BANK_RECORD, "Ntry/Sts", n->line, "entry has no Sts");
    }
    if (n->booked) {
        vinn_err rc = camt_amount_take(st, &n->amount, "Ntry/Amt", &n->amount_minor, n->currency);
        if (rc != VINN_OK) {
            return rc;
        }
    }
    n->checked = true;
    return VINN_OK;
}

/* The entry's fields that come from the Ntry alone. */
static void camt_entry_from_ntry(struct camt_state *st)
{
    const struct camt_ntry *n = &st->ntry;
    struct vinn_bank_entry *e = &st->entry;
    memset(e, 0, sizeof(*e));
    e->line = n->line;
    e->credit = n->indicator == CAMT_IND_CRDT;
    e->reversal = n->reversal;
    e->booking_date = n->booking_date;
    e->value_date = n->value_date;
    e->amount_minor = n->amount_minor;
    memcpy(e->currency, n->currency, sizeof(e->currency));
    memcpy(e->bank_ref, n->bank_ref, sizeof(e->bank_ref));
}

/* The amount of a transaction: its own Amt (v04+), else AmtDtls (v02). */
static const struct camt_amount *camt_tx_amount(const struct camt_tx *tx, const char **field)
{
    if (tx->amount.seen) {
        *field = "TxDtls/Amt";
        return &tx->amount;
    }
    if (tx->tx_amount.seen) {
        *field = "TxDtls/AmtDtls/TxAmt/Amt";
        return &tx->tx_amount;
    }
    if (tx->instructed.seen) {
        *field = "TxDtls/AmtDtls/InstdAmt/Amt";
        return &tx->instructed;
    }
    return NULL;
}

/* Hand out the waiting transaction, number index of the Ntry; batch when
 * the Ntry holds more than one. */
static vinn_err camt_tx_flush(struct camt_state *st, const struct camt_tx *tx, bool batch,
                              long index)
{
    vinn_err rc = camt_ntry_check(st);
    if (rc != VINN_OK) {
        return rc;
    }
    struct camt_ntry *n = &st->ntry;
    if (!n->booked) {
        st->info->skipped++;
        return VINN_OK;
    }
    const char *field = NULL;
    const struct camt_amount *amount = camt_tx_amount(tx, &field);
    if (batch) {
        /* A batch's amount can be split only when every transaction states
         * its own, and kept whole only when none does. */
        if (index > 1 && (amount == NULL) != n->whole) {
            return camt_fail(st, VINN_E_BANK_RECORD, "TxDtls/Amt", tx->line,
                             amount == NULL
                                 ? "transaction %ld of the batch has no amount and others do"
                                 : "transaction %ld of the batch has an amount and others do not",
                             index);
        }
        if (amount == NULL) {
            n->whole = true;
            return VINN_OK;
        }
    }
    camt_entry_from_ntry(st);
    struct vinn_bank_entry *e = &st->entry;
    e->line = tx->line;
    if (amount != NULL) {
        rc = camt_amount_take(st, amount, field, &e->amount_minor, e->currency);
        if (rc != VINN_OK) {
            return rc;
        }
    }
    if (tx->indicator != CAMT_IND_NONE) {
        e->credit = tx->indicator == CAMT_IND_CRDT;
    }
    memcpy(e->reference, tx->reference, sizeof(e->reference));
    memcpy(e->message, tx->message, sizeof(e->message));
    memcpy(e->payer_name, tx->debtor[0] != '\0' ? tx->debtor : tx->ultimate, sizeof(e->payer_name));
    memcpy(e->payer_account, tx->account, sizeof(e->payer_account));
    memcpy(e->end_to_end, tx->end_to_end, sizeof(e->end_to_end));
    memcpy(e->return_reason, tx->return_reason, sizeof(e->return_reason));
    if (tx->bank_ref[0] != '\0') {
        memcpy(e->bank_ref, tx->bank_ref, sizeof(e->bank_ref));
    } else if (batch && n->bank_ref[0] != '\0') {
        /* The Ntry's reference and the transaction's number; the number is
         * kept whole and the reference cut when both do not fit. */
        char suffix[24];
        int len = snprintf(suffix, sizeof(suffix), "/%ld", index);
        VINN_ASSERT(len > 0 && (size_t)len < sizeof(suffix));
        camt_copy(e->bank_ref, sizeof(e->bank_ref) - (size_t)len, n->bank_ref,
                            strlen(n->bank_ref));
        memcpy(e->bank_ref + strlen(e->bank_ref), suffix, (size_t)len + 1);
    }
    return camt_emit(st);
}

/* ---- scopes ---- */

static void camt_ntry_begin(struct camt_state *st)
{
    memset(&st->ntry, 0, sizeof(st->ntry));
    st->ntry.line = st->leaf_line;
    st->ntry_depth = st->depth;
    st->ntry_at = st->path_len + 1;
    st->has_waiting = false;
}

static vinn_err camt_ntry_end(struct camt_state *st)
{
    st->ntry_depth = 0;
    struct camt_ntry *n = &st->ntry;
    if (st->has_waiting) {
        st->has_waiting = false;
        vinn_err rc = camt_tx_flush(st, &st->waiting, n->tx_count > 1, n->tx_count);
        if (rc != VINN_OK || !n->whole) {
            return rc;
        }
    } else {
        vinn_err rc = camt_ntry_check(st);
        if (rc != VINN_OK) {
            return rc;
        }
        if (!n->booked) {
            st->info->skipped++;
            return VINN_OK;
        }
    }
    /* No transactions, or a batch without their amounts: one entry. */
    camt_entry_from_ntry(st);
    return camt_emit(st);
}

static vinn_err camt_tx_begin(struct camt_state *st)
{
    st->ntry.tx_count++;
    if (st->has_waiting) {
        /* A second transaction: the one waiting is part of a batch. */
        st->has_waiting = false;
        vinn_err rc = camt_tx_flush(st, &st->waiting, true, st->ntry.tx_count - 1);
        if (rc != VINN_OK) {
            return rc;
        }
    }
    memset(&st->tx, 0, sizeof(st->tx));
    st->tx.line = st->leaf_line;
    st->tx_depth = st->depth;
    st->tx_at = st->path_len + 1;
    return VINN_OK;
}

static void camt_tx_end(struct camt_state *st)
{
    st->tx_depth = 0;
    st->waiting = st->tx;
    st->has_waiting = true;
}

/* ---- leaves ---- */

static const struct camt_leaf *camt_leaf_find(const struct camt_state *st)
{
    enum camt_scope scope = CAMT_IN_MESSAGE;
    size_t at = st->message_at;
    if (st->tx_depth > 0) {
        scope = CAMT_IN_TX;
        at = st->tx_at;
    } else if (st->ntry_depth > 0) {
        scope = CAMT_IN_NTRY;
        at = st->ntry_at;
    } else if (st->report_depth > 0) {
        scope = CAMT_IN_REPORT;
        at = st->report_at;
    }
    if (st->lost_depth != 0 || st->depth < 3 || at > st->path_len) {
        return NULL;
    }
    const char *rel = st->path + at;
    for (size_t i = 0; i < CAMT_LEAVES_COUNT; i++) {
        if (camt_leaves[i].scope == scope && strcmp(camt_leaves[i].path, rel) == 0) {
            return &camt_leaves[i];
        }
    }
    return NULL;
}

static struct camt_amount *camt_leaf_amount(struct camt_state *st, enum camt_field field)
{
    switch (field) {
    case CAMT_F_NTRY_AMT:
        return &st->ntry.amount;
    case CAMT_F_TX_AMT:
        return &st->tx.amount;
    case CAMT_F_TX_TXAMT:
        return &st->tx.tx_amount;
    case CAMT_F_TX_INSTDAMT:
        return &st->tx.instructed;
    default:
        return NULL;
    }
}

/* An amount element starts: keep its line and currency (first one wins). */
static void camt_amount_begin(struct camt_state *st, struct camt_amount *a, int nb_attributes,
                              const xmlChar **attributes)
{
    if (a->seen) {
        return;
    }
    a->seen = true;
    a->line = st->leaf_line;
    for (int i = 0; i < nb_attributes; i++) {
        const xmlChar **at = attributes + 5 * i;
        if (at[2] == NULL && strcmp((const char *)at[0], "Ccy") == 0) {
            const char *v = (const char *)at[3];
            vinn_bank_text_copy(a->currency, sizeof(a->currency), v,
                                (size_t)((const char *)at[4] - v));
        }
    }
}

static void camt_amount_end(struct camt_state *st, struct camt_amount *a)
{
    if (a->ended) {
        return; /* a later element of the same path: the first one wins */
    }
    a->ended = true;
    const char *t = NULL;
    size_t n = 0;
    camt_text_trimmed(st->text, st->text_len, &t, &n);
    a->too_long = n > CAMT_AMOUNT_TEXT_MAX;
    vinn_bank_text_copy(a->text, sizeof(a->text), t, n);
}

/* Remittance texts: every Ustrd joined by one space. */
static void camt_message_add(char *message, size_t cap, const char *s, size_t len)
{
    char part[CAMT_TEXT_MAX];
    vinn_bank_text_copy(part, sizeof(part), s, len);
    size_t used = strlen(message);
    if (part[0] == '\0' || used + 2 >= cap) {
        return;
    }
    if (used > 0) {
        message[used++] = ' ';
        message[used] = '\0';
    }
    camt_copy(message + used, cap - used, part, strlen(part));
    if (message[used] == '\0' && used > 0) {
        message[used - 1] = '\0'; /* nothing fitted after the space */
    }
}

/* A structured reference as the payer gave it, spaces removed. */
static void camt_reference_set(char *dst, size_t cap, const char *s, size_t len)
{
    if (dst[0] != '\0') {
        return;
    }
    char tmp[CAMT_TEXT_MAX];
    vinn_bank_text_copy(tmp, sizeof(tmp), s, len);
    size_t k = 0;
    for (size_t i = 0; tmp[i] != '\0'; i++) {
        if (tmp[i] != ' ') {
            tmp[k++] = tmp[i];
        }
    }
    camt_copy(dst, cap, tmp, k);
}

static vinn_err camt_ntry_leaf_end(struct camt_state *st, const struct camt_leaf *leaf)
{
    const char *t = st->text;
    size_t n = st->text_len;
    struct camt_ntry *ntry = &st->ntry;
    switch (leaf->field) {
    case CAMT_F_NTRY_CDTDBT:
        return camt_indicator(st, "Ntry/CdtDbtInd", &ntry->indicator);
    case CAMT_F_NTRY_RVSL:
        /* xs:boolean */
        if (camt_text_is(t, n, "true") || camt_text_is(t, n, "1")) {
            ntry->reversal = true;
        } else if (!camt_text_is(t, n, "false") && !camt_text_is(t, n, "0")) {
            char quoted[48];
            camt_quote(st, quoted, sizeof(quoted));
            return camt_fail(st, VINN_E_BANK_RECORD, "Ntry/RvslInd", st->leaf_line,
                             "'%s' is neither true nor false", quoted);
        }
        return VINN_OK;
    case CAMT_F_NTRY_STS:
        if (!ntry->status_seen) {
            ntry->status_seen = true;
            ntry->booked = camt_text_is(t, n, "BOOK") && strcmp(leaf->path, "Sts/Prtry") != 0;
        }
        return VINN_OK;
    case CAMT_F_NTRY_BOOKG:
        return camt_date(st, "Ntry/BookgDt", &ntry->booking_seen, &ntry->booking_date);
    case CAMT_F_NTRY_VAL:
        return camt_date(st, "Ntry/ValDt", &ntry->value_seen, &ntry->value_date);
    case CAMT_F_NTRY_REF:
        camt_set_once(ntry->bank_ref, sizeof(ntry->bank_ref), t, n);
        return VINN_OK;
    default:
        VINN_UNREACHABLE();
    }
}

static vinn_err camt_tx_leaf_end(struct camt_state *st, const struct camt_leaf *leaf)
{
    const char *t = st->text;
    size_t n = st->text_len;
    struct camt_tx *tx = &st->tx;
    switch (leaf->field) {
    case CAMT_F_TX_REF:
        camt_set_once(tx->bank_ref, sizeof(tx->bank_ref), t, n);
        return VINN_OK;
    case CAMT_F_TX_END_TO_END:
        /* The payer's own id; NOTPROVIDED is the scheme's word for none. */
        if (!camt_text_is(t, n, "NOTPROVIDED")) {
            camt_set_once(tx->end_to_end, sizeof(tx->end_to_end), t, n);
        }
        return VINN_OK;
    case CAMT_F_TX_CDTDBT:
        return camt_indicator(st, "TxDtls/CdtDbtInd", &tx->indicator);
    case CAMT_F_TX_DEBTOR:
        camt_set_once(tx->debtor, sizeof(tx->debtor), t, n);
        return VINN_OK;
    case CAMT_F_TX_ULTIMATE:
        camt_set_once(tx->ultimate, sizeof(tx->ultimate), t, n);
        return VINN_OK;
    case CAMT_F_TX_ACCOUNT:
        camt_set_once(tx->account, sizeof(tx->account), t, n);
        return VINN_OK;
    case CAMT_F_TX_USTRD:
        camt_message_add(tx->message, sizeof(tx->message), t, n);
        return VINN_OK;
    case CAMT_F_TX_CDTR_REF:
        camt_reference_set(tx->reference, sizeof(tx->reference), t, n);
        return VINN_OK;
    case CAMT_F_TX_RETURN:
        camt_set_once(tx->return_reason, sizeof(tx->return_reason), t, n);
        return VINN_OK;
    default:
        VINN_UNREACHABLE();
    }
}

/* A leaf element ends with its text in st->text. */
static vinn_err camt_leaf_end(struct camt_state *st, const struct camt_leaf *leaf)
{
    struct camt_amount *amount = camt_leaf_amount(st, leaf->field);
    if (amount != NULL) {
        camt_amount_end(st, amount);
        return VINN_OK;
    }
    switch (leaf->scope) {
    case CAMT_IN_MESSAGE:
        VINN_ASSERT(leaf->field == CAMT_F_FILE_ID);
        camt_set_once(st->info->file_id, sizeof(st->info->file_id), st->text, st->text_len);
        return VINN_OK;
    case CAMT_IN_REPORT:
        VINN_ASSERT(leaf->field == CAMT_F_ACCOUNT);
        camt_set_once(st->info->account, sizeof(st->info->account), st->text, st->text_len);
        return VINN_OK;
    case CAMT_IN_NTRY:
        return camt_ntry_leaf_end(st, leaf);
    case CAMT_IN_TX:
        return camt_tx_leaf_end(st, leaf);
    }
    VINN_UNREACHABLE();
}

/* ---- the document's frame ---- */

/* Document in urn:iso:std:iso:20022:tech:xsd:camt.05N.001.0V. */
static vinn_err camt_root(struct camt_state *st, const char *localname, const char *uri)
{
    char quoted[CAMT_QUOTE_MAX];
    vinn_bank_text_copy(quoted, sizeof(quoted), uri != NULL ? uri : "",
                        uri != NULL ? strlen(uri) : 0);
    size_t prefix_len = sizeof(camt_ns_prefix) - 1;
    if (strcmp(localname, "Document") != 0 || uri == NULL ||
        strncmp(uri, camt_ns_prefix, prefix_len) != 0) {
        return camt_fail(st, VINN_E_BANK_FORMAT_UNKNOWN, "file", camt_line(st),
                         "root element '%.40s' in namespace '%s' is not a camt Document", localname,
                         quoted);
    }
    const char *v = uri + prefix_len; /* "054.001.08" */
    bool shape = strlen(v) == 10 && strncmp(v, "05", 2) == 0 && strncmp(v + 3, ".001.0", 6) == 0;
    int version = shape ? v[9] - '0' : 0;
    bool known =
        shape && (v[2] == '3' || v[2] == '4') && (version == 2 || version == 4 || version == 8);
    if (!known) {
        return camt_fail(st, VINN_E_BANK_VERSION, "file", camt_line(st),
                         "namespace '%s' is not a supported camt version (camt.054 and "
                         "camt.053 in 001.02, 001.04 or 001.08)",
                         quoted);
    }
    st->info->format = v[2] == '4' ? VINN_BANK_CAMT054 : VINN_BANK_CAMT053;
    st->info->version = version;
    return VINN_OK;
}

static vinn_err camt_message(struct camt_state *st, const char *localname)
{
    const char *expected =
        st->info->format == VINN_BANK_CAMT054 ? "BkToCstmrDbtCdtNtfctn" : "BkToCstmrStmt";
    if (strcmp(localname, expected) != 0) {
        return camt_fail(st, VINN_E_BANK_STRUCTURE, "file", camt_line(st),
                         "Document holds '%.40s' where its namespace calls for '%s'", localname,
                         expected);
    }
    st->report_name = st->info->format == VINN_BANK_CAMT054 ? "Ntfctn" : "Stmt";
    st->message_at = st->path_len + 1;
    return VINN_OK;
}

/* ---- SAX callbacks ---- */

static void camt_path_push(struct camt_state *st, const char *localname)
{
    size_t n = strlen(localname);
    if (st->lost_depth == 0 && st->depth <= CAMT_DEPTH_MAX &&
        st->path_len + 1 + n < sizeof(st->path)) {
        st->path_at[st->depth] = st->path_len;
        if (st->path_len > 0) {
            st->path[st->path_len++] = '/';
        }
        memcpy(st->path + st->path_len, localname, n + 1);
        st->path_len += n;
    } else if (st->lost_depth == 0) {
        st->lost_depth = st->depth;
    }
}

static void camt_path_pop(struct camt_state *st)
{
    if (st->lost_depth == st->depth) {
        st->lost_depth = 0;
    } else if (st->lost_depth == 0) {
        st->path_len = st->path_at[st->depth];
        st->path[st->path_len] = '\0';
    }
    st->depth--;
}

/* The scopes an element opens: root, message, report, Ntry, TxDtls. */
static vinn_err camt_scope_begin(struct camt_state *st, const char *localname, const char *uri)
{
    if (st->depth == 1) {
        st->root_seen = true;
        return camt_root(st, localname, uri);
    }
    if (st->depth == 2) {
        return camt_message(st, localname);
    }
    if (st->lost_depth != 0) {
        return VINN_OK;
    }
    if (st->depth == 3 && strcmp(localname, st->report_name) == 0) {
        st->report_depth = st->depth;
        st->report_at = st->path_len + 1;
    } else if (st->depth == 4 && st->report_depth > 0 && strcmp(localname, "Ntry") == 0) {
        camt_ntry_begin(st);
    } else if (st->ntry_depth > 0 && st->tx_depth == 0 && st->depth == st->ntry_depth + 2 &&
               strcmp(st->path + st->ntry_at, "NtryDtls/TxDtls") == 0) {
        return camt_tx_begin(st);
    }
    return VINN_OK;
}

static void camt_on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                          const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                          int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
    (void)prefix;
    (void)nb_namespaces;
    (void)namespaces;
    (void)nb_defaulted;
    struct camt_state *st = ctx;
    if (st->failed) {
        return;
    }
    const char *name = (const char *)localname;
    st->depth++;
    camt_path_push(st, name);
    st->leaf_open = true;
    st->leaf_line = camt_line(st);
    st->text_len = 0;
    vinn_err rc = camt_scope_begin(st, name, (const char *)uri);
    if (rc != VINN_OK) {
        camt_stop(st, rc);
        return;
    }
    st->leaf = camt_leaf_find(st);
    if (st->leaf != NULL) {
        struct camt_amount *a = camt_leaf_amount(st, st->leaf->field);
        if (a != NULL) {
            camt_amount_begin(st, a, nb_attributes, attributes);
        }
    }
}

static vinn_err camt_element_end(struct camt_state *st)
{
    if (st->leaf_open && st->leaf != NULL) {
        vinn_err rc = camt_leaf_end(st, st->leaf);
        if (rc != VINN_OK) {
            return rc;
        }
    }
    if (st->tx_depth == st->depth) {
        camt_tx_end(st);
    } else if (st->ntry_depth == st->depth) {
        return camt_ntry_end(st);
    } else if (st->report_depth == st->depth) {
        st->report_depth = 0;
    }
    return VINN_OK;
}

static void camt_on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                        const xmlChar *uri)
{
    (void)localname;
    (void)prefix;
    (void)uri;
    struct camt_state *st = ctx;
    if (st->failed) {
        return;
    }
    vinn_err rc = camt_element_end(st);
    camt_path_pop(st);
    st->leaf_open = false;
    st->leaf = NULL;
    if (rc != VINN_OK) {
        camt_stop(st, rc);
    }
}

static void camt_on_text(void *ctx, const xmlChar *ch, int len)
{
    struct camt_state *st = ctx;
    if (st->failed || !st->leaf_open || st->leaf == NULL || len <= 0) {
        return;
    }
    size_t room = sizeof(st->text) - st->text_len;
    size_t n = (size_t)len < room ? (size_t)len : room;
    memcpy(st->text + st->text_len, ch, n);
    st->text_len += n;
}

/* A DOCTYPE is refused before its internal subset is parsed: camt files
 * have none, and entity declarations are how XML bombs and external
 * entity reads start. */
static void camt_on_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id,
                            const xmlChar *system_id)
{
    (void)name;
    (void)external_id;
    (void)system_id;
    struct camt_state *st = ctx;
    if (st->failed) {
        return;
    }
    camt_stop(st, camt_fail(st, VINN_E_FILE_SYNTAX, "file", camt_line(st),
                            "a DOCTYPE is not allowed in a camt file"));
}

/* Only the five predefined entities exist (libxml2 resolves those itself). */
static xmlEntityPtr camt_on_entity(void *ctx, const xmlChar *name)
{
    (void)ctx;
    (void)name;
    return NULL;
}

static void camt_on_error(void *ctx, xmlErrorPtr err)
{
    struct camt_state *st = ctx;
    if (st->failed || err == NULL || err->level < XML_ERR_ERROR) {
        return;
    }
    st->failed = true;
    /* The push parser's words for a file cut short, or for one without an
     * element at all, say less than these. */
    if (err->code == XML_ERR_DOCUMENT_END && st->depth > 0) {
        st->result = camt_fail(st, VINN_E_FILE_SYNTAX, "file", err->line,
                               "premature end of data inside '%s'",
                               st->lost_depth == 0 ? st->path : "the document");
        return;
    }
    if (err->code == XML_ERR_DOCUMENT_END && !st->root_seen) {
        st->result =
            camt_fail(st, VINN_E_FILE_SYNTAX, "file", err->line, "the file holds no XML element");
        return;
    }
    const char *msg = err->message != NULL ? err->message : "not well-formed";
    const char *t = NULL;
    size_t n = 0;
    camt_text_trimmed(msg, strlen(msg), &t, &n);
    char text[VINN_ERROR_MESSAGE_MAX / 2];
    vinn_bank_text_copy(text, sizeof(text), t, n);
    st->result = camt_fail(st, VINN_E_FILE_SYNTAX, "file", err->line, "%s", text);
}

/* libxml2 messages that bypass the context's handler go nowhere. */
static void camt_on_generic_error(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

/* ---- the read loop ---- */

static void camt_sax_init(xmlSAXHandler *sax)
{
    memset(sax, 0, sizeof(*sax));
    sax->initialized = XML_SAX2_MAGIC;
    sax->startElementNs = camt_on_start;
    sax->endElementNs = camt_on_end;
    sax->characters = camt_on_text;
    sax->cdataBlock = camt_on_text;
    sax->ignorableWhitespace = camt_on_text;
    sax->internalSubset = camt_on_doctype;
    sax->getEntity = camt_on_entity;
    sax->getParameterEntity = camt_on_entity;
    sax->serror = camt_on_error;
}

static vinn_err camt_parse(struct camt_state *st, FILE *fp,
                           const struct vinn_bank_read_options *options)
{
    bool eof = false;
    while (!eof && !st->failed) {
        size_t got = fread(st->in, 1, sizeof(st->in), fp);
        if (ferror(fp)) {
            return vinn_fail(st->error, VINN_E_IO, "file", "%s: cannot read the file", st->name);
        }
        eof = got < sizeof(st->in);
        if (got == 0 && st->bytes_read == 0) {
            return vinn_fail(st->error, VINN_E_BANK_EMPTY, "file", "%s is empty", st->name);
        }
        st->bytes_read += (long long)got;
        if (options->progress != NULL && (st->bytes_read >= st->progress_next || eof)) {
            options->progress(options->progress_ctx, st->bytes_read);
            st->progress_next = st->bytes_read + CAMT_PROGRESS_STEP;
        }
        (void)xmlParseChunk(st->ctxt, (const char *)st->in, (int)got, eof);
    }
    if (st->failed) {
        return st->result;
    }
    if (st->report_name == NULL) {
        return vinn_fail(st->error, VINN_E_BANK_STRUCTURE, "file",
                         "%s: Document holds no camt message", st->name);
    }
    return VINN_OK;
}

vinn_err vinn_camt_read(FILE *fp, const struct vinn_bank_read_options *options,
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
    const char *name = options->name != NULL ? options->name : "input";
    struct camt_state *st = calloc(1, sizeof(*st));
    if (st == NULL) {
        return vinn_fail(error, VINN_E_NO_MEMORY, "file", "%s: out of memory", name);
    }
    snprintf(st->name, sizeof(st->name), "%s", name);
    camt_utf8_fix(st->name);
    st->fn = fn;
    st->fn_ctx = ctx;
    st->info = info;
    st->error = error;
    st->progress_next = CAMT_PROGRESS_STEP;

    xmlInitParser();
    xmlGenericErrorFunc saved_generic = xmlGenericError;
    void *saved_generic_ctx = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(NULL, camt_on_generic_error);
    xmlSAXHandler sax;
    camt_sax_init(&sax);
    vinn_err rc = VINN_OK;
    st->ctxt = xmlCreatePushParserCtxt(&sax, st, NULL, 0, st->name);
    if (st->ctxt == NULL) {
        rc = vinn_fail(error, VINN_E_NO_MEMORY, "file", "%s: out of memory", st->name);
    } else {
        (void)xmlCtxtUseOptions(st->ctxt, XML_PARSE_NONET);
        rc = camt_parse(st, fp, options);
        xmlFreeParserCtxt(st->ctxt);
    }
    xmlSetGenericErrorFunc(saved_generic_ctx, saved_generic);
    free(st->digests);
    free(st);
    return rc;
}
