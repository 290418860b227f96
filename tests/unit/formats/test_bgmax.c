/* Tests of formats/bgmax: the Bankgirot samples, the fragments, and
 * hand-made files for every rule of the reader. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "core/date.h"
#include "formats/bank.h"
#include "bank_test.h"

#ifndef VINN_SAMPLES
#define VINN_SAMPLES "../shared/samples"
#endif

/* ---- collecting entries ---- */

static vinn_err read_fp(FILE *fp, const char *name, struct collect *c,
                        struct vinn_bank_file_info *info, struct vinn_error *error)
{
    struct vinn_bank_read_options options = {.name = name};
    vinn_error_clear(error);
    return vinn_bgmax_read(fp, &options, collect_fn, c, info, error);
}

/* Read len bytes of text through a temporary file. */
static vinn_err read_bytes(const char *text, size_t len, struct collect *c,
                           struct vinn_bank_file_info *info, struct vinn_error *error)
{
    FILE *fp = tmpfile();
    assert_non_null(fp);
    assert_int_equal(fwrite(text, 1, len, fp), len);
    rewind(fp);
    vinn_err rc = read_fp(fp, "b.txt", c, info, error);
    fclose(fp);
    return rc;
}

static vinn_err read_sample(const char *path, struct collect *c, struct vinn_bank_file_info *info,
                            struct vinn_error *error)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    vinn_err rc = read_fp(fp, strrchr(path, '/') + 1, c, info, error);
    fclose(fp);
    return rc;
}

/* ---- the samples ---- */

struct want {
    long line;
    int64_t amount;
    const char *currency;
    const char *reference;
    const char *message;
    const char *payer_name;
    const char *payer_account;
    const char *entry_id;
};

static void check_entries(const struct collect *c, const struct want *want, size_t n)
{
    assert_int_equal(c->calls, n);
    for (size_t i = 0; i < n; i++) {
        const struct vinn_bank_entry *x = &c->entries[i];
        assert_int_equal(x->line, want[i].line);
        assert_int_equal(x->record, (long)i + 1);
        assert_int_equal(x->amount_minor, want[i].amount);
        assert_string_equal(x->currency, want[i].currency);
        assert_string_equal(x->reference, want[i].reference);
        assert_string_equal(x->message, want[i].message);
        assert_string_equal(x->payer_name, want[i].payer_name);
        assert_string_equal(x->payer_account, want[i].payer_account);
        assert_string_equal(x->entry_id, want[i].entry_id);
        /* The BGC serial number is the last part of the id. */
        assert_string_equal(x->bank_ref, strrchr(want[i].entry_id, ':') + 1);
        assert_int_equal(x->booking_date, D(2004, 5, 25));
        assert_int_equal(x->value_date, D(2004, 5, 25));
        assert_true(x->credit);
        assert_false(x->reversal);
        for (size_t j = 0; j < i; j++) {
            assert_string_not_equal(x->entry_id, c->entries[j].entry_id);
        }
    }
}

#define KALLE "Kalles Pl\xC3\xA5t AB"
#define OLLE  "Olles f\xC3\xA4rg AB"

