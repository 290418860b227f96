/* Tests of core/law: the Nordic dunning rule sets, effective-dated, and the
 * late-interest rate tables. Every expected value is read from DOMAIN.md
 * section 2 (the statute or source named in the comment beside it) and
 * converted to minor units by hand: 35 kr = 3500 øre, 5 € = 500 cent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/interest.h"
#include "core/law.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

static vinn_day D(int y, int m, int d)
{
    return vinn_day_from_civil(y, m, d);
}

static struct vinn_law law_on(enum vinn_country country, bool business, vinn_day on)
{
    struct vinn_law law;
    memset(&law, 0x5a, sizeof(law));
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_law_get(country, business, on, &law, &e), VINN_OK);
    assert_int_equal(e.code, VINN_OK);
    /* The rule set says which debtor and day it is for. */
    assert_int_equal(law.country, country);
    assert_int_equal(law.business, business);
    assert_int_equal(law.on, on);
    assert_non_null(law.source);
    assert_non_null(law.defaults);
    return law;
}

/* The values of one rule set that every country fills in. */
struct want {
    const char *currency;
    int64_t reminder_fee_max;
    int64_t notice_fee_max;
    int32_t first_fee_days;
    int32_t fee_gap_days;
    int32_t fee_deadline_days;
    int32_t fee_letters_max;
    bool fee_needs_agreement;
    int32_t notice_deadline_days;
    bool notice_before_collection;
    int64_t compensation;
    int32_t interest_margin_bp;
};

static void assert_law(const struct vinn_law *law, const struct want *w)
{
    assert_string_equal(law->currency, w->currency);
    assert_int_equal(law->reminder_fee_max, w->reminder_fee_max);
    assert_int_equal(law->notice_fee_max, w->notice_fee_max);
    assert_int_equal(law->first_fee_days, w->first_fee_days);
    assert_int_equal(law->fee_gap_days, w->fee_gap_days);
    assert_int_equal(law->fee_deadline_days, w->fee_deadline_days);
    assert_int_equal(law->fee_letters_max, w->fee_letters_max);
    assert_int_equal(law->fee_needs_agreement, w->fee_needs_agreement);
    assert_int_equal(law->notice_deadline_days, w->notice_deadline_days);
    assert_int_equal(law->notice_before_collection, w->notice_before_collection);
    assert_int_equal(law->compensation, w->compensation);
    assert_int_equal(law->interest_margin_bp, w->interest_margin_bp);
}

/* ---- Norway ---------------------------------------------------------------- */

static void test_norway_person_2026(void **state)
{
    (void)state;
    /* inkassoforskriften § 1-1: inkassosats 700 kr; § 1-2: a purring or an
     * inkassovarsel costs 1/20 of it = 35 kr = 3500 øre, no earlier than
     * 14 days after the due date; § 1-3: two fee letters, the second only
     * after a missed deadline of at least 14 days; inkassoloven § 9: the
     * notice gives at least 14 days; forsinkelsesrente = policy rate + 8 pp. */
    const struct want w = {"NOK", 3500, 3500, 14, 14, 14, 2, false, 14, true, 0, 800};
    struct vinn_law law = law_on(VINN_COUNTRY_NO, false, D(2026, 6, 1));
    assert_law(&law, &w);
    assert_true(law.source[0] != '\0');
    /* A consumer has no standardkompensasjon (forsinkelsesrenteloven § 3a is B2B). */
    assert_int_equal(law.compensation, 0);
}

static void test_norway_company_2026(void **state)
{
    (void)state;
    /* The same letter rules; standardkompensasjon 470 kr = 47000 øre
     * (2024-01-01, 2025-01-01; the UNVERIFIED half-years after keep it). */
    const struct want w = {"NOK", 3500, 3500, 14, 14, 14, 2, false, 14, true, 47000, 800};
    struct vinn_law law = law_on(VINN_COUNTRY_NO, true, D(2026, 6, 1));
    assert_law(&law, &w);
    assert_true(law.compensation_replaces_fees);
}

