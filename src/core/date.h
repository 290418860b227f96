/*
 * date.h - civil dates as day numbers.
 *
 * A vinn_day counts civil days since 1970-01-01 (day 0) in the proleptic
 * Gregorian calendar. Conversions use Howard Hinnant's days_from_civil /
 * civil_from_days algorithms (exact for every int32 day). vinn accepts
 * dates from 1900-01-01 to 2199-12-31 at its edges (parsing, arithmetic
 * results); inside the core any day in that range is valid.
 *
 * Pure: no clock. "today" is always a parameter.
 */
#ifndef VINN_CORE_DATE_H
#define VINN_CORE_DATE_H

#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"

typedef int32_t vinn_day;

/* A day that is not set (no step yet, no deadline, no next action). */
#define VINN_NO_DAY INT32_MIN

struct vinn_civil {
    int32_t year;
    int32_t month; /* 1..12 */
    int32_t day;   /* 1..31 */
};

enum {
    VINN_YEAR_MIN = 1900,
    VINN_YEAR_MAX = 2199,
    VINN_DAY_MIN = -25567, /* 1900-01-01 */
    VINN_DAY_MAX = 84005,  /* 2199-12-31 */
    VINN_DATE_ISO_SIZE = 11, /* "YYYY-MM-DD" and its NUL */
};

/* ISO weekday numbers. */
enum vinn_weekday {
    VINN_MONDAY = 1,
    VINN_TUESDAY,
    VINN_WEDNESDAY,
    VINN_THURSDAY,
    VINN_FRIDAY,
    VINN_SATURDAY,
    VINN_SUNDAY,
};

/* How adding months treats a day that the target month lacks. */
enum vinn_eom_rule {
    /* Clamp to the target month's last day: 01-31 + 1 month = 02-28 (29). */
    VINN_EOM_CLAMP,
    /* As CLAMP, and a start on its month's last day stays on the last day:
     * 02-28 (non-leap) + 1 month = 03-31. The rule of monthly instalments
     * "due on the last day of the month". */
    VINN_EOM_STICKY,
};

bool vinn_date_is_leap_year(int32_t year);
/* Days in month 1..12 of year; 0 for an invalid month. */
int32_t vinn_date_days_in_month(int32_t year, int32_t month);
/* True when year-month-day exists and lies in VINN_YEAR_MIN..VINN_YEAR_MAX. */
bool vinn_date_is_valid(int32_t year, int32_t month, int32_t day);

/* Civil date to day number; the date must be valid (asserted). */
vinn_day vinn_day_from_civil(int32_t year, int32_t month, int32_t day);
/* Checked form: VINN_E_DATE_IMPOSSIBLE or VINN_E_DATE_OUT_OF_RANGE, *out unchanged. */
VINN_MUST_USE vinn_err vinn_day_from_civil_checked(int32_t year, int32_t month, int32_t day,
                                                   vinn_day *out, struct vinn_error *error);
struct vinn_civil vinn_day_to_civil(vinn_day day);

/*
 * Parse exactly "YYYY-MM-DD". Errors: VINN_E_DATE_SYNTAX (shape),
 * VINN_E_DATE_IMPOSSIBLE (2026-02-30), VINN_E_DATE_OUT_OF_RANGE. field names
 * the input in the error; *out is unchanged on failure.
 */
VINN_MUST_USE vinn_err vinn_day_parse(const char *text, const char *field, vinn_day *out,
                                      struct vinn_error *error);
/* Write "YYYY-MM-DD" into out (at least VINN_DATE_ISO_SIZE bytes). */
void vinn_day_format(vinn_day day, char out[VINN_DATE_ISO_SIZE]);

/* day + days; VINN_E_DATE_OUT_OF_RANGE if the result leaves the range. */
VINN_MUST_USE vinn_err vinn_day_add_days(vinn_day day, int32_t days, vinn_day *out);
/* day + months under the end-of-month rule; range checked as above. */
VINN_MUST_USE vinn_err vinn_day_add_months(vinn_day day, int32_t months, enum vinn_eom_rule rule,
                                           vinn_day *out);

enum vinn_weekday vinn_day_weekday(vinn_day day);
int32_t vinn_day_of_month(vinn_day day);
bool vinn_day_is_weekend(vinn_day day);
/* Last day of day's month. */
vinn_day vinn_day_month_end(vinn_day day);

#endif
