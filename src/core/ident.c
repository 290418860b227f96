/* ident.c - check digits of Nordic identifiers; rules and sources in ident.h. */
#include "core/ident.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/assert.h"
#include "core/banned.h"

/* One input under check: the typed text for messages, the compact text (the
 * kind's separators dropped, letters upper case where the kind has letters)
 * for the rules. */
struct id_input {
    enum vinn_id_kind kind;
    const char *typed;
    const char *field;
    const char *role; /* "" for a whole number, " base" for vinn_id_make */
    vinn_day today;
    char text[VINN_ID_TEXT_MAX];
    size_t length;
};

/* A birth date read from a personal number; known is false for FH-numbers. */
struct id_birth {
    bool known;
    int32_t year;
    int32_t month;
    int32_t day;
};

struct id_result {
    char normalized[VINN_ID_TEXT_MAX];
    struct id_birth birth;
};

typedef vinn_err (*id_check_fn)(const struct id_input *in, struct id_result *out,
                                struct vinn_error *error);

enum {
    ID_QUOTE_MAX = VINN_ID_TEXT_MAX + 4,
    /* Birth years a personal number may hold: the HETU '+' sign and the
     * Norwegian individual numbers 500-749 reach back to the 1800s. */
    ID_BIRTH_YEAR_MIN = 1800,
};

#define ID_KIND_NAMES_LIST                                                                         \
    "iban, no-account, no-org, se-org, fi-business, dk-cvr, no-person, se-person, fi-person, "     \
    "se-bankgiro"

static const char *const id_kind_names[VINN_ID_KIND_COUNT] = {
    [VINN_ID_IBAN] = "iban",
    [VINN_ID_NO_ACCOUNT] = "no-account",
    [VINN_ID_NO_ORG] = "no-org",
    [VINN_ID_SE_ORG] = "se-org",
    [VINN_ID_FI_BUSINESS] = "fi-business",
    [VINN_ID_DK_CVR] = "dk-cvr",
    [VINN_ID_NO_PERSON] = "no-person",
    [VINN_ID_SE_PERSON] = "se-person",
    [VINN_ID_FI_PERSON] = "fi-person",
    [VINN_ID_SE_BANKGIRO] = "se-bankgiro",
};

/* MOD11 weights, left to right over the base digits. */
static const int weights_no_account[10] = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
static const int weights_no_org[8] = {3, 2, 7, 6, 5, 4, 3, 2};
static const int weights_dk_cvr[7] = {2, 7, 6, 5, 4, 3, 2};
static const int weights_fi_business[7] = {7, 9, 10, 5, 8, 4, 2};
static const int weights_no_person_k1[9] = {3, 7, 6, 1, 8, 9, 4, 5, 2};
static const int weights_no_person_k2[10] = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};

/* BBAN structure per country, SWIFT notation "4!n6!n1!n": a count of
 * n (digits), a (upper-case letters) or c (letters and digits). From
 * python-stdnum stdnum/iban.dat (SWIFT iban-registry). */
struct iban_country {
    char code[3];
    const char *bban;
};

