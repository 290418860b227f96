/*
 * money.h - amounts in integer minor units, and the arithmetic on them.
 *
 * An amount is an int64_t count of the minor unit of its currency (øre, cent,
 * yen); the ISO 4217 table below gives each currency's exponent. Invariants:
 *
 *   - No float or double touches an amount. Products and quotients go through
 *     128-bit intermediates (vinn_i128) and are rounded once, with an explicit
 *     mode, by vinn_round_div.
 *   - Every add, subtract, multiply and negate is checked; on overflow the
 *     function returns VINN_E_AMOUNT_OVERFLOW and leaves its output unchanged.
 *   - Every fallible function leaves all of its outputs unchanged on failure
 *     (vinn_money_format is the one documented exception: it empties out).
 *   - Splits and allocations return parts that sum exactly to the whole; this
 *     is asserted (VINN_ASSERT) before they return.
 *
 * People type and read "1 234,50"; files and the wire carry minor units or
 * "1234.50". vinn_money_parse and vinn_money_format are the front doors
 * between the two. Pure: no allocation, no locale, no I/O.
 */
#ifndef VINN_CORE_MONEY_H
#define VINN_CORE_MONEY_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/country.h"
#include "core/rounding.h"

/* One row of ISO 4217: alphabetic code, numeric code, minor-unit exponent. */
struct vinn_currency {
    char code[4];     /* "NOK" and its NUL */
    uint16_t numeric; /* 578 */
    uint8_t exponent; /* 2: one krone is 100 øre */
};

/*
 * The currency with ISO 4217 alphabetic code code ("NOK"), upper case only.
 * Returns a pointer into a static table (never to be freed), or NULL when
 * code is NULL or not in the table.
 */
const struct vinn_currency *vinn_currency_find(const char *code);

/*
 * As vinn_currency_find, with an error. VINN_E_FIELD_REQUIRED when code is
 * NULL or empty; VINN_E_CURRENCY_UNKNOWN ("currency 'XYZ' is not a known ISO
 * 4217 code") otherwise. field names the input ("currency" when NULL).
 * *out is unchanged on failure.
 */
VINN_MUST_USE vinn_err vinn_currency_parse(const char *code, const char *field,
                                           const struct vinn_currency **out,
                                           struct vinn_error *error);

/* *out = a + b, a - b, a * b, -a. VINN_E_AMOUNT_OVERFLOW when the result does
 * not fit int64_t (-INT64_MIN does not); *out is unchanged on failure. */
VINN_MUST_USE vinn_err vinn_money_add(int64_t a, int64_t b, int64_t *out);
VINN_MUST_USE vinn_err vinn_money_sub(int64_t a, int64_t b, int64_t *out);
VINN_MUST_USE vinn_err vinn_money_mul(int64_t a, int64_t b, int64_t *out);
VINN_MUST_USE vinn_err vinn_money_neg(int64_t a, int64_t *out);

/*
 * *out = amount * num / den, the product exact in 128 bits and rounded once
 * with mode. Quantity x unit price is mul_div(price, qty_thousandths, 1000).
 * VINN_E_DIVISION_BY_ZERO when den <= 0; VINN_E_AMOUNT_OVERFLOW when the
 * rounded result does not fit int64_t. *out is unchanged on failure.
 */
VINN_MUST_USE vinn_err vinn_money_mul_div(int64_t amount, int64_t num, int64_t den,
                                          enum vinn_rounding mode, int64_t *out);

/*
 * Parse a plain decimal number into an integer scaled by 10^decimals:
 * "25" (2) -> 2500, "12,5" (2) -> 1250, "-1.25" (3) -> -1250, "0.001" (3) -> 1.
 * Accepts '.' or ',' as the decimal mark with digits on both sides of it, an
 * optional leading '+' or '-', and surrounding spaces; no thousands
 * separators. decimals is at most 18 (asserted). field names the input in
 * messages ("quantity", "vat_rate"; "number" when NULL).
 * Errors: VINN_E_FIELD_REQUIRED (empty or only spaces), VINN_E_NOT_A_NUMBER
 * ("quantity 'abc' is not a number"), VINN_E_NUMBER_OUT_OF_RANGE ("quantity
 * '1.2345' has more than 3 decimals", or the value does not fit int64_t).
 * *out is unchanged on failure.
 */
VINN_MUST_USE vinn_err vinn_decimal_parse(const char *text, uint32_t decimals, const char *field,
                                          int64_t *out, struct vinn_error *error);

