/* money.c - ISO 4217, checked arithmetic, parsing and formatting of amounts,
 * VAT and exact splits. See money.h for the invariants. */
#include "core/money.h"

#include <stdbool.h>
#include <string.h>

#include "base/assert.h"
#include "core/banned.h"

/*
 * ISO 4217 list one (the maintenance agency's current-currency table):
 * alphabetic code, numeric code, minor unit. BGN stays while Bulgarian lev
 * amounts from before the 2026 euro change-over are still being settled.
 */
static const struct vinn_currency currencies[] = {
    {"AED", 784, 2}, {"AUD", 36, 2},  {"BGN", 975, 2}, {"BHD", 48, 3},  {"BRL", 986, 2},
    {"CAD", 124, 2}, {"CHF", 756, 2}, {"CLP", 152, 0}, {"CNY", 156, 2}, {"CZK", 203, 2},
    {"DKK", 208, 2}, {"EUR", 978, 2}, {"GBP", 826, 2}, {"HKD", 344, 2}, {"HUF", 348, 2},
    {"IDR", 360, 2}, {"ILS", 376, 2}, {"INR", 356, 2}, {"IQD", 368, 3}, {"ISK", 352, 0},
    {"JOD", 400, 3}, {"JPY", 392, 0}, {"KRW", 410, 0}, {"KWD", 414, 3}, {"LYD", 434, 3},
    {"MXN", 484, 2}, {"MYR", 458, 2}, {"NOK", 578, 2}, {"NZD", 554, 2}, {"OMR", 512, 3},
    {"PHP", 608, 2}, {"PLN", 985, 2}, {"RON", 946, 2}, {"RSD", 941, 2}, {"SAR", 682, 2},
    {"SEK", 752, 2}, {"SGD", 702, 2}, {"THB", 764, 2}, {"TND", 788, 3}, {"TRY", 949, 2},
    {"TWD", 901, 2}, {"UAH", 980, 2}, {"USD", 840, 2}, {"VND", 704, 0}, {"XAF", 950, 0},
    {"XOF", 952, 0}, {"ZAR", 710, 2},
};

enum {
    CURRENCIES_COUNT = sizeof(currencies) / sizeof(currencies[0]),
    /* Input shown in messages is cut here, so a long paste stays readable. */
    SHOWN_MAX = 64,
    /* 10^18 is the largest power of ten in int64_t. */
    DECIMALS_MAX = 18,
    /* VAT rates are basis points of this. */
    VAT_BASIS = 10000,
};

/* 2^63, the magnitude of INT64_MIN. */
#define MAGNITUDE_MIN_ABS ((uint64_t)INT64_MAX + 1u)

static const char nbsp[] = "\xc2\xa0";    /* U+00A0 NO-BREAK SPACE */
static const char nnbsp[] = "\xe2\x80\xaf"; /* U+202F NARROW NO-BREAK SPACE */

/* ---- currencies ---- */

const struct vinn_currency *vinn_currency_find(const char *code)
{
    if (code == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < CURRENCIES_COUNT; i++) {
        if (strcmp(code, currencies[i].code) == 0) {
            return &currencies[i];
        }
    }
    return NULL;
}

vinn_err vinn_currency_parse(const char *code, const char *field, const struct vinn_currency **out,
                             struct vinn_error *error)
{
    const char *name = field ? field : "currency";
    if (code == NULL || code[0] == '\0') {
        return vinn_fail(error, VINN_E_FIELD_REQUIRED, name, "'%s' is required", name);
    }
    const struct vinn_currency *cur = vinn_currency_find(code);
    if (cur == NULL) {
        return vinn_fail(error, VINN_E_CURRENCY_UNKNOWN, name,
                         "currency '%.*s' is not a known ISO 4217 code", SHOWN_MAX, code);
    }
    *out = cur;
    return VINN_OK;
}

/* ---- arithmetic ---- */

