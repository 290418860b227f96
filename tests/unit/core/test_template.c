/* Tests of core/template: the renderer (every error with its field, first
 * error wins, out[0] on failure, one pass, braces, exact fit, HTML escaping)
 * and every built-in text in every kind, language and tone, rendered with
 * realistic values: placeholders filled, UTF-8, the facts each kind must
 * state, SMS length and alphabet, and the collection rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include "base/text.h"
#include "core/template.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

enum { OUT_MAX = 4096, TONES = 3 };

/* Realistic values, each distinct so that each can be found in the output:
 * the amounts with ordinary spaces (VINN_FMT_PLAIN_SPACE), a 25-digit
 * reference, an 11-digit account. */
static const struct vinn_template_value values[] = {
    {"customer_name", "Kari Nordmann"},
    {"tenant_name", "Nordlys Elektro AS"},
    {"invoice_number", "INV-2026-000123"},
    {"amount", "12 345,67 NOK"},
    {"due_date", "15.03.2026"},
    {"deadline", "29.03.2026"},
    {"reference", "1234567890123456789012345"},
    {"account", "12345678903"},
    {"fees", "135,00 NOK"},
    {"interest", "87,12 NOK"},
    {"total", "12 567,79 NOK"},
    {"link", "https://pay.vinn.no/c/8f3a9b2c"},
};

static const char *value_of(const char *name)
{
    for (size_t i = 0; i < COUNT_OF(values); i++) {
        if (strcmp(values[i].name, name) == 0) {
            return values[i].value;
        }
    }
    fail_msg("no test value '%s'", name);
    return NULL;
}

/* The header's table: which values the body and the SMS of each kind carry. */
#define INVOICE_NAMES                                                                              \
    "customer_name", "tenant_name", "invoice_number", "amount", "due_date", "reference", "account"
#define REMINDER_NAMES INVOICE_NAMES, "deadline", "fees", "interest", "total"
static const struct {
    const char *kind;
    const char *body[12];
    const char *sms[8];
    bool dunning; /* reminder or notice */
} kinds[] = {
    {"invoice",
     {INVOICE_NAMES},
     {"tenant_name", "invoice_number", "amount", "due_date", "account", "reference"},
     false},
    {"pre-due",
     {INVOICE_NAMES},
     {"tenant_name", "invoice_number", "amount", "due_date", "account", "reference"},
     false},
    {"reminder",
     {REMINDER_NAMES},
     {"tenant_name", "invoice_number", "total", "deadline", "reference"},
     true},
    {"notice",
     {REMINDER_NAMES},
     {"tenant_name", "invoice_number", "total", "deadline", "reference"},
     true},
    {"receipt",
     {"customer_name", "tenant_name", "invoice_number", "amount"},
     {"tenant_name", "invoice_number", "amount"},
     false},
    {"payment-plan",
     {"customer_name", "tenant_name", "invoice_number", "amount", "link"},
     {"tenant_name", "invoice_number", "amount", "link"},
     false},
    {"checkout-link",
     {"customer_name", "tenant_name", "amount", "link"},
     {"tenant_name", "amount", "link"},
     false},
};

static const enum vinn_lang langs[] = {VINN_LANG_EN, VINN_LANG_NB, VINN_LANG_SV, VINN_LANG_FI,
                                       VINN_LANG_DA};

/* How each language names collection, and how a notice names itself. */
static const char *const collection_word[] = {
    [VINN_LANG_EN] = "collection", [VINN_LANG_NB] = "inkasso", [VINN_LANG_SV] = "inkasso",
    [VINN_LANG_FI] = "perintä",    [VINN_LANG_DA] = "inkasso",
};
static const char *const notice_name[] = {
    [VINN_LANG_EN] = "debt collection notice",
    [VINN_LANG_NB] = "inkassovarsel",
    [VINN_LANG_SV] = "inkassokrav",
    [VINN_LANG_FI] = "maksuvaatimus",
    [VINN_LANG_DA] = "rykker med inkassovarsel",
};
static const char *const collection_words[] = {
    "inkasso",    "collection",    "perintä",       "perintään",
    "indrivelse", "maksuvaatimus", "inkassovarsel", "inkassokrav",
};

