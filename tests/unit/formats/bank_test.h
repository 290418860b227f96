/*
 * bank_test.h - what the unit tests of the fixed-record bank readers share
 * (test_ocr.c, test_bgmax.c): a callback that collects the entries handed
 * out and can fail at a chosen call, and editing of a file built in memory
 * line by line. Include after cmocka.h.
 */
#ifndef VINN_TESTS_UNIT_FORMATS_BANK_TEST_H
#define VINN_TESTS_UNIT_FORMATS_BANK_TEST_H

#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "formats/bank.h"

enum { COLLECT_MAX = 128 };

struct collect {
    struct vinn_bank_entry entries[COLLECT_MAX];
    size_t calls;
    size_t fail_at; /* the call (1-based) that returns fail_code; 0: none */
    vinn_err fail_code;
    int64_t amount_sum;
};

static inline vinn_err collect_fn(void *ctx, const struct vinn_bank_entry *entry,
                                  struct vinn_error *error)
{
    (void)error;
    struct collect *c = ctx;
    if (c->calls < COLLECT_MAX) {
        c->entries[c->calls] = *entry;
    }
    c->calls++;
    c->amount_sum += entry->amount_minor;
    assert_int_equal(entry->record, (long)c->calls);
    if (c->fail_at != 0 && c->calls == c->fail_at) {
        return c->fail_code;
    }
    return VINN_OK;
}

static inline struct collect *collect_new(void)
{
    struct collect *c = calloc(1, sizeof(*c));
    assert_non_null(c);
    return c;
}

static inline vinn_day D(int y, int m, int d)
{
    return vinn_day_from_civil(y, m, d);
}

/* A file built in memory; each test file has its own file_init and adds. */
struct file {
    char *data;
    size_t len;
    size_t cap;
};

static inline char *line_at(struct file *f, int line)
{
    char *p = f->data;
    for (int i = 1; i < line; i++) {
        p = strchr(p, '\n');
        assert_non_null(p);
        p++;
    }
    return p;
}

static inline void patch(struct file *f, int line, int col, const char *text)
{
    memcpy(line_at(f, line) + col - 1, text, strlen(text));
}

/* Remove lines first..last (1-based). */
static inline void drop_lines(struct file *f, int first, int last)
{
    char *from = line_at(f, first);
    char *to = line_at(f, last + 1);
    size_t rest = f->len - (size_t)(to - f->data);
    memmove(from, to, rest + 1);
    f->len -= (size_t)(to - from);
}

#endif
