/*
 * rounding.h - exact integer division with an explicit rounding mode.
 *
 * Every rounding in vinn names its mode; there is no default. Division is
 * done on 128-bit numerators so that amount * rate / base never overflows
 * before it is rounded, and the result is range-checked into int64_t.
 */
#ifndef VINN_CORE_ROUNDING_H
#define VINN_CORE_ROUNDING_H

#include <stdint.h>

#include "base/err.h"

/* 128-bit signed integer for exact intermediate products (GCC and clang). */
__extension__ typedef __int128 vinn_i128;

enum vinn_rounding {
    VINN_ROUND_HALF_UP,   /* nearest; halves away from zero (commercial rounding) */
    VINN_ROUND_HALF_EVEN, /* nearest; halves to the even neighbour (banker's) */
    VINN_ROUND_DOWN,      /* toward zero (truncate) */
    VINN_ROUND_UP,        /* away from zero */
    VINN_ROUND_FLOOR,     /* toward negative infinity */
    VINN_ROUND_CEILING,   /* toward positive infinity */
};

/*
 * *out = num / den rounded by mode. den must be positive (asserted).
 * VINN_E_AMOUNT_OVERFLOW when the rounded quotient does not fit int64_t;
 * *out is unchanged on failure.
 */
VINN_MUST_USE vinn_err vinn_round_div(vinn_i128 num, vinn_i128 den, enum vinn_rounding mode,
                                      int64_t *out);

#endif
