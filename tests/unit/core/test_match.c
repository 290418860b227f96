/* Tests of core/match: references found in free text (vectors of DOMAIN.md
 * §1.1-1.4), name likeness, subset sums and the confidence table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/match.h"

#define COUNT(a)  (sizeof(a) / sizeof((a)[0]))
#define BIT(kind) (1u << (kind))

enum {
    KID = BIT(VINN_REF_KID),
    KID10 = BIT(VINN_REF_KID10),
    KID11 = BIT(VINN_REF_KID11),
    FI = BIT(VINN_REF_FI),
    RF = BIT(VINN_REF_RF),
    OCR = BIT(VINN_REF_OCR),
    OCR_LEN = BIT(VINN_REF_OCR_LEN),
    ALL = (1u << VINN_REF_KIND_COUNT) - 1,
};

static void test_method_names(void **state)
{
    (void)state;
    assert_string_equal(vinn_match_method_name(VINN_MATCH_NONE), "none");
    assert_string_equal(vinn_match_method_name(VINN_MATCH_REFERENCE), "reference");
    assert_string_equal(vinn_match_method_name(VINN_MATCH_TEXT_REFERENCE), "text_reference");
    assert_string_equal(vinn_match_method_name(VINN_MATCH_AMOUNT_NAME), "amount_name");
    assert_string_equal(vinn_match_method_name(VINN_MATCH_SUBSET), "subset");
    assert_string_equal(vinn_match_method_name(VINN_MATCH_MANUAL), "manual");
}

/* ---- references in text ------------------------------------------------- */

struct refs_case {
    const char *text;
    unsigned kinds;
    const char *want[VINN_MATCH_TEXT_REFS_MAX + 1]; /* NULL-terminated */
};

/* Run text_refs and compare with want; the slots past the count stay as they were. */
static void refs_give(const char *text, unsigned kinds, uint32_t max, const char *const *want)
{
    char out[VINN_MATCH_TEXT_REFS_MAX][VINN_REF_TEXT_MAX];
    memset(out, '#', sizeof(out));
    uint32_t count = vinn_match_text_refs(text, kinds, out, max);
    uint32_t want_count = 0;
    while (want[want_count] != NULL) {
        want_count++;
    }
    if (count != want_count) {
        print_error("text '%.60s' kinds %#x: %u found, %u wanted\n", text ? text : "(null)", kinds,
                    count, want_count);
        for (uint32_t i = 0; i < count; i++) {
            print_error("  found '%s'\n", out[i]);
        }
    }
    assert_int_equal(count, want_count);
    for (uint32_t i = 0; i < count; i++) {
        assert_string_equal(out[i], want[i]);
    }
    for (uint32_t i = count; i < VINN_MATCH_TEXT_REFS_MAX; i++) {
        assert_int_equal(out[i][0], '#');
    }
}

static void run_refs(const struct refs_case *cases, size_t n)
{
    for (size_t c = 0; c < n; c++) {
        refs_give(cases[c].text, cases[c].kinds, VINN_MATCH_TEXT_REFS_MAX, cases[c].want);
    }
}

/* KID MOD10 and MOD11 (DOMAIN.md §1.1) in sentences. */
static void test_refs_kid(void **state)
{
    (void)state;
    static const struct refs_case cases[] = {
        {"Betaling KID 123456782 takk", KID, {"123456782"}},
        {"KID:123456785.", KID, {"123456785"}},
        {"KID:123456785.", KID10, {NULL}},
        {"KID:123456785.", KID11, {"123456785"}},
        {"kid 12345678903 faktura 7", KID11, {"12345678903"}},
        {"2345676", KID, {"2345676"}},
        {"12344 og 12343", KID10, {"12344"}},
        {"12344 og 12343", KID, {"12344", "12343"}},
        /* MOD11 remainder 1: the '-' is the check character. */
        {"kid 100008- mottatt", KID11, {"100008-"}},
        {"kid 100008- mottatt", KID, {"100008-"}},
        /* Under MOD10 only, the '-' is punctuation: 100008 is Luhn-valid. */
        {"kid 100008- mottatt", KID10, {"100008"}},
        {"KID 100008-.", KID11, {"100008-"}},
        /* A '-' before a digit is a dash ("2024-01-15"), not a check character. */
        {"Betalt 2024-01-15 ref 123456782", KID, {"123456782"}},
        {"100008-1", KID11, {NULL}},
        /* Nets sample file KIDs (§1.1), MOD10 and MOD11 side by side. */
        {"0036633 02321291038303", KID, {"0036633", "02321291038303"}},
        /* Swedish OCR (§1.2), with and without the length digit. */
        {"OCR 20240016", OCR, {"20240016"}},
        {"OCR 202400198", OCR_LEN, {"202400198"}},
        {"OCR 20240016", OCR_LEN, {NULL}},
        /* No kinds, nothing found. */
        {"KID 123456782", 0, {NULL}},
    };
    run_refs(cases, COUNT(cases));
}

