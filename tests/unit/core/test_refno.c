/* Tests of core/refno: every vector and invalid example of DOMAIN.md §1.1-1.4
 * (KID MOD10/MOD11, Swedish OCR, Finnish 7-3-1, ISO 11649 RF), the length
 * edges, outputs left unchanged on failure, detection and kind names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/refno.h"

#define COUNT(a)  (sizeof(a) / sizeof((a)[0]))
#define BIT(kind) (1u << (kind))

static const char UNCHANGED[] = "unchanged";

/* Make base under kind and expect want. */
static void make_gives(enum vinn_ref_kind kind, const char *base, const char *want)
{
    char out[VINN_REF_TEXT_MAX] = "";
    struct vinn_error e;
    vinn_error_clear(&e);
    vinn_err rc = vinn_ref_make(kind, base, out, sizeof(out), &e);
    if (rc != VINN_OK) {
        print_error("make %s '%s': %s\n", vinn_ref_kind_name(kind), base, e.message);
    }
    assert_int_equal(rc, VINN_OK);
    assert_string_equal(out, want);
}

/* Check ref under kind and expect code, the normalized form on success and
 * an unchanged buffer on failure. */
static void check_gives(enum vinn_ref_kind kind, const char *ref, vinn_err code)
{
    char normalized[VINN_REF_TEXT_MAX];
    memcpy(normalized, UNCHANGED, sizeof(UNCHANGED));
    struct vinn_error e;
    vinn_error_clear(&e);
    vinn_err rc = vinn_ref_check(kind, ref, normalized, sizeof(normalized), &e);
    if (rc != code) {
        print_error("check %s '%s': got %d (%s)\n", vinn_ref_kind_name(kind), ref, (int)rc,
                    e.message);
    }
    assert_int_equal(rc, code);
    if (code == VINN_OK) {
        assert_null(strchr(normalized, ' '));
        assert_int_equal(e.code, VINN_OK);
    } else {
        assert_string_equal(normalized, UNCHANGED);
        assert_int_equal(e.code, code);
        assert_string_equal(e.field, "reference");
    }
}

/* Check ref under kind and expect code and exactly message. */
static void check_says(enum vinn_ref_kind kind, const char *ref, vinn_err code, const char *message)
{
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_ref_check(kind, ref, NULL, 0, &e), code);
    assert_string_equal(e.field, "reference");
    assert_string_equal(e.message, message);
}

static void human_gives(enum vinn_ref_kind kind, const char *ref, const char *want)
{
    char out[VINN_REF_TEXT_MAX] = "";
    assert_int_equal(vinn_ref_format_human(kind, ref, out, sizeof(out)), VINN_OK);
    assert_string_equal(out, want);
}

/* DOMAIN.md §1.1 KID table: Nets §5 worked examples, Ondkloss vectors and
 * the recomputed rows; the "—" cells are filled with recomputed values. */
static void test_kid_table(void **state)
{
    (void)state;
    static const struct {
        const char *body;
        const char *mod10;
        const char *mod11;
    } cases[] = {
        {"12345678", "123456782", "123456785"},
        {"234567", "2345676", "2345676"},
        {"0", "00", "00"},
        {"1234", "12344", "12343"},
        {"1234567890", "12345678903", "12345678903"},
        {"31", "315", "310"},
        {"40", "406", "40-"},
        {"37", "372", "37-"},
        {"100008", "1000082", "100008-"},
        {"10001", "100016", "100013"},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        make_gives(VINN_REF_KID10, cases[i].body, cases[i].mod10);
        make_gives(VINN_REF_KID, cases[i].body, cases[i].mod10);
        make_gives(VINN_REF_KID11, cases[i].body, cases[i].mod11);
        check_gives(VINN_REF_KID10, cases[i].mod10, VINN_OK);
        check_gives(VINN_REF_KID11, cases[i].mod11, VINN_OK);
        check_gives(VINN_REF_KID, cases[i].mod10, VINN_OK);
        check_gives(VINN_REF_KID, cases[i].mod11, VINN_OK);
    }
    /* The '-' check character is a MOD11 thing only. */
    check_gives(VINN_REF_KID11, "40-", VINN_OK);
    check_gives(VINN_REF_KID, "37-", VINN_OK);
    check_gives(VINN_REF_KID10, "40-", VINN_E_REF_CHARACTERS);
    check_gives(VINN_REF_OCR, "40-", VINN_E_REF_CHARACTERS);
    check_gives(VINN_REF_KID11, "4-0", VINN_E_REF_CHARACTERS);
    check_gives(VINN_REF_KID11, "406", VINN_E_REF_CHECK_DIGIT);
    check_gives(VINN_REF_KID10, "37-", VINN_E_REF_CHARACTERS);
    check_gives(VINN_REF_KID11, "372", VINN_E_REF_CHECK_DIGIT);
}

