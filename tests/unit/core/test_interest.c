/* Tests of core/interest: Actual/365 late interest over effective-dated rate
 * tables, one rounding at the end, segments, and every validation error.
 * Every expected amount is worked out by hand in the comment beside it:
 * interest = principal * rate_bp * days / (10000 * 365). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base/limits.h"
#include "core/interest.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

static vinn_day D(int y, int m, int d)
{
    return vinn_day_from_civil(y, m, d);
}

static int64_t interest(int64_t principal, vinn_day from, vinn_day to,
                        const struct vinn_rate_period *rates, size_t rates_count,
                        enum vinn_rounding mode)
{
    int64_t out = -1;
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(
        vinn_interest_compute(principal, from, to, rates, rates_count, mode, &out, &e), VINN_OK);
    assert_int_equal(e.code, VINN_OK);
    return out;
}

static void test_single_rate(void **state)
{
    (void)state;
    const struct vinn_rate_period rates[] = {{D(2025, 1, 1), 1250}};
    static const struct {
        int64_t principal;
        int fy, fm, fd, ty, tm, td;
        enum vinn_rounding mode;
        int64_t want;
    } cases[] = {
        /* 10 000,00 NOK, 12.50 %, 30 days: 1000000 * 1250 * 30 / 3650000 = 10273.97 */
        {1000000, 2025, 1, 1, 2025, 1, 31, VINN_ROUND_HALF_UP, 10274},
        {1000000, 2025, 1, 1, 2025, 1, 31, VINN_ROUND_DOWN, 10273},
        {1000000, 2025, 1, 1, 2025, 1, 31, VINN_ROUND_HALF_EVEN, 10274},
        /* One day: 1000000 * 1250 / 3650000 = 342.47 */
        {1000000, 2025, 1, 1, 2025, 1, 2, VINN_ROUND_HALF_UP, 342},
        /* 2025-01-02 .. 2025-06-30, 180 days: 1000000 * 1250 * 180 / 3650000 = 61643.84 */
        {1000000, 2025, 1, 1, 2025, 6, 30, VINN_ROUND_HALF_UP, 61644},
        /* Feb 2025, 28 days: 1000000 * 1250 * 28 / 3650000 = 9589.04 */
        {1000000, 2025, 2, 1, 2025, 3, 1, VINN_ROUND_HALF_UP, 9589},
        /* 1 minor unit for 30 days: 0.0103 */
        {1, 2025, 1, 1, 2025, 1, 31, VINN_ROUND_HALF_UP, 0},
        {1, 2025, 1, 1, 2025, 1, 31, VINN_ROUND_UP, 1},
        /* Zero principal and zero or negative day counts give 0. */
        {0, 2025, 1, 1, 2025, 12, 31, VINN_ROUND_HALF_UP, 0},
        {1000000, 2025, 3, 1, 2025, 3, 1, VINN_ROUND_HALF_UP, 0},
        {1000000, 2025, 3, 1, 2025, 2, 1, VINN_ROUND_UP, 0},
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        vinn_day from = D(cases[i].fy, cases[i].fm, cases[i].fd);
        vinn_day to = D(cases[i].ty, cases[i].tm, cases[i].td);
        assert_int_equal(interest(cases[i].principal, from, to, rates, 1, cases[i].mode),
                         cases[i].want);
    }
}

static void test_leap_year_actual_365(void **state)
{
    (void)state;
    const struct vinn_rate_period rates[] = {{D(2023, 1, 1), 1250}};
    /* 2024-02-01 .. 2024-03-01 is 29 days: 1000000 * 1250 * 29 / 3650000 = 9931.51 */
    assert_int_equal(D(2024, 3, 1) - D(2024, 2, 1), 29);
    assert_int_equal(interest(1000000, D(2024, 2, 1), D(2024, 3, 1), rates, 1, VINN_ROUND_HALF_UP),
                     9932);
    /* A whole leap year is 366/365 of the annual rate: 125342.47, not 125000. */
    assert_int_equal(
        interest(1000000, D(2023, 12, 31), D(2024, 12, 31), rates, 1, VINN_ROUND_HALF_UP), 125342);
    /* A whole common year is exactly the annual rate. */
    assert_int_equal(
        interest(1000000, D(2024, 12, 31), D(2025, 12, 31), rates, 1, VINN_ROUND_HALF_UP), 125000);
}