/* Finnish references as printed, in groups of five from the right (§1.3). */
static void test_refs_finnish(void **state)
{
    (void)state;
    static const struct refs_case cases[] = {
        {"Viitenumero 12 34561, eräpäivä 1.5.", FI, {"1234561"}},
        {"viite 1 23453", FI, {"123453"}},
        {"Viite: 1 23456 78907.", FI, {"12345678907"}},
        {"viite 1234 56780", FI, {"123456780"}},
        {"viite 123 45672", FI, {"12345672"}},
        {"ref 234096783", FI, {"234096783"}},
        {"viite 00000000000001234561", FI, {"00000000000001234561"}},
        /* Wrong check digit: nothing, and the groups alone are too short or wrong. */
        {"viite 12 34562", FI, {NULL}},
        {"viite 1071110", FI, {NULL}},
    };
    run_refs(cases, COUNT(cases));
}

/* ISO 11649 RF references (§1.4): grouped, unspaced, lower case. */
static void test_refs_rf(void **state)
{
    (void)state;
    static const struct refs_case cases[] = {
        {"RF18 5390 0754 7034", RF, {"RF18539007547034"}},
        {"Ref RF18 5390 0754 7034 for May", RF, {"RF18539007547034"}},
        {"ref: rf18539007547034", RF, {"RF18539007547034"}},
        {"rf18 5390 0754 7034.", RF, {"RF18539007547034"}},
        {"(RF185390075470Y)", RF, {"RF185390075470Y"}},
        {"RF35123ABCZ, RF97C2H5OH", RF, {"RF35123ABCZ", "RF97C2H5OH"}},
        {"RF9811112 RF1140905 RF09868516259619897",
         RF,
         {"RF9811112", "RF1140905", "RF09868516259619897"}},
        {"RF35 123A BCZ", RF, {"RF35123ABCZ"}},
        /* Invalid check digits. */
        {"RF17 5390 0754 7034", RF, {NULL}},
        {"RF40C2H5OH", RF, {NULL}},
        /* The groups of a valid RF are taken with it, not found again as digits. */
        {"RF18 5390 0754 7034", RF | KID, {"RF18539007547034"}},
        /* When the RF fails, its digit groups are candidates of their own
         * (539007547034 happens to pass Luhn). */
        {"RF17 5390 0754 7034", RF | KID, {"539007547034"}},
        /* Not an RF token: inside a word, or "RF" apart from its digits. */
        {"XRF18539007547034", RF, {NULL}},
        {"RF 18 5390 0754 7034", RF, {NULL}},
        {"RF18539007547034x", RF, {NULL}},
        /* Without RF among the kinds, an RF is not looked for. */
        {"RF18539007547034", KID | FI, {NULL}},
    };
    run_refs(cases, COUNT(cases));
}