static void test_kid_invalid(void **state)
{
    (void)state;
    /* "12345678 3": the wrong digit fails both algorithms (DOMAIN.md §1.1). */
    check_gives(VINN_REF_KID10, "12345678 3", VINN_E_REF_CHECK_DIGIT);
    check_gives(VINN_REF_KID11, "12345678 3", VINN_E_REF_CHECK_DIGIT);
    check_gives(VINN_REF_KID, "12345678 3", VINN_E_REF_CHECK_DIGIT);
    check_says(VINN_REF_KID10, "123456781", VINN_E_REF_CHECK_DIGIT,
               "reference '123456781' check digit is wrong for kid10: expected 2");
    check_says(VINN_REF_KID11, "12345678 3", VINN_E_REF_CHECK_DIGIT,
               "reference '123456783' check digit is wrong for kid11: expected 5");
    check_says(VINN_REF_KID, "12345678 3", VINN_E_REF_CHECK_DIGIT,
               "reference '123456783' check digit is wrong for kid: expected 2 (mod10) or 5 "
               "(mod11)");
    check_says(VINN_REF_KID11, "402", VINN_E_REF_CHECK_DIGIT,
               "reference '402' check digit is wrong for kid11: expected -");
    /* Ondkloss: 'abc' and the empty string are not KIDs. */
    static const enum vinn_ref_kind kinds[] = {VINN_REF_KID10, VINN_REF_KID11, VINN_REF_KID};
    for (size_t i = 0; i < COUNT(kinds); i++) {
        check_gives(kinds[i], "abc", VINN_E_REF_CHARACTERS);
        check_gives(kinds[i], "12a45", VINN_E_REF_CHARACTERS);
        check_gives(kinds[i], "", VINN_E_REF_EMPTY);
        check_gives(kinds[i], "   ", VINN_E_REF_EMPTY);
        check_gives(kinds[i], NULL, VINN_E_REF_EMPTY);
        check_gives(kinds[i], "5", VINN_E_REF_LENGTH);
    }
    check_says(VINN_REF_KID10, "12a45", VINN_E_REF_CHARACTERS,
               "reference '12a45' has a character kid10 does not allow: 'a' at position 3 "
               "(digits only)");
    check_says(VINN_REF_KID, "", VINN_E_REF_EMPTY,
               "reference is empty: kid needs 2 to 25 characters");
}

/* Nets OCR giro sample file (python-netsgiro tests/data/ocr_giro_transactions.txt):
 * MOD11 and MOD10 KIDs on one agreement account. */
static void test_kid_nets_sample(void **state)
{
    (void)state;
    static const struct {
        const char *kid;
        vinn_err mod10;
        vinn_err mod11;
    } cases[] = {
        {"0036633", VINN_E_REF_CHECK_DIGIT, VINN_OK},
        {"0048763", VINN_E_REF_CHECK_DIGIT, VINN_OK},
        {"0000531", VINN_E_REF_CHECK_DIGIT, VINN_OK},
        {"02212291038306", VINN_E_REF_CHECK_DIGIT, VINN_OK},
        {"02321291038303", VINN_OK, VINN_E_REF_CHECK_DIGIT},
        {"02358291038305", VINN_OK, VINN_E_REF_CHECK_DIGIT},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        check_gives(VINN_REF_KID10, cases[i].kid, cases[i].mod10);
        check_gives(VINN_REF_KID11, cases[i].kid, cases[i].mod11);
        check_gives(VINN_REF_KID, cases[i].kid, VINN_OK);
        unsigned kinds = vinn_ref_detect(cases[i].kid);
        assert_int_equal((kinds & BIT(VINN_REF_KID10)) != 0, cases[i].mod10 == VINN_OK);
        assert_int_equal((kinds & BIT(VINN_REF_KID11)) != 0, cases[i].mod11 == VINN_OK);
    }
    /* The KID field is 25 digits right-aligned in a blank-padded field. */
    check_gives(VINN_REF_KID, "                  0036633", VINN_OK);
}

