/* invoice.c - line nets, VAT per rate, credit splits, due dates. */
#include "core/invoice.h"

#include <stdio.h>
#include <string.h>

#include "base/assert.h"
#include "base/limits.h"
#include "core/calendar.h"
#include "core/rounding.h"
#include "core/banned.h"

static vinn_err line_check(const struct vinn_line_input *line, size_t i, struct vinn_error *error)
{
    if (line->text == NULL || line->text[0] == '\0') {
        return vinn_fail(error, VINN_E_FIELD_REQUIRED, "text", "line %zu: text is required",
                         i + 1);
    }
    if (strlen(line->text) > VINN_LINE_TEXT_MAX) {
        return vinn_fail(error, VINN_E_FIELD_TOO_LONG, "text",
                         "line %zu: text is longer than %d bytes", i + 1, VINN_LINE_TEXT_MAX);
    }
    if (line->quantity_milli <= 0 || line->quantity_milli > VINN_QUANTITY_MAX_MILLI) {
        return vinn_fail(error, VINN_E_QUANTITY_INVALID, "quantity",
                         "line %zu: quantity must be positive and at most 1000000000", i + 1);
    }
    if (line->unit_price_minor < 0) {
        return vinn_fail(error, VINN_E_AMOUNT_MUST_NOT_BE_NEGATIVE, "unit_price",
                         "line %zu: unit price must not be negative", i + 1);
    }
    if (line->vat_rate_bp < 0 || line->vat_rate_bp > 10000) {
        return vinn_fail(error, VINN_E_VAT_RATE_INVALID, "vat_rate",
                         "line %zu: VAT rate must be between 0 and 100 percent", i + 1);
    }
    return VINN_OK;
}

/* Add a line net to its rate's group, keeping groups sorted by rate. */
static vinn_err group_add(struct vinn_invoice_totals *t, int32_t rate_bp, int64_t net)
{
    uint32_t at = 0;
    while (at < t->groups_count && t->groups[at].rate_bp < rate_bp) {
        at++;
    }
    if (at < t->groups_count && t->groups[at].rate_bp == rate_bp) {
        int64_t *taxable = &t->groups[at].taxable_minor;
        return __builtin_add_overflow(*taxable, net, taxable) ? VINN_E_AMOUNT_OVERFLOW : VINN_OK;
    }
    if (t->groups_count >= VINN_VAT_GROUPS_MAX) {
        return VINN_E_LIMIT_EXCEEDED;
    }
    memmove(&t->groups[at + 1], &t->groups[at], (t->groups_count - at) * sizeof(t->groups[0]));
    t->groups[at] = (struct vinn_vat_group){rate_bp, net, 0};
    t->groups_count++;
    return VINN_OK;
}

static vinn_err totals_finish(struct vinn_invoice_totals *t)
{
    t->net_minor = 0;
    t->vat_minor = 0;
    for (uint32_t g = 0; g < t->groups_count; g++) {
        struct vinn_vat_group *grp = &t->groups[g];
        vinn_err rc = vinn_round_div((vinn_i128)grp->taxable_minor * grp->rate_bp, 10000,
                                     VINN_ROUND_HALF_UP, &grp->vat_minor);
        if (rc != VINN_OK || __builtin_add_overflow(t->net_minor, grp->taxable_minor,
                                                    &t->net_minor) ||
            __builtin_add_overflow(t->vat_minor, grp->vat_minor, &t->vat_minor)) {
            return VINN_E_AMOUNT_OVERFLOW;
        }
    }
    if (__builtin_add_overflow(t->net_minor, t->vat_minor, &t->gross_minor)) {
        return VINN_E_AMOUNT_OVERFLOW;
    }
    return VINN_OK;
}

static vinn_err line_add(const struct vinn_line_input *line, size_t i, int64_t *net,
                         struct vinn_invoice_totals *t, struct vinn_error *error)
{
    vinn_err rc = line_check(line, i, error);
    if (rc != VINN_OK) {
        return rc;
    }
    rc = vinn_round_div((vinn_i128)line->quantity_milli * line->unit_price_minor,
                        VINN_QUANTITY_SCALE, VINN_ROUND_HALF_UP, net);
    if (rc == VINN_OK) {
        rc = group_add(t, line->vat_rate_bp, *net);
    }
    if (rc == VINN_E_LIMIT_EXCEEDED) {
        return vinn_fail(error, rc, "vat_rate", "an invoice may have at most %d VAT rates",
                         VINN_VAT_GROUPS_MAX);
    }
    if (rc != VINN_OK) {
        return vinn_fail(error, VINN_E_AMOUNT_OVERFLOW, "unit_price",
                         "line %zu: amount overflows", i + 1);
    }
    return VINN_OK;
}

