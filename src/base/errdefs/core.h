/*
 * Error codes of src/core, one block of numbers per module:
 * money 100-199, date and calendar 200-299, refno 300-399, ident 400-499,
 * interest 500-549, ledger 550-649.
 */
#ifndef VINN_ERRDEFS_CORE_H
#define VINN_ERRDEFS_CORE_H

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

#define VINN_ERR_MAP_DATE(X)                                                                       \
    X(E_DATE_SYNTAX, 200, 400, "date must be YYYY-MM-DD")                                          \
    X(E_DATE_IMPOSSIBLE, 201, 422, "date does not exist")                                          \
    X(E_DATE_OUT_OF_RANGE, 202, 422, "date is outside 1900-01-01..2199-12-31")                     \
    X(E_DATE_ORDER, 203, 422, "dates are in the wrong order")                                      \
    X(E_COUNTRY_UNKNOWN, 204, 422, "unknown country")                                              \
    X(E_LANGUAGE_UNKNOWN, 205, 422, "unknown language")

#define VINN_ERR_MAP_REFNO(X)                                                                      \
    X(E_REF_EMPTY, 300, 422, "reference is empty")                                                 \
    X(E_REF_CHARACTERS, 301, 422, "reference has characters its kind does not allow")              \
    X(E_REF_LENGTH, 302, 422, "reference has a length its kind does not allow")                    \
    X(E_REF_CHECK_DIGIT, 303, 422, "reference check digit is wrong")                               \
    X(E_REF_LENGTH_DIGIT, 304, 422, "reference length digit is wrong")                             \
    X(E_REF_KIND_UNKNOWN, 305, 422, "unknown reference kind")                                      \
    X(E_REF_NOT_MAKEABLE, 306, 422, "no valid reference can be made from this base")

#define VINN_ERR_MAP_IDENT(X)                                                                      \
    X(E_ID_EMPTY, 400, 422, "identifier is empty")                                                 \
    X(E_ID_CHARACTERS, 401, 422, "identifier has characters its kind does not allow")              \
    X(E_ID_LENGTH, 402, 422, "identifier has the wrong length")                                    \
    X(E_ID_CHECKSUM, 403, 422, "identifier checksum is wrong")                                     \
    X(E_ID_DATE, 404, 422, "identifier holds an impossible birth date")                            \
    X(E_ID_COUNTRY, 405, 422, "identifier country is unknown or unsupported")                      \
    X(E_ID_KIND_UNKNOWN, 406, 422, "unknown identifier kind")                                      \
    X(E_ID_INDIVIDUAL_NUMBER, 407, 422, "identifier individual number is not valid")

#define VINN_ERR_MAP_INTEREST(X)                                                                   \
    X(E_RATE_TABLE_EMPTY, 500, 422, "no interest rate is in force for the period")                 \
    X(E_RATE_TABLE_ORDER, 501, 422, "interest rates must be in ascending date order")              \
    X(E_RATE_INVALID, 502, 422, "interest rate is out of range")

#define VINN_ERR_MAP_LEDGER(X)                                                                     \
    X(E_TXN_UNBALANCED, 550, 422, "transaction does not balance")                                  \
    X(E_TXN_EMPTY, 551, 422, "transaction has no postings")                                        \
    X(E_TXN_TOO_MANY_POSTINGS, 552, 422, "transaction has too many postings")                      \
    X(E_POSTING_ZERO, 553, 422, "posting amount is zero")                                          \
    X(E_ACCOUNT_KIND_UNKNOWN, 554, 422, "unknown account kind")                                    \
    X(E_LEDGER_MISMATCH, 555, 500, "ledger balance does not match its postings")

#endif
