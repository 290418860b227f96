/*
 * import.c - customers and invoices from CSV files (docs/import-formats.md).
 *
 * A file is imported in one transaction: the first bad row stops the import,
 * its error names the file, the line and the column, and the rollback leaves
 * nothing of the file behind. Rows stream through formats/csv: memory stays
 * bounded by one invoice's lines whatever the file size.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app/app.h"
#include "app/internal.h"
#include "base/text.h"
#include "formats/csv.h"

enum { PROGRESS_EVERY_ROWS = 4096 };

struct import_run {
    struct vinn_app *app;
    const struct vinn_tenant *tenant;
    struct vinn_csv_reader *csv;
    const char *name;
    long long total_bytes;
    struct vinn_import_summary *summary;
};

/* Prefix an error from a row with "FILE line N: " unless it already names it. */
static vinn_err row_error(const struct import_run *run, long line, vinn_err rc,
                          struct vinn_error *error)
{
    if (error == NULL || error->code == VINN_OK) {
        return rc;
    }
    char prefix[128];
    int n = snprintf(prefix, sizeof(prefix), "%s line %ld: ", run->name, line);
    if (n > 0 && strncmp(error->message, prefix, (size_t)n) != 0) {
        char joined[VINN_ERROR_MESSAGE_MAX];
        snprintf(joined, sizeof(joined), "%s%s", prefix, error->message);
        memcpy(error->message, joined, sizeof(joined));
    }
    return rc;
}

static void progress(const struct import_run *run, const char *what, bool force)
{
    if (run->app->progress == NULL) {
        return;
    }
    if (force || run->summary->rows % PROGRESS_EVERY_ROWS == 0) {
        run->app->progress(run->app->progress_ctx, what, vinn_csv_bytes_read(run->csv),
                           run->total_bytes);
    }
}

static long long file_size(FILE *fp)
{
    struct stat st;
    if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode)) {
        return (long long)st.st_size;
    }
    return 0;
}

static vinn_err run_open(struct import_run *run, FILE *fp, const char *const *columns,
                         size_t columns_count, const char *const *required,
                         size_t required_count, struct vinn_error *error)
{
    struct vinn_csv_options options = {
        .name = run->name,
        .delimiter = 0,
        .columns = columns,
        .columns_count = columns_count,
        .required = required,
        .required_count = required_count,
    };
    memset(run->summary, 0, sizeof(*run->summary));
    run->total_bytes = file_size(fp);
    return vinn_csv_open(fp, &options, &run->csv, error);
}

/* ---- customers ----------------------------------------------------------- */

static const char *const customer_columns[] = {
    "id",          "name",    "country",  "lang", "kind", "email", "phone", "org_no",
    "national_id", "address", "postcode", "city", "tags", "channel", "direct_debit",
};
static const char *const customer_required[] = {"id", "name", "country"};

/* A yes/no column: "", 0, no, false are no; 1, yes, true are yes. */
static vinn_err flag_parse(const char *text, const char *column, bool *out,
                          struct vinn_error *error)
{
    static const char *const no[] = {"", "0", "no", "false"};
    static const char *const yes[] = {"1", "yes", "true"};
    for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
        if (strcmp(text, no[i]) == 0) {
            *out = false;
            return VINN_OK;
        }
    }
    for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
        if (strcmp(text, yes[i]) == 0) {
            *out = true;
            return VINN_OK;
        }
    }
    return vinn_fail(error, VINN_E_UNKNOWN_VALUE, column,
                     "%s '%.32s' must be 1 or 0 (yes or no, true or false)", column, text);
}

static vinn_err customer_row(struct import_run *run, struct vinn_error *error)
{
    struct vinn_csv_reader *r = run->csv;
    struct vinn_customer_input in = {
        .id = vinn_csv_get(r, "id"),
        .name = vinn_csv_get(r, "name"),
        .country = vinn_csv_get(r, "country"),
        .lang = vinn_csv_get(r, "lang"),
        .kind = vinn_csv_get(r, "kind"),
        .email = vinn_csv_get(r, "email"),
        .phone = vinn_csv_get(r, "phone"),
        .org_no = vinn_csv_get(r, "org_no"),
        .national_id = vinn_csv_get(r, "national_id"),
        .address = vinn_csv_get(r, "address"),
        .postcode = vinn_csv_get(r, "postcode"),
        .city = vinn_csv_get(r, "city"),
        .tags = vinn_csv_get(r, "tags"),
        .channel = vinn_csv_get(r, "channel"),
    };
    struct vinn_customer c;
    vinn_err rc = flag_parse(vinn_csv_get(r, "direct_debit"), "direct_debit", &in.direct_debit,
                             error);
    if (rc == VINN_OK) {
        rc = vinn_app_customer_build(run->app, &in, &c, error);
    }
    if (rc == VINN_OK) {
        rc = vinn_store_customer_insert(run->app->store, run->tenant->id, &c, error);
    }
    if (rc == VINN_OK) {
        run->summary->created++;
    }
    return rc;
}

