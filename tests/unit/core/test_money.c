/* Tests of core/money: currencies, checked arithmetic, parsing, formatting,
 * VAT, splits and allocations, with seeded invariant loops. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/money.h"

#define NBSP "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct vinn_currency *cur(const char *code)
{
    const struct vinn_currency *c = vinn_currency_find(code);
    assert_non_null(c);
    return c;
}

/* splitmix64: a seeded generator, so every run checks the same cases. */
static uint64_t next_random(uint64_t *seed)
{
    uint64_t z = (*seed += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* ---- currencies ---- */

static void test_currency_table(void **state)
{
    (void)state;
    static const struct {
        const char *code;
        unsigned numeric, exponent;
    } cases[] = {
        {"NOK", 578, 2}, {"SEK", 752, 2}, {"DKK", 208, 2}, {"EUR", 978, 2}, {"ISK", 352, 0},
        {"USD", 840, 2}, {"GBP", 826, 2}, {"CHF", 756, 2}, {"JPY", 392, 0}, {"PLN", 985, 2},
        {"CAD", 124, 2}, {"AUD", 36, 2},  {"NZD", 554, 2}, {"CNY", 156, 2}, {"INR", 356, 2},
        {"BHD", 48, 3},  {"KWD", 414, 3}, {"CZK", 203, 2}, {"HUF", 348, 2}, {"RON", 946, 2},
        {"BGN", 975, 2}, {"OMR", 512, 3}, {"JOD", 400, 3}, {"TND", 788, 3}, {"KRW", 410, 0},
        {"CLP", 152, 0}, {"ZAR", 710, 2}, {"HKD", 344, 2}, {"SGD", 702, 2}, {"TRY", 949, 2},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        const struct vinn_currency *c = vinn_currency_find(cases[i].code);
        assert_non_null(c);
        assert_string_equal(c->code, cases[i].code);
        assert_int_equal(c->numeric, cases[i].numeric);
        assert_int_equal(c->exponent, cases[i].exponent);
    }
    static const char *const unknown[] = {"nok", "Nok", "XYZ", "", "NO", "NOKK", " NOK", "HRK"};
    for (size_t i = 0; i < COUNT(unknown); i++) {
        assert_null(vinn_currency_find(unknown[i]));
    }
    assert_null(vinn_currency_find(NULL));
}

static void test_currency_parse(void **state)
{
    (void)state;
    const struct vinn_currency *out = NULL;
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_currency_parse("SEK", "currency", &out, &e), VINN_OK);
    assert_string_equal(out->code, "SEK");
    const struct vinn_currency *before = out;
    assert_int_equal(vinn_currency_parse("XYZ", "invoice.currency", &out, &e),
                     VINN_E_CURRENCY_UNKNOWN);
    assert_ptr_equal(out, before);
    assert_string_equal(e.field, "invoice.currency");
    assert_string_equal(e.message, "currency 'XYZ' is not a known ISO 4217 code");
    vinn_error_clear(&e);
    assert_int_equal(vinn_currency_parse("", "currency", &out, &e), VINN_E_FIELD_REQUIRED);
    assert_int_equal(vinn_currency_parse(NULL, NULL, &out, NULL), VINN_E_FIELD_REQUIRED);
    assert_int_equal(vinn_currency_parse("nok", NULL, &out, NULL), VINN_E_CURRENCY_UNKNOWN);
    assert_ptr_equal(out, before);
}

/* ---- arithmetic ---- */

enum op { OP_ADD, OP_SUB, OP_MUL };

static vinn_err apply(enum op op, int64_t a, int64_t b, int64_t *out)
{
    switch (op) {
    case OP_ADD:
        return vinn_money_add(a, b, out);
    case OP_SUB:
        return vinn_money_sub(a, b, out);
    case OP_MUL:
        return vinn_money_mul(a, b, out);
    }
    return VINN_E_INTERNAL;
}

static void test_checked_arithmetic(void **state)
{
    (void)state;
    static const struct {
        enum op op;
        int64_t a, b;
        vinn_err err;
        int64_t want;
    } cases[] = {
        {OP_ADD, 0, 0, VINN_OK, 0},
        {OP_ADD, 1, 1, VINN_OK, 2},
        {OP_ADD, INT64_MAX, 0, VINN_OK, INT64_MAX},
        {OP_ADD, INT64_MAX, 1, VINN_E_AMOUNT_OVERFLOW, 0},
        {OP_ADD, INT64_MIN, -1, VINN_E_AMOUNT_OVERFLOW, 0},
        {OP_ADD, INT64_MIN, INT64_MAX, VINN_OK, -1},
        {OP_ADD, INT64_MAX, INT64_MAX, VINN_E_AMOUNT_OVERFLOW, 0},
        {OP_SUB, 0, 0, VINN_OK, 0},
        {OP_SUB, 1, 2, VINN_OK, -1},
        {OP_SUB, INT64_MAX, -1, VINN_E_AMOUNT_OVERFLOW, 0},
        {OP_SUB, INT64_MIN, 1, VINN_E_AMOUNT_OVERFLOW, 0},
        {OP_SUB, 0, INT64_MIN, VINN_E_AMOUNT_OVERFLOW, 0},
        {OP_SUB, -1, INT64_MIN, VINN_OK, INT64_MAX},
        {OP_SUB, INT64_MIN, INT64_MIN, VINN_OK, 0},
        {OP_MUL, 0, INT64_MIN, VINN_OK, 0},
        {OP_MUL, 1, INT64_MAX, VINN_OK, INT64_MAX},
        {OP_MUL, 1, INT64_MIN, VINN_OK, INT64_MIN},
        {OP_MUL, -1, INT64_MAX, VINN_OK, -INT64_MAX},
        {OP_MUL, -1, INT64_MIN, VINN_E_AMOUNT_OVERFLOW, 0},
        {OP_MUL, INT64_MAX, 2, VINN_E_AMOUNT_OVERFLOW, 0},
        {OP_MUL, 3037000499, 3037000499, VINN_OK, 9223372030926249001},
        {OP_MUL, 3037000500, 3037000500, VINN_E_AMOUNT_OVERFLOW, 0},
        {OP_MUL, -12345, 100, VINN_OK, -1234500},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        int64_t out = 777;
        assert_int_equal(apply(cases[i].op, cases[i].a, cases[i].b, &out), cases[i].err);
        assert_int_equal(out, cases[i].err == VINN_OK ? cases[i].want : 777);
    }
}

static void test_neg(void **state)
{
    (void)state;
    static const struct {
        int64_t a;
        vinn_err err;
        int64_t want;
    } cases[] = {
        {0, VINN_OK, 0},
        {1, VINN_OK, -1},
        {-1, VINN_OK, 1},
        {INT64_MAX, VINN_OK, -INT64_MAX},
        {-INT64_MAX, VINN_OK, INT64_MAX},
        {INT64_MIN, VINN_E_AMOUNT_OVERFLOW, 0},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        int64_t out = 777;
        assert_int_equal(vinn_money_neg(cases[i].a, &out), cases[i].err);
        assert_int_equal(out, cases[i].err == VINN_OK ? cases[i].want : 777);
    }
}

static void test_mul_div(void **state)
{
    (void)state;
    static const struct {
        int64_t amount, num, den;
        enum vinn_rounding mode;
        int64_t want;
    } cases[] = {
        /* 2.5 quantity x 19.99: 4997.5 -> per mode */
        {1999, 2500, 1000, VINN_ROUND_HALF_UP, 4998},
        {1999, 2500, 1000, VINN_ROUND_HALF_EVEN, 4998},
        {1999, 2500, 1000, VINN_ROUND_DOWN, 4997},
        {1999, 2500, 1000, VINN_ROUND_UP, 4998},
        {1999, 2500, 1000, VINN_ROUND_FLOOR, 4997},
        {1999, 2500, 1000, VINN_ROUND_CEILING, 4998},
        {-1999, 2500, 1000, VINN_ROUND_HALF_UP, -4998},
        {-1999, 2500, 1000, VINN_ROUND_HALF_EVEN, -4998},
        {-1999, 2500, 1000, VINN_ROUND_DOWN, -4997},
        {-1999, 2500, 1000, VINN_ROUND_UP, -4998},
        {-1999, 2500, 1000, VINN_ROUND_FLOOR, -4998},
        {-1999, 2500, 1000, VINN_ROUND_CEILING, -4997},
        /* 4996.5: half-even goes down to the even 4996 */
        {9993, 500, 1000, VINN_ROUND_HALF_UP, 4997},
        {9993, 500, 1000, VINN_ROUND_HALF_EVEN, 4996},
        {-9993, 500, 1000, VINN_ROUND_HALF_EVEN, -4996},
        {-9993, 500, 1000, VINN_ROUND_HALF_UP, -4997},
        /* not a half */
        {1000, 1, 3, VINN_ROUND_HALF_UP, 333},
        {1000, 2, 3, VINN_ROUND_HALF_UP, 667},
        {1000, 2, 3, VINN_ROUND_DOWN, 666},
        {-1000, 1, 3, VINN_ROUND_FLOOR, -334},
        {-1000, 1, 3, VINN_ROUND_CEILING, -333},
        {0, 12345, 7, VINN_ROUND_UP, 0},
        /* exact through 128 bits: INT64_MAX * 1000 / 1000 */
        {INT64_MAX, 1000, 1000, VINN_ROUND_DOWN, INT64_MAX},
        {INT64_MIN, 1000, 1000, VINN_ROUND_DOWN, INT64_MIN},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        int64_t out = 777;
        assert_int_equal(vinn_money_mul_div(cases[i].amount, cases[i].num, cases[i].den,
                                            cases[i].mode, &out),
                         VINN_OK);
        assert_int_equal(out, cases[i].want);
    }
    int64_t out = 777;
    assert_int_equal(vinn_money_mul_div(100, 1, 0, VINN_ROUND_HALF_UP, &out),
                     VINN_E_DIVISION_BY_ZERO);
    assert_int_equal(vinn_money_mul_div(100, 1, -1, VINN_ROUND_HALF_UP, &out),
                     VINN_E_DIVISION_BY_ZERO);
    assert_int_equal(vinn_money_mul_div(INT64_MIN, INT64_MIN, INT64_MAX, VINN_ROUND_DOWN, &out),
                     VINN_E_AMOUNT_OVERFLOW);
    assert_int_equal(vinn_money_mul_div(INT64_MAX, 2, 1, VINN_ROUND_DOWN, &out),
                     VINN_E_AMOUNT_OVERFLOW);
    assert_int_equal(vinn_money_mul_div(INT64_MIN, -1, 1, VINN_ROUND_DOWN, &out),
                     VINN_E_AMOUNT_OVERFLOW);
    assert_int_equal(out, 777);
}

/* ---- vinn_decimal_parse ---- */

static void test_decimal_parse(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        uint32_t decimals;
        int64_t want;
    } cases[] = {
        {"25", 2, 2500},
        {"25.5", 2, 2550},
        {"12,5", 2, 1250},
        {"-1.25", 3, -1250},
        {"0.001", 3, 1},
        {"+7", 0, 7},
        {"  3,000 ", 3, 3000},
        {"\t1\t", 3, 1000},
        {"-0", 2, 0},
        {"007", 0, 7},
        {"9223372036854775807", 0, INT64_MAX},
        {"-9223372036854775808", 0, INT64_MIN},
        {"92233720368547758.07", 2, INT64_MAX},
        {"-92233720368547758.08", 2, INT64_MIN},
        {"1", 18, 1000000000000000000},
        {"100.00", 2, 10000},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        int64_t out = 777;
        struct vinn_error e;
        vinn_error_clear(&e);
        assert_int_equal(vinn_decimal_parse(cases[i].text, cases[i].decimals, "quantity", &out,
                                            &e),
                         VINN_OK);
        assert_int_equal(out, cases[i].want);
    }
}

