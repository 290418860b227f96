/*
 * bank_check.h - the promises of formats/bank.h, checked on every entry a
 * reader hands out and on its result, for the libFuzzer targets of the
 * bank-file readers (one translation unit each, so the functions are
 * static). Each input is read three times: to check every entry and the
 * end; again, which must give the same entries and the same error; and once
 * more with a callback that fails at some entry, whose error must come back
 * unchanged. Any broken promise aborts, which libFuzzer reports.
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

typedef vinn_err (*bank_reader_fn)(FILE *fp, const struct vinn_bank_read_options *options,
                                   vinn_bank_entry_fn fn, void *ctx,
                                   struct vinn_bank_file_info *info, struct vinn_error *error);

/* A format's own rules: on each entry, and on the file info of a success. */
struct bank_rules {
    void (*entry)(const struct vinn_bank_entry *e);
    void (*info)(const struct vinn_bank_file_info *info);
};

struct check_state {
    const struct bank_rules *rules;
    long long calls;
    long long debits;
    long long reversals;
    long last_line;
    long stop_at;      /* the callback fails at this record; 0: never */
    uint64_t ids_hash; /* of every entry_id and amount, in order */
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

static uint64_t hash_add(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h = (h ^ p[i]) * 1099511628211ULL;
    }
    return h;
}

static void check_texts(const struct vinn_bank_entry *e)
{
    check_text(e->entry_id, sizeof(e->entry_id));
    check_text(e->reference, sizeof(e->reference));
    check_text(e->message, sizeof(e->message));
    check_text(e->payer_name, sizeof(e->payer_name));
    check_text(e->payer_account, sizeof(e->payer_account));
    check_text(e->bank_ref, sizeof(e->bank_ref));
    check_text(e->end_to_end, sizeof(e->end_to_end));
    check_text(e->return_reason, sizeof(e->return_reason));
    if (e->entry_id[0] == '\0' || strchr(e->reference, ' ') != NULL) {
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
    /* Several entries may share a line (XML), so lines only never go back. */
    if (e->amount_minor <= 0 || e->record != st->calls || e->line < 1 || e->line < st->last_line) {
        abort();
    }
    st->last_line = e->line;
    if (memchr(e->currency, '\0', sizeof(e->currency)) == NULL ||
        vinn_currency_find(e->currency) == NULL) {
        abort();
    }
    check_texts(e);
    check_day(e->booking_date);
    check_day(e->value_date);
    if (st->rules != NULL && st->rules->entry != NULL) {
        st->rules->entry(e);
    }
    st->debits += !e->credit;
    st->reversals += e->reversal;
    st->ids_hash = hash_add(st->ids_hash, e->entry_id, strlen(e->entry_id));
    st->ids_hash = hash_add(st->ids_hash, &e->amount_minor, sizeof(e->amount_minor));
    if (st->stop_at == e->record) {
        return vinn_fail(error, VINN_E_LIMIT_EXCEEDED, "entry", "stop");
    }
    return VINN_OK;
}

/* After the read: a success counted every entry; a failure left a message
 * that names it; the callback's failure came back unchanged. */
static void check_end(const struct check_state *st, vinn_err rc,
                      const struct vinn_bank_file_info *info, const struct vinn_error *error)
{
    if (st->stop_at != 0 && st->calls == st->stop_at) {
        if (rc != VINN_E_LIMIT_EXCEEDED || strcmp(error->message, "stop") != 0) {
            abort();
        }
        return;
    }
    if (rc == VINN_OK) {
        if (error->code != VINN_OK || info->entries != st->calls) {
            abort();
        }
        check_text(info->file_id, sizeof(info->file_id));
        check_text(info->account, sizeof(info->account));
        if (st->rules != NULL && st->rules->info != NULL) {
            st->rules->info(info);
        }
        return;
    }
    if (rc == VINN_E_LIMIT_EXCEEDED && strcmp(error->message, "stop") == 0) {
        abort();
    }
    if (error->code != rc || error->message[0] == '\0') {
        abort();
    }
    check_text(error->message, sizeof(error->message));
    check_text(error->field, sizeof(error->field));
}

static vinn_err read_once(bank_reader_fn reader, const uint8_t *data, size_t size,
                          struct check_state *st, struct vinn_bank_file_info *info,
                          struct vinn_error *error)
{
    FILE *fp = fmemopen((void *)data, size, "rb");
    if (fp == NULL) {
        abort();
    }
    struct vinn_bank_read_options options = {.name = "fuzz.txt"};
    vinn_error_clear(error);
    memset(info, 0, sizeof(*info));
    vinn_err rc = reader(fp, &options, check_entry, st, info, error);
    fclose(fp);
    check_end(st, rc, info, error);
    return rc;
}

/* Read data three times (see above); st gets the counts of the first read
 * for the target's own format rules. */
static void bank_fuzz_run(bank_reader_fn reader, const struct bank_rules *rules,
                          const uint8_t *data, size_t size, struct check_state *st)
{
    memset(st, 0, sizeof(*st));
    st->rules = rules;
    if (size == 0) {
        return; /* fmemopen refuses an empty buffer */
    }
    struct vinn_bank_file_info info;
    struct vinn_error error;
    vinn_err rc = read_once(reader, data, size, st, &info, &error);

    struct check_state again = {.rules = rules};
    struct vinn_bank_file_info info2;
    struct vinn_error error2;
    if (read_once(reader, data, size, &again, &info2, &error2) != rc ||
        again.calls != st->calls || again.ids_hash != st->ids_hash ||
        strcmp(error.message, error2.message) != 0) {
        abort();
    }
    if (st->calls > 0) {
        struct check_state stop = {.rules = rules,
                                   .stop_at = 1 + (long)(size % (size_t)st->calls)};
        (void)read_once(reader, data, size, &stop, &info2, &error2);
        if (stop.calls != stop.stop_at) {
            abort();
        }
    }
}

#endif