static void test_refs_boundaries(void **state)
{
    (void)state;
    static const struct refs_case cases[] = {
        /* Next to punctuation: found. */
        {"(123456782)", KID, {"123456782"}},
        {"\"123456782\"", KID, {"123456782"}},
        {"KID=123456782;", KID, {"123456782"}},
        {"#123456782!", KID, {"123456782"}},
        {"nr.123456782,", KID, {"123456782"}},
        {"KID\xC2\xA0"
         "123456782",
         KID,
         {"123456782"}}, /* no-break space */
        {"\xC2\xAB"
         "123456782\xC2\xBB",
         KID,
         {"123456782"}}, /* « » */
        {"KID\xE2\x80\x93"
         "123456782",
         KID,
         {"123456782"}}, /* en dash */
        {"\xE2\x80\x9C"
         "123456782\xE2\x80\x9D",
         KID,
         {"123456782"}}, /* “ ” */
        {"123456782\n2345676\t", KID, {"123456782", "2345676"}},
        /* Inside words: not candidates. */
        {"INV2024x", ALL, {NULL}},
        {"INV123456782", KID, {NULL}},
        {"123456782x", KID, {NULL}},
        {"x123456782", KID, {NULL}},
        {"Søreide123456782", KID, {NULL}},
        {"\xC3\xB8"
         "123456782",
         KID,
         {NULL}}, /* ø */
        {"123456782\xC3\xB8", KID, {NULL}},
        /* Invalid check digits. */
        {"KID 123456781", KID, {NULL}},
        {"KID 12345678 3", KID, {NULL}},
        /* Shorter than 4 characters: ignored even when valid. */
        {"KID 00 og 40- og 372 og 37-", KID, {NULL}},
        /* Groups: the whole run fails, so each group is tried alone. */
        {"Faktura 2024 123456782", KID, {"123456782"}},
        /* Two spaces end a run. */
        {"12  34561", FI, {NULL}},
        /* 25 digits is the longest reference; 26 is too long as a whole,
         * but its two groups are tried alone. */
        {"0000000000000000000000000", KID, {"0000000000000000000000000"}},
        {"00000000000000000000000000", KID, {NULL}},
        {"0000000000000 0000000000000", KID, {"0000000000000"}},
        {"", ALL, {NULL}},
        {"   ", ALL, {NULL}},
        {NULL, ALL, {NULL}},
    };
    run_refs(cases, COUNT(cases));
}

static void test_refs_duplicates_and_order(void **state)
{
    (void)state;
    static const struct refs_case cases[] = {
        {"KID 123456782, igjen 123456782 og 123 456 782", KID, {"123456782"}},
        {"2345676 then 123456782 then 2345676", KID, {"2345676", "123456782"}},
        {"rf18539007547034 RF18 5390 0754 7034", RF, {"RF18539007547034"}},
    };
    run_refs(cases, COUNT(cases));
}

/* Ten distinct valid MOD10 KIDs: the cap keeps the first max. */
static void test_refs_max(void **state)
{
    (void)state;
    static const char text[] = "1000009, 1001379; 1002740 / 1004118 - 1005487 (1006857) "
                               "1008226. 1009596, 1010966, 1012335";
    static const char *const all[] = {"1000009", "1001379", "1002740", "1004118", "1005487",
                                      "1006857", "1008226", "1009596", NULL};
    refs_give(text, KID, VINN_MATCH_TEXT_REFS_MAX, all);
    static const char *const three[] = {"1000009", "1001379", "1002740", NULL};
    refs_give(text, KID, 3, three);
    static const char *const one[] = {"1000009", NULL};
    refs_give(text, KID, 1, one);
    static const char *const none[] = {NULL};
    refs_give(text, KID, 0, none);
    assert_int_equal(vinn_match_text_refs(text, KID, NULL, 0), 0);
}

/* Long junk: linear work, nothing found by chance, and a reference at the
 * very end still found. */
static void test_refs_long_junk(void **state)
{
    (void)state;
    enum { JUNK = 1 << 20 };
    char *text = malloc(JUNK + 64);
    assert_non_null(text);
    static const char pattern[] = "abc 12 x1234 5678y 1 1 \xff\xfe 9-9 RF1 rf 12\xC3\xB8 ";
    size_t n = 0;
    while (n + sizeof(pattern) < JUNK) {
        memcpy(text + n, pattern, sizeof(pattern) - 1);
        n += sizeof(pattern) - 1;
    }
    text[n] = '\0';
    static const char *const none[] = {NULL};
    refs_give(text, ALL, VINN_MATCH_TEXT_REFS_MAX, none);
    memcpy(text + n, " KID 123456782", 15);
    static const char *const one[] = {"123456782", NULL};
    refs_give(text, KID, VINN_MATCH_TEXT_REFS_MAX, one);

    /* One digit run of a million digits, then one of single-digit groups. */
    memset(text, '7', JUNK);
    text[JUNK] = '\0';
    refs_give(text, ALL, VINN_MATCH_TEXT_REFS_MAX, none);
    for (size_t i = 1; i < JUNK; i += 2) {
        text[i] = ' ';
    }
    refs_give(text, ALL, VINN_MATCH_TEXT_REFS_MAX, none);
    free(text);
}