static void test_decimal_parse_errors(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        uint32_t decimals;
        vinn_err err;
        const char *message;
    } cases[] = {
        {"", 3, VINN_E_FIELD_REQUIRED, "'quantity' is required"},
        {"   ", 3, VINN_E_FIELD_REQUIRED, "'quantity' is required"},
        {"abc", 3, VINN_E_NOT_A_NUMBER, "quantity 'abc' is not a number"},
        {"1.2345", 3, VINN_E_NUMBER_OUT_OF_RANGE, "quantity '1.2345' has more than 3 decimals"},
        {"1.5", 0, VINN_E_NUMBER_OUT_OF_RANGE, "quantity '1.5' has more than 0 decimals"},
        {"9223372036854775808", 0, VINN_E_NUMBER_OUT_OF_RANGE,
         "quantity '9223372036854775808' is out of range"},
        {"-9223372036854775809", 0, VINN_E_NUMBER_OUT_OF_RANGE,
         "quantity '-9223372036854775809' is out of range"},
        {"10000000000000000", 3, VINN_E_NUMBER_OUT_OF_RANGE,
         "quantity '10000000000000000' is out of range"},
        {"99999999999999999999999", 0, VINN_E_NUMBER_OUT_OF_RANGE,
         "quantity '99999999999999999999999' is out of range"},
        {"--1", 3, VINN_E_NOT_A_NUMBER, "quantity '--1' is not a number"},
        {"-", 3, VINN_E_NOT_A_NUMBER, "quantity '-' is not a number"},
        {"1.", 3, VINN_E_NOT_A_NUMBER, "quantity '1.' is not a number"},
        {".5", 3, VINN_E_NOT_A_NUMBER, "quantity '.5' is not a number"},
        {"1.2.3", 3, VINN_E_NOT_A_NUMBER, "quantity '1.2.3' is not a number"},
        {"1 000", 3, VINN_E_NOT_A_NUMBER, "quantity '1 000' is not a number"},
        {"1e3", 3, VINN_E_NOT_A_NUMBER, "quantity '1e3' is not a number"},
        {"- 1", 3, VINN_E_NOT_A_NUMBER, "quantity '- 1' is not a number"},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        int64_t out = 777;
        struct vinn_error e;
        vinn_error_clear(&e);
        assert_int_equal(vinn_decimal_parse(cases[i].text, cases[i].decimals, "quantity", &out,
                                            &e),
                         cases[i].err);
        assert_int_equal(out, 777);
        assert_int_equal(e.code, cases[i].err);
        assert_string_equal(e.field, "quantity");
        assert_string_equal(e.message, cases[i].message);
    }
    int64_t out = 777;
    assert_int_equal(vinn_decimal_parse(NULL, 2, NULL, &out, NULL), VINN_E_FIELD_REQUIRED);
    assert_int_equal(out, 777);
}

