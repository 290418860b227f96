/* interest.c - Actual/365 late interest over an effective-dated rate table,
 * exact in 128 bits and rounded once. */
#include "core/interest.h"

#include <stdbool.h>
#include <stdio.h>

#include "base/assert.h"
#include "base/limits.h"

#include "core/banned.h"

enum {
    BP_PER_UNIT = 10000, /* 1250 bp = 0.1250 */
    DAYS_PER_YEAR = 365, /* Actual/365 fixed, see interest.h */
};

/* Each product principal * rate_bp * days is below 2^63 * 2^17 * 2^17 and
 * the days of all segments sum to under 2^17, so the sum stays below 2^97:
 * far inside vinn_i128. */
_Static_assert(VINN_INTEREST_RATE_BP_MAX < (1 << 17), "rate fits 17 bits");
_Static_assert(VINN_DAY_MAX - VINN_DAY_MIN < (1 << 17), "day range fits 17 bits");

static vinn_err fail_period(struct vinn_error *error, vinn_err code, size_t index,
                            const char *member, const char *message)
{
    char field[VINN_ERROR_FIELD_MAX];
    snprintf(field, sizeof(field), "rates[%zu].%s", index, member);
    return vinn_fail(error, code, field, "'%s' %s", field, message);
}

/* The table's own rules: size, rate range, strictly ascending dates. */
static vinn_err check_table(const struct vinn_rate_period *rates, size_t rates_count,
                            struct vinn_error *error)
{
    if (rates_count > VINN_RATE_PERIODS_MAX) {
        return vinn_fail(error, VINN_E_LIMIT_EXCEEDED, "rates",
                         "'rates' has %zu periods, more than %d", rates_count,
                         VINN_RATE_PERIODS_MAX);
    }
    VINN_ASSERT(rates != NULL || rates_count == 0);
    for (size_t i = 0; i < rates_count; i++) {
        if (rates[i].rate_bp < 0 || rates[i].rate_bp > VINN_INTEREST_RATE_BP_MAX) {
            return fail_period(error, VINN_E_RATE_INVALID, i, "rate_bp",
                               "must be between 0 and 100000 basis points");
        }
        if (i > 0 && rates[i].from <= rates[i - 1].from) {
            return fail_period(error, VINN_E_RATE_TABLE_ORDER, i, "from",
                               "must be after the previous period's from");
        }
    }
    return VINN_OK;
}

/* Everything both computations check: the range, the table, and that a rate
 * is in force on the first counted day (later days are then covered too). */
static vinn_err check_inputs(vinn_day from, vinn_day to, const struct vinn_rate_period *rates,
                             size_t rates_count, struct vinn_error *error)
{
    if (from < VINN_DAY_MIN || from > VINN_DAY_MAX) {
        return vinn_fail(error, VINN_E_DATE_OUT_OF_RANGE, "from",
                         "'from' is outside 1900-01-01..2199-12-31");
    }
    if (to < VINN_DAY_MIN || to > VINN_DAY_MAX) {
        return vinn_fail(error, VINN_E_DATE_OUT_OF_RANGE, "to",
                         "'to' is outside 1900-01-01..2199-12-31");
    }
    vinn_err err = check_table(rates, rates_count, error);
    if (err != VINN_OK) {
        return err;
    }
    if (to > from && (rates_count == 0 || rates[0].from > from + 1)) {
        char first[VINN_DATE_ISO_SIZE];
        vinn_day_format(from + 1, first);
        return vinn_fail(error, VINN_E_RATE_TABLE_EMPTY, "rates",
                         "no interest rate is in force on '%s'", first);
    }
    return VINN_OK;
}

/* The days of period index inside first..last (both included); false when
 * the period does not touch them. The table is checked: ascending dates make
 * rates[index + 1].from - 1 safe from overflow. */
