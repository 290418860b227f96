/* Tests of core/paycode: every Finnish virtual bank barcode vector of
 * DOMAIN.md §4.8 (Bank Bar Code Guide v5.3 and akselinurmio), their Code 128
 * subset C check values, both EPC069-12 examples of §4.9 and its invalid
 * cases, the edges of every limit, and outputs left unchanged on failure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/paycode.h"
#include "core/refno.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char UNCHANGED[] = "unchanged";

/* ---- Finnish virtual bank barcode ---- */

struct barcode_case {
    const char *iban;
    const char *reference;
    int64_t amount_cents;
    int32_t year, month, day; /* 0: no due date */
    const char *barcode;
    uint8_t code128_check; /* recomputed independently of vinn */
};

/* DOMAIN.md §4.8, all 20 rows, typed as printed. */
static const struct barcode_case barcode_cases[] = {
    {"FI79 4405 2020 0360 82", "86851 62596 19897", 488315, 2010, 6, 12,
     "479440520200360820048831500000000868516259619897100612", 40},
    {"FI58 1017 1000 0001 22", "55958 22432 94671", 48299, 2012, 1, 31,
     "458101710000001220004829900000000559582243294671120131", 55},
    {"FI02 5000 4640 0013 02", "69 87567 20834 35364", 69380, 2011, 7, 24,
     "402500046400013020006938000000069875672083435364110724", 14},
    {"FI15 6601 0001 5306 41", "7 75847 47906 47489", 744454, 2019, 12, 19,
     "415660100015306410074445400000007758474790647489191219", 63},
    {"FI16 8000 1400 0502 67", "78 77767 96566 28687", 93585, 0, 0, 0,
     "416800014000502670009358500000078777679656628687000000", 30},
    {"FI73 3131 3001 0000 58", "8 68624", 0, 2013, 8, 9,
     "473313130010000580000000000000000000000000868624130809", 68},
    {"FI83 3301 0001 1007 75", "92125 37425 25398 97737", 15000020, 2016, 5, 25,
     "483330100011007751500002000092125374252539897737160525", 45},
    {"FI39 3636 3002 0924 92", "5907 38390", 103, 2023, 3, 11,
     "439363630020924920000010300000000000000590738390230311", 9},
    {"FI92 3939 0001 0033 91", "13 57914", 2, 2099, 12, 24,
     "492393900010033910000000200000000000000001357914991224", 30},
    {"FI79 4405 2020 0360 82", "RF09 8685 1625 9619 897", 488315, 2010, 6, 12,
     "579440520200360820048831509000000868516259619897100612", 74},
    {"FI58 1017 1000 0001 22", "RF06 5595 8224 3294 671", 48299, 2010, 1, 31,
     "558101710000001220004829906000000559582243294671100131", 31},
    {"FI02 5000 4640 0013 02", "RF02 6987 5672 0834", 69380, 2011, 7, 24,
     "502500046400013020006938002000000000698756720834110724", 79},
    {"FI15 6601 0001 5306 41", "RF84 7758 4747 9064 7489", 744454, 2019, 12, 19,
     "515660100015306410074445484000007758474790647489191219", 16},
    {"FI16 8000 1400 0502 67", "RF60 7877 7679 6566 2868 7", 93585, 0, 0, 0,
     "516800014000502670009358560000078777679656628687000000", 15},
    {"FI73 3131 3001 0000 58", "RF10 8686 24", 0, 2013, 8, 9,
     "573313130010000580000000010000000000000000868624130809", 91},
    {"FI83 3301 0001 1007 75", "RF71 9212 5374 2525 3989 7737", 15000020, 2016, 5, 25,
     "583330100011007751500002071092125374252539897737160525", 80},
    {"FI39 3636 3002 0924 92", "RF66 5907 3839 0", 103, 2023, 3, 11,
     "539363630020924920000010366000000000000590738390230311", 10},
    {"FI92 3939 0001 0033 91", "RF95 1357 914", 2, 2099, 12, 24,
     "592393900010033910000000295000000000000001357914991224", 33},
    {"FI37 1590 3000 0007 76", "11112", 1225, 2016, 12, 21,
     "437159030000007760000122500000000000000000011112161221", 76},
    {"FI37 1590 3000 0007 76", "RF9811112", 110, 2017, 1, 1,
     "537159030000007760000011098000000000000000011112170101", 38},
};