/* ---- vinn_money_parse ---- */

static void test_money_parse(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        const char *code;
        int64_t want;
    } cases[] = {
        {"1234.50", "NOK", 123450},
        {"1234,50", "NOK", 123450},
        {"1 234,50", "NOK", 123450},
        {"1 234.50", "NOK", 123450},
        {"1.234,50", "NOK", 123450},
        {"1,234.50", "NOK", 123450},
        {"1234", "NOK", 123400},
        {"-12,5", "NOK", -1250},
        {"+7", "NOK", 700},
        {"0,05", "NOK", 5},
        {"1" NBSP "234,50", "NOK", 123450},
        {"1" NNBSP "234,50", "SEK", 123450},
        {"1'234.50", "CHF", 123450},
        {"1'234'567.89", "CHF", 123456789},
        {"  1 234,50  ", "NOK", 123450},
        {NBSP "12" NBSP, "NOK", 1200},
        {"1,234", "NOK", 123400},
        {"1.234", "NOK", 123400},
        {"1.234.567", "NOK", 123456700},
        {"1,234,567", "USD", 123456700},
        {"1.234.567,89", "DKK", 123456789},
        {"1,234,567.89", "USD", 123456789},
        {"12 345 678,9", "NOK", 1234567890},
        {"0", "NOK", 0},
        {"-0", "NOK", 0},
        {"007", "NOK", 700},
        {"12345.67", "NOK", 1234567},
        {"1234,5", "EUR", 123450},
        /* exponent 3: a lone mark is always the decimal mark */
        {"1,234", "BHD", 1234},
        {"1.234", "KWD", 1234},
        {"1 234,567", "BHD", 1234567},
        {"1.234,567", "BHD", 1234567},
        {"12", "BHD", 12000},
        /* exponent 0 */
        {"1 000", "JPY", 1000},
        {"1,000", "JPY", 1000},
        {"1.000.000", "ISK", 1000000},
        {"-1 500", "ISK", -1500},
        {"1000", "JPY", 1000},
        /* the edges of int64_t */
        {"92233720368547758.07", "NOK", INT64_MAX},
        {"92233720368547758", "NOK", INT64_MAX - 7},
        {"-92233720368547758.08", "NOK", INT64_MIN},
        {"-92" NBSP "233" NBSP "720" NBSP "368" NBSP "547" NBSP "758,08", "NOK", INT64_MIN},
        {"9223372036854775807", "JPY", INT64_MAX},
        {"-9223372036854775808", "JPY", INT64_MIN},
        {"9223372036854775.807", "BHD", INT64_MAX},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        int64_t out = 777;
        struct vinn_error e;
        vinn_error_clear(&e);
        vinn_err err = vinn_money_parse(cases[i].text, cur(cases[i].code), "amount", &out, &e);
        if (err != VINN_OK) {
            fail_msg("'%s' %s: %s", cases[i].text, cases[i].code, e.message);
        }
        assert_int_equal(out, cases[i].want);
    }
}

struct parse_error_case {
    const char *text;
    const char *code;
    vinn_err err;
    const char *message; /* NULL: not checked */
};

static void check_parse_errors(const struct parse_error_case *cases, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        int64_t out = 777;
        struct vinn_error e;
        vinn_error_clear(&e);
        vinn_err err = vinn_money_parse(cases[i].text, cur(cases[i].code), "amount", &out, &e);
        if (err != cases[i].err) {
            fail_msg("'%s' %s: got %d want %d (%s)", cases[i].text, cases[i].code, (int)err,
                     (int)cases[i].err, e.message);
        }
        assert_int_equal(out, 777);
        assert_int_equal(e.code, cases[i].err);
        assert_string_equal(e.field, "amount");
        if (cases[i].message != NULL) {
            assert_string_equal(e.message, cases[i].message);
        }
    }
}

static void test_money_parse_errors(void **state)
{
    (void)state;
    static const struct parse_error_case cases[] = {
        {"", "NOK", VINN_E_FIELD_REQUIRED, "'amount' is required"},
        {" ", "NOK", VINN_E_FIELD_REQUIRED, "'amount' is required"},
        {NBSP " \t", "NOK", VINN_E_FIELD_REQUIRED, NULL},
        {"12a", "NOK", VINN_E_AMOUNT_SYNTAX, "amount '12a' is not a number"},
        {"1.2.3,4", "NOK", VINN_E_AMOUNT_SYNTAX, "amount '1.2.3,4' is not a number"},
        {"1,23,4", "NOK", VINN_E_AMOUNT_SYNTAX, "amount '1,23,4' is not a number"},
        {"--1", "NOK", VINN_E_AMOUNT_SYNTAX, "amount '--1' is not a number"},
        {"+-1", "NOK", VINN_E_AMOUNT_SYNTAX, NULL},
        {"-", "NOK", VINN_E_AMOUNT_SYNTAX, NULL},
        {"- 1", "NOK", VINN_E_AMOUNT_SYNTAX, NULL},
        {"1.2345", "NOK", VINN_E_AMOUNT_TOO_MANY_DECIMALS,
         "amount '1.2345' has more decimals than NOK allows (2)"},
        {"0,050", "NOK", VINN_E_AMOUNT_TOO_MANY_DECIMALS,
         "amount '0,050' has more decimals than NOK allows (2)"},
        {"1 234,567", "NOK", VINN_E_AMOUNT_TOO_MANY_DECIMALS, NULL},
        {"12345.678", "NOK", VINN_E_AMOUNT_TOO_MANY_DECIMALS, NULL},
        {"1,234.567", "USD", VINN_E_AMOUNT_TOO_MANY_DECIMALS, NULL},
        {"1.2345", "BHD", VINN_E_AMOUNT_TOO_MANY_DECIMALS,
         "amount '1.2345' has more decimals than BHD allows (3)"},
        {"10,5", "JPY", VINN_E_AMOUNT_TOO_MANY_DECIMALS,
         "amount '10,5' has more decimals than JPY allows (0)"},
        {"1.5", "ISK", VINN_E_AMOUNT_TOO_MANY_DECIMALS, NULL},
        {"1 000,00", "JPY", VINN_E_AMOUNT_TOO_MANY_DECIMALS, NULL},
        {"99999999999999999999", "NOK", VINN_E_AMOUNT_OVERFLOW,
         "amount '99999999999999999999' does not fit in 64-bit minor units of NOK"},
        {"92233720368547758.08", "NOK", VINN_E_AMOUNT_OVERFLOW, NULL},
        {"-92233720368547758.09", "NOK", VINN_E_AMOUNT_OVERFLOW, NULL},
        {"92233720368547759", "NOK", VINN_E_AMOUNT_OVERFLOW, NULL},
        {"-92233720368547759", "NOK", VINN_E_AMOUNT_OVERFLOW, NULL},
        {"9223372036854775808", "JPY", VINN_E_AMOUNT_OVERFLOW, NULL},
        {"12345678901234567890123", "JPY", VINN_E_AMOUNT_OVERFLOW, NULL},
    };
    check_parse_errors(cases, COUNT(cases));
    int64_t out = 777;
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_money_parse("1x", cur("NOK"), "lines[2].unit_price", &out, &e),
                     VINN_E_AMOUNT_SYNTAX);
    assert_string_equal(e.field, "lines[2].unit_price");
    assert_string_equal(e.message, "lines[2].unit_price '1x' is not a number");
    assert_int_equal(vinn_money_parse(NULL, cur("NOK"), NULL, &out, NULL), VINN_E_FIELD_REQUIRED);
    assert_int_equal(out, 777);
}

