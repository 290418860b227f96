/* Tests of formats/ocr: the Nets OCR giro sample, the AvtaleGiro refusals,
 * and hand-made files for every rule of the reader. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "formats/bank.h"
#include "bank_test.h"

#ifndef VINN_SAMPLES
#define VINN_SAMPLES "../shared/samples"
#endif

/* ---- collecting entries ---- */

/* Read len bytes of text as file name through a temporary file. */
static vinn_err read_bytes(const char *name, const char *text, size_t len, const char *currency,
                           struct collect *c, struct vinn_bank_file_info *info,
                           struct vinn_error *error)
{
    FILE *fp = tmpfile();
    assert_non_null(fp);
    assert_int_equal(fwrite(text, 1, len, fp), len);
    rewind(fp);
    struct vinn_bank_read_options options = {.name = name, .currency = currency};
    vinn_error_clear(error);
    vinn_err rc = vinn_ocr_read(fp, &options, collect_fn, c, info, error);
    fclose(fp);
    return rc;
}

static vinn_err read_sample(const char *path, struct collect *c, struct vinn_bank_file_info *info,
                            struct vinn_error *error)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    const char *name = strrchr(path, '/') + 1;
    struct vinn_bank_read_options options = {.name = name};
    vinn_error_clear(error);
    vinn_err rc = vinn_ocr_read(fp, &options, collect_fn, c, info, error);
    fclose(fp);
    return rc;
}

/* ---- building OCR files ---- */

struct tx {
    int type;
    int64_t amount;
    const char *kid;
    const char *text;      /* item 3 (types 20, 21); NULL: none */
    const char *bank_date; /* DDMMYY or NULL for 000000 */
    char sign;             /* '0' unless set */
};

static void file_init(struct file *f)
{
    f->cap = 1 << 16;
    f->len = 0;
    f->data = malloc(f->cap);
    assert_non_null(f->data);
}

static void file_add(struct file *f, const char *eol, const char *fmt, ...)
{
    char rec[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(rec, sizeof(rec), fmt, ap);
    va_end(ap);
    assert_int_equal(n, 80);
    size_t need = 80 + strlen(eol);
    while (f->len + need + 1 > f->cap) {
        f->cap *= 2;
        f->data = realloc(f->data, f->cap);
        assert_non_null(f->data);
    }
    memcpy(f->data + f->len, rec, 80);
    memcpy(f->data + f->len + 80, eol, strlen(eol));
    f->len += need;
    f->data[f->len] = '\0';
}

#define ZEROS "000000000000000000000000000000000000000000000000000000000000"

/* A whole transmission of one assignment, totals computed (wrapping, so a
 * test of overflow can build its file). */
static void build(struct file *f, const struct tx *txs, size_t n, const char *eol)
{
    file_init(f);
    file_add(f, eol, "NY000010%s%s%s%.49s", "00008080", "0000042", "00012345", ZEROS);
    file_add(f, eol, "NY090020%s%s%s%.45s", "000123456", "0000017", "12345678903", ZEROS);
    long records = 2;
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        const struct tx *t = &txs[i];
        int no = (int)i + 1;
        file_add(f, eol, "NY09%02d30%07d%s%s%c%017lld%25s000000", t->type, no, "150324",
                 "1320101464", t->sign != 0 ? t->sign : '0', (long long)t->amount, t->kid);
        file_add(f, eol, "NY09%02d31%07d%s%s%s%s%s%.22s", t->type, no, "0000000000", "123456789",
                 "0000000", t->bank_date != NULL ? t->bank_date : "000000", "98765432109", ZEROS);
        records += 2;
        if (t->text != NULL) {
            file_add(f, eol, "NY09%02d32%07d%-40s%.25s", t->type, no, t->text, ZEROS);
            records++;
        }
        total += (uint64_t)t->amount;
    }
    total %= 100000000000000000ULL;
    file_add(f, eol, "NY090088%08zu%08ld%017llu%s%s%s%.21s", n, records, (unsigned long long)total,
             "150324", "150324", "150324", ZEROS);
    file_add(f, eol, "NY000089%08zu%08ld%017llu%s%.33s", n, records + 2, (unsigned long long)total,
             "150324", ZEROS);
}

/* Start of line (1-based) in f; lines are 80 bytes plus their end. */
/* Three transactions: a giro payment, a purchase with text and a reversal.
 * Lines: 1 start transmission, 2 start assignment, 3-4 tx 1, 5-7 tx 2,
 * 8-9 tx 3, 10 end assignment, 11 end transmission. */
