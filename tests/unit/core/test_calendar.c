/* Tests of core/calendar: Easter, the holiday lists of NO, SE, FI and DK with
 * their history, and business-day arithmetic around Easter and Christmas.
 * Expected dates come from DOMAIN.md section 3 (computed-dates table) and
 * from the rules in vacanza/holidays worked out by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base/limits.h"
#include "core/calendar.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

static vinn_day D(int y, int m, int d)
{
    return vinn_day_from_civil(y, m, d);
}

struct year_list {
    struct vinn_holiday items[VINN_HOLIDAYS_PER_YEAR_MAX];
    size_t count;
};

static struct year_list list_of(enum vinn_country country, int32_t year)
{
    struct year_list list;
    list.count = 0;
    assert_int_equal(vinn_calendar_holidays(country, year, list.items, COUNT_OF(list.items),
                                            &list.count),
                     VINN_OK);
    return list;
}

/* The entry of day in the list, or NULL. */
static const struct vinn_holiday *find(const struct year_list *list, vinn_day day)
{
    for (size_t i = 0; i < list->count; i++) {
        if (list->items[i].day == day) {
            return &list->items[i];
        }
    }
    return NULL;
}

static void assert_holiday(enum vinn_country country, vinn_day day, const char *name_local,
                           bool bank_only)
{
    struct year_list list = list_of(country, vinn_day_to_civil(day).year);
    const struct vinn_holiday *h = find(&list, day);
    assert_non_null(h);
    assert_string_equal(h->name_local, name_local);
    assert_int_equal(h->bank_only, bank_only);
    assert_false(vinn_calendar_is_business_day(country, day));
}

static void assert_not_holiday(enum vinn_country country, vinn_day day)
{
    struct year_list list = list_of(country, vinn_day_to_civil(day).year);
    assert_null(find(&list, day));
}

static void test_easter(void **state)
{
    (void)state;
    static const struct {
        int y, m, d;
    } cases[] = {
        {1900, 4, 15}, {1901, 4, 7},  {1943, 4, 25}, {1961, 4, 2},  {2000, 4, 23},
        {2008, 3, 23}, {2019, 4, 21}, {2024, 3, 31}, {2025, 4, 20}, {2026, 4, 5},
        {2027, 3, 28}, {2038, 4, 25}, {2100, 3, 28}, {2160, 3, 23}, {2199, 4, 14},
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        assert_int_equal(vinn_calendar_easter(cases[i].y), D(cases[i].y, cases[i].m, cases[i].d));
    }
    /* Every Easter is a Sunday from 22 Mar to 25 Apr. */
    for (int32_t y = VINN_YEAR_MIN; y <= VINN_YEAR_MAX; y++) {
        vinn_day e = vinn_calendar_easter(y);
        assert_int_equal(vinn_day_weekday(e), VINN_SUNDAY);
        assert_true(e >= D(y, 3, 22));
        assert_true(e <= D(y, 4, 25));
    }
}

/* DOMAIN.md section 3, "Computed dates", every cell for every country that
 * keeps that day. Month-day pairs per year. */
