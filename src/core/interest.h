/*
 * interest.h - late-payment interest over effective-dated annual rates.
 *
 * Purpose: the forsinkelsesrente (NO), dröjsmålsränta (SE), viivästyskorko
 * (FI) or morarente (DK) owed on a principal for the days it was late. The
 * rates change every half-year (DOMAIN.md section 2: forsinkelsesrenteloven
 * § 3, räntelagen 6 §, korkolaki 4 §, renteloven § 5), so they come in as a
 * table of periods, never as constants here.
 *
 * Invariants and conventions:
 * - Rates are annual, in basis points: 1250 = 12.50 %. 0..100000 (0 % to
 *   1000 %) are accepted.
 * - A rate table is strictly ascending by `from`; period i is in force from
 *   rates[i].from up to the day before rates[i + 1].from, the last one
 *   without end.
 * - Interest for day d accrues when d has passed: the days counted for the
 *   range (from, to] are from + 1 .. to, so from = due date and to = payment
 *   date give to - from days, and to <= from gives none.
 * - Day count Actual/365 (fixed): every day is 1/365 of the annual rate, in
 *   leap years too, so 366 days in 2024 give a little more than the annual
 *   rate. forsinkelsesrenteloven and räntelagen state annual rates without a
 *   day-count basis; Actual/365 fixed is common Nordic practice. Danish
 *   practice also uses 30/360 (interestia.dk), which is practice, not law;
 *   vinn uses Actual/365 everywhere.
 * - The amount is exact until one rounding at the end: the sum over segments
 *   of principal * rate_bp * days / (10000 * 365) is accumulated in 128 bits
 *   and rounded once with the caller's mode (VINN_ROUND_HALF_UP for
 *   interest claims). No float is used.
 * - Pure: no allocation, no clock. On failure every output is unchanged.
 */
#ifndef VINN_CORE_INTEREST_H
#define VINN_CORE_INTEREST_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/date.h"
#include "core/rounding.h"

/* An annual rate in basis points (1250 = 12.50 %), in force from `from`
 * until the next period's from. */
struct vinn_rate_period {
    vinn_day from;
    int32_t rate_bp;
};

/* The days of one rate inside a range, both ends included:
 * "12.50 % from 2025-01-02 to 2025-06-30, 180 days" has from = 2025-01-02,
 * to = 2025-06-30, days = to - from + 1 = 180. */
struct vinn_interest_segment {
    vinn_day from;
    vinn_day to;
    int32_t rate_bp;
    int32_t days;
};

enum {
    /* The largest accepted rate: 1000 % a year. */
    VINN_INTEREST_RATE_BP_MAX = 100000,
};

/*
 * Late interest on principal_minor (minor units) for the days in (from, to],
 * each day at the rate in force on it, rounded once by mode into *out.
 * to <= from gives 0 (and then an empty table is fine).
 * Errors (error may be NULL; its field names the input):
 * - VINN_E_AMOUNT_MUST_NOT_BE_NEGATIVE: principal_minor < 0 ("principal");
 * - VINN_E_DATE_OUT_OF_RANGE: from or to outside VINN_DAY_MIN..VINN_DAY_MAX;
 * - VINN_E_LIMIT_EXCEEDED: rates_count > VINN_RATE_PERIODS_MAX ("rates");
 * - VINN_E_RATE_INVALID: a rate_bp < 0 or > VINN_INTEREST_RATE_BP_MAX
 *   ("rates[i].rate_bp");
 * - VINN_E_RATE_TABLE_ORDER: a from not after the previous one ("rates[i].from");
 * - VINN_E_RATE_TABLE_EMPTY: a counted day before the first period, or no
 *   periods at all while to > from ("rates");
 * - VINN_E_AMOUNT_OVERFLOW: the interest does not fit int64_t ("principal").
 * *out is unchanged on failure.
 */
VINN_MUST_USE vinn_err vinn_interest_compute(int64_t principal_minor, vinn_day from, vinn_day to,
                                             const struct vinn_rate_period *rates,
                                             size_t rates_count, enum vinn_rounding mode,
                                             int64_t *out, struct vinn_error *error);

/*
 * The days of (from, to] cut into one segment per rate period they touch,
 * in date order, for letters and case views. Adjacent periods with the same
 * rate give separate segments (each is its own decision); callers may merge
 * them for display. *segments_count is the number written; to <= from gives
 * none. Errors: as vinn_interest_compute (without the amount errors), and
 * VINN_E_LIMIT_EXCEEDED when more than max segments are needed
 * ("segments"). out and *segments_count are unchanged on failure.
 */
VINN_MUST_USE vinn_err vinn_interest_segments(vinn_day from, vinn_day to,
                                              const struct vinn_rate_period *rates,
                                              size_t rates_count,
                                              struct vinn_interest_segment *out, size_t max,
                                              size_t *segments_count, struct vinn_error *error);

/*
 * The rate in force on day, in *rate_bp. Errors: VINN_E_RATE_TABLE_EMPTY when
 * day is before the first period or the table is empty; the table errors of
 * vinn_interest_compute (LIMIT_EXCEEDED, RATE_INVALID, RATE_TABLE_ORDER) for
 * a malformed table. *rate_bp is unchanged on failure.
 */
VINN_MUST_USE vinn_err vinn_interest_rate_on(vinn_day day, const struct vinn_rate_period *rates,
                                             size_t rates_count, int32_t *rate_bp);

#endif