/*
 * Parse an amount as people write it into minor units of cur: "1234.50",
 * "1 234,50", "1.234,50", "1,234.50", "1'234.50", "-12,5", "+7", "0,05".
 * Thousands separators: ASCII space, U+00A0, U+202F or apostrophe, or '.'/','
 * by these rules, which make the reading unambiguous:
 *   - when both '.' and ',' appear, the last is the decimal mark (it must
 *     appear once) and the other separates thousands;
 *   - a '.' or ',' that appears more than once separates thousands;
 *   - a single '.' or ',' separates thousands when the currency exponent is
 *     below 3, no other separator appears, it has 1 to 3 digits before it
 *     (not starting with 0) and exactly 3 after it: "1,234" and "1.234" are
 *     1234 NOK; otherwise it is the decimal mark;
 *   - thousands separators are all of one kind; the first group has 1 to 3
 *     digits and does not start with 0, every later group exactly 3;
 *   - an exponent-0 currency (JPY, ISK) takes no decimals at all.
 * Spaces, tabs, U+00A0 and U+202F around the text are trimmed. A sign is
 * allowed; whether negatives make sense is the caller's rule. field names
 * the input in messages ("amount" when NULL); cur must not be NULL.
 * Errors: VINN_E_FIELD_REQUIRED (empty), VINN_E_AMOUNT_SYNTAX ("amount '12a'
 * is not a number"), VINN_E_AMOUNT_TOO_MANY_DECIMALS ("amount '1.2345' has
 * more decimals than NOK allows (2)"), VINN_E_AMOUNT_OVERFLOW.
 * *out is unchanged on failure.
 */
VINN_MUST_USE vinn_err vinn_money_parse(const char *text, const struct vinn_currency *cur,
                                        const char *field, int64_t *out,
                                        struct vinn_error *error);

/* Bytes enough for any formatted amount and its NUL ("-NOK 92 233 720 ..."). */
enum { VINN_MONEY_TEXT_MAX = 48 };

enum vinn_money_format_flags {
    /* ASCII space instead of U+00A0 between thousands (nb, sv, fi) and
     * between the amount and its code (all languages). */
    VINN_FMT_PLAIN_SPACE = 1,
    /* With the ISO code: "1 234,50 NOK" in nb, sv, fi, da; "NOK 1,234.50" in en. */
    VINN_FMT_CODE = 2,
};

/*
 * Format amount for people in lang: nb, sv, fi "1 234,50" (thousands
 * separated by U+00A0 unless VINN_FMT_PLAIN_SPACE), da "1.234,50", en
 * "1,234.50". Exactly cur->exponent decimals (none for JPY). A negative
 * amount starts with '-': "-1 234,50 NOK", "-NOK 1,234.50" (as CLDR). With
 * VINN_FMT_CODE the code is separated by U+00A0 (a space with
 * VINN_FMT_PLAIN_SPACE). Every int64_t formats, INT64_MIN included.
 * Writes NUL-terminated text into out (cap bytes; VINN_MONEY_TEXT_MAX is
 * always enough). VINN_E_LIMIT_EXCEEDED when cap is too small; out is then
 * "" when cap > 0. The text parses back with vinn_money_parse.
 */
VINN_MUST_USE vinn_err vinn_money_format(int64_t amount, const struct vinn_currency *cur,
                                         enum vinn_lang lang, unsigned flags, char *out,
                                         size_t cap);

/* The machine form for files: "1234.50", "-0.05", "1000" (JPY); no thousands
 * separator, '.' as the decimal mark. Errors and cap as vinn_money_format. */
VINN_MUST_USE vinn_err vinn_money_format_plain(int64_t amount, const struct vinn_currency *cur,
                                               char *out, size_t cap);

/*
 * VAT with the rate in basis points: 2500 = 25 %, 2550 = 25.5 %, 1500 = 15 %.
 * A rate outside 0..10000 is VINN_E_VAT_RATE_INVALID; a result that does not
 * fit int64_t is VINN_E_AMOUNT_OVERFLOW. Outputs are unchanged on failure.
 *
 * From net: *vat = net * rate / 10000 rounded with mode, *gross = net + *vat.
 */
VINN_MUST_USE vinn_err vinn_vat_from_net(int64_t net, int32_t rate_bp, enum vinn_rounding mode,
                                         int64_t *vat, int64_t *gross);
/* From gross: *vat = gross * rate / (10000 + rate) rounded with mode, and
 * *net = gross - *vat, so that *net + *vat == gross exactly. */
VINN_MUST_USE vinn_err vinn_vat_from_gross(int64_t gross, int32_t rate_bp,
                                           enum vinn_rounding mode, int64_t *net, int64_t *vat);

/* Most parts of one split or allocation (instalments, VAT rates, invoices). */
enum { VINN_SPLIT_MAX = 1000 };

/*
 * Split total into n parts that sum exactly to total: each is total / n
 * truncated, and the remainder goes one minor unit each, with the sign of
 * total, to the first parts: 100 / 3 -> 34, 33, 33; -100 / 3 -> -34, -33, -33.
 * parts holds n values. VINN_E_SPLIT_INVALID unless 1 <= n <= VINN_SPLIT_MAX;
 * parts is unchanged on failure.
 */
VINN_MUST_USE vinn_err vinn_money_split(int64_t total, uint32_t n, int64_t *parts);

/*
 * Split total in proportion to weights[0..n) by the largest remainder method:
 * each part is |total| * w / sum(w) truncated, and the units left over go to
 * the largest remainders, ties to the earlier index; the sign of total is
 * then applied, so allocate(-x) == -allocate(x). Parts sum exactly to total,
 * each within one minor unit of its exact share, and a zero weight gets 0.
 * VINN_E_SPLIT_INVALID unless 1 <= n <= VINN_SPLIT_MAX, every weight >= 0
 * and their sum > 0. parts is unchanged on failure.
 */
VINN_MUST_USE vinn_err vinn_money_allocate(int64_t total, const int64_t *weights, uint32_t n,
                                           int64_t *parts);

#endif
