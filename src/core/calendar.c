/* calendar.c - Nordic holiday rules by year, and business-day arithmetic on them.
 *
 * Each country has one function that lists its rules in the order of its
 * vacanza/holidays source file (that order breaks ties between two public
 * holidays on one day). The list is built unsorted on the stack; the public
 * list is then sorted and made unique, while vinn_calendar_is_business_day
 * only scans it. */
#include "core/calendar.h"

#include "base/assert.h"
#include "base/limits.h"

#include "core/banned.h"

/* Days from Easter Sunday (DOMAIN.md section 3). */
enum {
    MAUNDY_THURSDAY = -3,
    GOOD_FRIDAY = -2,
    EASTER_MONDAY = 1,
    STORE_BEDEDAG = 26,
    /* FI 1973-1990: Ascension Day on the Saturday five days before its
     * Thursday (vacanza finland.py). */
    ASCENSION_SATURDAY_FI = 34,
    ASCENSION = 39,
    FRIDAY_AFTER_ASCENSION = 40,
    WHIT_SUNDAY = 49,
    WHIT_MONDAY = 50,
};

struct holiday_list {
    struct vinn_holiday items[VINN_HOLIDAYS_PER_YEAR_MAX];
    size_t count;
};

static void add(struct holiday_list *list, vinn_day day, const char *name_en,
                const char *name_local, bool bank_only)
{
    VINN_ASSERT(list->count < VINN_HOLIDAYS_PER_YEAR_MAX);
    struct vinn_holiday *h = &list->items[list->count];
    h->day = day;
    h->name_en = name_en;
    h->name_local = name_local;
    h->bank_only = bank_only;
    list->count++;
}

static void add_public(struct holiday_list *list, vinn_day day, const char *name_en,
                       const char *name_local)
{
    add(list, day, name_en, name_local, false);
}

static void add_bank(struct holiday_list *list, vinn_day day, const char *name_en,
                     const char *name_local)
{
    add(list, day, name_en, name_local, true);
}

/* The first day on or after year-month-day that is a weekday. */
static vinn_day first_weekday_from(int32_t year, int32_t month, int32_t day,
                                   enum vinn_weekday weekday)
{
    vinn_day start = vinn_day_from_civil(year, month, day);
    int32_t ahead = ((int32_t)weekday - (int32_t)vinn_day_weekday(start) + 7) % 7;
    return start + ahead;
}