static vinn_day due_of(const struct barcode_case *c)
{
    return c->year == 0 ? VINN_NO_DAY : vinn_day_from_civil(c->year, c->month, c->day);
}

static void barcode_gives(const char *iban, const char *reference, int64_t amount_cents,
                          vinn_day due, const char *want)
{
    char out[55] = "";
    struct vinn_error e;
    vinn_error_clear(&e);
    vinn_err rc = vinn_paycode_fi_barcode(iban, reference, amount_cents, due, out, &e);
    if (rc != VINN_OK) {
        print_error("barcode '%s' '%s': %s\n", iban, reference, e.message);
    }
    assert_int_equal(rc, VINN_OK);
    assert_int_equal(e.code, VINN_OK);
    assert_string_equal(out, want);
}

/* Expect code on field, and out untouched. */
static void barcode_fails(const char *iban, const char *reference, int64_t amount_cents,
                          vinn_day due, vinn_err code, const char *field)
{
    char out[55];
    memcpy(out, UNCHANGED, sizeof(UNCHANGED));
    struct vinn_error e;
    vinn_error_clear(&e);
    vinn_err rc = vinn_paycode_fi_barcode(iban, reference, amount_cents, due, out, &e);
    if (rc != code) {
        print_error("barcode '%s' '%s' %lld: got %d (%s)\n", iban, reference,
                    (long long)amount_cents, (int)rc, e.message);
    }
    assert_int_equal(rc, code);
    assert_int_equal(e.code, code);
    assert_string_equal(e.field, field);
    assert_true(e.message[0] != '\0');
    assert_string_equal(out, UNCHANGED);
}

static void test_barcode_vectors(void **state)
{
    (void)state;
    for (size_t i = 0; i < COUNT(barcode_cases); i++) {
        const struct barcode_case *c = &barcode_cases[i];
        barcode_gives(c->iban, c->reference, c->amount_cents, due_of(c), c->barcode);
    }
}

static void test_barcode_machine_forms(void **state)
{
    (void)state;
    const struct barcode_case *v4 = &barcode_cases[0];
    const struct barcode_case *v5 = &barcode_cases[9];
    /* Spaces are optional, and RF may be typed in lower case. */
    barcode_gives("FI7944052020036082", "868516259619897", v4->amount_cents, due_of(v4),
                  v4->barcode);
    barcode_gives("FI79 4405 2020 0360 82", "rf09 8685 1625 9619 897", v5->amount_cents, due_of(v5),
                  v5->barcode);
    barcode_gives("FI79 4405 2020 0360 82", "  RF098685 16259619897", v5->amount_cents, due_of(v5),
                  v5->barcode);
    /* Zero-padded machine form of a national reference (DOMAIN.md §1.3). */
    barcode_gives("FI79 4405 2020 0360 82", "00000868516259619897", v4->amount_cents, due_of(v4),
                  v4->barcode);
}

static void test_barcode_amount_edges(void **state)
{
    (void)state;
    const char *iban = "FI37 1590 3000 0007 76";
    vinn_day due = vinn_day_from_civil(2016, 12, 21);
    barcode_gives(iban, "11112", 0, due, "437159030000007760000000000000000000000000011112161221");
    barcode_gives(iban, "11112", 1, due, "437159030000007760000000100000000000000000011112161221");
    barcode_gives(iban, "11112", 99999999, due,
                  "437159030000007769999999900000000000000000011112161221");
    barcode_fails(iban, "11112", 100000000, due, VINN_E_PAYCODE_AMOUNT_TOO_LARGE, "amount");
    barcode_fails(iban, "11112", INT64_MAX, due, VINN_E_PAYCODE_AMOUNT_TOO_LARGE, "amount");
    barcode_fails(iban, "11112", -1, due, VINN_E_PAYCODE_AMOUNT_NEGATIVE, "amount");
    barcode_fails(iban, "11112", INT64_MIN, due, VINN_E_PAYCODE_AMOUNT_NEGATIVE, "amount");
}