static void test_norway_fee_before_and_after_2020_10_01(void **state)
{
    (void)state;
    /* inkassoforskriften § 1-2 as changed on 1 Oct 2020 (sergel.no): claims
     * due from that day bear 1/20 of the inkassosats, 700 kr -> 35 kr; claims
     * due before it keep 1/10, 70 kr (sticos.no, opas.no). The rule set says
     * both; the decision picks by the claim's due date. */
    static const int dates[][3] = {{2017, 1, 1}, {2020, 9, 30}, {2020, 10, 1}, {2026, 4, 2}};
    for (size_t i = 0; i < COUNT_OF(dates); i++) {
        vinn_day on = D(dates[i][0], dates[i][1], dates[i][2]);
        for (int business = 0; business < 2; business++) {
            struct vinn_law law = law_on(VINN_COUNTRY_NO, business != 0, on);
            assert_int_equal(law.reminder_fee_max, 3500);
            assert_int_equal(law.notice_fee_max, 3500);
            assert_int_equal(law.fee_before_reform, 7000);
            assert_int_equal(law.fee_reform_due, D(2020, 10, 1));
        }
    }
    /* Elsewhere there is no such rule. */
    struct vinn_law se = law_on(VINN_COUNTRY_SE, false, D(2026, 4, 2));
    assert_int_equal(se.fee_before_reform, 0);
    assert_int_equal(se.fee_reform_due, VINN_NO_DAY);
}

static void test_norway_inkassosats(void **state)
{
    (void)state;
    /* § 1-1: 700 kr = 70000 øre from 2017-01-01 (lovdata FOR-2002-12-13-1641),
     * unchanged through 2021 (sergel.no); later changes UNVERIFIED, so 700 stays. */
    assert_int_equal(vinn_law_no_inkassosats(D(2017, 1, 1)), 70000);
    assert_int_equal(vinn_law_no_inkassosats(D(2020, 10, 1)), 70000);
    assert_int_equal(vinn_law_no_inkassosats(D(2026, 6, 1)), 70000);
    assert_int_equal(vinn_law_no_inkassosats(VINN_DAY_MAX), 70000);
    /* Before the first verified value there is no sats: no fee may be charged. */
    assert_int_equal(vinn_law_no_inkassosats(D(2016, 12, 31)), 0);
    struct vinn_law law = law_on(VINN_COUNTRY_NO, false, D(2016, 12, 31));
    assert_int_equal(law.reminder_fee_max, 0);
    assert_int_equal(law.notice_fee_max, 0);
}

static void test_norway_standardkompensasjon_by_half_year(void **state)
{
    (void)state;
    /* DOMAIN.md 2.1 table, NOK -> øre; an UNVERIFIED half-year keeps the
     * amount before it (law.h: configuration defaults). */
    static const struct {
        int y, m, d;
        int64_t amount;
    } cases[] = {
        {2018, 12, 31, 0},    /* no verified amount before 2019: nothing claimed */
        {2019, 1, 1, 38000},  /* 380 */
        {2019, 6, 30, 38000},
        {2019, 7, 1, 39000},  /* 390 */
        {2019, 12, 31, 39000},
        {2020, 1, 1, 40000},  /* 400 */
        {2020, 7, 1, 43000},  /* 430 */
        {2020, 12, 31, 43000},
        {2021, 1, 1, 40000},  /* 400 */
        {2021, 7, 1, 40000},  /* 400 */
        {2022, 1, 1, 40000},  /* UNVERIFIED: 2021-07's 400 stays */
        {2022, 7, 1, 40000},  /* 400 */
        {2023, 1, 1, 41000},  /* 410 */
        {2023, 7, 1, 41000},  /* UNVERIFIED: 410 stays */
        {2023, 12, 31, 41000},
        {2024, 1, 1, 47000},  /* 470 */
        {2024, 7, 1, 47000},  /* UNVERIFIED: 470 stays */
        {2025, 1, 1, 47000},  /* 470 */
        {2025, 7, 1, 47000},  /* UNVERIFIED: 470 stays */
        {2026, 1, 1, 47000},
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        vinn_day on = D(cases[i].y, cases[i].m, cases[i].d);
        assert_int_equal(law_on(VINN_COUNTRY_NO, true, on).compensation, cases[i].amount);
        /* Never for a consumer. */
        assert_int_equal(law_on(VINN_COUNTRY_NO, false, on).compensation, 0);
    }
}