static void render_ok(const char *text, char *out)
{
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_template_render(text, values, COUNT_OF(values), out, OUT_MAX, &e),
                     VINN_OK);
    assert_int_equal(e.code, VINN_OK);
}

/* ASCII lower case is enough: the words searched for differ from their
 * capitals only in ASCII letters. */
static bool contains_ci(const char *haystack, const char *needle)
{
    char lower[OUT_MAX];
    size_t n = strlen(haystack);
    assert_true(n < sizeof(lower));
    for (size_t i = 0; i <= n; i++) {
        lower[i] = (char)tolower((unsigned char)haystack[i]);
    }
    return strstr(lower, needle) != NULL;
}

/* Decode one code point of valid UTF-8 at *s and step past it. */
static uint32_t next_code_point(const char **s)
{
    const unsigned char *p = (const unsigned char *)*s;
    uint32_t cp;
    size_t len;
    if (p[0] < 0x80) {
        cp = p[0];
        len = 1;
    } else if (p[0] < 0xE0) {
        cp = p[0] & 0x1Fu;
        len = 2;
    } else if (p[0] < 0xF0) {
        cp = p[0] & 0x0Fu;
        len = 3;
    } else {
        cp = p[0] & 0x07u;
        len = 4;
    }
    for (size_t i = 1; i < len; i++) {
        cp = (cp << 6) | (p[i] & 0x3Fu);
    }
    *s += len;
    return cp;
}

static size_t code_points(const char *s)
{
    size_t count = 0;
    while (*s != '\0') {
        (void)next_code_point(&s);
        count++;
    }
    return count;
}

/* The GSM 03.38 basic character set (no escape, no extension table), in the
 * order of its 128 positions. */
static const char gsm_basic[] = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
                                "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

static bool is_gsm_basic(uint32_t cp)
{
    const char *p = gsm_basic;
    while (*p != '\0') {
        if (next_code_point(&p) == cp) {
            return true;
        }
    }
    return false;
}

static bool is_gsm_basic_text(const char *s)
{
    while (*s != '\0') {
        if (!is_gsm_basic(next_code_point(&s))) {
            return false;
        }
    }
    return true;
}

static void test_gsm_checker(void **state)
{
    (void)state;
    assert_int_equal(code_points(gsm_basic), 127); /* 128 less the escape */
    assert_true(is_gsm_basic_text("Hei! Æøå äö é ü @ £ $ § _ 12 345,67 NOK"));
    assert_false(is_gsm_basic_text("€"));
    assert_false(is_gsm_basic_text("{"));
    assert_false(is_gsm_basic_text("a–b"));
    assert_false(is_gsm_basic_text("\xE2\x80\x9Cquoted\xE2\x80\x9D"));
    assert_false(is_gsm_basic_text("12\xC2\xA0"
                                   "345"));
    assert_false(is_gsm_basic_text("[x]"));
}

static void check_names(const char *rendered, const char *const *names, size_t names_max,
                        const char *where)
{
    for (size_t i = 0; i < names_max && names[i] != NULL; i++) {
        if (strstr(rendered, value_of(names[i])) == NULL) {
            fail_msg("%s lacks %s:\n%s", where, names[i], rendered);
        }
    }
}

