/*
 * refno.c - payment reference algorithms. The rules and their sources are in
 * refno.h; the test vectors are those of DOMAIN.md §1.1-1.4.
 *
 * Every public function first reads its input into a bounded ref_text
 * (spaces dropped), then validates shape (empty, characters, length), then
 * the check digits, and writes its output only after all of that passed.
 */
#include "core/refno.h"

#include <stdbool.h>
#include <string.h>

#include "base/assert.h"
#include "core/banned.h"

enum {
    /* Bytes of input read, spaces included. A printed 25-character RF has
     * six spaces; past 128 bytes the text is no reference of any kind. */
    REF_INPUT_MAX = 128,
    /* Characters kept once spaces are dropped: more than any kind allows,
     * so a reference that is too long is still quoted in its error. */
    REF_KEPT_MAX = 40,
    /* Longest machine form of every kind: KID and OCR 25 digits (Nets OCR
     * giro amount item 1 field 13; BG6070 §5.2), RF 25 characters. */
    REF_MACHINE_MAX = 25,
    /* Shortest Finnish reference (Finanssiala: 3 digits and the check). */
    REF_FI_MIN = 4,
    /* Longest name accepted and quoted by vinn_ref_kind_parse. */
    REF_KIND_NAME_QUOTE_MAX = 32,
};

/* A reference or base as read: spaces dropped, RF upper-cased. */
struct ref_text {
    char text[REF_KEPT_MAX + 1];
    size_t length;
    bool is_overlong; /* more characters than REF_KEPT_MAX or bytes than REF_INPUT_MAX */
};

/* Lengths of the whole machine form (check) and of the base (make). */
struct ref_rule {
    const char *name;
    size_t ref_min;
    size_t ref_max;
    size_t base_min;
    size_t base_max;
};

static const struct ref_rule ref_rules[VINN_REF_KIND_COUNT] = {
    [VINN_REF_KID10] = {"kid10", 2, 25, 1, 24},
    [VINN_REF_KID11] = {"kid11", 2, 25, 1, 24},
    [VINN_REF_KID] = {"kid", 2, 25, 1, 24},
    [VINN_REF_OCR] = {"ocr", 2, 25, 1, 24},
    [VINN_REF_OCR_LEN] = {"ocr-len", 2, 25, 1, 23},
    /* Finanssiala: 3..19 base digits and the check digit. */
    [VINN_REF_FI] = {"fi", REF_FI_MIN, 20, REF_FI_MIN - 1, 19},
    /* ISO 11649: "RF", 2 check digits, 1..21 characters. */
    [VINN_REF_RF] = {"rf", 5, 25, 1, 21},
};

static bool ref_kind_is_valid(enum vinn_ref_kind kind)
{
    return (int)kind >= 0 && (int)kind < VINN_REF_KIND_COUNT;
}

static bool ref_is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool ref_is_upper_alnum(char c)
{
    return ref_is_digit(c) || (c >= 'A' && c <= 'Z');
}

static char ref_upper(char c)
{
    return (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
}

static void ref_read(const char *input, bool upper, struct ref_text *t)
{
    t->length = 0;
    t->is_overlong = false;
    for (size_t i = 0; input != NULL && input[i] != '\0'; i++) {
        if (i == REF_INPUT_MAX || t->length == REF_KEPT_MAX) {
            t->is_overlong = true;
            break;
        }
        if (input[i] != ' ') {
            t->text[t->length] = upper ? ref_upper(input[i]) : input[i];
            t->length++;
        }
    }
    t->text[t->length] = '\0';
}

/* Copy s (n bytes) for quoting in a message: bytes that are not printable
 * ASCII become '?', so a message stays valid text whatever came in. */
static void ref_printable(const char *s, size_t n, char *q)
{
    for (size_t i = 0; i < n; i++) {
        q[i] = (s[i] >= ' ' && s[i] <= '~') ? s[i] : '?';
    }
    q[n] = '\0';
}

/* Luhn (Nets MOD10, BG6070 §5.2): weights 2,1,2,... from the right, digit
 * sums of the products; check = (10 - sum mod 10) mod 10. */
static char ref_luhn(const char *digits, size_t n)
{
    unsigned sum = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned d = (unsigned)(digits[n - 1 - i] - '0');
        if (i % 2 == 0) {
            d *= 2;
            d = d > 9 ? d - 9 : d;
        }
        sum += d;
    }
    return (char)('0' + (10 - sum % 10) % 10);
}

