/*
 * Tests of formats/bank.c (format names, detection by content, text
 * cleaning, digest identities) and formats/bankcsv.c (the bank CSV reader).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "formats/bank.h"

static void test_format_names(void **state)
{
    (void)state;
    static const char *const names[] = {"auto", "camt054", "camt053", "ocr", "bgmax", "csv"};
    for (int i = 0; i < 6; i++) {
        enum vinn_bank_format f;
        assert_int_equal(vinn_bank_format_parse(names[i], &f, NULL), VINN_OK);
        assert_int_equal((int)f, i);
        assert_string_equal(vinn_bank_format_name(f), names[i]);
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    enum vinn_bank_format f = VINN_BANK_OCR;
    assert_int_equal(vinn_bank_format_parse("camt", &f, &e), VINN_E_UNKNOWN_VALUE);
    assert_int_equal(f, VINN_BANK_OCR);
    assert_string_equal(e.field, "format");
    assert_string_equal(e.message,
                        "format 'camt' is not known: use auto, camt054, camt053, ocr, bgmax or csv");
    assert_int_equal(vinn_bank_format_parse(NULL, &f, NULL), VINN_E_UNKNOWN_VALUE);
}

static void test_detect(void **state)
{
    (void)state;
    static const struct {
        const char *head;
        vinn_err rc;
        enum vinn_bank_format format;
    } cases[] = {
        {"<?xml version=\"1.0\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.02\">",
         VINN_OK, VINN_BANK_CAMT054},
        {"\xEF\xBB\xBF  <Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\">", VINN_OK,
         VINN_BANK_CAMT053},
        {"<Document><BkToCstmrDbtCdtNtfctn>", VINN_OK, VINN_BANK_CAMT054},
        {"<Document><BkToCstmrStmt>", VINN_OK, VINN_BANK_CAMT053},
        {"<?xml version=\"1.0\"?><Invoice/>", VINN_E_BANK_FORMAT_UNKNOWN, VINN_BANK_AUTO},
        {"NY000010000080800170031000102000000000000000000000000000000000000000000000000000",
         VINN_OK, VINN_BANK_OCR},
        {"01BGMAX               0120040525173035010331P", VINN_OK, VINN_BANK_BGMAX},
        {"Date;Amount;Reference\n2026-01-01;1;2", VINN_OK, VINN_BANK_CSV},
        {"hello\n", VINN_E_BANK_FORMAT_UNKNOWN, VINN_BANK_AUTO},
        {"", VINN_E_BANK_FORMAT_UNKNOWN, VINN_BANK_AUTO},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        enum vinn_bank_format f = VINN_BANK_AUTO;
        struct vinn_error e;
        vinn_error_clear(&e);
        assert_int_equal(vinn_bank_detect(cases[i].head, strlen(cases[i].head), &f, &e),
                         cases[i].rc);
        assert_int_equal(f, cases[i].format);
        if (cases[i].rc != VINN_OK) {
            assert_string_equal(e.field, "format");
        }
    }
}

static void test_text_copy(void **state)
{
    (void)state;
    char out[8];
    vinn_bank_text_copy(out, sizeof(out), "  a\tb\x7f ", 8);
    assert_string_equal(out, "a b");
    /* Cut at a character boundary: "Åse Sø" is 8 bytes, 7 fit. */
    vinn_bank_text_copy(out, sizeof(out), "Åse Søreide", strlen("Åse Søreide"));
    assert_string_equal(out, "Åse S");
    vinn_bank_text_copy(out, sizeof(out), "\x01\x7f", 2);
    assert_string_equal(out, "");
    char wide[32];
    vinn_bank_latin1_copy(wide, sizeof(wide), "\xC5kesson \xD8", 9);
    assert_string_equal(wide, "Åkesson Ø");
}

static void test_digest_id(void **state)
{
    (void)state;
    struct vinn_bank_entry a;
    memset(&a, 0, sizeof(a));
    a.amount_minor = 12500;
    memcpy(a.currency, "NOK", 4);
    snprintf(a.payer_name, sizeof(a.payer_name), "Kari");
    struct vinn_bank_entry b = a;
    vinn_bank_entry_digest_id(&a, 1);
    vinn_bank_entry_digest_id(&b, 1);
    assert_string_equal(a.entry_id, b.entry_id);
    assert_int_equal(strncmp(a.entry_id, "d:", 2), 0);
    assert_int_equal(strlen(a.entry_id), 2 + 16 + 2);
    vinn_bank_entry_digest_id(&b, 2);
    assert_string_not_equal(a.entry_id, b.entry_id);
    /* Fields do not run into each other. */
    snprintf(b.payer_name, sizeof(b.payer_name), "Kar");
    snprintf(b.message, sizeof(b.message), "i");
    vinn_bank_entry_digest_id(&b, 1);
    assert_string_not_equal(a.entry_id, b.entry_id);
}

struct collected {
    int count;
    struct vinn_bank_entry entries[8];
};