static void test_domain_computed_dates(void **state)
{
    (void)state;
    static const struct {
        int y;
        int easter[2], maundy[2], good_fri[2], easter_mon[2], ascension[2], fri_after_asc[2];
        int whit_mon[2], midsummer_eve[2], all_saints[2];
    } rows[] = {
        {2024, {3, 31}, {3, 28}, {3, 29}, {4, 1}, {5, 9}, {5, 10}, {5, 20}, {6, 21}, {11, 2}},
        {2025, {4, 20}, {4, 17}, {4, 18}, {4, 21}, {5, 29}, {5, 30}, {6, 9}, {6, 20}, {11, 1}},
        {2026, {4, 5}, {4, 2}, {4, 3}, {4, 6}, {5, 14}, {5, 15}, {5, 25}, {6, 19}, {10, 31}},
        {2027, {3, 28}, {3, 25}, {3, 26}, {3, 29}, {5, 6}, {5, 7}, {5, 17}, {6, 25}, {11, 6}},
    };
    for (size_t i = 0; i < COUNT_OF(rows); i++) {
        int y = rows[i].y;
        assert_int_equal(vinn_calendar_easter(y), D(y, rows[i].easter[0], rows[i].easter[1]));
        vinn_day maundy = D(y, rows[i].maundy[0], rows[i].maundy[1]);
        vinn_day good_fri = D(y, rows[i].good_fri[0], rows[i].good_fri[1]);
        vinn_day easter_mon = D(y, rows[i].easter_mon[0], rows[i].easter_mon[1]);
        vinn_day ascension = D(y, rows[i].ascension[0], rows[i].ascension[1]);
        vinn_day fri_after = D(y, rows[i].fri_after_asc[0], rows[i].fri_after_asc[1]);
        vinn_day whit_mon = D(y, rows[i].whit_mon[0], rows[i].whit_mon[1]);
        vinn_day eve = D(y, rows[i].midsummer_eve[0], rows[i].midsummer_eve[1]);
        vinn_day saints = D(y, rows[i].all_saints[0], rows[i].all_saints[1]);

        assert_holiday(VINN_COUNTRY_NO, maundy, "Skjærtorsdag", false);
        assert_holiday(VINN_COUNTRY_DK, maundy, "Skærtorsdag", false);
        assert_not_holiday(VINN_COUNTRY_SE, maundy);
        assert_not_holiday(VINN_COUNTRY_FI, maundy);

        assert_holiday(VINN_COUNTRY_NO, good_fri, "Langfredag", false);
        assert_holiday(VINN_COUNTRY_SE, good_fri, "Långfredagen", false);
        assert_holiday(VINN_COUNTRY_FI, good_fri, "Pitkäperjantai", false);
        assert_holiday(VINN_COUNTRY_DK, good_fri, "Langfredag", false);

        assert_holiday(VINN_COUNTRY_NO, easter_mon, "Andre påskedag", false);
        assert_holiday(VINN_COUNTRY_SE, easter_mon, "Annandag påsk", false);
        assert_holiday(VINN_COUNTRY_FI, easter_mon, "Toinen pääsiäispäivä", false);
        assert_holiday(VINN_COUNTRY_DK, easter_mon, "Anden påskedag", false);

        assert_holiday(VINN_COUNTRY_NO, ascension, "Kristi himmelfartsdag", false);
        assert_holiday(VINN_COUNTRY_SE, ascension, "Kristi himmelsfärdsdag", false);
        assert_holiday(VINN_COUNTRY_FI, ascension, "Helatorstai", false);
        assert_holiday(VINN_COUNTRY_DK, ascension, "Kristi himmelfartsdag", false);

        assert_holiday(VINN_COUNTRY_DK, fri_after, "Fredag efter Kristi himmelfartsdag", true);
        assert_true(vinn_calendar_is_business_day(VINN_COUNTRY_NO, fri_after));
        assert_true(vinn_calendar_is_business_day(VINN_COUNTRY_SE, fri_after));
        assert_true(vinn_calendar_is_business_day(VINN_COUNTRY_FI, fri_after));

        /* NO 2027: Whit Monday is 17 May; Grunnlovsdag comes first in the rules. */
        assert_holiday(VINN_COUNTRY_NO, whit_mon, y == 2027 ? "Grunnlovsdag" : "Andre pinsedag",
                       false);
        assert_holiday(VINN_COUNTRY_DK, whit_mon, "Anden pinsedag", false);
        assert_true(vinn_calendar_is_business_day(VINN_COUNTRY_SE, whit_mon));
        assert_true(vinn_calendar_is_business_day(VINN_COUNTRY_FI, whit_mon));

        assert_holiday(VINN_COUNTRY_SE, eve, "Midsommarafton", true);
        assert_holiday(VINN_COUNTRY_FI, eve, "Juhannusaatto", false);
        assert_holiday(VINN_COUNTRY_SE, eve + 1, "Midsommardagen", false);
        assert_holiday(VINN_COUNTRY_FI, eve + 1, "Juhannuspäivä", false);
        assert_true(vinn_calendar_is_business_day(VINN_COUNTRY_NO, eve));
        assert_true(vinn_calendar_is_business_day(VINN_COUNTRY_DK, eve));

        assert_holiday(VINN_COUNTRY_SE, saints, "Alla helgons dag", false);
        assert_holiday(VINN_COUNTRY_FI, saints, "Pyhäinpäivä", false);
        assert_int_equal(vinn_day_weekday(saints), VINN_SATURDAY);
    }
}

struct expected {
    int m, d;
    const char *name_en;
    const char *name_local;
    bool bank_only;
};

static void assert_full_list(enum vinn_country country, int32_t year, const struct expected *want,
                             size_t want_count)
{
    struct year_list list = list_of(country, year);
    assert_int_equal(list.count, want_count);
    for (size_t i = 0; i < want_count; i++) {
        assert_int_equal(list.items[i].day, D(year, want[i].m, want[i].d));
        assert_string_equal(list.items[i].name_en, want[i].name_en);
        assert_string_equal(list.items[i].name_local, want[i].name_local);
        assert_int_equal(list.items[i].bank_only, want[i].bank_only);
    }
}