static void test_sample_bgmaxfil4(void **state)
{
    (void)state;
    static const struct want want[] = {
        /* Deposit 00056: no reference in the TK20; the first TK22 gives it, the
         * other three and both TK25 texts go to the message. */
        {3, 180000, "SEK", "665760",
         "665869 665661 657775 Betalning med extra refnr 665869 657775 665661 665760", KALLE,
         "3783511", "bgmax:0009912346:20040525:00056:000120000018"},
        {14, 190000, "SEK", "524967", "", OLLE, "97012333",
         "bgmax:0009912346:20040525:00056:000000000019"},
        /* Deposit 00057. */
        {21, 200000, "SEK", "573964", "573865", "Berits Garn", "1234567",
         "bgmax:0009912346:20040525:00057:000000000020"},
        /* Deposit 00058: a payment from bankgiro zero (none); a TK22 with
         * code 5 and a negative TK23 go to the message. */
        {30, 50000, "SEK", "525865", "", OLLE, "97012333",
         "bgmax:0009912346:20040525:00058:000000000021"},
        {35, 50000, "SEK", "525766", "", "Berits Garn", "1234567",
         "bgmax:0009912346:20040525:00058:000000000022"},
        {40, 50000, "SEK", "535765", "", "", "", "bgmax:0009912346:20040525:00058:000000000023"},
        {41, 140000, "SEK", "7495575", "695668 8988777 -74450", KALLE, "3783511",
         "bgmax:0009912346:20040525:00058:000000000030"},
        /* Deposit 00059 in EUR: a TK20 reference with code 3 is text; the
         * serial numbers 18 and 19 repeat those of deposit 00056. */
        {52, 300000, "EUR", "8012577", "8012577,8013575 8013575 8014573 Faktura8014573", OLLE,
         "97012333", "bgmax:0009912346:20040525:00059:000000000018"},
        {61, 100000, "EUR", "525766", "", "Berits Garn", "1234567",
         "bgmax:0009912346:20040525:00059:000000000019"},
    };
    struct collect *c = collect_new();
    struct vinn_bank_file_info info;
    struct vinn_error e;
    assert_int_equal(read_sample(VINN_SAMPLES "/bgmax/BgMaxfil4.txt", c, &info, &e), VINN_OK);
    check_entries(c, want, sizeof(want) / sizeof(want[0]));
    assert_int_equal(info.format, VINN_BANK_BGMAX);
    assert_int_equal(info.version, 1);
    assert_string_equal(info.file_id, "20040525173035010331");
    assert_string_equal(info.account, "9912346");
    assert_int_equal(info.entries, 9);
    assert_int_equal(info.skipped, 0);
    free(c);
}

static void test_sample_minimal(void **state)
{
    (void)state;
    static const struct want want[] = {
        {3, 110000, "SEK", "650861", "", "", "97012333",
         "bgmax:0009912346:20040525:00074:000000000012"},
    };
    struct collect *c = collect_new();
    struct vinn_bank_file_info info;
    struct vinn_error e;
    assert_int_equal(read_sample(VINN_SAMPLES "/bgmax/minimal.txt", c, &info, &e), VINN_OK);
    check_entries(c, want, 1);
    assert_string_equal(info.file_id, "20040525173035010331");
    assert_string_equal(info.account, "9912346");
    free(c);
}

/* The fragments have no start record: they are not files we can check, so
 * they are refused as a structure error at their first line. */
static void test_sample_fragments(void **state)
{
    (void)state;
    static const struct {
        const char *path;
        const char *message;
    } cases[] = {
        {VINN_SAMPLES "/bgmax/isolated_payment.txt",
         "isolated_payment.txt line 1: payment (TK20) before the start record (TK01): not a "
         "whole BgMax file"},
        {VINN_SAMPLES "/bgmax/isolated_deposit.txt",
         "isolated_deposit.txt line 1: deposit start (TK05) before the start record (TK01): not "
         "a whole BgMax file"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct collect *c = collect_new();
        struct vinn_error e;
        assert_int_equal(read_sample(cases[i].path, c, NULL, &e), VINN_E_BANK_STRUCTURE);
        assert_string_equal(e.message, cases[i].message);
        assert_int_equal(c->calls, 0);
        free(c);
    }
}

/* The samples through vinn_bank_read and its detection. */
static void test_sample_through_bank_read(void **state)
{
    (void)state;
    FILE *fp = fopen(VINN_SAMPLES "/bgmax/BgMaxfil4.txt", "rb");
    assert_non_null(fp);
    struct vinn_bank_read_options options = {.name = "b.txt", .format = VINN_BANK_AUTO};
    struct collect *c = collect_new();
    struct vinn_bank_file_info info;
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_bank_read(fp, &options, collect_fn, c, &info, &e), VINN_OK);
    fclose(fp);
    assert_int_equal(c->calls, 9);
    assert_int_equal(info.format, VINN_BANK_BGMAX);
    free(c);
}