static void test_kid_lengths(void **state)
{
    (void)state;
    char body24[25];
    memset(body24, '1', 24);
    body24[24] = '\0';
    char out[VINN_REF_TEXT_MAX];
    assert_int_equal(vinn_ref_make(VINN_REF_KID10, body24, out, sizeof(out), NULL), VINN_OK);
    assert_int_equal(strlen(out), 25);
    check_gives(VINN_REF_KID10, out, VINN_OK);
    assert_int_equal(vinn_ref_make(VINN_REF_KID11, body24, out, sizeof(out), NULL), VINN_OK);
    check_gives(VINN_REF_KID11, out, VINN_OK);
    char ref26[27];
    memset(ref26, '0', 26);
    ref26[26] = '\0';
    check_gives(VINN_REF_KID, ref26, VINN_E_REF_LENGTH);
    check_gives(VINN_REF_KID10, ref26 + 1, VINN_OK); /* 25 zeros: Luhn check 0 */
    check_says(VINN_REF_KID10, ref26, VINN_E_REF_LENGTH,
               "reference '00000000000000000000000000' is too long for kid10: at most 25 "
               "characters");
    struct vinn_error e;
    vinn_error_clear(&e);
    char body25[26];
    memset(body25, '1', 25);
    body25[25] = '\0';
    assert_int_equal(vinn_ref_make(VINN_REF_KID10, body25, out, sizeof(out), &e),
                     VINN_E_REF_LENGTH);
    assert_string_equal(e.field, "base");
    assert_string_equal(e.message, "base '1111111111111111111111111' is too long for kid10: "
                                   "at most 24 characters");
    /* Far past every limit, and spaces only. */
    char huge[400];
    memset(huge, '9', sizeof(huge) - 1);
    huge[sizeof(huge) - 1] = '\0';
    check_gives(VINN_REF_KID, huge, VINN_E_REF_LENGTH);
    memset(huge, ' ', sizeof(huge) - 1);
    check_gives(VINN_REF_KID, huge, VINN_E_REF_LENGTH);
}

/* DOMAIN.md §1.2, barsoom/banktools-se spec/ocr_spec.rb and README. */
static void test_ocr(void **state)
{
    (void)state;
    make_gives(VINN_REF_OCR, "123", "1230");
    make_gives(VINN_REF_OCR_LEN, "1234567890", "123456789023");
    /* pad: "0" appends the pad to the number before the length digit. */
    make_gives(VINN_REF_OCR_LEN, "12345678900", "1234567890037");
    make_gives(VINN_REF_OCR_LEN, "123", "12351");
    make_gives(VINN_REF_OCR, "2024001", "20240016");
    make_gives(VINN_REF_OCR_LEN, "2024001", "202400198");
    static const struct {
        const char *ref;
        vinn_err ocr;
        vinn_err ocr_len;
    } cases[] = {
        {"1230", VINN_OK, VINN_E_REF_LENGTH_DIGIT},
        {"123456789023", VINN_OK, VINN_OK},
        {"1234567890037", VINN_OK, VINN_OK},
        {"12351", VINN_OK, VINN_OK},
        {"20240016", VINN_OK, VINN_E_REF_LENGTH_DIGIT},
        {"202400198", VINN_OK, VINN_OK},
        {"1231", VINN_E_REF_CHECK_DIGIT, VINN_E_REF_CHECK_DIGIT},
        {"12369", VINN_OK, VINN_E_REF_LENGTH_DIGIT},
        {"0", VINN_E_REF_LENGTH, VINN_E_REF_LENGTH},
        {"00", VINN_OK, VINN_E_REF_LENGTH_DIGIT},
        {"26", VINN_OK, VINN_OK},
        {"", VINN_E_REF_EMPTY, VINN_E_REF_EMPTY},
        {"12 3a", VINN_E_REF_CHARACTERS, VINN_E_REF_CHARACTERS},
        {"1230-", VINN_E_REF_CHARACTERS, VINN_E_REF_CHARACTERS},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        check_gives(VINN_REF_OCR, cases[i].ref, cases[i].ocr);
        check_gives(VINN_REF_OCR_LEN, cases[i].ref, cases[i].ocr_len);
    }
    check_says(VINN_REF_OCR, "1231", VINN_E_REF_CHECK_DIGIT,
               "reference '1231' check digit is wrong for ocr: expected 0");
    check_says(VINN_REF_OCR_LEN, "12369", VINN_E_REF_LENGTH_DIGIT,
               "reference '12369' length digit is wrong for ocr-len: expected 5");
    check_says(VINN_REF_OCR, "0", VINN_E_REF_LENGTH,
               "reference '0' is too short for ocr: at least 2 characters");
}

