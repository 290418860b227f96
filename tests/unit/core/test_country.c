/* Tests of core/country: country and language codes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/country.h"

static void test_countries(void **state)
{
    (void)state;
    static const struct {
        const char *code;
        vinn_err rc;
        enum vinn_country country;
    } cases[] = {
        {"NO", VINN_OK, VINN_COUNTRY_NO},    {"se", VINN_OK, VINN_COUNTRY_SE},
        {"FI", VINN_OK, VINN_COUNTRY_FI},    {"DK", VINN_OK, VINN_COUNTRY_DK},
        {"DE", VINN_OK, VINN_COUNTRY_OTHER}, {"N", VINN_E_COUNTRY_UNKNOWN, VINN_COUNTRY_OTHER},
        {"NOR", VINN_E_COUNTRY_UNKNOWN, 0},  {"1X", VINN_E_COUNTRY_UNKNOWN, 0},
        {"", VINN_E_COUNTRY_UNKNOWN, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        enum vinn_country c = VINN_COUNTRY_OTHER;
        assert_int_equal(vinn_country_parse(cases[i].code, &c, NULL), cases[i].rc);
        assert_int_equal(c, cases[i].country);
    }
    assert_string_equal(vinn_country_code(VINN_COUNTRY_DK), "DK");
    assert_int_equal(vinn_country_default_lang(VINN_COUNTRY_FI), VINN_LANG_FI);
    assert_int_equal(vinn_country_default_lang(VINN_COUNTRY_OTHER), VINN_LANG_EN);
}

static void test_languages(void **state)
{
    (void)state;
    enum vinn_lang l = VINN_LANG_EN;
    assert_int_equal(vinn_lang_parse("no", &l, NULL), VINN_OK);
    assert_int_equal(l, VINN_LANG_NB);
    assert_int_equal(vinn_lang_parse("da", &l, NULL), VINN_OK);
    assert_string_equal(vinn_lang_code(l), "da");
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_lang_parse("de", &l, &e), VINN_E_LANGUAGE_UNKNOWN);
    assert_string_equal(e.field, "lang");
    assert_string_equal(e.message, "language 'de' must be one of nb, sv, fi, da, en");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_countries),
        cmocka_unit_test(test_languages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