/* ---- building BgMax files ---- */

static void file_init(struct file *f)
{
    f->cap = 1 << 12;
    f->len = 0;
    f->data = malloc(f->cap);
    assert_non_null(f->data);
    f->data[0] = '\0';
}

static void file_append(struct file *f, const char *bytes, size_t n)
{
    while (f->len + n + 1 > f->cap) {
        f->cap *= 2;
        f->data = realloc(f->data, f->cap);
        assert_non_null(f->data);
    }
    memcpy(f->data + f->len, bytes, n);
    f->len += n;
    f->data[f->len] = '\0';
}

/* One record, blank-filled to 80, with CRLF. */
static void add(struct file *f, const char *fmt, ...)
{
    char rec[128];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(rec, sizeof(rec), fmt, ap);
    va_end(ap);
    assert_true(n <= 80);
    char line[83];
    snprintf(line, sizeof(line), "%-80s\r\n", rec);
    file_append(f, line, 82);
}

/* TK20 to TK23: payer bankgiro, reference (right-aligned for code 2),
 * amount, reference code, channel 1, serial, image flag 0, deduction code. */
static void add_payment(struct file *f, const char *tk, const char *payer, const char *ref,
                        int64_t amount, char code, int serial, char deduction)
{
    if (code == '2') {
        add(f, "%s%s%25s%018lld%c1%012d0%c", tk, payer, ref, (long long)amount, code, serial,
            deduction);
    } else {
        add(f, "%s%s%-25s%018lld%c1%012d0%c", tk, payer, ref, (long long)amount, code, serial,
            deduction);
    }
}

static void add_deposit_end(struct file *f, const char *date, int64_t amount, int count)
{
    add(f, "15%035d%s%s%018lld%s%08d ", 58410000, date, "00007", (long long)amount, "SEK", count);
}

/* Lines: 1 TK01, 2 TK05, 3 TK20 + 4 TK26 + 5 TK27, 6 TK20 + 7, 8 TK22 +
 * 9 TK23 + 10 TK25, 11 TK21, 12 TK15, 13 TK70. */
static void build_base(struct file *f)
{
    file_init(f);
    add(f, "01BGMAX               0120240131101500123456P");
    add(f, "050001234566          SEK");
    add_payment(f, "20", "0005555555", "4711002", 12500, '2', 101, ' ');
    add(f, "26%-35s%-35s", "\xC5kesson Bygg AB", "c/o Berg");
    add(f, "27%-35s%-9s", "Storgatan 1", "12345");
    add_payment(f, "20", "0000000000", "", 30000, '0', 102, ' ');
    add_payment(f, "22", "0000000000", "8800001", 20000, '2', 102, ' ');
    add_payment(f, "22", "0000000000", "8800002", 15000, '2', 102, ' ');
    add_payment(f, "23", "0000000000", "8800003", 5000, '2', 102, ' ');
    add(f, "25%-50s", "Faktura 8800001 och 8800002");
    add_payment(f, "21", "0005555555", "CN-77", 2500, '3', 103, '1');
    add_deposit_end(f, "20240131", 40000, 3);
    add(f, "70%08d%08d%08d%08d", 2, 1, 3, 1);
}