vinn_err vinn_money_add(int64_t a, int64_t b, int64_t *out)
{
    int64_t r;
    if (__builtin_add_overflow(a, b, &r)) {
        return VINN_E_AMOUNT_OVERFLOW;
    }
    *out = r;
    return VINN_OK;
}

vinn_err vinn_money_sub(int64_t a, int64_t b, int64_t *out)
{
    int64_t r;
    if (__builtin_sub_overflow(a, b, &r)) {
        return VINN_E_AMOUNT_OVERFLOW;
    }
    *out = r;
    return VINN_OK;
}

vinn_err vinn_money_mul(int64_t a, int64_t b, int64_t *out)
{
    int64_t r;
    if (__builtin_mul_overflow(a, b, &r)) {
        return VINN_E_AMOUNT_OVERFLOW;
    }
    *out = r;
    return VINN_OK;
}

vinn_err vinn_money_neg(int64_t a, int64_t *out)
{
    int64_t r;
    if (__builtin_sub_overflow((int64_t)0, a, &r)) {
        return VINN_E_AMOUNT_OVERFLOW;
    }
    *out = r;
    return VINN_OK;
}

vinn_err vinn_money_mul_div(int64_t amount, int64_t num, int64_t den, enum vinn_rounding mode,
                            int64_t *out)
{
    if (den <= 0) {
        return VINN_E_DIVISION_BY_ZERO;
    }
    /* |product| <= 2^126: exact in 128 bits. */
    vinn_i128 product = (vinn_i128)amount * num;
    return vinn_round_div(product, den, mode, out);
}

/* ---- magnitudes: numbers are read unsigned so INT64_MIN (2^63) parses ---- */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool magnitude_push(uint64_t *magnitude, char digit)
{
    uint64_t r;
    if (__builtin_mul_overflow(*magnitude, (uint64_t)10, &r) ||
        __builtin_add_overflow(r, (uint64_t)(digit - '0'), &r)) {
        return false;
    }
    *magnitude = r;
    return true;
}

static bool magnitude_scale(uint64_t *magnitude, uint32_t places)
{
    uint64_t r = *magnitude;
    for (uint32_t i = 0; i < places; i++) {
        if (__builtin_mul_overflow(r, (uint64_t)10, &r)) {
            return false;
        }
    }
    *magnitude = r;
    return true;
}

static bool magnitude_to_signed(uint64_t magnitude, bool negative, int64_t *out)
{
    if (negative && magnitude == MAGNITUDE_MIN_ABS) {
        *out = INT64_MIN;
        return true;
    }
    if (magnitude > (uint64_t)INT64_MAX) {
        return false;
    }
    *out = negative ? -(int64_t)magnitude : (int64_t)magnitude;
    return true;
}

/* ---- text helpers ---- */

/* Bytes of a space-like character at s[0..n): ASCII space, U+00A0, U+202F. */
static size_t space_len(const char *s, size_t n)
{
    if (n >= 1 && s[0] == ' ') {
        return 1;
    }
    if (n >= 2 && memcmp(s, nbsp, 2) == 0) {
        return 2;
    }
    if (n >= 3 && memcmp(s, nnbsp, 3) == 0) {
        return 3;
    }
    return 0;
}

/* Bytes of a space-like character (or tab) that ends s[0..n). */
static size_t space_len_back(const char *s, size_t n)
{
    if (n >= 1 && (s[n - 1] == ' ' || s[n - 1] == '\t')) {
        return 1;
    }
    if (n >= 2 && memcmp(s + n - 2, nbsp, 2) == 0) {
        return 2;
    }
    if (n >= 3 && memcmp(s + n - 3, nnbsp, 3) == 0) {
        return 3;
    }
    return 0;
}

/* Trim spaces, tabs, U+00A0 and U+202F from both ends of text. */
static void trim(const char *text, const char **s, size_t *n)
{
    const char *p = text;
    size_t len = strlen(text);
    for (;;) {
        size_t k = len > 0 && p[0] == '\t' ? 1 : space_len(p, len);
        if (k == 0) {
            break;
        }
        p += k;
        len -= k;
    }
    for (size_t k = space_len_back(p, len); k > 0; k = space_len_back(p, len)) {
        len -= k;
    }
    *s = p;
    *n = len;
}