static void test_barcode_due_edges(void **state)
{
    (void)state;
    const char *iban = "FI37 1590 3000 0007 76";
    barcode_gives(iban, "11112", 1225, vinn_day_from_civil(2000, 1, 1),
                  "437159030000007760000122500000000000000000011112000101");
    barcode_gives(iban, "11112", 1225, vinn_day_from_civil(2099, 12, 31),
                  "437159030000007760000122500000000000000000011112991231");
    barcode_gives(iban, "11112", 1225, VINN_NO_DAY,
                  "437159030000007760000122500000000000000000011112000000");
    barcode_fails(iban, "11112", 1225, vinn_day_from_civil(1999, 12, 31),
                  VINN_E_PAYCODE_DUE_DATE_OUT_OF_RANGE, "due_date");
    barcode_fails(iban, "11112", 1225, vinn_day_from_civil(2100, 1, 1),
                  VINN_E_PAYCODE_DUE_DATE_OUT_OF_RANGE, "due_date");
    barcode_fails(iban, "11112", 1225, INT32_MAX, VINN_E_PAYCODE_DUE_DATE_OUT_OF_RANGE, "due_date");
}

static void test_barcode_reference_edges(void **state)
{
    (void)state;
    const char *iban = "FI37 1590 3000 0007 76";
    vinn_day due = vinn_day_from_civil(2016, 12, 21);
    /* Shortest national reference: 3 digits and the check (DOMAIN.md §1.3). */
    barcode_gives(iban, "1232", 1225, due,
                  "437159030000007760000122500000000000000000001232161221");
    /* Longest: 20 digits fill the field. */
    char longest[VINN_REF_TEXT_MAX];
    assert_int_equal(
        vinn_ref_make(VINN_REF_FI, "1234567890123456789", longest, sizeof(longest), NULL), VINN_OK);
    char want[55] = "4371590300000077600001225000";
    memcpy(want + 28, longest, 20);
    memcpy(want + 48, "161221", 7);
    barcode_gives(iban, longest, 1225, due, want);
    /* Longest RF: a 21-digit body fills the field. */
    char rf[VINN_REF_TEXT_MAX];
    assert_int_equal(vinn_ref_make(VINN_REF_RF, "123456789012345678901", rf, sizeof(rf), NULL),
                     VINN_OK);
    memcpy(want, "537159030000007760000122500", 25);
    memcpy(want + 25, rf + 2, 23);
    memcpy(want + 48, "161221", 7);
    barcode_gives(iban, rf, 1225, due, want);
    /* Check digits, both kinds (DOMAIN.md §1.3, §1.4). */
    barcode_fails(iban, "11113", 1225, due, VINN_E_REF_CHECK_DIGIT, "reference");
    barcode_fails(iban, "1071110", 1225, due, VINN_E_REF_CHECK_DIGIT, "reference");
    barcode_fails(iban, "RF17 5390 0754 7034", 1225, due, VINN_E_REF_CHECK_DIGIT, "reference");
    barcode_fails(iban, "RF9711112", 1225, due, VINN_E_REF_CHECK_DIGIT, "reference");
    /* A valid RF with letters has no place among the digits. */
    barcode_fails(iban, "RF97C2H5OH", 1225, due, VINN_E_PAYCODE_REFERENCE_NOT_NUMERIC, "reference");
    barcode_fails(iban, "RF35123ABCZ", 1225, due, VINN_E_PAYCODE_REFERENCE_NOT_NUMERIC,
                  "reference");
    barcode_fails(iban, "", 1225, due, VINN_E_REF_EMPTY, "reference");
    barcode_fails(iban, NULL, 1225, due, VINN_E_REF_EMPTY, "reference");
    barcode_fails(iban, "12a45", 1225, due, VINN_E_REF_CHARACTERS, "reference");
    barcode_fails(iban, "123456789012345678901", 1225, due, VINN_E_REF_LENGTH, "reference");
}

