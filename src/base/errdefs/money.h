/* Error codes 100-199: core/money. Owned by that module; numbers never change. */
#ifndef VINN_ERRDEFS_MONEY_H
#define VINN_ERRDEFS_MONEY_H
#define VINN_ERR_MAP_MONEY(X)                                                                      \
    X(E_AMOUNT_OVERFLOW, 100, 422, "amount overflows 64-bit minor units")                          \
    X(E_AMOUNT_MUST_BE_POSITIVE, 101, 422, "amount must be positive")                              \
    X(E_AMOUNT_MUST_NOT_BE_NEGATIVE, 102, 422, "amount must not be negative")                      \
    X(E_AMOUNT_SYNTAX, 103, 400, "amount is not a number")                                         \
    X(E_AMOUNT_TOO_MANY_DECIMALS, 104, 422, "amount has more decimals than its currency")          \
    X(E_CURRENCY_UNKNOWN, 105, 422, "unknown currency")                                            \
    X(E_CURRENCY_MISMATCH, 106, 422, "currencies differ")                                          \
    X(E_VAT_RATE_INVALID, 107, 422, "VAT rate must be between 0 and 100 percent")                  \
    X(E_SPLIT_INVALID, 108, 422, "cannot split into that many parts")                              \
    X(E_QUANTITY_INVALID, 109, 422, "quantity is not valid")                                       \
    X(E_DIVISION_BY_ZERO, 110, 500, "division by zero")
#endif