static const struct iban_country iban_countries[] = {
    {"AD", "4!n4!n12!c"},     {"AE", "3!n16!n"},          {"AL", "8!n16!c"},
    {"AT", "5!n11!n"},        {"AZ", "4!a20!c"},          {"BA", "3!n3!n8!n2!n"},
    {"BE", "3!n7!n2!n"},      {"BG", "4!a4!n2!n8!c"},     {"BH", "4!a14!c"},
    {"BI", "5!n5!n11!n2!n"},  {"BR", "8!n5!n10!n1!a1!c"}, {"BY", "4!c4!n16!c"},
    {"CH", "5!n12!c"},        {"CR", "4!n14!n"},          {"CY", "3!n5!n16!c"},
    {"CZ", "4!n6!n10!n"},     {"DE", "8!n10!n"},          {"DJ", "5!n5!n11!n2!n"},
    {"DK", "4!n9!n1!n"},      {"DO", "4!c20!n"},          {"EE", "2!n14!n"},
    {"EG", "4!n4!n17!n"},     {"ES", "4!n4!n1!n1!n10!n"}, {"FI", "3!n11!n"},
    {"FK", "2!a12!n"},        {"FO", "4!n9!n1!n"},        {"FR", "5!n5!n11!c2!n"},
    {"GB", "4!a6!n8!n"},      {"GE", "2!a16!n"},          {"GI", "4!a15!c"},
    {"GL", "4!n9!n1!n"},      {"GR", "3!n4!n16!c"},       {"GT", "4!c20!c"},
    {"HN", "4!a20!n"},        {"HR", "7!n10!n"},          {"HU", "3!n4!n1!n15!n1!n"},
    {"IE", "4!a6!n8!n"},      {"IL", "3!n3!n13!n"},       {"IQ", "4!a3!n12!n"},
    {"IS", "4!n2!n6!n10!n"},  {"IT", "1!a5!n5!n12!c"},    {"JO", "4!a4!n18!c"},
    {"KW", "4!a22!c"},        {"KZ", "3!n13!c"},          {"LB", "4!n20!c"},
    {"LC", "4!a24!c"},        {"LI", "5!n12!c"},          {"LT", "5!n11!n"},
    {"LU", "3!n13!c"},        {"LV", "4!a13!c"},          {"LY", "3!n3!n15!n"},
    {"MC", "5!n5!n11!c2!n"},  {"MD", "2!c18!c"},          {"ME", "3!n13!n2!n"},
    {"MK", "3!n10!c2!n"},     {"MN", "4!n12!n"},          {"MR", "5!n5!n11!n2!n"},
    {"MT", "4!a5!n18!c"},     {"MU", "4!a2!n2!n12!n3!n3!a"}, {"NI", "4!a20!n"},
    {"NL", "4!a10!n"},        {"NO", "4!n6!n1!n"},        {"OM", "3!n16!c"},
    {"PK", "4!a16!c"},        {"PL", "8!n16!n"},          {"PS", "4!a21!c"},
    {"PT", "4!n4!n11!n2!n"},  {"QA", "4!a21!c"},          {"RO", "4!a16!c"},
    {"RS", "3!n13!n2!n"},     {"RU", "9!n5!n15!c"},       {"SA", "2!n18!c"},
    {"SC", "4!a2!n2!n16!n3!a"}, {"SD", "2!n12!n"},        {"SE", "3!n16!n1!n"},
    {"SI", "5!n8!n2!n"},      {"SK", "4!n6!n10!n"},       {"SM", "1!a5!n5!n12!c"},
    {"SO", "4!n3!n12!n"},     {"ST", "8!n11!n2!n"},       {"SV", "4!a20!n"},
    {"TL", "3!n14!n2!n"},     {"TN", "2!n3!n13!n2!n"},    {"TR", "5!n1!n16!c"},
    {"UA", "6!n19!c"},        {"VA", "3!n15!n"},          {"VG", "4!a16!n"},
    {"XK", "4!n10!n2!n"},     {"YE", "4!a4!n18!c"},
};

enum { IBAN_COUNTRIES_COUNT = sizeof(iban_countries) / sizeof(iban_countries[0]) };

/* ---- small helpers ---------------------------------------------------- */