/* ---- names ------------------------------------------------------------ */

static void test_name_score(void **state)
{
    (void)state;
    static const struct {
        const char *a;
        const char *b;
        int score;
    } cases[] = {
        /* Exact, case, Nordic letters, word order, punctuation. */
        {"Ola Nordmann", "Ola Nordmann", 100},
        {"OLA NORDMANN", "ola nordmann", 100},
        {"ÅSE SØREIDE", "Ase Soreide", 100},
        {"ÅSE SØREIDE", "Åse Søreide", 100},
        {"Søreide, Åse", "Åse Søreide", 100},
        {"  Åse   Søreide  ", "Søreide Åse", 100},
        {"Bjørn Ærø", "BJORN AERO", 100},
        {"Jürgen Müller-Groß", "Jurgen Muller Gross", 100},
        {"François Ñúñez", "Francois Nunez", 100},
        {"Þórður Guðmundsson", "Thordur Gudmundsson", 100},
        {"Łukasz Žemaitis Šimkus Čapek", "Lukasz Zemaitis Simkus Capek", 100},
        {"Seán O'Brien", "Sean OBrien", 100},
        {"Hansen & Hansen", "HANSEN HANSEN", 100},
        /* Company forms are dropped. */
        {"Fjordkraft AS", "FJORDKRAFT", 100},
        {"Bergen Bygg A/S", "Bergen Bygg", 100},
        {"Equinor ASA", "EQUINOR", 100},
        {"Volvo AB (publ)", "VOLVO", 100},
        {"Nokia Oyj", "Nokia", 100},
        {"Acme Ltd.", "ACME GmbH", 100},
        {"Lego ApS", "LEGO", 100},
        {"Hansen Transport DA", "Hansen Transport ANS", 100},
        /* Initials count as matches. */
        {"Å. Søreide", "Åse Søreide", 100},
        {"O. J. Hansen", "Ole Johan Hansen", 100},
        {"Ole Johan Hansen", "O J Hansen", 100},
        /* One wrong initial: words 50, letter pairs 75. */
        {"K. Søreide", "Åse Søreide", 75},
        /* Typos: letter pairs. A transposition costs three of six pairs. */
        {"Søreide", "Soriede", 50},
        {"Åse Søreide", "Ase Soriede", 66},
        {"Ola Nordmann", "Ola Nordman", 94},
        {"Jan Hansen", "Jon Hansen", 75},
        {"Kari Andersen", "Kari Anderson", 81},
        {"Per Hansen", "Paal Hansen", 58},
        /* Unrelated names are low. */
        {"Ola Nordmann", "Kari Hansen", 10},
        /* Empty after normalising. */
        {"", "Ola", 0},
        {"Ola", "", 0},
        {"", "", 0},
        {"!!! ...", "Ola", 0},
        {"AS", "AS", 0},
        {NULL, "Ola", 0},
        {NULL, NULL, 0},
    };
    for (size_t c = 0; c < COUNT(cases); c++) {
        int score = vinn_match_name_score(cases[c].a, cases[c].b);
        int reverse = vinn_match_name_score(cases[c].b, cases[c].a);
        if (score != cases[c].score || reverse != cases[c].score) {
            print_error("'%s' vs '%s': %d and %d, want %d\n", cases[c].a ? cases[c].a : "(null)",
                        cases[c].b ? cases[c].b : "(null)", score, reverse, cases[c].score);
        }
        assert_int_equal(score, cases[c].score);
        assert_int_equal(reverse, cases[c].score);
    }
    /* "high but below 100" for a typo, "low" for strangers. */
    assert_true(vinn_match_name_score("Åse Søreide", "Ase Soriede") >= 60);
    assert_true(vinn_match_name_score("Åse Søreide", "Ase Soriede") < 100);
    assert_true(vinn_match_name_score("Fjordkraft AS", "Lyse Energi AS") < 40);
    assert_true(vinn_match_name_score("Ola Nordmann", "Kari Hansen") < 40);
}

