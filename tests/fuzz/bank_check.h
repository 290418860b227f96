/*
 * bank_check.h - the promises of formats/bank.h, checked on every entry a
 * reader hands out and on its result, for the libFuzzer targets of the
 * bank-file readers (one translation unit each, so the functions are
 * static). Any broken promise aborts, which libFuzzer reports.
 */
#ifndef VINN_TESTS_FUZZ_BANK_CHECK_H
#define VINN_TESTS_FUZZ_BANK_CHECK_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "core/date.h"
#include "core/money.h"
#include "formats/bank.h"

/* ---- the promises of bank.h, checked on every entry ---- */

struct check_state {
    long long calls;
    long long debits;
    long long reversals;
    long last_line;
};

/* NUL-terminated within its buffer, valid UTF-8, no control characters,
 * trimmed. */
static void check_text(const char *s, size_t cap)
{
    const char *end = memchr(s, '\0', cap);
    if (end == NULL) {
        abort();
    }
    size_t len = (size_t)(end - s);
    if (!vinn_utf8_is_valid(s, len)) {
        abort();
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7F) {
            abort();
        }
    }
    if (len > 0 && (s[0] == ' ' || s[len - 1] == ' ')) {
        abort();
    }
}

static void check_day(vinn_day day)
{
    if (day != 0 && (day < VINN_DAY_MIN || day > VINN_DAY_MAX)) {
        abort();
    }
}

static vinn_err check_entry(void *ctx, const struct vinn_bank_entry *e, struct vinn_error *error)
{
    struct check_state *st = ctx;
    st->calls++;
    if (error != NULL && error->code != VINN_OK) {
        abort(); /* no entry after an error */
    }
    if (e->amount_minor <= 0 || e->record != st->calls || e->line <= st->last_line) {
        abort();
    }
    st->last_line = e->line;
    if (memchr(e->currency, '\0', sizeof(e->currency)) == NULL ||
        vinn_currency_find(e->currency) == NULL) {
        abort();
    }
    check_text(e->entry_id, sizeof(e->entry_id));
    if (e->entry_id[0] == '\0') {
        abort();
    }
    check_text(e->reference, sizeof(e->reference));
    if (strchr(e->reference, ' ') != NULL) {
        abort();
    }
    check_text(e->message, sizeof(e->message));
    check_text(e->payer_name, sizeof(e->payer_name));
    check_text(e->payer_account, sizeof(e->payer_account));
    check_text(e->bank_ref, sizeof(e->bank_ref));
    check_text(e->end_to_end, sizeof(e->end_to_end));
    check_text(e->return_reason, sizeof(e->return_reason));
    check_day(e->booking_date);
    check_day(e->value_date);
    st->debits += !e->credit;
    st->reversals += e->reversal;
    return VINN_OK;
}

/* After the read: a success counted every entry; a failure (the callback
 * never fails here) left a message that names it. */
static void check_end(const struct check_state *st, vinn_err rc,
                      const struct vinn_bank_file_info *info, const struct vinn_error *error)
{
    if (rc == VINN_OK) {
        if (error->code != VINN_OK || info->entries != st->calls) {
            abort();
        }
        check_text(info->file_id, sizeof(info->file_id));
        check_text(info->account, sizeof(info->account));
        return;
    }
    if (error->code != rc || error->message[0] == '\0') {
        abort();
    }
    check_text(error->message, sizeof(error->message));
}

typedef vinn_err (*bank_reader_fn)(FILE *fp, const struct vinn_bank_read_options *options,
                                   vinn_bank_entry_fn fn, void *ctx,
                                   struct vinn_bank_file_info *info, struct vinn_error *error);

/* Read data with reader, checking every entry and the end; st gets the
 * counts for the target's own format rules. */
static void bank_fuzz_run(bank_reader_fn reader, const uint8_t *data, size_t size,
                          struct check_state *st)
{
    FILE *fp = fmemopen((void *)data, size, "rb");
    if (fp == NULL) {
        return;
    }
    struct vinn_bank_read_options options = {.name = "fuzz.txt"};
    struct vinn_bank_file_info info;
    struct vinn_error error;
    vinn_error_clear(&error);
    vinn_err rc = reader(fp, &options, check_entry, st, &info, &error);
    fclose(fp);
    check_end(st, rc, &info, &error);
}

#endif