static void test_full_year_no_2026(void **state)
{
    (void)state;
    static const struct expected want[] = {
        {1, 1, "New Year's Day", "Første nyttårsdag", false},
        {4, 2, "Maundy Thursday", "Skjærtorsdag", false},
        {4, 3, "Good Friday", "Langfredag", false},
        {4, 5, "Easter Sunday", "Første påskedag", false},
        {4, 6, "Easter Monday", "Andre påskedag", false},
        {5, 1, "Labour Day", "Arbeidernes dag", false},
        {5, 14, "Ascension Day", "Kristi himmelfartsdag", false},
        {5, 17, "Constitution Day", "Grunnlovsdag", false},
        {5, 24, "Whit Sunday", "Første pinsedag", false},
        {5, 25, "Whit Monday", "Andre pinsedag", false},
        {12, 24, "Christmas Eve", "Julaften", true},
        {12, 25, "Christmas Day", "Første juledag", false},
        {12, 26, "Second Day of Christmas", "Andre juledag", false},
    };
    assert_full_list(VINN_COUNTRY_NO, 2026, want, COUNT_OF(want));
    /* 31 Dec is not a Norwegian bank closing day here: UNVERIFIED in DOMAIN.md. */
    assert_true(vinn_calendar_is_business_day(VINN_COUNTRY_NO, D(2026, 12, 31)));
}

static void test_full_year_se_2026(void **state)
{
    (void)state;
    static const struct expected want[] = {
        {1, 1, "New Year's Day", "Nyårsdagen", false},
        {1, 6, "Epiphany", "Trettondedag jul", false},
        {4, 3, "Good Friday", "Långfredagen", false},
        {4, 5, "Easter Sunday", "Påskdagen", false},
        {4, 6, "Easter Monday", "Annandag påsk", false},
        {5, 1, "May Day", "Första maj", false},
        {5, 14, "Ascension Day", "Kristi himmelsfärdsdag", false},
        {5, 24, "Whit Sunday", "Pingstdagen", false},
        {6, 6, "National Day of Sweden", "Sveriges nationaldag", false},
        {6, 19, "Midsummer Eve", "Midsommarafton", true},
        {6, 20, "Midsummer Day", "Midsommardagen", false},
        {10, 31, "All Saints' Day", "Alla helgons dag", false},
        {12, 24, "Christmas Eve", "Julafton", true},
        {12, 25, "Christmas Day", "Juldagen", false},
        {12, 26, "Second Day of Christmas", "Annandag jul", false},
        {12, 31, "New Year's Eve", "Nyårsafton", true},
    };
    assert_full_list(VINN_COUNTRY_SE, 2026, want, COUNT_OF(want));
}

static void test_full_year_fi_2026(void **state)
{
    (void)state;
    static const struct expected want[] = {
        {1, 1, "New Year's Day", "Uudenvuodenpäivä", false},
        {1, 6, "Epiphany", "Loppiainen", false},
        {4, 3, "Good Friday", "Pitkäperjantai", false},
        {4, 5, "Easter Sunday", "Pääsiäispäivä", false},
        {4, 6, "Easter Monday", "Toinen pääsiäispäivä", false},
        {5, 1, "May Day", "Vappu", false},
        {5, 14, "Ascension Day", "Helatorstai", false},
        {5, 24, "Whit Sunday", "Helluntaipäivä", false},
        {6, 19, "Midsummer Eve", "Juhannusaatto", false},
        {6, 20, "Midsummer Day", "Juhannuspäivä", false},
        {10, 31, "All Saints' Day", "Pyhäinpäivä", false},
        {12, 6, "Independence Day", "Itsenäisyyspäivä", false},
        {12, 24, "Christmas Eve", "Jouluaatto", false},
        {12, 25, "Christmas Day", "Joulupäivä", false},
        {12, 26, "Second Day of Christmas", "Tapaninpäivä", false},
    };
    assert_full_list(VINN_COUNTRY_FI, 2026, want, COUNT_OF(want));
}

static void test_full_year_dk_2026(void **state)
{
    (void)state;
    static const struct expected want[] = {
        {1, 1, "New Year's Day", "Nytårsdag", false},
        {4, 2, "Maundy Thursday", "Skærtorsdag", false},
        {4, 3, "Good Friday", "Langfredag", false},
        {4, 5, "Easter Sunday", "Påskedag", false},
        {4, 6, "Easter Monday", "Anden påskedag", false},
        {5, 14, "Ascension Day", "Kristi himmelfartsdag", false},
        {5, 15, "Friday after Ascension Day", "Fredag efter Kristi himmelfartsdag", true},
        {5, 24, "Whit Sunday", "Pinsedag", false},
        {5, 25, "Whit Monday", "Anden pinsedag", false},
        {6, 5, "Constitution Day", "Grundlovsdag", true},
        {12, 24, "Christmas Eve", "Juleaftensdag", true},
        {12, 25, "Christmas Day", "Juledag", false},
        {12, 26, "Second Day of Christmas", "Anden juledag", false},
        {12, 31, "New Year's Eve", "Nytårsaftensdag", true},
    };
    assert_full_list(VINN_COUNTRY_DK, 2026, want, COUNT_OF(want));
}

