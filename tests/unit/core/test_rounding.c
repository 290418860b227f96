/* Tests of core/rounding: every mode on both signs, halves, overflow. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/rounding.h"

static void test_modes(void **state)
{
    (void)state;
    static const struct {
        int64_t num, den;
        enum vinn_rounding mode;
        int64_t want;
    } cases[] = {
        {25, 10, VINN_ROUND_HALF_UP, 3},    {-25, 10, VINN_ROUND_HALF_UP, -3},
        {24, 10, VINN_ROUND_HALF_UP, 2},    {-24, 10, VINN_ROUND_HALF_UP, -2},
        {25, 10, VINN_ROUND_HALF_EVEN, 2},  {35, 10, VINN_ROUND_HALF_EVEN, 4},
        {-25, 10, VINN_ROUND_HALF_EVEN, -2}, {26, 10, VINN_ROUND_HALF_EVEN, 3},
        {29, 10, VINN_ROUND_DOWN, 2},       {-29, 10, VINN_ROUND_DOWN, -2},
        {21, 10, VINN_ROUND_UP, 3},         {-21, 10, VINN_ROUND_UP, -3},
        {21, 10, VINN_ROUND_FLOOR, 2},      {-21, 10, VINN_ROUND_FLOOR, -3},
        {21, 10, VINN_ROUND_CEILING, 3},    {-21, 10, VINN_ROUND_CEILING, -2},
        {20, 10, VINN_ROUND_UP, 2},         {0, 7, VINN_ROUND_CEILING, 0},
        {INT64_MAX, 1, VINN_ROUND_HALF_UP, INT64_MAX}, {INT64_MIN, 1, VINN_ROUND_HALF_UP, INT64_MIN},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int64_t out = 0;
        assert_int_equal(vinn_round_div(cases[i].num, cases[i].den, cases[i].mode, &out), VINN_OK);
        assert_int_equal(out, cases[i].want);
    }
}

static void test_overflow_leaves_output(void **state)
{
    (void)state;
    int64_t out = 42;
    vinn_i128 big = (vinn_i128)INT64_MAX * 4;
    assert_int_equal(vinn_round_div(big, 2, VINN_ROUND_DOWN, &out), VINN_E_AMOUNT_OVERFLOW);
    assert_int_equal(out, 42);
    /* INT64_MAX + 0.5 rounds up past the range */
    assert_int_equal(vinn_round_div((vinn_i128)INT64_MAX * 2 + 1, 2, VINN_ROUND_HALF_UP, &out),
                     VINN_E_AMOUNT_OVERFLOW);
    assert_int_equal(vinn_round_div((vinn_i128)INT64_MAX * 2 + 1, 2, VINN_ROUND_DOWN, &out),
                     VINN_OK);
    assert_int_equal(out, INT64_MAX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_modes),
        cmocka_unit_test(test_overflow_leaves_output),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