vinn_day vinn_calendar_easter(int32_t year)
{
    VINN_ASSERT(year >= VINN_YEAR_MIN);
    VINN_ASSERT(year <= VINN_YEAR_MAX);
    /* Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
    const int32_t a = year % 19;
    const int32_t b = year / 100;
    const int32_t c = year % 100;
    const int32_t d = b / 4;
    const int32_t e = b % 4;
    const int32_t f = (b + 8) / 25;
    const int32_t g = (b - f + 1) / 3;
    const int32_t h = (19 * a + b - d - g + 15) % 30;
    const int32_t i = c / 4;
    const int32_t k = c % 4;
    const int32_t l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int32_t m = (a + 11 * h + 22 * l) / 451;
    const int32_t month = (h + l - 7 * m + 114) / 31;
    const int32_t day = (h + l - 7 * m + 114) % 31 + 1;
    vinn_day easter = vinn_day_from_civil(year, month, day);
    VINN_ASSERT(vinn_day_weekday(easter) == VINN_SUNDAY);
    return easter;
}

/* Norway: vacanza norway.py; Sundays in general are holidays but not listed. */
static void collect_no(int32_t year, vinn_day easter, struct holiday_list *list)
{
    add_public(list, vinn_day_from_civil(year, 1, 1), "New Year's Day", "Første nyttårsdag");
    add_public(list, easter + MAUNDY_THURSDAY, "Maundy Thursday", "Skjærtorsdag");
    add_public(list, easter + GOOD_FRIDAY, "Good Friday", "Langfredag");
    add_public(list, easter, "Easter Sunday", "Første påskedag");
    add_public(list, easter + EASTER_MONDAY, "Easter Monday", "Andre påskedag");
    /* Lov om 1. og 17. mai som høgtidsdager (LOV-1947-04-26-1). */
    if (year >= 1947) {
        add_public(list, vinn_day_from_civil(year, 5, 1), "Labour Day", "Arbeidernes dag");
        add_public(list, vinn_day_from_civil(year, 5, 17), "Constitution Day", "Grunnlovsdag");
    }
    add_public(list, easter + ASCENSION, "Ascension Day", "Kristi himmelfartsdag");
    add_public(list, easter + WHIT_SUNDAY, "Whit Sunday", "Første pinsedag");
    add_public(list, easter + WHIT_MONDAY, "Whit Monday", "Andre pinsedag");
    /* Norges Bank's settlement (NBO) is closed on 24 Dec (norges-bank.no
     * "Settlement days"). 31 Dec is left out on purpose: DOMAIN.md marks the
     * NBO status of 31 Dec UNVERIFIED, so it must not be hard-coded. */
    add_bank(list, vinn_day_from_civil(year, 12, 24), "Christmas Eve", "Julaften");
    add_public(list, vinn_day_from_civil(year, 12, 25), "Christmas Day", "Første juledag");
    add_public(list, vinn_day_from_civil(year, 12, 26), "Second Day of Christmas", "Andre juledag");
}

/* The Feast of the Annunciation in Sweden: 25 Mar until 1952; under lag
 * 1952:48 (1953-1989) the Sunday of 22-28 Mar, or the Sunday two weeks
 * before Easter when that Sunday is Palm Sunday or Easter Day. */
static vinn_day annunciation_se(int32_t year, vinn_day easter)
{
    if (year < 1953) {
        return vinn_day_from_civil(year, 3, 25);
    }
    vinn_day sunday = first_weekday_from(year, 3, 22, VINN_SUNDAY);
    if (sunday == easter - 7 || sunday == easter) {
        return easter - 14;
    }
    return sunday;
}

/* Sweden: vacanza sweden.py, lag (1989:253) om allmänna helgdagar. */
static void collect_se(int32_t year, vinn_day easter, struct holiday_list *list)
{
    add_public(list, vinn_day_from_civil(year, 1, 1), "New Year's Day", "Nyårsdagen");
    add_public(list, vinn_day_from_civil(year, 1, 6), "Epiphany", "Trettondedag jul");
    if (year <= 1989) {
        add_public(list, annunciation_se(year, easter), "Feast of the Annunciation",
                   "Marie bebådelsedag");
    }
    add_public(list, easter + GOOD_FRIDAY, "Good Friday", "Långfredagen");
    add_public(list, easter, "Easter Sunday", "Påskdagen");
    add_public(list, easter + EASTER_MONDAY, "Easter Monday", "Annandag påsk");
    if (year >= 1939) {
        add_public(list, vinn_day_from_civil(year, 5, 1), "May Day", "Första maj");
    }
    add_public(list, easter + ASCENSION, "Ascension Day", "Kristi himmelsfärdsdag");
    if (year >= 2005) {
        add_public(list, vinn_day_from_civil(year, 6, 6), "National Day of Sweden",
                   "Sveriges nationaldag");
    }
    add_public(list, easter + WHIT_SUNDAY, "Whit Sunday", "Pingstdagen");
    if (year <= 2004) {
        add_public(list, easter + WHIT_MONDAY, "Whit Monday", "Annandag pingst");
    }
    /* Lag 1952:48 moved Midsummer Day to the Saturday of 20-26 Jun and All
     * Saints' Day to the Saturday of 31 Oct-6 Nov; before, 24 Jun and 1 Nov.
     * Midsummer Eve, 24 Dec and 31 Dec are not public holidays but banks are
     * closed (vacanza sweden.py BANK category, riksbank.se "Helgdagar 2025"). */
    vinn_day eve = year >= 1953 ? first_weekday_from(year, 6, 19, VINN_FRIDAY)
                                : vinn_day_from_civil(year, 6, 23);
    add_bank(list, eve, "Midsummer Eve", "Midsommarafton");
    add_public(list, eve + 1, "Midsummer Day", "Midsommardagen");
    vinn_day saints = year >= 1953 ? first_weekday_from(year, 10, 31, VINN_SATURDAY)
                                   : vinn_day_from_civil(year, 11, 1);
    add_public(list, saints, "All Saints' Day", "Alla helgons dag");
    add_bank(list, vinn_day_from_civil(year, 12, 24), "Christmas Eve", "Julafton");
    add_public(list, vinn_day_from_civil(year, 12, 25), "Christmas Day", "Juldagen");
    add_public(list, vinn_day_from_civil(year, 12, 26), "Second Day of Christmas", "Annandag jul");
    add_bank(list, vinn_day_from_civil(year, 12, 31), "New Year's Eve", "Nyårsafton");
}

/* Finland: vacanza finland.py. Midsummer Eve and Christmas Eve are public
 * holidays here (DOMAIN.md section 3), so Finland has no bank-only days. */
static void collect_fi(int32_t year, vinn_day easter, struct holiday_list *list)
{
    /* 1973-1990 Epiphany and Ascension Day were moved to Saturdays. */
    bool saturday_reform = year >= 1973 && year <= 1990;
    bool midsummer_reform = year >= 1955;
    add_public(list, vinn_day_from_civil(year, 1, 1), "New Year's Day", "Uudenvuodenpäivä");
    add_public(list,
               saturday_reform ? first_weekday_from(year, 1, 6, VINN_SATURDAY)
                               : vinn_day_from_civil(year, 1, 6),
               "Epiphany", "Loppiainen");
    add_public(list, easter + GOOD_FRIDAY, "Good Friday", "Pitkäperjantai");
    add_public(list, easter, "Easter Sunday", "Pääsiäispäivä");
    add_public(list, easter + EASTER_MONDAY, "Easter Monday", "Toinen pääsiäispäivä");
    if (year >= 1944) {
        add_public(list, vinn_day_from_civil(year, 5, 1), "May Day", "Vappu");
    }
    add_public(list, easter + (saturday_reform ? ASCENSION_SATURDAY_FI : ASCENSION),
               "Ascension Day", "Helatorstai");
    add_public(list, easter + WHIT_SUNDAY, "Whit Sunday", "Helluntaipäivä");
    /* From 1955 Midsummer Eve is the Friday of 19-25 Jun and All Saints' Day
     * the Saturday of 31 Oct-6 Nov; before, 23 Jun and 1 Nov. */
    vinn_day eve = midsummer_reform ? first_weekday_from(year, 6, 19, VINN_FRIDAY)
                                    : vinn_day_from_civil(year, 6, 23);
    add_public(list, eve, "Midsummer Eve", "Juhannusaatto");
    add_public(list, eve + 1, "Midsummer Day", "Juhannuspäivä");
    add_public(list,
               midsummer_reform ? first_weekday_from(year, 10, 31, VINN_SATURDAY)
                                : vinn_day_from_civil(year, 11, 1),
               "All Saints' Day", "Pyhäinpäivä");
    if (year >= 1919) {
        add_public(list, vinn_day_from_civil(year, 12, 6), "Independence Day", "Itsenäisyyspäivä");
    }
    add_public(list, vinn_day_from_civil(year, 12, 24), "Christmas Eve", "Jouluaatto");
    add_public(list, vinn_day_from_civil(year, 12, 25), "Christmas Day", "Joulupäivä");
    add_public(list, vinn_day_from_civil(year, 12, 26), "Second Day of Christmas", "Tapaninpäivä");
}

/* Denmark: vacanza denmark.py; bank closing days from nationalbanken.dk
 * "Banklukkedage". */
static void collect_dk(int32_t year, vinn_day easter, struct holiday_list *list)
{
    add_public(list, vinn_day_from_civil(year, 1, 1), "New Year's Day", "Nytårsdag");
    add_public(list, easter + MAUNDY_THURSDAY, "Maundy Thursday", "Skærtorsdag");
    add_public(list, easter + GOOD_FRIDAY, "Good Friday", "Langfredag");
    add_public(list, easter, "Easter Sunday", "Påskedag");
    add_public(list, easter + EASTER_MONDAY, "Easter Monday", "Anden påskedag");
    /* Abolished by lov nr. 214 af 06/03/2023 from 2024. */
    if (year <= 2023) {
        add_public(list, easter + STORE_BEDEDAG, "Great Prayer Day", "Store bededag");
    }
    add_public(list, easter + ASCENSION, "Ascension Day", "Kristi himmelfartsdag");
    add_bank(list, easter + FRIDAY_AFTER_ASCENSION, "Friday after Ascension Day",
             "Fredag efter Kristi himmelfartsdag");
    add_public(list, easter + WHIT_SUNDAY, "Whit Sunday", "Pinsedag");
    add_public(list, easter + WHIT_MONDAY, "Whit Monday", "Anden pinsedag");
    add_bank(list, vinn_day_from_civil(year, 6, 5), "Constitution Day", "Grundlovsdag");
    add_bank(list, vinn_day_from_civil(year, 12, 24), "Christmas Eve", "Juleaftensdag");
    add_public(list, vinn_day_from_civil(year, 12, 25), "Christmas Day", "Juledag");
    add_public(list, vinn_day_from_civil(year, 12, 26), "Second Day of Christmas", "Anden juledag");
    add_bank(list, vinn_day_from_civil(year, 12, 31), "New Year's Eve", "Nytårsaftensdag");
}

/* Every rule of country for year, unsorted, possibly with repeated days. */
static void collect(enum vinn_country country, int32_t year, struct holiday_list *list)
{
    list->count = 0;
    switch (country) {
    case VINN_COUNTRY_OTHER:
        return;
    case VINN_COUNTRY_NO:
        collect_no(year, vinn_calendar_easter(year), list);
        return;
    case VINN_COUNTRY_SE:
        collect_se(year, vinn_calendar_easter(year), list);
        return;
    case VINN_COUNTRY_FI:
        collect_fi(year, vinn_calendar_easter(year), list);
        return;
    case VINN_COUNTRY_DK:
        collect_dk(year, vinn_calendar_easter(year), list);
        return;
    }
    VINN_UNREACHABLE();
}

/* Stable insertion sort by day, then one entry per day: a public holiday
 * replaces a bank-only day, otherwise the earlier rule stays. */
static void sort_unique(struct holiday_list *list)
{
    for (size_t i = 1; i < list->count; i++) {
        struct vinn_holiday moving = list->items[i];
        size_t j = i;
        while (j > 0 && list->items[j - 1].day > moving.day) {
            list->items[j] = list->items[j - 1];
            j--;
        }
        list->items[j] = moving;
    }
    size_t kept = 0;
    for (size_t i = 0; i < list->count; i++) {
        struct vinn_holiday *last = kept > 0 ? &list->items[kept - 1] : NULL;
        if (last == NULL || last->day != list->items[i].day) {
            list->items[kept] = list->items[i];
            kept++;
        } else if (last->bank_only && !list->items[i].bank_only) {
            *last = list->items[i];
        }
    }
    list->count = kept;
}

vinn_err vinn_calendar_holidays(enum vinn_country country, int32_t year, struct vinn_holiday *out,
                                size_t max, size_t *count)
{
    VINN_ASSERT(count != NULL);
    VINN_ASSERT(out != NULL || max == 0);
    if (year < VINN_YEAR_MIN || year > VINN_YEAR_MAX) {
        return VINN_E_DATE_OUT_OF_RANGE;
    }
    struct holiday_list list;
    collect(country, year, &list);
    sort_unique(&list);
    if (list.count > max) {
        return VINN_E_LIMIT_EXCEEDED;
    }
    /* Point of no return: outputs are written only now. */
    for (size_t i = 0; i < list.count; i++) {
        out[i] = list.items[i];
    }
    *count = list.count;
    return VINN_OK;
}

bool vinn_calendar_is_business_day(enum vinn_country country, vinn_day day)
{
    if (vinn_day_is_weekend(day)) {
        return false;
    }
    if (country == VINN_COUNTRY_OTHER || day < VINN_DAY_MIN || day > VINN_DAY_MAX) {
        return true;
    }
    struct holiday_list list;
    collect(country, vinn_day_to_civil(day).year, &list);
    for (size_t i = 0; i < list.count; i++) {
        if (list.items[i].day == day) {
            return false;
        }
    }
    return true;
}

/* The first business day on or after first, or VINN_E_DATE_OUT_OF_RANGE when
 * none lies before VINN_DAY_MAX. The walk is short: no country closes for
 * more than five days in a row (Maundy Thursday to Easter Monday). */
static vinn_err first_open_from(enum vinn_country country, vinn_day first, vinn_day *out)
{
    for (vinn_day d = first; d <= VINN_DAY_MAX; d++) {
        if (vinn_calendar_is_business_day(country, d)) {
            *out = d;
            return VINN_OK;
        }
    }
    return VINN_E_DATE_OUT_OF_RANGE;
}

vinn_err vinn_calendar_next_business_day(enum vinn_country country, vinn_day day, vinn_day *out)
{
    VINN_ASSERT(out != NULL);
    if (day < VINN_DAY_MIN || day > VINN_DAY_MAX) {
        return VINN_E_DATE_OUT_OF_RANGE;
    }
    return first_open_from(country, day + 1, out);
}

vinn_err vinn_calendar_adjust_forward(enum vinn_country country, vinn_day day, vinn_day *out)
{
    VINN_ASSERT(out != NULL);
    if (day < VINN_DAY_MIN || day > VINN_DAY_MAX) {
        return VINN_E_DATE_OUT_OF_RANGE;
    }
    return first_open_from(country, day, out);
}

vinn_err vinn_calendar_add_business_days(enum vinn_country country, vinn_day day, int32_t n,
                                         vinn_day *out)
{
    VINN_ASSERT(out != NULL);
    if (n < 0) {
        return VINN_E_NUMBER_OUT_OF_RANGE;
    }
    if (day < VINN_DAY_MIN || day > VINN_DAY_MAX || n > VINN_DAY_MAX - day) {
        /* Each business day is at least one calendar day further on. */
        return VINN_E_DATE_OUT_OF_RANGE;
    }
    vinn_day d = 0;
    vinn_err err = first_open_from(country, day, &d);
    for (int32_t i = 0; i < n && err == VINN_OK; i++) {
        err = first_open_from(country, d + 1, &d);
    }
    if (err != VINN_OK) {
        return err;
    }
    *out = d;
    return VINN_OK;
}