static void test_rate_change_mid_range(void **state)
{
    (void)state;
    /* A test table with a change on 2024-07-01. */
    const struct vinn_rate_period rates[] = {{D(2024, 1, 1), 1200}, {D(2024, 7, 1), 800}};
    /* 16-30 Jun at 12 %, 1-15 Jul at 8 %: 1000000 * (1200 * 15 + 800 * 15) / 3650000 = 8219.18.
     * Rounding each part first would give 4932 + 3288 = 8220: the sum is rounded once. */
    assert_int_equal(
        interest(1000000, D(2024, 6, 15), D(2024, 7, 15), rates, 2, VINN_ROUND_HALF_UP), 8219);
    /* The day 1 Jul itself accrues at the new rate: 1000000 * 800 / 3650000 = 219.18. */
    assert_int_equal(interest(1000000, D(2024, 6, 30), D(2024, 7, 1), rates, 2, VINN_ROUND_HALF_UP),
                     219);
    /* 30 Jun accrues at the old one: 1000000 * 1200 / 3650000 = 328.77. */
    assert_int_equal(
        interest(1000000, D(2024, 6, 29), D(2024, 6, 30), rates, 2, VINN_ROUND_HALF_UP), 329);
    /* A range wholly inside the later period. */
    assert_int_equal(
        interest(1000000, D(2024, 8, 1), D(2024, 8, 31), rates, 2, VINN_ROUND_HALF_UP), 6575);
}

/* Norwegian forsinkelsesrente, DOMAIN.md 2.1. */
static const struct vinn_rate_period norway[] = {
    {19 * 0 + 17897, 875},  /* 2019-01-01  8.75 % */
    {18078, 925},           /* 2019-07-01  9.25 % */
    {18262, 950},           /* 2020-01-01  9.50 % */
    {18444, 800},           /* 2020-07-01  8.00 % */
    {18628, 800},           /* 2021-01-01  8.00 % */
    {18809, 800},           /* 2021-07-01  8.00 % */
    {18993, 850},           /* 2022-01-01  8.50 % */
    {19174, 925},           /* 2022-07-01  9.25 % */
    {19358, 1075},          /* 2023-01-01 10.75 % */
    {19539, 1175},          /* 2023-07-01 11.75 % */
    {19723, 1250},          /* 2024-01-01 12.50 % */
};

static void test_norwegian_table(void **state)
{
    (void)state;
    /* The day numbers above are the dates in the comments. */
    assert_int_equal(norway[0].from, D(2019, 1, 1));
    assert_int_equal(norway[3].from, D(2020, 7, 1));
    assert_int_equal(norway[8].from, D(2023, 1, 1));
    assert_int_equal(norway[9].from, D(2023, 7, 1));
    assert_int_equal(norway[10].from, D(2024, 1, 1));
    /* Due 2023-03-31, paid 2024-03-31, 10 000,00 NOK:
     *   2023-04-01..2023-06-30  91 days at 10.75 %
     *   2023-07-01..2023-12-31 184 days at 11.75 %
     *   2024-01-01..2024-03-31  91 days at 12.50 %
     * 1000000 * (1075 * 91 + 1175 * 184 + 1250 * 91) / 3650000
     *   = 1000000 * 427775 / 3650000 = 117198.63 */
    assert_int_equal(interest(1000000, D(2023, 3, 31), D(2024, 3, 31), norway, COUNT_OF(norway),
                              VINN_ROUND_HALF_UP),
                     117199);
    struct vinn_interest_segment seg[4];
    size_t n = 0;
    assert_int_equal(vinn_interest_segments(D(2023, 3, 31), D(2024, 3, 31), norway,
                                            COUNT_OF(norway), seg, COUNT_OF(seg), &n, NULL),
                     VINN_OK);
    assert_int_equal(n, 3);
    static const struct {
        int fy, fm, fd, ty, tm, td, rate, days;
    } want[] = {
        {2023, 4, 1, 2023, 6, 30, 1075, 91},
        {2023, 7, 1, 2023, 12, 31, 1175, 184},
        {2024, 1, 1, 2024, 3, 31, 1250, 91},
    };
    for (size_t i = 0; i < COUNT_OF(want); i++) {
        assert_int_equal(seg[i].from, D(want[i].fy, want[i].fm, want[i].fd));
        assert_int_equal(seg[i].to, D(want[i].ty, want[i].tm, want[i].td));
        assert_int_equal(seg[i].rate_bp, want[i].rate);
        assert_int_equal(seg[i].days, want[i].days);
    }
    /* 2020-07-01..2021-12-31 is three periods at 8.00 %: three segments. */
    assert_int_equal(vinn_interest_segments(D(2020, 6, 30), D(2021, 12, 31), norway,
                                            COUNT_OF(norway), seg, COUNT_OF(seg), &n, NULL),
                     VINN_OK);
    assert_int_equal(n, 3);
    assert_int_equal(seg[0].days + seg[1].days + seg[2].days, 549);
    /* 549 days at 8 %: 1000000 * 800 * 549 / 3650000 = 120328.77 */
    assert_int_equal(interest(1000000, D(2020, 6, 30), D(2021, 12, 31), norway, COUNT_OF(norway),
                              VINN_ROUND_HALF_UP),
                     120329);
}