/* ---- Sweden ---------------------------------------------------------------- */

static void test_sweden_2026(void **state)
{
    (void)state;
    /* Påminnelseavgift 60 kr only when agreed; inkassokrav 180 kr; the
     * inkassokrav gives at least eight days (IMY); dröjsmålsränta = referens-
     * ränta + 8 (räntelagen 6 §). Förseningsersättning 450 kr for a business. */
    struct vinn_law person = law_on(VINN_COUNTRY_SE, false, D(2026, 6, 1));
    assert_string_equal(person.currency, "SEK");
    assert_int_equal(person.reminder_fee_max, 6000);
    assert_int_equal(person.notice_fee_max, 18000);
    assert_true(person.fee_needs_agreement);
    assert_int_equal(person.notice_deadline_days, 8);
    assert_true(person.notice_before_collection);
    assert_int_equal(person.compensation, 0);
    assert_int_equal(person.interest_margin_bp, 800);
    /* One påminnelseavgift and one inkassokrav (configuration, docs/dunning.md). */
    assert_int_equal(person.fee_letters_max, 2);

    struct vinn_law company = law_on(VINN_COUNTRY_SE, true, D(2026, 6, 1));
    assert_string_equal(company.currency, "SEK");
    assert_int_equal(company.reminder_fee_max, 6000);
    assert_int_equal(company.notice_fee_max, 18000);
    assert_int_equal(company.notice_deadline_days, 8);
    assert_int_equal(company.compensation, 45000);
    /* It replaces the reminder and inkasso fees (IMY; Prop. 2012/13:36). */
    assert_true(company.compensation_replaces_fees);
    assert_int_equal(company.interest_margin_bp, 800);
}

static void test_sweden_reform_2013_03_16(void **state)
{
    (void)state;
    /* Before 16 Mar 2013: 50 kr and 160 kr (förordning 1981:1057), no
     * förseningsersättning yet; from that day 60, 180 and 450 kr. */
    struct vinn_law before = law_on(VINN_COUNTRY_SE, true, D(2013, 3, 15));
    assert_int_equal(before.reminder_fee_max, 5000);
    assert_int_equal(before.notice_fee_max, 16000);
    assert_int_equal(before.compensation, 0);
    struct vinn_law after = law_on(VINN_COUNTRY_SE, true, D(2013, 3, 16));
    assert_int_equal(after.reminder_fee_max, 6000);
    assert_int_equal(after.notice_fee_max, 18000);
    assert_int_equal(after.compensation, 45000);
    struct vinn_law person = law_on(VINN_COUNTRY_SE, false, D(2013, 3, 16));
    assert_int_equal(person.compensation, 0);
    assert_int_equal(law_on(VINN_COUNTRY_SE, false, D(2013, 3, 15)).reminder_fee_max, 5000);
}

/* ---- Finland --------------------------------------------------------------- */

static void test_finland_person(void **state)
{
    (void)state;
    /* kkv.fi: a maksumuistutus at most 5 €, the first chargeable one no
     * earlier than 14 days after the due date, the next 14 days after; the
     * number (2) and the notice deadline (14) are configuration defaults;
     * viivästyskorko = viitekorko + 7 (korkolaki 4 §). No vakiokorvaus. */
    const struct want w = {"EUR", 500, 500, 14, 14, 0, 2, false, 14, true, 0, 700};
    struct vinn_law law = law_on(VINN_COUNTRY_FI, false, D(2026, 6, 1));
    assert_law(&law, &w);
    /* The consumer rules do not depend on the 2022 B2B reform. */
    struct vinn_law old = law_on(VINN_COUNTRY_FI, false, D(2022, 4, 30));
    assert_int_equal(old.reminder_fee_max, 500);
    assert_int_equal(old.compensation, 0);
}