static void test_barcode_iban(void **state)
{
    (void)state;
    vinn_day due = vinn_day_from_civil(2016, 12, 21);
    /* Valid IBANs of other countries (DOMAIN.md §1.5). */
    barcode_fails("SE45 5000 0000 0583 9825 7466", "11112", 1225, due,
                  VINN_E_PAYCODE_IBAN_NOT_FINNISH, "iban");
    barcode_fails("NO93 8601 1117 947", "11112", 1225, due, VINN_E_PAYCODE_IBAN_NOT_FINNISH,
                  "iban");
    barcode_fails("FI37 1590 3000 0007 77", "11112", 1225, due, VINN_E_ID_CHECKSUM, "iban");
    barcode_fails("FI37 1590 3000 0007 7", "11112", 1225, due, VINN_E_ID_LENGTH, "iban");
    barcode_fails("", "11112", 1225, due, VINN_E_ID_EMPTY, "iban");
    /* The first error wins: the IBAN is checked before the rest. */
    barcode_fails("DK5000400440116342", "11113", -1, 0, VINN_E_ID_CHECKSUM, "iban");
    barcode_gives("fi37 1590 3000 0007 76", "11112", 1225, due, barcode_cases[18].barcode);
}

/* ---- Code 128 subset C ---- */

static void test_code128c_vectors(void **state)
{
    (void)state;
    for (size_t i = 0; i < COUNT(barcode_cases); i++) {
        uint8_t codes[VINN_CODE128C_FI_BARCODE_COUNT];
        size_t count = 0;
        assert_int_equal(
            vinn_paycode_code128c(barcode_cases[i].barcode, codes, COUNT(codes), &count), VINN_OK);
        assert_int_equal(count, 30);
        assert_int_equal(codes[0], VINN_CODE128_START_C);
        for (size_t k = 0; k < 27; k++) {
            const char *pair = barcode_cases[i].barcode + 2 * k;
            assert_int_equal(codes[k + 1], (pair[0] - '0') * 10 + (pair[1] - '0'));
        }
        assert_int_equal(codes[28], barcode_cases[i].code128_check);
        assert_int_equal(codes[29], VINN_CODE128_STOP);
    }
    /* DOMAIN.md §4.8: the first example's check value is 40. */
    assert_int_equal(barcode_cases[0].code128_check, 40);
}

static void code128c_gives(const char *digits, const uint8_t *want, size_t want_count)
{
    uint8_t codes[8];
    size_t count = 0;
    assert_int_equal(vinn_paycode_code128c(digits, codes, COUNT(codes), &count), VINN_OK);
    assert_int_equal(count, want_count);
    assert_memory_equal(codes, want, want_count);
}

static void code128c_fails(const char *digits, size_t max, vinn_err code)
{
    uint8_t codes[8] = {7, 7, 7, 7, 7, 7, 7, 7};
    static const uint8_t untouched[8] = {7, 7, 7, 7, 7, 7, 7, 7};
    size_t count = 99;
    assert_int_equal(vinn_paycode_code128c(digits, codes, max, &count), code);
    assert_int_equal(count, 99);
    assert_memory_equal(codes, untouched, sizeof(untouched));
}

static void test_code128c_edges(void **state)
{
    (void)state;
    code128c_gives("00", (const uint8_t[]){105, 0, 2, 106}, 4);
    code128c_gives("99", (const uint8_t[]){105, 99, 101, 106}, 4);
    /* 105 + 1*12 + 2*34 = 185; 185 mod 103 = 82. */
    code128c_gives("1234", (const uint8_t[]){105, 12, 34, 82, 106}, 5);
    /* Exactly as many values as max. */
    code128c_gives("1234567890", (const uint8_t[]){105, 12, 34, 56, 78, 90, 85, 106}, 8);
    code128c_fails("123456789012", 8, VINN_E_LIMIT_EXCEEDED);
    code128c_fails("1234", 4, VINN_E_LIMIT_EXCEEDED);
    code128c_fails("00", 0, VINN_E_LIMIT_EXCEEDED);
    code128c_fails("123", 8, VINN_E_PAYCODE_DIGITS_ODD_COUNT);
    code128c_fails("1", 8, VINN_E_PAYCODE_DIGITS_ODD_COUNT);
    code128c_fails("12a4", 8, VINN_E_PAYCODE_DIGITS_NOT_NUMERIC);
    code128c_fails("12 4", 8, VINN_E_PAYCODE_DIGITS_NOT_NUMERIC);
    code128c_fails("", 8, VINN_E_FIELD_REQUIRED);
}