static void test_rounding_on_exact_halves(void **state)
{
    (void)state;
    const struct vinn_rate_period rates[] = {{D(2025, 1, 1), 1000}};
    static const struct {
        int64_t principal;
        enum vinn_rounding mode;
        int64_t want;
    } cases[] = {
        /* 1825 * 1000 * 1 / 3650000 = 0.5 */
        {1825, VINN_ROUND_HALF_UP, 1},   {1825, VINN_ROUND_HALF_EVEN, 0},
        {1825, VINN_ROUND_DOWN, 0},      {1825, VINN_ROUND_UP, 1},
        {1825, VINN_ROUND_FLOOR, 0},     {1825, VINN_ROUND_CEILING, 1},
        /* 5475 -> 1.5 */
        {5475, VINN_ROUND_HALF_UP, 2},   {5475, VINN_ROUND_HALF_EVEN, 2},
        {5475, VINN_ROUND_DOWN, 1},      {5475, VINN_ROUND_FLOOR, 1},
        /* 9125 -> 2.5 */
        {9125, VINN_ROUND_HALF_UP, 3},   {9125, VINN_ROUND_HALF_EVEN, 2},
        /* 9124 -> 2.4997, 9126 -> 2.5003 */
        {9124, VINN_ROUND_HALF_UP, 2},   {9126, VINN_ROUND_HALF_EVEN, 3},
        /* 3650 -> exactly 1: every mode agrees */
        {3650, VINN_ROUND_UP, 1},        {3650, VINN_ROUND_DOWN, 1},
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        assert_int_equal(interest(cases[i].principal, D(2025, 3, 1), D(2025, 3, 2), rates, 1,
                                  cases[i].mode),
                         cases[i].want);
    }
}

static void test_extremes(void **state)
{
    (void)state;
    const struct vinn_rate_period rates[] = {{VINN_DAY_MIN, 1250}};
    const struct vinn_rate_period top[] = {{VINN_DAY_MIN, VINN_INTEREST_RATE_BP_MAX}};
    /* INT64_MAX * 1250 * 30 / 3650000 = 94760671611521669.25: no intermediate overflow. */
    assert_int_equal(interest(INT64_MAX, D(2025, 1, 1), D(2025, 1, 31), rates, 1,
                              VINN_ROUND_HALF_UP),
                     94760671611521669LL);
    /* INT64_MAX at 1000 % for 36 days = INT64_MAX * 72 / 73, exact. */
    assert_int_equal(interest(INT64_MAX, D(2025, 1, 1), D(2025, 2, 6), top, 1, VINN_ROUND_HALF_UP),
                     9097024474706080248LL);
    /* 37 days is more than INT64_MAX. */
    int64_t out = 77;
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_interest_compute(INT64_MAX, D(2025, 1, 1), D(2025, 2, 7), top, 1,
                                           VINN_ROUND_HALF_UP, &out, &e),
                     VINN_E_AMOUNT_OVERFLOW);
    assert_int_equal(out, 77);
    assert_string_equal(e.field, "principal");
    /* The whole range at the largest rate: 1000 x 100000 x 109572 / 3650000 =
     * 3001972.60, rounded half up. */
    assert_int_equal(interest(1000, VINN_DAY_MIN, VINN_DAY_MAX, top, 1, VINN_ROUND_HALF_UP),
                     3001973);
    /* Rate 0 is allowed and gives nothing. */
    const struct vinn_rate_period zero[] = {{VINN_DAY_MIN, 0}};
    assert_int_equal(interest(INT64_MAX, VINN_DAY_MIN, VINN_DAY_MAX, zero, 1, VINN_ROUND_UP), 0);
}