static int shown(size_t n)
{
    return n > SHOWN_MAX ? SHOWN_MAX : (int)n;
}

/* ---- vinn_decimal_parse ---- */

/* Read "ddd[.ddd]" into magnitude, counting the decimals; false on syntax.
 * overflow is set when the digits do not fit (syntax still checked). */
static bool decimal_digits(const char *s, size_t n, uint64_t *magnitude, uint32_t *decimals,
                           bool *overflow)
{
    size_t int_digits = 0;
    size_t i = 0;
    for (; i < n && is_digit(s[i]); i++, int_digits++) {
        *overflow |= !magnitude_push(magnitude, s[i]);
    }
    if (int_digits == 0) {
        return false;
    }
    if (i == n) {
        return true;
    }
    if (s[i] != '.' && s[i] != ',') {
        return false;
    }
    for (i++; i < n && is_digit(s[i]); i++) {
        *overflow |= !magnitude_push(magnitude, s[i]);
        (*decimals)++;
    }
    return i == n && *decimals > 0;
}

vinn_err vinn_decimal_parse(const char *text, uint32_t decimals, const char *field, int64_t *out,
                            struct vinn_error *error)
{
    VINN_ASSERT(decimals <= DECIMALS_MAX);
    const char *name = field ? field : "number";
    const char *s = "";
    size_t n = 0;
    if (text != NULL) {
        trim(text, &s, &n);
    }
    if (n == 0) {
        return vinn_fail(error, VINN_E_FIELD_REQUIRED, name, "'%s' is required", name);
    }
    bool negative = s[0] == '-';
    size_t sign = (s[0] == '-' || s[0] == '+') ? 1 : 0;
    uint64_t magnitude = 0;
    uint32_t found = 0;
    bool overflow = false;
    if (!decimal_digits(s + sign, n - sign, &magnitude, &found, &overflow)) {
        return vinn_fail(error, VINN_E_NOT_A_NUMBER, name, "%s '%.*s' is not a number", name,
                         shown(n), s);
    }
    if (found > decimals) {
        return vinn_fail(error, VINN_E_NUMBER_OUT_OF_RANGE, name,
                         "%s '%.*s' has more than %u decimals", name, shown(n), s,
                         (unsigned)decimals);
    }
    int64_t value = 0;
    if (overflow || !magnitude_scale(&magnitude, decimals - found) ||
        !magnitude_to_signed(magnitude, negative, &value)) {
        return vinn_fail(error, VINN_E_NUMBER_OUT_OF_RANGE, name, "%s '%.*s' is out of range",
                         name, shown(n), s);
    }
    *out = value;
    return VINN_OK;
}

/* ---- vinn_money_parse ---- */

enum sep_kind { SEP_SPACE, SEP_APOSTROPHE, SEP_DOT, SEP_COMMA, SEP_KINDS };

/* The separators of an amount's body (the text after its sign). */
struct amount_shape {
    size_t count[SEP_KINDS];
    size_t last_at[SEP_KINDS]; /* byte index of the last one of each kind */
    bool has_decimal;
    size_t decimal_at; /* byte index of the decimal mark when has_decimal */
    enum sep_kind decimal_kind;
};

/* Bytes of the separator at s[i] and its kind; 0 when s[i] is no separator. */
static size_t sep_at(const char *s, size_t n, size_t i, enum sep_kind *kind)
{
    switch (s[i]) {
    case '.':
        *kind = SEP_DOT;
        return 1;
    case ',':
        *kind = SEP_COMMA;
        return 1;
    case '\'':
        *kind = SEP_APOSTROPHE;
        return 1;
    default:
        *kind = SEP_SPACE;
        return space_len(s + i, n - i);
    }
}