static void test_history_sweden(void **state)
{
    (void)state;
    /* Whit Monday until 2004, National Day from 2005. */
    assert_holiday(VINN_COUNTRY_SE, D(2004, 5, 31), "Annandag pingst", false);
    assert_not_holiday(VINN_COUNTRY_SE, D(2004, 6, 6));
    assert_not_holiday(VINN_COUNTRY_SE, D(2005, 5, 16));
    assert_true(vinn_calendar_is_business_day(VINN_COUNTRY_SE, D(2005, 5, 16)));
    assert_holiday(VINN_COUNTRY_SE, D(2005, 6, 6), "Sveriges nationaldag", false);
    /* Midsummer and All Saints: fixed days in 1952, Saturdays from 1953. */
    assert_holiday(VINN_COUNTRY_SE, D(1952, 6, 23), "Midsommarafton", true);
    assert_holiday(VINN_COUNTRY_SE, D(1952, 6, 24), "Midsommardagen", false);
    assert_holiday(VINN_COUNTRY_SE, D(1952, 11, 1), "Alla helgons dag", false);
    assert_holiday(VINN_COUNTRY_SE, D(1953, 6, 19), "Midsommarafton", true);
    assert_holiday(VINN_COUNTRY_SE, D(1953, 6, 20), "Midsommardagen", false);
    assert_holiday(VINN_COUNTRY_SE, D(1953, 10, 31), "Alla helgons dag", false);
    assert_true(vinn_calendar_is_business_day(VINN_COUNTRY_SE, D(1953, 6, 23)));
    assert_true(vinn_calendar_is_business_day(VINN_COUNTRY_SE, D(1953, 6, 24)));
    /* Annunciation: 25 Mar until 1952, a Sunday 1953-1989 (two weeks before
     * Easter when the Sunday of 22-28 Mar is Palm Sunday or Easter), gone in 1990. */
    assert_holiday(VINN_COUNTRY_SE, D(1952, 3, 25), "Marie bebådelsedag", false);
    assert_holiday(VINN_COUNTRY_SE, D(1953, 3, 22), "Marie bebådelsedag", false);
    assert_holiday(VINN_COUNTRY_SE, D(1970, 3, 15), "Marie bebådelsedag", false);
    assert_holiday(VINN_COUNTRY_SE, D(1989, 3, 12), "Marie bebådelsedag", false);
    assert_int_equal(list_of(VINN_COUNTRY_SE, 1989).count, 17);
    assert_int_equal(list_of(VINN_COUNTRY_SE, 1990).count, 16);
    /* May Day from 1939. */
    assert_not_holiday(VINN_COUNTRY_SE, D(1938, 5, 1));
    assert_holiday(VINN_COUNTRY_SE, D(1939, 5, 1), "Första maj", false);
}

static void test_history_finland(void **state)
{
    (void)state;
    /* Epiphany: 6 Jan, on the Saturday of 6-12 Jan 1973-1990, 6 Jan again from 1991. */
    assert_holiday(VINN_COUNTRY_FI, D(1972, 1, 6), "Loppiainen", false);
    assert_holiday(VINN_COUNTRY_FI, D(1973, 1, 6), "Loppiainen", false);
    assert_holiday(VINN_COUNTRY_FI, D(1974, 1, 12), "Loppiainen", false);
    assert_not_holiday(VINN_COUNTRY_FI, D(1974, 1, 6));
    assert_holiday(VINN_COUNTRY_FI, D(1990, 1, 6), "Loppiainen", false);
    assert_holiday(VINN_COUNTRY_FI, D(1991, 1, 6), "Loppiainen", false);
    assert_holiday(VINN_COUNTRY_FI, D(1992, 1, 6), "Loppiainen", false);
    /* Ascension on the Saturday Easter + 34 in 1973-1990 (1980: Easter 6 Apr). */
    assert_holiday(VINN_COUNTRY_FI, D(1980, 5, 10), "Helatorstai", false);
    assert_true(vinn_calendar_is_business_day(VINN_COUNTRY_FI, D(1980, 5, 15)));
    assert_holiday(VINN_COUNTRY_FI, D(1972, 5, 11), "Helatorstai", false);
    /* Midsummer and All Saints fixed until 1954, Saturdays from 1955. */
    assert_holiday(VINN_COUNTRY_FI, D(1954, 6, 23), "Juhannusaatto", false);
    assert_holiday(VINN_COUNTRY_FI, D(1954, 6, 24), "Juhannuspäivä", false);
    assert_holiday(VINN_COUNTRY_FI, D(1954, 11, 1), "Pyhäinpäivä", false);
    assert_holiday(VINN_COUNTRY_FI, D(1955, 6, 24), "Juhannusaatto", false);
    assert_holiday(VINN_COUNTRY_FI, D(1955, 6, 25), "Juhannuspäivä", false);
    assert_holiday(VINN_COUNTRY_FI, D(1955, 11, 5), "Pyhäinpäivä", false);
    /* May Day from 1944, Independence Day from 1919. */
    assert_not_holiday(VINN_COUNTRY_FI, D(1943, 5, 1));
    assert_holiday(VINN_COUNTRY_FI, D(1944, 5, 1), "Vappu", false);
    assert_not_holiday(VINN_COUNTRY_FI, D(1918, 12, 6));
    assert_holiday(VINN_COUNTRY_FI, D(1919, 12, 6), "Itsenäisyyspäivä", false);
}