struct error_case {
    const char *what;
    int64_t principal;
    vinn_day from, to;
    const struct vinn_rate_period *rates;
    size_t rates_count;
    vinn_err code;
    const char *field;
};

static void test_errors(void **state)
{
    (void)state;
    static struct vinn_rate_period many[VINN_RATE_PERIODS_MAX + 1];
    for (size_t i = 0; i < COUNT_OF(many); i++) {
        many[i].from = VINN_DAY_MIN + (vinn_day)i;
        many[i].rate_bp = 800;
    }
    const struct vinn_rate_period good[] = {{D(2024, 1, 1), 1250}, {D(2024, 7, 1), 1250}};
    const struct vinn_rate_period unordered[] = {{D(2024, 7, 1), 1250}, {D(2024, 1, 1), 1250}};
    const struct vinn_rate_period same_day[] = {{D(2024, 1, 1), 1250}, {D(2024, 1, 1), 1200}};
    const struct vinn_rate_period negative[] = {{D(2024, 1, 1), -1}};
    const struct vinn_rate_period too_high[] = {{D(2024, 1, 1), 1250}, {D(2024, 7, 1), 100001}};
    const vinn_day jan = D(2024, 1, 15);
    const vinn_day mar = D(2024, 3, 15);
    const struct error_case cases[] = {
        {"negative", -1, jan, mar, good, 2, VINN_E_AMOUNT_MUST_NOT_BE_NEGATIVE, "principal"},
        {"min", INT64_MIN, jan, mar, good, 2, VINN_E_AMOUNT_MUST_NOT_BE_NEGATIVE, "principal"},
        {"unordered", 100, jan, mar, unordered, 2, VINN_E_RATE_TABLE_ORDER, "rates[1].from"},
        {"same day", 100, jan, mar, same_day, 2, VINN_E_RATE_TABLE_ORDER, "rates[1].from"},
        {"rate < 0", 100, jan, mar, negative, 1, VINN_E_RATE_INVALID, "rates[0].rate_bp"},
        {"rate > max", 100, jan, mar, too_high, 2, VINN_E_RATE_INVALID, "rates[1].rate_bp"},
        /* The first counted day, 2023-12-31, is before the table. */
        {"gap", 100, D(2023, 12, 30), mar, good, 2, VINN_E_RATE_TABLE_EMPTY, "rates"},
        {"empty", 100, jan, mar, good, 0, VINN_E_RATE_TABLE_EMPTY, "rates"},
        {"limit", 100, jan, mar, many, COUNT_OF(many), VINN_E_LIMIT_EXCEEDED, "rates"},
        {"from", 100, VINN_DAY_MIN - 1, mar, good, 2, VINN_E_DATE_OUT_OF_RANGE, "from"},
        {"to", 100, jan, VINN_DAY_MAX + 1, good, 2, VINN_E_DATE_OUT_OF_RANGE, "to"},
        {"to min", 100, jan, INT32_MIN, good, 2, VINN_E_DATE_OUT_OF_RANGE, "to"},
        /* A bad table is an error even when no day is counted. */
        {"bad table, no days", 100, mar, jan, unordered, 2, VINN_E_RATE_TABLE_ORDER,
         "rates[1].from"},
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        const struct error_case *c = &cases[i];
        int64_t out = 4242;
        struct vinn_error e;
        vinn_error_clear(&e);
        vinn_err got = vinn_interest_compute(c->principal, c->from, c->to, c->rates,
                                             c->rates_count, VINN_ROUND_HALF_UP, &out, &e);
        if (got != c->code) {
            fail_msg("%s: got %d, want %d", c->what, (int)got, (int)c->code);
        }
        assert_int_equal(e.code, c->code);
        assert_string_equal(e.field, c->field);
        assert_int_equal(out, 4242);
        /* The same table and range give the same answer for segments (no amount checks). */
        if (c->code != VINN_E_AMOUNT_MUST_NOT_BE_NEGATIVE) {
            struct vinn_interest_segment seg[2] = {{1, 2, 3, 4}, {1, 2, 3, 4}};
            size_t n = 99;
            assert_int_equal(vinn_interest_segments(c->from, c->to, c->rates, c->rates_count,
                                                    seg, 2, &n, NULL),
                             c->code);
            assert_int_equal(n, 99);
            assert_int_equal(seg[0].days, 4);
        }
    }
    /* The limit itself is accepted, and an empty table with no days is fine. */
    int64_t out = 0;
    assert_int_equal(vinn_interest_compute(100, jan, mar, many, VINN_RATE_PERIODS_MAX,
                                           VINN_ROUND_HALF_UP, &out, NULL),
                     VINN_OK);
    assert_int_equal(vinn_interest_compute(100, mar, mar, NULL, 0, VINN_ROUND_HALF_UP, &out, NULL),
                     VINN_OK);
    assert_int_equal(out, 0);
    /* The first counted day exactly on the table's first day is covered. */
    assert_int_equal(vinn_interest_compute(100, D(2023, 12, 31), mar, good, 2, VINN_ROUND_HALF_UP,
                                           &out, NULL),
                     VINN_OK);
}