/* Count the separators; false unless the body is digits with single
 * separators between them. */
static bool shape_scan(const char *s, size_t n, struct amount_shape *shape)
{
    memset(shape, 0, sizeof(*shape));
    bool after_digit = false;
    for (size_t i = 0; i < n;) {
        if (is_digit(s[i])) {
            after_digit = true;
            i++;
            continue;
        }
        enum sep_kind kind;
        size_t len = sep_at(s, n, i, &kind);
        if (len == 0 || !after_digit) {
            return false;
        }
        shape->count[kind]++;
        shape->last_at[kind] = i;
        after_digit = false;
        i += len;
    }
    return after_digit;
}

/* A lone '.' or ',' reads as thousands ("1,234" = 1234) only where it could
 * be nothing else in a currency of fewer than 3 decimals. */
static bool single_mark_is_thousands(const char *s, size_t n, size_t at, uint8_t exponent)
{
    size_t before = at;
    size_t after = n - at - 1;
    return exponent < 3 && before >= 1 && before <= 3 && s[0] != '0' && after == 3;
}

/* Decide which separator, if any, is the decimal mark; false when the
 * reading is ambiguous (two decimal marks, mixed thousands separators). */
static bool shape_decide(const char *s, size_t n, uint8_t exponent, struct amount_shape *shape)
{
    size_t dots = shape->count[SEP_DOT];
    size_t commas = shape->count[SEP_COMMA];
    size_t others = shape->count[SEP_SPACE] + shape->count[SEP_APOSTROPHE];
    if (dots > 0 && commas > 0) {
        enum sep_kind last =
            shape->last_at[SEP_DOT] > shape->last_at[SEP_COMMA] ? SEP_DOT : SEP_COMMA;
        if (shape->count[last] != 1) {
            return false;
        }
        shape->has_decimal = true;
        shape->decimal_kind = last;
    } else if (dots + commas == 1) {
        enum sep_kind only = dots == 1 ? SEP_DOT : SEP_COMMA;
        bool thousands =
            others == 0 && single_mark_is_thousands(s, n, shape->last_at[only], exponent);
        shape->has_decimal = !thousands;
        shape->decimal_kind = only;
    }
    if (shape->has_decimal) {
        shape->decimal_at = shape->last_at[shape->decimal_kind];
    }
    int thousands_kinds = 0;
    for (int k = 0; k < SEP_KINDS; k++) {
        size_t used = shape->count[k];
        if (shape->has_decimal && k == (int)shape->decimal_kind) {
            used--;
        }
        thousands_kinds += used > 0;
    }
    return thousands_kinds <= 1;
}

/* Is a group of len digits, ending at a thousands separator, decimal mark
 * or the end, well formed? groups counts the thousands separators before it. */
static bool group_ok(const char *s, size_t groups, size_t len, bool at_separator)
{
    if (groups > 0) {
        return len == 3;
    }
    return !at_separator || (len >= 1 && len <= 3 && s[0] != '0');
}

/* Read the digits into magnitude, counting the decimals and checking the
 * thousands groups; false on syntax. overflow is set when digits overflow. */
static bool amount_digits(const char *s, size_t n, const struct amount_shape *shape,
                          uint64_t *magnitude, uint32_t *decimals, bool *overflow)
{
    size_t groups = 0;
    size_t group_len = 0;
    bool in_decimals = false;
    for (size_t i = 0; i < n;) {
        enum sep_kind kind;
        size_t len = is_digit(s[i]) ? 0 : sep_at(s, n, i, &kind);
        if (len == 0) {
            *overflow |= !magnitude_push(magnitude, s[i]);
            *decimals += in_decimals ? 1 : 0;
            group_len += in_decimals ? 0 : 1;
            i++;
            continue;
        }
        if (in_decimals) {
            return false; /* no separators among the decimals */
        }
        bool is_mark = shape->has_decimal && i == shape->decimal_at;
        if (!group_ok(s, groups, group_len, !is_mark)) {
            return false;
        }
        in_decimals = is_mark;
        groups += is_mark ? 0 : 1;
        group_len = 0;
        i += len;
    }
    return in_decimals || group_ok(s, groups, group_len, false);
}