/* Nets MOD11: weights 2..7 repeating from the right; check = 11 - sum mod
 * 11, remainder 0 gives '0' and remainder 1 (check 10) gives '-'. */
static char ref_mod11(const char *digits, size_t n)
{
    unsigned sum = 0;
    for (size_t i = 0; i < n; i++) {
        sum += (unsigned)(digits[n - 1 - i] - '0') * (unsigned)(2 + i % 6);
    }
    unsigned remainder = sum % 11;
    if (remainder == 0) {
        return '0';
    }
    return remainder == 1 ? '-' : (char)('0' + 11 - remainder);
}

/* Finanssiala 7-3-1: weights 7,3,1,7,... from the right; check = (10 - sum
 * mod 10) mod 10. */
static char ref_731(const char *digits, size_t n)
{
    static const unsigned weights[3] = {7, 3, 1};
    unsigned sum = 0;
    for (size_t i = 0; i < n; i++) {
        sum += (unsigned)(digits[n - 1 - i] - '0') * weights[i % 3];
    }
    return (char)('0' + (10 - sum % 10) % 10);
}

/* ISO 11649 remainder: continue acc over text, letters A..Z as 10..35. */
static unsigned ref_mod97(const char *text, size_t n, unsigned acc)
{
    for (size_t i = 0; i < n; i++) {
        if (ref_is_digit(text[i])) {
            acc = (acc * 10 + (unsigned)(text[i] - '0')) % 97;
        } else {
            acc = (acc * 100 + (unsigned)(text[i] - 'A' + 10)) % 97;
        }
    }
    return acc;
}

/* ISO 11649 check digits of body (python-stdnum iso11649.calc_check_digits):
 * 98 - (body "RF00") mod 97, so always 02..98. */
static unsigned ref_rf_check(const char *body, size_t n)
{
    return 98 - ref_mod97("RF00", 4, ref_mod97(body, n, 0));
}

/* The check character of a numeric kind for body (KID makes as KID10). */
static char ref_check_char(enum vinn_ref_kind kind, const char *body, size_t n)
{
    switch (kind) {
    case VINN_REF_KID11:
        return ref_mod11(body, n);
    case VINN_REF_FI:
        return ref_731(body, n);
    case VINN_REF_KID10:
    case VINN_REF_KID:
    case VINN_REF_OCR:
    case VINN_REF_OCR_LEN:
        return ref_luhn(body, n);
    case VINN_REF_RF:
        break;
    }
    VINN_UNREACHABLE();
}

/* Whether c may stand at index i of a length-long text of kind. */
static bool ref_char_is_allowed(enum vinn_ref_kind kind, bool making, char c, size_t i,
                                size_t length)
{
    if (kind == VINN_REF_RF) {
        if (making || i >= 4) {
            return ref_is_upper_alnum(c);
        }
        return i < 2 ? c == "RF"[i] : ref_is_digit(c);
    }
    if (c == '-') {
        /* MOD11 remainder 1: the check character '-' (Nets §5). */
        bool mod11 = kind == VINN_REF_KID11 || kind == VINN_REF_KID;
        return !making && mod11 && i + 1 == length;
    }
    return ref_is_digit(c);
}