static const struct tx base_txs[] = {
    {10, 100000, "1234567", NULL, "140324", 0},
    {21, 25000, "7654321", "Faktura 42", NULL, 0},
    {18, 5000, "1111111", NULL, NULL, 0},
};

static void build_base(struct file *f)
{
    build(f, base_txs, 3, "\n");
}

/* ---- the sample ---- */

static void test_sample_ocr_giro(void **state)
{
    (void)state;
    static const struct {
        long line;
        int64_t amount;
        const char *kid;
        const char *bank_ref;
        const char *payer_account;
        const char *batch; /* entry_id after the account and Nets date */
        int value_day;     /* of January 1992 */
    } want[] = {
        {3, 102000, "0000531", "099038562", "99990512341", "13201014640000001", 16},
        {6, 102000, "0036633", "097596016", "99991005524", "13201014640000002", 16},
        {8, 56000, "0048763", "097581675", "99991042764", "13201014640000003", 17},
        {10, 102000, "0063851", "097585760", "99991005524", "13201014640000004", 17},
        {12, 102000, "0120243", "097591579", "99990567898", "13201014640000005", 17},
        {14, 56000, "0165867", "097585109", "99991042764", "13201014640000006", 16},
        {16, 102000, "0178357", "097584855", "99991005524", "13201014640000007", 16},
        {18, 150000, "02212291038306", "600155380", "99999545528", "13201015700000008", 20},
        {20, 120000, "02311291038304", "001020169", "99991015406", "13201015700000009", 20},
        {22, 55000, "02310291038308", "220663800", "99991017530", "13201015700000010", 20},
        {24, 194300, "000149012", "600155211", "99990508034", "13202315700000011", 20},
        {26, 100000, "01211291038306", "001020169", "99990508034", "13202315700000012", 20},
        {28, 50000, "02111291038305", "032066370", "99990523084", "13202315700000013", 20},
        {30, 2050000, "02321291038303", "025066370", "99990510055", "13203355720000014", 20},
        {32, 550000, "02331291038302", "797489626", "99991011125", "13209415700000015", 20},
        {34, 1050000, "02341291038301", "028116370", "99999545528", "13209415700000016", 20},
        {36, 64400, "02358291038305", "280663800", "99999545528", "13209415700000017", 20},
        {38, 56400, "02311291029238", "091306714", "99991015406", "13209045140000018", 17},
        {40, 28800, "02311291034832", "097694999", "99991008034", "13209045140000019", 16},
        {42, 54000, "02311291133188", "091308861", "99991011125", "13209045140000020", 17},
    };
    enum { WANT = sizeof(want) / sizeof(want[0]) };
    struct collect *c = collect_new();
    struct vinn_bank_file_info info;
    struct vinn_error e;
    assert_int_equal(read_sample(VINN_SAMPLES "/nets/ocr_giro_transactions.txt", c, &info, &e),
                     VINN_OK);
    assert_int_equal(c->calls, WANT);
    assert_int_equal(info.format, VINN_BANK_OCR);
    assert_int_equal(info.version, 0);
    assert_int_equal(info.entries, WANT);
    assert_int_equal(info.skipped, 0);
    assert_string_equal(info.file_id, "000080800170031");
    assert_string_equal(info.account, "99991042764");
    /* The end records say 5144900 øre; the entries sum to it. */
    assert_int_equal(c->amount_sum, 5144900);
    for (size_t i = 0; i < WANT; i++) {
        const struct vinn_bank_entry *x = &c->entries[i];
        assert_int_equal(x->line, want[i].line);
        assert_int_equal(x->record, (long)i + 1);
        assert_int_equal(x->amount_minor, want[i].amount);
        assert_string_equal(x->currency, "NOK");
        assert_string_equal(x->reference, want[i].kid);
        assert_string_equal(x->bank_ref, want[i].bank_ref);
        assert_string_equal(x->payer_account, want[i].payer_account);
        char id[VINN_BANK_ID_MAX + 1];
        snprintf(id, sizeof(id), "ocr:%s%s%s", "99991042764", "200192", want[i].batch);
        assert_string_equal(x->entry_id, id);
        assert_int_equal(x->booking_date, D(1992, 1, 20));
        assert_int_equal(x->value_date, D(1992, 1, want[i].value_day));
        assert_true(x->credit);
        assert_false(x->reversal);
        assert_string_equal(x->payer_name, "");
        assert_string_equal(x->end_to_end, "");
        /* Only transaction 1 (type 21) has an amount item 3. */
        assert_string_equal(x->message, i == 0 ? "Foo bar baz" : "");
    }
    free(c);
}