static void test_ocr_lengths(void **state)
{
    (void)state;
    char base[32];
    char out[VINN_REF_TEXT_MAX];
    memset(base, '7', sizeof(base));
    base[24] = '\0';
    assert_int_equal(vinn_ref_make(VINN_REF_OCR, base, out, sizeof(out), NULL), VINN_OK);
    assert_int_equal(strlen(out), 25);
    check_gives(VINN_REF_OCR, out, VINN_OK);
    assert_int_equal(vinn_ref_make(VINN_REF_OCR_LEN, base, out, sizeof(out), NULL),
                     VINN_E_REF_LENGTH);
    base[23] = '\0';
    assert_int_equal(vinn_ref_make(VINN_REF_OCR_LEN, base, out, sizeof(out), NULL), VINN_OK);
    assert_int_equal(strlen(out), 25);
    assert_int_equal(out[23], '5');
    check_gives(VINN_REF_OCR_LEN, out, VINN_OK);
    memset(base, '7', 25);
    base[25] = '\0';
    assert_int_equal(vinn_ref_make(VINN_REF_OCR, base, out, sizeof(out), NULL), VINN_E_REF_LENGTH);
    base[25] = '7';
    base[26] = '\0';
    check_gives(VINN_REF_OCR, base, VINN_E_REF_LENGTH);
}

/* DOMAIN.md §1.3: johannwalder, xmldation, jarijokinen, willcommit,
 * holviapi (int2fin_reference, including the issue #6 10 -> 0 case), tanty. */
static void test_fi_make(void **state)
{
    (void)state;
    static const struct {
        const char *base;
        const char *ref;
    } cases[] = {
        {"12345", "123453"},
        {"123456", "1234561"},
        {"123", "1232"},
        {"1234", "12344"},
        {"1234567", "12345672"},
        {"12345678", "123456780"},
        {"123456789", "1234567897"},
        {"1234567890", "12345678907"},
        {"23409678", "234096783"},
        {"10552", "105523"},
        {"10231", "102319"},
        {"10832", "108326"},
        {"10081", "100816"},
        {"10872", "108724"},
        {"10871", "108711"},
        {"10711", "107110"},
        {"10551", "105510"},
        {"10261", "102610"},
        {"10391", "103910"},
        {"10841", "108410"},
        {"001", "0013"},
        {"010", "0107"},
        {"00123", "001232"},
        {"1234 5", "123453"},
        {"0000000000000123456", "00000000000001234561"},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        make_gives(VINN_REF_FI, cases[i].base, cases[i].ref);
        check_gives(VINN_REF_FI, cases[i].ref, VINN_OK);
    }
    struct vinn_error e;
    vinn_error_clear(&e);
    char out[VINN_REF_TEXT_MAX];
    assert_int_equal(vinn_ref_make(VINN_REF_FI, "12", out, sizeof(out), &e), VINN_E_REF_LENGTH);
    assert_string_equal(e.field, "base");
    assert_string_equal(e.message, "base '12' is too short for fi: at least 3 characters");
    assert_int_equal(vinn_ref_make(VINN_REF_FI, "1234567890123456789", out, sizeof(out), NULL),
                     VINN_OK);
    assert_int_equal(strlen(out), 20);
    check_gives(VINN_REF_FI, out, VINN_OK);
    assert_int_equal(vinn_ref_make(VINN_REF_FI, "12345678901234567890", out, sizeof(out), NULL),
                     VINN_E_REF_LENGTH);
}