static void check_one(size_t k, enum vinn_lang lang, enum vinn_tone tone)
{
    const struct vinn_template *t = vinn_template_builtin(kinds[k].kind, lang, tone);
    assert_non_null(t);
    char subject[OUT_MAX], body[OUT_MAX], sms[OUT_MAX];
    render_ok(t->subject, subject);
    render_ok(t->body, body);
    render_ok(t->sms, sms);
    const char *texts[] = {subject, body, sms};
    for (size_t i = 0; i < COUNT_OF(texts); i++) {
        assert_null(strstr(texts[i], "{{"));
        assert_true(vinn_utf8_is_valid(texts[i], strlen(texts[i])));
        assert_true(strlen(texts[i]) > 0);
    }
    assert_null(strchr(subject, '\n'));
    assert_null(strchr(sms, '\n'));
    assert_int_equal(body[strlen(body) - 1], '\n');
    check_names(body, kinds[k].body, COUNT_OF(kinds[k].body), body);
    check_names(sms, kinds[k].sms, COUNT_OF(kinds[k].sms), sms);
    if (code_points(sms) > VINN_TEMPLATE_SMS_MAX || !is_gsm_basic_text(sms)) {
        fail_msg("sms %s/%d/%d: %zu characters, or not GSM: %s", kinds[k].kind, (int)lang,
                 (int)tone, code_points(sms), sms);
    }
    bool friendly_dunning = tone == VINN_TONE_FRIENDLY && (strcmp(kinds[k].kind, "pre-due") == 0 ||
                                                           strcmp(kinds[k].kind, "reminder") == 0);
    for (size_t i = 0; friendly_dunning && i < COUNT_OF(texts); i++) {
        for (size_t w = 0; w < COUNT_OF(collection_words); w++) {
            if (contains_ci(texts[i], collection_words[w])) {
                fail_msg("friendly %s says '%s': %s", kinds[k].kind, collection_words[w], texts[i]);
            }
        }
    }
    if (strcmp(kinds[k].kind, "notice") == 0) {
        assert_true(contains_ci(body, notice_name[lang]));
        assert_true(contains_ci(body, collection_word[lang]));
        assert_true(contains_ci(sms, collection_word[lang]));
    }
}

static void test_every_builtin(void **state)
{
    (void)state;
    size_t count = 0;
    for (size_t k = 0; k < COUNT_OF(kinds); k++) {
        for (size_t l = 0; l < COUNT_OF(langs); l++) {
            for (int tone = 0; tone < TONES; tone++) {
                check_one(k, langs[l], (enum vinn_tone)tone);
                count++;
            }
        }
    }
    assert_int_equal(count, 7 * 5 * 3);
}

/* Each tone of a kind and language is its own text, and each language is. */
static void test_builtins_differ(void **state)
{
    (void)state;
    for (size_t k = 0; k < COUNT_OF(kinds); k++) {
        for (size_t l = 0; l < COUNT_OF(langs); l++) {
            const struct vinn_template *f = vinn_template_builtin(kinds[k].kind, langs[l], 0);
            const struct vinn_template *n = vinn_template_builtin(kinds[k].kind, langs[l], 1);
            const struct vinn_template *m = vinn_template_builtin(kinds[k].kind, langs[l], 2);
            assert_string_not_equal(f->body, n->body);
            assert_string_not_equal(n->body, m->body);
            assert_string_not_equal(f->sms, m->sms);
            const struct vinn_template *en =
                vinn_template_builtin(kinds[k].kind, VINN_LANG_EN, VINN_TONE_NEUTRAL);
            assert_true(l == 0 || strcmp(en->body, n->body) != 0);
        }
    }
}

/* Reminders and notices state the fees, the interest and the deadline, and
 * so does their SMS state the total and the deadline (checked above). */
static void test_dunning_facts(void **state)
{
    (void)state;
    for (size_t k = 0; k < COUNT_OF(kinds); k++) {
        for (size_t l = 0; kinds[k].dunning && l < COUNT_OF(langs); l++) {
            for (int tone = 0; tone < TONES; tone++) {
                char body[OUT_MAX];
                render_ok(vinn_template_builtin(kinds[k].kind, langs[l], tone)->body, body);
                assert_non_null(strstr(body, "29.03.2026"));
                assert_non_null(strstr(body, "135,00 NOK"));
                assert_non_null(strstr(body, "87,12 NOK"));
                assert_non_null(strstr(body, "12 567,79 NOK"));
            }
        }
    }
}

static void test_builtin_unknown_kind(void **state)
{
    (void)state;
    assert_null(vinn_template_builtin(NULL, VINN_LANG_NB, VINN_TONE_NEUTRAL));
    assert_null(vinn_template_builtin("", VINN_LANG_NB, VINN_TONE_NEUTRAL));
    assert_null(vinn_template_builtin("Invoice", VINN_LANG_NB, VINN_TONE_NEUTRAL));
    assert_null(vinn_template_builtin("pre_due", VINN_LANG_NB, VINN_TONE_NEUTRAL));
    assert_null(vinn_template_builtin("invoices", VINN_LANG_NB, VINN_TONE_NEUTRAL));
    assert_null(vinn_template_builtin("collection", VINN_LANG_NB, VINN_TONE_NEUTRAL));
    assert_non_null(vinn_template_builtin("checkout-link", VINN_LANG_DA, VINN_TONE_FIRM));
}