static const char *ref_char_rule(enum vinn_ref_kind kind, bool making)
{
    if (kind == VINN_REF_RF) {
        return making ? "letters A-Z and digits only"
                      : "'RF', two check digits, then letters A-Z and digits";
    }
    if (!making && (kind == VINN_REF_KID11 || kind == VINN_REF_KID)) {
        return "digits only, '-' only as the last check character";
    }
    return "digits only";
}

static vinn_err ref_fail_character(enum vinn_ref_kind kind, bool making, const struct ref_text *t,
                                   size_t i, struct vinn_error *error)
{
    const char *field = making ? "base" : "reference";
    char quoted[REF_KEPT_MAX + 1];
    ref_printable(t->text, t->length, quoted);
    return vinn_fail(error, VINN_E_REF_CHARACTERS, field,
                     "%s '%s' has a character %s does not allow: '%c' at position %zu (%s)", field,
                     quoted, ref_rules[kind].name, quoted[i], i + 1, ref_char_rule(kind, making));
}

/* Empty, characters and length, in that order; the rule is named in the error. */
static vinn_err ref_shape(enum vinn_ref_kind kind, bool making, const struct ref_text *t,
                          struct vinn_error *error)
{
    const struct ref_rule *rule = &ref_rules[kind];
    const char *field = making ? "base" : "reference";
    size_t min = making ? rule->base_min : rule->ref_min;
    size_t max = making ? rule->base_max : rule->ref_max;
    if (t->length == 0 && !t->is_overlong) {
        return vinn_fail(error, VINN_E_REF_EMPTY, field,
                         "%s is empty: %s needs %zu to %zu characters", field, rule->name, min,
                         max);
    }
    for (size_t i = 0; i < t->length; i++) {
        if (!ref_char_is_allowed(kind, making, t->text[i], i, t->length)) {
            return ref_fail_character(kind, making, t, i, error);
        }
    }
    if (t->is_overlong || t->length > max) {
        return vinn_fail(error, VINN_E_REF_LENGTH, field,
                         "%s '%s' is too long for %s: at most %zu characters", field, t->text,
                         rule->name, max);
    }
    if (t->length < min) {
        return vinn_fail(error, VINN_E_REF_LENGTH, field,
                         "%s '%s' is too short for %s: at least %zu characters", field, t->text,
                         rule->name, min);
    }
    return VINN_OK;
}

/* KID10, KID11, OCR, FI and the Luhn digit of OCR_LEN: one check character last. */
static vinn_err ref_verify_digit(enum vinn_ref_kind kind, const struct ref_text *t,
                                 struct vinn_error *error)
{
    char expected = ref_check_char(kind, t->text, t->length - 1);
    if (t->text[t->length - 1] == expected) {
        return VINN_OK;
    }
    return vinn_fail(error, VINN_E_REF_CHECK_DIGIT, "reference",
                     "reference '%s' check digit is wrong for %s: expected %c", t->text,
                     ref_rules[kind].name, expected);
}

/* KID: the agreement may use either algorithm (Nets §5; DOMAIN.md §1.1). */
static vinn_err ref_verify_kid(const struct ref_text *t, struct vinn_error *error)
{
    char given = t->text[t->length - 1];
    char mod10 = ref_luhn(t->text, t->length - 1);
    char mod11 = ref_mod11(t->text, t->length - 1);
    if (given == mod10 || given == mod11) {
        return VINN_OK;
    }
    return vinn_fail(error, VINN_E_REF_CHECK_DIGIT, "reference",
                     "reference '%s' check digit is wrong for kid: expected %c (mod10) or %c "
                     "(mod11)",
                     t->text, mod10, mod11);
}

/* BG6070 §5.2: the digit before the Luhn digit is the total length mod 10.
 * The Luhn digit is checked first, as banktools-se OCR.to_number does. */