static void test_money_parse_separator_errors(void **state)
{
    (void)state;
    static const struct parse_error_case cases[] = {
        /* separators out of place */
        {"1,", "NOK", VINN_E_AMOUNT_SYNTAX, NULL},
        {",5", "NOK", VINN_E_AMOUNT_SYNTAX, NULL},
        {".", "NOK", VINN_E_AMOUNT_SYNTAX, NULL},
        {"1  234", "NOK", VINN_E_AMOUNT_SYNTAX, NULL},
        {"1 ,5", "NOK", VINN_E_AMOUNT_SYNTAX, NULL},
        {"1 23", "NOK", VINN_E_AMOUNT_SYNTAX, NULL},
        {"1 2345", "NOK", VINN_E_AMOUNT_SYNTAX, NULL},
        {"1234 567", "NOK", VINN_E_AMOUNT_SYNTAX, NULL},
        {"0 123", "NOK", VINN_E_AMOUNT_SYNTAX, NULL},
        {"1,234,56", "NOK", VINN_E_AMOUNT_SYNTAX, NULL},
        {"1,234.567.8", "NOK", VINN_E_AMOUNT_SYNTAX, NULL},
        {"1.234,5,6", "NOK", VINN_E_AMOUNT_SYNTAX, NULL},
        {"1,5 000", "NOK", VINN_E_AMOUNT_SYNTAX, NULL},
        {"1 234'567", "CHF", VINN_E_AMOUNT_SYNTAX, NULL},
        {"1 234.567,50", "NOK", VINN_E_AMOUNT_SYNTAX, NULL},
        {"1" "\xc2" "234", "NOK", VINN_E_AMOUNT_SYNTAX, NULL},
        {"1\t234", "NOK", VINN_E_AMOUNT_SYNTAX, NULL},
        {"1e3", "NOK", VINN_E_AMOUNT_SYNTAX, NULL},
        {"NOK 12", "NOK", VINN_E_AMOUNT_SYNTAX, NULL},
        {"12 kr", "NOK", VINN_E_AMOUNT_SYNTAX, NULL},
        {"(12)", "NOK", VINN_E_AMOUNT_SYNTAX, NULL},
    };
    check_parse_errors(cases, COUNT(cases));
}

/* ---- formatting ---- */

static void test_format(void **state)
{
    (void)state;
    static const struct {
        int64_t amount;
        const char *code;
        enum vinn_lang lang;
        unsigned flags;
        const char *want;
    } cases[] = {
        {123450, "NOK", VINN_LANG_NB, 0, "1" NBSP "234,50"},
        {123450, "SEK", VINN_LANG_SV, 0, "1" NBSP "234,50"},
        {123450, "EUR", VINN_LANG_FI, 0, "1" NBSP "234,50"},
        {123450, "DKK", VINN_LANG_DA, 0, "1.234,50"},
        {123450, "USD", VINN_LANG_EN, 0, "1,234.50"},
        {123450, "NOK", VINN_LANG_NB, VINN_FMT_PLAIN_SPACE, "1 234,50"},
        {123450, "DKK", VINN_LANG_DA, VINN_FMT_PLAIN_SPACE, "1.234,50"},
        {123450, "USD", VINN_LANG_EN, VINN_FMT_PLAIN_SPACE, "1,234.50"},
        {123450, "NOK", VINN_LANG_NB, VINN_FMT_CODE, "1" NBSP "234,50" NBSP "NOK"},
        {123450, "NOK", VINN_LANG_NB, VINN_FMT_CODE | VINN_FMT_PLAIN_SPACE, "1 234,50 NOK"},
        {123450, "SEK", VINN_LANG_SV, VINN_FMT_CODE | VINN_FMT_PLAIN_SPACE, "1 234,50 SEK"},
        {123450, "EUR", VINN_LANG_FI, VINN_FMT_CODE | VINN_FMT_PLAIN_SPACE, "1 234,50 EUR"},
        {123450, "DKK", VINN_LANG_DA, VINN_FMT_CODE, "1.234,50" NBSP "DKK"},
        {123450, "NOK", VINN_LANG_EN, VINN_FMT_CODE, "NOK" NBSP "1,234.50"},
        {123450, "NOK", VINN_LANG_EN, VINN_FMT_CODE | VINN_FMT_PLAIN_SPACE, "NOK 1,234.50"},
        {-123450, "NOK", VINN_LANG_NB, 0, "-1" NBSP "234,50"},
        {-123450, "DKK", VINN_LANG_DA, VINN_FMT_CODE | VINN_FMT_PLAIN_SPACE, "-1.234,50 DKK"},
        {-123450, "NOK", VINN_LANG_EN, VINN_FMT_CODE | VINN_FMT_PLAIN_SPACE, "-NOK 1,234.50"},
        {-5, "NOK", VINN_LANG_EN, 0, "-0.05"},
        {0, "NOK", VINN_LANG_NB, 0, "0,00"},
        {0, "NOK", VINN_LANG_EN, 0, "0.00"},
        {0, "JPY", VINN_LANG_EN, 0, "0"},
        {5, "NOK", VINN_LANG_NB, 0, "0,05"},
        {5, "NOK", VINN_LANG_DA, 0, "0,05"},
        {5, "NOK", VINN_LANG_EN, 0, "0.05"},
        {5, "BHD", VINN_LANG_EN, 0, "0.005"},
        {99, "NOK", VINN_LANG_NB, 0, "0,99"},
        {100, "NOK", VINN_LANG_NB, 0, "1,00"},
        {99999, "NOK", VINN_LANG_NB, 0, "999,99"},
        {100000, "NOK", VINN_LANG_NB, 0, "1" NBSP "000,00"},
        {100000000, "NOK", VINN_LANG_DA, 0, "1.000.000,00"},
        {1234567, "JPY", VINN_LANG_EN, 0, "1,234,567"},
        {1234567, "ISK", VINN_LANG_NB, VINN_FMT_CODE | VINN_FMT_PLAIN_SPACE, "1 234 567 ISK"},
        {-999, "JPY", VINN_LANG_DA, 0, "-999"},
        {1234567, "KWD", VINN_LANG_EN, 0, "1,234.567"},
        {INT64_MAX, "NOK", VINN_LANG_NB, VINN_FMT_PLAIN_SPACE, "92 233 720 368 547 758,07"},
        {INT64_MIN, "NOK", VINN_LANG_NB, VINN_FMT_PLAIN_SPACE, "-92 233 720 368 547 758,08"},
        {INT64_MIN, "NOK", VINN_LANG_SV, 0,
         "-92" NBSP "233" NBSP "720" NBSP "368" NBSP "547" NBSP "758,08"},
        {INT64_MIN, "NOK", VINN_LANG_DA, 0, "-92.233.720.368.547.758,08"},
        {INT64_MIN, "NOK", VINN_LANG_EN, 0, "-92,233,720,368,547,758.08"},
        {INT64_MAX, "EUR", VINN_LANG_FI, VINN_FMT_PLAIN_SPACE, "92 233 720 368 547 758,07"},
        {INT64_MIN, "JPY", VINN_LANG_EN, VINN_FMT_CODE,
         "-JPY" NBSP "9,223,372,036,854,775,808"},
        {INT64_MAX, "JPY", VINN_LANG_EN, 0, "9,223,372,036,854,775,807"},
        {INT64_MIN, "BHD", VINN_LANG_DA, 0, "-9.223.372.036.854.775,808"},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        char out[VINN_MONEY_TEXT_MAX];
        assert_int_equal(vinn_money_format(cases[i].amount, cur(cases[i].code), cases[i].lang,
                                           cases[i].flags, out, sizeof(out)),
                         VINN_OK);
        assert_string_equal(out, cases[i].want);
    }
}