static vinn_err customers_rows(struct import_run *run, struct vinn_error *error)
{
    bool has_row = false;
    vinn_err rc;
    while ((rc = vinn_csv_next(run->csv, &has_row, error)) == VINN_OK && has_row) {
        run->summary->rows++;
        rc = customer_row(run, error);
        if (rc != VINN_OK) {
            return row_error(run, vinn_csv_line(run->csv), rc, error);
        }
        progress(run, "customers", false);
    }
    return rc;
}

vinn_err vinn_app_import_customers(struct vinn_app *app, const struct vinn_tenant *tenant,
                                   FILE *fp, const char *name, struct vinn_import_summary *summary,
                                   struct vinn_error *error)
{
    struct import_run run = {app, tenant, NULL, name, 0, summary};
    vinn_err rc = run_open(&run, fp, customer_columns,
                           sizeof(customer_columns) / sizeof(customer_columns[0]),
                           customer_required, 3, error);
    if (rc != VINN_OK) {
        return rc;
    }
    rc = vinn_store_begin(app->store, error);
    if (rc == VINN_OK) {
        rc = vinn_app_txn_end(app, customers_rows(&run, error), error);
    }
    progress(&run, "customers", true);
    vinn_csv_close(run.csv);
    return rc;
}

/* ---- invoices ------------------------------------------------------------ */

static const char *const invoice_columns[] = {
    "number", "customer", "date",     "due_date",   "due_days", "currency",
    "text",   "quantity", "unit_price", "vat_rate", "sale_channel",
};
static const char *const invoice_required[] = {"number", "customer", "text", "quantity",
                                               "unit_price", "vat_rate"};

/* The invoice being gathered from consecutive rows with one number. */
struct pending {
    char number[VINN_INVOICE_NUMBER_MAX + 1];
    char customer[VINN_CUSTOMER_ID_MAX + 1];
    char currency[8];
    char date[16];
    char due_date[16];
    char due_days[16];
    char sale_channel[VINN_CHANNEL_NAME_MAX + 1];
    long first_line;
    size_t count;
    struct vinn_line_input lines[VINN_INVOICE_LINES_MAX];
    char texts[VINN_INVOICE_LINES_MAX][VINN_LINE_TEXT_MAX + 1];
    struct vinn_invoice_line records[VINN_INVOICE_LINES_MAX];
};

static vinn_err header_copy(char *dst, size_t cap, const char *value, const char *column,
                            struct vinn_error *error)
{
    if (!vinn_text_copy(dst, cap, value)) {
        return vinn_fail(error, VINN_E_FIELD_TOO_LONG, column, "column '%s' is longer than %zu",
                         column, cap - 1);
    }
    return VINN_OK;
}

static vinn_err pending_start(struct pending *p, struct vinn_csv_reader *r,
                              struct vinn_error *error)
{
    p->count = 0;
    p->first_line = vinn_csv_line(r);
    vinn_err rc = header_copy(p->number, sizeof(p->number), vinn_csv_get(r, "number"), "number",
                              error);
    if (rc == VINN_OK) {
        rc = header_copy(p->customer, sizeof(p->customer), vinn_csv_get(r, "customer"),
                         "customer", error);
    }
    if (rc == VINN_OK) {
        rc = header_copy(p->currency, sizeof(p->currency), vinn_csv_get(r, "currency"),
                         "currency", error);
    }
    if (rc == VINN_OK) {
        rc = header_copy(p->date, sizeof(p->date), vinn_csv_get(r, "date"), "date", error);
    }
    if (rc == VINN_OK) {
        rc = header_copy(p->due_date, sizeof(p->due_date), vinn_csv_get(r, "due_date"),
                         "due_date", error);
    }
    if (rc == VINN_OK) {
        rc = header_copy(p->due_days, sizeof(p->due_days), vinn_csv_get(r, "due_days"),
                         "due_days", error);
    }
    if (rc == VINN_OK) {
        rc = header_copy(p->sale_channel, sizeof(p->sale_channel),
                         vinn_csv_get(r, "sale_channel"), "sale_channel", error);
    }
    return rc;
}

static vinn_err pending_line(struct pending *p, struct vinn_csv_reader *r, const char *currency,
                             struct vinn_error *error)
{
    if (p->count >= VINN_INVOICE_LINES_MAX) {
        return vinn_fail(error, VINN_E_INVOICE_TOO_MANY_LINES, "number",
                         "invoice '%s' has more than %d lines", p->number,
                         VINN_INVOICE_LINES_MAX);
    }
    struct vinn_line_input *line = &p->lines[p->count];
    vinn_err rc = vinn_app_line_parse(vinn_csv_get(r, "quantity"), vinn_csv_get(r, "unit_price"),
                                      vinn_csv_get(r, "vat_rate"), currency, line, error);
    if (rc == VINN_OK) {
        rc = header_copy(p->texts[p->count], sizeof(p->texts[0]), vinn_csv_get(r, "text"),
                         "text", error);
    }
    if (rc == VINN_OK) {
        line->text = p->texts[p->count];
        p->count++;
    }
    return rc;
}

