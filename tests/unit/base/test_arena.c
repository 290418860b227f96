/* Tests of the arena: alignment, zeroing, cap, cleanups, reuse. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base/arena.h"

static void test_alloc_aligned_and_zeroed(void **state)
{
    (void)state;
    struct vinn_arena a;
    vinn_arena_init(&a, 0);
    for (size_t size = 1; size < 200; size += 7) {
        unsigned char *p = vinn_arena_alloc(&a, size);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
        for (size_t i = 0; i < size; i++) {
            assert_int_equal(p[i], 0);
        }
        memset(p, 0xff, size);
    }
    vinn_arena_release(&a);
    assert_null(a.head);
}

static void test_large_and_cap(void **state)
{
    (void)state;
    struct vinn_arena a;
    vinn_arena_init(&a, 256 * 1024);
    assert_non_null(vinn_arena_alloc(&a, 100 * 1024)); /* own block */
    assert_null(vinn_arena_alloc(&a, 200 * 1024));     /* past the cap */
    assert_non_null(vinn_arena_alloc(&a, 10));         /* still usable */
    assert_null(vinn_arena_array(&a, SIZE_MAX / 2, 4)); /* overflow */
    assert_true(a.peak_bytes >= 100 * 1024);
    vinn_arena_release(&a);
}

static int cleanup_order[4];
static int cleanup_count;

static void record(void *data)
{
    cleanup_order[cleanup_count++] = (int)(intptr_t)data;
}

static void test_cleanups_run_in_reverse(void **state)
{
    (void)state;
    struct vinn_arena a;
    vinn_arena_init(&a, 0);
    cleanup_count = 0;
    assert_int_equal(vinn_arena_on_release(&a, record, (void *)1), 0);
    assert_int_equal(vinn_arena_on_release(&a, record, (void *)2), 0);
    assert_int_equal(vinn_arena_on_release(&a, record, (void *)3), 0);
    vinn_arena_release(&a);
    assert_int_equal(cleanup_count, 3);
    assert_int_equal(cleanup_order[0], 3);
    assert_int_equal(cleanup_order[2], 1);
    /* reusable after release */
    char *s = vinn_arena_strdup(&a, "Søren Ærø");
    assert_string_equal(s, "Søren Ærø");
    assert_string_equal(vinn_arena_strndup(&a, "abcdef", 3), "abc");
    assert_null(vinn_arena_strdup(&a, NULL));
    vinn_arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alloc_aligned_and_zeroed),
        cmocka_unit_test(test_large_and_cap),
        cmocka_unit_test(test_cleanups_run_in_reverse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
