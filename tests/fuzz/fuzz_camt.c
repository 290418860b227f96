/*
 * fuzz_camt.c - libFuzzer target for the camt.054/camt.053 reader
 * (formats/camt.c): any bytes, read to the end or to the first error, must
 * neither crash nor hand out an entry that breaks the promises of bank.h
 * (amount > 0, a known currency, clean trimmed UTF-8 texts, an entry_id,
 * records counted from 1 in file order). A second read of the same bytes
 * gives the same entries and ids, and a callback that fails stops the read
 * with its own code.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "core/date.h"
#include "core/money.h"
#include "formats/bank.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct check_state {
    long long calls;
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

static vinn_err check_entry(void *ctx, const struct vinn_bank_entry *e, struct vinn_error *error)
{
    struct check_state *st = ctx;
    st->calls++;
    if (error != NULL && error->code != VINN_OK) {
        abort(); /* no entry after an error */
    }
    /* Several elements may share a line, so lines only never go back. */
    if (e->amount_minor <= 0 || e->record != st->calls || e->line < 1 || e->line < st->last_line) {
        abort();
    }
    st->last_line = e->line;
    if (memchr(e->currency, '\0', sizeof(e->currency)) == NULL ||
        vinn_currency_find(e->currency) == NULL) {
        abort();
    }
    check_text(e->entry_id, sizeof(e->entry_id));
    check_text(e->reference, sizeof(e->reference));
    check_text(e->message, sizeof(e->message));
    check_text(e->payer_name, sizeof(e->payer_name));
    check_text(e->payer_account, sizeof(e->payer_account));
    check_text(e->bank_ref, sizeof(e->bank_ref));
    check_text(e->end_to_end, sizeof(e->end_to_end));
    check_text(e->return_reason, sizeof(e->return_reason));
    if (e->entry_id[0] == '\0' || strchr(e->reference, ' ') != NULL ||
        strcmp(e->end_to_end, "NOTPROVIDED") == 0) {
        abort();
    }
    /* The id is the bank's reference where there is one that fits. */
    if (strncmp(e->entry_id, "camt:", 5) == 0 ? strcmp(e->entry_id + 5, e->bank_ref) != 0
                                              : strncmp(e->entry_id, "d:", 2) != 0) {
        abort();
    }
    check_day(e->booking_date);
    check_day(e->value_date);
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
        if (info->format != VINN_BANK_CAMT054 && info->format != VINN_BANK_CAMT053) {
            abort();
        }
        if (info->version != 2 && info->version != 4 && info->version != 8) {
            abort();
        }
        check_text(info->file_id, sizeof(info->file_id));
        check_text(info->account, sizeof(info->account));
        return;
    }
    if (rc == VINN_E_LIMIT_EXCEEDED || error->code != rc || error->message[0] == '\0') {
        abort();
    }
    check_text(error->message, sizeof(error->message));
    check_text(error->field, sizeof(error->field));
}

static vinn_err read_once(const uint8_t *data, size_t size, struct check_state *st,
                          struct vinn_bank_file_info *info, struct vinn_error *error)
{
    FILE *fp = fmemopen((void *)data, size, "rb");
    if (fp == NULL) {
        abort();
    }
    struct vinn_bank_read_options options = {.name = "fuzz.xml"};
    vinn_error_clear(error);
    vinn_err rc = vinn_camt_read(fp, &options, check_entry, st, info, error);
    fclose(fp);
    check_end(st, rc, info, error);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) {
        return 0; /* fmemopen refuses an empty buffer */
    }
    struct vinn_bank_file_info info;
    struct vinn_error error;
    struct check_state first = {0};
    vinn_err rc = read_once(data, size, &first, &info, &error);

    /* Again: the same result; and once more stopping at an entry. */
    struct check_state again = {0};
    struct vinn_bank_file_info info2;
    struct vinn_error error2;
    if (read_once(data, size, &again, &info2, &error2) != rc || again.calls != first.calls ||
        again.ids_hash != first.ids_hash || strcmp(error.message, error2.message) != 0) {
        abort();
    }
    if (first.calls > 0) {
        struct check_state stop = {.stop_at = 1 + (long)(size % (size_t)first.calls)};
        (void)read_once(data, size, &stop, &info2, &error2);
        if (stop.calls != stop.stop_at) {
            abort();
        }
    }
    return 0;
}
