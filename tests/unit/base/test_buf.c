/* Tests of the bounded buffer: growth, the maximum, unchanged on failure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

static void test_grow_and_printf(void **state)
{
    (void)state;
    struct vinn_buf b;
    vinn_buf_init(&b, 1 << 20);
    for (int i = 0; i < 1000; i++) {
        assert_int_equal(vinn_buf_printf(&b, "%d,", i), VINN_OK);
    }
    assert_int_equal(strncmp(b.data, "0,1,2,", 6), 0);
    assert_int_equal(b.len, strlen(b.data));
    vinn_buf_reset(&b);
    assert_int_equal(b.len, 0);
    assert_string_equal(b.data, "");
    vinn_buf_release(&b);
}

static void test_max_leaves_buffer_unchanged(void **state)
{
    (void)state;
    struct vinn_buf b;
    vinn_buf_init(&b, 8);
    assert_int_equal(vinn_buf_adds(&b, "12345678"), VINN_OK);
    assert_int_equal(vinn_buf_addc(&b, '9'), VINN_E_LIMIT_EXCEEDED);
    assert_int_equal(vinn_buf_printf(&b, "%s", "x"), VINN_E_LIMIT_EXCEEDED);
    assert_string_equal(b.data, "12345678");
    assert_int_equal(b.len, 8);
    char *taken = vinn_buf_take(&b);
    assert_string_equal(taken, "12345678");
    assert_null(b.data);
    free(taken);
    char *empty = vinn_buf_take(&b);
    assert_string_equal(empty, "");
    free(empty);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grow_and_printf),
        cmocka_unit_test(test_max_leaves_buffer_unchanged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