vinn_err vinn_money_parse(const char *text, const struct vinn_currency *cur, const char *field,
                          int64_t *out, struct vinn_error *error)
{
    VINN_ASSERT(cur != NULL);
    const char *name = field ? field : "amount";
    const char *s = "";
    size_t n = 0;
    if (text != NULL) {
        trim(text, &s, &n);
    }
    if (n == 0) {
        return vinn_fail(error, VINN_E_FIELD_REQUIRED, name, "'%s' is required", name);
    }
    bool negative = s[0] == '-';
    size_t sign = (s[0] == '-' || s[0] == '+') ? 1 : 0;
    const char *body = s + sign;
    size_t body_n = n - sign;
    struct amount_shape shape;
    uint64_t magnitude = 0;
    uint32_t decimals = 0;
    bool overflow = false;
    if (!shape_scan(body, body_n, &shape) || !shape_decide(body, body_n, cur->exponent, &shape) ||
        !amount_digits(body, body_n, &shape, &magnitude, &decimals, &overflow)) {
        return vinn_fail(error, VINN_E_AMOUNT_SYNTAX, name, "%s '%.*s' is not a number", name,
                         shown(n), s);
    }
    if (decimals > cur->exponent) {
        return vinn_fail(error, VINN_E_AMOUNT_TOO_MANY_DECIMALS, name,
                         "%s '%.*s' has more decimals than %s allows (%u)", name, shown(n), s,
                         cur->code, (unsigned)cur->exponent);
    }
    int64_t value = 0;
    if (overflow || !magnitude_scale(&magnitude, cur->exponent - decimals) ||
        !magnitude_to_signed(magnitude, negative, &value)) {
        return vinn_fail(error, VINN_E_AMOUNT_OVERFLOW, name,
                         "%s '%.*s' does not fit in 64-bit minor units of %s", name, shown(n), s,
                         cur->code);
    }
    *out = value;
    return VINN_OK;
}

/* ---- formatting ---- */

/* A bounded writer into a VINN_MONEY_TEXT_MAX buffer. The buffer is sized
 * for the longest amount, so running out is a programmer error. */
struct text {
    char bytes[VINN_MONEY_TEXT_MAX];
    size_t len;
};

static void text_put(struct text *t, const char *s)
{
    size_t n = strlen(s);
    VINN_ASSERT(t->len + n < sizeof(t->bytes));
    memcpy(t->bytes + t->len, s, n);
    t->len += n;
    t->bytes[t->len] = '\0';
}

static void text_putc(struct text *t, char c)
{
    char s[2] = {c, '\0'};
    text_put(t, s);
}

/* Write the digits of |amount| with exponent decimals, thousands separated
 * by group ("" for none), decimal mark mark. */
static void put_number(struct text *t, int64_t amount, uint8_t exponent, const char *group,
                       char mark)
{
    /* 0 - (uint64_t)amount is |amount| for every int64_t, INT64_MIN too. */
    uint64_t magnitude = amount < 0 ? 0 - (uint64_t)amount : (uint64_t)amount;
    char digits[24]; /* least significant first */
    size_t count = 0;
    do {
        digits[count++] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude > 0);
    while (count < (size_t)exponent + 1) {
        digits[count++] = '0';
    }
    size_t int_digits = count - exponent;
    for (size_t j = 0; j < int_digits; j++) {
        if (j > 0 && (int_digits - j) % 3 == 0) {
            text_put(t, group);
        }
        text_putc(t, digits[count - 1 - j]);
    }
    if (exponent > 0) {
        text_putc(t, mark);
        for (size_t j = int_digits; j < count; j++) {
            text_putc(t, digits[count - 1 - j]);
        }
    }
}