static vinn_err ref_verify_ocr_len(const struct ref_text *t, struct vinn_error *error)
{
    vinn_err err = ref_verify_digit(VINN_REF_OCR_LEN, t, error);
    if (err != VINN_OK) {
        return err;
    }
    char expected = (char)('0' + t->length % 10);
    if (t->text[t->length - 2] == expected) {
        return VINN_OK;
    }
    return vinn_fail(error, VINN_E_REF_LENGTH_DIGIT, "reference",
                     "reference '%s' length digit is wrong for ocr-len: expected %c", t->text,
                     expected);
}

/* ISO 11649: the given check digits must be the ones that make the text 1
 * mod 97; comparing digits also refuses the aliases 00, 01 and 99. */
static vinn_err ref_verify_rf(const struct ref_text *t, struct vinn_error *error)
{
    unsigned expected = ref_rf_check(t->text + 4, t->length - 4);
    unsigned given = (unsigned)(t->text[2] - '0') * 10 + (unsigned)(t->text[3] - '0');
    if (given == expected) {
        return VINN_OK;
    }
    return vinn_fail(error, VINN_E_REF_CHECK_DIGIT, "reference",
                     "reference '%s' check digits are wrong for rf: expected %02u", t->text,
                     expected);
}

static vinn_err ref_verify(enum vinn_ref_kind kind, const struct ref_text *t,
                           struct vinn_error *error)
{
    switch (kind) {
    case VINN_REF_KID:
        return ref_verify_kid(t, error);
    case VINN_REF_OCR_LEN:
        return ref_verify_ocr_len(t, error);
    case VINN_REF_RF:
        return ref_verify_rf(t, error);
    case VINN_REF_KID10:
    case VINN_REF_KID11:
    case VINN_REF_OCR:
    case VINN_REF_FI:
        break;
    }
    return ref_verify_digit(kind, t, error);
}

/* Write the machine form of kind for a base that passed ref_shape. */
static size_t ref_build(enum vinn_ref_kind kind, const struct ref_text *base,
                        char made[VINN_REF_TEXT_MAX])
{
    size_t n = 0;
    if (kind == VINN_REF_RF) {
        unsigned check = ref_rf_check(base->text, base->length);
        made[0] = 'R';
        made[1] = 'F';
        made[2] = (char)('0' + check / 10);
        made[3] = (char)('0' + check % 10);
        n = 4;
    }
    memcpy(made + n, base->text, base->length);
    n += base->length;
    if (kind == VINN_REF_OCR_LEN) {
        /* BG6070 §5.2: the length counts the length and check digits too. */
        made[n] = (char)('0' + (base->length + 2) % 10);
        n++;
    }
    if (kind != VINN_REF_RF) {
        made[n] = ref_check_char(kind, made, n);
        n++;
    }
    made[n] = '\0';
    VINN_ASSERT(n <= REF_MACHINE_MAX);
    return n;
}

static vinn_err ref_store(const char *text, size_t n, const char *field, char *out, size_t cap,
                          struct vinn_error *error)
{
    if (n + 1 > cap) {
        return vinn_fail(error, VINN_E_LIMIT_EXCEEDED, field,
                         "%s '%s' needs %zu bytes but the output has %zu", field, text, n + 1, cap);
    }
    VINN_ASSERT(out != NULL);
    /* Point of no return: everything is validated, the output is written. */
    memcpy(out, text, n + 1);
    return VINN_OK;
}

vinn_err vinn_ref_kind_parse(const char *name, enum vinn_ref_kind *out, struct vinn_error *error)
{
    for (int k = 0; name != NULL && k < VINN_REF_KIND_COUNT; k++) {
        if (strcmp(name, ref_rules[k].name) == 0) {
            *out = (enum vinn_ref_kind)k;
            return VINN_OK;
        }
    }
    char quoted[REF_KIND_NAME_QUOTE_MAX + 1];
    size_t n = name == NULL ? 0 : strnlen(name, REF_KIND_NAME_QUOTE_MAX);
    ref_printable(name == NULL ? "" : name, n, quoted);
    return vinn_fail(error, VINN_E_REF_KIND_UNKNOWN, "kind",
                     "reference kind '%s' is unknown: use kid10, kid11, kid, ocr, ocr-len, fi "
                     "or rf",
                     quoted);
}