static void test_format_longest_fits(void **state)
{
    (void)state;
    /* The longest text: INT64_MIN of an exponent-0 currency, code and NBSPs. */
    char out[VINN_MONEY_TEXT_MAX];
    assert_int_equal(vinn_money_format(INT64_MIN, cur("JPY"), VINN_LANG_NB, VINN_FMT_CODE, out,
                                       sizeof(out)),
                     VINN_OK);
    assert_string_equal(out, "-9" NBSP "223" NBSP "372" NBSP "036" NBSP "854" NBSP "775" NBSP
                             "808" NBSP "JPY");
    assert_true(strlen(out) < VINN_MONEY_TEXT_MAX);
}

static void test_format_cap(void **state)
{
    (void)state;
    const char *want = "1" NBSP "234,50";
    size_t need = strlen(want) + 1;
    char out[VINN_MONEY_TEXT_MAX];
    for (size_t cap = 1; cap < need; cap++) {
        memset(out, 'x', sizeof(out));
        assert_int_equal(vinn_money_format(123450, cur("NOK"), VINN_LANG_NB, 0, out, cap),
                         VINN_E_LIMIT_EXCEEDED);
        assert_int_equal(out[0], '\0');
        assert_int_equal(out[cap], 'x');
    }
    assert_int_equal(vinn_money_format(123450, cur("NOK"), VINN_LANG_NB, 0, NULL, 0),
                     VINN_E_LIMIT_EXCEEDED);
    memset(out, 'x', sizeof(out));
    assert_int_equal(vinn_money_format(123450, cur("NOK"), VINN_LANG_NB, 0, out, need), VINN_OK);
    assert_string_equal(out, want);
    assert_int_equal(vinn_money_format_plain(123450, cur("NOK"), out, 7), VINN_E_LIMIT_EXCEEDED);
    assert_string_equal(out, "");
    assert_int_equal(vinn_money_format_plain(123450, cur("NOK"), out, 8), VINN_OK);
    assert_string_equal(out, "1234.50");
}

static void test_format_plain(void **state)
{
    (void)state;
    static const struct {
        int64_t amount;
        const char *code;
        const char *want;
    } cases[] = {
        {123450, "NOK", "1234.50"},
        {-5, "NOK", "-0.05"},
        {0, "NOK", "0.00"},
        {1000, "JPY", "1000"},
        {-1, "JPY", "-1"},
        {1, "BHD", "0.001"},
        {INT64_MAX, "NOK", "92233720368547758.07"},
        {INT64_MIN, "NOK", "-92233720368547758.08"},
        {INT64_MIN, "ISK", "-9223372036854775808"},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        char out[VINN_MONEY_TEXT_MAX];
        assert_int_equal(vinn_money_format_plain(cases[i].amount, cur(cases[i].code), out,
                                                 sizeof(out)),
                         VINN_OK);
        assert_string_equal(out, cases[i].want);
        int64_t back = 0;
        assert_int_equal(vinn_money_parse(out, cur(cases[i].code), "amount", &back, NULL),
                         VINN_OK);
        assert_int_equal(back, cases[i].amount);
    }
}

static void round_trip(int64_t amount, const struct vinn_currency *c)
{
    static const enum vinn_lang langs[] = {VINN_LANG_EN, VINN_LANG_NB, VINN_LANG_SV,
                                           VINN_LANG_FI, VINN_LANG_DA};
    static const unsigned flag_sets[] = {0, VINN_FMT_PLAIN_SPACE};
    for (size_t l = 0; l < COUNT(langs); l++) {
        for (size_t f = 0; f < COUNT(flag_sets); f++) {
            char text[VINN_MONEY_TEXT_MAX];
            assert_int_equal(vinn_money_format(amount, c, langs[l], flag_sets[f], text,
                                               sizeof(text)),
                             VINN_OK);
            int64_t back = amount ^ 1;
            struct vinn_error e;
            vinn_error_clear(&e);
            if (vinn_money_parse(text, c, "amount", &back, &e) != VINN_OK || back != amount) {
                fail_msg("'%s' (%s) did not parse back to %lld: %s", text, c->code,
                         (long long)amount, e.message);
            }
        }
    }
    char plain[VINN_MONEY_TEXT_MAX];
    assert_int_equal(vinn_money_format_plain(amount, c, plain, sizeof(plain)), VINN_OK);
    int64_t back = amount ^ 1;
    assert_int_equal(vinn_money_parse(plain, c, "amount", &back, NULL), VINN_OK);
    assert_int_equal(back, amount);
}