/* Names longer than 140 bytes are cut, also inside a UTF-8 character. */
static void test_name_long(void **state)
{
    (void)state;
    char a[400];
    char b[400];
    memset(a, 'a', 300);
    a[300] = '\0';
    memset(b, 'a', 140);
    b[140] = '\0';
    assert_int_equal(vinn_match_name_score(a, b), 100);
    /* 139 letters and an 'ø' cut after its first byte. */
    memset(a, 'a', 139);
    memcpy(a + 139, "\xC3\xB8zzzz", 7);
    memset(b, 'a', 139);
    b[139] = '\0';
    assert_int_equal(vinn_match_name_score(a, b), 100);
    /* 200 'ø' (400 bytes) read as 70 'o'. */
    for (int i = 0; i < 199; i++) {
        memcpy(a + 2 * i, "\xC3\xB8", 2);
    }
    a[398] = '\0';
    memset(b, 'o', 70);
    b[70] = '\0';
    assert_int_equal(vinn_match_name_score(a, b), 100);
    /* Seventy one-letter words, the most a name holds. */
    for (int i = 0; i < 70; i++) {
        a[2 * i] = (char)('a' + i % 26);
        a[2 * i + 1] = ' ';
    }
    a[140] = '\0';
    assert_int_equal(vinn_match_name_score(a, a), 100);
    /* Malformed UTF-8 separates words and never reads past the end. */
    assert_int_equal(vinn_match_name_score("Ola\xff\xfeNordmann", "Ola Nordmann"), 100);
    assert_int_equal(vinn_match_name_score("Ola\xe2\x82", "Ola"), 100);
    assert_int_equal(vinn_match_name_score("\xc0\xaf\xed\xa0\x80", "x"), 0);
}

/* ---- subsets ------------------------------------------------------------ */

struct subset_case {
    int64_t target;
    int64_t amounts[VINN_MATCH_SUBSET_CANDIDATES_MAX];
    uint32_t n;
    uint32_t max_items;
    bool found;
    uint32_t picked[VINN_MATCH_SUBSET_ITEMS_MAX];
    uint32_t picked_count;
    bool ambiguous;
};

static void run_subset(const struct subset_case *c)
{
    uint32_t picked[VINN_MATCH_SUBSET_ITEMS_MAX] = {99, 99, 99, 99, 99};
    uint32_t picked_count = 99;
    bool ambiguous = true;
    if (!c->found) {
        ambiguous = false;
    }
    bool found = vinn_match_subset(c->target, c->amounts, c->n, c->max_items, picked, &picked_count,
                                   &ambiguous);
    assert_int_equal(found, c->found);
    if (!c->found) {
        /* Outputs unchanged. */
        assert_int_equal(picked_count, 99);
        assert_int_equal(picked[0], 99);
        assert_false(ambiguous);
        return;
    }
    assert_int_equal(picked_count, c->picked_count);
    assert_memory_equal(picked, c->picked, sizeof(picked[0]) * c->picked_count);
    assert_int_equal(ambiguous, c->ambiguous);
}

static void test_name_key(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        const char *key;
    } cases[] = {
        {"Åse Søreide", "ase soreide"},
        {"Søreide, Åse", "ase soreide"},
        {"ÅSE  SØREIDE", "ase soreide"},
        {"Fjordkraft Bygg AS", "bygg fjordkraft"},
        {"FJORDKRAFT BYGG", "bygg fjordkraft"},
        {"Björk & Åberg AB (publ)", "aberg bjork"},
        {"Nørgaard ApS", "norgaard"},
        {"Virtanen Oy", "virtanen"},
        {"O'Brien Ltd", "obrien"},
        {"", ""},
        {"  ,.;  ", ""},
        {NULL, ""},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char key[VINN_NAME_KEY_MAX];
        vinn_match_name_key(cases[i].name, key, sizeof(key));
        assert_string_equal(key, cases[i].key);
    }
    /* Cut at a word when the buffer is small. */
    char small[12];
    vinn_match_name_key("Ola Nordmann Hansen", small, sizeof(small));
    assert_string_equal(small, "hansen");
}