static void test_finland_company_reform_2022_05_01(void **state)
{
    (void)state;
    /* Before 1 May 2022 no B2B cap: no fee may be charged here. From then
     * a reminder at most 12 € and 10 days apart (HE 241/2021 vp); vakio-
     * korvaus 40 € (perintälaki 10 e §, since 16 Mar 2013); korkolaki 4 a §:
     * viitekorko + 8. */
    struct vinn_law before = law_on(VINN_COUNTRY_FI, true, D(2022, 4, 30));
    assert_string_equal(before.currency, "EUR");
    assert_int_equal(before.reminder_fee_max, 0);
    assert_int_equal(before.notice_fee_max, 0);
    assert_int_equal(before.compensation, 4000);

    const struct want w = {"EUR", 1200, 1200, 10, 10, 0, 3, false, 14, true, 4000, 800};
    struct vinn_law after = law_on(VINN_COUNTRY_FI, true, D(2022, 5, 1));
    assert_law(&after, &w);
    struct vinn_law now = law_on(VINN_COUNTRY_FI, true, D(2026, 6, 1));
    assert_law(&now, &w);
}

static void test_finland_vakiokorvaus_from_2013_03_16(void **state)
{
    (void)state;
    assert_int_equal(law_on(VINN_COUNTRY_FI, true, D(2013, 3, 15)).compensation, 0);
    assert_int_equal(law_on(VINN_COUNTRY_FI, true, D(2013, 3, 16)).compensation, 4000);
    assert_int_equal(law_on(VINN_COUNTRY_FI, false, D(2013, 3, 16)).compensation, 0);
}

/* ---- Denmark --------------------------------------------------------------- */

static void test_denmark(void **state)
{
    (void)state;
    /* Renteloven § 9 b: a rykker at most 100 kr, fees for at most three,
     * at least 10 days apart; the first may follow the due date at once;
     * morarente = udlånsrente + 8; kompensationsbeløb 310 kr for a business. */
    const struct want person = {"DKK", 10000, 10000, 1, 10, 0, 3, false, 10, true, 0, 800};
    struct vinn_law p = law_on(VINN_COUNTRY_DK, false, D(2026, 6, 1));
    assert_law(&p, &person);
    const struct want company = {"DKK", 10000, 10000, 1, 10, 0, 3, false, 10, true, 31000, 800};
    struct vinn_law c = law_on(VINN_COUNTRY_DK, true, D(2026, 6, 1));
    assert_law(&c, &company);
    /* The kompensationsbeløb came with the 2013 late-payment change (1 Mar 2013). */
    assert_int_equal(law_on(VINN_COUNTRY_DK, true, D(2013, 2, 28)).compensation, 0);
    assert_int_equal(law_on(VINN_COUNTRY_DK, true, D(2013, 3, 1)).compensation, 31000);
}

/* ---- other countries ------------------------------------------------------- */

static void test_other_country_charges_nothing(void **state)
{
    (void)state;
    for (int business = 0; business < 2; business++) {
        struct vinn_law law = law_on(VINN_COUNTRY_OTHER, business != 0, D(2026, 6, 1));
        /* No law data: no currency to check a fee against, nothing to charge. */
        assert_string_equal(law.currency, "");
        assert_int_equal(law.reminder_fee_max, 0);
        assert_int_equal(law.notice_fee_max, 0);
        assert_int_equal(law.compensation, 0);
        assert_int_equal(law.interest_margin_bp, 0);
        assert_false(law.fee_needs_agreement);
        assert_false(law.notice_before_collection);
        const struct vinn_rate_period *rates = (const struct vinn_rate_period *)1;
        size_t count = 99;
        vinn_law_rates(VINN_COUNTRY_OTHER, business != 0, &rates, &count);
        assert_null(rates);
        assert_int_equal(count, 0);
    }
}

/* ---- rate tables ----------------------------------------------------------- */