static void test_fi_check(void **state)
{
    (void)state;
    static const struct {
        const char *ref;
        vinn_err code;
    } cases[] = {
        /* holviapi valid list; 13 and 107 have the right check digit but are
         * shorter than Finanssiala's 4 digits, so zero-padded they pass. */
        {"105523", VINN_OK},
        {"102319", VINN_OK},
        {"108326", VINN_OK},
        {"100816", VINN_OK},
        {"108724", VINN_OK},
        {"108711", VINN_OK},
        {"13", VINN_E_REF_LENGTH},
        {"107", VINN_E_REF_LENGTH},
        {"0013", VINN_OK},
        {"00107", VINN_OK},
        /* holviapi invalid list (the "10" check of issue #6). */
        {"1071110", VINN_E_REF_CHECK_DIGIT},
        {"1055110", VINN_E_REF_CHECK_DIGIT},
        {"1026110", VINN_E_REF_CHECK_DIGIT},
        {"1039110", VINN_E_REF_CHECK_DIGIT},
        {"1084110", VINN_E_REF_CHECK_DIGIT},
        /* Printed forms and the zero-padded machine form. */
        {"1 23453", VINN_OK},
        {"12 34561", VINN_OK},
        {"00000000000001234561", VINN_OK},
        {"000000000000001234561", VINN_E_REF_LENGTH},
        {"123454", VINN_E_REF_CHECK_DIGIT},
        {"1234-1", VINN_E_REF_CHARACTERS},
        {"", VINN_E_REF_EMPTY},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        check_gives(VINN_REF_FI, cases[i].ref, cases[i].code);
    }
    check_says(VINN_REF_FI, "12", VINN_E_REF_LENGTH,
               "reference '12' is too short for fi: at least 4 characters");
    check_says(VINN_REF_FI, "1071110", VINN_E_REF_CHECK_DIGIT,
               "reference '1071110' check digit is wrong for fi: expected 9");
    char normalized[VINN_REF_TEXT_MAX];
    assert_int_equal(vinn_ref_check(VINN_REF_FI, "12 34561", normalized, sizeof(normalized), NULL),
                     VINN_OK);
    assert_string_equal(normalized, "1234561");
}

/* jarijokinen.com printed forms and xmldation's padded machine form. */
static void test_fi_human(void **state)
{
    (void)state;
    static const struct {
        const char *ref;
        const char *human;
    } cases[] = {
        {"1232", "1232"},
        {"12344", "12344"},
        {"123453", "1 23453"},
        {"1234561", "12 34561"},
        {"12345672", "123 45672"},
        {"123456780", "1234 56780"},
        {"1234567897", "12345 67897"},
        {"12345678907", "1 23456 78907"},
        {"00000000000001234561", "12 34561"},
        {"0013", "0013"},
        {"00123453", "1 23453"},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        human_gives(VINN_REF_FI, cases[i].ref, cases[i].human);
    }
}

/* DOMAIN.md §1.4: python-stdnum, ohjelmointiputka.net, holviapi,
 * virtuaaliviivakoodi and the Bank Bar Code Guide. */
static void test_rf(void **state)
{
    (void)state;
    static const struct {
        const char *base;
        const char *ref;
        const char *human;
    } cases[] = {
        {"539007547034", "RF18539007547034", "RF18 5390 0754 7034"},
        {"5390075470Y", "RF185390075470Y", "RF18 5390 0754 70Y"},
        {"123ABCZ", "RF35123ABCZ", "RF35 123A BCZ"},
        {"C2H5OH", "RF97C2H5OH", "RF97 C2H5 OH"},
        {"c2h5oh", "RF97C2H5OH", "RF97 C2H5 OH"},
        {"11112", "RF9811112", "RF98 1111 2"},
        {"868516259619897", "RF09868516259619897", "RF09 8685 1625 9619 897"},
        {"40905", "RF1140905", "RF11 4090 5"},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        make_gives(VINN_REF_RF, cases[i].base, cases[i].ref);
        check_gives(VINN_REF_RF, cases[i].ref, VINN_OK);
        check_gives(VINN_REF_RF, cases[i].human, VINN_OK);
        human_gives(VINN_REF_RF, cases[i].ref, cases[i].human);
    }
    char normalized[VINN_REF_TEXT_MAX];
    assert_int_equal(
        vinn_ref_check(VINN_REF_RF, "rf18 5390 0754 7034", normalized, sizeof(normalized), NULL),
        VINN_OK);
    assert_string_equal(normalized, "RF18539007547034");
    check_gives(VINN_REF_RF, "RF17 5390 0754 7034", VINN_E_REF_CHECK_DIGIT);
    check_gives(VINN_REF_RF, "RF40C2H5OH", VINN_E_REF_CHECK_DIGIT);
    check_says(VINN_REF_RF, "RF17 5390 0754 7034", VINN_E_REF_CHECK_DIGIT,
               "reference 'RF17539007547034' check digits are wrong for rf: expected 18");
    check_says(VINN_REF_RF, "RF40C2H5OH", VINN_E_REF_CHECK_DIGIT,
               "reference 'RF40C2H5OH' check digits are wrong for rf: expected 97");
    /* 00 is 97 mod 97, so it passes a bare mod-97 test; only the check
     * digits the algorithm gives (02..98) are accepted. */
    check_gives(VINN_REF_RF, "RF00C2H5OH", VINN_E_REF_CHECK_DIGIT);
}