static void test_history_denmark_norway(void **state)
{
    (void)state;
    /* Store bededag (Easter + 26) until 2023. */
    assert_holiday(VINN_COUNTRY_DK, D(2023, 5, 5), "Store bededag", false);
    assert_not_holiday(VINN_COUNTRY_DK, D(2024, 4, 26));
    assert_true(vinn_calendar_is_business_day(VINN_COUNTRY_DK, D(2024, 4, 26)));
    /* Norway: 1 May and 17 May from 1947. */
    assert_true(vinn_calendar_is_business_day(VINN_COUNTRY_NO, D(1946, 5, 1)));
    assert_true(vinn_calendar_is_business_day(VINN_COUNTRY_NO, D(1946, 5, 17)));
    assert_holiday(VINN_COUNTRY_NO, D(1947, 5, 1), "Arbeidernes dag", false);
    assert_holiday(VINN_COUNTRY_NO, D(1947, 5, 17), "Grunnlovsdag", false);
}

/* Two rules on one day leave one entry; a public holiday beats a bank day. */
static void test_one_entry_per_day(void **state)
{
    (void)state;
    /* NO 2008: Easter 23 Mar, Ascension = 1 May; the earlier rule stays. */
    assert_holiday(VINN_COUNTRY_NO, D(2008, 5, 1), "Arbeidernes dag", false);
    assert_int_equal(list_of(VINN_COUNTRY_NO, 2008).count, 12);
    /* NO 2007: Easter 8 Apr, Ascension = 17 May. */
    assert_holiday(VINN_COUNTRY_NO, D(2007, 5, 17), "Grunnlovsdag", false);
    assert_int_equal(list_of(VINN_COUNTRY_NO, 2007).count, 12);
    /* DK 2017: Whit Monday = 5 Jun, public beats the bank day. */
    assert_holiday(VINN_COUNTRY_DK, D(2017, 6, 5), "Anden pinsedag", false);
    assert_int_equal(list_of(VINN_COUNTRY_DK, 2017).count, 14);
    /* DK 2022: Whit Sunday = 5 Jun. */
    assert_holiday(VINN_COUNTRY_DK, D(2022, 6, 5), "Pinsedag", false);
    /* SE 2049: Easter 18 Apr, Whit Sunday = 6 Jun; National Day is the earlier rule. */
    assert_holiday(VINN_COUNTRY_SE, D(2049, 6, 6), "Sveriges nationaldag", false);
    assert_int_equal(list_of(VINN_COUNTRY_SE, 2049).count, 15);
}

/* Every list of every year: sorted, unique, within the limit, named; and
 * is_business_day agrees with the lists and the weekends on every day. */
static void test_every_year_invariants(void **state)
{
    (void)state;
    static const enum vinn_country countries[] = {VINN_COUNTRY_OTHER, VINN_COUNTRY_NO,
                                                  VINN_COUNTRY_SE, VINN_COUNTRY_FI,
                                                  VINN_COUNTRY_DK};
    size_t most = 0;
    for (size_t c = 0; c < COUNT_OF(countries); c++) {
        for (int32_t y = VINN_YEAR_MIN; y <= VINN_YEAR_MAX; y++) {
            struct year_list list = list_of(countries[c], y);
            most = list.count > most ? list.count : most;
            for (size_t i = 0; i < list.count; i++) {
                assert_int_equal(vinn_day_to_civil(list.items[i].day).year, y);
                assert_true(i == 0 || list.items[i - 1].day < list.items[i].day);
                assert_non_null(list.items[i].name_en);
                assert_non_null(list.items[i].name_local);
            }
            vinn_day first = D(y, 1, 1);
            vinn_day last = D(y, 12, 31);
            for (vinn_day d = first; d <= last; d++) {
                bool open = !vinn_day_is_weekend(d) && find(&list, d) == NULL;
                assert_int_equal(vinn_calendar_is_business_day(countries[c], d), open);
            }
        }
        if (countries[c] == VINN_COUNTRY_OTHER) {
            assert_int_equal(most, 0);
        }
    }
    assert_int_equal(most, 17);
    assert_true(most <= VINN_HOLIDAYS_PER_YEAR_MAX);
}

