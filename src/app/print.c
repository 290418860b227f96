/*
 * print.c - the print batch: every letter sent on the letter channel for a
 * tenant on one day is also in one PDF for the print shop,
 * <drop>/letter/batch-<tenant>-<YYYY-MM-DD>.pdf, in message-id order, each
 * letter starting on a recto page (formats/pdf.h's book), with a manifest
 * beside it, batch-<tenant>-<YYYY-MM-DD>.json, that lists the letters, the
 * page each starts on and its pages, and the PDF's size and SHA-256.
 *
 * A letter's day is its date (vinn_message.day: the invoice's issue date,
 * the step's day), not the clock's when it was sent: the batch is then the
 * same whenever and however often the outbox runs, and a test pins it with
 * --today.
 *
 * Invariants:
 * - A day's batch and manifest hold the store's sent letters of that day:
 *   every run looks at each day with letters sent in the last week and
 *   makes its batch again when the manifest does not list exactly those
 *   letters, in order, or the PDF's checksum is not the manifest's. A run
 *   stopped between recording a letter and making its batch is mended by
 *   the next run.
 * - The same letters make the same bytes, and a batch that is up to date
 *   is not written at all: a rerun of the outbox leaves it as it was.
 * - The PDF is written before its manifest, each whole or not at all
 *   (vinn_channels_drop_put): a manifest names a complete PDF.
 * - A letter whose document cannot be drawn went as its text alone
 *   (outbox.c); the manifest lists it with no pages.
 */
#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "app/internal.h"
#include "base/assert.h"
#include "formats/pdf.h"

enum {
    /* Days one run looks at: a week's letters are dated a few days at
     * most; letters dated long before they were sent add a day each. */
    DAYS_MAX = 400,
    /* Letters read from the store at a time. */
    LETTERS_PAGE = 256,
    /* A manifest of VINN_PRINT_BATCH_LETTERS_MAX letters is under 1 MB. */
    MANIFEST_MAX = 4 * 1024 * 1024,
    BATCH_NAME_MAX = VINN_TENANT_NAME_MAX + 32,
};

/* Letters sent this long ago are still checked against their batch. */
static const int64_t window_us = 7LL * 24 * 3600 * 1000000;

struct letter {
    int64_t message_id;
    char number[VINN_INVOICE_NUMBER_MAX + 1];
    uint32_t step;
    bool has_document;
    size_t first_page; /* 0: not in the PDF */
    size_t pages;
};

struct day_letters {
    struct letter letters[VINN_PRINT_BATCH_LETTERS_MAX];
    size_t count;
    bool too_many;
    int64_t last_id;
    size_t page_rows;
};

struct batch_names {
    char pdf[BATCH_NAME_MAX];
    char json[BATCH_NAME_MAX];
    char day[VINN_DATE_ISO_SIZE];
};

static vinn_err letter_collect(void *ctx, const struct vinn_outbox_item *it)
{
    struct day_letters *d = ctx;
    d->page_rows++;
    d->last_id = it->message.id;
    if (d->count == VINN_PRINT_BATCH_LETTERS_MAX) {
        d->too_many = true;
        return VINN_OK;
    }
    struct letter *l = &d->letters[d->count++];
    *l = (struct letter){.message_id = it->message.id, .step = vinn_app_message_step(&it->message)};
    snprintf(l->number, sizeof(l->number), "%s", it->invoice_number);
    /* As outbox.c attaches: an invoice, or the letter of a step. */
    l->has_document = strcmp(it->message.kind, "invoice") == 0 || l->step > 0;
    return VINN_OK;
}