/* Render with the test values into cap bytes; the result and error code. */
static vinn_err render_cap(const char *text, size_t cap, char *out, struct vinn_error *e)
{
    vinn_error_clear(e);
    memset(out, 'x', cap);
    return vinn_template_render(text, values, COUNT_OF(values), out, cap, e);
}

/* A text, the error it gives with the test values, and the field named. */
struct error_case {
    const char *text;
    vinn_err code;
    const char *field;
};

static void check_error_cases(const struct error_case *cases, size_t cases_count)
{
    for (size_t i = 0; i < cases_count; i++) {
        char out[OUT_MAX];
        struct vinn_error e;
        assert_int_equal(render_cap(cases[i].text, sizeof(out), out, &e), cases[i].code);
        assert_int_equal(e.code, cases[i].code);
        assert_string_equal(e.field, cases[i].field);
        assert_int_equal(out[0], '\0');
    }
}

static void test_render_errors(void **state)
{
    (void)state;
    static const struct error_case cases[] = {
        {"Hi {{Amount}}", VINN_E_TEMPLATE_PLACEHOLDER_INVALID, "Amount"},
        /* vinn_fail drops the trailing space of a quoted field. */
        {"Hi {{ amount }}", VINN_E_TEMPLATE_PLACEHOLDER_INVALID, " amount"},
        {"Hi {{}}", VINN_E_TEMPLATE_PLACEHOLDER_INVALID, ""},
        {"{{due-date}}", VINN_E_TEMPLATE_PLACEHOLDER_INVALID, "due-date"},
        {"{{amount2}} x", VINN_E_TEMPLATE_PLACEHOLDER_INVALID, "amount2"},
        {"{{{amount}}}", VINN_E_TEMPLATE_PLACEHOLDER_INVALID, "{amount"},
        {"Hi {{amuont}}", VINN_E_TEMPLATE_PLACEHOLDER_UNKNOWN, "amuont"},
        {"{{customer}}", VINN_E_TEMPLATE_PLACEHOLDER_UNKNOWN, "customer"},
        {"{{abcdefghijklmnopqrstuvwxyz_abcdefghij}}", VINN_E_TEMPLATE_PLACEHOLDER_UNKNOWN,
         "abcdefghijklmnopqrstuvwxyz_abcde"}, /* 32 bytes of 38 */
        {"Pay {{amount", VINN_E_TEMPLATE_UNTERMINATED, "amount"},
        {"Pay {{", VINN_E_TEMPLATE_UNTERMINATED, ""},
        {"Pay {{amount} by", VINN_E_TEMPLATE_UNTERMINATED, "amount} by"},
        {"{{amount}} {{due_date", VINN_E_TEMPLATE_UNTERMINATED, "due_date"},
    };
    check_error_cases(cases, COUNT_OF(cases));
}

static void test_render_missing_value(void **state)
{
    (void)state;
    const struct vinn_template_value some[] = {
        {"customer_name", "Kari"},
        {"amount", NULL},
        {"amount", "1,00 NOK"}, /* only the first pair counts */
        {"colour", "blue"},     /* a caller's extra name is ignored */
    };
    char out[64];
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_template_render("{{customer_name}} {{due_date}}", some, COUNT_OF(some),
                                          out, sizeof(out), &e),
                     VINN_E_TEMPLATE_VALUE_MISSING);
    assert_string_equal(e.field, "due_date");
    assert_int_equal(out[0], '\0');
    vinn_error_clear(&e);
    assert_int_equal(vinn_template_render("{{amount}}", some, COUNT_OF(some), out, sizeof(out), &e),
                     VINN_E_TEMPLATE_VALUE_MISSING);
    assert_string_equal(e.field, "amount");
    vinn_error_clear(&e);
    assert_int_equal(vinn_template_render("{{link}}", NULL, 0, out, sizeof(out), &e),
                     VINN_E_TEMPLATE_VALUE_MISSING);
    assert_string_equal(e.field, "link");
    /* No placeholders need no values; the error record may be NULL. */
    assert_int_equal(vinn_template_render("plain", NULL, 0, out, sizeof(out), NULL), VINN_OK);
    assert_string_equal(out, "plain");
    assert_int_equal(
        vinn_template_render("{{colour}}", some, COUNT_OF(some), out, sizeof(out), NULL),
        VINN_E_TEMPLATE_PLACEHOLDER_UNKNOWN);
    assert_int_equal(out[0], '\0');
}

