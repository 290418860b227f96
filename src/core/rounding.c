/* rounding.c - one division, six rounding modes. */
#include "core/rounding.h"

#include "base/assert.h"
#include <stdbool.h>

#include "core/banned.h"

vinn_err vinn_round_div(vinn_i128 num, vinn_i128 den, enum vinn_rounding mode, int64_t *out)
{
    VINN_ASSERT(den > 0);
    vinn_i128 q = num / den; /* truncates toward zero */
    vinn_i128 r = num % den; /* same sign as num */
    if (r != 0) {
        bool negative = num < 0;
        vinn_i128 twice = (r < 0 ? -r : r) * 2;
        bool away = false;
        switch (mode) {
        case VINN_ROUND_HALF_UP:
            away = twice >= den;
            break;
        case VINN_ROUND_HALF_EVEN:
            away = twice > den || (twice == den && (q % 2) != 0);
            break;
        case VINN_ROUND_DOWN:
            away = false;
            break;
        case VINN_ROUND_UP:
            away = true;
            break;
        case VINN_ROUND_FLOOR:
            away = negative;
            break;
        case VINN_ROUND_CEILING:
            away = !negative;
            break;
        }
        if (away) {
            q += negative ? -1 : 1;
        }
    }
    if (q > INT64_MAX || q < INT64_MIN) {
        return VINN_E_AMOUNT_OVERFLOW;
    }
    *out = (int64_t)q;
    return VINN_OK;
}