static vinn_err collect(void *ctx, const struct vinn_bank_entry *e, struct vinn_error *error)
{
    (void)error;
    struct collected *c = ctx;
    if (c->count < 8) {
        c->entries[c->count] = *e;
    }
    c->count++;
    return VINN_OK;
}

static vinn_err read_csv(const char *text, struct collected *c, struct vinn_error *e)
{
    memset(c, 0, sizeof(*c));
    vinn_error_clear(e);
    FILE *fp = fmemopen((void *)text, strlen(text), "rb");
    struct vinn_bank_read_options o = {.name = "bank.csv", .format = VINN_BANK_CSV,
                                       .currency = "SEK"};
    struct vinn_bank_file_info info;
    vinn_err rc = vinn_bank_read(fp, &o, collect, c, &info, e);
    fclose(fp);
    if (rc == VINN_OK) {
        assert_int_equal(info.entries, c->count);
        assert_int_equal(info.format, VINN_BANK_CSV);
    }
    return rc;
}

static void test_bankcsv(void **state)
{
    (void)state;
    struct collected c;
    struct vinn_error e;
    const char *csv = "Date;Amount;Currency;Reference;Payer_Name;Payer_Account;Message;"
                      "Bank_Reference;Value_Date;Reversal\n"
                      "2026-09-19;1 234,50;NOK;0000 0001 8;Åse Søreide;1234 56 78903;takk;B1;"
                      "2026-09-20;\n"
                      "2026-09-19;-12,50;;;Bank;;gebyr;B2;;\n"
                      "2026-09-20;99;;;;;;;;yes\n";
    assert_int_equal(read_csv(csv, &c, &e), VINN_OK);
    assert_int_equal(c.count, 3);
    struct vinn_bank_entry *a = &c.entries[0];
    assert_string_equal(a->entry_id, "csv:B1");
    assert_int_equal(a->amount_minor, 123450);
    assert_string_equal(a->currency, "NOK");
    assert_true(a->credit);
    assert_false(a->reversal);
    assert_string_equal(a->reference, "000000018");
    assert_string_equal(a->payer_name, "Åse Søreide");
    assert_string_equal(a->payer_account, "12345678903");
    assert_string_equal(a->message, "takk");
    assert_int_equal(a->booking_date, vinn_day_from_civil(2026, 9, 19));
    assert_int_equal(a->value_date, vinn_day_from_civil(2026, 9, 20));
    assert_int_equal(a->line, 2);
    assert_int_equal(a->record, 1);
    assert_int_equal(c.entries[1].amount_minor, 1250);
    assert_false(c.entries[1].credit);
    assert_string_equal(c.entries[1].currency, "SEK");
    assert_true(c.entries[2].reversal);
    assert_int_equal(strncmp(c.entries[2].entry_id, "d:", 2), 0);
}

static void test_bankcsv_errors(void **state)
{
    (void)state;
    static const struct {
        const char *csv;
        vinn_err rc;
        const char *field;
        const char *message;
    } cases[] = {
        {"date;amount\n2026-09-19;12,5x\n", VINN_E_BANK_AMOUNT, "amount",
         "bank.csv line 2: amount '12,5x' is not a number"},
        {"date;amount\n2026-09-19;0,00\n", VINN_E_BANK_AMOUNT, "amount",
         "bank.csv line 2: amount '0,00' must not be zero"},
        {"date;amount\n2026-09-19;1,2345\n", VINN_E_BANK_AMOUNT, "amount", NULL},
        {"date;amount;currency\n2026-09-19;1;XXX\n", VINN_E_CURRENCY_UNKNOWN, "currency", NULL},
        {"date;amount\n2026-02-30;1\n", VINN_E_BANK_DATE, "date", NULL},
        {"date;amount\n\n\n19.09.2026;1\n", VINN_E_BANK_DATE, "date", NULL},
        {"date;sum\n2026-09-19;1\n", VINN_E_CSV_HEADER, NULL, NULL},
        {"amount\n1\n", VINN_E_CSV_HEADER, "date", NULL},
        {"date;amount\n2026-09-19;99999999999999999999\n", VINN_E_BANK_AMOUNT, "amount", NULL},
        {"", VINN_E_CSV_HEADER, NULL, "bank.csv is empty: a header line is required"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct collected c;
        struct vinn_error e;
        assert_int_equal(read_csv(cases[i].csv, &c, &e), cases[i].rc);
        if (cases[i].field != NULL) {
            assert_string_equal(e.field, cases[i].field);
        }
        if (cases[i].message != NULL) {
            assert_string_equal(e.message, cases[i].message);
        }
        assert_int_equal(c.count, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_names), cmocka_unit_test(test_detect),
        cmocka_unit_test(test_text_copy),    cmocka_unit_test(test_digest_id),
        cmocka_unit_test(test_bankcsv),      cmocka_unit_test(test_bankcsv_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
