/* Error codes 200-299 (date, calendar, country, language): core/date. Owned by that module; numbers never change. */
#ifndef VINN_ERRDEFS_DATE_H
#define VINN_ERRDEFS_DATE_H
#define VINN_ERR_MAP_DATE(X)                                                                       \
    X(E_DATE_SYNTAX, 200, 400, "date must be YYYY-MM-DD")                                          \
    X(E_DATE_IMPOSSIBLE, 201, 422, "date does not exist")                                          \
    X(E_DATE_OUT_OF_RANGE, 202, 422, "date is outside 1900-01-01..2199-12-31")                     \
    X(E_DATE_ORDER, 203, 422, "dates are in the wrong order")                                      \
    X(E_COUNTRY_UNKNOWN, 204, 422, "unknown country")                                              \
    X(E_LANGUAGE_UNKNOWN, 205, 422, "unknown language")
#endif