static void test_rf_invalid(void **state)
{
    (void)state;
    static const struct {
        const char *ref;
        vinn_err code;
    } cases[] = {
        {"", VINN_E_REF_EMPTY},
        {"RF18", VINN_E_REF_LENGTH},
        {"RF1", VINN_E_REF_LENGTH},
        {"539007547034", VINN_E_REF_CHARACTERS},
        {"XF18539007547034", VINN_E_REF_CHARACTERS},
        {"RFAB539007547034", VINN_E_REF_CHARACTERS},
        {"RF18-5390-0754-7034", VINN_E_REF_CHARACTERS},
        {"RF18 5390 \xc3\x85", VINN_E_REF_CHARACTERS},
        {"RF 1 8 5390 0754 7034", VINN_OK},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        check_gives(VINN_REF_RF, cases[i].ref, cases[i].code);
    }
    check_says(VINN_REF_RF, "XF18", VINN_E_REF_CHARACTERS,
               "reference 'XF18' has a character rf does not allow: 'X' at position 1 "
               "('RF', two check digits, then letters A-Z and digits)");
    check_says(VINN_REF_RF, "RF18 \xc3\x85", VINN_E_REF_CHARACTERS,
               "reference 'RF18\?\?' has a character rf does not allow: '?' at position 5 "
               "('RF', two check digits, then letters A-Z and digits)");
    /* 21 characters after RF and the check digits is the most: 25 in all. */
    char base[32];
    char out[VINN_REF_TEXT_MAX];
    memset(base, 'A', sizeof(base));
    base[21] = '\0';
    assert_int_equal(vinn_ref_make(VINN_REF_RF, base, out, sizeof(out), NULL), VINN_OK);
    assert_int_equal(strlen(out), 25);
    check_gives(VINN_REF_RF, out, VINN_OK);
    char human[VINN_REF_TEXT_MAX];
    assert_int_equal(vinn_ref_format_human(VINN_REF_RF, out, human, sizeof(human)), VINN_OK);
    assert_int_equal(strlen(human), 31);
    out[25] = 'A';
    out[26] = '\0';
    check_gives(VINN_REF_RF, out, VINN_E_REF_LENGTH);
    base[21] = 'A';
    base[22] = '\0';
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_ref_make(VINN_REF_RF, base, out, sizeof(out), &e), VINN_E_REF_LENGTH);
    assert_string_equal(e.field, "base");
    vinn_error_clear(&e);
    assert_int_equal(vinn_ref_make(VINN_REF_RF, "C2H5-OH", out, sizeof(out), &e),
                     VINN_E_REF_CHARACTERS);
    assert_string_equal(e.message, "base 'C2H5-OH' has a character rf does not allow: '-' at "
                                   "position 5 (letters A-Z and digits only)");
}