static void test_format_parse_round_trip(void **state)
{
    (void)state;
    static const char *const codes[] = {"NOK", "SEK", "DKK", "EUR", "JPY", "ISK", "BHD", "KWD"};
    static const int64_t edges[] = {0,         1,         -1,           5,         99,
                                    100,       999,       1000,         1234,      99999,
                                    100000,    123456,    -123456,      1000000,   1234567,
                                    INT64_MAX, INT64_MIN, INT64_MAX - 1, INT64_MIN + 1};
    uint64_t seed = 20260401;
    for (size_t c = 0; c < COUNT(codes); c++) {
        const struct vinn_currency *currency = cur(codes[c]);
        for (size_t i = 0; i < COUNT(edges); i++) {
            round_trip(edges[i], currency);
        }
        for (int i = 0; i < 2000; i++) {
            uint64_t r = next_random(&seed);
            /* every magnitude from 1 to 19 digits, both signs */
            int shift = (int)(r % 63);
            int64_t amount = (int64_t)(next_random(&seed) >> (shift + 1));
            round_trip((r & 64) ? -amount : amount, currency);
        }
    }
}

/* ---- VAT ---- */

static void test_vat_from_net(void **state)
{
    (void)state;
    static const struct {
        int64_t net;
        int32_t rate_bp;
        enum vinn_rounding mode;
        int64_t vat, gross;
    } cases[] = {
        {10000, 2500, VINN_ROUND_HALF_UP, 2500, 12500},
        {10000, 2550, VINN_ROUND_HALF_UP, 2550, 12550},
        {10000, 1500, VINN_ROUND_HALF_UP, 1500, 11500},
        {10000, 1200, VINN_ROUND_HALF_UP, 1200, 11200},
        {10000, 0, VINN_ROUND_HALF_UP, 0, 10000},
        {10000, 10000, VINN_ROUND_HALF_UP, 10000, 20000},
        {1999, 2500, VINN_ROUND_HALF_UP, 500, 2499},        /* 499.75 */
        {1998, 2500, VINN_ROUND_HALF_UP, 500, 2498},        /* 499.5 */
        {1998, 2500, VINN_ROUND_HALF_EVEN, 500, 2498},      /* 499.5 -> even 500 */
        {1994, 2500, VINN_ROUND_HALF_EVEN, 498, 2492},      /* 498.5 -> even 498 */
        {1994, 2500, VINN_ROUND_DOWN, 498, 2492},
        {1999, 2500, VINN_ROUND_DOWN, 499, 2498},
        {-1998, 2500, VINN_ROUND_HALF_UP, -500, -2498},
        {-1999, 2500, VINN_ROUND_FLOOR, -500, -2499},
        {-1999, 2500, VINN_ROUND_CEILING, -499, -2498},
        {333, 2550, VINN_ROUND_HALF_UP, 85, 418},           /* 84.915 */
        {1, 1500, VINN_ROUND_UP, 1, 2},
        {0, 2500, VINN_ROUND_UP, 0, 0},
        {INT64_MAX, 0, VINN_ROUND_HALF_UP, 0, INT64_MAX},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        int64_t vat = 777;
        int64_t gross = 777;
        assert_int_equal(vinn_vat_from_net(cases[i].net, cases[i].rate_bp, cases[i].mode, &vat,
                                           &gross),
                         VINN_OK);
        assert_int_equal(vat, cases[i].vat);
        assert_int_equal(gross, cases[i].gross);
    }
}

static void test_vat_from_gross(void **state)
{
    (void)state;
    static const struct {
        int64_t gross;
        int32_t rate_bp;
        enum vinn_rounding mode;
        int64_t net, vat;
    } cases[] = {
        {12500, 2500, VINN_ROUND_HALF_UP, 10000, 2500},
        {10000, 2550, VINN_ROUND_HALF_UP, 7968, 2032},   /* 2031.87 */
        {10000, 2550, VINN_ROUND_DOWN, 7969, 2031},
        {11500, 1500, VINN_ROUND_HALF_UP, 10000, 1500},
        {11200, 1200, VINN_ROUND_HALF_UP, 10000, 1200},
        {10000, 2500, VINN_ROUND_HALF_UP, 8000, 2000},
        {10000, 1500, VINN_ROUND_HALF_UP, 8696, 1304},   /* 1304.35 */
        {10000, 1200, VINN_ROUND_HALF_UP, 8929, 1071},   /* 1071.43 */
        {10000, 0, VINN_ROUND_HALF_UP, 10000, 0},
        {10000, 10000, VINN_ROUND_HALF_UP, 5000, 5000},
        {5, 2500, VINN_ROUND_HALF_UP, 4, 1},             /* 1.0 */
        {3, 10000, VINN_ROUND_HALF_UP, 1, 2},            /* 1.5 */
        {3, 10000, VINN_ROUND_HALF_EVEN, 1, 2},          /* 1.5 -> even 2 */
        {5, 10000, VINN_ROUND_HALF_EVEN, 3, 2},          /* 2.5 -> even 2 */
        {-12500, 2500, VINN_ROUND_HALF_UP, -10000, -2500},
        {-10000, 2550, VINN_ROUND_HALF_UP, -7968, -2032},
        {-10000, 2550, VINN_ROUND_FLOOR, -7968, -2032},
        {-10000, 2550, VINN_ROUND_CEILING, -7969, -2031},
        {INT64_MAX, 2500, VINN_ROUND_HALF_UP, 7378697629483820646, 1844674407370955161},
        {INT64_MIN, 2500, VINN_ROUND_HALF_UP, -7378697629483820646, -1844674407370955162},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        int64_t net = 777;
        int64_t vat = 777;
        assert_int_equal(vinn_vat_from_gross(cases[i].gross, cases[i].rate_bp, cases[i].mode,
                                             &net, &vat),
                         VINN_OK);
        assert_int_equal(net, cases[i].net);
        assert_int_equal(vat, cases[i].vat);
        assert_int_equal(net + vat, cases[i].gross);
    }
}