static void test_holidays_errors(void **state)
{
    (void)state;
    struct vinn_holiday out[VINN_HOLIDAYS_PER_YEAR_MAX];
    memset(out, 0, sizeof(out));
    size_t count = 99;
    assert_int_equal(vinn_calendar_holidays(VINN_COUNTRY_NO, 1899, out, COUNT_OF(out), &count),
                     VINN_E_DATE_OUT_OF_RANGE);
    assert_int_equal(vinn_calendar_holidays(VINN_COUNTRY_NO, 2200, out, COUNT_OF(out), &count),
                     VINN_E_DATE_OUT_OF_RANGE);
    assert_int_equal(vinn_calendar_holidays(VINN_COUNTRY_OTHER, 2200, out, COUNT_OF(out), &count),
                     VINN_E_DATE_OUT_OF_RANGE);
    assert_int_equal(count, 99);
    /* NO 2026 has 13 entries: 12 is one short, 13 is exact. */
    assert_int_equal(vinn_calendar_holidays(VINN_COUNTRY_NO, 2026, out, 12, &count),
                     VINN_E_LIMIT_EXCEEDED);
    assert_int_equal(count, 99);
    assert_int_equal(out[0].day, 0);
    assert_null(out[0].name_en);
    assert_int_equal(vinn_calendar_holidays(VINN_COUNTRY_NO, 2026, NULL, 0, &count),
                     VINN_E_LIMIT_EXCEEDED);
    assert_int_equal(count, 99);
    assert_int_equal(vinn_calendar_holidays(VINN_COUNTRY_NO, 2026, out, 13, &count), VINN_OK);
    assert_int_equal(count, 13);
    /* Range edges and the country without holidays. */
    assert_int_equal(vinn_calendar_holidays(VINN_COUNTRY_OTHER, 2026, NULL, 0, &count), VINN_OK);
    assert_int_equal(count, 0);
    assert_int_equal(vinn_calendar_holidays(VINN_COUNTRY_FI, 1900, out, COUNT_OF(out), &count),
                     VINN_OK);
    assert_int_equal(out[0].day, VINN_DAY_MIN);
    assert_int_equal(vinn_calendar_holidays(VINN_COUNTRY_DK, 2199, out, COUNT_OF(out), &count),
                     VINN_OK);
    assert_int_equal(out[count - 1].day, VINN_DAY_MAX);
}

static void test_business_days(void **state)
{
    (void)state;
    static const struct {
        enum vinn_country country;
        int y, m, d;
        bool open;
    } cases[] = {
        {VINN_COUNTRY_NO, 2026, 12, 24, false}, {VINN_COUNTRY_NO, 2026, 12, 28, true},
        {VINN_COUNTRY_NO, 2026, 12, 31, true},  {VINN_COUNTRY_SE, 2026, 12, 31, false},
        {VINN_COUNTRY_DK, 2026, 12, 31, false}, {VINN_COUNTRY_FI, 2026, 12, 31, true},
        {VINN_COUNTRY_NO, 2026, 5, 18, true},   {VINN_COUNTRY_NO, 2026, 5, 16, false},
        {VINN_COUNTRY_SE, 2026, 4, 2, true},    {VINN_COUNTRY_NO, 2026, 4, 2, false},
        {VINN_COUNTRY_OTHER, 2026, 12, 24, true}, {VINN_COUNTRY_OTHER, 2026, 12, 26, false},
        {VINN_COUNTRY_OTHER, 2026, 4, 3, true}, {VINN_COUNTRY_DK, 2026, 6, 5, false},
        {VINN_COUNTRY_NO, 2026, 6, 5, true},    {VINN_COUNTRY_FI, 2026, 12, 7, true},
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        vinn_day day = D(cases[i].y, cases[i].m, cases[i].d);
        assert_int_equal(vinn_calendar_is_business_day(cases[i].country, day), cases[i].open);
    }
    /* Outside the range only weekends close: 1899-12-31 was a Sunday,
     * 2200-01-01 a Wednesday, 1900-01-01 a Monday and New Year's Day. */
    assert_false(vinn_calendar_is_business_day(VINN_COUNTRY_NO, VINN_DAY_MIN - 1));
    assert_true(vinn_calendar_is_business_day(VINN_COUNTRY_NO, VINN_DAY_MAX + 1));
    assert_false(vinn_calendar_is_business_day(VINN_COUNTRY_NO, VINN_DAY_MIN));
    assert_true(vinn_calendar_is_business_day(VINN_COUNTRY_OTHER, VINN_DAY_MIN));
    assert_true(vinn_calendar_is_business_day(VINN_COUNTRY_NO, INT32_MAX - 4));
}