static vinn_err lines_sum(const struct vinn_line_input *lines, size_t lines_count,
                          int64_t *line_nets, struct vinn_invoice_totals *t,
                          struct vinn_error *error)
{
    for (size_t i = 0; i < lines_count; i++) {
        vinn_err rc = line_add(&lines[i], i, &line_nets[i], t, error);
        if (rc != VINN_OK) {
            char prefix[32];
            snprintf(prefix, sizeof(prefix), "lines[%zu]", i);
            vinn_error_prefix_field(error, prefix);
            return rc;
        }
    }
    return VINN_OK;
}

vinn_err vinn_invoice_compute(const struct vinn_line_input *lines, size_t lines_count,
                              int64_t *line_nets, struct vinn_invoice_totals *out,
                              struct vinn_error *error)
{
    if (lines_count == 0) {
        return vinn_fail(error, VINN_E_INVOICE_NO_LINES, "lines", "an invoice needs a line");
    }
    if (lines_count > VINN_INVOICE_LINES_MAX) {
        return vinn_fail(error, VINN_E_INVOICE_TOO_MANY_LINES, "lines",
                         "an invoice may have at most %d lines", VINN_INVOICE_LINES_MAX);
    }
    struct vinn_invoice_totals t;
    memset(&t, 0, sizeof(t));
    /* line_nets is written before the point of no return, but only the
     * caller's scratch: it is meaningful only on success. */
    vinn_err rc = lines_sum(lines, lines_count, line_nets, &t, error);
    if (rc != VINN_OK) {
        return rc;
    }
    if (totals_finish(&t) != VINN_OK) {
        return vinn_fail(error, VINN_E_AMOUNT_OVERFLOW, "lines", "invoice total overflows");
    }
    if (t.gross_minor <= 0) {
        return vinn_fail(error, VINN_E_INVOICE_TOTAL_NOT_POSITIVE, "lines",
                         "invoice total must be positive");
    }
    *out = t;
    return VINN_OK;
}

vinn_err vinn_invoice_credit_split(const struct vinn_invoice_totals *totals, int64_t gross_minor,
                                   int64_t *net_minor, int64_t *vat_minor,
                                   struct vinn_error *error)
{
    if (gross_minor <= 0) {
        return vinn_fail(error, VINN_E_AMOUNT_MUST_BE_POSITIVE, "amount",
                         "credit amount must be positive");
    }
    if (gross_minor > totals->gross_minor) {
        return vinn_fail(error, VINN_E_CREDIT_EXCEEDS_INVOICE, "amount",
                         "credit amount exceeds the invoice total");
    }
    if (gross_minor == totals->gross_minor) {
        *net_minor = totals->net_minor;
        *vat_minor = totals->vat_minor;
        return VINN_OK;
    }
    /* VAT share of the credit: the invoice's VAT in proportion to the part
     * credited, rounded half up; the net is the rest, so net + vat = gross. */
    int64_t vat = 0;
    vinn_err rc = vinn_round_div((vinn_i128)totals->vat_minor * gross_minor, totals->gross_minor,
                                 VINN_ROUND_HALF_UP, &vat);
    VINN_ASSERT(rc == VINN_OK); /* |result| <= totals->vat_minor */
    VINN_ASSERT(vat >= 0 && vat <= gross_minor);
    *vat_minor = vat;
    *net_minor = gross_minor - vat;
    return VINN_OK;
}

vinn_err vinn_invoice_due_date(enum vinn_country country, vinn_day date, bool has_due,
                               vinn_day due, int32_t due_days, vinn_day *out,
                               struct vinn_error *error)
{
    vinn_day raw = due;
    if (has_due && due < date) {
        return vinn_fail(error, VINN_E_DUE_BEFORE_DATE, "due_date",
                         "due date is before the invoice date");
    }
    if (!has_due) {
        if (due_days < 0 || due_days > VINN_DUE_DAYS_MAX) {
            return vinn_fail(error, VINN_E_DUE_DAYS_RANGE, "due_days",
                             "due days %d must be between 0 and %d", (int)due_days,
                             VINN_DUE_DAYS_MAX);
        }
        if (vinn_day_add_days(date, due_days, &raw) != VINN_OK) {
            return vinn_fail(error, VINN_E_DATE_OUT_OF_RANGE, "due_days",
                             "due date is outside 1900..2199");
        }
    }
    if (vinn_calendar_adjust_forward(country, raw, out) != VINN_OK) {
        return vinn_fail(error, VINN_E_DATE_OUT_OF_RANGE, "due_date",
                         "due date is outside 1900..2199");
    }
    return VINN_OK;
}