static void test_rate_tables_ascending(void **state)
{
    (void)state;
    static const enum vinn_country countries[] = {VINN_COUNTRY_NO, VINN_COUNTRY_SE,
                                                  VINN_COUNTRY_FI, VINN_COUNTRY_DK};
    for (size_t i = 0; i < COUNT_OF(countries); i++) {
        for (int business = 0; business < 2; business++) {
            const struct vinn_rate_period *rates = NULL;
            size_t count = 0;
            vinn_law_rates(countries[i], business != 0, &rates, &count);
            assert_non_null(rates);
            assert_true(count >= 5);
            for (size_t k = 0; k < count; k++) {
                /* 0 %..1000 %, in steps of 0.05 pp at least (DK 7.55 %). */
                assert_true(rates[k].rate_bp > 0);
                assert_true(rates[k].rate_bp <= VINN_INTEREST_RATE_BP_MAX);
                assert_int_equal(rates[k].rate_bp % 5, 0);
                if (k > 0) {
                    assert_true(rates[k].from > rates[k - 1].from);
                }
                /* Periods start on 1 Jan or 1 Jul (half-yearly decisions). */
                struct vinn_civil c = vinn_day_to_civil(rates[k].from);
                assert_int_equal(c.day, 1);
                assert_true(c.month == 1 || c.month == 7);
            }
            /* A well-formed table for core/interest: the last period answers. */
            int32_t bp = -1;
            assert_int_equal(vinn_interest_rate_on(D(2199, 12, 31), rates, count, &bp), VINN_OK);
            assert_int_equal(bp, rates[count - 1].rate_bp);
        }
    }
    /* The last verified periods (DOMAIN.md 2): NO 2025-01-01, SE 2024-07-01,
     * FI 2026-01-01, DK 2024-01-01. */
    static const struct {
        enum vinn_country country;
        int y, m;
        size_t count;
    } last[] = {
        {VINN_COUNTRY_NO, 2025, 1, 12},
        {VINN_COUNTRY_SE, 2024, 7, 6},
        {VINN_COUNTRY_FI, 2026, 1, 5},
        {VINN_COUNTRY_DK, 2024, 1, 5},
    };
    for (size_t i = 0; i < COUNT_OF(last); i++) {
        const struct vinn_rate_period *rates = NULL;
        size_t count = 0;
        vinn_law_rates(last[i].country, false, &rates, &count);
        assert_int_equal(count, last[i].count);
        assert_int_equal(rates[count - 1].from, D(last[i].y, last[i].m, 1));
    }
}

static int32_t rate_on(enum vinn_country country, bool business, vinn_day day)
{
    const struct vinn_rate_period *rates = NULL;
    size_t count = 0;
    vinn_law_rates(country, business, &rates, &count);
    int32_t bp = -1;
    assert_int_equal(vinn_interest_rate_on(day, rates, count, &bp), VINN_OK);
    return bp;
}