/* Through vinn_bank_read and its detection, with a progress callback. */
static void progress_fn(void *ctx, long long bytes_read)
{
    *(long long *)ctx = bytes_read;
}

static void test_sample_through_bank_read(void **state)
{
    (void)state;
    FILE *fp = fopen(VINN_SAMPLES "/nets/ocr_giro_transactions.txt", "rb");
    assert_non_null(fp);
    long long progress = -1;
    struct vinn_bank_read_options options = {.name = "ocr.txt",
                                             .format = VINN_BANK_AUTO,
                                             .progress = progress_fn,
                                             .progress_ctx = &progress};
    struct collect *c = collect_new();
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_bank_read(fp, &options, collect_fn, c, NULL, &e), VINN_OK);
    fclose(fp);
    assert_int_equal(c->calls, 20);
    assert_int_equal(progress, 3645); /* the size of the file */
    free(c);
}

static void test_avtalegiro_refused(void **state)
{
    (void)state;
    static const struct {
        const char *path;
        const char *message;
    } cases[] = {
        {VINN_SAMPLES "/nets/avtalegiro_payment_request.txt",
         "avtalegiro_payment_request.txt line 2: service code 21 (AvtaleGiro) is not an OCR "
         "giro payment file"},
        {VINN_SAMPLES "/nets/avtalegiro_agreements.txt",
         "avtalegiro_agreements.txt line 2: service code 21 (AvtaleGiro) is not an OCR giro "
         "payment file"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct collect *c = collect_new();
        struct vinn_error e;
        assert_int_equal(read_sample(cases[i].path, c, NULL, &e), VINN_E_BANK_VERSION);
        assert_string_equal(e.message, cases[i].message);
        assert_string_equal(e.field, "service code");
        assert_int_equal(c->calls, 0);
        free(c);
    }
}

/* ---- hand-made files ---- */

static void test_base_file(void **state)
{
    (void)state;
    struct file f;
    build_base(&f);
    struct collect *c = collect_new();
    struct vinn_bank_file_info info;
    struct vinn_error e;
    assert_int_equal(read_bytes("t.txt", f.data, f.len, NULL, c, &info, &e), VINN_OK);
    assert_int_equal(c->calls, 3);
    assert_string_equal(info.file_id, "000080800000042");
    assert_string_equal(info.account, "12345678903");
    const struct vinn_bank_entry *x = c->entries;
    assert_int_equal(x[0].amount_minor, 100000);
    assert_string_equal(x[0].reference, "1234567");
    assert_int_equal(x[0].booking_date, D(2024, 3, 15));
    assert_int_equal(x[0].value_date, D(2024, 3, 14)); /* bank date */
    assert_string_equal(x[0].bank_ref, "123456789");
    assert_string_equal(x[0].payer_account, "98765432109");
    assert_string_equal(x[0].entry_id, "ocr:1234567890315032413201014640000001");
    assert_false(x[0].reversal);
    assert_int_equal(x[1].line, 5);
    assert_string_equal(x[1].message, "Faktura 42");
    assert_int_equal(x[1].value_date, D(2024, 3, 15)); /* no bank date: the Nets date */
    assert_false(x[1].reversal);
    /* Type 18 is a reversal: still a positive amount, and credit. */
    assert_int_equal(x[2].line, 8);
    assert_int_equal(x[2].amount_minor, 5000);
    assert_true(x[2].reversal);
    assert_true(x[2].credit);
    free(c);
    free(f.data);
}

/* CRLF, a last line without its end, and empty lines after the end all read
 * the same as plain LF. */
static void test_line_ends(void **state)
{
    (void)state;
    for (int variant = 0; variant < 4; variant++) {
        struct file f;
        build(&f, base_txs, 3, variant == 0 ? "\r\n" : "\n");
        if (variant == 1) {
            f.data[--f.len] = '\0'; /* no LF after the last record */
        }
        if (variant == 2) {
            memcpy(f.data + f.len, "\n\n", 3);
            f.len += 2;
        }
        if (variant == 3) {
            f.data[f.len - 1] = '\r'; /* CR alone at the very end */
        }
        struct collect *c = collect_new();
        struct vinn_error e;
        assert_int_equal(read_bytes("t.txt", f.data, f.len, NULL, c, NULL, &e), VINN_OK);
        assert_int_equal(c->calls, 3);
        assert_string_equal(c->entries[1].message, "Faktura 42");
        assert_int_equal(c->entries[2].line, 8);
        free(c);
        free(f.data);
    }
}

/* One patch of the base file and what it must give. */
static void test_patched_base(void **state)
{
    (void)state;
    static const struct {
        int line;
        int col;
        const char *text;
        vinn_err code;
        const char *field;
        const char *message; /* NULL: not compared */
        size_t calls;        /* entries handed out before the error */
    } cases[] = {
        /* Control records. */
        {10, 9, "00000004", VINN_E_BANK_CONTROL_TOTAL, "number of transactions",
         "t.txt line 10: end assignment says 4 transactions, the assignment has 3", 3},
        {10, 17, "00000010", VINN_E_BANK_CONTROL_TOTAL, "number of records",
         "t.txt line 10: end assignment says 10 records, the assignment has 9", 3},
        {10, 25, "00000000000130001", VINN_E_BANK_CONTROL_TOTAL, "total amount",
         "t.txt line 10: end assignment says a total of 130001 øre, the assignment has 130000 "
         "øre",
         3},
        {11, 9, "00000002", VINN_E_BANK_CONTROL_TOTAL, "number of transactions",
         "t.txt line 11: end transmission says 2 transactions, the transmission has 3", 3},
        {11, 17, "00000012", VINN_E_BANK_CONTROL_TOTAL, "number of records",
         "t.txt line 11: end transmission says 12 records, the transmission has 11", 3},
        {11, 25, "00000000000129999", VINN_E_BANK_CONTROL_TOTAL, "total amount",
         "t.txt line 11: end transmission says a total of 129999 øre, the transmission has "
         "130000 øre",
         3},
        {10, 9, "0000000x", VINN_E_BANK_RECORD, "number of transactions",
         "t.txt line 10: number of transactions '0000000x' is not a number", 3},
        {10, 42, "320324", VINN_E_BANK_DATE, "Nets date", NULL, 3},
        /* Fields. */
        {3, 45, "x", VINN_E_BANK_RECORD, "amount",
         "t.txt line 3: amount '000000000001x0000' is not a number", 0},
        {3, 16, "300224", VINN_E_BANK_DATE, "Nets date",
         "t.txt line 3: Nets date '300224' is not a date", 0},
        {3, 16, "3102a4", VINN_E_BANK_RECORD, "Nets date", NULL, 0},
        {4, 42, "310424", VINN_E_BANK_DATE, "bank date", NULL, 0},
        {3, 73, "A", VINN_E_BANK_RECORD, "KID",
         "t.txt line 3: KID '                  12345A7' holds 'A': only digits and '-' are "
         "allowed",
         0},
        {3, 32, "+", VINN_E_BANK_RECORD, "sign", "t.txt line 3: sign '+' is neither '0' nor '-'",
         0},
        {3, 22, "x", VINN_E_BANK_RECORD, "settlement", NULL, 0},
        {3, 9, "000000A", VINN_E_BANK_RECORD, "transaction number", NULL, 0},
        {4, 48, "9876543210x", VINN_E_BANK_RECORD, "debit account", NULL, 0},
        {4, 26, "12345678x", VINN_E_BANK_RECORD, "archive reference", NULL, 0},
        {2, 25, "1234567890x", VINN_E_BANK_RECORD, "assignment account", NULL, 0},
        {1, 17, "000004x", VINN_E_BANK_RECORD, "transmission number", NULL, 0},
        /* Record types. */
        {3, 5, "22", VINN_E_BANK_RECORD, "transaction type",
         "t.txt line 3: transaction type 22 is not an OCR giro type (10 to 21)", 0},
        {2, 1, "XY", VINN_E_BANK_RECORD, "format code",
         "t.txt line 2: record starts with 'XY', not 'NY': not an OCR giro record", 0},
        {2, 7, "49", VINN_E_BANK_RECORD, "record type",
         "t.txt line 2: record 'NY090049' is not an OCR giro record", 0},
        {2, 3, "0x", VINN_E_BANK_RECORD, "record type", NULL, 0},
        {2, 3, "21", VINN_E_BANK_VERSION, "service code",
         "t.txt line 2: service code 21 (AvtaleGiro) is not an OCR giro payment file", 0},
        {3, 3, "42", VINN_E_BANK_VERSION, "service code",
         "t.txt line 3: service code 42 is not an OCR giro payment file", 0},
        /* Structure. */
        {4, 9, "0000009", VINN_E_BANK_STRUCTURE, "transaction number",
         "t.txt line 4: amount item 2 has transaction number '0000009', its amount item 1 has "
         "'0000001'",
         0},
        {4, 5, "11", VINN_E_BANK_STRUCTURE, "transaction type",
         "t.txt line 4: amount item 2 has transaction type 11, its amount item 1 has 10", 0},
        {7, 9, "0000003", VINN_E_BANK_STRUCTURE, "transaction number", NULL, 1},
        {1, 7, "20", VINN_E_BANK_RECORD, "record type", NULL, 0},
        {1, 1, "NY090020", VINN_E_BANK_STRUCTURE, "record type",
         "t.txt line 1: start assignment before the start transmission", 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct file f;
        build_base(&f);
        patch(&f, cases[i].line, cases[i].col, cases[i].text);
        struct collect *c = collect_new();
        struct vinn_error e;
        vinn_err rc = read_bytes("t.txt", f.data, f.len, NULL, c, NULL, &e);
        if (rc != cases[i].code) {
            fail_msg("case %zu: %d (%s)", i, rc, e.message);
        }
        assert_string_equal(e.field, cases[i].field);
        if (cases[i].message != NULL) {
            assert_string_equal(e.message, cases[i].message);
        }
        assert_int_equal(c->calls, cases[i].calls);
        free(c);
        free(f.data);
    }
}

/* Item 3 of a transaction type without one; item 3 of type 20. */
static void test_item3_types(void **state)
{
    (void)state;
    struct file f;
    build_base(&f);
    for (int line = 5; line <= 7; line++) {
        patch(&f, line, 5, "10");
    }
    struct collect *c = collect_new();
    struct vinn_error e;
    assert_int_equal(read_bytes("t.txt", f.data, f.len, NULL, c, NULL, &e), VINN_E_BANK_STRUCTURE);
    assert_string_equal(e.message, "t.txt line 7: amount item 3 for transaction type 10: only "
                                   "types 20 and 21 have one");
    free(c);
    free(f.data);

    /* Type 20, a reversal with free text; a '-' sign also reverses. */
    static const struct tx txs[] = {
        {20, 700, "", "Retur", NULL, 0},
        {10, 800, "99", NULL, NULL, '-'},
    };
    build(&f, txs, 2, "\n");
    c = collect_new();
    assert_int_equal(read_bytes("t.txt", f.data, f.len, NULL, c, NULL, &e), VINN_OK);
    assert_int_equal(c->calls, 2);
    assert_true(c->entries[0].reversal);
    assert_string_equal(c->entries[0].message, "Retur");
    assert_string_equal(c->entries[0].reference, "");
    assert_true(c->entries[1].reversal);
    assert_string_equal(c->entries[1].reference, "99");
    free(c);
    free(f.data);
}

/* Transaction numbers start at 1 in each assignment: the assignment
 * account keeps the entry ids apart; info names the first account. */
static void test_two_assignments(void **state)
{
    (void)state;
    struct file f;
    file_init(&f);
    const char *eol = "\n";
    file_add(&f, eol, "NY000010%s%s%s%.49s", "00008080", "0000042", "00012345", ZEROS);
    static const char *const accounts[] = {"12345678903", "98765432100"};
    for (int a = 0; a < 2; a++) {
        file_add(&f, eol, "NY090020%s%s%s%.45s", "000123456", "0000017", accounts[a], ZEROS);
        file_add(&f, eol, "NY091030%07d%s%s0%017lld%25s000000", 1, "150324", "1320101464",
                 (long long)(a + 1) * 100, "42");
        file_add(&f, eol, "NY091031%07d%s%s%s%s%s%.22s", 1, "0000000000", "123456789", "0000000",
                 "000000", "98765432109", ZEROS);
        file_add(&f, eol, "NY090088%08d%08d%017lld%s%s%s%.21s", 1, 4, (long long)(a + 1) * 100,
                 "150324", "150324", "150324", ZEROS);
    }
    file_add(&f, eol, "NY000089%08d%08d%017lld%s%.33s", 2, 10, 300LL, "150324", ZEROS);
    struct collect *c = collect_new();
    struct vinn_bank_file_info info;
    struct vinn_error e;
    assert_int_equal(read_bytes("t.txt", f.data, f.len, NULL, c, &info, &e), VINN_OK);
    assert_int_equal(c->calls, 2);
    assert_string_equal(c->entries[0].entry_id, "ocr:123456789031503241320101464"
                                                "0000001");
    assert_string_equal(c->entries[1].entry_id, "ocr:987654321001503241320101464"
                                                "0000001");
    assert_int_equal(c->entries[1].line, 7);
    assert_int_equal(c->entries[1].amount_minor, 200);
    assert_string_equal(info.account, "12345678903");
    free(c);
    free(f.data);
}

/* Lines removed, added or cut: the structure and the record length. */
static void test_structure(void **state)
{
    (void)state;
    static const struct {
        int first, last;  /* lines dropped; 0: none */
        const char *tail; /* bytes appended after the file */
        vinn_err code;
        const char *message;
    } cases[] = {
        {10, 11, NULL, VINN_E_BANK_STRUCTURE,
         "t.txt line 9: file ends without its end transmission (NY000089)"},
        {11, 11, NULL, VINN_E_BANK_STRUCTURE,
         "t.txt line 10: file ends without its end transmission (NY000089)"},
        {2, 2, NULL, VINN_E_BANK_STRUCTURE,
         "t.txt line 2: amount item 1 without a preceding start assignment"},
        {4, 4, NULL, VINN_E_BANK_STRUCTURE,
         "t.txt line 4: amount item 1 follows amount item 1 of transaction 0000001 without its "
         "amount item 2"},
        {9, 9, NULL, VINN_E_BANK_STRUCTURE,
         "t.txt line 9: end assignment before amount item 2 of transaction 0000003"},
        {3, 3, NULL, VINN_E_BANK_STRUCTURE,
         "t.txt line 3: amount item 2 without its amount item 1"},
        {10, 10, NULL, VINN_E_BANK_STRUCTURE,
         "t.txt line 10: end transmission inside the assignment of line 2: it has no end "
         "assignment"},
        {1, 1, NULL, VINN_E_BANK_STRUCTURE,
         "t.txt line 1: start assignment before the start transmission"},
        {0, 0, "NY000010000080800000043000123450000000000000000000000000000000000000000000000000\n",
         VINN_E_BANK_STRUCTURE,
         "t.txt line 12: record after the end transmission: a file holds one transmission"},
        {0, 0, "\n\nNY00", VINN_E_BANK_RECORD, "t.txt line 12: empty line inside the file"},
        {0, 0, "NY00\n", VINN_E_BANK_RECORD, "t.txt line 12: record is 4 characters long, not 80"},
        {0, 0, "\n\n\n", VINN_OK, NULL},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct file f;
        build_base(&f);
        if (cases[i].first != 0) {
            drop_lines(&f, cases[i].first, cases[i].last);
        }
        if (cases[i].tail != NULL) {
            size_t n = strlen(cases[i].tail);
            memcpy(f.data + f.len, cases[i].tail, n + 1);
            f.len += n;
        }
        struct collect *c = collect_new();
        struct vinn_error e;
        vinn_err rc = read_bytes("t.txt", f.data, f.len, NULL, c, NULL, &e);
        if (rc != cases[i].code) {
            fail_msg("case %zu: %d (%s)", i, rc, e.message);
        }
        if (cases[i].message != NULL) {
            assert_string_equal(e.message, cases[i].message);
        }
        free(c);
        free(f.data);
    }
}

static void test_line_lengths(void **state)
{
    (void)state;
    /* A record one short (79) and one long (81). */
    struct file f;
    build_base(&f);
    char *line3 = line_at(&f, 3);
    memmove(line3 + 79, line3 + 80, f.len - (size_t)(line3 + 80 - f.data) + 1);
    f.len--;
    struct collect *c = collect_new();
    struct vinn_error e;
    assert_int_equal(read_bytes("t.txt", f.data, f.len, NULL, c, NULL, &e), VINN_E_BANK_RECORD);
    assert_string_equal(e.message, "t.txt line 3: record is 79 characters long, not 80");
    assert_string_equal(e.field, "record");
    free(c);
    free(f.data);

    build_base(&f);
    line3 = line_at(&f, 3);
    memmove(line3 + 81, line3 + 80, f.len - (size_t)(line3 + 80 - f.data) + 1);
    line3[80] = '0';
    f.len++;
    c = collect_new();
    assert_int_equal(read_bytes("t.txt", f.data, f.len, NULL, c, NULL, &e), VINN_E_BANK_RECORD);
    assert_string_equal(e.message, "t.txt line 3: record is 81 characters long, not 80");
    free(c);
    free(f.data);

    /* A very long line is counted, not kept. */
    size_t big = 100000;
    char *data = malloc(big + 1);
    assert_non_null(data);
    memset(data, 'N', big);
    c = collect_new();
    assert_int_equal(read_bytes("t.txt", data, big, NULL, c, NULL, &e), VINN_E_BANK_RECORD);
    assert_string_equal(e.message, "t.txt line 1: record is 100000 characters long, not 80");
    free(c);
    free(data);
}

static void test_empty_and_control_only(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        vinn_err code;
        const char *message;
    } cases[] = {
        {"", VINN_E_BANK_EMPTY, "e.txt is empty"},
        {"\n\n\r\n", VINN_E_BANK_EMPTY, "e.txt is empty"},
        {"NY000010000080800000042000123450000000000000000000000000000000000000000000000000\n"
         "NY000089000000000000000200000000000000000150324000000000000000000000000000000000\n",
         VINN_OK, NULL},
        {"NY000010000080800000042000123450000000000000000000000000000000000000000000000000\n"
         "NY090020000123456000001712345678903000000000000000000000000000000000000000000000\n"
         "NY090088000000000000000200000000000000000150324000000000000000000000000000000000\n"
         "NY000089000000000000000400000000000000000150324000000000000000000000000000000000",
         VINN_OK, NULL},
        {"NY000010000080800000042000123450000000000000000000000000000000000000000000000000\n"
         "NY000089000000000000000300000000000000000150324000000000000000000000000000000000\n",
         VINN_E_BANK_CONTROL_TOTAL,
         "e.txt line 2: end transmission says 3 records, the transmission has 2"},
        {"NY000010000080800000042000123450000000000000000000000000000000000000000000000000\n",
         VINN_E_BANK_STRUCTURE, "e.txt line 1: file ends without its end transmission (NY000089)"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct collect *c = collect_new();
        struct vinn_bank_file_info info;
        struct vinn_error e;
        vinn_err rc = read_bytes("e.txt", cases[i].text, strlen(cases[i].text), NULL, c, &info, &e);
        if (rc != cases[i].code) {
            fail_msg("case %zu: %d (%s)", i, rc, e.message);
        }
        if (cases[i].message != NULL) {
            assert_string_equal(e.message, cases[i].message);
        }
        assert_int_equal(c->calls, 0);
        if (rc == VINN_OK) {
            assert_int_equal(info.entries, 0);
            assert_string_equal(info.file_id, "000080800000042");
        }
        free(c);
    }
}

/* 17 digits of 9 fit int64_t exactly; 93 of them overflow the sum. */
static void test_huge_amounts(void **state)
{
    (void)state;
    static const int64_t max17 = 99999999999999999;
    struct tx one[] = {{10, max17, "1", NULL, NULL, 0}};
    struct file f;
    build(&f, one, 1, "\n");
    struct collect *c = collect_new();
    struct vinn_error e;
    assert_int_equal(read_bytes("t.txt", f.data, f.len, NULL, c, NULL, &e), VINN_OK);
    assert_int_equal(c->calls, 1);
    assert_int_equal(c->entries[0].amount_minor, max17);
    free(c);
    free(f.data);

    enum { N = 93 };
    struct tx many[N];
    for (size_t i = 0; i < N; i++) {
        many[i] = (struct tx){10, max17, "1", NULL, NULL, 0};
    }
    build(&f, many, N, "\n");
    c = collect_new();
    assert_int_equal(read_bytes("t.txt", f.data, f.len, NULL, c, NULL, &e), VINN_E_BANK_AMOUNT);
    /* 92 fit (9.2e18 < INT64_MAX); the 93rd (line 2 + 2 * 92 + 1) does not. */
    assert_string_equal(e.message, "t.txt line 187: the amounts add up to more than vinn can hold");
    assert_int_equal(c->calls, 92);
    free(c);
    free(f.data);
}

/* Dates: the century window and impossible days. */
static void test_dates(void **state)
{
    (void)state;
    static const struct {
        const char *date;
        vinn_err code;
        int y, m, d;
    } cases[] = {
        {"010180", VINN_OK, 1980, 1, 1},       {"311299", VINN_OK, 1999, 12, 31},
        {"010100", VINN_OK, 2000, 1, 1},       {"311279", VINN_OK, 2079, 12, 31},
        {"290200", VINN_OK, 2000, 2, 29},      {"290224", VINN_OK, 2024, 2, 29},
        {"290223", VINN_E_BANK_DATE, 0, 0, 0}, {"300200", VINN_E_BANK_DATE, 0, 0, 0},
        {"000124", VINN_E_BANK_DATE, 0, 0, 0}, {"011324", VINN_E_BANK_DATE, 0, 0, 0},
        {"310424", VINN_E_BANK_DATE, 0, 0, 0}, {"320124", VINN_E_BANK_DATE, 0, 0, 0},
        {"010024", VINN_E_BANK_DATE, 0, 0, 0}, {" 10124", VINN_E_BANK_RECORD, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct file f;
        build_base(&f);
        patch(&f, 3, 16, cases[i].date);
        struct collect *c = collect_new();
        struct vinn_error e;
        vinn_err rc = read_bytes("t.txt", f.data, f.len, NULL, c, NULL, &e);
        if (rc != cases[i].code) {
            fail_msg("case %zu '%s': %d (%s)", i, cases[i].date, rc, e.message);
        }
        if (rc == VINN_OK) {
            assert_int_equal(c->entries[0].booking_date, D(cases[i].y, cases[i].m, cases[i].d));
        }
        free(c);
        free(f.data);
    }
}

/* ISO-8859-1 free text comes out as UTF-8; zeros in item 2 mean none; a
 * zero amount is skipped; the currency option. */
static void test_texts_zeros_currency(void **state)
{
    (void)state;
    static const struct tx txs[] = {
        {21, 1500, "  12 34 ", "\xC5kesson \xF8l \xE6 \xE5", NULL, 0},
        {20, 900, "7",
         "Retur\x01"
         "av\x7F\x85\x7F",
         NULL, 0},
        {10, 0, "5", NULL, NULL, 0},
        {10, 2500, "6", NULL, NULL, 0},
    };
    struct file f;
    build(&f, txs, 4, "\r\n");
    /* No archive reference and no debit account in transaction 4. */
    patch(&f, 12, 26, "000000000");
    patch(&f, 12, 48, "00000000000");
    struct collect *c = collect_new();
    struct vinn_bank_file_info info;
    struct vinn_error e;
    assert_int_equal(read_bytes("t.txt", f.data, f.len, "SEK", c, &info, &e), VINN_OK);
    assert_int_equal(c->calls, 3);
    assert_int_equal(info.entries, 3);
    assert_int_equal(info.skipped, 1);
    assert_string_equal(c->entries[0].message, "\xC3\x85kesson \xC3\xB8l \xC3\xA6 \xC3\xA5");
    assert_string_equal(c->entries[0].reference, "1234");
    assert_string_equal(c->entries[0].currency, "SEK");
    /* Control characters (C0, DEL, C1) are spaces, trimmed at the ends. */
    assert_string_equal(c->entries[1].message, "Retur av");
    assert_int_equal(c->entries[2].amount_minor, 2500);
    assert_int_equal(c->entries[2].record, 3);
    assert_string_equal(c->entries[2].bank_ref, "");
    assert_string_equal(c->entries[2].payer_account, "");
    assert_string_equal(c->entries[2].entry_id, "ocr:123456789031503241320101464"
                                                "0000004");
    free(c);

    c = collect_new();
    assert_int_equal(read_bytes("t.txt", f.data, f.len, "XYZ", c, &info, &e),
                     VINN_E_CURRENCY_UNKNOWN);
    assert_int_equal(c->calls, 0);
    free(c);
    free(f.data);
}

/* The callback's error stops the read and comes back unchanged. */
static void test_callback_error(void **state)
{
    (void)state;
    struct file f;
    build_base(&f);
    struct collect *c = collect_new();
    c->fail_at = 2;
    c->fail_code = VINN_E_USAGE;
    struct vinn_bank_file_info info;
    struct vinn_error e;
    assert_int_equal(read_bytes("t.txt", f.data, f.len, NULL, c, &info, &e), VINN_E_USAGE);
    assert_int_equal(c->calls, 2);
    assert_int_equal(e.code, VINN_OK); /* the callback set nothing; nor did the reader */
    free(c);
    free(f.data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_ocr_giro),
        cmocka_unit_test(test_sample_through_bank_read),
        cmocka_unit_test(test_avtalegiro_refused),
        cmocka_unit_test(test_base_file),
        cmocka_unit_test(test_line_ends),
        cmocka_unit_test(test_patched_base),
        cmocka_unit_test(test_item3_types),
        cmocka_unit_test(test_two_assignments),
        cmocka_unit_test(test_structure),
        cmocka_unit_test(test_line_lengths),
        cmocka_unit_test(test_empty_and_control_only),
        cmocka_unit_test(test_huge_amounts),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_texts_zeros_currency),
        cmocka_unit_test(test_callback_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