enum step_kind { NEXT, ADJUST, ADD };

static vinn_err step(enum step_kind kind, enum vinn_country country, vinn_day day, int32_t n,
                     vinn_day *out)
{
    switch (kind) {
    case NEXT:
        return vinn_calendar_next_business_day(country, day, out);
    case ADJUST:
        return vinn_calendar_adjust_forward(country, day, out);
    case ADD:
        return vinn_calendar_add_business_days(country, day, n, out);
    }
    return VINN_E_INTERNAL;
}

static void test_moving_forward(void **state)
{
    (void)state;
    static const struct {
        enum step_kind kind;
        enum vinn_country country;
        int y, m, d, n;
        int wy, wm, wd;
    } cases[] = {
        /* Christmas in Norway: 24 Dec is a bank day, 25-27 Dec holiday and weekend. */
        {NEXT, VINN_COUNTRY_NO, 2026, 12, 24, 0, 2026, 12, 28},
        {NEXT, VINN_COUNTRY_NO, 2026, 12, 23, 0, 2026, 12, 28},
        {ADJUST, VINN_COUNTRY_NO, 2026, 12, 24, 0, 2026, 12, 28},
        {ADJUST, VINN_COUNTRY_NO, 2026, 12, 23, 0, 2026, 12, 23},
        {NEXT, VINN_COUNTRY_NO, 2026, 12, 22, 0, 2026, 12, 23},
        /* Sweden and Denmark close 31 Dec too; 1-3 Jan 2027 Fri-Sun. */
        {NEXT, VINN_COUNTRY_SE, 2026, 12, 30, 0, 2027, 1, 4},
        {NEXT, VINN_COUNTRY_DK, 2026, 12, 30, 0, 2027, 1, 4},
        {NEXT, VINN_COUNTRY_NO, 2026, 12, 30, 0, 2026, 12, 31},
        /* Sat 16 May 2026 in Norway: 17 May is a Sunday, so Monday 18 May. */
        {ADJUST, VINN_COUNTRY_NO, 2026, 5, 16, 0, 2026, 5, 18},
        /* Easter 2026: NO closes Thu 2 Apr to Mon 6 Apr, SE Fri to Mon. */
        {ADJUST, VINN_COUNTRY_NO, 2026, 4, 2, 0, 2026, 4, 7},
        {ADJUST, VINN_COUNTRY_SE, 2026, 4, 2, 0, 2026, 4, 2},
        {NEXT, VINN_COUNTRY_SE, 2026, 4, 2, 0, 2026, 4, 7},
        {NEXT, VINN_COUNTRY_FI, 2026, 4, 1, 0, 2026, 4, 2},
        /* DK Ascension and the Friday after it, then the weekend. */
        {NEXT, VINN_COUNTRY_DK, 2026, 5, 13, 0, 2026, 5, 18},
        {NEXT, VINN_COUNTRY_NO, 2026, 5, 13, 0, 2026, 5, 15},
        /* FI Midsummer Eve Fri 19 Jun 2026. */
        {ADJUST, VINN_COUNTRY_FI, 2026, 6, 19, 0, 2026, 6, 22},
        {ADJUST, VINN_COUNTRY_SE, 2026, 6, 19, 0, 2026, 6, 22},
        {ADJUST, VINN_COUNTRY_NO, 2026, 6, 19, 0, 2026, 6, 19},
        /* Weekends only elsewhere. */
        {NEXT, VINN_COUNTRY_OTHER, 2026, 12, 25, 0, 2026, 12, 28},
        {NEXT, VINN_COUNTRY_OTHER, 2026, 12, 23, 0, 2026, 12, 24},
        {ADJUST, VINN_COUNTRY_OTHER, 2026, 4, 3, 0, 2026, 4, 3},
        /* add_business_days: n = 0 is adjust_forward; Easter in Norway. */
        {ADD, VINN_COUNTRY_NO, 2026, 3, 31, 0, 2026, 3, 31},
        {ADD, VINN_COUNTRY_NO, 2026, 3, 31, 1, 2026, 4, 1},
        {ADD, VINN_COUNTRY_NO, 2026, 3, 31, 2, 2026, 4, 7},
        {ADD, VINN_COUNTRY_NO, 2026, 3, 31, 3, 2026, 4, 8},
        {ADD, VINN_COUNTRY_NO, 2026, 4, 4, 0, 2026, 4, 7},
        {ADD, VINN_COUNTRY_NO, 2026, 4, 4, 1, 2026, 4, 8},
        {ADD, VINN_COUNTRY_OTHER, 2026, 5, 16, 1, 2026, 5, 19},
        {ADD, VINN_COUNTRY_DK, 2026, 12, 21, 5, 2026, 12, 30},
        {ADD, VINN_COUNTRY_DK, 2026, 12, 21, 6, 2027, 1, 4},
        {ADD, VINN_COUNTRY_OTHER, 2026, 1, 1, 261, 2027, 1, 1},
        /* Range edges: 2199-12-31 is a Tuesday, open in Norway. */
        {ADJUST, VINN_COUNTRY_NO, 2199, 12, 31, 0, 2199, 12, 31},
        {ADD, VINN_COUNTRY_NO, 2199, 12, 30, 1, 2199, 12, 31},
        {NEXT, VINN_COUNTRY_NO, 1900, 1, 1, 0, 1900, 1, 2},
        {ADJUST, VINN_COUNTRY_NO, 1900, 1, 1, 0, 1900, 1, 2},
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        vinn_day out = -1;
        vinn_day day = D(cases[i].y, cases[i].m, cases[i].d);
        assert_int_equal(step(cases[i].kind, cases[i].country, day, cases[i].n, &out), VINN_OK);
        assert_int_equal(out, D(cases[i].wy, cases[i].wm, cases[i].wd));
    }
}