static bool segment_of(const struct vinn_rate_period *rates, size_t rates_count, size_t index,
                       vinn_day first, vinn_day last, struct vinn_interest_segment *segment)
{
    vinn_day start = rates[index].from > first ? rates[index].from : first;
    vinn_day end = last;
    if (index + 1 < rates_count && rates[index + 1].from - 1 < end) {
        end = rates[index + 1].from - 1;
    }
    if (start > end) {
        return false;
    }
    segment->from = start;
    segment->to = end;
    segment->rate_bp = rates[index].rate_bp;
    segment->days = end - start + 1;
    return true;
}

vinn_err vinn_interest_compute(int64_t principal_minor, vinn_day from, vinn_day to,
                               const struct vinn_rate_period *rates, size_t rates_count,
                               enum vinn_rounding mode, int64_t *out, struct vinn_error *error)
{
    VINN_ASSERT(out != NULL);
    if (principal_minor < 0) {
        return vinn_fail(error, VINN_E_AMOUNT_MUST_NOT_BE_NEGATIVE, "principal",
                         "'principal' %lld must not be negative", (long long)principal_minor);
    }
    vinn_err err = check_inputs(from, to, rates, rates_count, error);
    if (err != VINN_OK) {
        return err;
    }
    vinn_i128 sum = 0;
    int32_t days_total = 0;
    for (size_t i = 0; i < rates_count && to > from; i++) {
        struct vinn_interest_segment s;
        if (segment_of(rates, rates_count, i, from + 1, to, &s)) {
            sum += (vinn_i128)principal_minor * s.rate_bp * s.days;
            days_total += s.days;
        }
    }
    VINN_ASSERT(days_total == (to > from ? to - from : 0));
    int64_t interest = 0;
    if (vinn_round_div(sum, (vinn_i128)BP_PER_UNIT * DAYS_PER_YEAR, mode, &interest) != VINN_OK) {
        return vinn_fail(error, VINN_E_AMOUNT_OVERFLOW, "principal",
                         "interest on 'principal' %lld overflows 64-bit minor units",
                         (long long)principal_minor);
    }
    VINN_ASSERT(interest >= 0);
    *out = interest;
    return VINN_OK;
}

vinn_err vinn_interest_segments(vinn_day from, vinn_day to, const struct vinn_rate_period *rates,
                                size_t rates_count, struct vinn_interest_segment *out, size_t max,
                                size_t *segments_count, struct vinn_error *error)
{
    VINN_ASSERT(segments_count != NULL);
    VINN_ASSERT(out != NULL || max == 0);
    vinn_err err = check_inputs(from, to, rates, rates_count, error);
    if (err != VINN_OK) {
        return err;
    }
    size_t needed = 0;
    for (size_t i = 0; i < rates_count && to > from; i++) {
        struct vinn_interest_segment s;
        needed += segment_of(rates, rates_count, i, from + 1, to, &s) ? 1 : 0;
    }
    if (needed > max) {
        return vinn_fail(error, VINN_E_LIMIT_EXCEEDED, "segments",
                         "'segments' needs %zu entries, room for %zu", needed, max);
    }
    /* Point of no return: outputs are written only now. */
    size_t written = 0;
    for (size_t i = 0; i < rates_count && to > from; i++) {
        struct vinn_interest_segment s;
        if (segment_of(rates, rates_count, i, from + 1, to, &s)) {
            out[written] = s;
            written++;
        }
    }
    VINN_ASSERT(written == needed);
    *segments_count = written;
    return VINN_OK;
}

vinn_err vinn_interest_rate_on(vinn_day day, const struct vinn_rate_period *rates,
                               size_t rates_count, int32_t *rate_bp)
{
    VINN_ASSERT(rate_bp != NULL);
    vinn_err err = check_table(rates, rates_count, NULL);
    if (err != VINN_OK) {
        return err;
    }
    /* The last period that has started on day is the one in force. */
    size_t in_force = rates_count;
    for (size_t i = 0; i < rates_count && rates[i].from <= day; i++) {
        in_force = i;
    }
    if (in_force == rates_count) {
        return VINN_E_RATE_TABLE_EMPTY;
    }
    *rate_bp = rates[in_force].rate_bp;
    return VINN_OK;
}