static void test_vat_errors(void **state)
{
    (void)state;
    static const int32_t bad_rates[] = {-1, 10001, INT32_MIN, INT32_MAX};
    for (size_t i = 0; i < COUNT(bad_rates); i++) {
        int64_t a = 777;
        int64_t b = 778;
        assert_int_equal(vinn_vat_from_net(10000, bad_rates[i], VINN_ROUND_HALF_UP, &a, &b),
                         VINN_E_VAT_RATE_INVALID);
        assert_int_equal(vinn_vat_from_gross(10000, bad_rates[i], VINN_ROUND_HALF_UP, &a, &b),
                         VINN_E_VAT_RATE_INVALID);
        assert_int_equal(a, 777);
        assert_int_equal(b, 778);
    }
    int64_t a = 777;
    int64_t b = 778;
    assert_int_equal(vinn_vat_from_net(INT64_MAX, 2500, VINN_ROUND_HALF_UP, &a, &b),
                     VINN_E_AMOUNT_OVERFLOW);
    assert_int_equal(vinn_vat_from_net(INT64_MIN, 1, VINN_ROUND_HALF_UP, &a, &b),
                     VINN_E_AMOUNT_OVERFLOW);
    assert_int_equal(a, 777);
    assert_int_equal(b, 778);
}

static void test_vat_invariants(void **state)
{
    (void)state;
    static const int32_t rates[] = {0, 1200, 1400, 1500, 2400, 2500, 2550, 10000};
    static const enum vinn_rounding modes[] = {VINN_ROUND_HALF_UP, VINN_ROUND_HALF_EVEN,
                                               VINN_ROUND_DOWN, VINN_ROUND_FLOOR};
    uint64_t seed = 42;
    for (int i = 0; i < 5000; i++) {
        int64_t amount = (int64_t)(next_random(&seed) % 2000000001u) - 1000000000;
        int32_t rate = rates[next_random(&seed) % COUNT(rates)];
        enum vinn_rounding mode = modes[next_random(&seed) % COUNT(modes)];
        int64_t vat = 0;
        int64_t gross = 0;
        int64_t net = 0;
        assert_int_equal(vinn_vat_from_net(amount, rate, mode, &vat, &gross), VINN_OK);
        assert_int_equal(amount + vat, gross);
        assert_int_equal(vinn_vat_from_gross(amount, rate, mode, &net, &vat), VINN_OK);
        assert_int_equal(net + vat, amount);
        /* the VAT is within half a unit (one for directed modes) of exact */
        vinn_i128 exact_x = (vinn_i128)amount * rate; /* vat * (10000 + rate) ~ exact_x */
        vinn_i128 diff = (vinn_i128)vat * (10000 + rate) - exact_x;
        if (diff < 0) {
            diff = -diff;
        }
        assert_true(diff <= (vinn_i128)(10000 + rate));
    }
}

/* ---- splits ---- */

static void test_split(void **state)
{
    (void)state;
    static const struct {
        int64_t total;
        uint32_t n;
        int64_t want[4];
    } cases[] = {
        {100, 3, {34, 33, 33}},
        {-100, 3, {-34, -33, -33}},
        {101, 3, {34, 34, 33}},
        {-101, 3, {-34, -34, -33}},
        {99, 3, {33, 33, 33}},
        {0, 4, {0, 0, 0, 0}},
        {2, 4, {1, 1, 0, 0}},
        {-2, 4, {-1, -1, 0, 0}},
        {7, 1, {7}},
        {INT64_MAX, 1, {INT64_MAX}},
        {INT64_MIN, 1, {INT64_MIN}},
        {INT64_MAX, 2, {4611686018427387904, 4611686018427387903}},
        {INT64_MIN, 2, {-4611686018427387904, -4611686018427387904}},
        {INT64_MIN, 3, {-3074457345618258603, -3074457345618258603, -3074457345618258602}},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        int64_t parts[4] = {777, 777, 777, 777};
        assert_int_equal(vinn_money_split(cases[i].total, cases[i].n, parts), VINN_OK);
        for (uint32_t k = 0; k < cases[i].n; k++) {
            assert_int_equal(parts[k], cases[i].want[k]);
        }
    }
}

static void test_split_limits(void **state)
{
    (void)state;
    static int64_t parts[VINN_SPLIT_MAX + 1];
    for (size_t i = 0; i < COUNT(parts); i++) {
        parts[i] = 777;
    }
    assert_int_equal(vinn_money_split(100, 0, parts), VINN_E_SPLIT_INVALID);
    assert_int_equal(vinn_money_split(100, VINN_SPLIT_MAX + 1, parts), VINN_E_SPLIT_INVALID);
    assert_int_equal(vinn_money_split(100, UINT32_MAX, parts), VINN_E_SPLIT_INVALID);
    assert_int_equal(parts[0], 777);
    assert_int_equal(vinn_money_split(1999, VINN_SPLIT_MAX, parts), VINN_OK);
    assert_int_equal(parts[0], 2);
    assert_int_equal(parts[998], 2);
    assert_int_equal(parts[999], 1);
    assert_int_equal(parts[VINN_SPLIT_MAX], 777);
    assert_int_equal(vinn_money_split(-5, VINN_SPLIT_MAX, parts), VINN_OK);
    assert_int_equal(parts[4], -1);
    assert_int_equal(parts[5], 0);
    assert_int_equal(parts[999], 0);
}

static void test_split_property(void **state)
{
    (void)state;
    static int64_t parts[VINN_SPLIT_MAX];
    uint64_t seed = 7;
    for (int i = 0; i < 3000; i++) {
        uint64_t r = next_random(&seed);
        int64_t total = (int64_t)next_random(&seed) >> (r % 64);
        uint32_t n = 1 + (uint32_t)(next_random(&seed) % VINN_SPLIT_MAX);
        assert_int_equal(vinn_money_split(total, n, parts), VINN_OK);
        vinn_i128 sum = 0;
        int64_t lo = parts[0];
        int64_t hi = parts[0];
        for (uint32_t k = 0; k < n; k++) {
            sum += parts[k];
            lo = parts[k] < lo ? parts[k] : lo;
            hi = parts[k] > hi ? parts[k] : hi;
            /* the larger parts come first */
            if (k > 0) {
                assert_true(total >= 0 ? parts[k] <= parts[k - 1] : parts[k] >= parts[k - 1]);
            }
        }
        assert_true(sum == total);
        assert_true((vinn_i128)hi - lo <= 1);
    }
}