/* Every failure leaves out untouched, including a buffer that is too small. */
static void test_unchanged_on_failure(void **state)
{
    (void)state;
    static const struct {
        enum vinn_ref_kind kind;
        const char *base;
        size_t cap;
        vinn_err code;
    } cases[] = {
        {VINN_REF_KID10, "", 36, VINN_E_REF_EMPTY},
        {VINN_REF_KID10, "12a", 36, VINN_E_REF_CHARACTERS},
        {VINN_REF_KID11, "40-", 36, VINN_E_REF_CHARACTERS},
        {VINN_REF_OCR_LEN, "123456789012345678901234", 36, VINN_E_REF_LENGTH},
        {VINN_REF_FI, "12", 36, VINN_E_REF_LENGTH},
        {VINN_REF_RF, "C2H5OH", 10, VINN_E_LIMIT_EXCEEDED},
        {VINN_REF_KID10, "12345678", 9, VINN_E_LIMIT_EXCEEDED},
        {VINN_REF_KID10, "12345678", 0, VINN_E_LIMIT_EXCEEDED},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        char out[VINN_REF_TEXT_MAX];
        memcpy(out, UNCHANGED, sizeof(UNCHANGED));
        struct vinn_error e;
        vinn_error_clear(&e);
        assert_int_equal(vinn_ref_make(cases[i].kind, cases[i].base, out, cases[i].cap, &e),
                         cases[i].code);
        assert_string_equal(out, UNCHANGED);
        assert_int_equal(e.code, cases[i].code);
        assert_string_equal(e.field, "base");
    }
    char out[VINN_REF_TEXT_MAX];
    assert_int_equal(vinn_ref_make(VINN_REF_KID10, "12345678", out, 10, NULL), VINN_OK);
    assert_string_equal(out, "123456782");
    memcpy(out, UNCHANGED, sizeof(UNCHANGED));
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_ref_check(VINN_REF_RF, "RF18 5390 0754 7034", out, 16, &e),
                     VINN_E_LIMIT_EXCEEDED);
    assert_string_equal(out, UNCHANGED);
    assert_string_equal(e.field, "reference");
    assert_int_equal(vinn_ref_check(VINN_REF_RF, "RF18 5390 0754 7034", out, 17, NULL), VINN_OK);
    assert_string_equal(out, "RF18539007547034");
    memcpy(out, UNCHANGED, sizeof(UNCHANGED));
    assert_int_equal(vinn_ref_format_human(VINN_REF_RF, "RF18539007547034", out, 19),
                     VINN_E_LIMIT_EXCEEDED);
    assert_string_equal(out, UNCHANGED);
    assert_int_equal(vinn_ref_format_human(VINN_REF_RF, "RF18539007547034", out, 20), VINN_OK);
    assert_string_equal(out, "RF18 5390 0754 7034");
}

static void test_human_kid_ocr(void **state)
{
    (void)state;
    human_gives(VINN_REF_KID10, "123456782", "123456782");
    human_gives(VINN_REF_KID11, "40-", "40-");
    human_gives(VINN_REF_KID, "0036633", "0036633");
    human_gives(VINN_REF_OCR, "1230", "1230");
    human_gives(VINN_REF_OCR_LEN, "1234567890037", "1234567890037");
    char out[VINN_REF_TEXT_MAX];
    assert_int_equal(
        vinn_ref_format_human(VINN_REF_KID, "00000000000000000000000000", out, sizeof(out)),
        VINN_E_REF_LENGTH);
}

static void test_detect(void **state)
{
    (void)state;
    static const struct {
        const char *ref;
        unsigned kinds;
    } cases[] = {
        {"123456782", BIT(VINN_REF_KID10) | BIT(VINN_REF_OCR)},
        {"123456785", BIT(VINN_REF_KID11)},
        {"40-", BIT(VINN_REF_KID11)},
        {"1234561", BIT(VINN_REF_FI)},
        {"12 34561", BIT(VINN_REF_FI)},
        {"12351",
         BIT(VINN_REF_KID10) | BIT(VINN_REF_OCR) | BIT(VINN_REF_KID11) | BIT(VINN_REF_OCR_LEN)},
        {"00", BIT(VINN_REF_KID10) | BIT(VINN_REF_OCR) | BIT(VINN_REF_KID11)},
        {"202400198", BIT(VINN_REF_KID10) | BIT(VINN_REF_OCR) | BIT(VINN_REF_OCR_LEN)},
        {"12344", BIT(VINN_REF_KID10) | BIT(VINN_REF_OCR) | BIT(VINN_REF_FI)},
        {"RF18 5390 0754 7034", BIT(VINN_REF_RF)},
        {"rf97c2h5oh", BIT(VINN_REF_RF)},
        {"123456783", 0},
        {"", 0},
        {"hello", 0},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        assert_int_equal(vinn_ref_detect(cases[i].ref), cases[i].kinds);
    }
    assert_int_equal(vinn_ref_detect(NULL), 0);
    assert_int_equal(vinn_ref_detect("0036633") & BIT(VINN_REF_KID), 0);
}