static vinn_err letters_load(struct vinn_app *app, const struct vinn_tenant *tenant, vinn_day day,
                             const struct batch_names *n, struct day_letters *d,
                             struct vinn_error *error)
{
    d->count = 0;
    d->too_many = false;
    d->last_id = 0;
    vinn_err rc = VINN_OK;
    do {
        d->page_rows = 0;
        rc = vinn_store_messages_sent_on(app->store, tenant->id, VINN_CHANNEL_LETTER, day,
                                         d->last_id, LETTERS_PAGE, letter_collect, d, error);
    } while (rc == VINN_OK && d->page_rows == LETTERS_PAGE && !d->too_many);
    if (rc == VINN_OK && d->too_many) {
        rc = vinn_fail(error, VINN_E_LIMIT_EXCEEDED, "letters",
                       "the letters of %s are more than a print batch holds (%d)", n->day,
                       VINN_PRINT_BATCH_LETTERS_MAX);
    }
    return rc;
}

static void sha256_hex(const unsigned char *bytes, size_t len, char out[65])
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, bytes, len);
    sodium_bin2hex(out, 65, digest, sizeof(digest));
}

/* The PDF in the drop has the checksum the manifest gives. */
static bool pdf_matches(const struct vinn_channels_config *drop, const char *name, const char *sha)
{
    unsigned char *bytes = NULL;
    size_t len = 0;
    struct vinn_error quiet;
    vinn_error_clear(&quiet);
    if (vinn_channels_drop_get(drop, VINN_CHANNEL_LETTER, name, VINN_PRINT_BATCH_BYTES_MAX, &bytes,
                               &len, &quiet) != VINN_OK) {
        return false;
    }
    char hex[65];
    sha256_hex(bytes, len, hex);
    free(bytes);
    return strcmp(hex, sha) == 0;
}

/* The manifest in the drop lists exactly d's letters, in order, and its
 * PDF (when it has one) is whole. Anything unreadable is not up to date. */
static bool batch_is_current(const struct vinn_channels_config *drop, const struct batch_names *n,
                             const struct day_letters *d)
{
    unsigned char *text = NULL;
    size_t len = 0;
    struct vinn_error quiet;
    vinn_error_clear(&quiet);
    if (vinn_channels_drop_get(drop, VINN_CHANNEL_LETTER, n->json, MANIFEST_MAX, &text, &len,
                               &quiet) != VINN_OK) {
        return false;
    }
    json_t *j = json_loadb((const char *)text, len, 0, NULL);
    free(text);
    json_t *letters = json_object_get(j, "letters");
    bool same = json_is_array(letters) && json_array_size(letters) == d->count;
    for (size_t i = 0; same && i < d->count; i++) {
        json_t *id = json_object_get(json_array_get(letters, i), "message");
        same = json_is_integer(id) && json_integer_value(id) == d->letters[i].message_id;
    }
    const char *sha = json_string_value(json_object_get(j, "sha256"));
    if (same && sha != NULL) {
        same = pdf_matches(drop, n->pdf, sha);
    }
    json_decref(j);
    return same;
}

/* Each letter with a document onto the book's next pages. */
static vinn_err letters_draw(struct vinn_app *app, const struct vinn_tenant *tenant,
                             struct vinn_pdf_book *book, struct day_letters *d,
                             struct vinn_error *error)
{
    for (size_t i = 0; i < d->count; i++) {
        struct letter *l = &d->letters[i];
        l->first_page = 0;
        l->pages = 0;
        if (!l->has_document) {
            continue;
        }
        size_t before = vinn_pdf_book_pages(book);
        size_t pages = 0;
        struct vinn_error why;
        vinn_error_clear(&why);
        vinn_err rc = vinn_app_document_add(app, tenant, l->number, l->step, book, &pages, &why);
        if (rc == VINN_E_NO_MEMORY || rc == VINN_E_STORE) {
            /* The run's fault, not the letter's. */
            return vinn_fail(error, rc, why.field, "%s", why.message);
        }
        if (rc == VINN_OK) {
            l->first_page = before + 1;
            l->pages = pages;
        }
    }
    return VINN_OK;
}

