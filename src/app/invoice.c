/* invoice.c - creating, reading and crediting invoices. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/internal.h"
#include "base/assert.h"
#include "base/text.h"
#include "core/channel.h"
#include "core/country.h"
#include "core/invoice.h"
#include "core/ledger.h"
#include "core/money.h"
#include "core/refno.h"

/* ---- line input ---------------------------------------------------------- */

static vinn_err vat_rate_parse(const char *text, int32_t *out, struct vinn_error *error)
{
    char buf[32];
    size_t len = text ? strlen(text) : 0;
    if (len >= sizeof(buf)) {
        return vinn_fail(error, VINN_E_VAT_RATE_INVALID, "vat_rate", "VAT rate '%.20s...' is too long",
                         text);
    }
    memcpy(buf, text ? text : "", len + 1);
    while (len > 0 && (buf[len - 1] == '%' || buf[len - 1] == ' ')) {
        buf[--len] = '\0';
    }
    int64_t bp = 0;
    vinn_err rc = vinn_decimal_parse(buf, 2, "vat_rate", &bp, error);
    if (rc != VINN_OK) {
        return rc;
    }
    if (bp < 0 || bp > 10000) {
        return vinn_fail(error, VINN_E_VAT_RATE_INVALID, "vat_rate",
                         "VAT rate '%s' must be between 0 and 100 percent", text);
    }
    *out = (int32_t)bp;
    return VINN_OK;
}