const char *vinn_ref_kind_name(enum vinn_ref_kind kind)
{
    VINN_ASSERT(ref_kind_is_valid(kind));
    return ref_rules[kind].name;
}

vinn_err vinn_ref_make(enum vinn_ref_kind kind, const char *base, char *out, size_t cap,
                       struct vinn_error *error)
{
    VINN_ASSERT(ref_kind_is_valid(kind));
    struct ref_text t;
    ref_read(base, kind == VINN_REF_RF, &t);
    vinn_err err = ref_shape(kind, true, &t, error);
    if (err != VINN_OK) {
        return err;
    }
    char made[VINN_REF_TEXT_MAX];
    size_t n = ref_build(kind, &t, made);
    return ref_store(made, n, "base", out, cap, error);
}

vinn_err vinn_ref_check(enum vinn_ref_kind kind, const char *ref, char *normalized, size_t cap,
                        struct vinn_error *error)
{
    VINN_ASSERT(ref_kind_is_valid(kind));
    struct ref_text t;
    ref_read(ref, kind == VINN_REF_RF, &t);
    vinn_err err = ref_shape(kind, false, &t, error);
    if (err == VINN_OK) {
        err = ref_verify(kind, &t, error);
    }
    if (err != VINN_OK || normalized == NULL) {
        return err;
    }
    return ref_store(t.text, t.length, "reference", normalized, cap, error);
}

/* Copy text (n characters) into human with a space before every group of
 * size after the first group of first characters. */
static size_t ref_group(const char *text, size_t n, size_t first, size_t size, char *human)
{
    size_t h = 0;
    for (size_t i = 0; i < n; i++) {
        if (i >= first && i > 0 && (i - first) % size == 0) {
            human[h] = ' ';
            h++;
        }
        human[h] = text[i];
        h++;
    }
    human[h] = '\0';
    return h;
}

vinn_err vinn_ref_format_human(enum vinn_ref_kind kind, const char *ref, char *out, size_t cap)
{
    VINN_ASSERT(ref_kind_is_valid(kind));
    VINN_ASSERT(ref != NULL);
    size_t n = strnlen(ref, REF_MACHINE_MAX + 1);
    if (n > REF_MACHINE_MAX) {
        return VINN_E_REF_LENGTH;
    }
    /* Six spaces at most (RF of 25), so the printed form fits. */
    char human[VINN_REF_TEXT_MAX];
    size_t h = 0;
    if (kind == VINN_REF_FI) {
        /* Finanssiala: groups of five from the right, leading zeros not
         * printed; never below the 4-digit minimum, so what is printed is
         * still a valid reference for the payer to type. */
        while (n > REF_FI_MIN && ref[0] == '0') {
            ref++;
            n--;
        }
        h = ref_group(ref, n, n % 5 == 0 ? 5 : n % 5, 5, human);
    } else if (kind == VINN_REF_RF) {
        h = ref_group(ref, n, 4, 4, human); /* ISO 11649: groups of four */
    } else {
        memcpy(human, ref, n + 1); /* KID and OCR are printed as they are */
        h = n;
    }
    if (h + 1 > cap) {
        return VINN_E_LIMIT_EXCEEDED;
    }
    /* Point of no return. */
    memcpy(out, human, h + 1);
    return VINN_OK;
}

unsigned vinn_ref_detect(const char *ref)
{
    unsigned kinds = 0;
    for (int k = 0; ref != NULL && k < VINN_REF_KIND_COUNT; k++) {
        /* KID is KID10 | KID11, so it has no bit of its own. */
        if (k == VINN_REF_KID) {
            continue;
        }
        if (vinn_ref_check((enum vinn_ref_kind)k, ref, NULL, 0, NULL) == VINN_OK) {
            kinds |= 1u << k;
        }
    }
    return kinds;
}