static vinn_err manifest_put(const struct vinn_tenant *tenant,
                             const struct vinn_channels_config *drop, const struct batch_names *n,
                             const struct day_letters *d, size_t pages, size_t bytes,
                             const char *sha, struct vinn_error *error)
{
    json_t *letters = json_array();
    for (size_t i = 0; i < d->count; i++) {
        const struct letter *l = &d->letters[i];
        json_array_append_new(
            letters, json_pack("{s:I, s:s, s:I, s:I, s:I}", "message", (json_int_t)l->message_id,
                               "invoice", l->number, "step", (json_int_t)l->step, "first_page",
                               (json_int_t)l->first_page, "pages", (json_int_t)l->pages));
    }
    json_t *j = json_pack("{s:s, s:s, s:s?, s:I, s:I, s:s?, s:o}", "tenant", tenant->name, "day",
                          n->day, "file", sha != NULL ? n->pdf : NULL, "pages", (json_int_t)pages,
                          "bytes", (json_int_t)bytes, "sha256", sha, "letters", letters);
    char *text = j != NULL ? json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
    json_decref(j);
    vinn_err rc = text != NULL ? vinn_channels_drop_put(drop, VINN_CHANNEL_LETTER, n->json, text,
                                                        strlen(text), error)
                               : vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory");
    free(text);
    return rc;
}

/* Draw the day's letters into one book, then publish the PDF and, last,
 * its manifest. */
static vinn_err batch_make(struct vinn_app *app, const struct vinn_tenant *tenant,
                           const struct vinn_channels_config *drop, vinn_day day,
                           const struct batch_names *n, struct day_letters *d,
                           struct vinn_error *error)
{
    char title[VINN_TENANT_NAME_MAX + 64];
    snprintf(title, sizeof(title), "%s letters %s", tenant->name, n->day);
    struct vinn_pdf_book *book = NULL;
    vinn_err rc = vinn_pdf_book_open(title, day, VINN_PRINT_BATCH_BYTES_MAX, &book, error);
    if (rc == VINN_OK) {
        rc = letters_draw(app, tenant, book, d, error);
    }
    size_t pages = rc == VINN_OK ? vinn_pdf_book_pages(book) : 0;
    const unsigned char *bytes = NULL;
    size_t len = 0;
    char sha[65];
    if (rc == VINN_OK && pages > 0) {
        rc = vinn_pdf_book_finish(book, &bytes, &len, error);
    }
    if (rc == VINN_OK && pages > 0) {
        sha256_hex(bytes, len, sha);
        rc = vinn_channels_drop_put(drop, VINN_CHANNEL_LETTER, n->pdf, bytes, len, error);
    }
    if (rc == VINN_OK) {
        rc = manifest_put(tenant, drop, n, d, pages, len, pages > 0 ? sha : NULL, error);
    }
    vinn_pdf_book_free(book);
    return rc;
}

vinn_err vinn_app_print_batches(struct vinn_app *app, const struct vinn_tenant *tenant,
                                const struct vinn_channels_config *drop, long long *made,
                                struct vinn_error *error)
{
    *made = 0;
    vinn_day *days = malloc(DAYS_MAX * sizeof(*days));
    struct day_letters *d = malloc(sizeof(*d));
    uint32_t count = 0;
    vinn_err rc =
        days != NULL && d != NULL
            ? vinn_store_message_days_sent(app->store, tenant->id, VINN_CHANNEL_LETTER,
                                           app->now_us - window_us, days, DAYS_MAX, &count, error)
            : vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory");
    if (rc == VINN_OK && count > 0) {
        rc = vinn_app_sodium_ready(error);
    }
    for (uint32_t i = 0; rc == VINN_OK && i < count; i++) {
        struct batch_names n;
        vinn_day_format(days[i], n.day);
        snprintf(n.pdf, sizeof(n.pdf), "batch-%s-%s.pdf", tenant->name, n.day);
        snprintf(n.json, sizeof(n.json), "batch-%s-%s.json", tenant->name, n.day);
        rc = letters_load(app, tenant, days[i], &n, d, error);
        if (rc == VINN_OK && !batch_is_current(drop, &n, d)) {
            rc = batch_make(app, tenant, drop, days[i], &n, d, error);
            *made += rc == VINN_OK ? 1 : 0;
        }
    }
    free(days);
    free(d);
    return rc;
}
