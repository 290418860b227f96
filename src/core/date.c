/* date.c - Hinnant's civil-date algorithms (public domain description at
 * howardhinnant.github.io/date_algorithms.html), with range checks. */
#include "core/date.h"

#include "base/assert.h"
#include "core/banned.h"

bool vinn_date_is_leap_year(int32_t year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int32_t vinn_date_days_in_month(int32_t year, int32_t month)
{
    static const int32_t days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) {
        return 0;
    }
    if (month == 2 && vinn_date_is_leap_year(year)) {
        return 29;
    }
    return days[month - 1];
}

bool vinn_date_is_valid(int32_t year, int32_t month, int32_t day)
{
    if (year < VINN_YEAR_MIN || year > VINN_YEAR_MAX) {
        return false;
    }
    return day >= 1 && day <= vinn_date_days_in_month(year, month);
}

static vinn_day days_from_civil(int32_t y, int32_t m, int32_t d)
{
    y -= m <= 2;
    const int32_t era = (y >= 0 ? y : y - 399) / 400;
    const int32_t yoe = y - era * 400;
    const int32_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

vinn_day vinn_day_from_civil(int32_t year, int32_t month, int32_t day)
{
    VINN_ASSERT(vinn_date_is_valid(year, month, day));
    return days_from_civil(year, month, day);
}

vinn_err vinn_day_from_civil_checked(int32_t year, int32_t month, int32_t day, vinn_day *out,
                                     struct vinn_error *error)
{
    if (year < VINN_YEAR_MIN || year > VINN_YEAR_MAX) {
        return vinn_fail(error, VINN_E_DATE_OUT_OF_RANGE, "date",
                         "year %d is outside 1900..2199", (int)year);
    }
    if (day < 1 || day > vinn_date_days_in_month(year, month)) {
        return vinn_fail(error, VINN_E_DATE_IMPOSSIBLE, "date", "%04d-%02d-%02d does not exist",
                         (int)year, (int)month, (int)day);
    }
    *out = days_from_civil(year, month, day);
    return VINN_OK;
}

struct vinn_civil vinn_day_to_civil(vinn_day day)
{
    /* In 64 bits: day + 719468 overflows int32_t near INT32_MAX. */
    const int64_t z = (int64_t)day + 719468;
    const int32_t era = (int32_t)((z >= 0 ? z : z - 146096) / 146097);
    const int32_t doe = (int32_t)(z - (int64_t)era * 146097);
    const int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int32_t mp = (5 * doy + 2) / 153;
    const int32_t d = doy - (153 * mp + 2) / 5 + 1;
    const int32_t m = mp < 10 ? mp + 3 : mp - 9;
    struct vinn_civil c = {yoe + era * 400 + (m <= 2), m, d};
    return c;
}

static int digits_value(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return -1;
        }
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

vinn_err vinn_day_parse(const char *text, const char *field, vinn_day *out,
                        struct vinn_error *error)
{
    const char *name = field ? field : "date";
    if (text == NULL || text[0] == '\0') {
        return vinn_fail(error, VINN_E_FIELD_REQUIRED, name, "'%s' is required", name);
    }
    int y = digits_value(text, 4);
    int m = y < 0 || text[4] != '-' ? -1 : digits_value(text + 5, 2);
    int d = m < 0 || text[7] != '-' ? -1 : digits_value(text + 8, 2);
    if (y < 0 || m < 0 || d < 0 || text[10] != '\0') {
        return vinn_fail(error, VINN_E_DATE_SYNTAX, name, "%s '%.32s' must be YYYY-MM-DD", name,
                         text);
    }
    if (y < VINN_YEAR_MIN || y > VINN_YEAR_MAX) {
        return vinn_fail(error, VINN_E_DATE_OUT_OF_RANGE, name,
                         "%s '%s' is outside 1900-01-01..2199-12-31", name, text);
    }
    if (d < 1 || d > vinn_date_days_in_month(y, m)) {
        return vinn_fail(error, VINN_E_DATE_IMPOSSIBLE, name, "%s '%s' does not exist", name,
                         text);
    }
    *out = days_from_civil(y, m, d);
    return VINN_OK;
}

static void put_digits(char *out, int value, int n)
{
    for (int i = n - 1; i >= 0; i--) {
        out[i] = (char)('0' + value % 10);
        value /= 10;
    }
}

void vinn_day_format(vinn_day day, char out[VINN_DATE_ISO_SIZE])
{
    struct vinn_civil c = vinn_day_to_civil(day);
    VINN_ASSERT(c.year >= 0 && c.year <= 9999);
    put_digits(out, c.year, 4);
    out[4] = '-';
    put_digits(out + 5, c.month, 2);
    out[7] = '-';
    put_digits(out + 8, c.day, 2);
    out[10] = '\0';
}

vinn_err vinn_day_add_days(vinn_day day, int32_t days, vinn_day *out)
{
    int32_t r;
    if (__builtin_add_overflow(day, days, &r) || r < VINN_DAY_MIN || r > VINN_DAY_MAX) {
        return VINN_E_DATE_OUT_OF_RANGE;
    }
    *out = r;
    return VINN_OK;
}

vinn_err vinn_day_add_months(vinn_day day, int32_t months, enum vinn_eom_rule rule, vinn_day *out)
{
    struct vinn_civil c = vinn_day_to_civil(day);
    if (months > 12 * 400 || months < -12 * 400) {
        return VINN_E_DATE_OUT_OF_RANGE;
    }
    int32_t index = c.year * 12 + (c.month - 1) + months;
    int32_t y = index >= 0 ? index / 12 : (index - 11) / 12;
    int32_t m = index - y * 12 + 1;
    if (y < VINN_YEAR_MIN || y > VINN_YEAR_MAX) {
        return VINN_E_DATE_OUT_OF_RANGE;
    }
    int32_t last = vinn_date_days_in_month(y, m);
    int32_t d = c.day > last ? last : c.day;
    if (rule == VINN_EOM_STICKY && c.day == vinn_date_days_in_month(c.year, c.month)) {
        d = last;
    }
    *out = days_from_civil(y, m, d);
    return VINN_OK;
}

enum vinn_weekday vinn_day_weekday(vinn_day day)
{
    /* 1970-01-01 was a Thursday (ISO 4). */
    int32_t w = (day % 7 + 7) % 7; /* 0 = Thursday */
    return (enum vinn_weekday)((w + 3) % 7 + 1);
}

int32_t vinn_day_of_month(vinn_day day)
{
    return vinn_day_to_civil(day).day;
}

bool vinn_day_is_weekend(vinn_day day)
{
    return vinn_day_weekday(day) >= VINN_SATURDAY;
}

vinn_day vinn_day_month_end(vinn_day day)
{
    struct vinn_civil c = vinn_day_to_civil(day);
    return days_from_civil(c.year, c.month, vinn_date_days_in_month(c.year, c.month));
}