static void test_error_messages(void **state)
{
    (void)state;
    const struct vinn_rate_period good[] = {{D(2024, 1, 1), 1250}};
    const struct vinn_rate_period bad[] = {{D(2024, 1, 1), 1250}, {D(2024, 1, 1), 100}};
    int64_t out = 0;
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_interest_compute(100, D(2023, 12, 30), D(2024, 2, 1), good, 1,
                                           VINN_ROUND_HALF_UP, &out, &e),
                     VINN_E_RATE_TABLE_EMPTY);
    assert_string_equal(e.message, "no interest rate is in force on '2023-12-31'");
    vinn_error_clear(&e);
    assert_int_equal(vinn_interest_compute(-5, D(2024, 1, 1), D(2024, 2, 1), good, 1,
                                           VINN_ROUND_HALF_UP, &out, &e),
                     VINN_E_AMOUNT_MUST_NOT_BE_NEGATIVE);
    assert_string_equal(e.message, "'principal' -5 must not be negative");
    vinn_error_clear(&e);
    assert_int_equal(vinn_interest_compute(5, D(2024, 1, 1), D(2024, 2, 1), bad, 2,
                                           VINN_ROUND_HALF_UP, &out, &e),
                     VINN_E_RATE_TABLE_ORDER);
    assert_string_equal(e.message, "'rates[1].from' must be after the previous period's from");
}

static void test_segments(void **state)
{
    (void)state;
    const struct vinn_rate_period rates[] = {
        {D(2024, 1, 1), 1200}, {D(2024, 7, 1), 1200}, {D(2025, 1, 1), 1250}, {D(2025, 7, 1), 900}};
    struct vinn_interest_segment seg[4];
    size_t n = 0;
    /* "12.50 % from 2025-01-02 to 2025-06-30, 180 days". */
    assert_int_equal(vinn_interest_segments(D(2025, 1, 1), D(2025, 6, 30), rates, 4, seg, 4, &n,
                                            NULL),
                     VINN_OK);
    assert_int_equal(n, 1);
    assert_int_equal(seg[0].from, D(2025, 1, 2));
    assert_int_equal(seg[0].to, D(2025, 6, 30));
    assert_int_equal(seg[0].rate_bp, 1250);
    assert_int_equal(seg[0].days, 180);
    /* No days: no segments, even with room for none. */
    assert_int_equal(vinn_interest_segments(D(2025, 1, 1), D(2025, 1, 1), rates, 4, NULL, 0, &n,
                                            NULL),
                     VINN_OK);
    assert_int_equal(n, 0);
    /* Across all four periods; equal adjacent rates stay separate. */
    assert_int_equal(vinn_interest_segments(D(2024, 6, 29), D(2025, 7, 2), rates, 4, seg, 4, &n,
                                            NULL),
                     VINN_OK);
    assert_int_equal(n, 4);
    assert_int_equal(seg[0].days, 1);   /* 2024-06-30: the one day of the first period */
    assert_int_equal(seg[1].days, 184); /* 2024-07-01 .. 2024-12-31 */
    assert_int_equal(seg[2].days, 181); /* 2025-01-01 .. 2025-06-30 */
    assert_int_equal(seg[3].days, 2);   /* 2025-07-01 .. 2025-07-02 */
    /* Room for three of four: nothing is written. */
    struct vinn_interest_segment small[3];
    memset(small, 0, sizeof(small));
    size_t count = 99;
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_interest_segments(D(2024, 6, 29), D(2025, 7, 2), rates, 4, small, 3,
                                            &count, &e),
                     VINN_E_LIMIT_EXCEEDED);
    assert_int_equal(count, 99);
    assert_int_equal(small[0].days, 0);
    assert_string_equal(e.field, "segments");
}