static void check_base_entries(const struct collect *c)
{
    assert_int_equal(c->calls, 3);
    const struct vinn_bank_entry *x = c->entries;
    assert_int_equal(x[0].line, 3);
    assert_int_equal(x[0].amount_minor, 12500);
    assert_string_equal(x[0].reference, "4711002");
    assert_string_equal(x[0].payer_name, "\xC3\x85kesson Bygg AB c/o Berg");
    assert_string_equal(x[0].payer_account, "5555555");
    assert_string_equal(x[0].entry_id, "bgmax:0001234566:20240131:00007:000000000101");
    assert_int_equal(x[0].booking_date, D(2024, 1, 31));
    assert_true(x[0].credit);
    assert_int_equal(x[1].line, 6);
    assert_int_equal(x[1].amount_minor, 30000);
    assert_string_equal(x[1].reference, "8800001");
    assert_string_equal(x[1].message, "8800002 -8800003 Faktura 8800001 och 8800002");
    assert_string_equal(x[1].payer_account, "");
    assert_string_equal(x[1].payer_name, "");
    /* The deduction: its own entry, credit = false, text reference. */
    assert_int_equal(x[2].line, 11);
    assert_int_equal(x[2].amount_minor, 2500);
    assert_false(x[2].credit);
    assert_false(x[2].reversal);
    assert_string_equal(x[2].reference, "");
    assert_string_equal(x[2].message, "CN-77");
    assert_string_equal(x[2].bank_ref, "000000000103");
    for (size_t i = 0; i < 3; i++) {
        assert_string_equal(x[i].currency, "SEK");
        assert_int_equal(x[i].value_date, D(2024, 1, 31));
    }
}

static void test_base_file(void **state)
{
    (void)state;
    struct file f;
    build_base(&f);
    struct collect *c = collect_new();
    struct vinn_bank_file_info info;
    struct vinn_error e;
    assert_int_equal(read_bytes(f.data, f.len, c, &info, &e), VINN_OK);
    check_base_entries(c);
    assert_string_equal(info.account, "1234566");
    assert_string_equal(info.file_id, "20240131101500123456");
    free(c);
    free(f.data);
}

/* LF line ends, trailing blanks cut (Bankgirot's own examples do), no end
 * after the last line, empty lines after the end: all read the same. */