static void test_rates_in_force(void **state)
{
    (void)state;
    static const struct {
        enum vinn_country country;
        bool business;
        int y, m, d;
        int32_t bp;
    } cases[] = {
        /* Norway, forsinkelsesrente (DOMAIN.md 2.1); the same for businesses. */
        {VINN_COUNTRY_NO, false, 2019, 1, 1, 875},
        {VINN_COUNTRY_NO, false, 2019, 6, 30, 875},
        {VINN_COUNTRY_NO, false, 2019, 7, 1, 925},
        {VINN_COUNTRY_NO, false, 2020, 1, 1, 950},
        {VINN_COUNTRY_NO, false, 2020, 7, 1, 800},
        {VINN_COUNTRY_NO, false, 2021, 12, 31, 800},
        {VINN_COUNTRY_NO, false, 2022, 1, 1, 850},
        {VINN_COUNTRY_NO, false, 2022, 7, 1, 925},
        {VINN_COUNTRY_NO, false, 2023, 1, 1, 1075},
        {VINN_COUNTRY_NO, false, 2023, 7, 1, 1175},
        {VINN_COUNTRY_NO, false, 2024, 1, 1, 1250},
        {VINN_COUNTRY_NO, false, 2024, 7, 1, 1250}, /* UNVERIFIED: 12.50 % stays */
        {VINN_COUNTRY_NO, false, 2025, 1, 1, 1250},
        {VINN_COUNTRY_NO, false, 2026, 4, 2, 1250}, /* 12.50 % in 2026 */
        {VINN_COUNTRY_NO, true, 2026, 4, 2, 1250},
        {VINN_COUNTRY_NO, true, 2023, 3, 31, 1075},
        /* Sweden, referensränta + 8 (riksbank.se). */
        {VINN_COUNTRY_SE, false, 2022, 1, 1, 800},
        {VINN_COUNTRY_SE, false, 2022, 7, 1, 850},
        {VINN_COUNTRY_SE, false, 2023, 1, 1, 1050},
        {VINN_COUNTRY_SE, false, 2023, 7, 1, 1150},
        {VINN_COUNTRY_SE, false, 2024, 1, 1, 1200},
        {VINN_COUNTRY_SE, false, 2024, 12, 31, 1200},
        {VINN_COUNTRY_SE, true, 2026, 3, 1, 1200},
        /* Finland, viitekorko + 7 (4 §) and + 8 (4 a §). */
        {VINN_COUNTRY_FI, false, 2023, 1, 1, 950},
        {VINN_COUNTRY_FI, false, 2023, 7, 1, 950}, /* 2023H2 UNVERIFIED */
        {VINN_COUNTRY_FI, false, 2024, 1, 1, 1150},
        {VINN_COUNTRY_FI, false, 2024, 7, 1, 1150},
        {VINN_COUNTRY_FI, false, 2025, 1, 1, 1050},
        {VINN_COUNTRY_FI, false, 2025, 7, 1, 1050}, /* 2025H2 UNVERIFIED */
        {VINN_COUNTRY_FI, false, 2026, 1, 1, 950},
        {VINN_COUNTRY_FI, true, 2023, 1, 1, 1050},
        {VINN_COUNTRY_FI, true, 2024, 1, 1, 1250},
        {VINN_COUNTRY_FI, true, 2024, 12, 31, 1250},
        {VINN_COUNTRY_FI, true, 2025, 1, 1, 1150},
        {VINN_COUNTRY_FI, true, 2026, 1, 1, 1050},
        /* Denmark, udlånsrente + 8 (forbrug.dk). */
        {VINN_COUNTRY_DK, false, 2022, 1, 1, 755},
        {VINN_COUNTRY_DK, false, 2022, 7, 1, 755},
        {VINN_COUNTRY_DK, false, 2023, 1, 1, 990},
        {VINN_COUNTRY_DK, false, 2023, 7, 1, 1125},
        {VINN_COUNTRY_DK, false, 2024, 1, 1, 1175},
        {VINN_COUNTRY_DK, true, 2026, 3, 2, 1175},
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        vinn_day day = D(cases[i].y, cases[i].m, cases[i].d);
        assert_int_equal(rate_on(cases[i].country, cases[i].business, day), cases[i].bp);
    }
    /* Finland's commercial rate is the consumer rate + 1 pp on every day. */
    for (vinn_day day = D(2023, 1, 1); day <= D(2026, 12, 31); day += 17) {
        assert_int_equal(rate_on(VINN_COUNTRY_FI, true, day),
                         rate_on(VINN_COUNTRY_FI, false, day) + 100);
    }
}

static void test_rates_before_the_tables(void **state)
{
    (void)state;
    /* A day before the first verified period has no rate: core/interest says
     * VINN_E_RATE_TABLE_EMPTY and leaves the output alone. */
    static const struct {
        enum vinn_country country;
        int y, m, d;
    } cases[] = {
        {VINN_COUNTRY_NO, 2018, 12, 31},
        {VINN_COUNTRY_SE, 2021, 12, 31},
        {VINN_COUNTRY_FI, 2022, 12, 31},
        {VINN_COUNTRY_DK, 2021, 12, 31},
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        const struct vinn_rate_period *rates = NULL;
        size_t count = 0;
        vinn_law_rates(cases[i].country, false, &rates, &count);
        int32_t bp = 4242;
        assert_int_equal(vinn_interest_rate_on(D(cases[i].y, cases[i].m, cases[i].d), rates,
                                               count, &bp),
                         VINN_E_RATE_TABLE_EMPTY);
        assert_int_equal(bp, 4242);
    }
}

