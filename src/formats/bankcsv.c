/*
 * bankcsv.c - incoming payments from a CSV bank export (docs/payments.md).
 *
 * Columns, by header name in any order (case-insensitive; ',' ';' or tab):
 *   date            required  booking date YYYY-MM-DD
 *   amount          required  in major units as people write it ("1 234,50",
 *                             "1234.50"); negative = an outgoing payment
 *   currency        optional  ISO 4217; default the tenant's (options->currency)
 *   reference       optional  structured reference (KID, OCR, viitenumero, RF)
 *   payer_name, payer_account, message, bank_reference, value_date, reversal
 *                   optional  reversal: "yes"/"true"/"1" marks a bank reversal
 * The reading of rows (quotes, UTF-8, limits) is formats/csv.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "base/assert.h"
#include "base/limits.h"
#include "core/money.h"
#include "formats/bank.h"
#include "formats/csv.h"

static const char *const columns[] = {
    "date",          "amount",         "currency",   "reference", "payer_name",
    "payer_account", "bank_reference", "value_date", "reversal",  "message",
};
static const char *const required[] = {"date", "amount"};

/* A row's error, prefixed "NAME line N: " and naming the column. */
static vinn_err row_fail(const struct vinn_csv_reader *csv, const char *name, vinn_err code,
                         const char *column, const struct vinn_error *inner,
                         struct vinn_error *error)
{
    return vinn_fail(error, code, column, "%s line %ld: %s", name, vinn_csv_line(csv),
                     inner->message);
}

static bool yes(const char *v)
{
    return strcmp(v, "1") == 0 || strcmp(v, "yes") == 0 || strcmp(v, "true") == 0 ||
           strcmp(v, "y") == 0 || strcmp(v, "ja") == 0;
}

/* A reference or account: cleaned as text (control characters are
 * blanks), without the spaces people group it with, cut to dst at a
 * character boundary. */
static void copy_ref(char *dst, size_t cap, const char *src)
{
    char clean[VINN_CSV_FIELD_MAX + 1];
    vinn_bank_text_copy(clean, sizeof(clean), src, strlen(src));
    size_t n = 0;
    for (const char *p = clean; *p != '\0'; p++) {
        if (*p != ' ') {
            clean[n++] = *p;
        }
    }
    vinn_bank_text_copy(dst, cap, clean, n);
}

static vinn_err row_entry(const struct vinn_csv_reader *csv, const char *name,
                          const char *default_currency, struct vinn_bank_entry *e,
                          struct vinn_error *error)
{
    struct vinn_error inner;
    vinn_error_clear(&inner);
    memset(e, 0, sizeof(*e));
    e->line = vinn_csv_line(csv);
    const char *cur_text = vinn_csv_get(csv, "currency");
    if (cur_text[0] == '\0') {
        cur_text = default_currency;
    }
    const struct vinn_currency *cur = NULL;
    if (vinn_currency_parse(cur_text, "currency", &cur, &inner) != VINN_OK) {
        return row_fail(csv, name, inner.code, "currency", &inner, error);
    }
    memcpy(e->currency, cur->code, sizeof(e->currency));
    int64_t amount = 0;
    if (vinn_money_parse(vinn_csv_get(csv, "amount"), cur, "amount", &amount, &inner) != VINN_OK) {
        return row_fail(csv, name, VINN_E_BANK_AMOUNT, "amount", &inner, error);
    }
    if (amount == 0 || amount == INT64_MIN) {
        vinn_fail(&inner, VINN_E_BANK_AMOUNT, "amount", "amount '%s' must not be zero",
                  vinn_csv_get(csv, "amount"));
        return row_fail(csv, name, VINN_E_BANK_AMOUNT, "amount", &inner, error);
    }
    e->credit = amount > 0;
    e->amount_minor = amount > 0 ? amount : -amount;
    if (vinn_day_parse(vinn_csv_get(csv, "date"), "date", &e->booking_date, &inner) != VINN_OK) {
        return row_fail(csv, name, VINN_E_BANK_DATE, "date", &inner, error);
    }
    e->value_date = e->booking_date;
    const char *value_date = vinn_csv_get(csv, "value_date");
    if (value_date[0] != '\0' &&
        vinn_day_parse(value_date, "value_date", &e->value_date, &inner) != VINN_OK) {
        return row_fail(csv, name, VINN_E_BANK_DATE, "value_date", &inner, error);
    }
    e->reversal = yes(vinn_csv_get(csv, "reversal"));
    copy_ref(e->reference, sizeof(e->reference), vinn_csv_get(csv, "reference"));
    const char *t = vinn_csv_get(csv, "message");
    vinn_bank_text_copy(e->message, sizeof(e->message), t, strlen(t));
    t = vinn_csv_get(csv, "payer_name");
    vinn_bank_text_copy(e->payer_name, sizeof(e->payer_name), t, strlen(t));
    copy_ref(e->payer_account, sizeof(e->payer_account), vinn_csv_get(csv, "payer_account"));
    t = vinn_csv_get(csv, "bank_reference");
    vinn_bank_text_copy(e->bank_ref, sizeof(e->bank_ref), t, strlen(t));
    if (e->bank_ref[0] != '\0') {
        /* "csv:" + the bank's reference, cut at a character boundary. */
        memcpy(e->entry_id, "csv:", 4);
        vinn_bank_text_copy(e->entry_id + 4, sizeof(e->entry_id) - 4, e->bank_ref,
                            strlen(e->bank_ref));
    } else {
        vinn_bank_entry_digest_id(e, 1);
    }
    return VINN_OK;
}

vinn_err vinn_bankcsv_read(FILE *fp, const struct vinn_bank_read_options *options,
                           vinn_bank_entry_fn fn, void *ctx, struct vinn_bank_file_info *info,
                           struct vinn_error *error)
{
    VINN_ASSERT(fp != NULL);
    VINN_ASSERT(options != NULL);
    const char *name = options->name != NULL ? options->name : "input";
    struct vinn_bank_file_info local;
    struct vinn_bank_file_info *fi = info != NULL ? info : &local;
    memset(fi, 0, sizeof(*fi));
    fi->format = VINN_BANK_CSV;
    struct vinn_csv_options co = {
        .name = name,
        .columns = columns,
        .columns_count = sizeof(columns) / sizeof(columns[0]),
        .required = required,
        .required_count = sizeof(required) / sizeof(required[0]),
    };
    struct vinn_csv_reader *csv = NULL;
    vinn_err rc = vinn_csv_open(fp, &co, &csv, error);
    const char *currency = options->currency != NULL ? options->currency : "NOK";
    long long last_progress = 0;
    while (rc == VINN_OK) {
        bool has_row = false;
        rc = vinn_csv_next(csv, &has_row, error);
        if (rc != VINN_OK || !has_row) {
            break;
        }
        struct vinn_bank_entry e;
        rc = row_entry(csv, name, currency, &e, error);
        if (rc == VINN_OK) {
            e.record = ++fi->entries;
            rc = fn(ctx, &e, error);
        }
        long long bytes = vinn_csv_bytes_read(csv);
        if (options->progress != NULL && bytes - last_progress >= (1 << 20)) {
            last_progress = bytes;
            options->progress(options->progress_ctx, bytes);
        }
    }
    vinn_csv_close(csv);
    return rc;
}
