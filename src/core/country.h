/*
 * country.h - the countries and languages vinn knows by rule.
 *
 * Country codes are ISO 3166-1 alpha-2. vinn has law, calendars and
 * reference kinds for the four Nordic countries below; any other valid
 * two-letter code is VINN_COUNTRY_OTHER (weekends only, RF references).
 * Languages are the customer-facing ones: nb, sv, fi, da, en.
 */
#ifndef VINN_CORE_COUNTRY_H
#define VINN_CORE_COUNTRY_H

#include <stdbool.h>

#include "base/err.h"

enum vinn_country {
    VINN_COUNTRY_OTHER = 0,
    VINN_COUNTRY_NO,
    VINN_COUNTRY_SE,
    VINN_COUNTRY_FI,
    VINN_COUNTRY_DK,
};

enum vinn_lang {
    VINN_LANG_EN = 0,
    VINN_LANG_NB,
    VINN_LANG_SV,
    VINN_LANG_FI,
    VINN_LANG_DA,
};

enum { VINN_LANG_COUNT = 5 };

/* "NO" -> VINN_COUNTRY_NO; any other two upper-case letters -> OTHER. Lower
 * case is accepted. Anything else is VINN_E_COUNTRY_UNKNOWN. */
VINN_MUST_USE vinn_err vinn_country_parse(const char *code, enum vinn_country *out,
                                          struct vinn_error *error);
/* Upper-case two-letter code of a Nordic country; "" for OTHER. */
const char *vinn_country_code(enum vinn_country country);
/* The customer-facing language usual in a country (OTHER -> en). */
enum vinn_lang vinn_country_default_lang(enum vinn_country country);

/* "nb" (also "no", "nn"), "sv", "fi", "da", "en"; else VINN_E_LANGUAGE_UNKNOWN. */
VINN_MUST_USE vinn_err vinn_lang_parse(const char *code, enum vinn_lang *out,
                                       struct vinn_error *error);
const char *vinn_lang_code(enum vinn_lang lang);

#endif