/* Copy the finished text out, or empty out and fail when cap is too small. */
static vinn_err text_commit(const struct text *t, char *out, size_t cap)
{
    VINN_ASSERT(out != NULL || cap == 0);
    if (t->len + 1 > cap) {
        if (cap > 0) {
            out[0] = '\0';
        }
        return VINN_E_LIMIT_EXCEEDED;
    }
    memcpy(out, t->bytes, t->len + 1);
    return VINN_OK;
}

vinn_err vinn_money_format(int64_t amount, const struct vinn_currency *cur, enum vinn_lang lang,
                           unsigned flags, char *out, size_t cap)
{
    VINN_ASSERT(cur != NULL);
    VINN_ASSERT((int)lang >= 0 && (int)lang < VINN_LANG_COUNT);
    VINN_ASSERT((flags & ~(unsigned)(VINN_FMT_PLAIN_SPACE | VINN_FMT_CODE)) == 0);
    const char *space = (flags & VINN_FMT_PLAIN_SPACE) ? " " : nbsp;
    const char *group = space;
    char mark = ',';
    if (lang == VINN_LANG_DA) {
        group = ".";
    } else if (lang == VINN_LANG_EN) {
        group = ",";
        mark = '.';
    }
    bool code = (flags & VINN_FMT_CODE) != 0;
    struct text t = {.len = 0};
    t.bytes[0] = '\0';
    if (amount < 0) {
        text_putc(&t, '-');
    }
    if (code && lang == VINN_LANG_EN) {
        text_put(&t, cur->code);
        text_put(&t, space);
    }
    put_number(&t, amount, cur->exponent, group, mark);
    if (code && lang != VINN_LANG_EN) {
        text_put(&t, space);
        text_put(&t, cur->code);
    }
    return text_commit(&t, out, cap);
}

vinn_err vinn_money_format_plain(int64_t amount, const struct vinn_currency *cur, char *out,
                                 size_t cap)
{
    VINN_ASSERT(cur != NULL);
    struct text t = {.len = 0};
    t.bytes[0] = '\0';
    if (amount < 0) {
        text_putc(&t, '-');
    }
    put_number(&t, amount, cur->exponent, "", '.');
    return text_commit(&t, out, cap);
}

/* ---- VAT ---- */

static bool vat_rate_is_valid(int32_t rate_bp)
{
    return rate_bp >= 0 && rate_bp <= VAT_BASIS;
}

vinn_err vinn_vat_from_net(int64_t net, int32_t rate_bp, enum vinn_rounding mode, int64_t *vat,
                           int64_t *gross)
{
    if (!vat_rate_is_valid(rate_bp)) {
        return VINN_E_VAT_RATE_INVALID;
    }
    int64_t v = 0;
    int64_t g = 0;
    vinn_err err = vinn_money_mul_div(net, rate_bp, VAT_BASIS, mode, &v);
    if (err == VINN_OK) {
        err = vinn_money_add(net, v, &g);
    }
    if (err != VINN_OK) {
        return err;
    }
    *vat = v;
    *gross = g;
    return VINN_OK;
}

vinn_err vinn_vat_from_gross(int64_t gross, int32_t rate_bp, enum vinn_rounding mode,
                             int64_t *net, int64_t *vat)
{
    if (!vat_rate_is_valid(rate_bp)) {
        return VINN_E_VAT_RATE_INVALID;
    }
    int64_t v = 0;
    int64_t n = 0;
    vinn_err err = vinn_money_mul_div(gross, rate_bp, VAT_BASIS + rate_bp, mode, &v);
    if (err == VINN_OK) {
        err = vinn_money_sub(gross, v, &n);
    }
    if (err != VINN_OK) {
        return err;
    }
    VINN_ASSERT(n + v == gross);
    *net = n;
    *vat = v;
    return VINN_OK;
}

/* ---- splits ---- */

static void assert_parts_sum(int64_t total, const int64_t *parts, uint32_t n)
{
    vinn_i128 sum = 0;
    for (uint32_t i = 0; i < n; i++) {
        sum += parts[i];
    }
    VINN_ASSERT(sum == total);
}