/* ---- EPC QR ---- */

/* EPC069-12 v2.1 example 1, as in segno tests/test_helpers_epcqr.py. */
static struct vinn_epc_qr example1(void)
{
    return (struct vinn_epc_qr){
        .charset = VINN_EPC_CHARSET_UTF8,
        .bic = "BHBLDEHHXXX",
        .name = "Franz Mustermänn",
        .iban = "DE71110220330123456789",
        .amount_cents = 1230,
        .purpose = "GDDS",
        .reference = "RF18539007547034",
    };
}

static const char EXAMPLE1[] = "BCD\n002\n1\nSCT\nBHBLDEHHXXX\nFranz Mustermänn\n"
                               "DE71110220330123456789\nEUR12.3\nGDDS\nRF18539007547034";

static void epc_gives(const struct vinn_epc_qr *in, const char *want, size_t want_len)
{
    char out[VINN_EPC_QR_PAYLOAD_MAX + 1] = "";
    size_t len = 0;
    struct vinn_error e;
    vinn_error_clear(&e);
    vinn_err rc = vinn_paycode_epc_qr(in, out, sizeof(out), &len, &e);
    if (rc != VINN_OK) {
        print_error("epc: %s: %s\n", e.field, e.message);
    }
    assert_int_equal(rc, VINN_OK);
    assert_int_equal(len, want_len);
    assert_memory_equal(out, want, want_len);
    assert_int_equal(out[len], '\0');
    assert_true(out[len - 1] != '\n');
}

static void epc_fails(const struct vinn_epc_qr *in, vinn_err code, const char *field)
{
    char out[VINN_EPC_QR_PAYLOAD_MAX + 1];
    memcpy(out, UNCHANGED, sizeof(UNCHANGED));
    size_t len = 12345;
    struct vinn_error e;
    vinn_error_clear(&e);
    vinn_err rc = vinn_paycode_epc_qr(in, out, sizeof(out), &len, &e);
    if (rc != code) {
        print_error("epc: got %d on '%s' (%s)\n", (int)rc, e.field, e.message);
    }
    assert_int_equal(rc, code);
    assert_int_equal(e.code, code);
    assert_string_equal(e.field, field);
    assert_string_equal(out, UNCHANGED);
    assert_int_equal(len, 12345);
}

static void test_epc_example1(void **state)
{
    (void)state;
    struct vinn_epc_qr in = example1();
    epc_gives(&in, EXAMPLE1, 96);
    assert_int_equal(strlen(EXAMPLE1), 96);
    /* Typed forms come out in machine form. */
    in.iban = "DE71 1102 2033 0123 4567 89";
    in.reference = "rf18 5390 0754 7034";
    epc_gives(&in, EXAMPLE1, 96);
}

static void test_epc_example2_latin1(void **state)
{
    (void)state;
    struct vinn_epc_qr in = {
        .charset = VINN_EPC_CHARSET_LATIN1,
        .name = "François D'Alsace S.A.",
        .iban = "FR1420041010050500013M02606",
        .amount_cents = 1230,
        .text = "Client:Marie Louise La Lune",
    };
    static const char want[] = "BCD\n002\n2\nSCT\n\nFran\xe7ois D'Alsace S.A.\n"
                               "FR1420041010050500013M02606\nEUR12.3\n\n\n"
                               "Client:Marie Louise La Lune";
    epc_gives(&in, want, 103);
    assert_int_equal(strlen(want), 103);
    /* The same in UTF-8 is one byte longer. */
    in.charset = VINN_EPC_CHARSET_UTF8;
    static const char want_utf8[] = "BCD\n002\n1\nSCT\n\nFrançois D'Alsace S.A.\n"
                                    "FR1420041010050500013M02606\nEUR12.3\n\n\n"
                                    "Client:Marie Louise La Lune";
    epc_gives(&in, want_utf8, 104);
    /* ISO-8859-1 has no euro sign. */
    in.charset = VINN_EPC_CHARSET_LATIN1;
    in.text = "100 €";
    epc_fails(&in, VINN_E_PAYCODE_EPC_TEXT_NOT_ENCODABLE, "text");
}

