/* Tests of the JSON shapes: vinn_json_compact writes what jansson's
 * json_dumps(JSON_COMPACT) writes, byte for byte, and the invoice's shape. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "app/json.h"

/* doc's compact text, by ours and by jansson: the same bytes and length. */
static void same_as_jansson(json_t *doc)
{
    assert_non_null(doc);
    size_t len = 0;
    char *ours = vinn_json_compact(doc, &len);
    char *theirs = json_dumps(doc, JSON_COMPACT);
    assert_non_null(ours);
    assert_non_null(theirs);
    assert_string_equal(ours, theirs);
    assert_int_equal(len, strlen(theirs));
    free(ours);
    free(theirs);
    json_decref(doc);
}

static void test_expected_text(void **state)
{
    (void)state;
    json_t *doc = json_pack("{s:s, s:I, s:f, s:b, s:n, s:[i, s, {}], s:{}}", "number", "A-1",
                            "amount", (json_int_t)-43625, "rate", 25.5, "open", 1, "none",
                            "list", 1, "x", "empty");
    size_t len = 0;
    char *text = vinn_json_compact(doc, &len);
    assert_string_equal(text, "{\"number\":\"A-1\",\"amount\":-43625,\"rate\":25.5,\"open\":true,"
                              "\"none\":null,\"list\":[1,\"x\",{}],\"empty\":{}}");
    assert_int_equal(len, strlen(text));
    free(text);
    json_decref(doc);
}

static void test_strings_escaped_as_jansson(void **state)
{
    (void)state;
    const char *texts[] = {
        "",
        "plain",
        "quote \" backslash \\ slash /",
        "tab\tnewline\ncr\rbs\bff\f",
        "\x01\x02\x1f\x7f",
        "Blåbærsyltetøy Ærlig Åse, Östra Göta, Hyvää päivää",
        "emoji \xf0\x9f\x98\x80 and \xe2\x82\xac",
    };
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        same_as_jansson(json_pack("{s:s}", texts[i], texts[i]));
    }
    /* a NUL inside a string */
    json_t *doc = json_array();
    json_array_append_new(doc, json_stringn("a\0b", 3));
    same_as_jansson(doc);
}

static void test_numbers_as_jansson(void **state)
{
    (void)state;
    const double reals[] = {0.0,  -0.0,   1.0,     1.5,     25.5,    0.1,  1e300,
                            1e-300, -2.5e-7, 123456789012345678.0, 3.0e21, 1e22, 0.000123};
    for (size_t i = 0; i < sizeof(reals) / sizeof(reals[0]); i++) {
        json_t *doc = json_array();
        json_array_append_new(doc, json_real(reals[i]));
        same_as_jansson(doc);
    }
    const json_int_t ints[] = {0, 1, -1, 9, 10, 99999, INT64_MAX, INT64_MIN, -1000000000000};
    for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
        json_t *doc = json_array();
        json_array_append_new(doc, json_integer(ints[i]));
        same_as_jansson(doc);
    }
}

static void test_nested_and_order(void **state)
{
    (void)state;
    /* insertion order is kept, as jansson keeps it */
    json_t *doc = json_object();
    const char *keys[] = {"zeta", "alpha", "mid", "b", "a"};
    for (size_t i = 0; i < 5; i++) {
        json_t *inner = json_array();
        for (size_t k = 0; k <= i; k++) {
            json_array_append_new(inner, json_pack("{s:i, s:[]}", "k", (int)k, "e"));
        }
        json_object_set_new(doc, keys[i], inner);
    }
    same_as_jansson(doc);
    /* a deep one */
    json_t *deep = json_array();
    json_t *at = deep;
    for (int i = 0; i < 200; i++) {
        json_t *next = json_array();
        json_array_append_new(at, next);
        at = next;
    }
    same_as_jansson(deep);
}

static void test_invoice_shape(void **state)
{
    (void)state;
    struct vinn_invoice inv;
    memset(&inv, 0, sizeof(inv));
    snprintf(inv.number, sizeof(inv.number), "B-1");
    snprintf(inv.customer_ext_id, sizeof(inv.customer_ext_id), "C1");
    snprintf(inv.currency, sizeof(inv.currency), "NOK");
    snprintf(inv.reference, sizeof(inv.reference), "000000018");
    inv.kind = VINN_INVOICE_KIND_INVOICE;
    inv.status = VINN_STATUS_OPEN;
    inv.gross_minor = 43625;
    inv.net_minor = 34900;
    inv.vat_minor = 8725;
    inv.outstanding_minor = 43625;
    inv.issue_date = vinn_day_from_civil(2026, 5, 4);
    inv.due_date = vinn_day_from_civil(2026, 5, 18);
    struct vinn_invoice_line lines[2];
    memset(lines, 0, sizeof(lines));
    lines[0] = (struct vinn_invoice_line){.line_no = 1, .quantity_milli = 1500,
                                          .unit_price_minor = 12500, .vat_rate_bp = 2550,
                                          .net_minor = 18750};
    snprintf(lines[0].text, sizeof(lines[0].text), "Vare \"A\"");
    lines[1] = (struct vinn_invoice_line){.line_no = 2, .quantity_milli = 1000,
                                          .unit_price_minor = 9900, .vat_rate_bp = 2500,
                                          .net_minor = 9900};
    snprintf(lines[1].text, sizeof(lines[1].text), "Frakt");
    json_t *doc = vinn_json_invoice(&inv, lines, 2, vinn_day_from_civil(2026, 5, 19));
    char *text = vinn_json_compact(doc, NULL);
    assert_string_equal(
        text, "{\"number\":\"B-1\",\"kind\":\"invoice\",\"customer\":\"C1\",\"currency\":\"NOK\","
              "\"amount\":43625,\"net\":34900,\"vat\":8725,\"date\":\"2026-05-04\","
              "\"due_date\":\"2026-05-18\",\"reference\":\"000000018\",\"outstanding\":43625,"
              "\"credited\":0,\"status\":\"open\",\"overdue\":true,\"sale_channel\":\"\","
              "\"lines\":[{\"line\":1,\"text\":\"Vare \\\"A\\\"\",\"quantity\":1.5,"
              "\"unit_price\":12500,\"vat_rate\":25.5,\"net\":18750},{\"line\":2,"
              "\"text\":\"Frakt\",\"quantity\":1,\"unit_price\":9900,\"vat_rate\":25,"
              "\"net\":9900}]}");
    free(text);
    same_as_jansson(doc);
}

