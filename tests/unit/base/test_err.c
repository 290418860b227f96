/* Tests of the error table: names, statuses, exit codes, first error wins. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base/err.h"

static void test_names_and_statuses(void **state)
{
    (void)state;
    static const struct {
        vinn_err code;
        const char *name;
        int http;
        int exit_code;
    } cases[] = {
        {VINN_OK, "ok", 200, 0},
        {VINN_E_AMOUNT_MUST_BE_POSITIVE, "amount_must_be_positive", 422, 2},
        {VINN_E_DATE_SYNTAX, "date_syntax", 400, 2},
        {VINN_E_INVOICE_NOT_FOUND, "invoice_not_found", 404, 3},
        {VINN_E_INVOICE_EXISTS, "invoice_exists", 409, 4},
        {VINN_E_STORE, "store", 500, 5},
        {VINN_E_FILE_NOT_FOUND, "file_not_found", 404, 2},
        {VINN_E_INTERNAL, "internal", 500, 5},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_string_equal(vinn_err_name(cases[i].code), cases[i].name);
        assert_int_equal(vinn_err_http_status(cases[i].code), cases[i].http);
        assert_int_equal(vinn_err_exit_code(cases[i].code), cases[i].exit_code);
    }
    assert_string_equal(vinn_err_name((vinn_err)987654), "unknown");
    assert_int_equal(vinn_err_http_status((vinn_err)987654), 500);
    assert_true(vinn_err_is_known(1113));
    assert_false(vinn_err_is_known(987654));
}

static void test_numbers_are_unique(void **state)
{
    (void)state;
    static const int numbers[] = {
#define NUM_(name, num, http, msg) num,
        VINN_ERR_MAP(NUM_)
#undef NUM_
    };
    size_t n = sizeof(numbers) / sizeof(numbers[0]);
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i + 1; j < n; j++) {
            assert_int_not_equal(numbers[i], numbers[j]);
        }
    }
}

static void test_first_error_wins(void **state)
{
    (void)state;
    struct vinn_error e;
    vinn_error_clear(&e);
    assert_int_equal(vinn_fail(&e, VINN_E_DATE_SYNTAX, "due_date", "due_date '%s' bad", "x"),
                     VINN_E_DATE_SYNTAX);
    assert_int_equal(vinn_fail(&e, VINN_E_INTERNAL, "other", "second"), VINN_E_INTERNAL);
    assert_int_equal(e.code, VINN_E_DATE_SYNTAX);
    assert_string_equal(e.field, "due_date");
    assert_string_equal(e.message, "due_date 'x' bad");
    assert_int_equal(vinn_fail(NULL, VINN_E_IO, "f", "m"), VINN_E_IO);
}

static void test_default_message_and_prefix(void **state)
{
    (void)state;
    struct vinn_error e;
    vinn_error_clear(&e);
    vinn_fail(&e, VINN_E_CURRENCY_UNKNOWN, "unit_price", NULL);
    assert_string_equal(e.message, "unknown currency");
    vinn_error_prefix_field(&e, "lines[2]");
    assert_string_equal(e.field, "lines[2].unit_price");
    struct vinn_error ok;
    vinn_error_clear(&ok);
    vinn_error_prefix_field(&ok, "lines[2]");
    assert_string_equal(ok.field, "");
}

static void test_message_hides_control_characters(void **state)
{
    (void)state;
    struct vinn_error e;
    vinn_error_clear(&e);
    vinn_fail(&e, VINN_E_CSV_HEADER, "d\x7f", "unknown column '%s'", "d\x11" "a\tte\x7f");
    assert_string_equal(e.message, "unknown column 'd?a?te?'");
    assert_string_equal(e.field, "d?");
    /* A field cut inside a character loses the partial character. */
    char name[VINN_ERROR_FIELD_MAX + 8];
    memset(name, 'a', VINN_ERROR_FIELD_MAX - 2);
    memcpy(name + VINN_ERROR_FIELD_MAX - 2, "\xC3\xA5", 3); /* "å" over the edge */
    vinn_error_clear(&e);
    vinn_fail(&e, VINN_E_CSV_HEADER, name, "x");
    assert_int_equal(strlen(e.field), VINN_ERROR_FIELD_MAX - 2);
    /* A partial character inside a message becomes '?'. */
    vinn_error_clear(&e);
    vinn_fail(&e, VINN_E_CSV_ROW, "amount", "amount '%s' is not a number", "\xEF\xBB" "x");
    assert_string_equal(e.message, "amount '??x' is not a number");
}

static void test_message_truncates_without_overflow(void **state)
{
    (void)state;
    struct vinn_error e;
    vinn_error_clear(&e);
    char big[1000];
    memset(big, 'a', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    vinn_fail(&e, VINN_E_USAGE, big, "%s", big);
    assert_int_equal(strlen(e.message), VINN_ERROR_MESSAGE_MAX - 1);
    assert_int_equal(strlen(e.field), VINN_ERROR_FIELD_MAX - 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_and_statuses),
        cmocka_unit_test(test_numbers_are_unique),
        cmocka_unit_test(test_first_error_wins),
        cmocka_unit_test(test_default_message_and_prefix),
        cmocka_unit_test(test_message_hides_control_characters),
        cmocka_unit_test(test_message_truncates_without_overflow),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
