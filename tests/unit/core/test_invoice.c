/* Tests of core/invoice: line nets, VAT per rate, credit splits, due dates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base/limits.h"
#include "core/invoice.h"

static void test_totals_per_rate(void **state)
{
    (void)state;
    /* NO: 25 % standard, 15 % food. VAT is per rate on the sum of nets:
     * 3 x 33.33 = 99.99 at 15 % -> 14.9985 -> 15.00 (one rounding, not three). */
    struct vinn_line_input lines[] = {
        {"Brød", 3000, 3333, 1500},
        {"Elektrikertime", 1500, 85000, 2500},
        {"Frakt", 1000, 9900, 2500},
        {"Melk", 1000, 2090, 1500},
    };
    int64_t nets[4];
    struct vinn_invoice_totals t;
    assert_int_equal(vinn_invoice_compute(lines, 4, nets, &t, NULL), VINN_OK);
    assert_int_equal(nets[0], 9999);
    assert_int_equal(nets[1], 127500);
    assert_int_equal(nets[2], 9900);
    assert_int_equal(nets[3], 2090);
    assert_int_equal(t.groups_count, 2);
    assert_int_equal(t.groups[0].rate_bp, 1500);
    assert_int_equal(t.groups[0].taxable_minor, 12089);
    assert_int_equal(t.groups[0].vat_minor, 1813); /* 1813.35 */
    assert_int_equal(t.groups[1].rate_bp, 2500);
    assert_int_equal(t.groups[1].taxable_minor, 137400);
    assert_int_equal(t.groups[1].vat_minor, 34350);
    assert_int_equal(t.net_minor, 149489);
    assert_int_equal(t.vat_minor, 36163);
    assert_int_equal(t.gross_minor, 185652);
}

static void test_rounding_of_quantities(void **state)
{
    (void)state;
    /* 0.333 h x 999.99 = 333.00 (332.996 67 rounds half up); FI 25.5 %. */
    struct vinn_line_input lines[] = {{"Konsultointi", 333, 99999, 2550}};
    int64_t nets[1];
    struct vinn_invoice_totals t;
    assert_int_equal(vinn_invoice_compute(lines, 1, nets, &t, NULL), VINN_OK);
    assert_int_equal(nets[0], 33300);
    assert_int_equal(t.vat_minor, 8492); /* 8491.5 -> 8492 */
    assert_int_equal(t.gross_minor, 41792);
}