/* compute equals the segments summed exactly and rounded once, and the
 * segments tile the range, for many ranges over the Norwegian table. */
static void test_compute_matches_segments(void **state)
{
    (void)state;
    const vinn_day start = D(2019, 1, 1);
    for (vinn_day from = start - 1; from < D(2025, 1, 1); from += 37) {
        for (vinn_day to = from; to < from + 900; to += 61) {
            struct vinn_interest_segment seg[VINN_RATE_PERIODS_MAX];
            size_t n = 0;
            assert_int_equal(vinn_interest_segments(from, to, norway, COUNT_OF(norway), seg,
                                                    COUNT_OF(seg), &n, NULL),
                             VINN_OK);
            vinn_i128 sum = 0;
            vinn_day next = from + 1;
            for (size_t i = 0; i < n; i++) {
                assert_int_equal(seg[i].from, next);
                assert_int_equal(seg[i].days, seg[i].to - seg[i].from + 1);
                int32_t rate = 0;
                assert_int_equal(vinn_interest_rate_on(seg[i].from, norway, COUNT_OF(norway), &rate),
                                 VINN_OK);
                assert_int_equal(rate, seg[i].rate_bp);
                assert_int_equal(vinn_interest_rate_on(seg[i].to, norway, COUNT_OF(norway), &rate),
                                 VINN_OK);
                assert_int_equal(rate, seg[i].rate_bp);
                sum += (vinn_i128)123456789 * seg[i].rate_bp * seg[i].days;
                next = seg[i].to + 1;
            }
            assert_int_equal(next, to > from ? to + 1 : from + 1);
            int64_t want = 0;
            assert_int_equal(vinn_round_div(sum, 3650000, VINN_ROUND_HALF_UP, &want), VINN_OK);
            assert_int_equal(
                interest(123456789, from, to, norway, COUNT_OF(norway), VINN_ROUND_HALF_UP), want);
        }
    }
}

static void test_rate_on(void **state)
{
    (void)state;
    static const struct {
        int y, m, d;
        vinn_err code;
        int32_t rate;
    } cases[] = {
        {2018, 12, 31, VINN_E_RATE_TABLE_EMPTY, -1}, {2019, 1, 1, VINN_OK, 875},
        {2019, 6, 30, VINN_OK, 875},                 {2019, 7, 1, VINN_OK, 925},
        {2023, 6, 30, VINN_OK, 1075},                {2023, 7, 1, VINN_OK, 1175},
        {2024, 1, 1, VINN_OK, 1250},                 {2199, 12, 31, VINN_OK, 1250},
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        int32_t rate = -1;
        assert_int_equal(vinn_interest_rate_on(D(cases[i].y, cases[i].m, cases[i].d), norway,
                                               COUNT_OF(norway), &rate),
                         cases[i].code);
        assert_int_equal(rate, cases[i].rate);
    }
    int32_t rate = -1;
    assert_int_equal(vinn_interest_rate_on(D(2024, 1, 1), NULL, 0, &rate),
                     VINN_E_RATE_TABLE_EMPTY);
    const struct vinn_rate_period unordered[] = {{D(2024, 7, 1), 1250}, {D(2024, 1, 1), 1250}};
    assert_int_equal(vinn_interest_rate_on(D(2024, 8, 1), unordered, 2, &rate),
                     VINN_E_RATE_TABLE_ORDER);
    const struct vinn_rate_period invalid[] = {{D(2024, 1, 1), 100001}};
    assert_int_equal(vinn_interest_rate_on(D(2024, 8, 1), invalid, 1, &rate), VINN_E_RATE_INVALID);
    assert_int_equal(vinn_interest_rate_on(D(2024, 8, 1), norway, VINN_RATE_PERIODS_MAX + 1, &rate),
                     VINN_E_LIMIT_EXCEEDED);
    assert_int_equal(rate, -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_single_rate),
        cmocka_unit_test(test_leap_year_actual_365),
        cmocka_unit_test(test_rate_change_mid_range),
        cmocka_unit_test(test_norwegian_table),
        cmocka_unit_test(test_rounding_on_exact_halves),
        cmocka_unit_test(test_extremes),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_error_messages),
        cmocka_unit_test(test_segments),
        cmocka_unit_test(test_compute_matches_segments),
        cmocka_unit_test(test_rate_on),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