/* The first error in the text wins, whatever kind the later ones are. */
static void test_render_first_error_wins(void **state)
{
    (void)state;
    static const struct error_case cases[] = {
        {"{{amuont}} {{Amount}} {{x", VINN_E_TEMPLATE_PLACEHOLDER_UNKNOWN, "amuont"},
        {"{{Amount}} {{amuont}} {{x", VINN_E_TEMPLATE_PLACEHOLDER_INVALID, "Amount"},
        {"{{amount}} {{nope}} {{Bad}}", VINN_E_TEMPLATE_PLACEHOLDER_UNKNOWN, "nope"},
        {"{{amount}} {{x", VINN_E_TEMPLATE_UNTERMINATED, "x"},
    };
    check_error_cases(cases, COUNT_OF(cases));
    /* A missing value before an unknown name. */
    const struct vinn_template_value one[] = {{"amount", "1"}};
    char out[32];
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(
        vinn_template_render("{{amount}}{{link}}{{nope}}", one, 1, out, sizeof(out), &e),
        VINN_E_TEMPLATE_VALUE_MISSING);
    assert_string_equal(e.field, "link");
    /* An output too small before a later bad placeholder. */
    assert_int_equal(render_cap("{{amount}} {{Bad}}", 5, out, &e), VINN_E_TEMPLATE_OUTPUT_TOO_LONG);
    assert_string_equal(e.field, "amount");
    assert_int_equal(out[0], '\0');
    /* A record that already holds an error keeps it. */
    vinn_error_clear(&e);
    (void)vinn_fail(&e, VINN_E_TEMPLATE_VALUE_MISSING, "earlier", NULL);
    assert_int_equal(
        vinn_template_render("{{nope}}", values, COUNT_OF(values), out, sizeof(out), &e),
        VINN_E_TEMPLATE_PLACEHOLDER_UNKNOWN);
    assert_string_equal(e.field, "earlier");
}

/* One pass: a value that holds "{{" or a placeholder stays text. */
static void test_render_value_is_text(void **state)
{
    (void)state;
    const struct vinn_template_value v[] = {
        {"customer_name", "{{tenant_name}} & {{ {{"},
        {"tenant_name", "Nordlys"},
    };
    char out[64];
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(
        vinn_template_render("Hi {{customer_name}}, {{tenant_name}}", v, 2, out, sizeof(out), &e),
        VINN_OK);
    assert_string_equal(out, "Hi {{tenant_name}} & {{ {{, Nordlys");
}

static void test_render_lone_braces(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        const char *want;
    } cases[] = {
        {"", ""},
        {"{", "{"},
        {"}", "}"},
        {"}}", "}}"},
        {"a { b } c", "a { b } c"},
        {"{x} }} {", "{x} }} {"},
        {"{ {amount}}", "{ {amount}}"},
        {"{{amount}}}", "12 345,67 NOK}"},
        {"}{{amount}}{", "}12 345,67 NOK{"},
        {"{{amount}}{{total}}", "12 345,67 NOK12 567,79 NOK"},
        {"Beløp: {{amount}}.", "Beløp: 12 345,67 NOK."},
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        char out[OUT_MAX];
        struct vinn_error e;
        assert_int_equal(render_cap(cases[i].text, sizeof(out), out, &e), VINN_OK);
        assert_string_equal(out, cases[i].want);
    }
}