static char id_upper(char c)
{
    return (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
}

static bool id_is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool id_is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

/* Value of n digits; the caller has checked they are digits. */
static int32_t id_digits_value(const char *s, size_t n)
{
    int32_t v = 0;
    for (size_t i = 0; i < n; i++) {
        VINN_ASSERT(id_is_digit(s[i]));
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* MOD11 check digit of n base digits: 11 - (weighted sum mod 11), where 11
 * gives 0. Returns -1 when that is 10: no check digit makes the base valid. */
static int id_mod11_digit(const char *digits, const int *weights, size_t n)
{
    int sum = 0;
    for (size_t i = 0; i < n; i++) {
        sum += weights[i] * (digits[i] - '0');
    }
    int check = (11 - sum % 11) % 11;
    return check == 10 ? -1 : check;
}

/* Luhn (mod 10) check digit of n base digits: every second digit from the
 * right, starting with the last base digit, is doubled and its digits added. */
static int id_luhn_digit(const char *digits, size_t n)
{
    int sum = 0;
    for (size_t k = 0; k < n; k++) {
        int d = digits[n - 1 - k] - '0';
        if (k % 2 == 0) {
            d *= 2;
            d = d > 9 ? d - 9 : d;
        }
        sum += d;
    }
    return (10 - sum % 10) % 10;
}

/* Copy the typed text for a message: control bytes become '?', and text
 * too long to show is cut at a UTF-8 boundary and marked "...". */
static void id_quote(const char *typed, char out[ID_QUOTE_MAX])
{
    size_t n = 0;
    for (; typed[n] != '\0' && n < VINN_ID_TEXT_MAX - 1; n++) {
        unsigned char c = (unsigned char)typed[n];
        out[n] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
    }
    if (typed[n] == '\0') {
        out[n] = '\0';
        return;
    }
    while (n > 0 && ((unsigned char)typed[n] & 0xC0) == 0x80) {
        n--;
    }
    memcpy(out + n, "...", 4);
}

/* Record "<kind>[ base] '<typed>' <rule>" under the caller's field. */
static vinn_err id_fail(const struct id_input *in, struct vinn_error *error, vinn_err code,
                        const char *fmt, ...) VINN_PRINTF(4, 5);

static vinn_err id_fail(const struct id_input *in, struct vinn_error *error, vinn_err code,
                        const char *fmt, ...)
{
    if (error == NULL || error->code != VINN_OK) {
        return code;
    }
    char rule[VINN_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(rule, sizeof(rule), fmt, ap);
    va_end(ap);
    char quoted[ID_QUOTE_MAX];
    id_quote(in->typed, quoted);
    return vinn_fail(error, code, in->field, "%s%s '%s' %s", id_kind_names[in->kind], in->role,
                     quoted, rule);
}

/* VINN_E_ID_CHARACTERS unless s[0..n) are all digits. */
static vinn_err id_require_digits(const struct id_input *in, const char *s, size_t n,
                                  struct vinn_error *error)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (id_is_digit((char)c)) {
            continue;
        }
        if (c > 0x20 && c < 0x7f) {
            return id_fail(in, error, VINN_E_ID_CHARACTERS, "has '%c', only digits are allowed",
                           c);
        }
        return id_fail(in, error, VINN_E_ID_CHARACTERS,
                       "has a character other than a digit, only digits are allowed");
    }
    return VINN_OK;
}

/* Digits only and exactly want of them. */
static vinn_err id_require_digit_count(const struct id_input *in, const char *s, size_t n,
                                       size_t want, struct vinn_error *error)
{
    vinn_err err = id_require_digits(in, s, n, error);
    if (err != VINN_OK) {
        return err;
    }
    if (n != want) {
        return id_fail(in, error, VINN_E_ID_LENGTH, "has %zu digits, needs %zu", n, want);
    }
    return VINN_OK;
}

static vinn_err id_copy_out(const char *text, char *out, size_t cap, const char *field,
                            struct vinn_error *error)
{
    size_t length = strlen(text);
    if (length >= cap) {
        return vinn_fail(error, VINN_E_LIMIT_EXCEEDED, field,
                         "%s '%s' needs %zu bytes, the buffer has %zu", field, text, length + 1,
                         cap);
    }
    /* Point of no return: the output is written. */
    memcpy(out, text, length + 1);
    return VINN_OK;
}

/* ---- dates ------------------------------------------------------------ */

static bool id_civil_is_valid(int32_t year, int32_t month, int32_t day)
{
    if (year < ID_BIRTH_YEAR_MIN || year > VINN_YEAR_MAX) {
        return false;
    }
    return day >= 1 && day <= vinn_date_days_in_month(year, month);
}

/* Day number of a valid birth date, also before 1900: count back from
 * 1900-01-01 over whole years, then forward within the year. */
static vinn_day id_civil_to_day(int32_t year, int32_t month, int32_t day)
{
    VINN_ASSERT(id_civil_is_valid(year, month, day));
    if (year >= VINN_YEAR_MIN) {
        return vinn_day_from_civil(year, month, day);
    }
    vinn_day result = VINN_DAY_MIN;
    for (int32_t y = year; y < VINN_YEAR_MIN; y++) {
        result -= vinn_date_is_leap_year(y) ? 366 : 365;
    }
    for (int32_t m = 1; m < month; m++) {
        result += vinn_date_days_in_month(year, m);
    }
    return result + day - 1;
}

/* ---- IBAN ------------------------------------------------------------- */

static const struct iban_country *iban_country_find(const char *code)
{
    for (size_t i = 0; i < IBAN_COUNTRIES_COUNT; i++) {
        if (iban_countries[i].code[0] == code[0] && iban_countries[i].code[1] == code[1]) {
            return &iban_countries[i];
        }
    }
    return NULL;
}

/* Walk a BBAN structure. With text NULL, return its length; else return
 * that length when text[0..) follows it, or 0 when it does not. */
static size_t iban_bban_walk(const char *structure, const char *text)
{
    size_t position = 0;
    const char *s = structure;
    while (*s != '\0') {
        size_t count = 0;
        while (id_is_digit(*s)) {
            count = count * 10 + (size_t)(*s - '0');
            s++;
        }
        VINN_ASSERT(count > 0);
        VINN_ASSERT(*s == '!');
        char type = s[1];
        VINN_ASSERT(type == 'n' || type == 'a' || type == 'c');
        s += 2;
        for (size_t i = 0; text != NULL && i < count; i++) {
            char c = text[position + i];
            bool ok = type == 'n' ? id_is_digit(c)
                      : type == 'a' ? id_is_upper(c)
                                    : id_is_digit(c) || id_is_upper(c);
            if (!ok) {
                return 0;
            }
        }
        position += count;
    }
    return position;
}

/* ISO 7064 mod 97-10 of an IBAN: the first four characters moved to the
 * end, letters read as 10..35. A valid IBAN gives 1. */
static int iban_mod97(const char *text, size_t n)
{
    int r = 0;
    for (size_t k = 0; k < n; k++) {
        char c = text[(k + 4) % n];
        if (id_is_digit(c)) {
            r = (r * 10 + (c - '0')) % 97;
        } else {
            r = (r * 100 + (c - 'A' + 10)) % 97;
        }
    }
    return r;
}

static vinn_err check_iban(const struct id_input *in, struct id_result *out,
                           struct vinn_error *error)
{
    const char *t = in->text;
    size_t n = in->length;
    for (size_t i = 0; i < n; i++) {
        if (!id_is_digit(t[i]) && !id_is_upper(t[i])) {
            return id_fail(in, error, VINN_E_ID_CHARACTERS,
                           "has a character other than a letter or a digit");
        }
    }
    if (n < 2 || !id_is_upper(t[0]) || !id_is_upper(t[1])) {
        return id_fail(in, error, VINN_E_ID_COUNTRY, "does not start with a country code");
    }
    const struct iban_country *country = iban_country_find(t);
    if (country == NULL) {
        return id_fail(in, error, VINN_E_ID_COUNTRY, "has country '%.2s', which has no iban", t);
    }
    size_t want = 4 + iban_bban_walk(country->bban, NULL);
    if (n != want) {
        return id_fail(in, error, VINN_E_ID_LENGTH, "has length %zu, %s needs %zu", n,
                       country->code, want);
    }
    if (!id_is_digit(t[2]) || !id_is_digit(t[3])) {
        return id_fail(in, error, VINN_E_ID_CHARACTERS, "has check digits '%.2s', not digits",
                       t + 2);
    }
    if (iban_bban_walk(country->bban, t + 4) == 0) {
        return id_fail(in, error, VINN_E_ID_CHARACTERS, "does not follow the %s structure %s",
                       country->code, country->bban);
    }
    if (iban_mod97(t, n) != 1) {
        return id_fail(in, error, VINN_E_ID_CHECKSUM, "checksum is wrong");
    }
    memcpy(out->normalized, t, n + 1);
    return VINN_OK;
}

/* ---- organisations and accounts --------------------------------------- */

/* Kontonummer: MOD11 over 10 digits; "0000" + 7 digits is a legacy postgiro
 * number whose last digit is a Luhn check (stdnum/no/kontonr.py). */
static int no_account_digit(const char *base10)
{
    if (memcmp(base10, "0000", 4) == 0) {
        return id_luhn_digit(base10 + 4, 6);
    }
    return id_mod11_digit(base10, weights_no_account, 10);
}

static vinn_err check_no_account(const struct id_input *in, struct id_result *out,
                                 struct vinn_error *error)
{
    vinn_err err = id_require_digit_count(in, in->text, in->length, 11, error);
    if (err != VINN_OK) {
        return err;
    }
    if (no_account_digit(in->text) != in->text[10] - '0') {
        return id_fail(in, error, VINN_E_ID_CHECKSUM, "checksum is wrong");
    }
    memcpy(out->normalized, in->text, 12);
    return VINN_OK;
}

static vinn_err check_no_org(const struct id_input *in, struct id_result *out,
                             struct vinn_error *error)
{
    /* The VAT form NO + orgnr + MVA (Peppol NO-R-001) names the same number. */
    const char *s = in->text;
    size_t n = in->length;
    if (n >= 2 && memcmp(s, "NO", 2) == 0) {
        s += 2;
        n -= 2;
    }
    if (n >= 3 && memcmp(s + n - 3, "MVA", 3) == 0) {
        n -= 3;
    }
    vinn_err err = id_require_digit_count(in, s, n, 9, error);
    if (err != VINN_OK) {
        return err;
    }
    if (id_mod11_digit(s, weights_no_org, 8) != s[8] - '0') {
        return id_fail(in, error, VINN_E_ID_CHECKSUM, "checksum is wrong");
    }
    memcpy(out->normalized, s, 9);
    out->normalized[9] = '\0';
    return VINN_OK;
}

static vinn_err check_se_org(const struct id_input *in, struct id_result *out,
                             struct vinn_error *error)
{
    vinn_err err = id_require_digit_count(in, in->text, in->length, 10, error);
    if (err != VINN_OK) {
        return err;
    }
    if (id_luhn_digit(in->text, 9) != in->text[9] - '0') {
        return id_fail(in, error, VINN_E_ID_CHECKSUM, "checksum is wrong");
    }
    memcpy(out->normalized, in->text, 11);
    return VINN_OK;
}

static vinn_err check_fi_business(const struct id_input *in, struct id_result *out,
                                  struct vinn_error *error)
{
    vinn_err err = id_require_digit_count(in, in->text, in->length, 8, error);
    if (err != VINN_OK) {
        return err;
    }
    if (id_mod11_digit(in->text, weights_fi_business, 7) != in->text[7] - '0') {
        return id_fail(in, error, VINN_E_ID_CHECKSUM, "checksum is wrong");
    }
    memcpy(out->normalized, in->text, 7);
    out->normalized[7] = '-';
    out->normalized[8] = in->text[7];
    out->normalized[9] = '\0';
    return VINN_OK;
}

static vinn_err check_dk_cvr(const struct id_input *in, struct id_result *out,
                             struct vinn_error *error)
{
    vinn_err err = id_require_digit_count(in, in->text, in->length, 8, error);
    if (err != VINN_OK) {
        return err;
    }
    if (in->text[0] == '0') {
        return id_fail(in, error, VINN_E_ID_FIRST_DIGIT, "starts with 0, no cvr number does");
    }
    if (id_mod11_digit(in->text, weights_dk_cvr, 7) != in->text[7] - '0') {
        return id_fail(in, error, VINN_E_ID_CHECKSUM, "checksum is wrong");
    }
    memcpy(out->normalized, in->text, 9);
    return VINN_OK;
}

static vinn_err check_se_bankgiro(const struct id_input *in, struct id_result *out,
                                  struct vinn_error *error)
{
    vinn_err err = id_require_digits(in, in->text, in->length, error);
    if (err != VINN_OK) {
        return err;
    }
    size_t n = in->length;
    if (n < 7 || n > 8) {
        return id_fail(in, error, VINN_E_ID_LENGTH, "has %zu digits, needs 7 or 8", n);
    }
    if (id_luhn_digit(in->text, n - 1) != in->text[n - 1] - '0') {
        return id_fail(in, error, VINN_E_ID_CHECKSUM, "checksum is wrong");
    }
    memcpy(out->normalized, in->text, n + 1);
    return VINN_OK;
}

/* ---- Norwegian fødselsnummer ------------------------------------------ */

/* Century from the individual number (stdnum/no/fodselsnummer.py); 0 when
 * the individual number gives none for this two-digit year. */
static int32_t no_person_century(int32_t individual, int32_t yy)
{
    if (individual < 500) {
        return 1900;
    }
    if (individual < 750 && yy >= 54) {
        return 1800;
    }
    if (yy < 40) {
        return 2000;
    }
    if (individual >= 900) {
        return 1900;
    }
    return 0;
}

static vinn_err no_person_birth(const struct id_input *in, struct id_birth *birth,
                                struct vinn_error *error)
{
    const char *t = in->text;
    int32_t day = id_digits_value(t, 2);
    int32_t month = id_digits_value(t + 2, 2);
    int32_t yy = id_digits_value(t + 4, 2);
    int32_t individual = id_digits_value(t + 6, 3);
    if (day >= 80) {
        /* FH-number: first digit 8 or 9, no birth date by design. */
        birth->known = false;
        return VINN_OK;
    }
    day = day > 40 ? day - 40 : day;         /* D-number */
    month = month > 40 ? month - 40 : month; /* H-number */
    int32_t century = no_person_century(individual, yy);
    if (century == 0) {
        return id_fail(in, error, VINN_E_ID_INDIVIDUAL_NUMBER,
                       "individual number %03d gives no century for year %02d", (int)individual,
                       (int)yy);
    }
    if (!id_civil_is_valid(century + yy, month, day)) {
        return id_fail(in, error, VINN_E_ID_DATE, "birth date %04d-%02d-%02d does not exist",
                       (int)(century + yy), (int)month, (int)day);
    }
    birth->known = true;
    birth->year = century + yy;
    birth->month = month;
    birth->day = day;
    return VINN_OK;
}

static vinn_err check_no_person(const struct id_input *in, struct id_result *out,
                                struct vinn_error *error)
{
    const char *t = in->text;
    vinn_err err = id_require_digit_count(in, t, in->length, 11, error);
    if (err != VINN_OK) {
        return err;
    }
    if (id_mod11_digit(t, weights_no_person_k1, 9) != t[9] - '0') {
        return id_fail(in, error, VINN_E_ID_CHECKSUM, "first check digit is wrong");
    }
    if (id_mod11_digit(t, weights_no_person_k2, 10) != t[10] - '0') {
        return id_fail(in, error, VINN_E_ID_CHECKSUM, "second check digit is wrong");
    }
    err = no_person_birth(in, &out->birth, error);
    if (err != VINN_OK) {
        return err;
    }
    memcpy(out->normalized, t, 12);
    return VINN_OK;
}

/* ---- Swedish personnummer --------------------------------------------- */

/* The year of a 10-digit number: the latest year ending in yy in which the
 * person was born on or before today; '+' (100 or older) a century earlier. */
static int32_t se_person_year(int32_t yy, int32_t month, int32_t day, bool plus, vinn_day today)
{
    struct vinn_civil now = vinn_day_to_civil(today);
    int32_t year = now.year - ((now.year - yy) % 100 + 100) % 100;
    bool later_this_year = month > now.month || (month == now.month && day > now.day);
    if (year == now.year && later_this_year) {
        year -= 100;
    }
    return plus ? year - 100 : year;
}

/* Split "YYMMDD-NNNC" / "YYYYMMDD+NNNC": digits out, the sign only just
 * before the last four digits. */
static vinn_err se_person_digits(const struct id_input *in, char digits[VINN_ID_TEXT_MAX],
                                 size_t *count, bool *plus, struct vinn_error *error)
{
    size_t n = 0;
    bool has_sign = false;
    for (size_t i = 0; i < in->length; i++) {
        char c = in->text[i];
        if ((c == '-' || c == '+') && !has_sign && i + 5 == in->length) {
            has_sign = true;
            *plus = c == '+';
            continue;
        }
        if (c == '-' || c == '+') {
            return id_fail(in, error, VINN_E_ID_CHARACTERS,
                           "has '%c' where only digits are allowed (the sign goes before the "
                           "last four digits)",
                           c);
        }
        vinn_err err = id_require_digits(in, &in->text[i], 1, error);
        if (err != VINN_OK) {
            return err;
        }
        digits[n++] = c;
    }
    if (n != 10 && n != 12) {
        return id_fail(in, error, VINN_E_ID_LENGTH, "has %zu digits, needs 10 or 12", n);
    }
    *count = n;
    return VINN_OK;
}

static vinn_err check_se_person(const struct id_input *in, struct id_result *out,
                                struct vinn_error *error)
{
    char digits[VINN_ID_TEXT_MAX];
    size_t count = 0;
    bool plus = false;
    vinn_err err = se_person_digits(in, digits, &count, &plus, error);
    if (err != VINN_OK) {
        return err;
    }
    const char *p = digits + (count - 10); /* YYMMDDNNNC */
    int32_t month = id_digits_value(p + 2, 2);
    int32_t day = id_digits_value(p + 4, 2);
    day = day > 60 ? day - 60 : day; /* samordningsnummer */
    int32_t year = count == 12 ? id_digits_value(digits, 4)
                               : se_person_year(id_digits_value(p, 2), month, day, plus, in->today);
    if (!id_civil_is_valid(year, month, day)) {
        return id_fail(in, error, VINN_E_ID_DATE, "birth date %04d-%02d-%02d does not exist",
                       (int)year, (int)month, (int)day);
    }
    if (id_civil_to_day(year, month, day) > in->today) {
        return id_fail(in, error, VINN_E_ID_DATE, "birth date %04d-%02d-%02d is after today",
                       (int)year, (int)month, (int)day);
    }
    if (id_luhn_digit(p, 9) != p[9] - '0') {
        return id_fail(in, error, VINN_E_ID_CHECKSUM, "checksum is wrong");
    }
    out->normalized[0] = (char)('0' + year / 1000);
    out->normalized[1] = (char)('0' + year / 100 % 10);
    memcpy(out->normalized + 2, p, 10);
    out->normalized[12] = '\0';
    out->birth = (struct id_birth){true, year, month, day};
    return VINN_OK;
}

/* ---- Finnish henkilötunnus -------------------------------------------- */

/* Century of a HETU sign: '+' 1800s; '-' and (2023) Y X W V U 1900s;
 * A and (2023) B C D E F 2000s. 0 for any other character. */
static int32_t fi_person_century(char sign)
{
    if (sign == '+') {
        return 1800;
    }
    if (sign != '\0' && strchr("-YXWVU", sign) != NULL) {
        return 1900;
    }
    if (sign != '\0' && strchr("ABCDEF", sign) != NULL) {
        return 2000;
    }
    return 0;
}

static const char fi_person_controls[] = "0123456789ABCDEFHJKLMNPRSTUVWXY";

/* DDMMYY C NNN T: digits, a century sign, digits, a control character. */
static vinn_err fi_person_shape(const struct id_input *in, struct vinn_error *error)
{
    const char *t = in->text;
    if (in->length != 11) {
        return id_fail(in, error, VINN_E_ID_LENGTH, "has %zu characters, needs 11", in->length);
    }
    bool digits_ok = true;
    for (size_t i = 0; i < 10; i++) {
        digits_ok = digits_ok && (i == 6 || id_is_digit(t[i]));
    }
    if (!digits_ok) {
        return id_fail(in, error, VINN_E_ID_CHARACTERS,
                       "must be DDMMYY, a century sign, three digits and a check character");
    }
    if (fi_person_century(t[6]) == 0) {
        return id_fail(in, error, VINN_E_ID_CHARACTERS,
                       "has century sign '%c', allowed are + - A-F U-Y", t[6]);
    }
    if (t[10] == '\0' || strchr(fi_person_controls, t[10]) == NULL) {
        return id_fail(in, error, VINN_E_ID_CHARACTERS, "has check character '%c', not one of %s",
                       t[10], fi_person_controls);
    }
    return VINN_OK;
}

static vinn_err check_fi_person(const struct id_input *in, struct id_result *out,
                                struct vinn_error *error)
{
    vinn_err err = fi_person_shape(in, error);
    if (err != VINN_OK) {
        return err;
    }
    const char *t = in->text;
    int32_t day = id_digits_value(t, 2);
    int32_t month = id_digits_value(t + 2, 2);
    int32_t year = fi_person_century(t[6]) + id_digits_value(t + 4, 2);
    int32_t individual = id_digits_value(t + 7, 3);
    if (!id_civil_is_valid(year, month, day)) {
        return id_fail(in, error, VINN_E_ID_DATE, "birth date %04d-%02d-%02d does not exist",
                       (int)year, (int)month, (int)day);
    }
    if (individual < 2 || individual > 899) {
        return id_fail(in, error, VINN_E_ID_INDIVIDUAL_NUMBER,
                       "has individual number %03d, outside 002-899 (900-999 are temporary)",
                       (int)individual);
    }
    int32_t base = id_digits_value(t, 6) * 1000 + individual;
    if (fi_person_controls[base % 31] != t[10]) {
        return id_fail(in, error, VINN_E_ID_CHECKSUM, "checksum is wrong");
    }
    memcpy(out->normalized, t, 12);
    out->birth = (struct id_birth){true, year, month, day};
    return VINN_OK;
}

/* ---- the kinds -------------------------------------------------------- */

struct id_kind_row {
    const char *separators; /* dropped wherever they are typed */
    bool has_letters;       /* letters are folded to upper case */
    id_check_fn check;
};

static const struct id_kind_row id_kind_rows[VINN_ID_KIND_COUNT] = {
    [VINN_ID_IBAN] = {" ", true, check_iban},
    [VINN_ID_NO_ACCOUNT] = {" .", false, check_no_account},
    [VINN_ID_NO_ORG] = {" ", true, check_no_org},
    [VINN_ID_SE_ORG] = {" -", false, check_se_org},
    [VINN_ID_FI_BUSINESS] = {" -", false, check_fi_business},
    [VINN_ID_DK_CVR] = {" ", false, check_dk_cvr},
    [VINN_ID_NO_PERSON] = {" -", false, check_no_person},
    [VINN_ID_SE_PERSON] = {" ", false, check_se_person},
    [VINN_ID_FI_PERSON] = {" ", true, check_fi_person},
    [VINN_ID_SE_BANKGIRO] = {" -", false, check_se_bankgiro},
};

static bool id_kind_is_valid(enum vinn_id_kind kind)
{
    return (int)kind >= 0 && (int)kind < VINN_ID_KIND_COUNT;
}

/* Bound the typed text and make the compact text. */
static vinn_err id_input_init(struct id_input *in, struct vinn_error *error)
{
    size_t typed_length = strnlen(in->typed, VINN_ID_TEXT_MAX);
    if (typed_length >= VINN_ID_TEXT_MAX) {
        return id_fail(in, error, VINN_E_ID_LENGTH, "is longer than %d characters",
                       VINN_ID_TEXT_MAX - 1);
    }
    const struct id_kind_row *row = &id_kind_rows[in->kind];
    size_t n = 0;
    for (size_t i = 0; i < typed_length; i++) {
        char c = in->typed[i];
        if (strchr(row->separators, c) != NULL) {
            continue;
        }
        in->text[n++] = row->has_letters ? id_upper(c) : c;
    }
    in->text[n] = '\0';
    in->length = n;
    if (n == 0) {
        return id_fail(in, error, VINN_E_ID_EMPTY, "is empty");
    }
    return VINN_OK;
}

static vinn_err id_run(enum vinn_id_kind kind, const char *value, vinn_day today,
                       const char *field, struct id_result *result, struct vinn_error *error)
{
    VINN_ASSERT(id_kind_is_valid(kind));
    struct id_input in = {
        .kind = kind,
        .typed = value != NULL ? value : "",
        .field = field != NULL ? field : id_kind_names[kind],
        .role = "",
        .today = today,
    };
    vinn_err err = id_input_init(&in, error);
    if (err != VINN_OK) {
        return err;
    }
    *result = (struct id_result){.birth = {.known = false}};
    err = id_kind_rows[kind].check(&in, result, error);
    if (err == VINN_OK) {
        VINN_ASSERT(result->normalized[0] != '\0');
    }
    return err;
}

/* ---- public ----------------------------------------------------------- */

vinn_err vinn_id_kind_parse(const char *name, enum vinn_id_kind *out, struct vinn_error *error)
{
    for (int k = 0; name != NULL && k < VINN_ID_KIND_COUNT; k++) {
        if (strcmp(name, id_kind_names[k]) == 0) {
            *out = (enum vinn_id_kind)k;
            return VINN_OK;
        }
    }
    return vinn_fail(error, VINN_E_ID_KIND_UNKNOWN, "kind",
                     "identifier kind '%.32s' is unknown, use one of " ID_KIND_NAMES_LIST,
                     name != NULL ? name : "");
}

const char *vinn_id_kind_name(enum vinn_id_kind kind)
{
    VINN_ASSERT(id_kind_is_valid(kind));
    return id_kind_names[kind];
}

vinn_err vinn_id_check(enum vinn_id_kind kind, const char *value, vinn_day today,
                       const char *field, char *normalized, size_t cap, struct vinn_error *error)
{
    struct id_result result;
    vinn_err err = id_run(kind, value, today, field, &result, error);
    if (err != VINN_OK || normalized == NULL) {
        return err;
    }
    return id_copy_out(result.normalized, normalized, cap,
                       field != NULL ? field : id_kind_names[kind], error);
}

vinn_err vinn_id_birth_date(enum vinn_id_kind kind, const char *value, vinn_day today,
                            vinn_day *out, struct vinn_error *error)
{
    VINN_ASSERT(id_kind_is_valid(kind));
    if (kind != VINN_ID_NO_PERSON && kind != VINN_ID_SE_PERSON && kind != VINN_ID_FI_PERSON) {
        return vinn_fail(error, VINN_E_ID_KIND_UNKNOWN, "kind",
                         "identifier kind '%s' has no birth date, only no-person, se-person "
                         "and fi-person do",
                         id_kind_names[kind]);
    }
    struct id_result result;
    vinn_err err = id_run(kind, value, today, "national_id", &result, error);
    if (err != VINN_OK) {
        return err;
    }
    if (!result.birth.known) {
        return vinn_fail(error, VINN_E_ID_DATE, "national_id",
                         "%s '%s' is an fh-number, which holds no birth date", id_kind_names[kind],
                         result.normalized);
    }
    /* Point of no return: the output is written. */
    *out = id_civil_to_day(result.birth.year, result.birth.month, result.birth.day);
    return VINN_OK;
}

vinn_err vinn_iban_from_no_account(const char *account, char *out, size_t cap,
                                   struct vinn_error *error)
{
    char number[VINN_ID_TEXT_MAX];
    vinn_err err =
        vinn_id_check(VINN_ID_NO_ACCOUNT, account, 0, "account", number, sizeof(number), error);
    if (err != VINN_OK) {
        return err;
    }
    /* Check digits = 98 - (BBAN + "NO00" mod 97), ISO 13616. */
    char iban[16] = "NO00";
    memcpy(iban + 4, number, 12);
    int check = 98 - iban_mod97(iban, 15);
    iban[2] = (char)('0' + check / 10);
    iban[3] = (char)('0' + check % 10);
    VINN_ASSERT(iban_mod97(iban, 15) == 1);
    return id_copy_out(iban, out, cap, "account", error);
}

vinn_err vinn_iban_format_human(const char *iban, char *out, size_t cap)
{
    char machine[VINN_ID_TEXT_MAX];
    vinn_err err = vinn_id_check(VINN_ID_IBAN, iban, 0, "iban", machine, sizeof(machine), NULL);
    if (err != VINN_OK) {
        return err;
    }
    char human[VINN_ID_TEXT_MAX];
    size_t n = 0;
    for (size_t i = 0; machine[i] != '\0'; i++) {
        if (i > 0 && i % 4 == 0) {
            human[n++] = ' ';
        }
        human[n++] = machine[i];
    }
    VINN_ASSERT(n < sizeof(human));
    human[n] = '\0';
    return id_copy_out(human, out, cap, "iban", NULL);
}

/* ---- making check digits ---------------------------------------------- */

struct id_make_rule {
    size_t base_length;
    const int *weights; /* MOD11 weights; NULL for Luhn */
};

static bool id_make_rule_find(enum vinn_id_kind kind, struct id_make_rule *rule)
{
    switch (kind) {
    case VINN_ID_NO_ORG:
        *rule = (struct id_make_rule){8, weights_no_org};
        return true;
    case VINN_ID_NO_ACCOUNT:
        *rule = (struct id_make_rule){10, weights_no_account};
        return true;
    case VINN_ID_SE_ORG:
        *rule = (struct id_make_rule){9, NULL};
        return true;
    case VINN_ID_DK_CVR:
        *rule = (struct id_make_rule){7, weights_dk_cvr};
        return true;
    case VINN_ID_FI_BUSINESS:
        *rule = (struct id_make_rule){7, weights_fi_business};
        return true;
    default:
        return false;
    }
}

static int id_make_digit(enum vinn_id_kind kind, const struct id_make_rule *rule,
                         const char *base)
{
    if (kind == VINN_ID_NO_ACCOUNT) {
        return no_account_digit(base);
    }
    if (rule->weights == NULL) {
        return id_luhn_digit(base, rule->base_length);
    }
    return id_mod11_digit(base, rule->weights, rule->base_length);
}

vinn_err vinn_id_make(enum vinn_id_kind kind, const char *base, char *out, size_t cap,
                      struct vinn_error *error)
{
    VINN_ASSERT(id_kind_is_valid(kind));
    struct id_make_rule rule;
    if (!id_make_rule_find(kind, &rule)) {
        return vinn_fail(error, VINN_E_ID_KIND_UNKNOWN, "kind",
                         "identifier kind '%s' cannot be made, only no-org, no-account, se-org, "
                         "dk-cvr and fi-business can",
                         id_kind_names[kind]);
    }
    struct id_input in = {
        .kind = kind, .typed = base != NULL ? base : "", .field = "base", .role = " base"};
    vinn_err err = id_input_init(&in, error);
    if (err == VINN_OK) {
        err = id_require_digit_count(&in, in.text, in.length, rule.base_length, error);
    }
    if (err != VINN_OK) {
        return err;
    }
    if (kind == VINN_ID_DK_CVR && in.text[0] == '0') {
        return id_fail(&in, error, VINN_E_ID_FIRST_DIGIT, "starts with 0, no cvr number does");
    }
    int check = id_make_digit(kind, &rule, in.text);
    if (check < 0) {
        return id_fail(&in, error, VINN_E_ID_CHECKSUM,
                       "has no valid check digit (mod 11 remainder 1)");
    }
    char number[VINN_ID_TEXT_MAX];
    memcpy(number, in.text, rule.base_length);
    size_t n = rule.base_length;
    if (kind == VINN_ID_FI_BUSINESS) {
        number[n++] = '-';
    }
    number[n++] = (char)('0' + check);
    number[n] = '\0';
    VINN_ASSERT(vinn_id_check(kind, number, 0, NULL, NULL, 0, NULL) == VINN_OK);
    return id_copy_out(number, out, cap, "base", error);
}