static void test_margin_matches_the_table(void **state)
{
    (void)state;
    /* The rates are reference rate + margin; where the reference rate was
     * never negative in the tables' years each rate is at least the margin.
     * (Not Denmark: 7.55 % in 2022 is an udlånsrente of -0.45 % + 8.) */
    static const enum vinn_country countries[] = {VINN_COUNTRY_NO, VINN_COUNTRY_SE,
                                                  VINN_COUNTRY_FI};
    for (size_t i = 0; i < COUNT_OF(countries); i++) {
        for (int business = 0; business < 2; business++) {
            struct vinn_law law = law_on(countries[i], business != 0, D(2026, 1, 1));
            const struct vinn_rate_period *rates = NULL;
            size_t count = 0;
            vinn_law_rates(countries[i], business != 0, &rates, &count);
            for (size_t k = 0; k < count; k++) {
                assert_true(rates[k].rate_bp >= law.interest_margin_bp);
            }
        }
    }
    /* SE and FI reference rates are rounded to half points: rate - margin is
     * a multiple of 50 bp (riksbank.se; korkolaki 12 §). */
    static const enum vinn_country half_points[] = {VINN_COUNTRY_SE, VINN_COUNTRY_FI};
    for (size_t i = 0; i < COUNT_OF(half_points); i++) {
        for (int business = 0; business < 2; business++) {
            struct vinn_law law = law_on(half_points[i], business != 0, D(2026, 1, 1));
            const struct vinn_rate_period *rates = NULL;
            size_t count = 0;
            vinn_law_rates(half_points[i], business != 0, &rates, &count);
            for (size_t k = 0; k < count; k++) {
                assert_int_equal((rates[k].rate_bp - law.interest_margin_bp) % 50, 0);
            }
        }
    }
}

/* ---- errors ---------------------------------------------------------------- */

static void test_date_out_of_range(void **state)
{
    (void)state;
    static const vinn_day bad[] = {VINN_DAY_MIN - 1, VINN_DAY_MAX + 1, INT32_MIN, INT32_MAX};
    static const enum vinn_country countries[] = {VINN_COUNTRY_NO, VINN_COUNTRY_SE,
                                                  VINN_COUNTRY_FI, VINN_COUNTRY_DK,
                                                  VINN_COUNTRY_OTHER};
    for (size_t i = 0; i < COUNT_OF(bad); i++) {
        for (size_t k = 0; k < COUNT_OF(countries); k++) {
            struct vinn_law law;
            memset(&law, 0x5a, sizeof(law));
            struct vinn_law before = law;
            struct vinn_error e;
            vinn_error_clear(&e);
            assert_int_equal(vinn_law_get(countries[k], true, bad[i], &law, &e),
                             VINN_E_DATE_OUT_OF_RANGE);
            assert_int_equal(e.code, VINN_E_DATE_OUT_OF_RANGE);
            assert_true(e.message[0] != '\0');
            /* Unchanged on failure. */
            assert_memory_equal(&law, &before, sizeof(law));
            /* error may be NULL. */
            assert_int_equal(vinn_law_get(countries[k], false, bad[i], &law, NULL),
                             VINN_E_DATE_OUT_OF_RANGE);
        }
    }
    /* The edges themselves are in range. */
    assert_int_equal(law_on(VINN_COUNTRY_NO, false, VINN_DAY_MIN).reminder_fee_max, 0);
    assert_int_equal(law_on(VINN_COUNTRY_NO, false, VINN_DAY_MAX).reminder_fee_max, 3500);
    assert_int_equal(law_on(VINN_COUNTRY_DK, true, VINN_DAY_MAX).compensation, 31000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_norway_person_2026),
        cmocka_unit_test(test_norway_company_2026),
        cmocka_unit_test(test_norway_fee_before_and_after_2020_10_01),
        cmocka_unit_test(test_norway_inkassosats),
        cmocka_unit_test(test_norway_standardkompensasjon_by_half_year),
        cmocka_unit_test(test_sweden_2026),
        cmocka_unit_test(test_sweden_reform_2013_03_16),
        cmocka_unit_test(test_finland_person),
        cmocka_unit_test(test_finland_company_reform_2022_05_01),
        cmocka_unit_test(test_finland_vakiokorvaus_from_2013_03_16),
        cmocka_unit_test(test_denmark),
        cmocka_unit_test(test_other_country_charges_nothing),
        cmocka_unit_test(test_rate_tables_ascending),
        cmocka_unit_test(test_rates_in_force),
        cmocka_unit_test(test_rates_before_the_tables),
        cmocka_unit_test(test_margin_matches_the_table),
        cmocka_unit_test(test_date_out_of_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