static void test_subset(void **state)
{
    (void)state;
    static const struct subset_case cases[] = {
        /* One item. */
        {500, {100, 500, 300}, 3, 5, true, {1}, 1, false},
        /* Pairs: (0,3) and (1,2) both make 800; the lowest indexes win. */
        {800, {100, 500, 300, 700}, 4, 5, true, {0, 3}, 2, true},
        {850, {100, 200, 650}, 3, 5, true, {1, 2}, 2, false},
        /* Five items. */
        {31, {1, 2, 4, 8, 16, 32}, 6, 5, true, {0, 1, 2, 3, 4}, 5, false},
        {62, {32, 2, 4, 8, 16, 1}, 6, 5, true, {0, 1, 2, 3, 4}, 5, false},
        /* Six would be needed: none within five, nor within max_items. */
        {63, {1, 2, 4, 8, 16, 32}, 6, 5, false, {0}, 0, false},
        {7, {1, 2, 4, 8}, 4, 2, false, {0}, 0, false},
        {6, {1, 2, 4, 8}, 4, 2, true, {1, 2}, 2, false},
        /* No set. */
        {50, {100, 200}, 2, 5, false, {0}, 0, false},
        {1, {0}, 0, 5, false, {0}, 0, false},
        /* Fewest items first: 300 alone beats 100 + 200. */
        {300, {100, 200, 300}, 3, 5, true, {2}, 1, false},
        /* Lowest indexes first, and the tie is reported. */
        {5, {5, 5, 5}, 3, 5, true, {0}, 1, true},
        {10, {1, 9, 2, 8, 5, 5}, 6, 5, true, {0, 1}, 2, true},
        /* max_items above n. */
        {7, {7}, 1, 5, true, {0}, 1, false},
        /* Overflow: sums past INT64_MAX are no solution. */
        {INT64_MAX, {INT64_MAX, INT64_MAX, 1}, 3, 5, true, {0}, 1, true},
        {INT64_MAX, {INT64_MAX - 1, 1, INT64_MAX - 1}, 3, 5, true, {0, 1}, 2, true},
        {5, {INT64_MAX, INT64_MAX, 2, INT64_MAX, 3}, 5, 5, true, {2, 4}, 2, false},
        {INT64_MAX, {INT64_MAX / 2, INT64_MAX / 2, 2, INT64_MAX / 2}, 4, 5, false, {0}, 0, false},
        {INT64_MAX,
         {INT64_MAX / 2, INT64_MAX / 2 + 1, INT64_MAX / 2 + 1},
         3,
         5,
         true,
         {0, 1},
         2,
         true},
        /* Out of bounds: no set. */
        {5, {5}, 1, 0, false, {0}, 0, false},
        {5, {5}, 1, VINN_MATCH_SUBSET_ITEMS_MAX + 1, false, {0}, 0, false},
        {5, {5}, VINN_MATCH_SUBSET_CANDIDATES_MAX + 1, 5, false, {0}, 0, false},
        {0, {5}, 1, 5, false, {0}, 0, false},
        {-5, {5}, 1, 5, false, {0}, 0, false},
        {INT64_MIN, {5}, 1, 5, false, {0}, 0, false},
        {5, {5, 0}, 2, 5, false, {0}, 0, false},
        {5, {5, -1}, 2, 5, false, {0}, 0, false},
        {5, {5, INT64_MIN}, 2, 5, false, {0}, 0, false},
    };
    for (size_t c = 0; c < COUNT(cases); c++) {
        run_subset(&cases[c]);
    }
    uint32_t picked[VINN_MATCH_SUBSET_ITEMS_MAX];
    uint32_t picked_count = 7;
    bool ambiguous = false;
    assert_false(vinn_match_subset(5, NULL, 1, 5, picked, &picked_count, &ambiguous));
    assert_int_equal(picked_count, 7);
}

