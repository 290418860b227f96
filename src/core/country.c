/* country.c - country and language codes. */
#include "core/country.h"

#include <string.h>

#include "core/banned.h"

static const char *const country_codes[] = {"", "NO", "SE", "FI", "DK"};
static const char *const lang_codes[] = {"en", "nb", "sv", "fi", "da"};

static char upper(char c)
{
    return (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
}

vinn_err vinn_country_parse(const char *code, enum vinn_country *out, struct vinn_error *error)
{
    if (code == NULL || strlen(code) != 2) {
        return vinn_fail(error, VINN_E_COUNTRY_UNKNOWN, "country",
                         "country '%.16s' must be a two-letter ISO 3166 code", code ? code : "");
    }
    char cc[3] = {upper(code[0]), upper(code[1]), '\0'};
    if (cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z') {
        return vinn_fail(error, VINN_E_COUNTRY_UNKNOWN, "country",
                         "country '%s' must be a two-letter ISO 3166 code", code);
    }
    for (int c = VINN_COUNTRY_NO; c <= VINN_COUNTRY_DK; c++) {
        if (strcmp(cc, country_codes[c]) == 0) {
            *out = (enum vinn_country)c;
            return VINN_OK;
        }
    }
    *out = VINN_COUNTRY_OTHER;
    return VINN_OK;
}

const char *vinn_country_code(enum vinn_country country)
{
    if (country < VINN_COUNTRY_OTHER || country > VINN_COUNTRY_DK) {
        return "";
    }
    return country_codes[country];
}

enum vinn_lang vinn_country_default_lang(enum vinn_country country)
{
    switch (country) {
    case VINN_COUNTRY_NO:
        return VINN_LANG_NB;
    case VINN_COUNTRY_SE:
        return VINN_LANG_SV;
    case VINN_COUNTRY_FI:
        return VINN_LANG_FI;
    case VINN_COUNTRY_DK:
        return VINN_LANG_DA;
    case VINN_COUNTRY_OTHER:
        break;
    }
    return VINN_LANG_EN;
}

vinn_err vinn_lang_parse(const char *code, enum vinn_lang *out, struct vinn_error *error)
{
    if (code != NULL && (strcmp(code, "no") == 0 || strcmp(code, "nn") == 0)) {
        *out = VINN_LANG_NB;
        return VINN_OK;
    }
    for (int i = 0; code != NULL && i < VINN_LANG_COUNT; i++) {
        if (strcmp(code, lang_codes[i]) == 0) {
            *out = (enum vinn_lang)i;
            return VINN_OK;
        }
    }
    return vinn_fail(error, VINN_E_LANGUAGE_UNKNOWN, "lang",
                     "language '%.16s' must be one of nb, sv, fi, da, en", code ? code : "");
}

const char *vinn_lang_code(enum vinn_lang lang)
{
    if (lang < VINN_LANG_EN || lang > VINN_LANG_DA) {
        return "en";
    }
    return lang_codes[lang];
}