static void test_epc_amounts(void **state)
{
    (void)state;
    static const struct {
        int64_t cents;
        const char *text;
    } cases[] = {
        {1230, "EUR12.3"}, {1200, "EUR12"}, {1205, "EUR12.05"}, {1, "EUR0.01"},
        {10, "EUR0.1"},    {100, "EUR1"},   {99, "EUR0.99"},    {99999999999, "EUR999999999.99"},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        struct vinn_epc_qr in = example1();
        in.amount_cents = cases[i].cents;
        char want[128];
        int n = snprintf(want, sizeof(want),
                         "BCD\n002\n1\nSCT\nBHBLDEHHXXX\nFranz Mustermänn\n"
                         "DE71110220330123456789\n%s\nGDDS\nRF18539007547034",
                         cases[i].text);
        epc_gives(&in, want, (size_t)n);
    }
    /* segno: 0, 0.004 (0 cents) and 999999999.999 (rounds past the top). */
    static const int64_t invalid[] = {0, 100000000000, -1, INT64_MIN, INT64_MAX};
    for (size_t i = 0; i < COUNT(invalid); i++) {
        struct vinn_epc_qr in = example1();
        in.amount_cents = invalid[i];
        epc_fails(&in, VINN_E_PAYCODE_EPC_AMOUNT_OUT_OF_RANGE, "amount");
    }
}

static void test_epc_bic_and_purpose(void **state)
{
    (void)state;
    struct vinn_epc_qr in = example1();
    in.bic = "BHBLDEHH";
    epc_gives(&in,
              "BCD\n002\n1\nSCT\nBHBLDEHH\nFranz Mustermänn\n"
              "DE71110220330123456789\nEUR12.3\nGDDS\nRF18539007547034",
              93);
    in.bic = NULL;
    epc_gives(&in,
              "BCD\n002\n1\nSCT\n\nFranz Mustermänn\n"
              "DE71110220330123456789\nEUR12.3\nGDDS\nRF18539007547034",
              85);
    static const char *bad_bics[] = {"BHBLDE", "BHBLDEHHXXXX", "BHBLDEHHX", "bhbldehh", "BHB1DEHH"};
    for (size_t i = 0; i < COUNT(bad_bics); i++) {
        in.bic = bad_bics[i];
        epc_fails(&in, VINN_E_PAYCODE_EPC_BIC_INVALID, "bic");
    }
    in = example1();
    in.purpose = NULL;
    epc_gives(&in,
              "BCD\n002\n1\nSCT\nBHBLDEHHXXX\nFranz Mustermänn\n"
              "DE71110220330123456789\nEUR12.3\n\nRF18539007547034",
              92);
    static const char *bad_purposes[] = {"GDD", "GDDSS", "gdds", "GD S"};
    for (size_t i = 0; i < COUNT(bad_purposes); i++) {
        in.purpose = bad_purposes[i];
        epc_fails(&in, VINN_E_PAYCODE_EPC_PURPOSE_INVALID, "purpose");
    }
}

/* Fill buf with count copies of the UTF-8 character unit. */
static const char *repeat(char *buf, const char *unit, size_t count)
{
    size_t unit_len = strlen(unit);
    for (size_t i = 0; i < count; i++) {
        memcpy(buf + i * unit_len, unit, unit_len);
    }
    buf[count * unit_len] = '\0';
    return buf;
}