static void test_moving_forward_errors(void **state)
{
    (void)state;
    static const struct {
        enum step_kind kind;
        enum vinn_country country;
        vinn_day day;
        int32_t n;
        vinn_err code;
    } cases[] = {
        /* 2199-12-31 is a Danish and Swedish bank closing day: nothing follows. */
        {ADJUST, VINN_COUNTRY_DK, VINN_DAY_MAX, 0, VINN_E_DATE_OUT_OF_RANGE},
        {ADJUST, VINN_COUNTRY_SE, VINN_DAY_MAX, 0, VINN_E_DATE_OUT_OF_RANGE},
        {ADD, VINN_COUNTRY_DK, VINN_DAY_MAX, 0, VINN_E_DATE_OUT_OF_RANGE},
        {NEXT, VINN_COUNTRY_NO, VINN_DAY_MAX, 0, VINN_E_DATE_OUT_OF_RANGE},
        {NEXT, VINN_COUNTRY_OTHER, VINN_DAY_MAX, 0, VINN_E_DATE_OUT_OF_RANGE},
        {ADD, VINN_COUNTRY_NO, VINN_DAY_MAX, 1, VINN_E_DATE_OUT_OF_RANGE},
        {ADD, VINN_COUNTRY_NO, VINN_DAY_MAX - 10, 9, VINN_E_DATE_OUT_OF_RANGE},
        {ADD, VINN_COUNTRY_NO, 0, INT32_MAX, VINN_E_DATE_OUT_OF_RANGE},
        {ADD, VINN_COUNTRY_NO, 0, -1, VINN_E_NUMBER_OUT_OF_RANGE},
        {ADD, VINN_COUNTRY_NO, 0, INT32_MIN, VINN_E_NUMBER_OUT_OF_RANGE},
        /* Inputs outside the range. */
        {NEXT, VINN_COUNTRY_NO, VINN_DAY_MIN - 1, 0, VINN_E_DATE_OUT_OF_RANGE},
        {ADJUST, VINN_COUNTRY_NO, VINN_DAY_MAX + 1, 0, VINN_E_DATE_OUT_OF_RANGE},
        {ADD, VINN_COUNTRY_NO, INT32_MIN, 0, VINN_E_DATE_OUT_OF_RANGE},
        {NEXT, VINN_COUNTRY_NO, INT32_MAX, 0, VINN_E_DATE_OUT_OF_RANGE},
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        vinn_day out = 4242;
        assert_int_equal(step(cases[i].kind, cases[i].country, cases[i].day, cases[i].n, &out),
                         cases[i].code);
        assert_int_equal(out, 4242);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_easter),
        cmocka_unit_test(test_domain_computed_dates),
        cmocka_unit_test(test_full_year_no_2026),
        cmocka_unit_test(test_full_year_se_2026),
        cmocka_unit_test(test_full_year_fi_2026),
        cmocka_unit_test(test_full_year_dk_2026),
        cmocka_unit_test(test_history_sweden),
        cmocka_unit_test(test_history_finland),
        cmocka_unit_test(test_history_denmark_norway),
        cmocka_unit_test(test_one_entry_per_day),
        cmocka_unit_test(test_every_year_invariants),
        cmocka_unit_test(test_holidays_errors),
        cmocka_unit_test(test_business_days),
        cmocka_unit_test(test_moving_forward),
        cmocka_unit_test(test_moving_forward_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
