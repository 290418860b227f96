/* Error codes 500-549: core/interest. Owned by that module; numbers never change. */
#ifndef VINN_ERRDEFS_INTEREST_H
#define VINN_ERRDEFS_INTEREST_H
#define VINN_ERR_MAP_INTEREST(X)                                                                   \
    X(E_RATE_TABLE_EMPTY, 500, 422, "no interest rate is in force for the period")                 \
    X(E_RATE_TABLE_ORDER, 501, 422, "interest rates must be in ascending date order")              \
    X(E_RATE_INVALID, 502, 422, "interest rate is out of range")
#endif