static void test_epc_name(void **state)
{
    (void)state;
    char buf[512];
    struct vinn_epc_qr in = example1();
    in.name = "";
    epc_fails(&in, VINN_E_PAYCODE_EPC_NAME_LENGTH, "name");
    in.name = NULL;
    epc_fails(&in, VINN_E_PAYCODE_EPC_NAME_LENGTH, "name");
    in.name = repeat(buf, "a", 71);
    epc_fails(&in, VINN_E_PAYCODE_EPC_NAME_LENGTH, "name");
    in.name = repeat(buf, "ä", 71);
    epc_fails(&in, VINN_E_PAYCODE_EPC_NAME_LENGTH, "name");
    in.name = repeat(buf, "a", 300);
    epc_fails(&in, VINN_E_PAYCODE_EPC_NAME_LENGTH, "name");
    /* 70 characters, 140 bytes: the limit counts characters. */
    in.name = repeat(buf, "ä", 70);
    char out[VINN_EPC_QR_PAYLOAD_MAX + 1];
    size_t len = 0;
    assert_int_equal(vinn_paycode_epc_qr(&in, out, sizeof(out), &len, NULL), VINN_OK);
    assert_int_equal(len, 96 - strlen("Franz Mustermänn") + 140);
    in.name = "A";
    assert_int_equal(vinn_paycode_epc_qr(&in, out, sizeof(out), &len, NULL), VINN_OK);
    /* A line break would shift every later element. */
    in.name = "Franz\nMustermann";
    epc_fails(&in, VINN_E_PAYCODE_EPC_TEXT_NOT_ENCODABLE, "name");
    in.name = "Franz\xff";
    epc_fails(&in, VINN_E_PAYCODE_EPC_TEXT_NOT_ENCODABLE, "name");
    in.name = "Franz \xc2\x85";
    epc_fails(&in, VINN_E_PAYCODE_EPC_TEXT_NOT_ENCODABLE, "name");
}

static void test_epc_remittance(void **state)
{
    (void)state;
    char buf[600];
    struct vinn_epc_qr in = example1();
    in.text = "Invoice 7";
    epc_fails(&in, VINN_E_PAYCODE_EPC_REMITTANCE_BOTH, "reference");
    in.reference = NULL;
    in.text = NULL;
    epc_fails(&in, VINN_E_PAYCODE_EPC_REMITTANCE_MISSING, "reference");
    in.reference = "";
    in.text = "";
    epc_fails(&in, VINN_E_PAYCODE_EPC_REMITTANCE_MISSING, "reference");

    in = example1();
    in.reference = repeat(buf, "1", 36);
    epc_fails(&in, VINN_E_PAYCODE_EPC_REFERENCE_TOO_LONG, "reference");
    in.reference = "RF17 5390 0754 7034";
    epc_fails(&in, VINN_E_REF_CHECK_DIGIT, "reference");
    in.reference = "RF97C2H5OH";
    epc_gives(&in,
              "BCD\n002\n1\nSCT\nBHBLDEHHXXX\nFranz Mustermänn\n"
              "DE71110220330123456789\nEUR12.3\nGDDS\nRF97C2H5OH",
              90);

    in = example1();
    in.reference = NULL;
    in.text = repeat(buf, "x", 141);
    epc_fails(&in, VINN_E_PAYCODE_EPC_TEXT_TOO_LONG, "text");
    in.text = repeat(buf, "x", 140);
    char out[VINN_EPC_QR_PAYLOAD_MAX + 1];
    size_t len = 0;
    assert_int_equal(vinn_paycode_epc_qr(&in, out, sizeof(out), &len, NULL), VINN_OK);
    /* Element 10 stays empty before the text; nothing follows the text. */
    assert_int_equal(len, 96 - strlen("RF18539007547034") + 1 + 140);
    assert_memory_equal(out + 75, "GDDS\n\nxxx", 9);
    assert_int_equal(out[len - 1], 'x');
}

static void test_epc_information(void **state)
{
    (void)state;
    char buf[300];
    struct vinn_epc_qr in = example1();
    in.information = "Thank you";
    epc_gives(&in,
              "BCD\n002\n1\nSCT\nBHBLDEHHXXX\nFranz Mustermänn\n"
              "DE71110220330123456789\nEUR12.3\nGDDS\nRF18539007547034\n\nThank you",
              107);
    in.information = repeat(buf, "i", 71);
    epc_fails(&in, VINN_E_PAYCODE_EPC_INFORMATION_TOO_LONG, "information");
    in.information = repeat(buf, "i", 70);
    char out[VINN_EPC_QR_PAYLOAD_MAX + 1];
    size_t len = 0;
    assert_int_equal(vinn_paycode_epc_qr(&in, out, sizeof(out), &len, NULL), VINN_OK);
    assert_int_equal(len, 96 + 2 + 70);
}