/* The direct text of an invoice is the tree's text, byte for byte, over
 * varied invoices: escapes and Nordic letters in the texts, negative and
 * extreme amounts, fractional quantities and rates, no day, credit notes,
 * every status, with lines and without (a list's shape). */
static void test_invoice_text_as_tree(void **state)
{
    (void)state;
    static const char *const texts[] = {"Vare", "Frakt \"ekspress\"", "Bl\xc3\xa5" "b\xc3\xa6r\tsyltet\\\n",
                                        "", "\x01\x1f\x7f \xf0\x9f\x98\x80"};
    static const int64_t amounts[] = {0, 1, -1, 43625, INT64_MAX, INT64_MIN + 1};
    static const int64_t milli[] = {1000, 1500, 1, 999999, 333, 2000000};
    static const int64_t bp[] = {2500, 2550, 0, 1500, 1, 1200};
    struct vinn_invoice_line lines[5];
    for (int k = 0; k < 60; k++) {
        struct vinn_invoice inv;
        memset(&inv, 0, sizeof(inv));
        snprintf(inv.number, sizeof(inv.number), "%s-%d", k % 2 ? "2026" : "F\xc3\xb8r", k);
        snprintf(inv.customer_ext_id, sizeof(inv.customer_ext_id), "K\"%d", k);
        snprintf(inv.currency, sizeof(inv.currency), "%s", k % 3 ? "NOK" : "EUR");
        snprintf(inv.reference, sizeof(inv.reference), "%09d", k * 7);
        snprintf(inv.sale_channel, sizeof(inv.sale_channel), "%s", k % 4 ? "" : "web");
        inv.kind = k % 5 == 0 ? VINN_INVOICE_KIND_CREDIT_NOTE : VINN_INVOICE_KIND_INVOICE;
        inv.status = (enum vinn_invoice_status)(k % 5);
        inv.gross_minor = amounts[k % 6];
        inv.net_minor = amounts[(k + 1) % 6];
        inv.vat_minor = amounts[(k + 2) % 6];
        inv.outstanding_minor = amounts[(k + 3) % 6];
        inv.credited_minor = amounts[(k + 4) % 6];
        inv.issue_date = vinn_day_from_civil(2026, 1 + k % 12, 1 + k % 28);
        inv.due_date = k % 7 == 0 ? VINN_NO_DAY : inv.issue_date + k % 40;
        uint32_t n = (uint32_t)(k % 6);
        for (uint32_t i = 0; i < n && i < 5; i++) {
            lines[i] = (struct vinn_invoice_line){.line_no = i + 1,
                                                  .quantity_milli = milli[(k + i) % 6],
                                                  .unit_price_minor = amounts[(k + i) % 6],
                                                  .vat_rate_bp = (int32_t)bp[(k + i) % 6],
                                                  .net_minor = amounts[(k + 2 * i) % 6]};
            snprintf(lines[i].text, sizeof(lines[i].text), "%s", texts[(k + i) % 5]);
        }
        const struct vinn_invoice_line *l = k % 6 == 5 ? NULL : lines;
        vinn_day today = inv.issue_date + 20;
        json_t *doc = vinn_json_invoice(&inv, l, n, today);
        assert_non_null(doc);
        char *tree = vinn_json_compact(doc, NULL);
        size_t len = 0;
        char *direct = vinn_json_invoice_text(&inv, l, n, today, &len);
        assert_non_null(tree);
        assert_non_null(direct);
        assert_string_equal(direct, tree);
        assert_int_equal(len, strlen(tree));
        free(tree);
        free(direct);
        json_decref(doc);
    }
    /* a text that is not UTF-8: both refuse */
    struct vinn_invoice bad;
    memset(&bad, 0, sizeof(bad));
    snprintf(bad.number, sizeof(bad.number), "X\xff");
    snprintf(bad.currency, sizeof(bad.currency), "NOK");
    assert_null(vinn_json_invoice(&bad, NULL, 0, 0));
    assert_null(vinn_json_invoice_text(&bad, NULL, 0, 0, NULL));
}

static void test_refuses_what_jansson_refuses(void **state)
{
    (void)state;
    json_t *s = json_string("x");
    assert_null(vinn_json_compact(s, NULL));
    assert_null(json_dumps(s, JSON_COMPACT));
    json_decref(s);
    assert_null(vinn_json_compact(NULL, NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_expected_text),
        cmocka_unit_test(test_strings_escaped_as_jansson),
        cmocka_unit_test(test_numbers_as_jansson),
        cmocka_unit_test(test_nested_and_order),
        cmocka_unit_test(test_invoice_shape),
        cmocka_unit_test(test_invoice_text_as_tree),
        cmocka_unit_test(test_refuses_what_jansson_refuses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
