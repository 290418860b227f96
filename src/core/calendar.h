/*
 * calendar.h - public holidays, bank closing days and business days of the
 * four Nordic countries, 1900-2199.
 *
 * Purpose: decide whether a bank moves money on a day, so that due dates,
 * reminder deadlines and grace periods land on days a debtor can pay. A
 * business day is a day that is not a Saturday or Sunday, not a public
 * holiday and not a bank closing day of the country.
 *
 * Invariants:
 * - The list of a year is sorted by day and holds each day once. When two
 *   rules give one day (NO 2008: 1 May is Ascension Day), one entry is kept:
 *   a public holiday wins over a bank closing day, and between two public
 *   holidays the one listed first in the country's source file wins.
 * - Every Sunday is a holiday in Norway and Sweden (snl.no "helligdag";
 *   lag (1989:253) om allmänna helgdagar), but Sundays as such are not
 *   listed: weekends are never business days. Named holidays that fall on a
 *   Sunday (Easter Day, Whit Sunday) are listed.
 * - A year has at most VINN_HOLIDAYS_PER_YEAR_MAX entries (base/limits.h);
 *   the largest list, Sweden's, has 17.
 * - VINN_COUNTRY_OTHER has no holidays: weekends only.
 * - Pure: nothing is allocated, read or cached; every answer is computed from
 *   the day and the country on the stack.
 *
 * Sources (see ../shared/DOMAIN.md section 3):
 * - Holiday rules and their history follow vacanza/holidays,
 *   holidays/countries/{norway,sweden,finland,denmark}.py: NO 1 May and
 *   17 May from 1947 (lov 1947-04-26-1); SE 1 May from 1939, Whit Monday
 *   until 2004, National Day 6 Jun from 2005, Midsummer and All Saints on
 *   Saturdays from 1953 (lag 1952:48), the Annunciation on 25 Mar until 1952
 *   and on a Sunday 1953-1989; FI Epiphany and Ascension on Saturdays
 *   1973-1990, Midsummer and All Saints on Saturdays from 1955, 1 May from
 *   1944, Independence Day from 1919; DK Store bededag until 2023 (lov nr.
 *   214 af 06/03/2023).
 * - Bank closing days: NO 24 Dec, Norges Bank settlement closed
 *   (norges-bank.no "Settlement days"); SE Midsummer Eve, 24 Dec and 31 Dec,
 *   the BANK category of vacanza sweden.py (riksbank.se "Helgdagar 2025");
 *   DK the Friday after Ascension Day, 5 Jun (Grundlovsdag), 24 Dec and
 *   31 Dec (nationalbanken.dk "Banklukkedage"). In Finland Midsummer Eve and
 *   24 Dec are public holidays already; the TARGET closing days (1 Jan, Good
 *   Friday, Easter Monday, 1 May, 25-26 Dec) are all public holidays too.
 * - The bank closing days are today's practice and are applied to every
 *   year: their history is not modelled.
 * - Easter: the anonymous Gregorian algorithm (Meeus, Astronomical
 *   Algorithms, ch. 8), cross-checked with nationalbanken.dk 2026/2027.
 */
#ifndef VINN_CORE_CALENDAR_H
#define VINN_CORE_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/country.h"
#include "core/date.h"

struct vinn_holiday {
    vinn_day day;
    const char *name_en;    /* "Good Friday"; static storage */
    const char *name_local; /* "Langfredag", "Långfredagen", "Pitkäperjantai"; static, UTF-8 */
    bool bank_only;         /* a bank closing day that is not a public holiday (NO 24 Dec) */
};

/*
 * The public holidays and bank closing days of country in year, sorted by
 * day, one entry per day (see the invariants above). The names point to
 * static strings; the caller owns out.
 * Errors: VINN_E_DATE_OUT_OF_RANGE when year is outside
 * VINN_YEAR_MIN..VINN_YEAR_MAX; VINN_E_LIMIT_EXCEEDED when the list has more
 * than max entries (VINN_HOLIDAYS_PER_YEAR_MAX always suffices). On failure
 * out and *count are unchanged. VINN_COUNTRY_OTHER gives *count = 0.
 */
VINN_MUST_USE vinn_err vinn_calendar_holidays(enum vinn_country country, int32_t year,
                                              struct vinn_holiday *out, size_t max, size_t *count);

/* Easter Sunday of year (VINN_YEAR_MIN..VINN_YEAR_MAX, asserted) by the
 * anonymous Gregorian algorithm. */
vinn_day vinn_calendar_easter(int32_t year);

/*
 * True when day is not a Saturday or Sunday and is neither a public holiday
 * nor a bank closing day of country. Days outside VINN_DAY_MIN..VINN_DAY_MAX
 * have no holiday data: only weekends are closed there. Computes Easter and
 * the year's list on the stack; no other work.
 */
bool vinn_calendar_is_business_day(enum vinn_country country, vinn_day day);

/*
 * The first business day strictly after day, in *out.
 * Errors: VINN_E_DATE_OUT_OF_RANGE when day is outside
 * VINN_DAY_MIN..VINN_DAY_MAX or no business day follows it up to
 * VINN_DAY_MAX. *out is unchanged on failure.
 */
VINN_MUST_USE vinn_err vinn_calendar_next_business_day(enum vinn_country country, vinn_day day,
                                                       vinn_day *out);

/*
 * day itself when it is a business day, else the next business day: the rule
 * for moving a due date that falls on a closed day forward. Errors as
 * vinn_calendar_next_business_day; *out is unchanged on failure.
 */
VINN_MUST_USE vinn_err vinn_calendar_adjust_forward(enum vinn_country country, vinn_day day,
                                                    vinn_day *out);

/*
 * adjust_forward(day), then n times the next business day: n = 0 is
 * adjust_forward, and from a Saturday n = 1 is the Tuesday when Monday is
 * open. Errors: VINN_E_NUMBER_OUT_OF_RANGE when n < 0;
 * VINN_E_DATE_OUT_OF_RANGE as vinn_calendar_next_business_day. *out is
 * unchanged on failure.
 */
VINN_MUST_USE vinn_err vinn_calendar_add_business_days(enum vinn_country country, vinn_day day,
                                                       int32_t n, vinn_day *out);

#endif