static void test_line_forms(void **state)
{
    (void)state;
    for (int variant = 0; variant < 4; variant++) {
        struct file f;
        build_base(&f);
        struct file g;
        file_init(&g);
        for (const char *p = f.data; *p != '\0';) {
            const char *end = strchr(p, '\r');
            size_t n = (size_t)(end - p);
            if (variant == 1) {
                while (n > 0 && p[n - 1] == ' ') {
                    n--;
                }
            }
            file_append(&g, p, n);
            file_append(&g, variant == 0 ? "\n" : "\r\n", variant == 0 ? 1 : 2);
            p = end + 2;
        }
        if (variant == 2) {
            g.len -= 2; /* no CRLF after the end record */
        }
        if (variant == 3) {
            file_append(&g, "\r\n\r\n", 4);
        }
        struct collect *c = collect_new();
        struct vinn_error e;
        assert_int_equal(read_bytes(g.data, g.len, c, NULL, &e), VINN_OK);
        check_base_entries(c);
        free(c);
        free(f.data);
        free(g.data);
    }
}

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
        size_t calls;
    } cases[] = {
        /* Control records. */
        {12, 72, "00000004", VINN_E_BANK_CONTROL_TOTAL, "number of payments",
         "b.txt line 12: deposit end says 4 payments, the deposit has 3", 0},
        {12, 51, "000000000000040001", VINN_E_BANK_CONTROL_TOTAL, "deposit amount",
         "b.txt line 12: deposit end says 40001 öre, the payments less deductions are 40000 öre",
         0},
        {13, 3, "00000003", VINN_E_BANK_CONTROL_TOTAL, "payment records",
         "b.txt line 13: end record says 3 payment records, the file has 2", 3},
        {13, 11, "00000000", VINN_E_BANK_CONTROL_TOTAL, "deduction records",
         "b.txt line 13: end record says 0 deduction records, the file has 1", 3},
        {13, 19, "00000002", VINN_E_BANK_CONTROL_TOTAL, "extra reference records",
         "b.txt line 13: end record says 2 extra reference records, the file has 3", 3},
        {13, 27, "00000002", VINN_E_BANK_CONTROL_TOTAL, "deposit records",
         "b.txt line 13: end record says 2 deposit records, the file has 1", 3},
        {13, 27, "0000000x", VINN_E_BANK_RECORD, "deposit records", NULL, 3},
        /* Fields. */
        {3, 50, "x", VINN_E_BANK_RECORD, "amount",
         "b.txt line 3: amount '000000000000x12500' is not a number", 0},
        {8, 55, " ", VINN_E_BANK_RECORD, "amount", NULL, 0},
        {3, 3, "000555555A", VINN_E_BANK_RECORD, "payer bankgiro", NULL, 0},
        {3, 56, "x", VINN_E_BANK_RECORD, "reference code",
         "b.txt line 3: reference code 'x' is not a digit", 0},
        {3, 58, "00000000010 ", VINN_E_BANK_RECORD, "BGC serial number", NULL, 0},
        {12, 38, "20230229", VINN_E_BANK_DATE, "payment date",
         "b.txt line 12: payment date '20230229' is not a date", 0},
        {12, 38, "20241301", VINN_E_BANK_DATE, "payment date", NULL, 0},
        {12, 38, "2024013 ", VINN_E_BANK_RECORD, "payment date", NULL, 0},
        {12, 69, "EUR", VINN_E_BANK_RECORD, "currency",
         "b.txt line 12: deposit end currency 'EUR' is not 'SEK' of its deposit start (line 2)", 0},
        {2, 23, "XXX", VINN_E_BANK_RECORD, "currency",
         "b.txt line 2: currency 'XXX' is not a known ISO 4217 code", 0},
        {2, 3, " 001234566", VINN_E_BANK_RECORD, "bankgiro", NULL, 0},
        {1, 3, "BGMAY", VINN_E_BANK_VERSION, "layout",
         "b.txt line 1: layout 'BGMAY' is not BGMAX: not a BgMax file", 0},
        {1, 23, "02", VINN_E_BANK_VERSION, "version",
         "b.txt line 1: BgMax version '02' is not supported: vinn reads version 01", 0},
        {1, 45, "X", VINN_E_BANK_RECORD, "test flag",
         "b.txt line 1: test flag 'X' is neither 'T' nor 'P'", 0},
        {1, 45, "T", VINN_OK, "", NULL, 3},
        {1, 30, "x", VINN_E_BANK_RECORD, "timestamp", NULL, 0},
        /* Record types and order. */
        {5, 1, "99", VINN_E_BANK_RECORD, "record type",
         "b.txt line 5: record type '99' is not a BgMax record", 0},
        {5, 1, "2 ", VINN_E_BANK_RECORD, "record type", NULL, 0},
        {5, 1, "01", VINN_E_BANK_STRUCTURE, "record type",
         "b.txt line 5: start record (TK01) inside the deposit of line 2: no deposit end (TK15) "
         "before it",
         0},
        {5, 1, "05", VINN_E_BANK_STRUCTURE, "record type", NULL, 0},
        {5, 1, "70", VINN_E_BANK_STRUCTURE, "record type", NULL, 0},
        {3, 1, "22", VINN_E_BANK_STRUCTURE, "record type",
         "b.txt line 3: extra reference (TK22) without a payment (TK20) before it", 0},
        {2, 1, "20", VINN_E_BANK_STRUCTURE, "record type",
         "b.txt line 2: payment (TK20) outside a deposit: no deposit start (TK05) before it", 0},
        {2, 1, "01", VINN_E_BANK_STRUCTURE, "record type",
         "b.txt line 2: start record (TK01) after the start record: a file holds one", 0},
        {1, 1, "70", VINN_E_BANK_STRUCTURE, "record type", NULL, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct file f;
        build_base(&f);
        patch(&f, cases[i].line, cases[i].col, cases[i].text);
        struct collect *c = collect_new();
        struct vinn_error e;
        vinn_err rc = read_bytes(f.data, f.len, c, NULL, &e);
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

static void test_structure(void **state)
{
    (void)state;
    static const struct {
        int first, last;  /* lines dropped; 0: none */
        const char *tail; /* bytes appended */
        vinn_err code;
        const char *message;
    } cases[] = {
        {13, 13, NULL, VINN_E_BANK_STRUCTURE,
         "b.txt line 12: file ends without its end record (TK70)"},
        {12, 13, NULL, VINN_E_BANK_STRUCTURE,
         "b.txt line 11: file ends without its end record (TK70)"},
        {12, 12, NULL, VINN_E_BANK_STRUCTURE,
         "b.txt line 12: end record (TK70) inside the deposit of line 2: no deposit end (TK15) "
         "before it"},
        {2, 2, NULL, VINN_E_BANK_STRUCTURE,
         "b.txt line 2: payment (TK20) outside a deposit: no deposit start (TK05) before it"},
        {1, 1, NULL, VINN_E_BANK_STRUCTURE,
         "b.txt line 1: deposit start (TK05) before the start record (TK01): not a whole BgMax "
         "file"},
        {0, 0, "70000000000000000000000000000000\r\n", VINN_E_BANK_STRUCTURE,
         "b.txt line 14: end record (TK70) after the end record (TK70): a file holds one"},
        {0, 0, "\r\n\r\n25", VINN_E_BANK_RECORD, "b.txt line 14: empty line inside the file"},
        {0, 0, "\r\n\r\n\r\n", VINN_OK, NULL},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct file f;
        build_base(&f);
        if (cases[i].first != 0) {
            drop_lines(&f, cases[i].first, cases[i].last);
        }
        if (cases[i].tail != NULL) {
            file_append(&f, cases[i].tail, strlen(cases[i].tail));
        }
        struct collect *c = collect_new();
        struct vinn_error e;
        vinn_err rc = read_bytes(f.data, f.len, c, NULL, &e);
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
    struct file f;
    build_base(&f);
    char *line4 = line_at(&f, 4);
    char *rest = line4 + 80; /* at the CR */
    memmove(rest + 1, rest, f.len - (size_t)(rest - f.data) + 1);
    *rest = 'x';
    f.len++;
    struct collect *c = collect_new();
    struct vinn_error e;
    assert_int_equal(read_bytes(f.data, f.len, c, NULL, &e), VINN_E_BANK_RECORD);
    assert_string_equal(e.message, "b.txt line 4: record is 81 characters long, more than 80");
    assert_string_equal(e.field, "record");
    free(c);
    free(f.data);
}

static void test_empty_and_control_only(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        vinn_err code;
        const char *message;
    } cases[] = {
        {"", VINN_E_BANK_EMPTY, "b.txt is empty"},
        {"\r\n\n", VINN_E_BANK_EMPTY, "b.txt is empty"},
        {"01BGMAX               0120240131101500123456P\r\n"
         "7000000000000000000000000000000000\r\n",
         VINN_OK, NULL},
        /* A deposit without payments. */
        {"01BGMAX               0120240131101500123456P\r\n"
         "050001234566          NOK\r\n"
         "15000000000000000000000000000584100002024013100008000000000000000000"
         "NOK00000000\r\n"
         "7000000000000000000000000000000001\r\n",
         VINN_OK, NULL},
        {"01BGMAX               0120240131101500123456P\r\n", VINN_E_BANK_STRUCTURE,
         "b.txt line 1: file ends without its end record (TK70)"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct collect *c = collect_new();
        struct vinn_bank_file_info info;
        struct vinn_error e;
        vinn_err rc = read_bytes(cases[i].text, strlen(cases[i].text), c, &info, &e);
        if (rc != cases[i].code) {
            fail_msg("case %zu: %d (%s)", i, rc, e.message);
        }
        if (cases[i].message != NULL) {
            assert_string_equal(e.message, cases[i].message);
        }
        assert_int_equal(c->calls, 0);
        if (rc == VINN_OK) {
            assert_int_equal(info.entries, 0);
            assert_string_equal(info.file_id, "20240131101500123456");
            assert_string_equal(info.account, i == 3 ? "1234566" : "");
        }
        free(c);
    }
}

/* 18 digits of 9 fit int64_t exactly; ten of them overflow the deposit. */
static void test_huge_amounts(void **state)
{
    (void)state;
    static const int64_t max18 = 999999999999999999;
    struct file f;
    file_init(&f);
    add(&f, "01BGMAX               0120240131101500123456P");
    add(&f, "050001234566          SEK");
    add_payment(&f, "20", "0000000000", "1", max18, '2', 1, ' ');
    add_deposit_end(&f, "20240131", max18, 1);
    add(&f, "70%08d%08d%08d%08d", 1, 0, 0, 1);
    struct collect *c = collect_new();
    struct vinn_error e;
    assert_int_equal(read_bytes(f.data, f.len, c, NULL, &e), VINN_OK);
    assert_int_equal(c->calls, 1);
    assert_int_equal(c->entries[0].amount_minor, max18);
    free(c);
    free(f.data);

    file_init(&f);
    add(&f, "01BGMAX               0120240131101500123456P");
    add(&f, "050001234566          SEK");
    for (int i = 0; i < 10; i++) {
        add_payment(&f, "20", "0000000000", "1", max18, '2', i, ' ');
    }
    c = collect_new();
    assert_int_equal(read_bytes(f.data, f.len, c, NULL, &e), VINN_E_BANK_AMOUNT);
    assert_string_equal(e.message,
                        "b.txt line 12: the amounts of the deposit add up to more than vinn can "
                        "hold");
    assert_int_equal(c->calls, 0);
    free(c);
    free(f.data);
}

/* A zero amount is skipped; control characters in a name; a deduction
 * larger than the payments leaves a negative deposit, which no deposit end
 * can state. */
static void test_zero_and_negative(void **state)
{
    (void)state;
    struct file f;
    file_init(&f);
    add(&f, "01BGMAX               0120240131101500123456T");
    add(&f, "050001234566          SEK");
    add_payment(&f, "20", "0000000000", "1", 0, '2', 1, ' ');
    add_payment(&f, "20", "0000000000", "2", 700, '2', 2, ' ');
    add(&f, "26Firma\x01"
            "AB\x7F\x85\x7F");
    add_deposit_end(&f, "20240131", 700, 2);
    add(&f, "70%08d%08d%08d%08d", 2, 0, 0, 1);
    struct collect *c = collect_new();
    struct vinn_bank_file_info info;
    struct vinn_error e;
    assert_int_equal(read_bytes(f.data, f.len, c, &info, &e), VINN_OK);
    assert_int_equal(c->calls, 1);
    assert_int_equal(info.entries, 1);
    assert_int_equal(info.skipped, 1);
    assert_string_equal(c->entries[0].reference, "2");
    assert_int_equal(c->entries[0].record, 1);
    /* Control characters (C0, DEL, C1) are spaces, trimmed at the ends. */
    assert_string_equal(c->entries[0].payer_name, "Firma AB");
    free(c);
    free(f.data);

    file_init(&f);
    add(&f, "01BGMAX               0120240131101500123456P");
    add(&f, "050001234566          SEK");
    add_payment(&f, "20", "0000000000", "1", 100, '2', 1, ' ');
    add_payment(&f, "21", "0000000000", "1", 300, '2', 2, '1');
    add_deposit_end(&f, "20240131", 200, 2);
    add(&f, "70%08d%08d%08d%08d", 1, 1, 0, 1);
    c = collect_new();
    assert_int_equal(read_bytes(f.data, f.len, c, NULL, &e), VINN_E_BANK_CONTROL_TOTAL);
    assert_string_equal(e.message, "b.txt line 5: deposit end says 200 öre, the payments less "
                                   "deductions are -200 öre");
    free(c);
    free(f.data);
}

/* Texts: long TK25 texts fill the message up to its size, cut cleanly;
 * ISO-8859-1 references. */
static void test_message_limit(void **state)
{
    (void)state;
    struct file f;
    file_init(&f);
    add(&f, "01BGMAX               0120240131101500123456P");
    add(&f, "050001234566          SEK");
    add_payment(&f, "20", "0000000000", "\xD6re 1", 100, '3', 1, ' ');
    for (int i = 0; i < 12; i++) {
        add(&f, "25%-50s",
            "\xE5\xE4\xF6\xC5\xC4\xD6\xE5\xE4\xF6\xC5\xC4\xD6\xE5\xE4\xF6\xC5"
            "\xC4\xD6\xE5\xE4\xF6\xC5\xC4\xD6\xE5\xE4\xF6\xC5\xC4\xD6\xE5\xE4"
            "\xF6\xC5\xC4\xD6\xE5\xE4\xF6\xC5\xC4\xD6\xE5\xE4\xF6\xC5\xC4\xD6"
            "\xE5\xE4");
    }
    add_deposit_end(&f, "20240131", 100, 1);
    add(&f, "70%08d%08d%08d%08d", 1, 0, 0, 1);
    struct collect *c = collect_new();
    struct vinn_error e;
    assert_int_equal(read_bytes(f.data, f.len, c, NULL, &e), VINN_OK);
    const char *m = c->entries[0].message;
    size_t len = strlen(m);
    assert_true(len <= VINN_BANK_MESSAGE_MAX);
    assert_true(len >= VINN_BANK_MESSAGE_MAX - 2);
    assert_memory_equal(m, "\xC3\x96re 1 \xC3\xA5", 9);
    assert_true(m[len - 1] != ' ');
    /* Cut at a character boundary: the text ends in a whole two-byte letter. */
    assert_int_equal((unsigned char)m[len - 2] & 0xE0, 0xC0);
    free(c);
    free(f.data);
}

static void test_callback_error(void **state)
{
    (void)state;
    struct file f;
    build_base(&f);
    struct collect *c = collect_new();
    c->fail_at = 2;
    c->fail_code = VINN_E_USAGE;
    struct vinn_error e;
    assert_int_equal(read_bytes(f.data, f.len, c, NULL, &e), VINN_E_USAGE);
    assert_int_equal(c->calls, 2);
    assert_int_equal(e.code, VINN_OK);
    free(c);
    free(f.data);
}

/* The held entries of one deposit are bounded: one more payment than
 * VINN_BGMAX_DEPOSIT_MAX is refused. */
static vinn_err count_fn(void *ctx, const struct vinn_bank_entry *entry, struct vinn_error *error)
{
    (void)entry;
    (void)error;
    (*(long *)ctx)++;
    return VINN_OK;
}

static void test_deposit_limit(void **state)
{
    (void)state;
    FILE *fp = tmpfile();
    assert_non_null(fp);
    fputs("01BGMAX               0120240131101500123456P\n050001234566          SEK\n", fp);
    for (long i = 0; i <= VINN_BGMAX_DEPOSIT_MAX; i++) {
        fprintf(fp, "200000000000%25ld%018d21%012ld0\n", i + 1, 1, i + 1);
    }
    rewind(fp);
    long calls = 0;
    struct vinn_bank_read_options options = {.name = "big.txt"};
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_bgmax_read(fp, &options, count_fn, &calls, NULL, &e),
                     VINN_E_LIMIT_EXCEEDED);
    assert_int_equal(calls, 0);
    char want[128];
    snprintf(want, sizeof(want), "big.txt line %d: the deposit of line 2 has more than %d payments",
             VINN_BGMAX_DEPOSIT_MAX + 3, VINN_BGMAX_DEPOSIT_MAX);
    assert_string_equal(e.message, want);
    fclose(fp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_bgmaxfil4), cmocka_unit_test(test_sample_minimal),
        cmocka_unit_test(test_sample_fragments), cmocka_unit_test(test_sample_through_bank_read),
        cmocka_unit_test(test_base_file),        cmocka_unit_test(test_line_forms),
        cmocka_unit_test(test_patched_base),     cmocka_unit_test(test_structure),
        cmocka_unit_test(test_line_lengths),     cmocka_unit_test(test_empty_and_control_only),
        cmocka_unit_test(test_huge_amounts),     cmocka_unit_test(test_zero_and_negative),
        cmocka_unit_test(test_message_limit),    cmocka_unit_test(test_callback_error),
        cmocka_unit_test(test_deposit_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