static void test_kind_names(void **state)
{
    (void)state;
    static const char *const names[VINN_REF_KIND_COUNT] = {
        [VINN_REF_KID10] = "kid10", [VINN_REF_KID11] = "kid11",     [VINN_REF_KID] = "kid",
        [VINN_REF_OCR] = "ocr",     [VINN_REF_OCR_LEN] = "ocr-len", [VINN_REF_FI] = "fi",
        [VINN_REF_RF] = "rf",
    };
    for (int k = 0; k < VINN_REF_KIND_COUNT; k++) {
        enum vinn_ref_kind kind = VINN_REF_RF;
        assert_int_equal(vinn_ref_kind_parse(names[k], &kind, NULL), VINN_OK);
        assert_int_equal(kind, k);
        assert_string_equal(vinn_ref_kind_name(kind), names[k]);
    }
    static const char *const unknown[] = {"KID", "mod10", "", "ocr_len", "rf "};
    for (size_t i = 0; i < COUNT(unknown); i++) {
        enum vinn_ref_kind kind = VINN_REF_FI;
        assert_int_equal(vinn_ref_kind_parse(unknown[i], &kind, NULL), VINN_E_REF_KIND_UNKNOWN);
        assert_int_equal(kind, VINN_REF_FI);
    }
    enum vinn_ref_kind kind = VINN_REF_FI;
    assert_int_equal(vinn_ref_kind_parse(NULL, &kind, NULL), VINN_E_REF_KIND_UNKNOWN);
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_ref_kind_parse("mod10", &kind, &e), VINN_E_REF_KIND_UNKNOWN);
    assert_string_equal(e.field, "kind");
    assert_string_equal(e.message, "reference kind 'mod10' is unknown: use kid10, kid11, kid, "
                                   "ocr, ocr-len, fi or rf");
}

/* Invariant: whatever make returns, check of the same kind accepts, over
 * seeded pseudo-random bases of every allowed length. */
static void test_make_then_check(void **state)
{
    (void)state;
    static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    uint32_t seed = 20260101u;
    for (int round = 0; round < 2000; round++) {
        for (int k = 0; k < VINN_REF_KIND_COUNT; k++) {
            seed = seed * 1664525u + 1013904223u;
            size_t length = 3 + (seed >> 8) % 17; /* 3..19 fits every kind */
            char base[24];
            for (size_t i = 0; i < length; i++) {
                seed = seed * 1664525u + 1013904223u;
                base[i] = alphabet[(seed >> 8) % (k == VINN_REF_RF ? 36 : 10)];
            }
            base[length] = '\0';
            char made[VINN_REF_TEXT_MAX];
            assert_int_equal(vinn_ref_make((enum vinn_ref_kind)k, base, made, sizeof(made), NULL),
                             VINN_OK);
            check_gives((enum vinn_ref_kind)k, made, VINN_OK);
            char human[VINN_REF_TEXT_MAX];
            assert_int_equal(
                vinn_ref_format_human((enum vinn_ref_kind)k, made, human, sizeof(human)), VINN_OK);
            check_gives((enum vinn_ref_kind)k, human, VINN_OK);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kid_table),
        cmocka_unit_test(test_kid_invalid),
        cmocka_unit_test(test_kid_nets_sample),
        cmocka_unit_test(test_kid_lengths),
        cmocka_unit_test(test_ocr),
        cmocka_unit_test(test_ocr_lengths),
        cmocka_unit_test(test_fi_make),
        cmocka_unit_test(test_fi_check),
        cmocka_unit_test(test_fi_human),
        cmocka_unit_test(test_rf),
        cmocka_unit_test(test_rf_invalid),
        cmocka_unit_test(test_unchanged_on_failure),
        cmocka_unit_test(test_human_kid_ocr),
        cmocka_unit_test(test_detect),
        cmocka_unit_test(test_kind_names),
        cmocka_unit_test(test_make_then_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
