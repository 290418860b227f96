/* Tests of core/date: conversions, parsing, month arithmetic, weekdays. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/date.h"

static void test_known_days(void **state)
{
    (void)state;
    static const struct {
        int y, m, d;
        vinn_day day;
        enum vinn_weekday wd;
    } cases[] = {
        {1970, 1, 1, 0, VINN_THURSDAY},
        {1900, 1, 1, VINN_DAY_MIN, VINN_MONDAY},
        {2199, 12, 31, VINN_DAY_MAX, VINN_TUESDAY},
        {2000, 2, 29, 11016, VINN_TUESDAY},
        {2024, 3, 31, 19813, VINN_SUNDAY},
        {2026, 11, 22, 20779, VINN_SUNDAY},
        {1969, 12, 31, -1, VINN_WEDNESDAY},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        vinn_day d = vinn_day_from_civil(cases[i].y, cases[i].m, cases[i].d);
        assert_int_equal(d, cases[i].day);
        struct vinn_civil c = vinn_day_to_civil(d);
        assert_int_equal(c.year, cases[i].y);
        assert_int_equal(c.month, cases[i].m);
        assert_int_equal(c.day, cases[i].d);
        assert_int_equal(vinn_day_weekday(d), cases[i].wd);
    }
}

static void test_round_trip_every_day(void **state)
{
    (void)state;
    char iso[VINN_DATE_ISO_SIZE];
    for (vinn_day d = VINN_DAY_MIN; d <= VINN_DAY_MAX; d++) {
        vinn_day_format(d, iso);
        vinn_day back = 0;
        assert_int_equal(vinn_day_parse(iso, "date", &back, NULL), VINN_OK);
        assert_int_equal(back, d);
    }
}

/* The whole int32 range converts without overflow (the header's promise):
 * the days at both ends, worked out with the same algorithm in exact
 * integers (Python). */
static void test_to_civil_extremes(void **state)
{
    (void)state;
    struct vinn_civil hi = vinn_day_to_civil(INT32_MAX);
    assert_int_equal(hi.year, 5881580);
    assert_int_equal(hi.month, 7);
    assert_int_equal(hi.day, 11);
    struct vinn_civil lo = vinn_day_to_civil(INT32_MIN);
    assert_int_equal(lo.year, -5877641);
    assert_int_equal(lo.month, 6);
    assert_int_equal(lo.day, 23);
}

static void test_parse_errors(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        vinn_err code;
    } cases[] = {
        {"2026-02-29", VINN_E_DATE_IMPOSSIBLE}, {"2024-02-30", VINN_E_DATE_IMPOSSIBLE},
        {"2026-13-01", VINN_E_DATE_IMPOSSIBLE}, {"2026-00-10", VINN_E_DATE_IMPOSSIBLE},
        {"2026-04-31", VINN_E_DATE_IMPOSSIBLE}, {"1899-12-31", VINN_E_DATE_OUT_OF_RANGE},
        {"2200-01-01", VINN_E_DATE_OUT_OF_RANGE}, {"26-01-01", VINN_E_DATE_SYNTAX},
        {"2026-1-01", VINN_E_DATE_SYNTAX},      {"2026-01-01T00", VINN_E_DATE_SYNTAX},
        {"2026/01/01", VINN_E_DATE_SYNTAX},     {"", VINN_E_FIELD_REQUIRED},
        {"abcd-ef-gh", VINN_E_DATE_SYNTAX},     {"2026-01-0", VINN_E_DATE_SYNTAX},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct vinn_error e;
        vinn_error_clear(&e);
        vinn_day out = 12345;
        assert_int_equal(vinn_day_parse(cases[i].text, "due_date", &out, &e), cases[i].code);
        assert_int_equal(out, 12345);
        assert_string_equal(e.field, "due_date");
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    vinn_day out;
    assert_int_equal(vinn_day_parse("2026-02-30", "due_date", &out, &e), VINN_E_DATE_IMPOSSIBLE);
    assert_string_equal(e.message, "due_date '2026-02-30' does not exist");
}