static void test_epc_payload_limit(void **state)
{
    (void)state;
    char name[160];
    char text[160];
    char info[80];
    /* 61 fixed bytes with an 11-character BIC, so 70 + 140 + 60 is 331. */
    struct vinn_epc_qr in = {
        .charset = VINN_EPC_CHARSET_UTF8,
        .bic = "BHBLDEHHXXX",
        .name = repeat(name, "n", 70),
        .iban = "DE71110220330123456789",
        .amount_cents = 1230,
        .text = repeat(text, "t", 140),
        .information = repeat(info, "i", 60),
    };
    char out[VINN_EPC_QR_PAYLOAD_MAX + 1];
    size_t len = 0;
    assert_int_equal(vinn_paycode_epc_qr(&in, out, sizeof(out), &len, NULL), VINN_OK);
    assert_int_equal(len, VINN_EPC_QR_PAYLOAD_MAX);
    in.information = repeat(info, "i", 61);
    epc_fails(&in, VINN_E_PAYCODE_EPC_PAYLOAD_TOO_LONG, "payload");
    /* Each field within its own limit, the whole far over. */
    in.name = repeat(name, "ä", 70);
    epc_fails(&in, VINN_E_PAYCODE_EPC_PAYLOAD_TOO_LONG, "payload");
}

static void test_epc_buffer_and_charset(void **state)
{
    (void)state;
    struct vinn_epc_qr in = example1();
    char out[97];
    memcpy(out, UNCHANGED, sizeof(UNCHANGED));
    size_t len = 0;
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_paycode_epc_qr(&in, out, 96, &len, &e), VINN_E_LIMIT_EXCEEDED);
    assert_string_equal(out, UNCHANGED);
    assert_int_equal(len, 0);
    assert_int_equal(vinn_paycode_epc_qr(&in, out, 97, &len, NULL), VINN_OK);
    assert_int_equal(len, 96);
    assert_string_equal(out, EXAMPLE1);

    in.charset = (enum vinn_epc_charset)3;
    epc_fails(&in, VINN_E_PAYCODE_EPC_CHARSET_UNSUPPORTED, "charset");
    in.charset = (enum vinn_epc_charset)0;
    epc_fails(&in, VINN_E_PAYCODE_EPC_CHARSET_UNSUPPORTED, "charset");
    in = example1();
    in.iban = "DE71110220330123456788";
    epc_fails(&in, VINN_E_ID_CHECKSUM, "iban");
    in.iban = NULL;
    epc_fails(&in, VINN_E_ID_EMPTY, "iban");
}

static void test_error_table(void **state)
{
    (void)state;
    for (int n = 820; n <= 838; n++) {
        assert_true(vinn_err_is_known(n));
        assert_int_equal(vinn_err_http_status((vinn_err)n), 422);
    }
    assert_false(vinn_err_is_known(839));
    assert_string_equal(vinn_err_name(VINN_E_PAYCODE_AMOUNT_TOO_LARGE), "paycode_amount_too_large");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_barcode_vectors),
        cmocka_unit_test(test_barcode_machine_forms),
        cmocka_unit_test(test_barcode_amount_edges),
        cmocka_unit_test(test_barcode_due_edges),
        cmocka_unit_test(test_barcode_reference_edges),
        cmocka_unit_test(test_barcode_iban),
        cmocka_unit_test(test_code128c_vectors),
        cmocka_unit_test(test_code128c_edges),
        cmocka_unit_test(test_epc_example1),
        cmocka_unit_test(test_epc_example2_latin1),
        cmocka_unit_test(test_epc_amounts),
        cmocka_unit_test(test_epc_bic_and_purpose),
        cmocka_unit_test(test_epc_name),
        cmocka_unit_test(test_epc_remittance),
        cmocka_unit_test(test_epc_information),
        cmocka_unit_test(test_epc_payload_limit),
        cmocka_unit_test(test_epc_buffer_and_charset),
        cmocka_unit_test(test_error_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