static void test_errors_name_the_line(void **state)
{
    (void)state;
    static const struct {
        struct vinn_line_input line;
        vinn_err code;
        const char *field;
    } cases[] = {
        {{"", 1000, 100, 2500}, VINN_E_FIELD_REQUIRED, "lines[1].text"},
        {{"x", 0, 100, 2500}, VINN_E_QUANTITY_INVALID, "lines[1].quantity"},
        {{"x", -1000, 100, 2500}, VINN_E_QUANTITY_INVALID, "lines[1].quantity"},
        {{"x", VINN_QUANTITY_MAX_MILLI + 1, 100, 2500}, VINN_E_QUANTITY_INVALID,
         "lines[1].quantity"},
        {{"x", 1000, -1, 2500}, VINN_E_AMOUNT_MUST_NOT_BE_NEGATIVE, "lines[1].unit_price"},
        {{"x", 1000, 100, -1}, VINN_E_VAT_RATE_INVALID, "lines[1].vat_rate"},
        {{"x", 1000, 100, 10001}, VINN_E_VAT_RATE_INVALID, "lines[1].vat_rate"},
        {{"x", VINN_QUANTITY_MAX_MILLI, INT64_MAX, 0}, VINN_E_AMOUNT_OVERFLOW,
         "lines[1].unit_price"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct vinn_line_input lines[2] = {{"ok", 1000, 100, 2500}, cases[i].line};
        int64_t nets[2];
        struct vinn_invoice_totals t;
        memset(&t, 0x5a, sizeof(t));
        struct vinn_error e;
        vinn_error_clear(&e);
        assert_int_equal(vinn_invoice_compute(lines, 2, nets, &t, &e), cases[i].code);
        assert_string_equal(e.field, cases[i].field);
        assert_int_equal(t.gross_minor, 0x5a5a5a5a5a5a5a5aLL); /* unchanged */
    }
}

static void test_invoice_level_errors(void **state)
{
    (void)state;
    struct vinn_line_input one = {"x", 1000, 0, 2500};
    int64_t nets[VINN_INVOICE_LINES_MAX + 1];
    struct vinn_invoice_totals t;
    assert_int_equal(vinn_invoice_compute(&one, 0, nets, &t, NULL), VINN_E_INVOICE_NO_LINES);
    assert_int_equal(vinn_invoice_compute(&one, 1, nets, &t, NULL),
                     VINN_E_INVOICE_TOTAL_NOT_POSITIVE);
    assert_int_equal(vinn_invoice_compute(&one, VINN_INVOICE_LINES_MAX + 1, nets, &t, NULL),
                     VINN_E_INVOICE_TOO_MANY_LINES);
    struct vinn_line_input rates[VINN_VAT_GROUPS_MAX + 1];
    for (int i = 0; i <= VINN_VAT_GROUPS_MAX; i++) {
        rates[i] = (struct vinn_line_input){"x", 1000, 100, 100 * i};
    }
    assert_int_equal(vinn_invoice_compute(rates, VINN_VAT_GROUPS_MAX, nets, &t, NULL), VINN_OK);
    assert_int_equal(t.groups_count, VINN_VAT_GROUPS_MAX);
    assert_int_equal(vinn_invoice_compute(rates, VINN_VAT_GROUPS_MAX + 1, nets, &t, NULL),
                     VINN_E_LIMIT_EXCEEDED);
}

static void test_credit_split(void **state)
{
    (void)state;
    struct vinn_invoice_totals t = {.net_minor = 149489, .vat_minor = 36163, .gross_minor = 185652};
    int64_t net = 0;
    int64_t vat = 0;
    assert_int_equal(vinn_invoice_credit_split(&t, 185652, &net, &vat, NULL), VINN_OK);
    assert_int_equal(net, 149489);
    assert_int_equal(vat, 36163);
    assert_int_equal(vinn_invoice_credit_split(&t, 10000, &net, &vat, NULL), VINN_OK);
    assert_int_equal(vat, 1948); /* 36163 x 10000 / 185652 = 1947.88 */
    assert_int_equal(net, 8052);
    assert_int_equal(vinn_invoice_credit_split(&t, 0, &net, &vat, NULL),
                     VINN_E_AMOUNT_MUST_BE_POSITIVE);
    assert_int_equal(vinn_invoice_credit_split(&t, 185653, &net, &vat, NULL),
                     VINN_E_CREDIT_EXCEEDS_INVOICE);
    assert_int_equal(net, 8052); /* unchanged */
}

static vinn_day D(int y, int m, int d)
{
    return vinn_day_from_civil(y, m, d);
}

static void test_due_dates(void **state)
{
    (void)state;
    static const struct {
        enum vinn_country country;
        int y, m, d, days;
        int ey, em, ed;
    } cases[] = {
        {VINN_COUNTRY_NO, 2026, 5, 3, 14, 2026, 5, 18},   /* Sun 17 May -> Mon 18 */
        {VINN_COUNTRY_NO, 2026, 12, 10, 14, 2026, 12, 28}, /* Thu 24 Dec -> Mon 28 */
        {VINN_COUNTRY_SE, 2026, 6, 5, 14, 2026, 6, 22},   /* Fri 19 Jun midsummer eve */
        {VINN_COUNTRY_FI, 2026, 11, 22, 14, 2026, 12, 7}, /* Sun 6 Dec -> Mon 7 */
        {VINN_COUNTRY_DK, 2026, 5, 1, 14, 2026, 5, 18},   /* Fri 15 May (bank) -> Mon 18 */
        {VINN_COUNTRY_OTHER, 2026, 5, 1, 14, 2026, 5, 15},
        {VINN_COUNTRY_NO, 2026, 3, 2, 0, 2026, 3, 2},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        vinn_day out = 0;
        assert_int_equal(vinn_invoice_due_date(cases[i].country, D(cases[i].y, cases[i].m, cases[i].d),
                                               false, 0, cases[i].days, &out, NULL),
                         VINN_OK);
        assert_int_equal(out, D(cases[i].ey, cases[i].em, cases[i].ed));
    }
    vinn_day out = 0;
    assert_int_equal(vinn_invoice_due_date(VINN_COUNTRY_NO, D(2026, 3, 2), true, D(2026, 3, 1), 0,
                                           &out, NULL),
                     VINN_E_DUE_BEFORE_DATE);
    assert_int_equal(vinn_invoice_due_date(VINN_COUNTRY_NO, D(2026, 3, 2), false, 0, 366, &out,
                                           NULL),
                     VINN_E_DUE_DAYS_RANGE);
    assert_int_equal(vinn_invoice_due_date(VINN_COUNTRY_NO, D(2199, 12, 30), false, 0, 14, &out,
                                           NULL),
                     VINN_E_DATE_OUT_OF_RANGE);
    assert_int_equal(vinn_invoice_due_date(VINN_COUNTRY_NO, D(2026, 3, 2), true, D(2026, 4, 4), 0,
                                           &out, NULL),
                     VINN_OK);
    assert_int_equal(out, D(2026, 4, 7)); /* Sat 4 Apr, Easter Mon 6 Apr -> Tue 7 */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_totals_per_rate),       cmocka_unit_test(test_rounding_of_quantities),
        cmocka_unit_test(test_errors_name_the_line),  cmocka_unit_test(test_invoice_level_errors),
        cmocka_unit_test(test_credit_split),          cmocka_unit_test(test_due_dates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