vinn_err vinn_money_split(int64_t total, uint32_t n, int64_t *parts)
{
    if (n < 1 || n > VINN_SPLIT_MAX) {
        return VINN_E_SPLIT_INVALID;
    }
    VINN_ASSERT(parts != NULL);
    /* Point of no return: nothing below fails. n >= 1, so neither the
     * quotient nor the remainder overflows, INT64_MIN included. */
    int64_t each = total / (int64_t)n;
    int64_t left = total % (int64_t)n; /* sign of total, |left| < n */
    int64_t unit = total < 0 ? -1 : 1;
    uint32_t with_unit = (uint32_t)(left < 0 ? -left : left);
    for (uint32_t i = 0; i < n; i++) {
        parts[i] = each + (i < with_unit ? unit : 0);
    }
    assert_parts_sum(total, parts, n);
    return VINN_OK;
}

/* Where the leftover units of an allocation stop: every remainder above
 * value gets one, and so do the first at_value indices holding value. */
struct cutoff {
    vinn_i128 value;
    vinn_i128 at_value;
};

/* Find the cutoff for units leftover units over remainders rem[0..n), each
 * below ceiling. Each pass takes the next lower remainder value, so there are
 * at most units + 1 passes. */
static struct cutoff cutoff_find(const vinn_i128 *rem, uint32_t n, vinn_i128 units,
                                 vinn_i128 ceiling)
{
    struct cutoff c = {.value = ceiling, .at_value = 0};
    vinn_i128 below = ceiling;
    while (units > 0) {
        vinn_i128 best = -1;
        vinn_i128 count = 0;
        for (uint32_t i = 0; i < n; i++) {
            if (rem[i] < below && rem[i] > best) {
                best = rem[i];
                count = 1;
            } else if (rem[i] == best) {
                count++;
            }
        }
        VINN_ASSERT(best >= 0);
        if (count >= units) {
            c.value = best;
            c.at_value = units;
            break;
        }
        units -= count;
        below = best;
    }
    return c;
}

vinn_err vinn_money_allocate(int64_t total, const int64_t *weights, uint32_t n, int64_t *parts)
{
    if (n < 1 || n > VINN_SPLIT_MAX) {
        return VINN_E_SPLIT_INVALID;
    }
    VINN_ASSERT(weights != NULL);
    VINN_ASSERT(parts != NULL);
    vinn_i128 sum = 0; /* <= 1000 * INT64_MAX: exact */
    for (uint32_t i = 0; i < n; i++) {
        if (weights[i] < 0) {
            return VINN_E_SPLIT_INVALID;
        }
        sum += weights[i];
    }
    if (sum == 0) {
        return VINN_E_SPLIT_INVALID;
    }
    /* Point of no return: nothing below fails. Shares are of |total| so that
     * a negative total splits as the mirror of the positive one. */
    vinn_i128 magnitude = total < 0 ? -(vinn_i128)total : (vinn_i128)total;
    vinn_i128 rem[VINN_SPLIT_MAX];
    vinn_i128 given = 0;
    for (uint32_t i = 0; i < n; i++) {
        vinn_i128 share = magnitude * weights[i]; /* <= 2^126: exact */
        given += share / sum;
        rem[i] = share % sum;
    }
    vinn_i128 units = magnitude - given;
    VINN_ASSERT(units >= 0 && units < (vinn_i128)n);
    struct cutoff c = cutoff_find(rem, n, units, sum);
    for (uint32_t i = 0; i < n; i++) {
        vinn_i128 part = magnitude * weights[i] / sum;
        if (rem[i] > c.value || (rem[i] == c.value && c.at_value > 0)) {
            c.at_value -= rem[i] == c.value ? 1 : 0;
            part++;
        }
        parts[i] = (int64_t)(total < 0 ? -part : part);
    }
    assert_parts_sum(total, parts, n);
    return VINN_OK;
}