static vinn_err int_parse(const char *text, const char *field, int32_t *out,
                          struct vinn_error *error)
{
    char *end = NULL;
    long v = strtol(text, &end, 10);
    if (end == text || *end != '\0' || v < 0 || v > VINN_DUE_DAYS_MAX) {
        return vinn_fail(error, VINN_E_DUE_DAYS_RANGE, field,
                         "%s '%s' must be a whole number from 0 to %d", field, text,
                         VINN_DUE_DAYS_MAX);
    }
    *out = (int32_t)v;
    return VINN_OK;
}

static vinn_err pending_input(const struct pending *p, struct vinn_invoice_input *in,
                              struct vinn_error *error)
{
    memset(in, 0, sizeof(*in));
    in->number = p->number;
    in->customer = p->customer;
    in->currency = p->currency;
    in->due_days = -1;
    in->sale_channel = p->sale_channel;
    in->lines = p->lines;
    in->lines_count = p->count;
    vinn_err rc = VINN_OK;
    if (p->date[0] != '\0') {
        in->has_date = true;
        rc = vinn_day_parse(p->date, "date", &in->date, error);
    }
    if (rc == VINN_OK && p->due_date[0] != '\0') {
        in->has_due_date = true;
        rc = vinn_day_parse(p->due_date, "due_date", &in->due_date, error);
    }
    if (rc == VINN_OK && p->due_days[0] != '\0') {
        rc = int_parse(p->due_days, "due_days", &in->due_days, error);
    }
    return rc;
}

static vinn_err pending_flush(struct import_run *run, struct pending *p, struct vinn_error *error)
{
    if (p->count == 0) {
        return VINN_OK;
    }
    struct vinn_invoice_input in;
    struct vinn_invoice inv;
    vinn_err rc = pending_input(p, &in, error);
    if (rc == VINN_OK) {
        rc = vinn_app_invoice_insert(run->app, run->tenant, &in, p->records, &inv, error);
    }
    if (rc != VINN_OK) {
        return row_error(run, p->first_line, rc, error);
    }
    run->summary->created++;
    run->summary->lines += (long long)p->count;
    if (__builtin_add_overflow(run->summary->amount_minor, inv.gross_minor,
                               &run->summary->amount_minor)) {
        return row_error(run, p->first_line,
                         vinn_fail(error, VINN_E_AMOUNT_OVERFLOW, "unit_price",
                                   "the file's total overflows"),
                         error);
    }
    p->count = 0;
    return VINN_OK;
}

static vinn_err invoice_row(struct import_run *run, struct pending *p, struct vinn_error *error)
{
    struct vinn_csv_reader *r = run->csv;
    const char *number = vinn_csv_get(r, "number");
    vinn_err rc = VINN_OK;
    if (p->count == 0 || strcmp(number, p->number) != 0) {
        rc = pending_flush(run, p, error);
        if (rc == VINN_OK) {
            rc = pending_start(p, r, error);
        }
    } else if (strcmp(vinn_csv_get(r, "customer"), p->customer) != 0) {
        rc = vinn_fail(error, VINN_E_CSV_ROW, "customer",
                       "rows of invoice '%s' name different customers", number);
    }
    if (rc == VINN_OK) {
        const char *currency = p->currency[0] ? p->currency : run->tenant->currency;
        rc = pending_line(p, r, currency, error);
    }
    return rc;
}

static vinn_err invoices_rows(struct import_run *run, struct pending *p, struct vinn_error *error)
{
    bool has_row = false;
    vinn_err rc;
    while ((rc = vinn_csv_next(run->csv, &has_row, error)) == VINN_OK && has_row) {
        run->summary->rows++;
        rc = invoice_row(run, p, error);
        if (rc != VINN_OK) {
            return row_error(run, vinn_csv_line(run->csv), rc, error);
        }
        progress(run, "invoices", false);
    }
    if (rc == VINN_OK) {
        rc = pending_flush(run, p, error);
    }
    return rc;
}

vinn_err vinn_app_import_invoices(struct vinn_app *app, const struct vinn_tenant *tenant,
                                  FILE *fp, const char *name, struct vinn_import_summary *summary,
                                  struct vinn_error *error)
{
    struct import_run run = {app, tenant, NULL, name, 0, summary};
    struct pending *p = calloc(1, sizeof(*p));
    if (p == NULL) {
        return vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory");
    }
    vinn_err rc = run_open(&run, fp, invoice_columns,
                           sizeof(invoice_columns) / sizeof(invoice_columns[0]), invoice_required,
                           sizeof(invoice_required) / sizeof(invoice_required[0]), error);
    if (rc == VINN_OK) {
        rc = vinn_store_begin(app->store, error);
        if (rc == VINN_OK) {
            rc = vinn_app_txn_end(app, invoices_rows(&run, p, error), error);
        }
        progress(&run, "invoices", true);
        vinn_csv_close(run.csv);
    }
    free(p);
    return rc;
}