static void test_allocate(void **state)
{
    (void)state;
    static const struct {
        int64_t total;
        uint32_t n;
        int64_t weights[4];
        int64_t want[4];
    } cases[] = {
        {100, 3, {1, 1, 1}, {34, 33, 33}},
        {-100, 3, {1, 1, 1}, {-34, -33, -33}},
        {100, 2, {1, 3}, {25, 75}},
        {100, 3, {0, 1, 0}, {0, 100, 0}},
        {101, 2, {1, 1}, {51, 50}},
        {10, 3, {50, 30, 20}, {5, 3, 2}},
        {1000, 3, {1, 2, 3}, {167, 333, 500}},      /* 166.67, 333.33, 500 */
        {-1000, 3, {1, 2, 3}, {-167, -333, -500}},
        {100, 3, {2, 1, 1}, {50, 25, 25}},
        {5, 3, {1, 1, 1}, {2, 2, 1}},
        {1, 4, {1, 1, 1, 1}, {1, 0, 0, 0}},
        {2, 4, {1, 2, 2, 1}, {0, 1, 1, 0}},          /* remainders 1/3, 2/3, 2/3, 1/3 */
        {3, 3, {1, 1, 4}, {1, 0, 2}},                /* 0.5, 0.5, 2: tie to the first */
        {4, 3, {1, 1, 6}, {1, 0, 3}},                /* 0.5, 0.5, 3: tie to the first */
        {0, 3, {1, 2, 3}, {0, 0, 0}},
        {7, 1, {5}, {7}},
        {INT64_MIN, 1, {1}, {INT64_MIN}},
        {INT64_MAX, 1, {INT64_MAX}, {INT64_MAX}},
        {INT64_MIN, 2, {INT64_MAX, INT64_MAX}, {-4611686018427387904, -4611686018427387904}},
        {INT64_MAX, 2, {INT64_MAX, 1}, {INT64_MAX - 1, 1}},
        /* 10000 NOK credit over net 8000 at 25 % and 2000 at 15 % */
        {1000000, 2, {800000, 200000}, {800000, 200000}},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        int64_t parts[4] = {777, 777, 777, 777};
        assert_int_equal(vinn_money_allocate(cases[i].total, cases[i].weights, cases[i].n, parts),
                         VINN_OK);
        for (uint32_t k = 0; k < cases[i].n; k++) {
            if (parts[k] != cases[i].want[k]) {
                fail_msg("case %zu part %u: got %lld want %lld", i, k, (long long)parts[k],
                         (long long)cases[i].want[k]);
            }
        }
    }
}

static void test_allocate_errors(void **state)
{
    (void)state;
    static int64_t weights[VINN_SPLIT_MAX + 1];
    static int64_t parts[VINN_SPLIT_MAX + 1];
    for (size_t i = 0; i < COUNT(parts); i++) {
        weights[i] = 1;
        parts[i] = 777;
    }
    assert_int_equal(vinn_money_allocate(100, weights, 0, parts), VINN_E_SPLIT_INVALID);
    assert_int_equal(vinn_money_allocate(100, weights, VINN_SPLIT_MAX + 1, parts),
                     VINN_E_SPLIT_INVALID);
    const int64_t zero[3] = {0, 0, 0};
    assert_int_equal(vinn_money_allocate(100, zero, 3, parts), VINN_E_SPLIT_INVALID);
    const int64_t negative[3] = {5, -1, 5};
    assert_int_equal(vinn_money_allocate(100, negative, 3, parts), VINN_E_SPLIT_INVALID);
    const int64_t min[2] = {INT64_MIN, 1};
    assert_int_equal(vinn_money_allocate(100, min, 2, parts), VINN_E_SPLIT_INVALID);
    for (size_t i = 0; i < COUNT(parts); i++) {
        assert_int_equal(parts[i], 777);
    }
    /* n = VINN_SPLIT_MAX: 1999 over equal weights matches split */
    assert_int_equal(vinn_money_allocate(1999, weights, VINN_SPLIT_MAX, parts), VINN_OK);
    assert_int_equal(parts[0], 2);
    assert_int_equal(parts[998], 2);
    assert_int_equal(parts[999], 1);
    assert_int_equal(parts[VINN_SPLIT_MAX], 777);
}

static void test_allocate_property(void **state)
{
    (void)state;
    static int64_t weights[VINN_SPLIT_MAX];
    static int64_t parts[VINN_SPLIT_MAX];
    static int64_t split_parts[VINN_SPLIT_MAX];
    uint64_t seed = 99;
    for (int i = 0; i < 600; i++) {
        uint64_t r = next_random(&seed);
        int64_t total = (int64_t)next_random(&seed) >> (r % 64);
        uint32_t n = 1 + (uint32_t)(next_random(&seed) % (i % 10 == 0 ? VINN_SPLIT_MAX : 12));
        int wshift = (int)(next_random(&seed) % 64);
        vinn_i128 wsum = 0;
        for (uint32_t k = 0; k < n; k++) {
            uint64_t w = next_random(&seed);
            weights[k] = (w % 5 == 0) ? 0 : (int64_t)(w >> 12 >> (wshift % 52));
            wsum += weights[k];
        }
        if (wsum == 0) {
            weights[0] = 1;
            wsum = 1;
        }
        assert_int_equal(vinn_money_allocate(total, weights, n, parts), VINN_OK);
        vinn_i128 sum = 0;
        for (uint32_t k = 0; k < n; k++) {
            sum += parts[k];
            /* within one unit of the exact share: |part * wsum - total * w| < wsum */
            vinn_i128 diff = (vinn_i128)parts[k] * wsum - (vinn_i128)total * weights[k];
            assert_true(diff < wsum && -diff < wsum);
            if (weights[k] == 0) {
                assert_int_equal(parts[k], 0);
            }
        }
        assert_true(sum == total);
        /* the mirror: allocate(-x) == -allocate(x) */
        if (total != INT64_MIN) {
            assert_int_equal(vinn_money_allocate(-total, weights, n, split_parts), VINN_OK);
            for (uint32_t k = 0; k < n; k++) {
                assert_int_equal(split_parts[k], -parts[k]);
            }
        }
        /* equal weights agree with vinn_money_split */
        for (uint32_t k = 0; k < n; k++) {
            weights[k] = 3;
        }
        assert_int_equal(vinn_money_allocate(total, weights, n, parts), VINN_OK);
        assert_int_equal(vinn_money_split(total, n, split_parts), VINN_OK);
        assert_memory_equal(parts, split_parts, n * sizeof(parts[0]));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_currency_table),
        cmocka_unit_test(test_currency_parse),
        cmocka_unit_test(test_checked_arithmetic),
        cmocka_unit_test(test_neg),
        cmocka_unit_test(test_mul_div),
        cmocka_unit_test(test_decimal_parse),
        cmocka_unit_test(test_decimal_parse_errors),
        cmocka_unit_test(test_money_parse),
        cmocka_unit_test(test_money_parse_errors),
        cmocka_unit_test(test_money_parse_separator_errors),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_format_longest_fits),
        cmocka_unit_test(test_format_cap),
        cmocka_unit_test(test_format_plain),
        cmocka_unit_test(test_format_parse_round_trip),
        cmocka_unit_test(test_vat_from_net),
        cmocka_unit_test(test_vat_from_gross),
        cmocka_unit_test(test_vat_errors),
        cmocka_unit_test(test_vat_invariants),
        cmocka_unit_test(test_split),
        cmocka_unit_test(test_split_limits),
        cmocka_unit_test(test_split_property),
        cmocka_unit_test(test_allocate),
        cmocka_unit_test(test_allocate_errors),
        cmocka_unit_test(test_allocate_property),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