static vinn_day D(int y, int m, int d)
{
    return vinn_day_from_civil(y, m, d);
}

static void test_add_months(void **state)
{
    (void)state;
    static const struct {
        int y, m, d, months;
        enum vinn_eom_rule rule;
        int ey, em, ed;
    } cases[] = {
        {2026, 1, 31, 1, VINN_EOM_CLAMP, 2026, 2, 28},
        {2024, 1, 31, 1, VINN_EOM_CLAMP, 2024, 2, 29},
        {2026, 2, 28, 1, VINN_EOM_CLAMP, 2026, 3, 28},
        {2026, 2, 28, 1, VINN_EOM_STICKY, 2026, 3, 31},
        {2026, 4, 30, 1, VINN_EOM_STICKY, 2026, 5, 31},
        {2026, 4, 29, 1, VINN_EOM_STICKY, 2026, 5, 29},
        {2026, 1, 15, 12, VINN_EOM_CLAMP, 2027, 1, 15},
        {2026, 1, 15, -1, VINN_EOM_CLAMP, 2025, 12, 15},
        {2026, 3, 31, -1, VINN_EOM_CLAMP, 2026, 2, 28},
        {2026, 11, 30, 3, VINN_EOM_STICKY, 2027, 2, 28},
        {2026, 5, 10, 0, VINN_EOM_STICKY, 2026, 5, 10},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        vinn_day out = 0;
        assert_int_equal(vinn_day_add_months(D(cases[i].y, cases[i].m, cases[i].d),
                                             cases[i].months, cases[i].rule, &out),
                         VINN_OK);
        assert_int_equal(out, D(cases[i].ey, cases[i].em, cases[i].ed));
    }
    vinn_day out = 7;
    assert_int_equal(vinn_day_add_months(D(2199, 12, 1), 1, VINN_EOM_CLAMP, &out),
                     VINN_E_DATE_OUT_OF_RANGE);
    assert_int_equal(out, 7);
    assert_int_equal(vinn_day_add_months(D(1900, 1, 1), -1, VINN_EOM_CLAMP, &out),
                     VINN_E_DATE_OUT_OF_RANGE);
}

static void test_add_days_and_helpers(void **state)
{
    (void)state;
    vinn_day out = 0;
    assert_int_equal(vinn_day_add_days(D(2026, 12, 31), 1, &out), VINN_OK);
    assert_int_equal(out, D(2027, 1, 1));
    assert_int_equal(vinn_day_add_days(VINN_DAY_MAX, 1, &out), VINN_E_DATE_OUT_OF_RANGE);
    assert_int_equal(vinn_day_add_days(VINN_DAY_MIN, -1, &out), VINN_E_DATE_OUT_OF_RANGE);
    assert_int_equal(vinn_day_add_days(0, INT32_MAX, &out), VINN_E_DATE_OUT_OF_RANGE);
    assert_int_equal(vinn_day_of_month(D(2026, 11, 22)), 22);
    assert_int_equal(vinn_day_month_end(D(2024, 2, 3)), D(2024, 2, 29));
    assert_true(vinn_day_is_weekend(D(2026, 11, 21)));
    assert_false(vinn_day_is_weekend(D(2026, 11, 23)));
    assert_true(vinn_date_is_leap_year(2000));
    assert_false(vinn_date_is_leap_year(1900));
    assert_false(vinn_date_is_leap_year(2100));
    assert_int_equal(vinn_date_days_in_month(2026, 13), 0);
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_day_from_civil_checked(2026, 2, 29, &out, &e), VINN_E_DATE_IMPOSSIBLE);
    assert_string_equal(e.message, "2026-02-29 does not exist");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_days),         cmocka_unit_test(test_round_trip_every_day),
        cmocka_unit_test(test_parse_errors),       cmocka_unit_test(test_add_months),
        cmocka_unit_test(test_add_days_and_helpers),
        cmocka_unit_test(test_to_civil_extremes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