vinn_err vinn_app_line_parse(const char *quantity, const char *unit_price, const char *vat_rate,
                             const char *currency, struct vinn_line_input *out,
                             struct vinn_error *error)
{
    const struct vinn_currency *cur = NULL;
    int64_t qty = 0;
    int64_t price = 0;
    int32_t vat = 0;
    vinn_err rc = vinn_currency_parse(currency, "currency", &cur, error);
    if (rc == VINN_OK) {
        rc = vinn_decimal_parse(quantity, VINN_QUANTITY_DECIMALS, "quantity", &qty, error);
    }
    if (rc == VINN_OK && qty <= 0) {
        rc = vinn_fail(error, VINN_E_QUANTITY_INVALID, "quantity",
                       "quantity '%s' must be positive", quantity);
    }
    if (rc == VINN_OK) {
        rc = vinn_money_parse(unit_price, cur, "unit_price", &price, error);
    }
    if (rc == VINN_OK && price < 0) {
        rc = vinn_fail(error, VINN_E_AMOUNT_MUST_NOT_BE_NEGATIVE, "unit_price",
                       "unit price '%s' must not be negative", unit_price);
    }
    if (rc == VINN_OK) {
        rc = vat_rate_parse(vat_rate, &vat, error);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    out->quantity_milli = qty;
    out->unit_price_minor = price;
    out->vat_rate_bp = vat;
    return VINN_OK;
}

/* ---- create -------------------------------------------------------------- */

/* The reference base is the per-tenant invoice id, zero-padded so that all
 * references of a tenant have one length (KID agreements fix the length). */
enum { REF_BASE_DIGITS = 8 };

static vinn_err reference_make(const struct vinn_tenant *tenant, int64_t invoice_id, char *out,
                               size_t cap, struct vinn_error *error)
{
    enum vinn_ref_kind kind;
    vinn_err rc = vinn_ref_kind_parse(tenant->ref_kind, &kind, error);
    if (rc != VINN_OK) {
        return rc;
    }
    char base[32];
    snprintf(base, sizeof(base), "%0*lld", REF_BASE_DIGITS, (long long)invoice_id);
    return vinn_ref_make(kind, base, out, cap, error);
}

static vinn_err invoice_header(struct vinn_app *app, const struct vinn_tenant *tenant,
                               const struct vinn_invoice_input *in, const struct vinn_customer *c,
                               struct vinn_invoice *inv, struct vinn_error *error)
{
    const struct vinn_currency *cur = NULL;
    enum vinn_country country = VINN_COUNTRY_OTHER;
    const char *code = in->currency && in->currency[0] ? in->currency : tenant->currency;
    vinn_err rc = vinn_text_check(in->number, VINN_INVOICE_NUMBER_MAX,
                                  VINN_TEXT_REQUIRED | VINN_TEXT_SINGLE_LINE, "number", error);
    if (rc == VINN_OK) {
        rc = vinn_currency_parse(code, "currency", &cur, error);
    }
    if (rc == VINN_OK) {
        rc = vinn_country_parse(c->country, &country, error);
    }
    enum vinn_sale_channel sale = VINN_SALE_NONE;
    if (rc == VINN_OK) {
        rc = vinn_sale_channel_parse(in->sale_channel, "sale_channel", &sale, error);
    }
    vinn_day date = in->has_date ? in->date : app->today;
    int32_t due_days = in->due_days >= 0 ? in->due_days : tenant->due_days;
    if (rc == VINN_OK) {
        rc = vinn_invoice_due_date(country, date, in->has_due_date, in->due_date, due_days,
                                   &inv->due_date, error);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    vinn_text_copy(inv->number, sizeof(inv->number), in->number);
    vinn_text_copy(inv->customer_ext_id, sizeof(inv->customer_ext_id), c->ext_id);
    memcpy(inv->currency, cur->code, 4);
    vinn_text_copy(inv->sale_channel, sizeof(inv->sale_channel), vinn_sale_channel_name(sale));
    inv->customer_id = c->id;
    inv->issue_date = date;
    inv->kind = VINN_INVOICE_KIND_INVOICE;
    inv->status = VINN_STATUS_OPEN;
    inv->created_at_us = app->now_us;
    return VINN_OK;
}

static void lines_fill(const struct vinn_invoice_input *in, const int64_t *nets,
                       struct vinn_invoice_line *lines)
{
    for (size_t i = 0; i < in->lines_count; i++) {
        struct vinn_invoice_line *l = &lines[i];
        l->line_no = (uint32_t)(i + 1);
        VINN_ASSERT(vinn_text_copy(l->text, sizeof(l->text), in->lines[i].text));
        l->quantity_milli = in->lines[i].quantity_milli;
        l->unit_price_minor = in->lines[i].unit_price_minor;
        l->vat_rate_bp = in->lines[i].vat_rate_bp;
        l->net_minor = nets[i];
    }
}

static vinn_err lines_validate(const struct vinn_invoice_input *in, int64_t *nets,
                               struct vinn_invoice_totals *totals, struct vinn_error *error)
{
    vinn_err rc = vinn_invoice_compute(in->lines, in->lines_count, nets, totals, error);
    for (size_t i = 0; rc == VINN_OK && i < in->lines_count; i++) {
        const char *text = in->lines[i].text;
        /* the field's name is made only for the error */
        if (vinn_text_check(text, VINN_LINE_TEXT_MAX, VINN_TEXT_SINGLE_LINE, "", NULL) != VINN_OK) {
            char field[32];
            snprintf(field, sizeof(field), "lines[%zu].text", i);
            rc = vinn_text_check(text, VINN_LINE_TEXT_MAX, VINN_TEXT_SINGLE_LINE, field, error);
        }
    }
    return rc;
}

static vinn_err invoice_post(struct vinn_app *app, const struct vinn_tenant *tenant,
                             const struct vinn_invoice *inv, struct vinn_error *error)
{
    struct vinn_txn txn;
    vinn_txn_init(&txn, inv->currency);
    vinn_err rc = vinn_ledger_invoice(&txn, inv->customer_id, inv->id, inv->net_minor,
                                      inv->vat_minor, error);
    if (rc != VINN_OK) {
        return rc;
    }
    VINN_ASSERT(vinn_txn_invoice_delta(&txn, inv->id) == inv->gross_minor);
    char key[64];
    snprintf(key, sizeof(key), "invoice:%lld", (long long)inv->id);
    struct vinn_txn_meta meta = {"invoice", key, inv->issue_date, inv->id, app->now_us};
    int64_t txn_id = 0;
    return vinn_store_txn_insert(app->store, tenant->id, &meta, &txn, &txn_id, error);
}

enum vinn_invoice_status vinn_app_invoice_status(const struct vinn_invoice *inv,
                                                 int64_t outstanding)
{
    if (inv->kind != VINN_INVOICE_KIND_INVOICE) {
        return inv->status;
    }
    if (outstanding > 0) {
        return VINN_STATUS_OPEN;
    }
    if (inv->status == VINN_STATUS_WRITTEN_OFF) {
        return VINN_STATUS_WRITTEN_OFF;
    }
    return inv->credited_minor >= inv->gross_minor ? VINN_STATUS_CREDITED : VINN_STATUS_PAID;
}

/*
 * A customer's credit balance (an overpayment, a credit note beyond what was
 * owed) pays the next invoice in its currency at once:
 *   credit balance (customer)      +x
 *   principal (customer, invoice)  -x
 * with x = min(what we owe the customer, the invoice's gross).
 */
static vinn_err credit_use(struct vinn_app *app, const struct vinn_tenant *tenant,
                           struct vinn_invoice *inv, struct vinn_error *error)
{
    int64_t balance = 0;
    vinn_err rc = vinn_store_account_balance(app->store, tenant->id, inv->customer_id,
                                             VINN_ACCOUNT_CREDIT, inv->currency, &balance, error);
    if (rc != VINN_OK || balance >= 0) {
        return rc;
    }
    int64_t x = -balance < inv->outstanding_minor ? -balance : inv->outstanding_minor;
    struct vinn_txn txn;
    vinn_txn_init(&txn, inv->currency);
    rc = vinn_txn_add(&txn, VINN_ACCOUNT_CREDIT, inv->customer_id, 0, x);
    if (rc == VINN_OK) {
        rc = vinn_txn_add(&txn, VINN_ACCOUNT_PRINCIPAL, inv->customer_id, inv->id, -x);
    }
    if (rc == VINN_OK) {
        rc = vinn_txn_check(&txn, error);
    }
    char key[64];
    snprintf(key, sizeof(key), "credit-use:%lld", (long long)inv->id);
    struct vinn_txn_meta meta = {"credit_use", key, inv->issue_date, inv->id, app->now_us};
    int64_t txn_id = 0;
    if (rc == VINN_OK) {
        rc = vinn_store_txn_insert(app->store, tenant->id, &meta, &txn, &txn_id, error);
    }
    inv->outstanding_minor -= x;
    inv->status = vinn_app_invoice_status(inv, inv->outstanding_minor);
    if (rc == VINN_OK) {
        rc = vinn_store_invoice_set_balance(app->store, tenant->id, inv->id,
                                            inv->outstanding_minor, inv->credited_minor,
                                            inv->status, error);
    }
    return rc;
}

/* The invoice itself goes to the customer through the outbox, on the
 * channel core/channel.h chooses: the one she stated, else the one the sale
 * came from, else e-mail, else SMS, else paper (never paper for a customer
 * on e-invoice or direct debit). */
static vinn_err invoice_message(struct vinn_app *app, const struct vinn_tenant *tenant,
                                const struct vinn_invoice *inv, const struct vinn_customer *c,
                                struct vinn_error *error)
{
    struct vinn_message m;
    memset(&m, 0, sizeof(m));
    snprintf(m.idem_key, sizeof(m.idem_key), "invoice:%lld", (long long)inv->id);
    m.invoice_id = inv->id;
    m.customer_id = inv->customer_id;
    vinn_text_copy(m.kind, sizeof(m.kind), "invoice");
    vinn_text_copy(m.lang, sizeof(m.lang), c->lang);
    m.tone = VINN_TONE_FRIENDLY;
    m.day = inv->issue_date;
    m.deadline = inv->due_date;
    vinn_text_copy(m.currency, sizeof(m.currency), inv->currency);
    m.principal_minor = inv->gross_minor;
    m.total_minor = inv->outstanding_minor;
    m.created_at_us = app->now_us;
    const struct vinn_app_recipient to = {
        .email = c->email,
        .phone = c->phone,
        .channel = c->channel,
        .direct_debit = c->direct_debit,
        .einvoice_address = c->kind == VINN_CUSTOMER_COMPANY && c->org_no[0] != '\0',
        .sale_channel = inv->sale_channel,
    };
    return vinn_app_message_queue(app, tenant, &to, VINN_CHANNEL_CUSTOMER, &m, error);
}

vinn_err vinn_app_invoice_insert(struct vinn_app *app, const struct vinn_tenant *tenant,
                                 const struct vinn_invoice_input *in,
                                 struct vinn_invoice_line *lines, struct vinn_invoice *out,
                                 struct vinn_error *error)
{
    struct vinn_invoice inv;
    struct vinn_customer c;
    struct vinn_invoice_totals totals;
    memset(&inv, 0, sizeof(inv));
    int64_t nets[VINN_INVOICE_LINES_MAX];
    vinn_err rc = lines_validate(in, nets, &totals, error);
    if (rc == VINN_OK) {
        rc = vinn_text_check(in->customer, VINN_CUSTOMER_ID_MAX,
                             VINN_TEXT_REQUIRED | VINN_TEXT_SINGLE_LINE, "customer", error);
    }
    if (rc == VINN_OK) {
        rc = vinn_store_customer_get(app->store, tenant->id, in->customer, &c, NULL);
        if (rc == VINN_E_CUSTOMER_NOT_FOUND) {
            rc = vinn_fail(error, VINN_E_CUSTOMER_UNKNOWN, "customer",
                           "customer '%s' does not exist: add it first", in->customer);
        } else if (rc != VINN_OK) {
            rc = vinn_store_customer_get(app->store, tenant->id, in->customer, &c, error);
        }
    }
    if (rc == VINN_OK) {
        rc = invoice_header(app, tenant, in, &c, &inv, error);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    inv.net_minor = totals.net_minor;
    inv.vat_minor = totals.vat_minor;
    inv.gross_minor = totals.gross_minor;
    inv.outstanding_minor = totals.gross_minor;
    inv.lines_count = (uint32_t)in->lines_count;
    lines_fill(in, nets, lines);
    rc = vinn_store_next_id(app->store, tenant->id, VINN_SEQ_INVOICE, &inv.id, error);
    if (rc == VINN_OK) {
        rc = reference_make(tenant, inv.id, inv.reference, sizeof(inv.reference), error);
    }
    if (rc == VINN_OK) {
        rc = vinn_app_first_action(app, tenant, &c, &inv, &inv.next_action, error);
    }
    if (rc == VINN_OK) {
        rc = vinn_store_invoice_insert(app->store, tenant->id, &inv, lines, inv.lines_count, error);
    }
    if (rc == VINN_OK) {
        rc = invoice_post(app, tenant, &inv, error);
    }
    if (rc == VINN_OK) {
        rc = credit_use(app, tenant, &inv, error);
    }
    if (rc == VINN_OK && inv.outstanding_minor > 0) {
        rc = invoice_message(app, tenant, &inv, &c, error);
    }
    if (rc == VINN_OK && vinn_app_wants(app, tenant, "invoice.created")) {
        rc = vinn_app_emit_invoice(app, tenant, "invoice.created", &inv, error);
    }
    if (rc == VINN_OK) {
        *out = inv;
    }
    return rc;
}

vinn_err vinn_app_invoice_create_lines(struct vinn_app *app, const struct vinn_tenant *tenant,
                                       const struct vinn_invoice_input *input,
                                       struct vinn_invoice *out, struct vinn_invoice_line *lines,
                                       struct vinn_error *error)
{
    if (input->lines_count > VINN_INVOICE_LINES_MAX) {
        return vinn_fail(error, VINN_E_INVOICE_TOO_MANY_LINES, "lines",
                         "an invoice may have at most %d lines", VINN_INVOICE_LINES_MAX);
    }
    vinn_err rc = vinn_store_begin(app->store, error);
    if (rc == VINN_OK) {
        rc = vinn_app_txn_end(app, vinn_app_invoice_insert(app, tenant, input, lines, out, error),
                              error);
    }
    return rc;
}

vinn_err vinn_app_invoice_create(struct vinn_app *app, const struct vinn_tenant *tenant,
                                 const struct vinn_invoice_input *input, struct vinn_invoice *out,
                                 struct vinn_error *error)
{
    if (input->lines_count > VINN_INVOICE_LINES_MAX) {
        return vinn_fail(error, VINN_E_INVOICE_TOO_MANY_LINES, "lines",
                         "an invoice may have at most %d lines", VINN_INVOICE_LINES_MAX);
    }
    struct vinn_invoice_line *lines = calloc(input->lines_count + 1, sizeof(*lines));
    if (lines == NULL) {
        return vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory");
    }
    vinn_err rc = vinn_app_invoice_create_lines(app, tenant, input, out, lines, error);
    free(lines);
    return rc;
}

static vinn_err create_many_rows(struct vinn_app *app, const struct vinn_tenant *tenant,
                                 const struct vinn_invoice_input *inputs, size_t n,
                                 struct vinn_invoice_line *lines, struct vinn_invoice *outs,
                                 struct vinn_error *error)
{
    for (size_t i = 0; i < n; i++) {
        struct vinn_invoice inv;
        if (inputs[i].lines_count > VINN_INVOICE_LINES_MAX) {
            return vinn_fail(error, VINN_E_INVOICE_TOO_MANY_LINES, "lines",
                             "invoices[%zu]: an invoice may have at most %d lines", i,
                             VINN_INVOICE_LINES_MAX);
        }
        vinn_err rc = vinn_app_invoice_insert(app, tenant, &inputs[i], lines, &inv, error);
        if (rc != VINN_OK) {
            char prefix[32];
            snprintf(prefix, sizeof(prefix), "invoices[%zu]", i);
            vinn_error_prefix_field(error, prefix);
            return rc;
        }
        if (outs != NULL) {
            outs[i] = inv;
        }
    }
    return VINN_OK;
}

vinn_err vinn_app_invoice_create_many(struct vinn_app *app, const struct vinn_tenant *tenant,
                                      const struct vinn_invoice_input *inputs, size_t n,
                                      struct vinn_invoice *outs, struct vinn_error *error)
{
    struct vinn_invoice_line *lines = calloc(VINN_INVOICE_LINES_MAX, sizeof(*lines));
    if (lines == NULL) {
        return vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory");
    }
    vinn_err rc = vinn_store_begin(app->store, error);
    if (rc == VINN_OK) {
        rc = vinn_app_txn_end(app, create_many_rows(app, tenant, inputs, n, lines, outs, error),
                              error);
    }
    free(lines);
    return rc;
}

/* ---- read ---------------------------------------------------------------- */

vinn_err vinn_app_invoice_get(struct vinn_app *app, const struct vinn_tenant *tenant,
                              const char *number, struct vinn_invoice *out,
                              struct vinn_error *error)
{
    return vinn_store_invoice_get(app->store, tenant->id, number, out, error);
}

vinn_err vinn_app_invoice_lines(struct vinn_app *app, const struct vinn_tenant *tenant,
                                const struct vinn_invoice *invoice, struct vinn_invoice_line *lines,
                                uint32_t *count, struct vinn_error *error)
{
    return vinn_store_invoice_lines(app->store, tenant->id, invoice->id, lines,
                                    VINN_INVOICE_LINES_MAX, count, error);
}

vinn_err vinn_app_invoice_list(struct vinn_app *app, const struct vinn_tenant *tenant,
                               const struct vinn_invoice_filter *filter, vinn_invoice_fn fn,
                               void *ctx, struct vinn_error *error)
{
    struct vinn_invoice_filter f = *filter;
    if (f.limit == 0 || f.limit > VINN_PAGE_MAX) {
        f.limit = VINN_PAGE_MAX;
    }
    f.today = app->today;
    return vinn_store_invoice_list(app->store, tenant->id, &f, fn, ctx, error);
}

vinn_err vinn_app_invoice_credit_notes(struct vinn_app *app, const struct vinn_tenant *tenant,
                                       const struct vinn_invoice *invoice, vinn_invoice_fn fn,
                                       void *ctx, struct vinn_error *error)
{
    return vinn_store_invoice_credit_notes(app->store, tenant->id, invoice->id, fn, ctx, error);
}

/* ---- credit -------------------------------------------------------------- */

/* The credit's net and VAT, so that all credits of an invoice together
 * reverse exactly its net and VAT once it is credited in full: the VAT of
 * this credit is the VAT share of everything credited after it minus the
 * share before it. */
static vinn_err credit_amounts(const struct vinn_invoice *inv, int64_t amount, int64_t *net,
                               int64_t *vat, struct vinn_error *error)
{
    struct vinn_invoice_totals totals;
    memset(&totals, 0, sizeof(totals));
    totals.net_minor = inv->net_minor;
    totals.vat_minor = inv->vat_minor;
    totals.gross_minor = inv->gross_minor;
    int64_t net_before = 0;
    int64_t vat_before = 0;
    int64_t net_after = 0;
    int64_t vat_after = 0;
    vinn_err rc = VINN_OK;
    if (inv->credited_minor > 0) {
        rc = vinn_invoice_credit_split(&totals, inv->credited_minor, &net_before, &vat_before,
                                       error);
    }
    if (rc == VINN_OK) {
        rc = vinn_invoice_credit_split(&totals, inv->credited_minor + amount, &net_after,
                                       &vat_after, error);
    }
    if (rc == VINN_OK) {
        *net = net_after - net_before;
        *vat = vat_after - vat_before;
        VINN_ASSERT(*net + *vat == amount);
    }
    return rc;
}

/* The credit note's lines: its net spread over the invoice's VAT rates in
 * proportion to their taxable amounts, one line per rate. */
static vinn_err credit_lines(struct vinn_app *app, const struct vinn_tenant *tenant,
                             const struct vinn_invoice *inv, int64_t net,
                             struct vinn_invoice_line *out, uint32_t *count,
                             struct vinn_error *error)
{
    struct vinn_invoice_line *lines = calloc(VINN_INVOICE_LINES_MAX, sizeof(*lines));
    uint32_t n = 0;
    if (lines == NULL) {
        return vinn_fail(error, VINN_E_NO_MEMORY, "", "out of memory");
    }
    vinn_err rc = vinn_store_invoice_lines(app->store, tenant->id, inv->id, lines,
                                           VINN_INVOICE_LINES_MAX, &n, error);
    int32_t rates[VINN_VAT_GROUPS_MAX];
    int64_t weights[VINN_VAT_GROUPS_MAX];
    uint32_t groups = 0;
    for (uint32_t i = 0; rc == VINN_OK && i < n; i++) {
        uint32_t g = 0;
        while (g < groups && rates[g] != lines[i].vat_rate_bp) {
            g++;
        }
        if (g == groups) {
            VINN_ASSERT(groups < VINN_VAT_GROUPS_MAX);
            rates[groups] = lines[i].vat_rate_bp;
            weights[groups++] = 0;
        }
        weights[g] += lines[i].net_minor > 0 ? lines[i].net_minor : 0;
    }
    free(lines);
    int64_t parts[VINN_VAT_GROUPS_MAX];
    if (rc == VINN_OK) {
        rc = vinn_money_allocate(net, weights, groups, parts);
    }
    for (uint32_t g = 0; rc == VINN_OK && g < groups; g++) {
        out[g] = (struct vinn_invoice_line){.line_no = g + 1,
                                            .quantity_milli = VINN_QUANTITY_SCALE,
                                            .unit_price_minor = parts[g],
                                            .vat_rate_bp = rates[g],
                                            .net_minor = parts[g]};
        snprintf(out[g].text, sizeof(out[g].text), "Credit of invoice %s", inv->number);
    }
    if (rc == VINN_OK) {
        *count = groups;
    } else if (error != NULL && error->code == VINN_OK) {
        vinn_fail(error, rc, "amount", "cannot spread the credit over the invoice's VAT rates");
    }
    return rc;
}

struct count_ctx {
    int count;
};

static vinn_err count_one(void *ctx, const struct vinn_invoice *inv)
{
    (void)inv;
    ((struct count_ctx *)ctx)->count++;
    return VINN_OK;
}

static vinn_err credit_check(const struct vinn_invoice *inv, bool full, int64_t *amount,
                             struct vinn_error *error)
{
    if (inv->kind != VINN_INVOICE_KIND_INVOICE) {
        return vinn_fail(error, VINN_E_INVOICE_NOT_CREDITABLE, "number",
                         "'%s' is a credit note, not an invoice", inv->number);
    }
    int64_t left = inv->gross_minor - inv->credited_minor;
    if (left <= 0) {
        return vinn_fail(error, VINN_E_INVOICE_NOT_CREDITABLE, "number",
                         "invoice '%s' is already credited in full", inv->number);
    }
    if (full) {
        *amount = left;
    }
    if (*amount <= 0) {
        return vinn_fail(error, VINN_E_AMOUNT_MUST_BE_POSITIVE, "amount",
                         "credit amount must be positive");
    }
    if (*amount > left) {
        return vinn_fail(error, VINN_E_CREDIT_EXCEEDS_INVOICE, "amount",
                         "credit of %lld exceeds the %lld left to credit on invoice '%s'",
                         (long long)*amount, (long long)left, inv->number);
    }
    return VINN_OK;
}

static vinn_err credit_note_build(struct vinn_app *app, const struct vinn_tenant *tenant,
                                  const struct vinn_invoice *inv, const char *credit_number,
                                  struct vinn_invoice *cn, struct vinn_error *error)
{
    memset(cn, 0, sizeof(*cn));
    if (credit_number != NULL && credit_number[0] != '\0') {
        vinn_err rc = vinn_text_check(credit_number, VINN_INVOICE_NUMBER_MAX,
                                      VINN_TEXT_SINGLE_LINE, "credit_number", error);
        if (rc != VINN_OK) {
            return rc;
        }
        vinn_text_copy(cn->number, sizeof(cn->number), credit_number);
    } else {
        struct count_ctx counted = {0};
        vinn_err rc = vinn_store_invoice_credit_notes(app->store, tenant->id, inv->id, count_one,
                                                      &counted, error);
        if (rc != VINN_OK) {
            return rc;
        }
        int n = snprintf(cn->number, sizeof(cn->number), "%s-K%d", inv->number, counted.count + 1);
        if (n < 0 || (size_t)n >= sizeof(cn->number)) {
            return vinn_fail(error, VINN_E_FIELD_TOO_LONG, "credit_number",
                             "give the credit note a shorter number with --number");
        }
    }
    cn->kind = VINN_INVOICE_KIND_CREDIT_NOTE;
    cn->next_action = VINN_NO_DAY;
    cn->status = VINN_STATUS_ISSUED;
    cn->customer_id = inv->customer_id;
    vinn_text_copy(cn->customer_ext_id, sizeof(cn->customer_ext_id), inv->customer_ext_id);
    memcpy(cn->currency, inv->currency, 4);
    cn->issue_date = app->today;
    cn->due_date = app->today;
    cn->original_id = inv->id;
    cn->created_at_us = app->now_us;
    return VINN_OK;
}

static vinn_err credit_post(struct vinn_app *app, const struct vinn_tenant *tenant,
                            struct vinn_invoice *inv, const struct vinn_invoice *cn,
                            struct vinn_error *error)
{
    int64_t principal = 0;
    vinn_err rc = vinn_store_invoice_receivable(app->store, tenant->id, inv->id,
                                                VINN_ACCOUNT_PRINCIPAL, &principal, error);
    struct vinn_txn txn;
    vinn_txn_init(&txn, inv->currency);
    if (rc == VINN_OK) {
        rc = vinn_ledger_credit(&txn, inv->customer_id, inv->id, cn->net_minor, cn->vat_minor,
                                principal > 0 ? principal : 0, error);
    }
    char key[64];
    snprintf(key, sizeof(key), "credit:%lld", (long long)cn->id);
    struct vinn_txn_meta meta = {"credit_note", key, cn->issue_date, inv->id, app->now_us};
    int64_t txn_id = 0;
    if (rc == VINN_OK) {
        rc = vinn_store_txn_insert(app->store, tenant->id, &meta, &txn, &txn_id, error);
    }
    if (rc != VINN_OK) {
        return rc;
    }
    inv->outstanding_minor += vinn_txn_invoice_delta(&txn, inv->id);
    inv->credited_minor += cn->gross_minor;
    inv->status = vinn_app_invoice_status(inv, inv->outstanding_minor);
    VINN_ASSERT(inv->outstanding_minor >= 0);
    return vinn_store_invoice_set_balance(app->store, tenant->id, inv->id, inv->outstanding_minor,
                                          inv->credited_minor, inv->status, error);
}

static vinn_err credit_in_txn(struct vinn_app *app, const struct vinn_tenant *tenant,
                              const char *number, bool full, int64_t amount,
                              const char *credit_number, struct vinn_invoice *cn,
                              struct vinn_invoice *inv, struct vinn_error *error)
{
    struct vinn_invoice_line lines[VINN_VAT_GROUPS_MAX];
    uint32_t lines_count = 0;
    vinn_err rc = vinn_store_invoice_get(app->store, tenant->id, number, inv, error);
    if (rc == VINN_OK) {
        rc = credit_check(inv, full, &amount, error);
    }
    if (rc == VINN_OK) {
        rc = credit_note_build(app, tenant, inv, credit_number, cn, error);
    }
    if (rc == VINN_OK) {
        rc = credit_amounts(inv, amount, &cn->net_minor, &cn->vat_minor, error);
    }
    if (rc == VINN_OK) {
        cn->gross_minor = amount;
        rc = credit_lines(app, tenant, inv, cn->net_minor, lines, &lines_count, error);
    }
    if (rc == VINN_OK) {
        cn->lines_count = lines_count;
        rc = vinn_store_next_id(app->store, tenant->id, VINN_SEQ_INVOICE, &cn->id, error);
    }
    if (rc == VINN_OK) {
        rc = vinn_store_invoice_insert(app->store, tenant->id, cn, lines, lines_count, error);
    }
    if (rc == VINN_OK) {
        rc = credit_post(app, tenant, inv, cn, error);
    }
    return rc;
}

vinn_err vinn_app_invoice_credit(struct vinn_app *app, const struct vinn_tenant *tenant,
                                 const char *number, bool full, int64_t gross_minor,
                                 const char *credit_number, struct vinn_invoice *credit_note,
                                 struct vinn_invoice *invoice, struct vinn_error *error)
{
    struct vinn_invoice cn;
    struct vinn_invoice inv;
    vinn_err rc = vinn_store_begin(app->store, error);
    if (rc != VINN_OK) {
        return rc;
    }
    rc = credit_in_txn(app, tenant, number, full, gross_minor, credit_number, &cn, &inv, error);
    if (rc == VINN_OK && vinn_app_wants(app, tenant, "invoice.credited")) {
        rc = vinn_app_emit_invoice(app, tenant, "invoice.credited", &inv, error);
    }
    rc = vinn_app_txn_end(app, rc, error);
    if (rc == VINN_OK) {
        *credit_note = cn;
        *invoice = inv;
    }
    return rc;
}