/* "Hi 12 345,67 NOK!" is 17 bytes and its NUL the 18th. */
static void test_render_exact_fit(void **state)
{
    (void)state;
    char out[32];
    struct vinn_error e;
    assert_int_equal(render_cap("Hi {{amount}}!", 18, out, &e), VINN_OK);
    assert_string_equal(out, "Hi 12 345,67 NOK!");
    /* One byte short: the template's own "!" does not fit. */
    assert_int_equal(render_cap("Hi {{amount}}!", 17, out, &e), VINN_E_TEMPLATE_OUTPUT_TOO_LONG);
    assert_string_equal(e.field, "template");
    assert_int_equal(out[0], '\0');
    /* Without the "!", the value is the last thing and the one that does not fit. */
    assert_int_equal(render_cap("Hi {{amount}}", 17, out, &e), VINN_OK);
    assert_int_equal(render_cap("Hi {{amount}}", 16, out, &e), VINN_E_TEMPLATE_OUTPUT_TOO_LONG);
    assert_string_equal(e.field, "amount");
    assert_int_equal(out[0], '\0');
    /* The text before the first placeholder does not fit. */
    assert_int_equal(render_cap("Hi {{amount}}", 3, out, &e), VINN_E_TEMPLATE_OUTPUT_TOO_LONG);
    assert_string_equal(e.field, "template");
    /* cap 1 holds only the NUL. */
    assert_int_equal(render_cap("", 1, out, &e), VINN_OK);
    assert_string_equal(out, "");
    assert_int_equal(render_cap("x", 1, out, &e), VINN_E_TEMPLATE_OUTPUT_TOO_LONG);
    assert_int_equal(out[0], '\0');
}

static void test_render_html(void **state)
{
    (void)state;
    const struct vinn_template_value v[] = {{"customer_name", "A&B <x> \"q\" 'y'"}};
    const char *text = "<p title=\"{{customer_name}}\">{{customer_name}} & co</p>";
    const char *want = "<p title=\"A&amp;B &lt;x&gt; &quot;q&quot; &#39;y&#39;\">"
                       "A&amp;B &lt;x&gt; &quot;q&quot; &#39;y&#39; & co</p>";
    char out[256];
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_template_render_html(text, v, 1, out, sizeof(out), &e), VINN_OK);
    assert_string_equal(out, want);
    /* The plain renderer leaves the value as it is. */
    assert_int_equal(vinn_template_render("{{customer_name}}", v, 1, out, sizeof(out), &e),
                     VINN_OK);
    assert_string_equal(out, "A&B <x> \"q\" 'y'");
    /* The escaped length must fit: "&amp;" is 5 bytes, 6 with the NUL. */
    const struct vinn_template_value amp[] = {{"customer_name", "&"}};
    assert_int_equal(vinn_template_render_html("{{customer_name}}", amp, 1, out, 6, &e), VINN_OK);
    assert_string_equal(out, "&amp;");
    vinn_error_clear(&e);
    assert_int_equal(vinn_template_render_html("{{customer_name}}", amp, 1, out, 5, &e),
                     VINN_E_TEMPLATE_OUTPUT_TOO_LONG);
    assert_string_equal(e.field, "customer_name");
    assert_int_equal(out[0], '\0');
    /* The same errors as the plain renderer. */
    vinn_error_clear(&e);
    assert_int_equal(vinn_template_render_html("<b>{{Name}}</b>", v, 1, out, sizeof(out), &e),
                     VINN_E_TEMPLATE_PLACEHOLDER_INVALID);
    assert_string_equal(e.field, "Name");
    assert_int_equal(out[0], '\0');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gsm_checker),          cmocka_unit_test(test_every_builtin),
        cmocka_unit_test(test_builtins_differ),      cmocka_unit_test(test_dunning_facts),
        cmocka_unit_test(test_builtin_unknown_kind), cmocka_unit_test(test_render_errors),
        cmocka_unit_test(test_render_missing_value), cmocka_unit_test(test_render_first_error_wins),
        cmocka_unit_test(test_render_value_is_text), cmocka_unit_test(test_render_lone_braces),
        cmocka_unit_test(test_render_exact_fit),     cmocka_unit_test(test_render_html),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