/* n = 24: every set of up to five visited, the answer the last of them. */
static void test_subset_worst_case(void **state)
{
    (void)state;
    struct subset_case c = {.n = VINN_MATCH_SUBSET_CANDIDATES_MAX, .max_items = 5};
    for (uint32_t i = 0; i < c.n; i++) {
        c.amounts[i] = (int64_t)1 << i;
    }
    /* The lexicographically last five-set, and the only one (powers of two). */
    c.target = ((int64_t)1 << 19) + (1 << 20) + (1 << 21) + (1 << 22) + (1 << 23);
    c.found = true;
    c.picked_count = 5;
    c.ambiguous = false;
    for (uint32_t k = 0; k < 5; k++) {
        c.picked[k] = 19 + k;
    }
    run_subset(&c);
    /* No set at all: every sum is below the target, nothing is cut. */
    c.target = (int64_t)1 << 40;
    c.found = false;
    run_subset(&c);
    /* All equal: C(24,5) sets make the target, the first wins. */
    for (uint32_t i = 0; i < c.n; i++) {
        c.amounts[i] = 1000;
    }
    c.target = 5000;
    c.found = true;
    c.ambiguous = true;
    for (uint32_t k = 0; k < 5; k++) {
        c.picked[k] = k;
    }
    run_subset(&c);
}

/* ---- confidence --------------------------------------------------------- */

static void test_confidence(void **state)
{
    (void)state;
    static const struct {
        enum vinn_match_method method;
        int name_score;
        bool ambiguous;
        int confidence;
    } cases[] = {
        {VINN_MATCH_NONE, 100, false, 0},        {VINN_MATCH_REFERENCE, 0, false, 100},
        {VINN_MATCH_REFERENCE, 0, true, 100},    {VINN_MATCH_TEXT_REFERENCE, 0, false, 90},
        {VINN_MATCH_MANUAL, 0, true, 100},       {VINN_MATCH_AMOUNT_NAME, 100, false, 90},
        {VINN_MATCH_AMOUNT_NAME, 90, false, 90}, {VINN_MATCH_AMOUNT_NAME, 89, false, 80},
        {VINN_MATCH_AMOUNT_NAME, 75, false, 80}, {VINN_MATCH_AMOUNT_NAME, 74, false, 65},
        {VINN_MATCH_AMOUNT_NAME, 60, false, 65}, {VINN_MATCH_AMOUNT_NAME, 59, false, 0},
        {VINN_MATCH_AMOUNT_NAME, 0, false, 0},   {VINN_MATCH_SUBSET, 100, false, 85},
        {VINN_MATCH_SUBSET, 75, false, 85},      {VINN_MATCH_SUBSET, 74, false, 60},
        {VINN_MATCH_SUBSET, 60, false, 60},      {VINN_MATCH_SUBSET, 59, false, 0},
        {VINN_MATCH_SUBSET, 0, false, 0},        {VINN_MATCH_SUBSET, 100, true, 60},
        {VINN_MATCH_SUBSET, 75, true, 60},       {VINN_MATCH_SUBSET, 60, true, 60},
        {VINN_MATCH_SUBSET, 59, true, 0},        {VINN_MATCH_SUBSET, 0, true, 0},
    };
    for (size_t c = 0; c < COUNT(cases); c++) {
        assert_int_equal(
            vinn_match_confidence(cases[c].method, cases[c].name_score, cases[c].ambiguous),
            cases[c].confidence);
    }
    /* The default threshold applies the strong matches and holds the weak. */
    assert_true(vinn_match_confidence(VINN_MATCH_AMOUNT_NAME, 80, false) >=
                VINN_MATCH_CONFIDENCE_THRESHOLD);
    assert_true(vinn_match_confidence(VINN_MATCH_AMOUNT_NAME, 65, false) <
                VINN_MATCH_CONFIDENCE_THRESHOLD);
    assert_true(vinn_match_confidence(VINN_MATCH_SUBSET, 100, true) <
                VINN_MATCH_CONFIDENCE_THRESHOLD);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_method_names),    cmocka_unit_test(test_refs_kid),
        cmocka_unit_test(test_refs_finnish),    cmocka_unit_test(test_refs_rf),
        cmocka_unit_test(test_refs_boundaries), cmocka_unit_test(test_refs_duplicates_and_order),
        cmocka_unit_test(test_refs_max),        cmocka_unit_test(test_refs_long_junk),
        cmocka_unit_test(test_name_score),      cmocka_unit_test(test_name_long),
        cmocka_unit_test(test_name_key),
        cmocka_unit_test(test_subset),          cmocka_unit_test(test_subset_worst_case),
        cmocka_unit_test(test_confidence),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
